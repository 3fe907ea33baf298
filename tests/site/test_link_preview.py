"""Found and shared: each built page's link preview, structured data, robots.txt and sitemap.

Checked on the session's build (for 127.0.0.1) and on a build for a host below a sub-path,
``https://eksempel.no/kunderelasjoner/``, where every absolute URL must carry the sub-path.
"""

from __future__ import annotations

import json
import re
import struct
from html import unescape
from typing import TYPE_CHECKING

import pytest

from build_scripts.mkdocs_plugin.link_preview import SCHEMA_ORG
from tests.conftest import build_site

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import BuiltSite

SUB_PATH_SITE = "https://eksempel.no/kunderelasjoner/"
_META = re.compile(r'<meta (?:property|name)="([a-z:_]+)" content="([^"]*)">')
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')
_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
OPEN_GRAPH = (
    "og:type",
    "og:site_name",
    "og:locale",
    "og:title",
    "og:description",
    "og:url",
    "og:image",
    "twitter:card",
    "twitter:title",
    "twitter:description",
    "twitter:image",
)


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _check_pages(site: Path, site_url: str) -> dict[str, dict[str, str]]:
    """Check every page against ``site_url``; return each page's tags, by page."""
    by_page = {}
    for index in sorted(site.rglob("index.html")):
        text = index.read_text(encoding="utf-8")
        page = index.parent.relative_to(site).as_posix()
        tags = {name: unescape(value) for name, value in _META.findall(text)}
        assert set(OPEN_GRAPH) <= set(tags), (page, set(OPEN_GRAPH) - set(tags))
        [canonical] = _CANONICAL.findall(text)
        assert canonical.startswith(site_url), canonical
        assert tags["og:url"] == canonical
        assert tags["og:locale"] == "nb_NO"
        assert tags["og:description"] == tags["description"]
        assert tags["twitter:card"] == "summary_large_image"
        # The image exists, 1200 × 630, on this site.
        image = tags["og:image"]
        assert image.startswith(site_url + "assets/social/"), image
        assert _png_size(site / image.removeprefix(site_url)) == (1200, 630)
        assert tags["og:title"] in unescape(_TITLE.findall(text)[0])
        # JSON-LD parses, names the page, and points nowhere but this site.
        [block] = _LD.findall(text)
        data = json.loads(block)
        assert data["name"] == tags["og:title"]
        assert data["url"] == canonical
        assert data["inLanguage"] == "nb"
        if data["@type"] != "WebSite":
            # From git (or the build date for a page not yet committed).
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["dateModified"]), data
        addresses = [s for s in _strings(data) if "://" in s and s != SCHEMA_ORG]
        assert all(address.startswith(site_url) for address in addresses), addresses
        by_page[page] = tags | {"@type": data["@type"]}
    return by_page


def test_every_page_has_its_own_preview_and_structured_data(built_site: BuiltSite) -> None:
    site = built_site.directory
    [site_url] = set(_CANONICAL.findall((site / "index.html").read_text(encoding="utf-8")))
    by_page = _check_pages(site, site_url)
    assert len({tags["og:description"] for tags in by_page.values()}) == len(by_page)
    assert len({tags["og:image"] for tags in by_page.values()}) == len(by_page)
    assert by_page["."]["@type"] == "WebSite"
    assert by_page["."]["og:type"] == "website"
    assert by_page["kalkulatorer/livstidsverdi"]["@type"] == "WebApplication"
    assert by_page["relasjoner/tillit"]["@type"] == "Article"
    # A concept page with an embedded calculator is still an article.
    assert by_page["relasjoner/relasjonsblomsten"]["@type"] == "Article"


@pytest.mark.build
def test_a_build_for_a_sub_path_gives_urls_below_it(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    site = build_site(tmp_path_factory.mktemp("sub-path-site"), SUB_PATH_SITE).directory
    _check_pages(site, SUB_PATH_SITE)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations
    assert all(location.startswith(SUB_PATH_SITE) for location in locations)
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SUB_PATH_SITE}sitemap.xml" in robots.splitlines()
