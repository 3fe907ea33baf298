"""What the host sends for a file: its content type, gzipped or not, and its ETag.

Internal to :mod:`bench.host`, which re-exports the public names.
"""

from __future__ import annotations

import fnmatch
import functools
import gzip
import hashlib
import mimetypes
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Collection
    from pathlib import Path

#: The content types a static host must get right for the site, whatever the system's MIME
#: table says: module workers need JavaScript, streaming compilation needs WebAssembly.
MIME_TYPES: Final[dict[str, str]] = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".zip": "application/zip",
    ".whl": "application/zip",
}
#: Content types a host gzips by default (``fnmatch`` patterns on the bare media type).
DEFAULT_GZIP_TYPES: Final[frozenset[str]] = frozenset(
    {
        "text/*",
        "application/javascript",
        "application/json",
        "application/manifest+json",
        "application/xml",
        "image/svg+xml",
        "application/wasm",
    }
)
#: What hosts use: zlib's default.
GZIP_LEVEL: Final = 6


@dataclass(frozen=True, slots=True)
class _Variant:
    """One representation of a file: the bytes sent and their validator."""

    body: bytes
    etag: str


class FileCache:
    """Raw and gzipped file contents with their ETags, computed once per file version."""

    def __init__(self) -> None:
        """Start empty: each file is read on its first request (or in ``prepare``)."""
        self._lock = threading.Lock()
        self._variants: dict[tuple[Path, bool], tuple[tuple[int, int], _Variant]] = {}

    def get(self, path: Path, *, gzipped: bool) -> _Variant:
        """Return the file's raw or gzipped representation, rebuilt if the file changed."""
        stat = path.stat()
        version = (stat.st_mtime_ns, stat.st_size)
        key = (path, gzipped)
        with self._lock:
            cached = self._variants.get(key)
        if cached is not None and cached[0] == version:
            return cached[1]
        if gzipped:
            raw = self.get(path, gzipped=False)
            # mtime=0: the same file always compresses to the same bytes, as on a host.
            body = gzip.compress(raw.body, compresslevel=GZIP_LEVEL, mtime=0)
            variant = _Variant(body, raw.etag.removesuffix('"') + '-gzip"')
        else:
            body = path.read_bytes()
            variant = _Variant(body, f'"{hashlib.sha256(body).hexdigest()[:16]}"')
        with self._lock:
            self._variants[key] = (version, variant)
        return variant


@functools.cache
def gzip_size(path: Path) -> int:
    """Return the size of ``path`` gzipped as a host would, whatever its type."""
    return len(gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0))


@functools.cache
def content_type_of(path: Path) -> str:
    """Return the ``Content-Type`` a host sends for ``path``."""
    suffix = path.suffix.lower()
    if suffix in MIME_TYPES:
        return MIME_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def matches_any(content_type: str, patterns: Collection[str]) -> bool:
    """Whether the bare media type of ``content_type`` matches one of the ``fnmatch`` patterns."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    return any(fnmatch.fnmatchcase(media_type, pattern) for pattern in patterns)


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an ``Accept-Encoding`` header allows gzip (``q=0`` refuses it)."""
    qualities: dict[str, float] = {}
    for item in accept_encoding.split(","):
        coding, _, parameters = item.partition(";")
        quality = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        qualities[coding.strip().lower()] = quality
    return qualities.get("gzip", qualities.get("*", 0.0)) > 0
