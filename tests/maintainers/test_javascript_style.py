"""The browser code is held to the same standard as the Python: Biome finds nothing."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import PROJECT_ROOT


def test_biome_finds_no_lint_or_format_problem_in_the_javascript() -> None:
    biome = PROJECT_ROOT / "node_modules" / ".bin" / "biome"
    if not biome.exists():
        pytest.fail("Biome mangler: `make setup` installerer det med npm ci.")
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [str(biome), "check", "--colors=off", "--max-diagnostics=20"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Biome checked the files the project ships and tests, not an empty selection.
    checked = re.search(r"Checked (\d+) files", result.stdout + result.stderr)
    assert checked is not None
    assert int(checked.group(1)) >= 20  # the project's .js and .mjs files
