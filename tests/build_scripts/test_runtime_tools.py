"""When npm or Node fails, is missing or hangs, the build stops with a message that says so.

The runtime builder runs ``npm pack`` (to verify Pyodide against the lock) and Node (to
byte-compile in Pyodide). Stand-ins from :mod:`tests.build_scripts.fake_commands` take their
place on PATH; the happy paths run the real tools in the other runtime tests.
"""

from __future__ import annotations

import functools
import io
import json
import logging
import tarfile
import zipfile
from typing import TYPE_CHECKING

import pytest

from build_scripts.runtime import RuntimeBuildError, build_runtime, bytecompile, npm_integrity
from build_scripts.runtime.bytecompile import BOOT_FILES, STDLIB_NAME, Compiled, compile_runtime
from build_scripts.runtime.trim_stdlib import KeepList
from tests.build_scripts.fake_commands import (
    first_on_path,
    hanging_command,
    only_on_path,
    python_command,
    shell_command,
)
from tests.build_scripts.runtime_support import PROJECT_ROOT, copy_project, pinned_pyodide_version

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

SPEC = f"pyodide@{pinned_pyodide_version()}"


def _assert_nothing_cached(cache_dir: Path) -> None:
    entries = [p for p in cache_dir.iterdir() if p.name != "stdlib"] if cache_dir.exists() else []
    assert entries == []


# --- package.json and the lock ------------------------------------------------------------------


def _edit_json(path: Path, edit: object) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(edit(data) if callable(edit) else edit), encoding="utf-8")


def _drop_pyodide(manifest: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    manifest["dependencies"].pop("pyodide")
    return manifest


def _drop_integrity(lock: dict[str, dict[str, dict[str, str]]]) -> object:
    lock["packages"]["node_modules/pyodide"].pop("integrity")
    return lock


@pytest.mark.parametrize(
    ("file_name", "edit", "message"),
    [
        ("package.json", _drop_pyodide, "package.json does not list the npm package 'pyodide'"),
        # A manifest that is not an object declares nothing either.
        ("package.json", ["pyodide"], "package.json does not list the npm package 'pyodide'"),
        ("package-lock.json", _drop_integrity, f"has no sha512 integrity for {SPEC}"),
    ],
    ids=["not-a-dependency", "not-an-object", "no-integrity"],
)
def test_a_pin_the_builder_cannot_trust_is_refused(
    tmp_path: Path, file_name: str, edit: object, message: str
) -> None:
    project = copy_project(tmp_path / "project")
    _edit_json(project / file_name, edit)

    with pytest.raises(RuntimeBuildError, match=message):
        build_runtime(project, tmp_path / "cache")


def test_a_manifest_that_is_not_json_is_named(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "package.json").write_text('{"dependencies": {"pyodide": ', encoding="utf-8")

    with pytest.raises(RuntimeBuildError, match=r"package\.json is not valid JSON: Expecting"):
        build_runtime(project, tmp_path / "cache")


# --- npm pack -----------------------------------------------------------------------------------


def test_without_npm_the_build_says_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    only_on_path(monkeypatch, tmp_path / "bin")

    with pytest.raises(RuntimeBuildError, match=r"npm was not found on PATH: install Node\.js"):
        build_runtime(PROJECT_ROOT, tmp_path / "cache")
    _assert_nothing_cached(tmp_path / "cache")


def test_npm_pack_failing_is_reported_with_what_npm_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell_command(tmp_path / "bin", "npm", stderr="npm ERR! code E404\n", exit_code=1)
    first_on_path(monkeypatch, tmp_path / "bin")

    with pytest.raises(RuntimeBuildError) as raised:
        build_runtime(PROJECT_ROOT, tmp_path / "cache")

    assert str(raised.value) == f"`npm pack {SPEC}` failed:\nnpm ERR! code E404"
    _assert_nothing_cached(tmp_path / "cache")


@pytest.mark.parametrize("printed", ["", "npm notice\n", "[]", '[{"name": "pyodide"}]'])
def test_npm_pack_naming_no_tarball_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, printed: str
) -> None:
    shell_command(tmp_path / "bin", "npm", stdout=printed)
    first_on_path(monkeypatch, tmp_path / "bin")

    with pytest.raises(RuntimeBuildError, match=rf"`npm pack {SPEC}` printed no tarball name"):
        build_runtime(PROJECT_ROOT, tmp_path / "cache")


def test_npm_pack_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hanging_command(tmp_path / "bin", "npm")
    first_on_path(monkeypatch, tmp_path / "bin")
    monkeypatch.setattr(npm_integrity, "_NPM_TIMEOUT_SECONDS", 0.2)

    with pytest.raises(RuntimeBuildError, match=rf"`npm pack {SPEC}` did not finish in 0\.2 s"):
        build_runtime(PROJECT_ROOT, tmp_path / "cache")


