"""The built runtime boots under Node exactly as the worker boots it in a browser."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from build_scripts.runtime import LOCK_FILE_NAME, Runtime

SMOKE_SCRIPT = Path(__file__).with_name("runtime_smoke.mjs")

pytestmark = pytest.mark.node


def test_loads_pyodide_and_the_calculators_package(runtime: Runtime) -> None:
    node = shutil.which("node")
    assert node is not None, "Node.js is needed to run the built runtime"
    result = subprocess.run(  # noqa: S603 - a fixed command line
        [node, str(SMOKE_SCRIPT), str(runtime.directory)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])

    lock = json.loads((runtime.directory / LOCK_FILE_NAME).read_text())
    with zipfile.ZipFile(runtime.directory / runtime.wheel_name) as wheel:
        wheel_modules = sorted(
            name.removesuffix(".pyc").removesuffix("/__init__").replace("/", ".")
            for name in wheel.namelist()
            if name.endswith(".pyc")
        )
    assert report["python"] == lock["info"]["python"]
    assert report["location"] == ["/lib/python3.14/site-packages/calculators"]
    assert report["modules"] == wheel_modules  # every module imports under Pyodide
    # Installed from the lock's local file, never from Pyodide's CDN fallback.
    assert report["messages"] == ["Loading calculators", "Loaded calculators"]
