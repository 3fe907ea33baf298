"""A static host for a built site that sends bytes at a phone's pace, gzipped like a real host.

On 127.0.0.1 bytes are free: a 10 MB runtime arrives in milliseconds, so a page that fetches
too much, or fetches it too late, looks as fast as one that does not. Readers get the site on
a phone over a mobile network, where every request waits a round trip and every byte shares
one slow link. This host models that with the figures Lighthouse uses for its mobile runs
(:data:`PROFILES`): "slow 4G" is 150 ms of latency and 1.6 Mbit/s.

* **One link for all connections.** A phone has one radio: concurrent downloads share its
  bandwidth rather than each getting its own. Bodies go out in small chunks, and every chunk
  books its time slot on a single shared :class:`_Link` before it is written.
* **A round trip per request.** Each response waits the profile's latency before its first
  byte. Headers are then sent at once; only bodies are paced.
* **Served as hosts serve.** Text-like files (HTML, CSS, JavaScript, JSON, SVG, WebAssembly)
  are gzipped when the browser accepts it, as Netlify, Cloudflare and GitHub Pages do;
  ``.zip`` and ``.whl`` are not, unless a benchmark asks (``gzip_types``). The site's
  ``_headers`` file is applied, and ``ETag``/``Last-Modified`` answer revalidations with 304,
  so browser caching behaves as in production.
* **Observable and breakable.** Every response is logged with its size on the wire and its
  timing (:class:`RequestLog`), and tests can stall a download mid-body
  (:meth:`ThrottledHost.stall`) to see how the pages cope with a broken network.

It listens on 127.0.0.1 only: it serves whatever folder it is given, to nobody else.
"""

from __future__ import annotations

import contextlib
import email.utils
import fnmatch
import functools
import gzip
import hashlib
import http.server
import math
import mimetypes
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final
from urllib.parse import unquote, urlsplit

# The benchmark's own host already knows which MIME types a static host must get right.
from bench.server import _MIME_TYPES, HeaderRule, read_header_rules

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Mapping
    from pathlib import Path

LOOPBACK_HOST: Final = "127.0.0.1"
#: Bodies are paced in chunks this big: small enough that concurrent downloads interleave.
CHUNK_BYTES: Final = 16 * 1024
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
# Time a writer loses to the thread scheduler between two chunks of one body is not lost to
# the link: a real sender keeps the bottleneck's queue full, and on a busy machine a woken
# thread can run tens of milliseconds late. A longer pause, such as a client that stops
# reading, earns no catch-up burst beyond this (50 ms is 10 KB on slow 4G).
_SCHEDULER_SLACK_S: Final = 0.05
# How long closing the host waits for its connection threads once their sockets are shut.
_CLOSE_TIMEOUT_S: Final = 5.0
_GZIP_LEVEL: Final = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkProfile:
    """A network as a browser on a phone sees it.

    Attributes:
        name: A short label for reports.
        latency_s: Delay added before each response's first byte (one round trip).
        bandwidth_bytes_per_s: Throughput of the one link every connection shares.

    """

    name: str
    latency_s: float
    bandwidth_bytes_per_s: float

    def __post_init__(self) -> None:
        """Refuse a profile that would never deliver or would run time backwards."""
        if not self.latency_s >= 0:
            msg = f"latency_s must be >= 0, got {self.latency_s}"
            raise ValueError(msg)
        if not self.bandwidth_bytes_per_s > 0:
            msg = f"bandwidth_bytes_per_s must be > 0, got {self.bandwidth_bytes_per_s}"
            raise ValueError(msg)

    def transfer_seconds(self, byte_count: int) -> float:
        """Return the time needed to move ``byte_count`` bytes: one round trip plus the bytes."""
        return self.latency_s + byte_count / self.bandwidth_bytes_per_s


#: No throttling at all: what 127.0.0.1 gives, for comparison.
LOOPBACK: Final = NetworkProfile(name="loopback", latency_s=0.0, bandwidth_bytes_per_s=math.inf)

