"""The reader's first minutes: the front page on a phone, and search in Norwegian."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote_plus

import pytest
from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from tests.browser.conftest import PageWatch

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".cache" / "screenshots"


#: What a reader searches for, and the page that must come first.
SEARCHES = (
    ("tillit", "relasjoner/tillit/"),
    ("lojalitet", "kunderelasjoner/lojalitet/"),
    ("relasjonsblomsten", "relasjoner/relasjonsblomsten/"),
    ("Grunig", "relasjoner/relasjonens-viktighet/"),
    ("kundefrafall", "kundeokonomi/"),
    ("relasjonsmarkedsføring", "relasjoner/"),
    ("falsk lojalitet", "kunderelasjoner/lojalitet/"),
    ("byttebarrierer", "kunderelasjoner/lojalitet/"),
    ("kundelønnsomhet", "kundeokonomi/kundelonnsomhet/"),
    # What a course expects, each on a page of its own.
    ("ARA-modellen", "relasjoner/imp-og-nettverk/"),
    ("servicegevinstkjeden", "kunderelasjoner/servicegevinstkjeden/"),
    ("SERVQUAL", "kunderelasjoner/tilfredshet-og-kvalitet/"),
    ("kundepyramiden", "kundeokonomi/kundelonnsomhet/"),
    ("RFM", "kundeokonomi/kundelonnsomhet/"),
    ("Kundebarometer", "kunderelasjoner/tilfredshet-og-kvalitet/"),
    ("Keiningham", "kunderelasjoner/nps-og-kritikken/"),
)


def test_search_puts_the_right_page_first(desktop: tuple[Page, PageWatch], site_url: str) -> None:
    # One visit, one search after another, as a reader looks up several things; Material
    # builds its index once per page load.
    page, _ = desktop
    page.goto(site_url)
    search = page.locator("input.md-search__input")
    first = page.locator(".md-search-result__item > a.md-search-result__link").first
    wrong: dict[str, str] = {}
    for query, expected_page in SEARCHES:
        search.fill("")
        # Type as a person does; Material searches as soon as its index has loaded.
        search.press_sequentially(query, delay=30)
        # Result links carry the query's terms for highlighting (?h=…, split where Material's
        # search splits words) and often an anchor: wait for this query's results, not the
        # last one's.
        terms = "+".join(quote_plus(term) for term in re.split(r"[\s\-]+", query.lower()))
        highlight = re.escape(f"?h={terms}") + "(#|$)"
        expect(first).to_have_attribute("href", re.compile(highlight), timeout=15_000)
        href = first.get_attribute("href") or ""
        target = href.split("#", 1)[0].split("?", 1)[0]
        if target.removeprefix(site_url) != expected_page:
            wrong[query] = href
    assert wrong == {}, f"first hits that should have been another page: {wrong}"


def test_front_page_fits_a_phone_without_horizontal_scrolling(
    phone: tuple[Page, PageWatch], site_url: str
) -> None:
    page, _ = phone
    page.goto(site_url)
    expect(page.locator("h1").first).to_be_visible()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "front-phone.png", full_page=True)
    assert overflow <= 0


def test_palette_toggle_switches_between_light_and_dark(
    desktop: tuple[Page, PageWatch], site_url: str
) -> None:
    page, _ = desktop
    page.goto(site_url)
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    expect(body).not_to_have_attribute("data-md-color-scheme", before or "")
