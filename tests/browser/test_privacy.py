"""What the Personvern page promises: no cookies, nothing sent anywhere, little stored.

A visitor reads, searches, switches to the dark palette, types business numbers into two
calculators and moves between pages. Afterwards the browser holds no cookies, no request
left 127.0.0.1, no request carried a typed number, and the only thing stored is the palette.
Each test is a first visit (a fresh context): what a browser holds is the point.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Request, expect

from bench.host import serve
from tests.browser.conftest import DESKTOP_VIEWPORT
from tests.browser.helpers import (
    calculator_pages,
    form_selector,
    navigate_instantly,
    wait_until_calculators_ready,
)

if TYPE_CHECKING:
    from tests.browser.conftest import NewPage
    from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser

#: Numbers nobody else would send: if one shows up in a request, a typed value left.
TYPED_MARGIN = "987 654"
TYPED_PROMOTERS = "4242"


def test_a_visit_leaves_no_cookies_sends_nothing_typed_and_stores_only_the_palette(
    new_page: NewPage, built_site: BuiltSite, site_url: str
) -> None:
    pages = calculator_pages(built_site)
    # Nothing off site and no console error: checked by the fixture.
    page, _ = new_page(viewport=DESKTOP_VIEWPORT)
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
    assert cookies == []
    assert [key for key in local if not key.endswith(".__palette")] == []
    assert session == []
    for typed in (TYPED_MARGIN, TYPED_PROMOTERS):
        encoded = (typed, typed.replace(" ", "+"), typed.replace(" ", "%20"))
        assert [line for line in sent if any(text in line for text in encoded)] == []


def test_typed_values_never_reach_the_server_when_the_reader_moves_on(
    new_page: NewPage, built_site: BuiltSite, site_url: str
) -> None:
    pages = calculator_pages(built_site)
    page, _ = new_page(viewport=DESKTOP_VIEWPORT)
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
    assert "customer_lifetime_value." not in address
    assert [line for line in sent if TYPED_MARGIN.replace(" ", "+") in line] == []


def test_the_host_never_sees_a_typed_value_typing_reloading_or_sharing(
    new_page: NewPage, built_site: BuiltSite
) -> None:
    # The host's own request log, as a static host keeps one: every request target, raw.
    calculator = "customer_lifetime_value"
    path = calculator_pages(built_site)[calculator]
    typed = "987654"
    with serve(built_site.directory) as host:
        page, _ = new_page(viewport=DESKTOP_VIEWPORT)
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.goto(f"{host.url}{path}/")
        wait_until_calculators_ready(page)
        form = page.locator(form_selector(calculator))
        form.locator("[name='margin_per_period']").fill(typed)
        expect(form.locator(".calculator-status")).to_contain_text("Oppdatert")
        page.wait_for_function("(value) => location.hash.includes(value)", arg=typed)
        page.reload()
        wait_until_calculators_ready(page)
        expect(form.locator("[name='margin_per_period']")).to_have_value(typed)
        form.locator("[data-action='share']").click()
        shared = page.evaluate("navigator.clipboard.readText()")
        second = page.context.new_page()
        second.goto(shared)
        wait_until_calculators_ready(second)
        expect(
            second.locator(f"{form_selector(calculator)} [name='margin_per_period']")
        ).to_have_value(typed)
        # An old link with the value in its query string: its first request carries it (that
        # is what it was), and the page moves it into the fragment before anything else goes.
        old = f"{host.url}{path}/?{calculator}.discount_rate=13"
        mark = host.log.mark()
        second.goto(old)
        wait_until_calculators_ready(second)
        assert "?" not in second.url
        assert f"#{calculator}.discount_rate=13" in second.url
        second.reload()
        wait_until_calculators_ready(second)
        expect(second.locator(f"{form_selector(calculator)} [name='discount_rate']")).to_have_value(
            "13"
        )
        after_old = [entry.target for entry in host.log.since(mark)]
        targets = [entry.target for entry in host.log.entries]
        page.context.close()
    assert [target for target in targets if typed in target] == []
    assert [target for target in after_old if "discount_rate" in target] == [
        f"/{path}/?{calculator}.discount_rate=13"
    ]
