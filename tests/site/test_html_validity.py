"""Every built page passes the W3C's Nu HTML checker (vnu, from npm), errors only."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

from tests.conftest import PROJECT_ROOT

if TYPE_CHECKING:
    from tests.conftest import BuiltSite

VNU = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_the_checker_finds_no_error_on_any_page(built_site: BuiltSite) -> None:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail("The checker needs Java and vnu-jar (`make setup` installs it with npm ci).")
    pages = sorted(str(p) for p in built_site.directory.rglob("*.html"))
    assert len(pages) >= 30
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    found = [
        f"{m.get('url', '').split(str(built_site.directory))[-1]}:{m.get('lastLine')}: "
        f"{m['message']}"
        for m in messages
    ]
    assert found == []
