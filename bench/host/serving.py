"""Starting a host for a folder, and the running host: its URL, its log and its faults.

Internal to :mod:`bench.host`, which re-exports the public names.
"""

from __future__ import annotations

import contextlib
import mimetypes
import threading
from typing import TYPE_CHECKING

from bench.host.files import DEFAULT_GZIP_TYPES, content_type_of, matches_any
from bench.host.handler import PacedHandler
from bench.host.headers_file import read_header_rules
from bench.host.network import LOOPBACK, PROFILES, NetworkProfile, SharedLink
from bench.host.server import CLOSE_TIMEOUT_S, HostServer
from bench.host.state import LOOPBACK_HOST, HostState, Stall

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Mapping
    from pathlib import Path

    from bench.host.request_log import RequestLog


class Host:
    """A running host: its URL, its log and the faults it can inject (use :func:`serve`)."""

    def __init__(self, url: str, state: HostState) -> None:
        """Wrap a started server's shared state."""
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
            self._state.stalls.append(Stall(pattern, after_bytes, threading.Event()))

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
        few hundred milliseconds for a 10 MB runtime) would count in a cold visit. A CDN
        serves from caches filled long before.
        """
        state = self._state
        roots = [state.site_dir, *(root for _, root in state.routes)]
        count = 0
        for root in roots:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    state.files.get(path, gzipped=False)
                    if matches_any(content_type_of(path), state.gzip_types):
                        state.files.get(path, gzipped=True)
                    count += 1
        return count


@contextlib.contextmanager
def serve(  # noqa: PLR0913 - keyword-only options of one host
    site_dir: Path,
    profile: NetworkProfile | str = LOOPBACK,
    *,
    port: int = 0,
    host: str = LOOPBACK_HOST,
    gzip_types: Collection[str] = DEFAULT_GZIP_TYPES,
    extra_routes: Mapping[str, Path] | None = None,
) -> Iterator[Host]:
    """Serve ``site_dir`` on 127.0.0.1 through ``profile`` until the block ends.

    Args:
        site_dir: The built site; its ``_headers`` file is applied.
        profile: The network to model, or its name in :data:`PROFILES`; ``loopback`` (the
            default) sends at full speed with no added latency.
        port: The port to listen on; 0 picks a free one.
        host: Must be 127.0.0.1: the host serves local folders to this machine only.
        gzip_types: Content types gzipped for clients that accept it (``fnmatch`` patterns).
        extra_routes: URL prefix (``"/__baseline/"``) → folder served under it, paced and
            gzipped the same way.

    Raises:
        ValueError: ``host`` is not 127.0.0.1.
        KeyError: ``profile`` names no profile.

    """
    if host != LOOPBACK_HOST:
        msg = f"the host listens on {LOOPBACK_HOST} only, not {host!r}"
        raise ValueError(msg)
    chosen = PROFILES[profile] if isinstance(profile, str) else profile
    if not mimetypes.inited:
        # Loading the system's MIME table takes tens of milliseconds; not in a timed request.
        mimetypes.init()
    routes = sorted((extra_routes or {}).items(), key=lambda route: len(route[0]), reverse=True)
    state = HostState(
        site_dir=site_dir,
        routes=tuple(routes),
        rules=read_header_rules(site_dir / "_headers"),
        gzip_types=frozenset(pattern.lower() for pattern in gzip_types),
        profile=chosen,
        link=SharedLink(chosen.bandwidth_bytes_per_s),
    )
    server = HostServer(port, PacedHandler, state)
    port = server.server_address[1]
    # A short poll interval: shutdown() waits for the loop to notice, up to one interval.
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name=f"site-host {port}",
        daemon=True,
    )
    thread.start()
    try:
        yield Host(f"http://{LOOPBACK_HOST}:{port}/", state)
    finally:
        # Wake every paced or stalled writer first, so nothing waits out its sleep.
        state.closing.set()
        server.shutdown()
        server.close_connections()
        server.server_close()
        thread.join(timeout=CLOSE_TIMEOUT_S)
