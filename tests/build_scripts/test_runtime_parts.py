"""The runtime builder's parts, each with the mistakes a maintainer or a Pyodide upgrade can make.

The wheel (:mod:`~build_scripts.runtime.wheel`), the site's lock
(:mod:`~build_scripts.runtime.lockfile`) and the cache (:mod:`~build_scripts.runtime.cache`)
are exercised whole by test_runtime_builder.py; here each one's refusals and races.
"""

from __future__ import annotations

import os
import re
import sys
import time
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from build_scripts.runtime import RuntimeBuildError, builder, cache
from build_scripts.runtime.lockfile import PublishedWheel, write_site_lockfile
from build_scripts.runtime.wheel import (
    build_wheel,
    bytecode_wheel,
    project_version,
    python_sources,
)
from tests.build_scripts.runtime_support import NPM_PYODIDE

# --- the calculators wheel ----------------------------------------------------------------------


def test_a_missing_package_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(RuntimeBuildError, match=r"calculators is missing: the runtime needs"):
        python_sources(tmp_path / "calculators")


def test_caches_and_hidden_folders_are_not_sources(tmp_path: Path) -> None:
    package = tmp_path / "calculators"
    for name in ("__pycache__/api.py", ".ipynb_checkpoints/api.py", "README.md"):
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text("", encoding="utf-8")

    with pytest.raises(RuntimeBuildError, match=r"calculators holds no Python files$"):
        python_sources(package)

    (package / "sub").mkdir()
    (package / "sub" / "api.py").write_text("", encoding="utf-8")
    assert python_sources(package) == (PurePosixPath("calculators/sub/api.py"),)


