"""Repeat visits start Python from the first visit's memory (calculator-worker.mjs).

- After a first visit, the service worker's cache holds the snapshot, inside the runtime's
  folder; it holds nothing the reader typed or brought in a share link.
- A repeat visit starts from it: the calculators answer without their package being fetched.
- A damaged snapshot is replaced, and the reader never notices.
- The worker started from the page's ``<head>`` is the page's only calculator worker.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, Route, expect

from calculators import evaluate
from tests.browser.conftest import DESKTOP_VIEWPORT
from tests.browser.helpers import (
    READY_TIMEOUT_MS,
    calculator_pages,
    form_selector,
    navigate_instantly,
)
from tests.workbooks import xlsx

if TYPE_CHECKING:
    from tests.browser.conftest import NewPage
    from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser

CALCULATOR = "customer_lifetime_value"
FORM = form_selector(CALCULATOR)
SNAPSHOT_NAME = "python-memory.snapshot"
CACHE = "kunderelasjoner-v1"
#: A value no Python module holds: typed in a share link, it must not reach the snapshot.
SHARED_MARGIN = "271828182845"

# What the cache holds under the snapshot's name: size, layout, and whether a string occurs.
INSPECT = """async ([url, needle]) => {
  const response = await caches.match(url);
  if (!response) return null;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const wanted = new TextEncoder().encode(needle);
  let found = false;
  outer: for (let i = bytes.indexOf(wanted[0]); i !== -1; i = bytes.indexOf(wanted[0], i + 1)) {
    for (let j = 1; j < wanted.length; j++) if (bytes[i + j] !== wanted[j]) continue outer;
    found = true;
    break;
  }
  return { size: bytes.length, layout: JSON.parse(response.headers.get("X-Memory-Layout")), found };
}"""

# A "snapshot" that is not one: right layout header, random bytes.
PLANT_DAMAGED = """async ([cache, url]) => {
  const bytes = crypto.getRandomValues(new Uint8Array(65536));
  const layout = JSON.stringify({ length: 65536, pages: [[0, 65536]] });
  await (await caches.open(cache)).put(url, new Response(bytes, {
    headers: { "X-Memory-Layout": layout },
  }));
}"""


@pytest.fixture(scope="module")
def page_path(built_site: BuiltSite) -> str:
    return calculator_pages(built_site)[CALCULATOR] + "/"


def _snapshot_url(page: Page, site_url: str) -> str:
    folder = page.locator('meta[name="calculators-runtime"]').get_attribute("content")
    assert folder
    return f"{site_url}{folder}{SNAPSHOT_NAME}"


def _wait_for_snapshot(
    page: Page, url: str, *, bigger_than: int = 0, timeout_s: float = 30
) -> dict[str, object]:
    """Poll the cache until it holds a snapshot larger than ``bigger_than`` bytes."""
    deadline = time.monotonic() + timeout_s
    while True:
        found = page.evaluate(INSPECT, [url, SHARED_MARGIN])
        if found is not None and found["size"] > bigger_than:
            return found
        assert time.monotonic() < deadline, "no memory snapshot was stored in time"
        page.wait_for_timeout(250)


def _type_and_check(page: Page) -> None:
    form = page.locator(FORM)
    expect(form).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    form.locator("[name='margin_per_period']").fill("1 600")
    expected = evaluate(CALCULATOR, {"margin_per_period": "1 600"})["display"]
    for name, text in expected.items():
        expect(form.locator(f"output[name='{name}']")).to_have_text(text)


def test_a_repeat_visit_starts_from_the_snapshot_without_the_package(
    new_page: NewPage, site_url: str, page_path: str, built_site: BuiltSite
) -> None:
    # A first visit, then a repeat visit: a fresh context, not the warm ones other tests use.
    page, _ = new_page(viewport=DESKTOP_VIEWPORT)
    # The first visit comes from a share link: its value is computed, never kept.
    page.goto(f"{site_url}{page_path}?{CALCULATOR}.margin_per_period={SHARED_MARGIN}")
    expect(page.locator(FORM)).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    url = _snapshot_url(page, site_url)
    snapshot = _wait_for_snapshot(page, url)
    assert snapshot["found"] is False
    layout = snapshot["layout"]
    assert isinstance(layout, dict)
    # Only the pages with data are stored; they add up to what the cache holds.
    assert sum(end - start for start, end in layout["pages"]) == snapshot["size"]
    assert snapshot["size"] < layout["length"]

    # Without its package, only a start from the snapshot can compute anything.
    wheels: list[str] = []

    def refuse_wheel(route: Route) -> None:
        wheels.append(route.request.url)
        route.abort()

    page.route("**/*.whl", refuse_wheel)
    page.goto(site_url + page_path)
    _type_and_check(page)
    assert page.evaluate("(form) => document.querySelector(form).dataset.state", FORM) == "ready"
    # An Excel workbook brings in the modules that read one (zipfile, xml.etree) only now:
    # the standard library is there after a start from the snapshot too.
    answers = xlsx([["Svar"], [9], [10], [4], [8]])
    survey = page.locator(form_selector("nps_survey"))
    navigate_instantly(page, f"{site_url}{calculator_pages(built_site)['nps_survey']}/")
    survey.locator("input[type='file']").set_input_files(
        files=[{"name": "svar.xlsx", "mimeType": "application/octet-stream", "buffer": answers}]
    )
    expected = evaluate("nps_survey", {"answers": answers})
    assert expected["errors"] == {}
    expect(survey.locator("output[name='nps']")).to_have_text(expected["display"]["nps"])
    assert wheels == []


def test_a_damaged_snapshot_is_replaced_and_the_calculator_still_works(
    new_page: NewPage, site_url: str, page_path: str
) -> None:
    page, _ = new_page(viewport=DESKTOP_VIEWPORT)
    # Planted from a page without a calculator, so no first visit's own snapshot replaces it
    # before the calculator page finds it. Every page names the runtime's folder.
    page.goto(site_url)
    url = _snapshot_url(page, site_url)
    page.evaluate(PLANT_DAMAGED, [CACHE, url])
    page.goto(site_url + page_path)
    _type_and_check(page)
    replaced = _wait_for_snapshot(page, url, bigger_than=65536)
    assert replaced["layout"]["length"] > 65536  # type: ignore[index]


def test_the_page_adopts_the_worker_its_head_started(
    new_page: NewPage, site_url: str, page_path: str
) -> None:
    page, _ = new_page(viewport=DESKTOP_VIEWPORT)
    page.goto(site_url + page_path)
    expect(page.locator(FORM)).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    assert page.evaluate("typeof window.calculatorsEarlyWorker") == "undefined"
    workers = [worker.url for worker in page.workers if "calculator-worker" in worker.url]
    assert len(workers) == 1, json.dumps(workers)