def test_a_tarball_without_a_needed_file_names_it(tmp_path: Path) -> None:
    tarball = tmp_path / "pyodide-0.0.0.tgz"
    with tarfile.open(tarball, "w:gz") as archive:
        folder = tarfile.TarInfo("package/pyodide.asm.wasm")  # a folder by that name is no file
        folder.type = tarfile.DIRTYPE
        archive.addfile(folder)
        module = tarfile.TarInfo("package/pyodide.mjs")
        module.size = 6
        archive.addfile(module, io.BytesIO(b"export"))

    with pytest.raises(
        RuntimeBuildError, match=r"^pyodide-0\.0\.0\.tgz has no pyodide\.asm\.wasm$"
    ):
        npm_integrity.read_tarball_files(tarball, ["pyodide.mjs", "pyodide.asm.wasm"])
    assert npm_integrity.read_tarball_files(tarball, ["pyodide.mjs"]) == {"pyodide.mjs": b"export"}


def test_installed_files_are_checked_only_where_the_package_is_installed(tmp_path: Path) -> None:
    pin = npm_integrity.read_pin(PROJECT_ROOT, "pyodide")

    with pytest.raises(RuntimeBuildError, match=r"^node_modules/pyodide is missing — run `npm ci`"):
        npm_integrity.check_installed(tmp_path, pin, {"pyodide.mjs": b""})


# --- Node ---------------------------------------------------------------------------------------


def _cached_stdlib(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "stdlib" / "python_stdlib-test.zip"


@pytest.fixture
def compile_in_node(tmp_path: Path) -> Callable[[], Compiled]:
    """compile_runtime with what the builder would pass; the fake Node never reads the files."""
    wheel = tmp_path / "calculators-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"")
    return functools.partial(
        compile_runtime,
        npm_files=dict.fromkeys((*BOOT_FILES, STDLIB_NAME), b""),
        source_wheel=wheel,
        package="calculators",
        keep=KeepList(required=("json",), optional=()),
        stdlib_cache=_cached_stdlib(tmp_path),
    )


def test_without_node_the_build_says_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compile_in_node: Callable[[], Compiled]
) -> None:
    only_on_path(monkeypatch, tmp_path / "bin")

    with pytest.raises(RuntimeBuildError, match=r"Node\.js was not found on PATH"):
        compile_in_node()


def test_node_failing_is_reported_without_pyodides_megabyte_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compile_in_node: Callable[[], Compiled]
) -> None:
    quoted_source = "x" * 600
    stderr = f"{quoted_source}\nPythonError: boom\n    at main (run_in_pyodide.js:40)\n"
    shell_command(tmp_path / "bin", "node", stderr=stderr, exit_code=1)
    first_on_path(monkeypatch, tmp_path / "bin")

    with pytest.raises(RuntimeBuildError) as raised:
        compile_in_node()

    assert str(raised.value) == (
        "byte-compiling in Pyodide under Node failed:\n"
        "PythonError: boom\n    at main (run_in_pyodide.js:40)"
    )


def test_node_that_hangs_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compile_in_node: Callable[[], Compiled]
) -> None:
    hanging_command(tmp_path / "bin", "node")
    first_on_path(monkeypatch, tmp_path / "bin")
    monkeypatch.setattr(bytecompile, "_NODE_TIMEOUT_SECONDS", 0.2)

    with pytest.raises(RuntimeBuildError, match=r"under Node did not finish in 0\.2 s"):
        compile_in_node()


# Does what run_in_pyodide.js does, without Pyodide; fails when booted from the cached zip.
FAKE_NODE = """
import json, sys, zipfile
from pathlib import Path
from typing import TYPE_CHECKING

pyodide_dir, stdlib, full_stdlib, job_dir = map(Path, sys.argv[2:])
if stdlib != full_stdlib:
    sys.exit("Error: the cached zip is not a zip")
job = json.loads((job_dir / "job.json").read_text())
(job_dir / "result.json").write_text(json.dumps({"missing": [], "stdlib": ["json/"]}))
with zipfile.ZipFile(job_dir / "package.zip", "w") as package:
    package.writestr("calculators/__init__.pyc", b"package bytecode")
if job["compile_stdlib"]:
    with zipfile.ZipFile(job_dir / "stdlib.zip", "w") as measured:
        measured.writestr("json/", b"")
        measured.writestr("json/__init__.pyc", b"stdlib bytecode")
"""


def test_a_damaged_cached_stdlib_is_measured_again_and_replaced(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    compile_in_node: Callable[[], Compiled],
) -> None:
    python_command(tmp_path / "bin", "node", FAKE_NODE)
    first_on_path(monkeypatch, tmp_path / "bin")
    cached = _cached_stdlib(tmp_path)
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"half a zip")

    with caplog.at_level(logging.WARNING, logger=bytecompile.__name__):
        compiled = compile_in_node()

    assert "The cached standard library did not work" in caplog.text
    assert "the cached zip is not a zip" in caplog.text
    assert compiled.package_bytecode == {"calculators/__init__.pyc": b"package bytecode"}
    assert compiled.stdlib_modules == 1
    assert cached.read_bytes() == compiled.stdlib
    with zipfile.ZipFile(cached) as replaced:
        assert replaced.namelist() == ["json/", "json/__init__.pyc"]
