"""The host's request handler: files gzipped, validated and paced on the one shared link.

It answers as static hosts do (a folder's URL redirects to its slash form, ``index.html``
serves the folder, ``_headers`` applies, ``ETag`` and ``Last-Modified`` answer revalidations
with 304), waits the profile's latency before each response, and sends bodies chunk by chunk
at the link's pace; a download matching a stall stops mid-body.

Internal to :mod:`bench.host`, which re-exports the public names.
"""

from __future__ import annotations

import email.utils
import http.server
import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final
from urllib.parse import unquote, urlsplit

from bench.host.files import accepts_gzip, content_type_of, matches_any
from bench.host.request_log import LoggedResponse
from bench.host.state import AbortedError

if TYPE_CHECKING:
    from pathlib import Path

    from bench.host.server import HostServer
    from bench.host.state import HostState, Stall

#: Bodies are paced in chunks this big: small enough that concurrent downloads interleave.
CHUNK_BYTES: Final = 16 * 1024


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
            if rule.matches(url_path):
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
        except (AbortedError, OSError):
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
                    file=outcome.file,
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
        outcome.file = file
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
        # Unthrottled (loopback), a body goes out in one write: nothing to interleave.
        chunk_bytes = CHUNK_BYTES if math.isfinite(state.profile.bandwidth_bytes_per_s) else limit
        previous_end: float | None = None
        sent = 0
        while sent < limit:
            chunk = body[sent : min(sent + chunk_bytes, limit)]
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
    file: Path | None = None


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
