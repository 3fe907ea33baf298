"""Helpers shared by the runtime builder's tests: the real project and throwaway copies of it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NPM_PYODIDE = PROJECT_ROOT / "node_modules" / "pyodide"


def pinned_pyodide_version() -> str:
    """The Pyodide version ``package.json`` pins: the one place that names it."""
    manifest = json.loads((PROJECT_ROOT / "package.json").read_text(encoding="utf-8"))
    return str(manifest["dependencies"]["pyodide"])


def shared_cache(factory: pytest.TempPathFactory) -> Path:
    """One runtime cache for the whole session: keys are content hashes, so sharing is safe."""
    return factory.getbasetemp() / "runtime-cache"


def copy_project(destination: Path, *, copy_node_modules: bool = False) -> Path:
    """Copy what the builder reads into ``destination``; ``node_modules`` is linked unless asked.

    A linked ``node_modules`` keeps the copy cheap; copying it lets a test tamper with it.
    """
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json", "pyproject.toml"):
        shutil.copyfile(PROJECT_ROOT / name, destination / name)
    shutil.copytree(
        PROJECT_ROOT / "calculators",
        destination / "calculators",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    if copy_node_modules:
        shutil.copytree(NPM_PYODIDE, destination / "node_modules" / "pyodide")
    else:
        (destination / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")
    return destination
