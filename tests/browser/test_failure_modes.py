"""When Python cannot start, the page says so in Norwegian and keeps its build-time results.

Each test breaks one thing between the site and the reader's browser (a missing or corrupt
file, a blocked worker, a network that never delivers, JavaScript turned off) and checks
what the reader sees: the page readable, the results computed at build time, a clear
explanation in the status line within the time limit, never an endless "loading", what the
reader typed still in the form, and "Prøv igjen" starting Python again once the file is
there. (A download that stalls halfway, on a throttled host: test_real_networks.py.)

Every test is a first visit (a fresh context). Where a test waits on the page's own timers
(the stall timeout, a retry that must not come), it runs the page's clock forward with
Playwright's ``page.clock`` instead of waiting them out.
"""

from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, Route, expect

from build_scripts.extension.directive_html import STATIC_STATUS
from calculators import CATALOGUE, evaluate
from tests.browser.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT
from tests.browser.helpers import (
    READY_TIMEOUT_MS,
    calculator_pages,
    form_selector,
    outputs_on_screen,
    page_defaults,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from tests.browser.conftest import NewPage, PageWatch
    from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser
LOG = logging.getLogger(__name__)

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".cache" / "screenshots"
CALCULATOR = "customer_lifetime_value"
#: The page module gives up when Python has made no progress for this long.
STALL_TIMEOUT_S = 20
#: Page time run forward to show an error state stays: past the stall timeout, so any timer
#: the page set (a retry, a spinner) has fired.
STAYS_FOR_MS = (STALL_TIMEOUT_S + 10) * 1000
#: A broken file is noticed at once; allow for a slow CI machine.
QUICK_FAILURE_S = 15
FAILED = (
    "Kalkulatoren kan ikke regne i nettleseren din akkurat nå ({reason}). "
    "Tallene som vises, er regnet ut på forhånd med standardverdiene."
)
TYPED_KEPT = "Tallene du har skrevet, står fortsatt i skjemaet."
TRY_AGAIN = "Trykk «Prøv igjen» for å laste kalkulatoren på nytt."
REASON_LOAD = "filene som trengs kunne ikke lastes"
REASON_STALLED = "nedlastingen har stått stille i 20 sekunder"
REASON_NO_WASM = "nettleseren støtter ikke WebAssembly"
REASON_NO_WORKER = "nettleseren tillot ikke å starte en bakgrunnsprosess"
LOADING = "Laster kalkulatoren"
DEFAULTS_NOTE = "gjelder standardverdiene"
LOGGED = "the browser and Pyodide log the failed download to the console"

# Before any page script: the page's time (the test's clock) of the worker's last progress
# report, which restarts the stall timer, and of the form's turn to "error".
WATCH_THE_STALL = """
((selector) => {
  const seen = (window.__stall = { lastProgress: Date.now(), error: null });
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      seen.lastProgress = Date.now();
      this.addEventListener("message", ({ data }) => {
        if (data && data.type === "progress") seen.lastProgress = Date.now();
      });
    }
  };
  document.addEventListener("DOMContentLoaded", () => {
    const form = document.querySelector(selector);
    new MutationObserver(() => {
      if (seen.error === null && form.dataset.state === "error") seen.error = Date.now();
    }).observe(form, { attributes: true, attributeFilter: ["data-state"] });
  });
})(SELECTOR);
"""


@pytest.fixture(scope="module")
def page_url(built_site: BuiltSite, site_url: str) -> str:
    return f"{site_url}{calculator_pages(built_site)[CALCULATOR]}/"


def _first_visit(
    new_page: NewPage,
    **context_options: Any,  # noqa: ANN401 - Playwright's own options
) -> tuple[Page, PageWatch]:
    """A fresh context whose page runs on the test's clock (it ticks, and can be run on)."""
    page, watch = new_page(**context_options)
    page.clock.install()
    return page, watch


def _status(code: int) -> Callable[[Route], None]:
    def answer(route: Route) -> None:
        route.fulfill(status=code, body="")

    return answer


def _garbage(route: Route) -> None:
    route.fulfill(status=200, content_type="application/wasm", body=b"\x00asm garbage " * 4096)


def _tampered_wheel(route: Route) -> None:
    response = route.fetch()
    body = bytearray(response.body())
    body[len(body) // 2] ^= 0xFF
    route.fulfill(response=response, body=bytes(body))


def _never_answer(route: Route) -> None:
    """Leave the request pending for good: a network that never delivers the file."""
    del route


def _assert_readable_with_build_time_results(page: Page) -> None:
    expect(page.locator("article h1")).to_be_visible()
    display = evaluate(CALCULATOR, page_defaults(page, CALCULATOR))["display"]
    expected = {output.name: display[output.name] for output in CATALOGUE[CALCULATOR].outputs}
    assert outputs_on_screen(page, CALCULATOR) == expected
    for output in page.locator(f"{form_selector(CALCULATOR)} output").all():
        expect(output).to_be_visible()


def _time_to_error(page: Page, url: str, limit_s: float) -> float:
    form = page.locator(form_selector(CALCULATOR))
    started = time.monotonic()
    page.goto(url)
    expect(form).to_have_attribute("data-state", "error", timeout=limit_s * 1000)
    return time.monotonic() - started


def _assert_explained(page: Page, reason: str, *, retry: bool) -> None:
    status = page.locator(f"{form_selector(CALCULATOR)} .calculator-status")
    expected = FAILED.format(reason=reason)
    expect(status).to_have_text(f"{expected} {TRY_AGAIN}" if retry else expected)
    # Trying again helps when files did not arrive, not when the browser lacks a feature.
    retry_button = page.get_by_role("button", name="Prøv igjen")
    if retry:
        expect(retry_button).to_be_visible()
    else:
        expect(retry_button).to_be_hidden()
    _assert_stays_readable_in_error(page)


def _assert_stays_readable_in_error(page: Page) -> None:
    form = page.locator(form_selector(CALCULATOR))
    status = form.locator(".calculator-status")
    expect(status).to_be_visible()
    _assert_readable_with_build_time_results(page)
    # It stays that way: no retry loop, no spinner coming back, whatever the page's timers do.
    page.clock.run_for(STAYS_FOR_MS)
    expect(form).to_have_attribute("data-state", "error")
    assert LOADING not in (status.text_content() or "")


@dataclass(frozen=True, slots=True)
class Breakage:
    """One runtime file gone wrong, and how soon the reader must be told."""

    pattern: str
    handler: Callable[[Route], None]
    limit_s: float = QUICK_FAILURE_S


BREAKAGES = {
    # Pyodide 314 itself never settles loadPyodide when the wasm fails to instantiate; the
    # worker notices the failed instantiation, so the reader is told at once, not after the
    # startup timeout.
    "wasm-404": Breakage("**/pyodide.asm.wasm", _status(404)),
    "wasm-corrupt": Breakage("**/pyodide.asm.wasm", _garbage),
    # The worker's address carries the runtime folder in its query string.
    "worker-blocked": Breakage("**/calculator-worker.mjs*", lambda route: route.abort()),
    "worker-404": Breakage("**/calculator-worker.mjs*", _status(404)),
    "pyodide-module-404": Breakage("**/pyodide.mjs", _status(404)),
    "lockfile-404": Breakage("**/pyodide-lock.json", _status(404)),
    "stdlib-404": Breakage("**/python_stdlib.zip", _status(404)),
    # Not the bytes the lockfile's sha256 names: Pyodide refuses to install it.
    "wheel-tampered": Breakage("**/calculators-*.whl", _tampered_wheel),
}


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_a_broken_runtime_file_is_explained_in_time(
    new_page: NewPage, page_url: str, name: str
) -> None:
    breakage = BREAKAGES[name]
    page, watch = _first_visit(new_page, viewport=PHONE_VIEWPORT)
    # Logged, and expected; nothing may escape as an uncaught exception (the fixture checks).
    watch.expect_console_errors(LOGGED)
    page.context.route(breakage.pattern, breakage.handler)
    elapsed = _time_to_error(page, page_url, breakage.limit_s)
    status = page.locator(f"{form_selector(CALCULATOR)} .calculator-status")
    assert status.text_content() == f"{FAILED.format(reason=REASON_LOAD)} {TRY_AGAIN}"
    expect(page.get_by_role("button", name="Prøv igjen")).to_be_visible()
    _assert_stays_readable_in_error(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(form_selector(CALCULATOR)).screenshot(path=SCREENSHOTS / f"failure-{name}.png")
    LOG.info("%s: error state after %.1f s", name, elapsed)


def test_a_runtime_file_that_never_arrives_times_out_with_an_explanation(
    new_page: NewPage, page_url: str
) -> None:
    page, watch = _first_visit(new_page, viewport=DESKTOP_VIEWPORT)
    watch.expect_console_errors(LOGGED)
    page.add_init_script(WATCH_THE_STALL.replace("SELECTOR", json.dumps(form_selector(CALCULATOR))))
    page.context.route("**/pyodide.asm.wasm", _never_answer)
    form = page.locator(form_selector(CALCULATOR))
    page.goto(page_url)
    # Meanwhile the reader is told Python is starting, and sees the build-time results.
    expect(form).to_have_attribute("data-state", "loading")
    expect(form.locator(".calculator-status")).to_contain_text(LOADING)
    _assert_readable_with_build_time_results(page)
    # The page's stall timer, run forward a second at a time rather than waited out. The
    # worker's other files and stages restart it as they come, in real time (slowly on a
    # busy machine), so the page's time is measured from the last of them.
    deadline = time.monotonic() + READY_TIMEOUT_MS / 1000
    while form.get_attribute("data-state") != "error" and time.monotonic() < deadline:
        page.clock.run_for(1000)
    expect(form).to_have_attribute("data-state", "error")
    stall = page.evaluate("window.__stall")
    silent_ms = stall["error"] - stall["lastProgress"]
    _assert_explained(page, REASON_STALLED, retry=True)
    LOG.info("wasm never arrives: error state after %.1f s without progress", silent_ms / 1000)
    assert silent_ms >= STALL_TIMEOUT_S * 1000, "gave up before the stall timeout"
    assert silent_ms < (STALL_TIMEOUT_S + 10) * 1000, "gave up long after the stall timeout"


@pytest.mark.parametrize(
    ("missing", "script", "reason"),
    [
        ("webassembly", "delete window.WebAssembly;", REASON_NO_WASM),
        (
            "worker",
            "window.Worker = function Worker() { throw new DOMException('blocked'); };",
            REASON_NO_WORKER,
        ),
    ],
)
def test_a_browser_without_webassembly_or_workers_is_told_why(
    new_page: NewPage, page_url: str, missing: str, script: str, reason: str
) -> None:
    page, _ = _first_visit(new_page, viewport=PHONE_VIEWPORT)
    page.context.add_init_script(script)
    elapsed = _time_to_error(page, page_url, QUICK_FAILURE_S)
    _assert_explained(page, reason, retry=False)
    assert elapsed < QUICK_FAILURE_S, missing


def test_without_javascript_the_results_and_formulas_are_readable(
    new_page: NewPage, page_url: str
) -> None:
    page, _ = new_page(viewport=PHONE_VIEWPORT, java_script_enabled=False)
    page.goto(page_url)
    form = page.locator(form_selector(CALCULATOR))
    expect(form).to_have_attribute("data-state", "static")
    expect(form.locator(".calculator-status")).to_have_text(STATIC_STATUS)
    _assert_readable_with_build_time_results(page)
    # The share button needs the script, so it stays hidden; reset works without it.
    expect(form.locator("[data-action='share']")).to_be_hidden()
    expect(form.locator("button[type='reset']")).to_be_visible()
    # "Slik regner vi" opens without script; the formulas are MathML the browser draws.
    form.locator(".calculator-method summary").click()
    expect(form.locator(".calculator-formula math").first).to_be_visible()
    expect(form.locator(".calculator-method-text")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "no-javascript-phone.png", full_page=True)
    assert LOADING not in form.inner_text()


def test_when_python_fails_a_shared_value_stays_and_try_again_computes_it(
    new_page: NewPage, page_url: str
) -> None:
    page, watch = _first_visit(new_page, viewport=DESKTOP_VIEWPORT)
    watch.expect_console_errors(LOGGED)
    page.context.route("**/python_stdlib.zip", _status(404))
    _time_to_error(page, f"{page_url}?{CALCULATOR}.retention_rate=95", QUICK_FAILURE_S)
    form = page.locator(form_selector(CALCULATOR))
    field = form.locator("[name='retention_rate']")
    defaults = page_defaults(page, CALCULATOR)
    assert defaults["retention_rate"] != "95"
    # The share link's value stays; the results on screen are the page's, and say so.
    expect(field).to_have_value("95")
    status = form.locator(".calculator-status")
    expect(status).to_have_text(f"{FAILED.format(reason=REASON_LOAD)} {TYPED_KEPT} {TRY_AGAIN}")
    _assert_readable_with_build_time_results(page)
    notes = form.locator(".calculator-result-note")
    expect(notes).to_have_count(len(CATALOGUE[CALCULATOR].outputs))
    for note in notes.all():
        expect(note).to_be_visible()
        expect(note).to_have_text(DEFAULTS_NOTE)
    expect(form).to_have_class(re.compile(r"\bcalculator--defaults-shown\b"))
    # The file is back: "Prøv igjen" starts Python again, without reloading the page.
    page.context.unroute("**/python_stdlib.zip")
    page.evaluate("window.__samePage = true")
    form.get_by_role("button", name="Prøv igjen").click()
    expect(form).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    expected = evaluate(CALCULATOR, {**defaults, "retention_rate": "95"})["display"]
    expect(form.locator("output[name='clv']")).to_have_text(expected["clv"])
    for note in notes.all():
        expect(note).to_be_hidden()
    expect(form.get_by_role("button", name="Prøv igjen")).to_be_hidden()
    assert page.evaluate("window.__samePage") is True
