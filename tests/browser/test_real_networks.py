"""The calculators on a phone's connection, served by a throttled, gzip-serving host.

On 127.0.0.1 the runtime's megabytes arrive at once; here they take as long as on a phone.
Checked the way a reader meets it:

- a cold visit on slow 4G (150 ms, 1.6 Mbit/s) reaches the live result for a value typed at
  once, with no failure on the way; the progress bar advances, reaches its end and goes;
  the typed value is marked as not yet computed meanwhile; nothing on the page shifts;
- a download that stops halfway ends in an explanation, with the typed value still in its
  field, and "Prøv igjen" starts Python again without reloading once the file flows;
- intent starts the download before the reader opens a calculator, and a reader who asks
  the browser to save data downloads nothing until they use a calculator.

One slow-4G visit only: it takes about half a minute. The stalled download is the suite's one
stall waited out in real time (elsewhere the page's clock is run forward): the throttled
host holds the bytes, so the page's timer and the host's stall meet as on a real network.
"""

from __future__ import annotations

import json
import re
import time
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from bench.host import Host, serve
from calculators import evaluate
from tests.browser.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT
from tests.browser.helpers import (
    READY_TIMEOUT_MS,
    WCAG_21_AA,
    calculator_pages,
    form_selector,
    run_axe,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.browser.conftest import NewPage
    from tests.conftest import BuiltSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CALCULATOR = "customer_lifetime_value"
FIELD = "margin_per_period"
TYPED = "1 500"
OUTPUT = "clv"
#: Generous: the runtime alone is about 25 s of bytes on slow 4G.
SLOW_4G_LIVE_TIMEOUT_MS = 120_000
STALL_TIMEOUT_S = 20
DEFAULTS_NOTE = "gjelder standardverdiene"
STALLED = "nedlastingen har stått stille i 20 sekunder"
PERCENT_LABEL = re.compile(r"Laster kalkulatoren: ([0-9]{1,2})\u00a0%")

# Before any page script: type TYPED as soon as the form exists, and record what the reader
# would see: every state the form passes through, every value and label of the progress bar,
# what the status line announced, and every layout shift (CLS as Chromium scores it).
WATCH_THE_LOAD = """
((cfg) => {
  const seen = (window.__load = {
    states: [], progress: [], labels: [], announced: [], notesWhileLoading: null,
    shifts: 0, live: null,
  });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) seen.shifts += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  document.addEventListener("DOMContentLoaded", () => {
    const form = document.querySelector(cfg.form);
    if (!form) return;
    const field = form.querySelector(`[name="${cfg.field}"]`);
    field.value = cfg.typed;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    const bar = form.querySelector(".calculator-progress progress");
    const label = form.querySelector(".calculator-progress-label");
    const status = form.querySelector(".calculator-status");
    const output = form.querySelector(`output[name="${cfg.output}"]`);
    const record = () => {
      if (seen.states.at(-1) !== form.dataset.state) seen.states.push(form.dataset.state);
      if (form.dataset.state === "loading") {
        if (seen.progress.at(-1) !== bar.value) seen.progress.push(bar.value);
        if (seen.labels.at(-1) !== label.textContent) seen.labels.push(label.textContent);
        const shown = form.querySelector(".calculator-result-note:not([hidden])");
        if (seen.notesWhileLoading === null && shown) {
          seen.notesWhileLoading = [...form.querySelectorAll(".calculator-result-note")]
            .map((note) => !note.hidden && note.textContent);
        }
      }
      if (seen.announced.at(-1) !== status.textContent) seen.announced.push(status.textContent);
      if (!seen.live && output.textContent === cfg.expected) {
        seen.live = { at: performance.now(), barHidden: bar.closest("[hidden]") !== null };
      }
    };
    new MutationObserver(record).observe(form, {
      subtree: true, childList: true, characterData: true, attributes: true,
    });
    record();
  });
})(CONFIG);
"""


@pytest.fixture(scope="module")
def page_path(built_site: BuiltSite) -> str:
    return calculator_pages(built_site)[CALCULATOR] + "/"


@pytest.fixture
def slow_4g(built_site: BuiltSite) -> Iterator[Host]:
    with serve(built_site.directory, "slow-4g") as host:
        yield host


@pytest.fixture
def fast_4g(built_site: BuiltSite) -> Iterator[Host]:
    with serve(built_site.directory, "4g") as host:
        yield host


def _watch_the_load(page: Page) -> None:
    expected = evaluate(CALCULATOR, {FIELD: TYPED})["display"][OUTPUT]
    config = {"form": form_selector(CALCULATOR), "field": FIELD, "typed": TYPED}
    config |= {"output": OUTPUT, "expected": expected}
    page.context.add_init_script(WATCH_THE_LOAD.replace("CONFIG", json.dumps(config)))


def test_a_cold_visit_on_slow_4g_reaches_the_typed_values_result_with_a_progress_bar(
    new_page: NewPage, slow_4g: Host, page_path: str
) -> None:
    page, _ = new_page(viewport=PHONE_VIEWPORT)
    _watch_the_load(page)
    started = time.monotonic()
    page.goto(slow_4g.url + page_path, wait_until="commit")
    page.wait_for_function(
        "() => window.__load && window.__load.live", timeout=SLOW_4G_LIVE_TIMEOUT_MS
    )
    elapsed = time.monotonic() - started
    load = page.evaluate("window.__load")
    field = page.locator(form_selector(CALCULATOR)).locator(f"[name='{FIELD}']")
    expect(field).to_have_value(TYPED)
    # Closed before the host goes: a request cut off there is not the page's error.
    page.context.close()

    # Never gave up on the way: static (build time) → loading → ready.
    assert load["states"] == ["static", "loading", "ready"], load["states"]
    # The bar moved through the download in many steps, and reached its end.
    values = [value for value in load["progress"] if value is not None]
    assert values == sorted(values), "the progress bar went backwards"
    assert len(set(values)) >= 10, values
    assert values[-1] == 1
    labels = load["labels"]
    percents = [int(m.group(1)) for label in labels if (m := PERCENT_LABEL.fullmatch(label))]
    assert len(percents) >= 10, labels
    assert percents == sorted(percents), labels
    assert labels[-1] == "Starter kalkulatoren …", labels
    # Screen readers heard a few milestones, not every byte.
    milestones = [text for text in load["announced"] if "prosent lastet" in text]
    assert milestones == [f"Kalkulatoren er {share} prosent lastet." for share in (25, 50, 75)], (
        load["announced"]
    )
    # While loading, the results on screen said they were the page's, not the typed value's.
    assert load["notesWhileLoading"], "the results were not marked while Python loaded"
    assert all(note == DEFAULTS_NOTE for note in load["notesWhileLoading"])
    # Ready: the bar is gone, and nothing shifted through the whole load.
    assert load["live"]["barHidden"]
    assert load["shifts"] <= 0.01, load["shifts"]
    sent = slow_4g.log.entries
    assert any(entry.path.endswith("pyodide.asm.wasm") and entry.gzipped for entry in sent)
    print(f"slow 4G: live result after {elapsed:.1f} s")  # noqa: T201 - shown with -s


def test_a_stalled_download_is_explained_and_try_again_succeeds_once_it_flows(
    new_page: NewPage, fast_4g: Host, page_path: str
) -> None:
    fast_4g.stall("*/pyodide.asm.wasm", after_bytes=400_000)
    page, watch = new_page(viewport=PHONE_VIEWPORT)
    watch.expect_console_errors("the browser logs the broken download")
    _watch_the_load(page)
    page.goto(fast_4g.url + page_path)
    form = page.locator(form_selector(CALCULATOR))
    expect(form).to_have_attribute("data-state", "error", timeout=(STALL_TIMEOUT_S + 20) * 1000)
    # Explained, the typed value kept, the results marked as the page's own.
    expect(form.locator(".calculator-status")).to_contain_text(STALLED)
    expect(form.locator(f"[name='{FIELD}']")).to_have_value(TYPED)
    for note in form.locator(".calculator-result-note").all():
        expect(note).to_be_visible()
    assert run_axe(page, WCAG_21_AA, form_selector(CALCULATOR)) == []
    # The bytes flow again: "Prøv igjen" starts Python without reloading the page.
    fast_4g.release()
    page.evaluate("window.__samePage = true")
    form.get_by_role("button", name="Prøv igjen").click()
    expect(form).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    expected = evaluate(CALCULATOR, {FIELD: TYPED})["display"][OUTPUT]
    expect(form.locator(f"output[name='{OUTPUT}']")).to_have_text(expected)
    expect(form.locator(f"[name='{FIELD}']")).to_have_value(TYPED)
    assert page.evaluate("window.__samePage") is True
    assert page.evaluate("window.__load.states") == [
        "static",
        "loading",
        "error",
        "loading",
        "ready",
    ]
    page.context.close()


SAVE_DATA = """
Object.defineProperty(Navigator.prototype, "connection", {
  get: () => ({ saveData: true, effectiveType: "4g", addEventListener() {} }),
});
"""
# Counts the calculator workers the page starts (Material's search has its own): Python
# starts in one, so none means it did not start.
COUNT_WORKERS = """
(() => {
  const Original = window.Worker;
  window.__workersStarted = 0;
  window.Worker = class extends Original {
    constructor(url, ...rest) {
      super(url, ...rest);
      if (String(url).includes("calculator-worker")) window.__workersStarted += 1;
    }
  };
})();
"""


def _intent_page(new_page: NewPage, viewport: dict[str, int], *, save_data: bool) -> Page:
    """A first visit whose clock the test runs and whose workers it counts."""
    page, _ = new_page(abort_offsite=False, viewport=viewport)
    page.clock.install()
    page.context.add_init_script(COUNT_WORKERS)
    if save_data:
        page.context.add_init_script(SAVE_DATA)
    return page


def _nothing_started_within(page: Page, host: Host, milliseconds: int) -> None:
    """Run the page's clock on by ``milliseconds``: no timer of the page started Python."""
    page.clock.run_for(milliseconds)
    assert page.evaluate("window.__workersStarted") == 0
    assert _runtime_requests(host) == []


def _runtime_requests(host: Host) -> list[str]:
    return [entry.path for entry in host.log.entries if "/assets/pyodide/" in entry.path]


def _runtime_file_was_sent(host: Host, name: str, timeout_s: float = 15) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if any(path.endswith(name) for path in _runtime_requests(host)):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("save_data", [False, True], ids=["normal", "save-data"])
def test_pointing_at_a_calculator_link_starts_the_download_unless_saving_data(
    new_page: NewPage, built_site: BuiltSite, page_path: str, *, save_data: bool
) -> None:
    with serve(built_site.directory, "loopback") as host:
        page = _intent_page(new_page, DESKTOP_VIEWPORT, save_data=save_data)
        # The front page has no calculator and starts nothing itself; its menu links to them.
        page.goto(host.url, wait_until="load")
        _nothing_started_within(page, host, 1000)
        link = page.locator(f".md-sidebar--primary a[href$='{page_path}']").first
        link.hover()
        if not save_data:
            assert _runtime_file_was_sent(host, "pyodide.asm.wasm")
            assert page.evaluate("window.__workersStarted") == 1  # the count sees a start
            page.context.close()
            return
        _nothing_started_within(page, host, 2000)
        # Saving data, the calculator page waits for the reader to use the form.
        link.click()
        form = page.locator(form_selector(CALCULATOR))
        expect(form).to_have_attribute("data-state", "static")
        expect(form.locator(".calculator-status")).to_contain_text("Datasparing er på")
        _nothing_started_within(page, host, 1000)
        form.locator(f"[name='{FIELD}']").fill(TYPED)
        expect(form).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        expected = evaluate(CALCULATOR, {FIELD: TYPED})["display"][OUTPUT]
        expect(form.locator(f"output[name='{OUTPUT}']")).to_have_text(expected)
        page.context.close()


@pytest.mark.parametrize("save_data", [False, True], ids=["normal", "save-data"])
def test_the_calculator_index_starts_python_once_loaded_unless_saving_data(
    new_page: NewPage, built_site: BuiltSite, *, save_data: bool
) -> None:
    with serve(built_site.directory, "loopback") as host:
        page = _intent_page(new_page, PHONE_VIEWPORT, save_data=save_data)
        page.goto(host.url + "kalkulatorer/", wait_until="load")
        if save_data:
            _nothing_started_within(page, host, 3000)
        else:
            assert _runtime_file_was_sent(host, "pyodide.asm.wasm")
            assert page.evaluate("window.__workersStarted") == 1  # the count sees a start
        page.context.close()
