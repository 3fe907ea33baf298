"""The two jobs the build runs inside Pyodide under Node, run here natively on CPython.

``pyodide_measure.py`` and ``pyodide_compile.py`` are plain Python that Pyodide executes at
build time (test_runtime_trim.py and test_runtime_bytecode.py check what they produce there).
Run natively, against small packages and zips made here, their contracts can be pinned one by
one: what counts as missing, which zip entries are reported, what the bytecode looks like.
"""

from __future__ import annotations

import importlib.util
import marshal
import py_compile
import sys
import textwrap
import types
import zipfile
from typing import TYPE_CHECKING

import pytest

from build_scripts.runtime import pyodide_compile, pyodide_measure

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

# PEP 552: bit 0 = hash-based, bit 1 = check the source. Unchecked: no source is shipped.
UNCHECKED_HASH_FLAGS = 0b01
FAKE_PACKAGE = "measured_pkg"
FAKE_STDLIB = ("probe_stdlib_mod", "probe_stdlib_pkg", "probe_stdlib_pkg.inner")


@pytest.fixture(autouse=True)
def forget_fake_modules() -> Iterator[None]:
    """Each test imports its own fake package and stdlib modules afresh."""
    yield
    fake = (FAKE_PACKAGE, *FAKE_STDLIB)
    for name in [n for n in sys.modules if n in fake or n.startswith(f"{FAKE_PACKAGE}.")]:
        del sys.modules[name]


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


CALLS_RECORDED = """
    '''A package shaped like calculators: a catalogue and evaluate().'''
    from types import SimpleNamespace

    CALLS = []
    CATALOGUE = {
        "first": SimpleNamespace(fields=[SimpleNamespace(name="a"), SimpleNamespace(name="b")]),
    }

    def evaluate(calculator_id, inputs):
        CALLS.append((calculator_id, inputs))
"""


@pytest.fixture
def fake_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package with a subpackage, a module, caches and a data file, importable by name."""
    root = tmp_path / "site-packages"
    _write(
        root,
        {
            f"{FAKE_PACKAGE}/__init__.py": CALLS_RECORDED,
            f"{FAKE_PACKAGE}/sub/__init__.py": "",
            f"{FAKE_PACKAGE}/sub/module.py": "VALUE = 1\n",
            f"{FAKE_PACKAGE}/__pycache__/stale.py": "raise SystemExit('never imported')\n",
            f"{FAKE_PACKAGE}/notes.txt": "not a module\n",
        },
    )
    monkeypatch.syspath_prepend(str(root))
    return root / FAKE_PACKAGE


@pytest.fixture
def stdlib_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A zip first on ``sys.path``, standing in for Pyodide's ``python_stdlib.zip``."""
    archive = tmp_path / "python_stdlib.zip"
    source, compiled = tmp_path / "inner.py", tmp_path / "inner.pyc"
    source.write_text("NAME = 'inner'\n", encoding="utf-8")
    py_compile.compile(
        str(source),
        cfile=str(compiled),
        doraise=True,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
    )
    with zipfile.ZipFile(archive, "w") as stdlib:
        stdlib.writestr("probe_stdlib_mod.py", "import probe_stdlib_pkg.inner\n")
        stdlib.writestr("probe_stdlib_pkg/__init__.py", "")
        # Bytecode without its source, as the trimmed zip holds its modules.
        stdlib.writestr("probe_stdlib_pkg/inner.pyc", compiled.read_bytes())
        stdlib.writestr("probe_stdlib_pkg/extra.py", EXTRA_SOURCE)
        stdlib.writestr("never_imported.py", "")
    monkeypatch.syspath_prepend(str(archive))
    return archive


EXTRA_SOURCE = '"""Docstring."""\nassert False, "optimised away"\nNAME = "extra"\n'


# --- measuring --------------------------------------------------------------------------------


@pytest.mark.usefixtures("fake_package")
def test_measure_runs_every_calculator_with_defaults_junk_and_an_unknown_id(
    stdlib_zip: Path,
) -> None:
    result = pyodide_measure.measure(FAKE_PACKAGE, ["probe_stdlib_mod"], [])

    calls = sys.modules[FAKE_PACKAGE].CALLS
    assert calls == [
        ("first", {}),
        ("first", {"a": "ikke et tall", "b": "ikke et tall"}),
        ("ukjent", {}),
    ]
    assert result["missing"] == []
    # Sources named for every module loaded from the zip (bytecode too), folders above them.
    assert result["stdlib"] == [
        "probe_stdlib_mod.py",
        "probe_stdlib_pkg/",
        "probe_stdlib_pkg/__init__.py",
        "probe_stdlib_pkg/inner.py",
    ]
    assert str(stdlib_zip) in sys.modules["probe_stdlib_mod"].__file__


@pytest.mark.usefixtures("fake_package", "stdlib_zip")
def test_measure_imports_every_module_of_the_package_but_not_its_caches() -> None:
    pyodide_measure.measure(FAKE_PACKAGE, [], [])

    assert f"{FAKE_PACKAGE}.sub.module" in sys.modules
    assert f"{FAKE_PACKAGE}.__pycache__.stale" not in sys.modules


@pytest.mark.usefixtures("fake_package", "stdlib_zip")
def test_missing_modules_are_reported_and_nothing_else() -> None:
    result = pyodide_measure.measure(
        FAKE_PACKAGE,
        ["probe_stdlib_mod", "no_such_module"],
        # `from json import dumps` names an attribute: not missing. A missing parent is.
        ["json.dumps", "no_such_parent.thing"],
    )

    assert result == {"missing": ["no_such_module", "no_such_parent"], "stdlib": []}
    assert sys.modules[FAKE_PACKAGE].CALLS == [], "nothing runs once a module is missing"


