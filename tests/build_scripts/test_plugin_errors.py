"""A maintainer's mistake in a calculator module gives a short build error, not a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.build
def test_broken_calculator_module_fails_the_build_with_a_clear_message(tmp_path: Path) -> None:
    for name in ("calculators", "build_scripts", "docs"):
        shutil.copytree(PROJECT_ROOT / name, tmp_path / name)
    for name in ("mkdocs.yml", "package.json", "package-lock.json", "pyproject.toml"):
        shutil.copy(PROJECT_ROOT / name, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")
    with (tmp_path / "calculators" / "nps.py").open("a", encoding="utf-8") as module:
        module.write("\nbroken = (\n")

    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(tmp_path), "NO_MKDOCS_2_WARNING": "1"},
    )

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Kunne ikke laste kalkulatorene: SyntaxError" in output
    assert "nps.py" in output
    assert "Traceback" not in output
