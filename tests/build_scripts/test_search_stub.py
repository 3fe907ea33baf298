"""Calculator forms stand aside while the search plugin reads a page, and come back whole."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from build_scripts.mkdocs_plugin.search_stub import FormsAsideFromSearch

if TYPE_CHECKING:
    from tests.conftest import BuiltSite

FORM = (
    '<form class="calculator" data-calculator="nps" data-search-exclude="" id="nps-1">'
    '<h2 id="nps-1-title">Regn ut NPS</h2><label>Promotorer</label>'
    "<svg><text>50 %</text></svg></form>"
)
#: A calculator form's title in a built page (build_scripts/extension/directive_html.py), up to its
#: "¶" link.
CALCULATOR_TITLE = re.compile(r'<h[1-6] class="calculator-title" id="([^"]+)">([^<]+)<')
PAGE = f"<p>Før</p>{FORM}<form name='search'><input></form><p>Etter</p>{FORM}"


def test_forms_leave_only_their_headings_and_come_back_unchanged() -> None:
    aside = FormsAsideFromSearch()
    stubbed = aside.set_aside(PAGE)
    assert "Promotorer" not in stubbed
    assert "<svg>" not in stubbed
    assert stubbed.count('<h2 id="nps-1-title">Regn ut NPS</h2>') == 2
    # Other forms are not calculators: left as they are.
    assert "<form name='search'><input></form>" in stubbed
    assert aside.put_back(stubbed) == PAGE


def test_what_the_search_plugin_changes_outside_the_forms_stays_changed() -> None:
    aside = FormsAsideFromSearch()
    stubbed = aside.set_aside(PAGE)
    assert aside.put_back(stubbed.replace("<p>Før</p>", "<p>Endret</p>")) == PAGE.replace(
        "<p>Før</p>", "<p>Endret</p>"
    )


def test_a_page_without_calculators_is_untouched() -> None:
    aside = FormsAsideFromSearch()
    assert aside.set_aside("<p>Tekst</p>") == "<p>Tekst</p>"
    assert aside.put_back("<p>Tekst</p>") == "<p>Tekst</p>"


def test_the_search_finds_each_calculator_by_its_title_and_nothing_inside(
    built_site: BuiltSite,
) -> None:
    index = json.loads((built_site.directory / "search" / "search_index.json").read_text())
    sections = {doc["location"]: doc for doc in index["docs"]}
    titled = 0
    for html in built_site.directory.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        page = html.parent.relative_to(built_site.directory).as_posix() + "/"
        for heading_id, title in CALCULATOR_TITLE.findall(text):
            section = sections[f"{page}#{heading_id}"]
            assert section["title"] == title
            assert section["text"] == ""
            titled += 1
    assert titled >= 10