@pytest.mark.usefixtures("stdlib_zip")
def test_a_module_a_calculator_imports_only_when_it_runs_is_reported(fake_package: Path) -> None:
    _write(
        fake_package,
        {
            "__init__.py": """
                CATALOGUE = {"first": type("C", (), {"fields": ()})()}

                def evaluate(calculator_id, inputs):
                    import lazily_missing_module
            """
        },
    )

    result = pyodide_measure.measure(FAKE_PACKAGE, [], [])

    assert result == {"missing": ["lazily_missing_module"], "stdlib": []}


def test_a_package_that_is_not_installed_stops_the_measurement() -> None:
    with pytest.raises(RuntimeError, match="the no_such_package package is not installed"):
        pyodide_measure.measure("no_such_package", [], [])


@pytest.mark.usefixtures("fake_package")
def test_a_python_without_a_stdlib_zip_stops_the_measurement(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "path", [p for p in sys.path if not p.endswith(".zip")])

    with pytest.raises(RuntimeError, match=r"no standard-library zip on sys\.path"):
        pyodide_measure.measure(FAKE_PACKAGE, [], [])


# --- compiling --------------------------------------------------------------------------------


def _archive(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _code(pyc: bytes) -> types.CodeType:
    assert pyc[:4] == importlib.util.MAGIC_NUMBER
    assert int.from_bytes(pyc[4:8], "little") == UNCHECKED_HASH_FLAGS
    code = marshal.loads(pyc[16:])  # noqa: S302 - bytecode this test just compiled
    assert isinstance(code, types.CodeType)
    return code


OPTIMIZE = {"package": 2, "stdlib": 2}


@pytest.mark.usefixtures("stdlib_zip")
def test_compile_job_writes_the_package_as_bytecode_named_as_installed(
    fake_package: Path, tmp_path: Path
) -> None:
    job = tmp_path / "job"
    job.mkdir()

    pyodide_compile.compile_job(str(job), FAKE_PACKAGE, None, OPTIMIZE)

    package = _archive(job / "package.zip")
    assert sorted(package) == [
        f"{FAKE_PACKAGE}/__init__.pyc",
        f"{FAKE_PACKAGE}/sub/__init__.pyc",
        f"{FAKE_PACKAGE}/sub/module.pyc",
    ]
    code = _code(package[f"{FAKE_PACKAGE}/sub/module.pyc"])
    # Tracebacks name the file as installed in site-packages.
    assert code.co_filename == str(fake_package / "sub" / "module.py")
    assert not (job / "stdlib.zip").exists(), "a cached standard library is not compiled again"


def test_compile_job_compiles_the_kept_stdlib_entries_without_docstrings_or_asserts(
    stdlib_zip: Path, tmp_path: Path, fake_package: Path
) -> None:
    del fake_package
    job = tmp_path / "job"
    job.mkdir()
    entries = ["probe_stdlib_pkg/", "probe_stdlib_pkg/extra.py"]

    pyodide_compile.compile_job(str(job), FAKE_PACKAGE, entries, OPTIMIZE)

    stdlib = _archive(job / "stdlib.zip")
    assert sorted(stdlib) == ["probe_stdlib_pkg/", "probe_stdlib_pkg/extra.pyc"]
    assert stdlib["probe_stdlib_pkg/"] == b""
    code = _code(stdlib["probe_stdlib_pkg/extra.pyc"])
    assert code.co_filename == f"{stdlib_zip}/probe_stdlib_pkg/extra.py"
    namespace: dict[str, object] = {}
    exec(code, namespace)  # noqa: S102 - bytecode this test compiled from its own source
    assert namespace.get("__doc__") is None  # -OO drops docstrings
    assert namespace["NAME"] == "extra"  # and asserts: `assert False` did not stop it
    with zipfile.ZipFile(job / "stdlib.zip") as archive:
        folder, module = archive.getinfo("probe_stdlib_pkg/"), archive.getinfo(entries[1] + "c")
    assert (folder.compress_type, folder.external_attr >> 16) == (zipfile.ZIP_STORED, 0o040755)
    assert (module.compress_type, module.external_attr >> 16) == (zipfile.ZIP_DEFLATED, 0o100644)
    assert module.date_time == folder.date_time == (1980, 1, 1, 0, 0, 0)


@pytest.mark.usefixtures("stdlib_zip")
def test_compile_job_gives_the_same_bytes_every_time(fake_package: Path, tmp_path: Path) -> None:
    del fake_package
    outputs = []
    for name in ("first", "second"):
        job = tmp_path / name
        job.mkdir()
        entries = ["probe_stdlib_mod.py", "probe_stdlib_pkg/extra.py"]
        pyodide_compile.compile_job(str(job), FAKE_PACKAGE, entries, OPTIMIZE)
        outputs.append(((job / "package.zip").read_bytes(), (job / "stdlib.zip").read_bytes()))

    assert outputs[0] == outputs[1]


@pytest.mark.usefixtures("stdlib_zip")
def test_a_module_that_does_not_compile_is_named(fake_package: Path, tmp_path: Path) -> None:
    _write(fake_package, {"sub/broken.py": "def unfinished(:\n"})
    job = tmp_path / "job"
    job.mkdir()

    with pytest.raises(pyodide_compile.CompileError, match=r"sub/broken\.py does not compile"):
        pyodide_compile.compile_job(str(job), FAKE_PACKAGE, None, OPTIMIZE)
