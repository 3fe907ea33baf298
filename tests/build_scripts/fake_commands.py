"""Stand-ins for the programs the runtime builder runs (``npm``, ``node``), put first on PATH.

A test says what the program prints and how it ends; the builder runs it exactly as it runs
the real one, so its handling of a failing, silent or hanging tool is tested without npm's
registry or a Pyodide boot.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def only_on_path(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` the whole PATH: the real tools are gone."""
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("PATH", str(folder))


def first_on_path(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Put ``folder`` before the rest of PATH."""
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")


def shell_command(
    folder: Path, name: str, *, stdout: str = "", stderr: str = "", exit_code: int = 0
) -> Path:
    """Write an executable ``folder/name`` that prints ``stdout``/``stderr`` and exits."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.stdout").write_text(stdout, encoding="utf-8")
    (folder / f"{name}.stderr").write_text(stderr, encoding="utf-8")
    return _executable(
        folder / name,
        "#!/bin/sh\n"
        f'cat "{folder}/{name}.stdout"\n'
        f'cat "{folder}/{name}.stderr" >&2\n'
        f"exit {exit_code}\n",
    )


def hanging_command(folder: Path, name: str) -> Path:
    """Write an executable ``folder/name`` that never finishes (within a test's patience)."""
    # exec: the process a timeout kills is the one holding the pipes.
    return _executable(folder / name, "#!/bin/sh\nexec sleep 60\n")


def python_command(folder: Path, name: str, body: str) -> Path:
    """Write an executable ``folder/name`` running ``body`` with this Python."""
    return _executable(folder / name, f"#!{sys.executable}\n{body}")


def _executable(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)
    return path
