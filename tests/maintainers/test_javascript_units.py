"""The browser code's pure modules have unit tests under ``node --test`` (tests/js/)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import PROJECT_ROOT


def test_the_javascript_unit_tests_pass_under_node() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js mangler: kalkulatorenes kjøretid bygges med den, installer Node 20.")
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [node, "--test", "tests/js/"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    # Node ran the tests it found, not an empty selection.
    passed = re.search(r"^# pass (\d+)$", result.stdout, re.MULTILINE)
    assert passed is not None
    assert int(passed.group(1)) >= 20
