"""What the host sent: one record per response, kept in the order the responses finished.

Internal to :mod:`bench.host`, which re-exports the public names.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True, slots=True, kw_only=True)
class LoggedResponse:
    """One response the host sent.

    Attributes:
        method: ``GET`` or ``HEAD``.
        target: The raw request target, path and query string, as the browser sent it.
        path: The decoded URL path.
        status: The HTTP status code.
        body_bytes: Body bytes written to the socket (after gzip; 0 for 304 and HEAD).
        gzipped: Whether the body was sent gzip-encoded.
        complete: Whether the whole body went out (False when stalled or aborted).
        arrived: ``time.monotonic()`` when the request had been read.
        finished: ``time.monotonic()`` when the last byte was written.
        file: The file whose body was sent, raw or gzipped (None for a redirect, a 404,
            or a 304), so a benchmark can count raw bytes and what gzip would send.

    """

    method: str
    target: str
    path: str
    status: int
    body_bytes: int
    gzipped: bool
    complete: bool
    arrived: float
    finished: float
    file: Path | None = None

    @property
    def duration_s(self) -> float:
        """Seconds from the request's arrival to the response's last byte."""
        return self.finished - self.arrived


@dataclass
class RequestLog:
    """Every response the host sent, in the order they finished. Thread-safe."""

    _entries: list[LoggedResponse] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, entry: LoggedResponse) -> None:
        """Record one response."""
        with self._lock:
            self._entries.append(entry)

    @property
    def entries(self) -> list[LoggedResponse]:
        """Return a copy of every response logged so far."""
        with self._lock:
            return list(self._entries)

    def mark(self) -> int:
        """Return a position to count from."""
        with self._lock:
            return len(self._entries)

    def since(self, mark: int) -> list[LoggedResponse]:
        """Return the responses logged after ``mark``."""
        with self._lock:
            return list(self._entries[mark:])

    def requests_for(self, substring: str) -> list[LoggedResponse]:
        """Return the responses whose request target (path and query) contains ``substring``."""
        with self._lock:
            return [entry for entry in self._entries if substring in entry.target]
