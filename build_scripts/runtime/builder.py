"""Assemble the runtime: verified Pyodide files, the calculators wheel and the site's lock.

What a module Web Worker fetches when it calls ``loadPyodide({indexURL})`` and then
``loadPackage("calculators")`` (read from Pyodide 314's ``pyodide.mjs``):

- ``pyodide.mjs``, which the worker imports;
- ``pyodide.asm.mjs`` (``indexURL + "pyodide.asm.mjs"``) and ``pyodide.asm.wasm``;
- ``python_stdlib.zip`` (the default ``stdLibURL``);
- ``pyodide-lock.json`` (the default ``lockFileURL``); wheels are fetched relative to the
  lock's folder, so the calculators wheel sits beside it.

Nothing else is published: not ``pyodide.js`` (for classic scripts), the source maps, the
type declarations or the npm package's own lock.

``python_stdlib.zip`` and the wheel are published byte-compiled, and the zip trimmed to the
modules the site uses (:mod:`build_scripts.runtime.bytecompile`); the other three files are
the npm package's own bytes.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import shutil
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

from build_scripts.runtime import cache
from build_scripts.runtime.bytecompile import STDLIB_NAME, compile_runtime
from build_scripts.runtime.errors import RuntimeBuildError
from build_scripts.runtime.lockfile import PublishedWheel, write_site_lockfile
from build_scripts.runtime.npm_integrity import NpmPin, read_pin, verified_files
from build_scripts.runtime.trim_stdlib import KeepList, keep_list
from build_scripts.runtime.wheel import (
    PACKAGE,
    build_wheel,
    bytecode_wheel,
    project_version,
    python_sources,
)

#: The files of the npm package a browser needs, published as they are.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
#: The site's lock, under the name Pyodide looks for next to ``indexURL``.
LOCK_FILE_NAME = "pyodide-lock.json"
#: The package's command line, left out of the browser's wheel.
CLI_MODULE = "__main__.py"

_NPM_PACKAGE = "pyodide"
# Tools whose version can change the bytes we produce, hence part of the cache key.
_TOOLS = ("setuptools", "build", "pyodide-lock")
_KEEP_DEFAULT = 3

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class Runtime:
    """A finished runtime in the cache, ready to publish.

    Attributes:
        directory: The content-addressed cache folder holding the files. Read only.
        files: Paths relative to ``directory`` (POSIX) to publish, together, in one folder
            of the site (``assets/pyodide/``).
        wheel_name: File name of the calculators wheel (one of ``files``).
        pyodide_version: The pinned npm ``pyodide`` version.
        key: Hash of every input; a different key means different published bytes.

    """

    directory: Path
    files: tuple[str, ...]
    wheel_name: str
    pyodide_version: str
    key: str


def build_runtime(project_root: Path, cache_dir: Path, *, keep: int = _KEEP_DEFAULT) -> Runtime:
    """Return the runtime for the project's current inputs, building it if not cached.

    Inputs are the ``.py`` files of ``calculators/``, the project version, the pinned
    Pyodide (``package.json``) with its lock integrity, the versions of the build tools and
    this builder's own code. With none of them changed this reads a few small files and
    returns in milliseconds.

    Args:
        project_root: The repository root (``package.json``, ``calculators/``,
            ``node_modules/``).
        cache_dir: Where runtimes are kept, one folder per input hash.
        keep: How many runtimes to keep in ``cache_dir`` after a build.

    Raises:
        IntegrityError: A Pyodide file does not match ``package-lock.json``.
        RuntimeBuildError: Anything else that stops the build; the message says what to do.

    """
    root = project_root.resolve()
    pin = read_pin(root, _NPM_PACKAGE)
    version = project_version(root)
    sources = {
        path: root.joinpath(*path.parts).read_bytes() for path in python_sources(root / PACKAGE)
    }
    key = _input_key(pin, version, sources)
    entry = cache.entry_path(cache_dir.resolve(), pin.version, key)

    runtime = _load(entry)
    if runtime is not None:
        cache.mark_used(entry)
        return runtime

    started = time.perf_counter()
    with cache.staging_folder(entry.parent) as staging:
        files, wheel_name = _assemble(
            root=root,
            pin=pin,
            version=version,
            sources=sources,
            staging=staging,
            cache_dir=cache_dir.resolve(),
        )
        cache.write_manifest(
            staging,
            {
                "key": key,
                "files": list(files),
                "wheel_name": wheel_name,
                "pyodide_version": pin.version,
            },
        )
        cache.publish(staging, entry)
    cache.prune(entry.parent, keep, entry)
    logger.info("Built the Pyodide runtime in %.1f s: %s", time.perf_counter() - started, entry)

    runtime = _load(entry)
    if runtime is None:  # pragma: no cover - only if someone deletes it under our feet
        msg = f"the runtime vanished from {entry} right after it was built"
        raise RuntimeBuildError(msg)
    return runtime


def export_runtime(runtime: Runtime, destination: Path) -> tuple[Path, ...]:
    """Copy the runtime's files into ``destination`` (for the CLI, tests and benchmarks).

    Returns:
        The paths written, in the order of :attr:`Runtime.files`.

    """
    written = []
    for name in runtime.files:
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(runtime.directory / name, target)
        written.append(target)
    return tuple(written)


def _assemble(  # noqa: PLR0913 - the build's inputs, each named at the one call site
    *,
    root: Path,
    pin: NpmPin,
    version: str,
    sources: dict[PurePosixPath, bytes],
    staging: Path,
    cache_dir: Path,
) -> tuple[tuple[str, ...], str]:
    """Write every published file into ``staging``; return their names and the wheel's."""
    with tempfile.TemporaryDirectory(prefix="pyodide-npm-") as scratch_name:
        scratch = Path(scratch_name)
        npm_files = verified_files(root, pin, (*PYODIDE_FILES, LOCK_FILE_NAME), scratch)
        # `python -m calculators` is the command line for CPython; the browser never runs it,
        # and leaving it out keeps argparse out of the standard library the site ships.
        browser_sources = {path: data for path, data in sources.items() if path.name != CLI_MODULE}
        source_wheel = build_wheel(browser_sources, version, scratch / "wheel")
        keep = keep_list(browser_sources, PACKAGE)
        compiled = compile_runtime(
            npm_files=npm_files,
            source_wheel=source_wheel,
            package=PACKAGE,
            keep=keep,
            stdlib_cache=cache.stdlib_path(cache_dir, pin.version, _stdlib_key(pin, keep)),
        )
        for name in PYODIDE_FILES:
            (staging / name).write_bytes(
                compiled.stdlib if name == STDLIB_NAME else npm_files[name]
            )
        wheel = bytecode_wheel(
            source_wheel, compiled.package_bytecode, _python_tag(npm_files[LOCK_FILE_NAME]), staging
        )
        # Last: the lock hashes the wheel exactly as published.
        write_site_lockfile(
            npm_files[LOCK_FILE_NAME],
            [PublishedWheel(source=source_wheel, published=wheel)],
            staging / LOCK_FILE_NAME,
        )
    logger.info("Trimmed the standard library to %d compiled modules", compiled.stdlib_modules)
    return tuple(sorted((*PYODIDE_FILES, wheel.name, LOCK_FILE_NAME))), wheel.name


