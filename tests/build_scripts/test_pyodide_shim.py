"""Pyodide's private API is used in one module, written for the version the site pins."""

from __future__ import annotations

import json
import re

from tests.conftest import PROJECT_ROOT

SCRIPTS = PROJECT_ROOT / "docs" / "javascripts"
SHIM = SCRIPTS / "pyodide-shim.mjs"
#: What only the shim may touch: Pyodide's private snapshot API and its package registry,
#: and the globals it patches.
PRIVATE = re.compile(
    r"_loadSnapshot|_makeSnapshot|makeMemorySnapshot|loadedPackages"
    r"|globalThis\.fetch\s*=|WebAssembly\[|WebAssembly\.instantiate"
)


def test_the_shim_is_written_for_the_pinned_pyodide() -> None:
    pinned = json.loads((PROJECT_ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    declared = re.search(r'PYODIDE_VERSION = "([^"]+)"', SHIM.read_text(encoding="utf-8"))
    assert declared is not None
    assert declared.group(1) == pinned, (
        "package.json pins another Pyodide: check every use in pyodide-shim.mjs against it, "
        "then update PYODIDE_VERSION there"
    )


def test_no_other_script_uses_pyodides_private_api_or_patches_its_globals() -> None:
    others = [
        *SCRIPTS.glob("*.mjs"),
        *SCRIPTS.glob("*.js"),
        PROJECT_ROOT / "docs" / "service-worker.js",
    ]
    offenders = {
        path.name: PRIVATE.findall(path.read_text(encoding="utf-8"))
        for path in others
        if path != SHIM
    }
    assert {name: found for name, found in offenders.items() if found} == {}
