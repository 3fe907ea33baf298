"""What every connection of one running host shares: the site, the link, the log, the stalls.

Internal to :mod:`bench.host`, which re-exports the public names.
"""

from __future__ import annotations

import fnmatch
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from bench.host.files import FileCache
from bench.host.request_log import RequestLog

if TYPE_CHECKING:
    from pathlib import Path

    from bench.host.headers_file import HeaderRule
    from bench.host.network import NetworkProfile, SharedLink

LOOPBACK_HOST: Final = "127.0.0.1"


@dataclass(frozen=True, slots=True)
class Stall:
    """Downloads of paths matching ``pattern`` stop after ``after_bytes`` until ``released``."""

    pattern: str
    after_bytes: int
    released: threading.Event


class AbortedError(Exception):
    """The host is closing or the client went away: stop this response."""


@dataclass
class HostState:
    """What every connection thread of one host shares."""

    site_dir: Path
    routes: tuple[tuple[str, Path], ...]
    rules: tuple[HeaderRule, ...]
    gzip_types: frozenset[str]
    profile: NetworkProfile
    link: SharedLink
    log: RequestLog = field(default_factory=RequestLog)
    files: FileCache = field(default_factory=FileCache)
    closing: threading.Event = field(default_factory=threading.Event)
    stalls: list[Stall] = field(default_factory=list)
    stalls_lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, seconds: float) -> None:
        """Sleep ``seconds`` (bounded), unless the host closes first."""
        if seconds > 0 and self.closing.wait(seconds):
            raise AbortedError

    def stall_for(self, url_path: str) -> Stall | None:
        """Return the stall rule that applies to a response starting now, if any."""
        with self.stalls_lock:
            return next((s for s in self.stalls if fnmatch.fnmatchcase(url_path, s.pattern)), None)