#: Lighthouse's mobile throttling presets (its "slow 4G" is what PageSpeed Insights reports).
PROFILES: Final[dict[str, NetworkProfile]] = {
    "slow-4g": NetworkProfile(name="slow-4g", latency_s=0.150, bandwidth_bytes_per_s=1.6e6 / 8),
    "4g": NetworkProfile(name="4g", latency_s=0.040, bandwidth_bytes_per_s=10e6 / 8),
    "loopback": LOOPBACK,
}


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


class _Link:
    """The one link all connections share: hands out back-to-back time slots for chunks."""

    def __init__(self, bandwidth_bytes_per_s: float) -> None:
        self._rate = bandwidth_bytes_per_s
        self._lock = threading.Lock()
        self._free_at = 0.0

    def reserve(self, size: int, *, previous_end: float | None) -> float:
        """Book the link for ``size`` bytes; return when that slot ends (monotonic time).

        ``previous_end`` is when the same body's previous chunk's slot ended, or None for a
        body's first chunk.
        """
        with self._lock:
            now = time.monotonic()
            earliest = now if previous_end is None else now - _SCHEDULER_SLACK_S
            start = max(earliest, self._free_at)
            self._free_at = start + size / self._rate
            return self._free_at


@dataclass(frozen=True, slots=True)
class _Stall:
    pattern: str
    after_bytes: int
    released: threading.Event


@dataclass(frozen=True, slots=True)
class _Variant:
    """One representation of a file: the bytes sent and their validator."""

    body: bytes
    etag: str


class _FileCache:
    """Raw and gzipped file contents with their ETags, computed once per file version."""

    def __init__(self) -> None:
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
            body = gzip.compress(raw.body, compresslevel=_GZIP_LEVEL, mtime=0)
            variant = _Variant(body, raw.etag.removesuffix('"') + '-gzip"')
        else:
            body = path.read_bytes()
            variant = _Variant(body, f'"{hashlib.sha256(body).hexdigest()[:16]}"')
        with self._lock:
            self._variants[key] = (version, variant)
        return variant


class _AbortedError(Exception):
    """The host is closing or the client went away: stop this response."""


@dataclass
class _HostState:
    """What every connection thread of one host shares."""

    site_dir: Path
    routes: tuple[tuple[str, Path], ...]
    rules: tuple[HeaderRule, ...]
    gzip_types: frozenset[str]
    profile: NetworkProfile
    link: _Link
    log: RequestLog = field(default_factory=RequestLog)
    files: _FileCache = field(default_factory=_FileCache)
    closing: threading.Event = field(default_factory=threading.Event)
    stalls: list[_Stall] = field(default_factory=list)
    stalls_lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, seconds: float) -> None:
        """Sleep ``seconds`` (bounded), unless the host closes first."""
        if seconds > 0 and self.closing.wait(seconds):
            raise _AbortedError

    def stall_for(self, url_path: str) -> _Stall | None:
        """Return the stall rule that applies to a response starting now, if any."""
        with self.stalls_lock:
            return next((s for s in self.stalls if fnmatch.fnmatchcase(url_path, s.pattern)), None)