def _python_tag(npm_lock: bytes) -> str:
    """``cp314`` for the Python the lock's ``info.python`` names (``3.14.2``)."""
    try:
        major, minor, *_ = str(json.loads(npm_lock)["info"]["python"]).split(".")
    except (ValueError, KeyError, TypeError) as error:
        msg = f"the npm pyodide-lock.json names no Python version: {error}"
        raise RuntimeBuildError(msg) from error
    return f"cp{major}{minor}"


def _stdlib_key(pin: NpmPin, keep: KeepList) -> str:
    """Hash of what the trimmed standard library depends on (not the calculators' code)."""
    digest = hashlib.sha256(_builder_fingerprint())
    digest.update(f"{pin.name}@{pin.version} {pin.integrity}\0".encode())
    digest.update(json.dumps(keep.as_json(), sort_keys=True).encode())
    return digest.hexdigest()


def _load(entry: Path) -> Runtime | None:
    manifest = cache.read_manifest(entry)
    if manifest is None:
        return None
    files = manifest.get("files")
    return Runtime(
        directory=entry,
        files=tuple(str(name) for name in files) if isinstance(files, list) else (),
        wheel_name=str(manifest.get("wheel_name")),
        pyodide_version=str(manifest.get("pyodide_version")),
        key=str(manifest.get("key")),
    )


def _input_key(pin: NpmPin, version: str, sources: dict[PurePosixPath, bytes]) -> str:
    """Hash everything that can change a published byte; each field length-prefixed."""
    digest = hashlib.sha256()

    def feed(label: str, data: bytes) -> None:
        for part in (label.encode(), data):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)

    feed("builder", _builder_fingerprint())
    for tool in _TOOLS:
        feed(f"tool:{tool}", metadata.version(tool).encode())
    feed("npm", f"{pin.name}@{pin.version} {pin.integrity}".encode())
    feed("version", version.encode())
    for path, content in sorted(sources.items()):
        feed(f"source:{path}", content)
    return digest.hexdigest()


@functools.cache
def _builder_fingerprint() -> bytes:
    """Hash of this package's code: a change to the builder rebuilds every runtime."""
    digest = hashlib.sha256()
    folder = Path(__file__).parent
    for path in sorted([*folder.glob("*.py"), *folder.glob("*.js")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()
