"""The one host serves a site as a real host would: gzip, types, ``_headers``, validators."""

from __future__ import annotations

import gzip
from typing import TYPE_CHECKING

import pytest

from bench.host import Host, gzip_size, serve
from tests.bench.helpers import WASM_BYTES, get, wait_until

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize("target", ["/", "/app.js", "/assets/runtime.wasm"])
def test_text_like_files_are_gzipped_when_the_browser_accepts_it(
    host: Host, site: Path, target: str
) -> None:
    status, headers, body = get(host, target, {"Accept-Encoding": "gzip, deflate, br"})
    original = (site / ("index.html" if target == "/" else target.lstrip("/"))).read_bytes()
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept-Encoding"
    assert int(headers["Content-Length"]) == len(body) < len(original)
    assert gzip.decompress(body) == original


def test_wasm_and_zip_types(host: Host) -> None:
    _, wasm_headers, _ = get(host, "/assets/runtime.wasm", {"Accept-Encoding": "gzip"})
    _, zip_headers, _ = get(host, "/assets/stdlib.zip", {"Accept-Encoding": "gzip"})
    assert wasm_headers["Content-Type"] == "application/wasm"
    assert zip_headers["Content-Type"] == "application/zip"


def test_zip_is_not_gzipped_by_default(host: Host, site: Path) -> None:
    status, headers, body = get(host, "/assets/stdlib.zip", {"Accept-Encoding": "gzip"})
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
    status, headers, body = get(host, "/app.js", headers_sent)
    assert status == 200
    assert "Content-Encoding" not in headers
    assert headers["Vary"] == "Accept-Encoding"
    assert body == (site / "app.js").read_bytes()
    assert int(headers["Content-Length"]) == len(body)


def test_a_benchmark_can_have_zip_gzipped_too(site: Path) -> None:
    with serve(site, gzip_types={"application/zip"}) as zipping:
        _, zip_headers, zip_body = get(zipping, "/assets/stdlib.zip", {"Accept-Encoding": "gzip"})
        _, js_headers, _ = get(zipping, "/app.js", {"Accept-Encoding": "gzip"})
    assert zip_headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zip_body) == (site / "assets" / "stdlib.zip").read_bytes()
    assert "Content-Encoding" not in js_headers


def test_headers_file_blocks_apply_to_matching_paths_only(host: Host) -> None:
    _, page, _ = get(host, "/")
    _, asset, _ = get(host, "/assets/runtime.wasm")
    _, missing, _ = get(host, "/assets/missing.wasm")
    assert page["X-Frame-Options"] == "DENY"
    assert page["X-Content-Type-Options"] == "nosniff"
    assert "Cache-Control" not in page
    assert asset["X-Frame-Options"] == "DENY"
    assert asset["Cache-Control"] == "public, max-age=31536000, immutable"
    assert missing["Cache-Control"] == "public, max-age=31536000, immutable"


def test_validators_are_sent_and_differ_between_raw_and_gzipped(host: Host) -> None:
    _, raw, _ = get(host, "/app.js")
    _, zipped, _ = get(host, "/app.js", {"Accept-Encoding": "gzip"})
    assert raw["ETag"].startswith('"')
    assert raw["ETag"].endswith('"')
    assert raw["Last-Modified"].endswith(" GMT")
    assert zipped["ETag"] != raw["ETag"]
    assert zipped["Last-Modified"] == raw["Last-Modified"]


def test_if_none_match_answers_304_without_a_body(host: Host) -> None:
    _, first, _ = get(host, "/assets/runtime.wasm", {"Accept-Encoding": "gzip"})
    status, headers, body = get(
        host,
        "/assets/runtime.wasm",
        {"Accept-Encoding": "gzip", "If-None-Match": first["ETag"]},
    )
    assert status == 304
    assert body == b""
    assert headers["ETag"] == first["ETag"]
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # The raw variant's tag does not validate the gzipped one.
    status, _, body = get(
        host, "/assets/runtime.wasm", {"Accept-Encoding": "identity", "If-None-Match": '"nope"'}
    )
    assert status == 200
    assert len(body) == WASM_BYTES


