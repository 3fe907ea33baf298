"""A real ``mkdocs build --strict`` of the whole site, checked the way a reader meets it."""

from __future__ import annotations

import json
import posixpath
import re
from html import unescape
from typing import TYPE_CHECKING

import pytest

from tests.site.html_scan import css_urls, is_offsite, scan
from tests.site.html_tree import built_pages

if TYPE_CHECKING:
    from tests.conftest import BuiltSite

NORWEGIAN_LETTERS = set("æøåÆØÅ")


def resolve(page_url: str, href: str) -> str | None:
    """Resolve an in-site link from ``page_url`` to a page URL, or None if it leaves the site."""
    target = href.split("#", 1)[0]
    if not target or is_offsite(target) or target.startswith(("mailto:", "tel:")):
        return None
    resolved = posixpath.normpath(posixpath.join(page_url, target))
    resolved = "" if resolved == "." else resolved
    if resolved.endswith("index.html"):
        resolved = resolved.removesuffix("index.html")
    if resolved and not resolved.endswith("/"):
        resolved += "/"
    return resolved


def test_strict_build_printed_no_warnings(built_site: BuiltSite) -> None:
    assert "WARNING" not in built_site.log


def test_every_page_is_reachable_from_the_navigation(built_site: BuiltSite) -> None:
    site = built_site.directory
    pages = set(built_pages(site))
    seen: set[str] = set()
    queue = [""]
    while queue:
        page = queue.pop()
        if page in seen:
            continue
        seen.add(page)
        html = (site / page / "index.html").read_text(encoding="utf-8")
        for href in scan(html).nav_links:
            target = resolve(page, href)
            if target is not None and target in pages:
                queue.append(target)
    assert pages - seen == set(), "pages that no navigation link reaches"
    assert len(pages) >= 15


def test_search_index_holds_every_page_in_norwegian(built_site: BuiltSite) -> None:
    index = json.loads((built_site.directory / "search" / "search_index.json").read_text())
    assert index["config"]["lang"] == ["no"]
    page_entries = {doc["location"]: doc for doc in index["docs"] if "#" not in doc["location"]}
    for page in built_pages(built_site.directory):
        assert page in page_entries, f"{page!r} is missing from the search index"
    text = " ".join(doc["text"] for doc in index["docs"])
    assert NORWEGIAN_LETTERS & set(text)
    for word in ("kunde", "relasjon", "tillit", "lojalitet"):
        assert word in text.lower()


def test_no_page_loads_anything_from_another_origin(built_site: BuiltSite) -> None:
    site = built_site.directory
    offending: list[str] = []
    for html_file in site.rglob("*.html"):
        loaded = scan(html_file.read_text(encoding="utf-8")).loaded
        offending.extend(
            f"{html_file.relative_to(site)}: {url}" for url in loaded if is_offsite(url)
        )
    for css_file in site.rglob("*.css"):
        loaded = css_urls(css_file.read_text(encoding="utf-8"))
        offending.extend(
            f"{css_file.relative_to(site)}: {url}" for url in loaded if is_offsite(url)
        )
    assert offending == []


@pytest.mark.parametrize(
    "page",
    [
        "",
        "relasjoner/",
        "relasjoner/relasjonsblomsten/",
        "kunderelasjoner/lonnsomhet/",
        "kundeokonomi/",
        "kilder/",
    ],
)
def test_pages_are_in_norwegian_with_sources(built_site: BuiltSite, page: str) -> None:
    html = (built_site.directory / page / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nb"' in html
    if page not in {"", "kilder/"}:
        assert "kilder/#" in html, "each concept page links to its references"


def test_formulas_are_mathml_rendered_at_build_time(built_site: BuiltSite) -> None:
    html = (built_site.directory / "kundeokonomi" / "index.html").read_text(encoding="utf-8")
    assert "<math" in html
    assert "$$" not in html


def test_every_page_describes_itself_for_search_results(built_site: BuiltSite) -> None:
    # The site-wide description would otherwise stand on every page; the generated
    # reference page carries its own through front matter too.
    description = re.compile(r'<meta name="description" content="([^"]*)"')
    by_page = {}
    for index in sorted(built_site.directory.rglob("index.html")):
        [text] = description.findall(index.read_text(encoding="utf-8"))
        page = index.parent.relative_to(built_site.directory).as_posix()
        by_page[page] = unescape(text)
    assert len(set(by_page.values())) == len(by_page), "two pages share a description"
    assert all(120 <= len(text) <= 160 for text in by_page.values()), by_page
