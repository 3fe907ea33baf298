"""What makes the calculators fast, checked for function (the timings are `make bench`'s job).

- The build-time results are on the page at first paint, before any Python runs.
- Python starts from the content-addressed runtime folder the page names.
- After one visit, the service worker has kept the page, the runtime and the search index:
  the calculator and search work on the next visit with the site out of reach.
"""

from __future__ import annotations

import json
import re
import time
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from calculators import evaluate
from tests.browser.conftest import DESKTOP_VIEWPORT
from tests.browser.helpers import READY_TIMEOUT_MS, calculator_pages
from tests.conftest import serve_site

if TYPE_CHECKING:
    from tests.browser.conftest import NewPage
    from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser

CALCULATOR = "nps"

FORM = f"form.calculator[data-calculator='{CALCULATOR}']"

# At first contentful paint, copy what every output of the form shows. Takes the selector.
RECORD_FIRST_PAINT = """
(selector) => {
  window.__atFirstPaint = null;
  new PerformanceObserver((list, observer) => {
    if (!list.getEntriesByName("first-contentful-paint").length) return;
    const form = document.querySelector(selector);
    const outputs = form ? [...form.querySelectorAll("output[name]")] : [];
    window.__atFirstPaint = form && {
      state: form.dataset.state,
      outputs: Object.fromEntries(outputs.map((o) => [o.getAttribute("name"), o.textContent])),
    };
    observer.disconnect();
  }).observe({ type: "paint", buffered: true });
}
"""


@pytest.fixture(scope="module")
def page_path(built_site: BuiltSite) -> str:
    return calculator_pages(built_site)[CALCULATOR] + "/"


def test_build_time_results_are_there_at_first_paint_without_python(
    new_page: NewPage, site_url: str, page_path: str
) -> None:
    page, watch = new_page(viewport=DESKTOP_VIEWPORT)
    watch.expect_console_errors("the browser logs the blocked worker")
    # No worker, so no Python: whatever the page shows came with the HTML.
    page.route(re.compile(r".*/calculator-worker\.mjs.*"), lambda route: route.abort())
    page.add_init_script(f"({RECORD_FIRST_PAINT})({json.dumps(FORM)});")
    page.goto(site_url + page_path)
    page.wait_for_function("() => window.__atFirstPaint !== null", timeout=10_000)
    at_first_paint = page.evaluate("window.__atFirstPaint")
    expected = evaluate(CALCULATOR, {})["display"]

    assert at_first_paint["state"] != "ready"
    assert {name: at_first_paint["outputs"][name] for name in expected} == expected
    # The worker never came: the page says so in Norwegian and keeps the results.
    form = page.locator(FORM)
    expect(form).to_have_attribute("data-state", "error", timeout=30_000)
    expect(form.locator(".calculator-status")).to_contain_text("regnet ut på forhånd")
    for name, text in expected.items():
        expect(form.locator(f"output[name='{name}']")).to_have_text(text)


def test_python_starts_from_the_runtime_folder_the_page_names(
    new_page: NewPage, site_url: str, page_path: str
) -> None:
    # A first visit: every runtime file is fetched, from the folder the page names.
    page, _ = new_page(viewport=DESKTOP_VIEWPORT)
    runtime_requests: list[str] = []

    def on_request(request: Request) -> None:
        if "/assets/pyodide/" in request.url:
            runtime_requests.append(request.url)

    page.context.on("request", on_request)
    page.goto(site_url + page_path)
    folder = page.locator('meta[name="calculators-runtime"]').get_attribute("content")
    expect(page.locator(FORM)).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    assert folder
    assert re.fullmatch(r"assets/pyodide/[0-9a-f]{16}/", folder)
    assert runtime_requests
    assert all(url.startswith(site_url + folder) for url in runtime_requests)


# Playwright's wait_for_function does not wait for a promise, so the page is polled.
KEPT = """async (urls) => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (registration?.active?.state !== "activated") return false;
    const used = performance.getEntriesByType("resource").map((entry) => entry.name);
    for (const url of [...urls, ...used]) {
        if (!(await caches.match(url))) return false;
    }
    return true;
}"""


def _wait_until_kept(page: Page, urls: list[str], timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(KEPT, urls):
        assert time.monotonic() < deadline, "the service worker did not keep everything in time"
        page.wait_for_timeout(250)


def test_calculator_and_search_work_offline_on_the_next_visit(
    browser: Browser, built_site: BuiltSite, page_path: str
) -> None:
    # The site goes away for real (connection refused) rather than through Playwright's
    # offline emulation, which now and then keeps a navigation from reaching the service
    # worker. Playwright's request routing bypasses service workers too, so no new_page().
    context = browser.new_context(viewport=DESKTOP_VIEWPORT, locale="nb-NO")
    with serve_site(built_site.directory) as site_url:
        offsite: list[str] = []
        context.on(
            "request",
            lambda request: (
                None if request.url.startswith(site_url) else offsite.append(request.url)
            ),
        )
        page = context.new_page()
        page.goto(site_url + page_path)
        expect(page.locator(FORM)).to_have_attribute(
            "data-state", "ready", timeout=READY_TIMEOUT_MS
        )
        # The service worker keeps the runtime while installing, then what the page used.
        folder = page.locator('meta[name="calculators-runtime"]').get_attribute("content")
        # Material's search worker loads lunr's Norwegian support itself, out of the page's
        # sight; the service worker keeps those files last.
        lunr = f"{site_url}assets/javascripts/lunr/min/"
        urls = [
            site_url + page_path,
            f"{site_url}{folder}pyodide.asm.wasm",
            f"{lunr}lunr.stemmer.support.min.js",
            f"{lunr}lunr.no.min.js",
        ]
        _wait_until_kept(page, urls)
        page.close()

    # The next visit: a share link to the same page (the address fills the form).
    page = context.new_page()
    page.goto(site_url + page_path + f"?{CALCULATOR}.detractors=0")
    form = page.locator(FORM)
    expect(form).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    form.locator("[name='promoters']").fill("70")
    expected = evaluate(CALCULATOR, {"promoters": "70", "detractors": "0"})["display"]
    for name, text in expected.items():
        expect(form.locator(f"output[name='{name}']")).to_have_text(text)

    # Search works too: its index and Material's search worker were kept.
    search = page.locator("input.md-search__input")
    search.focus()
    search.press_sequentially("lojalitet", delay=30)
    first = page.locator(".md-search-result__item > a.md-search-result__link").first
    expect(first).to_be_visible(timeout=15_000)
    assert "kunderelasjoner/lojalitet/" in (first.get_attribute("href") or "")

    # A page this device has not kept: a Norwegian page says so and lists the kept ones,
    # in the site's look, instead of the browser's own error; a listed page opens.
    page.goto(site_url + "kilder/")
    expect(page.locator("h1")).to_have_text("Du er uten nett")
    expect(page.locator("article")).to_contain_text("er ikke lagret på denne enheten")
    kept = page.locator(f"article li a[href='/{page_path}']")
    expect(kept).to_have_count(1)
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).fontWeight") != ""
    assert page.evaluate("document.styleSheets.length") >= 2
    kept.click()
    expect(page.locator(FORM)).to_be_visible()
    context.close()
    assert offsite == []