class _Server(http.server.ThreadingHTTPServer):
    """A threading server that can cut every open connection when it closes."""

    daemon_threads = True
    # Threads are joined in close_connections(), with a timeout.
    block_on_close = False

    def __init__(self, port: int, handler: type[_Handler], state: _HostState) -> None:
        self.state = state
        self._connections: dict[threading.Thread, socket.socket] = {}
        self._connections_lock = threading.Lock()
        super().__init__((LOOPBACK_HOST, port), handler)

    def process_request(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: object
    ) -> None:
        """Serve one connection on its own thread, remembering it so closing can cut it."""
        if not isinstance(request, socket.socket):  # pragma: no cover - TCP only
            raise TypeError(request)
        thread = threading.Thread(
            target=self.process_request_thread,
            args=(request, client_address),
            name=f"throttled-host {self.server_address[1]} {client_address}",
            daemon=True,
        )
        with self._connections_lock:
            self._connections[thread] = request
        thread.start()

    def process_request_thread(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: object
    ) -> None:
        """Serve the connection, then forget it."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._connections_lock:
                self._connections.pop(threading.current_thread(), None)

    def handle_error(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: object
    ) -> None:
        """Stay quiet about clients that hang up: browsers cancel downloads all the time."""
        if not self.state.closing.is_set() and not isinstance(sys.exception(), ConnectionError):
            super().handle_error(request, client_address)

    def close_connections(self) -> None:
        """Cut every open connection and wait (bounded) for its thread to end.

        Call after ``shutdown()``: no new connection can start then.
        """
        with self._connections_lock:
            connections = dict(self._connections)
        for request in connections.values():
            # Shutting the socket wakes a thread blocked reading the next request or writing.
            with contextlib.suppress(OSError):
                request.shutdown(socket.SHUT_RDWR)
        deadline = time.monotonic() + _CLOSE_TIMEOUT_S
        for thread in connections:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves files from the site (and extra routes) gzipped, validated and paced."""

    # Keep-alive, as every real host offers; bodies always carry a Content-Length.
    protocol_version = "HTTP/1.1"
    # Without TCP_NODELAY, Nagle's algorithm and delayed ACKs hold small writes back by up to
    # 40 ms on loopback, a delay the modelled network does not have. Hosts disable it too.
    disable_nagle_algorithm = True
    server: _Server

    def do_GET(self) -> None:
        """Send a file, its redirect or a 404."""
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        """Send what GET would send, without the body."""
        self._respond(send_body=False)

    def end_headers(self) -> None:
        """Add every header the site's ``_headers`` blocks give this path, as the host would."""
        url_path = _url_path(getattr(self, "path", ""))
        for rule in self.server.state.rules:
            if rule.pattern.match(url_path):
                for name, value in rule.headers:
                    self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        """Keep test and benchmark output readable; the RequestLog records every response."""

    def _respond(self, *, send_body: bool) -> None:
        state = self.server.state
        arrived = time.monotonic()
        url_path = _url_path(self.path)
        outcome = _Outcome(status=0)
        try:
            state.wait(state.profile.latency_s)
            self._dispatch(url_path, outcome, send_body=send_body)
        except (_AbortedError, OSError):
            outcome.complete = False
        if not outcome.complete:
            self.close_connection = True
        if outcome.status:
            state.log.add(
                LoggedResponse(
                    method=self.command,
                    target=self.path,
                    path=url_path,
                    status=outcome.status,
                    body_bytes=outcome.body_bytes,
                    gzipped=outcome.gzipped,
                    complete=outcome.complete,
                    arrived=arrived,
                    finished=time.monotonic(),
                )
            )

    def _dispatch(self, url_path: str, outcome: _Outcome, *, send_body: bool) -> None:
        file = _resolve(self.server.state, url_path)
        if file is not None and file.is_dir():
            if not url_path.endswith("/"):
                # As hosts do (and SimpleHTTPRequestHandler): a folder's URL ends in a slash.
                # The target as sent, still percent-encoded: headers must be ASCII.
                target = urlsplit(self.path)
                location = target.path + "/" + (f"?{target.query}" if target.query else "")
                self._send_small(outcome, 301, b"", send_body=send_body, location=location)
                return
            file /= "index.html"
        if file is None or not file.is_file():
            self._send_small(outcome, 404, b"404 Not Found\n", send_body=send_body)
            return
        self._send_file(file, url_path, outcome, send_body=send_body)

    def _send_small(
        self,
        outcome: _Outcome,
        status: int,
        body: bytes,
        *,
        send_body: bool,
        location: str | None = None,
    ) -> None:
        outcome.status = status
        self.send_response(status)
        if location is not None:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self._write_body(body, outcome, None)

    def _send_file(self, file: Path, url_path: str, outcome: _Outcome, *, send_body: bool) -> None:
        state = self.server.state
        content_type = _content_type(file)
        compressible = _matches_any(content_type, state.gzip_types)
        gzipped = compressible and _accepts_gzip(self.headers.get("Accept-Encoding", ""))
        variant = state.files.get(file, gzipped=gzipped)
        last_modified = email.utils.formatdate(file.stat().st_mtime, usegmt=True)
        validators = [("ETag", variant.etag), ("Last-Modified", last_modified)]
        if compressible:
            validators.append(("Vary", "Accept-Encoding"))
        if self._not_modified(variant.etag, file):
            outcome.status = 304
            self.send_response(304)
            for name, value in validators:
                self.send_header(name, value)
            self.end_headers()
            return
        outcome.status = 200
        outcome.gzipped = gzipped
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(variant.body)))
        for name, value in validators:
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self._write_body(variant.body, outcome, state.stall_for(url_path))

    def _not_modified(self, etag: str, file: Path) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            # Weak comparison, as RFC 9110 asks of If-None-Match.
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in tags or etag in tags
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since is None:
            return False
        try:
            since = email.utils.parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        # HTTP dates have whole seconds; the header sent was the mtime rounded down.
        return int(file.stat().st_mtime) <= since

    def _write_body(self, body: bytes, outcome: _Outcome, stall: _Stall | None) -> None:
        state = self.server.state
        limit = len(body) if stall is None else min(stall.after_bytes, len(body))
        previous_end: float | None = None
        sent = 0
        while sent < limit:
            chunk = body[sent : min(sent + CHUNK_BYTES, limit)]
            previous_end = state.link.reserve(len(chunk), previous_end=previous_end)
            state.wait(previous_end - time.monotonic())
            self.wfile.write(chunk)
            sent += len(chunk)
            outcome.body_bytes = sent
        if sent < len(body) and stall is not None:
            outcome.complete = False
            # Hold the connection open, sending nothing, until released or closing.
            while not stall.released.wait(0.1) and not state.closing.is_set():
                pass
            return
        outcome.complete = True


