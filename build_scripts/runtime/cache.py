"""Content-addressed cache folders: one finished runtime each, swapped in atomically.

A runtime is assembled in a hidden staging folder beside the entries and renamed into place
only when complete, so a reader never sees half a runtime and two builds racing for the same
key both end up with the same, whole folder. Each entry carries a small manifest (not
published) so that a cache hit costs one JSON read and a few ``stat`` calls.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

MANIFEST_NAME = ".runtime.json"
ENTRY_PREFIX = "pyodide-"
_STAGING_PREFIX = ".staging-"
# A staging folder this old belongs to a build that died; a live one takes seconds.
_STALE_STAGING_SECONDS = 3600


def entry_path(cache_dir: Path, pyodide_version: str, key: str) -> Path:
    """Return the folder that holds (or will hold) the runtime for ``key``."""
    return cache_dir / f"{ENTRY_PREFIX}{pyodide_version}-{key[:20]}"


def stdlib_path(cache_dir: Path, pyodide_version: str, key: str) -> Path:
    """Return the file that holds (or will hold) the trimmed standard library for ``key``."""
    return cache_dir / "stdlib" / f"python_stdlib-{pyodide_version}-{key[:20]}.zip"


def read_manifest(entry: Path) -> Mapping[str, object] | None:
    """Return the entry's manifest if the entry is complete, else ``None``."""
    try:
        manifest: object = json.loads((entry / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict):
        return None
    files = manifest.get("files")
    if not isinstance(files, list) or not all((entry / str(name)).is_file() for name in files):
        return None
    return manifest


def write_manifest(staging: Path, manifest: Mapping[str, object]) -> None:
    """Record what the staged runtime holds; written last, so its presence means complete."""
    (staging / MANIFEST_NAME).write_text(
        json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


@contextlib.contextmanager
def staging_folder(cache_dir: Path) -> Iterator[Path]:
    """Yield a fresh hidden folder inside ``cache_dir``, removed afterwards unless published."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=cache_dir))
    staging.chmod(0o755)  # mkdtemp's 0700 would follow the folder into place
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def publish(staging: Path, entry: Path) -> None:
    """Move a complete staging folder to ``entry`` in one step.

    If another build published the same key first, its folder is kept: both hold the same
    runtime, because the key names every input. A damaged entry (a file deleted by hand) is
    replaced.
    """
    try:
        staging.rename(entry)
    except OSError:
        if read_manifest(entry) is not None:
            return
        shutil.rmtree(entry, ignore_errors=True)
        staging.rename(entry)


def mark_used(entry: Path) -> None:
    """Refresh the entry's modification time, which :func:`prune` reads as "last used"."""
    with contextlib.suppress(OSError):
        os.utime(entry)


def prune(cache_dir: Path, keep: int, current: Path) -> Sequence[Path]:
    """Remove all but the ``keep`` most recently used entries (never ``current``).

    Returns:
        The folders removed.

    """
    entries = sorted(
        (path for path in cache_dir.glob(f"{ENTRY_PREFIX}*") if path.is_dir() and path != current),
        key=_mtime,
        reverse=True,
    )
    removed = entries[max(keep - 1, 0) :]
    removed += _abandoned_staging(cache_dir)
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    return removed


def _abandoned_staging(folder: Path) -> list[Path]:
    """Staging files and folders in ``folder`` that a build left behind long ago."""
    now = time.time()
    return [
        path
        for path in folder.glob(f"{_STAGING_PREFIX}*")
        if now - _mtime(path) > _STALE_STAGING_SECONDS
    ]


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def store_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (a reader sees the old file or the whole new one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=_STAGING_PREFIX, dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        Path(temporary).chmod(0o644)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def prune_files(folder: Path, keep: int, current: Path) -> Sequence[Path]:
    """Remove all but the ``keep`` most recently used files in ``folder`` (never ``current``).

    Returns:
        The files removed.

    """
    files = sorted(
        (
            path
            for path in folder.iterdir()
            if path.is_file() and path != current and not path.name.startswith(_STAGING_PREFIX)
        ),
        key=_mtime,
        reverse=True,
    )
    removed = files[max(keep - 1, 0) :]
    removed += _abandoned_staging(folder)
    for path in removed:
        path.unlink(missing_ok=True)
    return removed
