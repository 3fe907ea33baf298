"""The one host at every profile's pace: latency, one shared link, stalls, and closing."""

from __future__ import annotations

import gzip
import threading
import time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from bench.host import LOOPBACK, PROFILES, NetworkProfile, serve
from tests.bench.helpers import (
    BIG_BYTES,
    SHARED_LINK,
    WASM_BYTES,
    get,
    raw_request,
    read_until_quiet,
    wait_until,
)

if TYPE_CHECKING:
    import socket
    from pathlib import Path


def test_concurrent_downloads_share_one_link(site: Path) -> None:
    with serve(site, SHARED_LINK) as shared:

        def download() -> None:
            assert len(get(shared, "/big.bin")[2]) == BIG_BYTES

        # The host reads and hashes a file on its first request: not part of the timing.
        assert get(shared, "/big.bin", method="HEAD")[0] == 200
        started = time.monotonic()
        download()
        alone = time.monotonic() - started

        threads = [threading.Thread(target=download) for _ in range(2)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
        together = time.monotonic() - started

    assert alone >= 0.9 * BIG_BYTES / SHARED_LINK.bandwidth_bytes_per_s
    assert 1.6 <= together / alone <= 2.6, (alone, together)


def test_each_response_waits_the_latency(site: Path) -> None:
    profile = NetworkProfile(name="far", latency_s=0.3, bandwidth_bytes_per_s=1e9)
    with serve(site, profile) as far:
        started = time.monotonic()
        status, _, _ = get(far, "/calculators/")
        elapsed = time.monotonic() - started
    assert status == 200
    assert elapsed >= 0.3


def test_prepare_fills_the_caches_before_the_first_visit(site: Path) -> None:
    with serve(site) as fresh:
        assert fresh.prepare() == len([p for p in site.rglob("*") if p.is_file()])
        status, headers, body = get(fresh, "/app.js", {"Accept-Encoding": "gzip"})
    assert (status, headers["Content-Encoding"]) == (200, "gzip")
    assert gzip.decompress(body) == (site / "app.js").read_bytes()


def test_profiles_and_transfer_seconds(site: Path) -> None:
    slow = PROFILES["slow-4g"]
    assert (slow.latency_s, slow.bandwidth_bytes_per_s) == (0.150, 200_000)
    assert (PROFILES["4g"].latency_s, PROFILES["4g"].bandwidth_bytes_per_s) == (0.040, 1_250_000)
    assert PROFILES["loopback"] is LOOPBACK
    assert LOOPBACK.transfer_seconds(10_000_000) == 0.0
    with serve(site, slow) as throttled:
        assert throttled.transfer_seconds(1_000_000) == pytest.approx(5.15)
        assert throttled.profile is slow
    with serve(site, "slow-4g") as named:
        assert named.profile is slow
    with serve(site) as default:
        assert default.profile is LOOPBACK
    with pytest.raises(ValueError, match="bandwidth"):
        NetworkProfile(name="dead", latency_s=0.0, bandwidth_bytes_per_s=0.0)
    with pytest.raises(KeyError), serve(site, "3g"):
        pass


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_every_profile_serves_the_same_files_at_its_own_pace(site: Path, name: str) -> None:
    profile = PROFILES[name]
    with serve(site, name) as host:
        host.prepare()
        started = time.monotonic()
        status, headers, body = get(host, "/big.bin", {"Accept-Encoding": "gzip"})
        elapsed = time.monotonic() - started
        _, page_headers, page = get(host, "/", {"Accept-Encoding": "gzip"})
        (entry,) = wait_until(lambda: host.log.requests_for("big.bin"))
    # Random bytes are not a text type: sent as they are, on every profile.
    assert (status, "Content-Encoding" in headers) == (200, False)
    assert body == (site / "big.bin").read_bytes()
    assert page_headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(page) == (site / "index.html").read_bytes()
    assert page_headers["X-Frame-Options"] == "DENY"
    assert (entry.body_bytes, entry.complete, entry.file) == (BIG_BYTES, True, site / "big.bin")
    expected = profile.transfer_seconds(BIG_BYTES)
    assert elapsed >= 0.9 * expected
    # Loopback adds nothing; the throttled profiles take their time, within a busy margin.
    assert elapsed <= 1.5 * expected + 0.5


def test_a_stalled_download_stops_after_its_bytes_until_released(site: Path) -> None:
    with serve(site) as host:
        host.stall("*/runtime.wasm", after_bytes=1000)
        with raw_request(host, "/assets/runtime.wasm") as sock:
            received = read_until_quiet(sock, quiet_s=0.5)
        head, _, body = received.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200")
        assert f"Content-Length: {WASM_BYTES}".encode() in head
        assert len(body) == 1000
        # Other paths are not affected.
        assert get(host, "/app.js")[0] == 200

        host.release()
        status, _, full = get(host, "/assets/runtime.wasm")
        assert status == 200
        assert len(full) == WASM_BYTES

        stalled = wait_until(
            lambda: [e for e in host.log.requests_for("runtime.wasm") if not e.complete]
        )
        assert [(e.body_bytes, e.complete) for e in stalled] == [(1000, False)]


def test_the_host_closes_promptly_with_a_stalled_download_open(site: Path) -> None:
    sock: socket.socket | None = None
    try:
        with serve(site, "4g") as host:
            host.stall("/assets/*", after_bytes=0)
            sock = raw_request(host, "/assets/runtime.wasm")
            assert read_until_quiet(sock, quiet_s=0.5).startswith(b"HTTP/1.1 200")
            started = time.monotonic()
        closed_in = time.monotonic() - started
        sock.settimeout(2.0)
        assert sock.recv(1) == b"", "the host cut the stalled connection"
    finally:
        if sock is not None:
            sock.close()
    assert closed_in < 3.0
    own_threads = f"site-host {urlsplit(host.url).port}"
    assert not [t for t in threading.enumerate() if t.name.startswith(own_threads)]