@dataclass
class _Outcome:
    """What a response did so far, for the log (filled in as it goes)."""

    status: int
    body_bytes: int = 0
    gzipped: bool = False
    complete: bool = True


def _url_path(target: str) -> str:
    return unquote(urlsplit(target).path)


def _resolve(state: _HostState, url_path: str) -> Path | None:
    """Return the file or folder ``url_path`` names, or None if it may not be served."""
    for prefix, root in state.routes:
        if url_path.startswith(prefix):
            base, relative = root, url_path.removeprefix(prefix)
            break
    else:
        base, relative = state.site_dir, url_path
    parts = [part for part in relative.split("/") if part not in {"", "."}]
    if any(part == ".." or "\\" in part or "\0" in part for part in parts):
        return None
    return base.joinpath(*parts)


@functools.cache
def _content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in _MIME_TYPES:
        return _MIME_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def _matches_any(content_type: str, patterns: Collection[str]) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return any(fnmatch.fnmatchcase(media_type, pattern) for pattern in patterns)


def _accepts_gzip(accept_encoding: str) -> bool:
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


class ThrottledHost:
    """A running throttled host: its URL, its log and the faults it can inject."""

    def __init__(self, url: str, state: _HostState) -> None:
        """Wrap a started server's shared state (use :func:`serve_throttled`)."""
        self.url = url
        self._state = state

    @property
    def log(self) -> RequestLog:
        """Every response sent so far."""
        return self._state.log

    @property
    def profile(self) -> NetworkProfile:
        """The network the host models."""
        return self._state.profile

    def stall(self, pattern: str, after_bytes: int) -> None:
        """Break downloads of matching paths after ``after_bytes`` body bytes (on the wire).

        Responses that start from now on, for a URL path matching the ``fnmatch`` pattern
        (``"*/pyodide.asm.wasm"``), send their headers and the first ``after_bytes`` of the
        body, then nothing, until :meth:`release` or the host closes; then the connection is
        closed without the rest, so the browser sees a broken download.
        """
        if after_bytes < 0:
            msg = f"after_bytes must be >= 0, got {after_bytes}"
            raise ValueError(msg)
        with self._state.stalls_lock:
            self._state.stalls.append(_Stall(pattern, after_bytes, threading.Event()))

    def release(self) -> None:
        """End every stall: stalled responses close, and new requests get whole files."""
        with self._state.stalls_lock:
            stalls, self._state.stalls[:] = list(self._state.stalls), []
        for stall in stalls:
            stall.released.set()

    def transfer_seconds(self, byte_count: int) -> float:
        """Return the profile's time to move ``byte_count`` bytes: the bytes plus one latency."""
        return self._state.profile.transfer_seconds(byte_count)

    def prepare(self) -> int:
        """Read, hash and gzip every servable file now; return how many files there are.

        Otherwise each file is hashed and compressed on its first request, and that time (a
        few hundred milliseconds for a 10 MB runtime) would count as network time in a cold
        visit. A CDN serves from caches filled long before.
        """
        state = self._state
        roots = [state.site_dir, *(root for _, root in state.routes)]
        count = 0
        for root in roots:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    state.files.get(path, gzipped=False)
                    if _matches_any(_content_type(path), state.gzip_types):
                        state.files.get(path, gzipped=True)
                    count += 1
        return count


