"""The host's HTTP server: a thread per connection, every connection cut when the host closes.

Internal to :mod:`bench.host`, which re-exports the public names.
"""

from __future__ import annotations

import contextlib
import http.server
import socket
import sys
import threading
import time
from typing import TYPE_CHECKING, Final

from bench.host.state import LOOPBACK_HOST

if TYPE_CHECKING:
    from bench.host.handler import PacedHandler
    from bench.host.state import HostState

# How long closing the host waits for its connection threads once their sockets are shut.
CLOSE_TIMEOUT_S: Final = 5.0


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
            name=f"site-host {self.server_address[1]} {client_address}",
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
