"""The one host serves a site as a real host would, at every profile's pace, and can break."""

from __future__ import annotations

import gzip
import http.client
import random
import socket
import threading
import time
import zipfile
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from bench.host import LOOPBACK, PROFILES, Host, NetworkProfile, gzip_size, serve

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

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


def _compressible_bytes(size: int) -> bytes:
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


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("host-site")
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
    (assets / "runtime.wasm").write_bytes(_compressible_bytes(WASM_BYTES))
    with zipfile.ZipFile(assets / "stdlib.zip", "w") as archive:
        archive.writestr("module.py", "x = 1\n" * 2000)
    noise = random.Random(7).randbytes(BIG_BYTES)  # noqa: S311 - test data, not a secret
    (root / "big.bin").write_bytes(noise)
    (root / "_headers").write_text(HEADERS_FILE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def host(site: Path) -> Iterator[Host]:
    """One host at the loopback profile for the tests that only look at what is sent."""
    with serve(site) as running:
        yield running


def _get(
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


def _wait_until[T](probe: Callable[[], T], timeout: float = 3.0) -> T:
    """Poll until ``probe`` returns something truthy: the host logs just after the last byte."""
    deadline = time.monotonic() + timeout
    while not (result := probe()) and time.monotonic() < deadline:
        time.sleep(0.01)
    return result


def _raw_request(host: Host, target: str) -> socket.socket:
    """Open a connection and send a GET, leaving the answer to be read by the caller."""
    parts = urlsplit(host.url)
    sock = socket.create_connection((parts.hostname or "", parts.port or 0), timeout=5.0)
    request = f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nAccept-Encoding: identity\r\n"
    sock.sendall(f"{request}\r\n".encode())
    return sock


def _read_until_quiet(sock: socket.socket, quiet_s: float) -> bytes:
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


@pytest.mark.parametrize("target", ["/", "/app.js", "/assets/runtime.wasm"])
def test_text_like_files_are_gzipped_when_the_browser_accepts_it(
    host: Host, site: Path, target: str
) -> None:
    status, headers, body = _get(host, target, {"Accept-Encoding": "gzip, deflate, br"})
    original = (site / ("index.html" if target == "/" else target.lstrip("/"))).read_bytes()
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept-Encoding"
    assert int(headers["Content-Length"]) == len(body) < len(original)
    assert gzip.decompress(body) == original


def test_wasm_and_zip_types(host: Host) -> None:
    _, wasm_headers, _ = _get(host, "/assets/runtime.wasm", {"Accept-Encoding": "gzip"})
    _, zip_headers, _ = _get(host, "/assets/stdlib.zip", {"Accept-Encoding": "gzip"})
    assert wasm_headers["Content-Type"] == "application/wasm"
    assert zip_headers["Content-Type"] == "application/zip"


def test_zip_is_not_gzipped_by_default(host: Host, site: Path) -> None:
    status, headers, body = _get(host, "/assets/stdlib.zip", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert "Content-Encoding" not in headers
    assert body == (site / "assets" / "stdlib.zip").read_bytes()
    assert int(headers["Content-Length"]) == len(body)


@pytest.mark.parametrize("accept_encoding", [None, "identity", "br", "gzip;q=0, br"])
def test_nothing_is_gzipped_for_a_client_that_does_not_accept_it(
    host: Host, site: Path, accept_encoding: str | None
) -> None:
    # http.client itself sends "Accept-Encoding: identity" when none is given.
    headers_sent = {} if accept_encoding is None else {"Accept-Encoding": accept_encoding}
    status, headers, body = _get(host, "/app.js", headers_sent)
    assert status == 200
    assert "Content-Encoding" not in headers
    assert headers["Vary"] == "Accept-Encoding"
    assert body == (site / "app.js").read_bytes()
    assert int(headers["Content-Length"]) == len(body)


def test_a_benchmark_can_have_zip_gzipped_too(site: Path) -> None:
    with serve(site, gzip_types={"application/zip"}) as zipping:
        _, zip_headers, zip_body = _get(zipping, "/assets/stdlib.zip", {"Accept-Encoding": "gzip"})
        _, js_headers, _ = _get(zipping, "/app.js", {"Accept-Encoding": "gzip"})
    assert zip_headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zip_body) == (site / "assets" / "stdlib.zip").read_bytes()
    assert "Content-Encoding" not in js_headers


def test_headers_file_blocks_apply_to_matching_paths_only(host: Host) -> None:
    _, page, _ = _get(host, "/")
    _, asset, _ = _get(host, "/assets/runtime.wasm")
    _, missing, _ = _get(host, "/assets/missing.wasm")
    assert page["X-Frame-Options"] == "DENY"
    assert page["X-Content-Type-Options"] == "nosniff"
    assert "Cache-Control" not in page
    assert asset["X-Frame-Options"] == "DENY"
    assert asset["Cache-Control"] == "public, max-age=31536000, immutable"
    assert missing["Cache-Control"] == "public, max-age=31536000, immutable"


def test_validators_are_sent_and_differ_between_raw_and_gzipped(host: Host) -> None:
    _, raw, _ = _get(host, "/app.js")
    _, zipped, _ = _get(host, "/app.js", {"Accept-Encoding": "gzip"})
    assert raw["ETag"].startswith('"')
    assert raw["ETag"].endswith('"')
    assert raw["Last-Modified"].endswith(" GMT")
    assert zipped["ETag"] != raw["ETag"]
    assert zipped["Last-Modified"] == raw["Last-Modified"]


def test_if_none_match_answers_304_without_a_body(host: Host) -> None:
    _, first, _ = _get(host, "/assets/runtime.wasm", {"Accept-Encoding": "gzip"})
    status, headers, body = _get(
        host,
        "/assets/runtime.wasm",
        {"Accept-Encoding": "gzip", "If-None-Match": first["ETag"]},
    )
    assert status == 304
    assert body == b""
    assert headers["ETag"] == first["ETag"]
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # The raw variant's tag does not validate the gzipped one.
    status, _, body = _get(
        host, "/assets/runtime.wasm", {"Accept-Encoding": "identity", "If-None-Match": '"nope"'}
    )
    assert status == 200
    assert len(body) == WASM_BYTES


def test_if_modified_since_answers_304_when_there_is_no_if_none_match(
    host: Host,
) -> None:
    _, first, _ = _get(host, "/app.js")
    status, _, body = _get(host, "/app.js", {"If-Modified-Since": first["Last-Modified"]})
    assert status == 304
    assert body == b""
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    status, _, _ = _get(host, "/app.js", {"If-Modified-Since": old})
    assert status == 200
    status, _, _ = _get(
        host, "/app.js", {"If-Modified-Since": first["Last-Modified"], "If-None-Match": '"x"'}
    )
    assert status == 200


def test_head_sends_the_headers_of_get_without_a_body(host: Host) -> None:
    _, get_headers, body = _get(host, "/", {"Accept-Encoding": "gzip"})
    status, headers, head_body = _get(host, "/", {"Accept-Encoding": "gzip"}, method="HEAD")
    assert status == 200
    assert head_body == b""
    assert headers["Content-Length"] == get_headers["Content-Length"] == str(len(body))
    assert headers["ETag"] == get_headers["ETag"]


def test_folders_redirect_to_their_slash_form_and_missing_files_are_404(
    host: Host,
) -> None:
    status, headers, _ = _get(host, "/calculators?a=1")
    assert status == 301
    assert headers["Location"] == "/calculators/?a=1"
    status, _, body = _get(host, "/calculators/")
    assert (status, body) == (200, b"<p>Kalkulatorer</p>")
    status, headers, _ = _get(host, "/kundel%C3%B8p")
    assert (status, headers["Location"]) == (301, "/kundel%C3%B8p/")
    assert _get(host, "/kundel%C3%B8p/")[2] == "<p>Kundeløp</p>".encode()
    assert _get(host, "/nowhere.html")[0] == 404
    assert _get(host, "/../../etc/passwd")[0] == 404


def test_extra_routes_are_served_under_their_prefix(site: Path, tmp_path: Path) -> None:
    (tmp_path / "pyodide.mjs").write_text("export const x = 1;\n" * 50, encoding="utf-8")
    with serve(site, extra_routes={"/__baseline/": tmp_path}) as routed:
        status, headers, body = _get(routed, "/__baseline/pyodide.mjs", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Type"] == "text/javascript"
    assert gzip.decompress(body) == (tmp_path / "pyodide.mjs").read_bytes()


def test_the_log_records_target_bytes_on_the_wire_and_gzip(host: Host, site: Path) -> None:
    _, headers, _ = _get(host, "/app.js?value=4217&unit=kr", {"Accept-Encoding": "gzip"})
    (entry,) = _wait_until(lambda: host.log.requests_for("value=4217"))
    assert entry.target == "/app.js?value=4217&unit=kr"
    assert entry.path == "/app.js"
    assert entry.method == "GET"
    assert entry.status == 200
    assert entry.gzipped
    assert entry.complete
    assert entry.body_bytes == int(headers["Content-Length"])
    assert entry.finished >= entry.arrived
    assert entry.file == site / "app.js"

    mark = host.log.mark()
    _get(host, "/app.js?value=4218", method="HEAD")
    (head,) = _wait_until(lambda: host.log.since(mark))
    assert (head.method, head.body_bytes, head.gzipped) == ("HEAD", 0, False)

    mark = host.log.mark()
    _get(host, "/nowhere.js")
    (missing,) = _wait_until(lambda: host.log.since(mark))
    assert (missing.status, missing.file) == (404, None)


def test_concurrent_downloads_share_one_link(site: Path) -> None:
    with serve(site, SHARED_LINK) as shared:

        def download() -> None:
            assert len(_get(shared, "/big.bin")[2]) == BIG_BYTES

        # The host reads and hashes a file on its first request: not part of the timing.
        assert _get(shared, "/big.bin", method="HEAD")[0] == 200
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
        status, _, _ = _get(far, "/calculators/")
        elapsed = time.monotonic() - started
    assert status == 200
    assert elapsed >= 0.3


def test_prepare_fills_the_caches_before_the_first_visit(site: Path) -> None:
    with serve(site) as fresh:
        assert fresh.prepare() == len([p for p in site.rglob("*") if p.is_file()])
        status, headers, body = _get(fresh, "/app.js", {"Accept-Encoding": "gzip"})
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
        status, headers, body = _get(host, "/big.bin", {"Accept-Encoding": "gzip"})
        elapsed = time.monotonic() - started
        _, page_headers, page = _get(host, "/", {"Accept-Encoding": "gzip"})
        (entry,) = _wait_until(lambda: host.log.requests_for("big.bin"))
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


def test_gzip_size_is_what_a_host_would_send(host: Host, site: Path) -> None:
    _, headers, body = _get(host, "/app.js", {"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    assert gzip_size(site / "app.js") == len(body)
    # Any file, zips too: what a host that gzips everything would send.
    assert (
        0
        < gzip_size(site / "assets" / "stdlib.zip")
        < (site / "assets" / "stdlib.zip").stat().st_size
    )


def test_a_stalled_download_stops_after_its_bytes_until_released(site: Path) -> None:
    with serve(site) as host:
        host.stall("*/runtime.wasm", after_bytes=1000)
        with _raw_request(host, "/assets/runtime.wasm") as sock:
            received = _read_until_quiet(sock, quiet_s=0.5)
        head, _, body = received.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200")
        assert f"Content-Length: {WASM_BYTES}".encode() in head
        assert len(body) == 1000
        # Other paths are not affected.
        assert _get(host, "/app.js")[0] == 200

        host.release()
        status, _, full = _get(host, "/assets/runtime.wasm")
        assert status == 200
        assert len(full) == WASM_BYTES

        stalled = _wait_until(
            lambda: [e for e in host.log.requests_for("runtime.wasm") if not e.complete]
        )
        assert [(e.body_bytes, e.complete) for e in stalled] == [(1000, False)]


def test_the_host_closes_promptly_with_a_stalled_download_open(site: Path) -> None:
    sock: socket.socket | None = None
    try:
        with serve(site, "4g") as host:
            host.stall("/assets/*", after_bytes=0)
            sock = _raw_request(host, "/assets/runtime.wasm")
            assert _read_until_quiet(sock, quiet_s=0.5).startswith(b"HTTP/1.1 200")
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


@pytest.mark.parametrize("address", ["localhost", "192.0.2.1", "::1"])
def test_only_loopback_is_allowed(site: Path, address: str) -> None:
    with (
        pytest.raises(ValueError, match=r"127\.0\.0\.1"),
        serve(site, host=address),
    ):
        pass
