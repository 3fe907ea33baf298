"""The HTTP side of the throttled host: its shared state, its server and its request handler.

The server can cut every open connection when the host closes; the handler answers requests
gzipped, validated and paced on the one shared link, and stalls downloads when asked.

Internal to :mod:`bench.throttled_host`, which re-exports the public names.
"""

from __future__ import annotations

import contextlib
import email.utils
import fnmatch
import http.server
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final
from urllib.parse import unquote, urlsplit

from bench.throttled_files import FileCache, accepts_gzip, content_type_of, matches_any
from bench.throttled_network import LoggedResponse, NetworkProfile, RequestLog, SharedLink

if TYPE_CHECKING:
    from pathlib import Path

    from bench.server import HeaderRule

LOOPBACK_HOST: Final = "127.0.0.1"
#: Bodies are paced in chunks this big: small enough that concurrent downloads interleave.
CHUNK_BYTES: Final = 16 * 1024
# How long closing the host waits for its connection threads once their sockets are shut.
CLOSE_TIMEOUT_S: Final = 5.0


@dataclass(frozen=True, slots=True)
class Stall:
    """Downloads of paths matching ``pattern`` stop after ``after_bytes`` until ``released``."""

    pattern: str
    after_bytes: int
    released: threading.Event


class _AbortedError(Exception):
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
            raise _AbortedError

    def stall_for(self, url_path: str) -> Stall | None:
        """Return the stall rule that applies to a response starting now, if any."""
        with self.stalls_lock:
            return next((s for s in self.stalls if fnmatch.fnmatchcase(url_path, s.pattern)), None)


class HostServer(http.server.ThreadingHTTPServer):
    """A threading server that can cut every open connection when it closes."""

    daemon_threads = True
    # Threads are joined in close_connections(), with a timeout.
    block_on_close = False

    def __init__(self, port: int, handler: type[PacedHandler], state: HostState) -> None:
        """Listen on 127.0.0.1:``port`` (0: any free port), sharing ``state`` with handlers."""
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
        deadline = time.monotonic() + CLOSE_TIMEOUT_S
        for thread in connections:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))


class PacedHandler(http.server.BaseHTTPRequestHandler):
    """Serves files from the site (and extra routes) gzipped, validated and paced."""

    # Keep-alive, as every real host offers; bodies always carry a Content-Length.
    protocol_version = "HTTP/1.1"
    # Without TCP_NODELAY, Nagle's algorithm and delayed ACKs hold small writes back by up to
    # 40 ms on loopback, a delay the modelled network does not have. Hosts disable it too.
    disable_nagle_algorithm = True
    server: HostServer

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
        content_type = content_type_of(file)
        compressible = matches_any(content_type, state.gzip_types)
        gzipped = compressible and accepts_gzip(self.headers.get("Accept-Encoding", ""))
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

    def _write_body(self, body: bytes, outcome: _Outcome, stall: Stall | None) -> None:
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


def _resolve(state: HostState, url_path: str) -> Path | None:
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