@contextlib.contextmanager
def serve_throttled(  # noqa: PLR0913 - keyword-only options of one host
    site_dir: Path,
    profile: NetworkProfile | None,
    *,
    port: int = 0,
    host: str = LOOPBACK_HOST,
    gzip_types: Collection[str] = DEFAULT_GZIP_TYPES,
    extra_routes: Mapping[str, Path] | None = None,
) -> Iterator[ThrottledHost]:
    """Serve ``site_dir`` on 127.0.0.1 through ``profile`` (None: unthrottled) until the block ends.

    Args:
        site_dir: The built site; its ``_headers`` file is applied.
        profile: The network to model; None (or ``PROFILES["loopback"]``) sends at full speed.
        port: The port to listen on; 0 picks a free one.
        host: Must be 127.0.0.1: the host serves local folders to this machine only.
        gzip_types: Content types gzipped for clients that accept it (``fnmatch`` patterns).
        extra_routes: URL prefix (``"/__baseline/"``) → folder served under it, paced and
            gzipped the same way.

    Raises:
        ValueError: ``host`` is not 127.0.0.1.

    """
    if host != LOOPBACK_HOST:
        msg = f"the throttled host listens on {LOOPBACK_HOST} only, not {host!r}"
        raise ValueError(msg)
    chosen = profile or LOOPBACK
    if not mimetypes.inited:
        # Loading the system's MIME table takes tens of milliseconds; not in a timed request.
        mimetypes.init()
    routes = sorted((extra_routes or {}).items(), key=lambda route: len(route[0]), reverse=True)
    state = _HostState(
        site_dir=site_dir,
        routes=tuple(routes),
        rules=read_header_rules(site_dir / "_headers"),
        gzip_types=frozenset(pattern.lower() for pattern in gzip_types),
        profile=chosen,
        link=_Link(chosen.bandwidth_bytes_per_s),
    )
    server = _Server(port, _Handler, state)
    port = server.server_address[1]
    # A short poll interval: shutdown() waits for the loop to notice, up to one interval.
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name=f"throttled-host {port}",
        daemon=True,
    )
    thread.start()
    try:
        yield ThrottledHost(f"http://{LOOPBACK_HOST}:{port}/", state)
    finally:
        # Wake every paced or stalled writer first, so nothing waits out its sleep.
        state.closing.set()
        server.shutdown()
        server.close_connections()
        server.server_close()
        thread.join(timeout=_CLOSE_TIMEOUT_S)
