"""The made-up site the host's tests serve, and a plain HTTP client to ask the host."""

from __future__ import annotations

import http.client
import random
import socket
import time
import zipfile
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bench.host import NetworkProfile

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from bench.host import Host

HEADERS_FILE = """\
/*
  X-Frame-Options: DENY
  X-Content-Type-Options: nosniff
/assets/*
  Cache-Control: public, max-age=31536000, immutable
"""
WASM_BYTES = 300_000
BIG_BYTES = 500_000
# 0 latency and 1 MB/s: a 500 KB body takes 0.5 s alone, 1 s when two share the link; long
# enough that a busy machine's scheduling delays stay small beside it.
SHARED_LINK = NetworkProfile(name="test-link", latency_s=0.0, bandwidth_bytes_per_s=1e6)


def compressible_bytes(size: int) -> bytes:
    """Random-looking but repetitive bytes, like a real .wasm: gzip shrinks them."""
    rng = random.Random(20240601)  # noqa: S311 - test data, not a secret
    words = [rng.randbytes(rng.randint(2, 12)) for _ in range(200)]
    chunks: list[bytes] = []
    total = 0
    while total < size:
        word = rng.choice(words)
        chunks.append(word)
        total += len(word)
    return b"".join(chunks)[:size]


def make_site(root: Path) -> Path:
    """Write the made-up site into ``root``: pages, a script, a runtime, a zip and noise."""
    (root / "index.html").write_text(
        "<!doctype html><title>Hjem</title>" + "<p>Kunderelasjoner</p>\n" * 500, encoding="utf-8"
    )
    (root / "app.js").write_text("console.log('kalkulator');\n" * 400, encoding="utf-8")
    (root / "calculators").mkdir()
    (root / "calculators" / "index.html").write_text("<p>Kalkulatorer</p>", encoding="utf-8")
    (root / "kundeløp").mkdir()
    (root / "kundeløp" / "index.html").write_text("<p>Kundeløp</p>", encoding="utf-8")
    assets = root / "assets"
    assets.mkdir()
    (assets / "runtime.wasm").write_bytes(compressible_bytes(WASM_BYTES))
    with zipfile.ZipFile(assets / "stdlib.zip", "w") as archive:
        archive.writestr("module.py", "x = 1\n" * 2000)
    noise = random.Random(7).randbytes(BIG_BYTES)  # noqa: S311 - test data, not a secret
    (root / "big.bin").write_bytes(noise)
    (root / "_headers").write_text(HEADERS_FILE, encoding="utf-8")
    return root


def get(
    host: Host,
    target: str,
    headers: dict[str, str] | None = None,
    *,
    method: str = "GET",
    timeout: float = 10.0,
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """Request ``target`` on a fresh connection; return status, headers and raw body."""
    parts = urlsplit(host.url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=timeout)
    try:
        connection.request(method, target, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        return response.status, response.headers, body
    finally:
        connection.close()


def wait_until[T](probe: Callable[[], T], timeout: float = 3.0) -> T:
    """Poll until ``probe`` returns something truthy: the host logs just after the last byte."""
    deadline = time.monotonic() + timeout
    while not (result := probe()) and time.monotonic() < deadline:
        time.sleep(0.01)
    return result


def raw_request(host: Host, target: str) -> socket.socket:
    """Open a connection and send a GET, leaving the answer to be read by the caller."""
    parts = urlsplit(host.url)
    sock = socket.create_connection((parts.hostname or "", parts.port or 0), timeout=5.0)
    request = f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nAccept-Encoding: identity\r\n"
    sock.sendall(f"{request}\r\n".encode())
    return sock


def read_until_quiet(sock: socket.socket, quiet_s: float) -> bytes:
    """Read whatever arrives until nothing has come for ``quiet_s`` (or the peer closes)."""
    sock.settimeout(quiet_s)
    received = bytearray()
    while True:
        try:
            data = sock.recv(65536)
        except TimeoutError:
            return bytes(received)
        if not data:
            return bytes(received)
        received += data
