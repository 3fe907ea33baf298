"""How long a browser may keep each file, as the site's ``_headers`` tells a host."""

from __future__ import annotations

import http.client
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from build_scripts.finish.caching import IMMUTABLE, REVALIDATE

if TYPE_CHECKING:
    from tests.conftest import BuiltSite

#: A content hash in a file's name: Material's "bundle.a5f9d56c.min.js", a preview's
#: "ordliste-50aa99a6a4.png", the runtime's folder "assets/pyodide/339086ecb96c2cf7/".
HASHED = re.compile(r"[-./][0-9a-f]{8,16}(?:\.min\.(?:js|css)|\.png|/)")


def cache_control(site_url: str, path: str) -> list[str]:
    """Every Cache-Control header the host sends for ``path`` (a host joins duplicates)."""
    parts = urlsplit(site_url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.status == 200, path
    return [value for name, value in response.getheaders() if name.lower() == "cache-control"]


def test_files_named_by_their_content_are_kept_a_year_and_the_rest_checked(
    built_site: BuiltSite, site_url: str
) -> None:
    site = built_site.directory
    files = sorted("/" + p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    hashed = [
        path
        for path in files
        if HASHED.search(path) and not path.endswith(".map") and "/lunr/" not in path
    ]
    # Material's bundle, search worker and stylesheets, the previews, the runtime's files.
    assert any("/bundle." in path for path in hashed)
    assert any("/workers/search." in path for path in hashed)
    assert any("/stylesheets/main." in path for path in hashed)
    assert any("/assets/social/" in path for path in hashed)
    assert any("/assets/pyodide/" in path for path in hashed)
    samples = [p for p in hashed if not p.startswith("/assets/social/")]
    samples += [p for p in hashed if p.startswith("/assets/social/")][:2]
    for path in samples:
        assert cache_control(site_url, path) == [IMMUTABLE], path
    # The site's own files keep their names from build to build: checked every time.
    for path in (
        "/javascripts/calculators.mjs",
        "/javascripts/calculator-names.js",
        "/stylesheets/calculators.css",
        "/search/search_index.json",
        "/sitemap.xml",
        "/service-worker.js",
    ):
        assert cache_control(site_url, path) == [REVALIDATE], path
    # Pages get the host's default (Netlify and Cloudflare Pages check every time).
    assert cache_control(site_url, "/kalkulatorer/nps/") == []
