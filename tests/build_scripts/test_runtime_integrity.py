"""Supply chain: the builder refuses Pyodide files that do not match the npm lock."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import TYPE_CHECKING

import pytest

from build_scripts.runtime import IntegrityError, RuntimeBuildError, build_runtime
from tests.build_scripts.runtime_support import copy_project, pinned_pyodide_version

if TYPE_CHECKING:
    from pathlib import Path


def _edit_json(path: Path, edit: dict[str, object], *keys: str) -> None:
    data = json.loads(path.read_text())
    target = data
    for key in keys:
        target = target[key]
    target.update(edit)
    path.write_text(json.dumps(data, indent=2))


def _assert_nothing_cached(cache_dir: Path) -> None:
    assert not cache_dir.exists() or list(cache_dir.iterdir()) == []


def test_tampered_wasm_fails_naming_the_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", copy_node_modules=True)
    wasm = project / "node_modules" / "pyodide" / "pyodide.asm.wasm"
    content = bytearray(wasm.read_bytes())
    content[len(content) // 2] ^= 0x01
    wasm.write_bytes(content)

    with pytest.raises(IntegrityError) as raised:
        build_runtime(project, tmp_path / "cache")

    assert str(raised.value) == (
        "node_modules/pyodide/pyodide.asm.wasm does not match the npm lock's integrity "
        f"(pyodide@{pinned_pyodide_version()}) — run `npm ci`"
    )
    _assert_nothing_cached(tmp_path / "cache")


def test_wrong_lock_integrity_fails(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    forged = "sha512-" + base64.b64encode(hashlib.sha512(b"not pyodide").digest()).decode()
    _edit_json(
        project / "package-lock.json", {"integrity": forged}, "packages", "node_modules/pyodide"
    )

    with pytest.raises(IntegrityError, match=r"does not match package-lock\.json") as raised:
        build_runtime(project, tmp_path / "cache")

    assert forged in str(raised.value)
    _assert_nothing_cached(tmp_path / "cache")


def test_missing_installed_file_fails(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", copy_node_modules=True)
    (project / "node_modules" / "pyodide" / "pyodide.mjs").unlink()

    with pytest.raises(RuntimeBuildError, match=r"node_modules/pyodide/pyodide\.mjs is missing"):
        build_runtime(project, tmp_path / "cache")


def test_missing_node_modules_says_run_npm_ci(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "node_modules").unlink()

    with pytest.raises(RuntimeBuildError, match=r"node_modules/pyodide is missing — run `npm ci`"):
        build_runtime(project, tmp_path / "cache")


def test_version_range_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    version_range = f"^{pinned_pyodide_version()}"
    _edit_json(project / "package.json", {"pyodide": version_range}, "dependencies")

    with pytest.raises(RuntimeBuildError, match="exact version"):
        build_runtime(project, tmp_path / "cache")


def test_lock_for_another_version_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _edit_json(
        project / "package-lock.json", {"version": "0.0.1"}, "packages", "node_modules/pyodide"
    )

    with pytest.raises(RuntimeBuildError, match=r"run `npm install` to update the lock"):
        build_runtime(project, tmp_path / "cache")
