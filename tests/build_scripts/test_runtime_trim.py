"""The trimmed standard library: what is kept, and that everything the site imports still works.

The parity test (test_pyodide_parity.py) runs every calculator in the trimmed runtime; these
tests pin down the keep list itself, check the shipped zip against it in Node, and show the
build catching a module the calculators need but the zip left out.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from build_scripts.runtime import Runtime, RuntimeBuildError, build_runtime
from build_scripts.runtime.builder import CLI_MODULE
from build_scripts.runtime.bytecompile import STDLIB_NAME
from build_scripts.runtime.trim_stdlib import ALWAYS_KEEP, imported_modules, keep_list
from build_scripts.runtime.wheel import python_sources
from tests.build_scripts.runtime_support import (
    NPM_PYODIDE,
    PROJECT_ROOT,
    RUNTIME_CACHE,
    copy_project,
)

IMPORTS_SCRIPT = Path(__file__).with_name("runtime_imports.mjs")
#: What Pyodide itself imports while it boots and installs a wheel: never to be trimmed.
PYODIDE_OWN = ("_pyodide", "pyodide", "pyodide.ffi", "pyodide._package_loader", "encodings")


def _calculator_sources() -> dict[PurePosixPath, bytes]:
    """The sources the browser's wheel is built from (the command line is left out)."""
    return {
        path: (PROJECT_ROOT / path).read_bytes()
        for path in python_sources(PROJECT_ROOT / "calculators")
        if path.name != CLI_MODULE
    }


# --- Which imports count ----------------------------------------------------------------------


def test_imports_anywhere_in_a_module_count() -> None:
    source = b"""
from __future__ import annotations
import math, xml.etree.ElementTree as ET
from decimal import Decimal
from . import sibling
from .numbers import parse

def later():
    import statistics
    from fractions import Fraction
"""
    required, optional = imported_modules(source)
    assert required == {
        "__future__",
        "math",
        "xml.etree.ElementTree",
        "decimal",
        "statistics",
        "fractions",
    }
    assert optional == {"__future__.annotations", "decimal.Decimal", "fractions.Fraction"}


def test_imports_only_for_type_checkers_do_not_count() -> None:
    source = b"""
import typing
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from collections.abc import Mapping
    import tkinter
if typing.TYPE_CHECKING:
    import turtle
else:
    import json
"""
    required, _ = imported_modules(source)
    assert required == {"typing", "json"}


def test_keep_list_leaves_out_the_package_and_adds_codecs() -> None:
    sources = {
        PurePosixPath(
            "calculators/a.py"
        ): b"import calculators.b\nfrom calculators import c\nimport re\n",
    }
    keep = keep_list(sources, "calculators")
    assert set(keep.required) == {"re", *ALWAYS_KEEP}
    assert keep.optional == ()


def test_keep_list_of_the_real_calculators_names_what_they_import() -> None:
    keep = keep_list(_calculator_sources(), "calculators")
    # A sample that must be there whatever the calculators grow into.
    assert {"math", "decimal", "xml.etree.ElementTree", "dataclasses"} <= set(keep.required)
    assert not [name for name in keep.required if name.startswith("calculators")]


# --- The shipped zip --------------------------------------------------------------------------


def _stdlib_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def test_shipped_stdlib_is_a_subset_of_pyodides(runtime: Runtime) -> None:
    shipped = _stdlib_names(runtime.directory / STDLIB_NAME)
    original = set(_stdlib_names(NPM_PYODIDE / STDLIB_NAME))
    files = [name for name in shipped if not name.endswith("/")]
    assert files, "the trimmed standard library is empty"
    assert all(name.endswith(".pyc") for name in files)
    assert {name[:-1] for name in files} <= original  # each one compiled from a source there
    assert len(files) < len([name for name in original if name.endswith(".py")]) / 2
    for package in ("_pyodide/", "pyodide/", "encodings/", "xml/etree/"):
        assert f"{package}__init__.pyc" in shipped


def test_every_module_the_site_imports_works_in_the_built_runtime(runtime: Runtime) -> None:
    keep = keep_list(_calculator_sources(), "calculators")
    names = sorted({*keep.required, *PYODIDE_OWN})
    node = shutil.which("node")
    assert node is not None, "Node.js is needed to run the built runtime"
    result = subprocess.run(  # noqa: S603 - a fixed command line
        [node, str(IMPORTS_SCRIPT), str(runtime.directory), json.dumps(names)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, _short(result.stderr)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["failed"] == {}
    assert report["imported"] == names


# --- Modules the zip leaves out ---------------------------------------------------------------


@pytest.mark.slow
def test_a_module_imported_out_of_sight_is_measured_again(tmp_path: Path, runtime: Runtime) -> None:
    """No import statement names `statistics`: the cached zip lacks it, so the build measures."""
    project = copy_project(tmp_path / "project")
    cache_dir = tmp_path / "cache"
    shutil.copytree(RUNTIME_CACHE / "stdlib", cache_dir / "stdlib")
    with (project / "calculators" / "numbers.py").open("a", encoding="utf-8") as source:
        source.write('\n_STATISTICS = __import__("importlib").import_module("statistics")\n')
    assert "statistics.pyc" not in _stdlib_names(runtime.directory / STDLIB_NAME)

    rebuilt = build_runtime(project, cache_dir)

    assert "statistics.pyc" in _stdlib_names(rebuilt.directory / STDLIB_NAME)


@pytest.mark.slow
def test_a_module_pyodide_does_not_have_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with (project / "calculators" / "numbers.py").open("a", encoding="utf-8") as source:
        source.write("\nimport tkinter\n")
    with pytest.raises(RuntimeBuildError, match="imports tkinter"):
        build_runtime(project, tmp_path / "cache")


def _short(text: str) -> str:
    """Node quotes Pyodide's one-line, megabyte-long source on errors; keep the rest."""
    return "\n".join(line for line in text.splitlines() if len(line) < 500)


def test_a_module_that_does_not_parse_is_named() -> None:
    with pytest.raises(
        RuntimeBuildError, match=r"calculators/nps\.py is not valid Python \(line 2\)"
    ):
        imported_modules(b"x = 1\nbroken = (\n", filename="calculators/nps.py")