@pytest.mark.parametrize(
    ("pyproject", "message"),
    [
        (None, r"cannot read \[project\]\.version from .*pyproject\.toml: \[Errno 2\]"),
        ('[project]\nname = "x"\n', r"cannot read \[project\]\.version .*: 'version'"),
        ("[project\n", r"cannot read \[project\]\.version .*: Expected ']'"),
        ('[project]\nversion = "first"\n', r"is not a valid version: 'first'"),
    ],
    ids=["no-file", "no-version", "not-toml", "not-a-version"],
)
def test_the_wheel_version_comes_only_from_a_valid_project_version(
    tmp_path: Path, pyproject: str | None, message: str
) -> None:
    if pyproject is not None:
        (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")

    with pytest.raises(RuntimeBuildError, match=message):
        project_version(tmp_path)


def test_a_folder_python_cannot_import_is_refused_before_building(tmp_path: Path) -> None:
    sources = {
        PurePosixPath("calculators/__init__.py"): b"",
        PurePosixPath("calculators/new-charts/bars.py"): b"",
    }

    with pytest.raises(RuntimeBuildError, match="calculators/new-charts is not an importable"):
        build_wheel(sources, "0.1.0", tmp_path)


def test_a_failing_backend_is_reported_with_its_own_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """setuptools' traceback reaches the maintainer as lines, not as a bytes literal."""
    broken = tmp_path / "broken" / "setuptools"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("", encoding="utf-8")
    (broken / "build_meta.py").write_text(
        "def build_wheel(*args, **kwargs):\n    raise RuntimeError('no wheel today')\n",
        encoding="utf-8",
    )
    # The backend runs in its own Python, which finds this setuptools first.
    monkeypatch.setenv("PYTHONPATH", str(broken.parent))

    with pytest.raises(RuntimeBuildError) as raised:
        build_wheel({PurePosixPath("calculators/__init__.py"): b""}, "0.1.0", tmp_path / "out")

    message = str(raised.value)
    assert message.startswith("building the calculators wheel failed:\nTraceback")
    assert message.rstrip().endswith("RuntimeError: no wheel today")


def test_a_wheel_with_a_build_tag_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "calculators-0.1.0-1-py3-none-any.whl"

    with pytest.raises(RuntimeBuildError, match="is not named like a wheel without a build tag"):
        bytecode_wheel(source, {}, "cp314", tmp_path)


@pytest.mark.parametrize("lock", [b"{}", b'{"info": {}}', b'{"info": {"python": 3}}', b"not json"])
def test_an_npm_lock_naming_no_python_stops_the_build(lock: bytes) -> None:
    with pytest.raises(RuntimeBuildError, match=r"the npm pyodide-lock\.json names no Python"):
        builder._python_tag(lock)  # noqa: SLF001 - what a Pyodide upgrade's lock would meet


# --- the site's lock ----------------------------------------------------------------------------


def _wheel(folder: Path, *, tags: str = "py3-none-any", requires: tuple[str, ...] = ()) -> Path:
    path = folder / f"calculators-0.1.0-{tags}.whl"
    metadata = "Metadata-Version: 2.1\nName: calculators\nVersion: 0.1.0\n" + "".join(
        f"Requires-Dist: {requirement}\n" for requirement in requires
    )
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr("calculators/__init__.py", "")
        wheel.writestr("calculators-0.1.0.dist-info/METADATA", metadata)
        wheel.writestr("calculators-0.1.0.dist-info/WHEEL", f"Wheel-Version: 1.0\nTag: {tags}\n")
        wheel.writestr("calculators-0.1.0.dist-info/RECORD", "")
    return path


def _write_lock(wheel: Path, destination: Path) -> None:
    npm_lock = (NPM_PYODIDE / "pyodide-lock.json").read_bytes()
    write_site_lockfile(npm_lock, [PublishedWheel(source=wheel, published=wheel)], destination)


def test_a_wheel_needing_a_package_the_site_does_not_ship_is_refused(tmp_path: Path) -> None:
    """numpy is in Pyodide's lock, but the site publishes none of its files."""
    wheel = _wheel(tmp_path, requires=("numpy>=2",))

    with pytest.raises(
        RuntimeBuildError, match="the calculators wheel depends on numpy, which the site does not"
    ):
        _write_lock(wheel, tmp_path / "pyodide-lock.json")
    assert not (tmp_path / "pyodide-lock.json").exists()


@pytest.mark.parametrize(
    ("tags", "requires", "reason"),
    [
        ("py3-none-any", ("no-such-distribution",), "no-such-distribution .* is not in this"),
        ("cp311-cp311-manylinux_2_17_x86_64", (), "don't match Python version in lockfile"),
    ],
    ids=["unknown-requirement", "another-platform"],
)
def test_a_wheel_pyodide_cannot_take_is_refused(
    tmp_path: Path, tags: str, requires: tuple[str, ...], reason: str
) -> None:
    wheel = _wheel(tmp_path, tags=tags, requires=requires)

    with pytest.raises(RuntimeBuildError) as raised:
        _write_lock(wheel, tmp_path / "pyodide-lock.json")

    assert str(raised.value).startswith(f"cannot add {wheel.name} to the Pyodide lock: ")
    assert re.search(reason, str(raised.value))


def test_pyodide_lock_without_its_wheel_extra_says_which_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As when pyodide-lock is installed without [wheel]: pkginfo cannot be imported.
    monkeypatch.setitem(sys.modules, "pkginfo", None)

    with pytest.raises(
        RuntimeBuildError, match=r"needs its 'wheel' extra \(pyodide-lock\[wheel\]\)"
    ):
        _write_lock(_wheel(tmp_path), tmp_path / "pyodide-lock.json")


# --- the cache ----------------------------------------------------------------------------------


def _entry(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    cache.write_manifest(folder, {"files": [n for n in files if n != cache.MANIFEST_NAME]})
    return folder


@pytest.mark.parametrize("manifest", ["[]", '"files"', "{", '{"files": "pyodide.mjs"}'])
def test_an_entry_whose_manifest_makes_no_sense_is_not_a_runtime(
    tmp_path: Path, manifest: str
) -> None:
    entry = tmp_path / "pyodide-0-abc"
    entry.mkdir()
    (entry / cache.MANIFEST_NAME).write_text(manifest, encoding="utf-8")

    assert cache.read_manifest(entry) is None


def test_publishing_keeps_the_entry_another_build_published_first(tmp_path: Path) -> None:
    first = _entry(tmp_path / "pyodide-0-abc", {"pyodide.mjs": "first"})
    second = _entry(tmp_path / ".staging-second", {"pyodide.mjs": "second"})

    cache.publish(second, first)

    assert (first / "pyodide.mjs").read_text(encoding="utf-8") == "first"


def test_publishing_replaces_a_damaged_entry(tmp_path: Path) -> None:
    damaged = _entry(tmp_path / "pyodide-0-abc", {"pyodide.mjs": "old"})
    (damaged / "pyodide.mjs").unlink()  # deleted by hand
    staged = _entry(tmp_path / ".staging-new", {"pyodide.mjs": "new"})

    cache.publish(staged, damaged)

    assert (damaged / "pyodide.mjs").read_text(encoding="utf-8") == "new"
    assert not staged.exists()


def test_storing_over_a_folder_fails_and_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "stdlib" / "python_stdlib.zip"
    (target / "not-a-zip").mkdir(parents=True)  # a folder where the file should go

    with pytest.raises(OSError, match=r"Is a directory|Directory not empty"):
        cache.store_file(target, b"zip bytes")

    assert sorted(p.name for p in target.parent.iterdir()) == ["python_stdlib.zip"]


def test_pruning_files_keeps_the_most_recently_used_and_removes_abandoned_staging(
    tmp_path: Path,
) -> None:
    now = time.time()
    ages = {"a.zip": 30, "b.zip": 20, "c.zip": 10, "current.zip": 40, ".staging-old": 7200}
    for name, age in ages.items():
        (tmp_path / name).write_bytes(b"")
        os.utime(tmp_path / name, (now - age, now - age))
    (tmp_path / ".staging-live").write_bytes(b"")  # a build writing right now

    removed = cache.prune_files(tmp_path, 2, tmp_path / "current.zip")

    assert sorted(p.name for p in removed) == [".staging-old", "a.zip", "b.zip"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".staging-live", "c.zip", "current.zip"]


def test_staging_whose_age_cannot_be_read_counts_as_abandoned(tmp_path: Path) -> None:
    """A staging name whose file is gone (a dangling link, a racing build's cleanup)."""
    (tmp_path / ".staging-gone").symlink_to(tmp_path / "nowhere")
    (tmp_path / "kept.zip").write_bytes(b"")

    removed = cache.prune_files(tmp_path, 2, tmp_path / "kept.zip")

    # Its age is unknown, so it counts as abandoned; removing what is gone is no error.
    assert [p.name for p in removed] == [".staging-gone"]
    assert [p.name for p in tmp_path.iterdir()] == ["kept.zip"]