def test_if_modified_since_answers_304_when_there_is_no_if_none_match(
    host: Host,
) -> None:
    _, first, _ = get(host, "/app.js")
    status, _, body = get(host, "/app.js", {"If-Modified-Since": first["Last-Modified"]})
    assert status == 304
    assert body == b""
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    status, _, _ = get(host, "/app.js", {"If-Modified-Since": old})
    assert status == 200
    status, _, _ = get(
        host, "/app.js", {"If-Modified-Since": first["Last-Modified"], "If-None-Match": '"x"'}
    )
    assert status == 200


def test_head_sends_the_headers_of_get_without_a_body(host: Host) -> None:
    _, get_headers, body = get(host, "/", {"Accept-Encoding": "gzip"})
    status, headers, head_body = get(host, "/", {"Accept-Encoding": "gzip"}, method="HEAD")
    assert status == 200
    assert head_body == b""
    assert headers["Content-Length"] == get_headers["Content-Length"] == str(len(body))
    assert headers["ETag"] == get_headers["ETag"]


def test_folders_redirect_to_their_slash_form_and_missing_files_are_404(
    host: Host,
) -> None:
    status, headers, _ = get(host, "/calculators?a=1")
    assert status == 301
    assert headers["Location"] == "/calculators/?a=1"
    status, _, body = get(host, "/calculators/")
    assert (status, body) == (200, b"<p>Kalkulatorer</p>")
    status, headers, _ = get(host, "/kundel%C3%B8p")
    assert (status, headers["Location"]) == (301, "/kundel%C3%B8p/")
    assert get(host, "/kundel%C3%B8p/")[2] == "<p>Kundeløp</p>".encode()
    assert get(host, "/nowhere.html")[0] == 404
    assert get(host, "/../../etc/passwd")[0] == 404


def test_extra_routes_are_served_under_their_prefix(site: Path, tmp_path: Path) -> None:
    (tmp_path / "pyodide.mjs").write_text("export const x = 1;\n" * 50, encoding="utf-8")
    with serve(site, extra_routes={"/__baseline/": tmp_path}) as routed:
        status, headers, body = get(routed, "/__baseline/pyodide.mjs", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Type"] == "text/javascript"
    assert gzip.decompress(body) == (tmp_path / "pyodide.mjs").read_bytes()


def test_the_log_records_target_bytes_on_the_wire_and_gzip(host: Host, site: Path) -> None:
    _, headers, _ = get(host, "/app.js?value=4217&unit=kr", {"Accept-Encoding": "gzip"})
    (entry,) = wait_until(lambda: host.log.requests_for("value=4217"))
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
    get(host, "/app.js?value=4218", method="HEAD")
    (head,) = wait_until(lambda: host.log.since(mark))
    assert (head.method, head.body_bytes, head.gzipped) == ("HEAD", 0, False)

    mark = host.log.mark()
    get(host, "/nowhere.js")
    (missing,) = wait_until(lambda: host.log.since(mark))
    assert (missing.status, missing.file) == (404, None)


def test_gzip_size_is_what_a_host_would_send(host: Host, site: Path) -> None:
    _, headers, body = get(host, "/app.js", {"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    assert gzip_size(site / "app.js") == len(body)
    # Any file, zips too: what a host that gzips everything would send.
    assert (
        0
        < gzip_size(site / "assets" / "stdlib.zip")
        < (site / "assets" / "stdlib.zip").stat().st_size
    )


@pytest.mark.parametrize("address", ["localhost", "192.0.2.1", "::1"])
def test_only_loopback_is_allowed(site: Path, address: str) -> None:
    with (
        pytest.raises(ValueError, match=r"127\.0\.0\.1"),
        serve(site, host=address),
    ):
        pass
