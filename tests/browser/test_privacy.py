"""What the Personvern page promises: no cookies, nothing sent anywhere, little stored.

A visitor reads, searches, switches to the dark palette, types business numbers into two
calculators and moves between pages. Afterwards the browser holds no cookies, no request
left 127.0.0.1, no request carried a typed number, and the only thing stored is the palette.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, Request, expect

from tests.browser.conftest import DESKTOP_VIEWPORT, open_page
from tests.browser.helpers import (
    calculator_pages,
    form_selector,
    navigate_instantly,
    wait_until_calculators_ready,
)

if TYPE_CHECKING:
    from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser

#: Numbers nobody else would send: if one shows up in a request, a typed value left.
TYPED_MARGIN = "987 654"
TYPED_PROMOTERS = "4242"


def test_a_visit_leaves_no_cookies_sends_nothing_typed_and_stores_only_the_palette(
    browser: Browser, built_site: BuiltSite, site_url: str
) -> None:
    pages = calculator_pages(built_site)
    page, watch = open_page(browser, viewport=DESKTOP_VIEWPORT)
    requests: list[Request] = []
    # A lambda, not requests.append: Playwright marks the handler, a builtin cannot be marked.
    page.context.on("request", lambda request: requests.append(request))  # noqa: PLW0108
    page.goto(f"{site_url}{pages['customer_lifetime_value']}/")
    wait_until_calculators_ready(page)
    body = page.locator("body")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    form = page.locator(form_selector("customer_lifetime_value"))
    form.locator("[name='margin_per_period']").fill(TYPED_MARGIN)
    expect(form.locator(".calculator-status")).to_contain_text("Oppdatert")
    search = page.locator("input.md-search__input")
    search.focus()
    search.press_sequentially("lojalitet", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    page.keyboard.press("Escape")

    navigate_instantly(page, f"{site_url}{pages['nps']}/")
    wait_until_calculators_ready(page)
    nps = page.locator(form_selector("nps"))
    nps.locator("[name='promoters']").fill(TYPED_PROMOTERS)
    expect(nps.locator(".calculator-status")).to_contain_text("Oppdatert")
    navigate_instantly(page, site_url)
    expect(body).to_have_attribute("data-md-color-scheme", "slate")

    # The address bar holds the typed values (share links); a Referer header would carry
    # them to the server with later requests.
    sent = [
        f"{request.url} {request.all_headers().get('referer', '')} {request.post_data or ''}"
        for request in requests
    ]
    cookies = page.context.cookies()
    local = page.evaluate("Object.keys(localStorage)")
    session = page.evaluate("Object.keys(sessionStorage)")
    page.context.close()
    assert cookies == []
    assert [key for key in local if not key.endswith(".__palette")] == []
    assert session == []
    assert watch.offsite_requests == []
    for typed in (TYPED_MARGIN, TYPED_PROMOTERS):
        encoded = (typed, typed.replace(" ", "+"), typed.replace(" ", "%20"))
        assert [line for line in sent if any(text in line for text in encoded)] == []
    assert watch.console_errors == []


def test_typed_values_never_reach_the_server_when_the_reader_moves_on(
    browser: Browser, built_site: BuiltSite, site_url: str
) -> None:
    pages = calculator_pages(built_site)
    page, _ = open_page(browser, viewport=DESKTOP_VIEWPORT)
    requests: list[Request] = []
    # A lambda, not requests.append: Playwright marks the handler, a builtin cannot be marked.
    page.context.on("request", lambda request: requests.append(request))  # noqa: PLW0108
    page.goto(f"{site_url}{pages['customer_lifetime_value']}/")
    wait_until_calculators_ready(page)
    form = page.locator(form_selector("customer_lifetime_value"))
    form.locator("[name='margin_per_period']").fill(TYPED_MARGIN)
    expect(form.locator(".calculator-status")).to_contain_text("Oppdatert")
    # A real click: the field loses focus and fires "change" on the way out.
    page.locator(f"nav.md-nav--primary a[href$='{pages['nps'].rsplit('/', 1)[-1]}/']").first.click()
    wait_until_calculators_ready(page)
    page.wait_for_timeout(1000)
    address = page.url
    sent = [f"{request.url} {request.all_headers().get('referer', '')}" for request in requests]
    page.context.close()
    assert "customer_lifetime_value." not in address
    assert [line for line in sent if TYPED_MARGIN.replace(" ", "+") in line] == []
