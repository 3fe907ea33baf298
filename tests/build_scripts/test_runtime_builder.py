"""The runtime builder: the files it publishes, the wheel, the site's lock and the cache."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from email.parser import Parser
from pathlib import Path, PurePosixPath

import pytest

from build_scripts.runtime import (
    LOCK_FILE_NAME,
    PYODIDE_FILES,
    Runtime,
    build_runtime,
    export_runtime,
)
from build_scripts.runtime import cache as runtime_cache
from build_scripts.runtime.builder import CLI_MODULE
from build_scripts.runtime.bytecompile import STDLIB_NAME
from build_scripts.runtime.wheel import build_wheel, python_sources
from tests.build_scripts.runtime_support import (
    NPM_PYODIDE,
    PROJECT_ROOT,
    RUNTIME_CACHE,
    copy_project,
    pinned_pyodide_version,
)

# The tag of the Python the pinned Pyodide runs: cp314 for Python 3.14.
PYTHON_TAG = "cp" + "".join(
    json.loads((NPM_PYODIDE / LOCK_FILE_NAME).read_text())["info"]["python"].split(".")[:2]
)


def _read_lock(runtime: Runtime) -> dict[str, object]:
    lock: dict[str, object] = json.loads((runtime.directory / LOCK_FILE_NAME).read_text())
    return lock


def test_publishes_exactly_what_a_worker_fetches(runtime: Runtime) -> None:
    assert runtime.files == tuple(sorted((*PYODIDE_FILES, runtime.wheel_name, LOCK_FILE_NAME)))
    on_disk = sorted(p.name for p in runtime.directory.iterdir() if not p.name.startswith("."))
    assert on_disk == sorted(runtime.files)
    assert runtime.pyodide_version == pinned_pyodide_version()


@pytest.mark.parametrize("name", [name for name in PYODIDE_FILES if name != STDLIB_NAME])
def test_pyodide_files_are_the_npm_packages_own(runtime: Runtime, name: str) -> None:
    # python_stdlib.zip is trimmed and byte-compiled: see test_runtime_bytecode.py.
    assert (runtime.directory / name).read_bytes() == (NPM_PYODIDE / name).read_bytes()


def test_lock_lists_only_the_calculators_wheel_with_its_sha256(runtime: Runtime) -> None:
    lock = _read_lock(runtime)
    npm_lock = json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text())
    wheel_sha256 = hashlib.sha256((runtime.directory / runtime.wheel_name).read_bytes())

    assert lock["info"] == npm_lock["info"]  # Pyodide refuses a lock for another ABI
    assert lock["packages"] == {
        "calculators": {
            "name": "calculators",
            "version": "0.1.0",
            "file_name": runtime.wheel_name,
            "install_dir": "site",
            "sha256": wheel_sha256.hexdigest(),
            "package_type": "package",
            "imports": ["calculators"],
            "depends": [],
            "unvendored_tests": False,
            "tool": {},
        }
    }


def test_wheel_holds_the_calculators_as_bytecode(runtime: Runtime) -> None:
    # Bytecode runs only on the Python it was compiled by: the tag says which.
    assert runtime.wheel_name == f"calculators-0.1.0-{PYTHON_TAG}-none-any.whl"
    with zipfile.ZipFile(runtime.directory / runtime.wheel_name) as wheel:
        names = wheel.namelist()
        metadata = Parser().parsestr(wheel.read("calculators-0.1.0.dist-info/METADATA").decode())
        tags = Parser().parsestr(wheel.read("calculators-0.1.0.dist-info/WHEEL").decode())
        dates = {info.date_time for info in wheel.infolist()}

    modules = [name for name in names if not name.startswith("calculators-0.1.0.dist-info/")]
    expected = [
        f"{path}c"
        for path in python_sources(PROJECT_ROOT / "calculators")
        if path.name != CLI_MODULE  # the command line is for CPython, not the browser
    ]
    assert sorted(modules) == expected
    assert tags.get_all("Tag") == [f"{PYTHON_TAG}-none-any"]
    assert {name.rpartition("/")[2] for name in names if name not in modules} <= {
        "METADATA",
        "WHEEL",
        "RECORD",
        "top_level.txt",
    }
    assert metadata["Name"] == "calculators"
    assert metadata.get_all("Requires-Dist") is None
    assert dates == {(1980, 1, 1, 0, 0, 0)}


def test_wheel_is_reproducible(tmp_path: Path) -> None:
    sources = {
        PurePosixPath("calculators/__init__.py"): b'"""Kalkulatorer."""\n',
        PurePosixPath("calculators/sub/formula.py"): b"def double(x):\n    return 2 * x\n",
    }
    first = build_wheel(sources, "0.1.0", tmp_path / "first")
    second = build_wheel(dict(reversed(sources.items())), "0.1.0", tmp_path / "second")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as wheel:
        assert "calculators/sub/formula.py" in wheel.namelist()


def test_second_call_hits_the_cache_quickly(runtime: Runtime) -> None:
    started = time.perf_counter()
    again = build_runtime(PROJECT_ROOT, RUNTIME_CACHE)
    elapsed = time.perf_counter() - started
    assert again == runtime
    assert elapsed < 0.5, f"a cache hit took {elapsed:.2f} s"


def test_changed_calculator_gives_a_new_runtime(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    # The shared cache: the copy's runtime is the project's (same inputs, same key), and the
    # changed one is built once and then found by its key on later runs.
    before = build_runtime(project, RUNTIME_CACHE, keep=10)  # keep the other tests' runtimes
    with (project / "calculators" / "numbers.py").open("a", encoding="utf-8") as source:
        source.write("\n# endret\n")
    after = build_runtime(project, RUNTIME_CACHE, keep=10)

    assert after.key != before.key
    assert after.directory != before.directory
    assert before.directory.is_dir()  # the previous runtime is kept, not rebuilt in place
    assert (after.directory / after.wheel_name).read_bytes() != (
        before.directory / before.wheel_name
    ).read_bytes()
    lock = _read_lock(after)
    packages = lock["packages"]
    assert isinstance(packages, dict)
    assert (
        packages["calculators"]["sha256"]
        == hashlib.sha256((after.directory / after.wheel_name).read_bytes()).hexdigest()
    )


def test_prune_keeps_the_most_recently_used(tmp_path: Path) -> None:
    entries = []
    for age, name in enumerate(["newest", "newer", "older", "oldest"]):
        entry = tmp_path / f"{runtime_cache.ENTRY_PREFIX}{name}"
        entry.mkdir()
        stamp = time.time() - 100 * (age + 1)
        os.utime(entry, (stamp, stamp))
        entries.append(entry)
    current = tmp_path / f"{runtime_cache.ENTRY_PREFIX}current"
    current.mkdir()
    os.utime(current, (0, 0))  # even an old-looking current entry survives

    removed = runtime_cache.prune(tmp_path, keep=3, current=current)

    assert sorted(removed) == sorted(entries[2:])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in [current, *entries[:2]]
    )


def test_damaged_cache_entry_is_rebuilt(runtime: Runtime, tmp_path: Path) -> None:
    damaged = tmp_path / "cache" / runtime.directory.name
    shutil.copytree(runtime.directory, damaged)
    # The trimmed standard library too, so only the runtime is rebuilt (in seconds).
    shutil.copytree(RUNTIME_CACHE / "stdlib", tmp_path / "cache" / "stdlib")
    (damaged / runtime.wheel_name).unlink()

    repaired = build_runtime(PROJECT_ROOT, tmp_path / "cache")

    assert repaired.directory == damaged
    assert (damaged / runtime.wheel_name).read_bytes() == (
        runtime.directory / runtime.wheel_name
    ).read_bytes()


def test_export_copies_the_files(runtime: Runtime, tmp_path: Path) -> None:
    written = export_runtime(runtime, tmp_path / "assets" / "pyodide")
    assert [path.name for path in written] == list(runtime.files)
    for path in written:
        assert path.read_bytes() == (runtime.directory / path.name).read_bytes()


def test_cli_builds_into_out(runtime: Runtime, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run(  # noqa: S603 - a fixed command line
        [
            sys.executable,
            "-m",
            "build_scripts",
            "runtime",
            "--out",
            str(out),
            "--cache",
            str(RUNTIME_CACHE),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(runtime.files)
    for name in runtime.files:
        assert str(out / name) in result.stdout
    assert f"Pyodide {runtime.pyodide_version}" in result.stdout


def test_cli_reports_errors_plainly(tmp_path: Path) -> None:
    command = ["runtime", "--out", str(tmp_path / "out"), "--project-root", str(tmp_path)]
    result = subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, "-m", "build_scripts", *command],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("error: package.json is missing")
    assert "Traceback" not in result.stderr


def test_pyodide_version_is_named_only_in_package_json() -> None:
    version = pinned_pyodide_version()
    builder_code = (PROJECT_ROOT / "build_scripts" / "runtime").glob("*.py")
    assert [path.name for path in builder_code if version in path.read_text()] == []
