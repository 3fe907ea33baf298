"""Instant navigation tears a page's calculators down: nothing of them outlives their page.

Material swaps the content and emits ``document$``; the page module mounts a controller per
form and aborts the previous page's, whose listeners all carry that emission's signal. Here a
reader goes back and forth between two calculator pages twenty times: the listeners on what
lives across pages (the window, the document, the runtime's events) must not grow, and Python
must be asked exactly once per form shown, never by a form already gone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import DESKTOP_VIEWPORT
from tests.browser.helpers import (
    WORKER_PROBE,
    form_selector,
    navigate_instantly,
    wait_until_calculators_ready,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.conftest import NewPage

pytestmark = pytest.mark.browser

ROUNDS = 20
PAGES = ("kalkulatorer/nps/", "kalkulatorer/csat/")

# Counts the listeners on targets that live as long as the document: the window, the
# document and plain EventTargets (the runtime's events). A listener removed, or whose
# signal aborts, is no longer counted.
LISTENER_PROBE = """
(() => {
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const live = [];
  const lasting = (target) =>
    target === window || target === document || target.constructor === EventTarget;
  const captureOf = (options) =>
    typeof options === "boolean" ? options : Boolean(options && options.capture);
  const indexOf = (target, type, listener, capture) =>
    live.findIndex((r) => r.target === target && r.type === type
      && r.listener === listener && r.capture === capture);
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    add.call(this, type, listener, options);
    if (!listener || !lasting(this)) return;
    const capture = captureOf(options);
    const signal = options && typeof options === "object" ? options.signal : undefined;
    if (signal?.aborted || indexOf(this, type, listener, capture) >= 0) return;
    const record = { target: this, type, listener, capture };
    live.push(record);
    if (signal) {
      add.call(signal, "abort", () => {
        const at = live.indexOf(record);
        if (at >= 0) live.splice(at, 1);
      });
    }
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    remove.call(this, type, listener, options);
    const at = indexOf(this, type, listener, captureOf(options));
    if (at >= 0) live.splice(at, 1);
  };
  window.__liveListeners = () => live.length;
})();
"""


def forms_on(page: Page) -> int:
    return page.locator("form.calculator[data-calculator]").count()


def test_twenty_instant_navigations_leave_no_listener_and_no_stray_computation(
    new_page: NewPage, site_url: str
) -> None:
    page, _ = new_page(viewport=DESKTOP_VIEWPORT)
    page.add_init_script(LISTENER_PROBE)
    page.add_init_script(WORKER_PROBE)
    page.goto(site_url + PAGES[0])
    wait_until_calculators_ready(page)
    page.wait_for_function("() => window.__computeResults >= 1")
    shown_forms = forms_on(page)

    listeners_after: list[int] = []
    for round_number in range(ROUNDS):
        target = PAGES[(round_number + 1) % len(PAGES)]
        navigate_instantly(page, site_url + target)
        wait_until_calculators_ready(page)
        shown_forms += forms_on(page)
        # Each form shown computes once for what it holds; wait for every answer.
        page.wait_for_function("(expected) => window.__computeResults >= expected", arg=shown_forms)
        listeners_after.append(page.evaluate("window.__liveListeners()"))

    # The same page's listeners after the second visit as after the twentieth.
    assert listeners_after[-1] == listeners_after[1], listeners_after
    assert listeners_after[-2] == listeners_after[0], listeners_after
    # Python was asked once per form shown: no torn-down form asked again.
    page.wait_for_timeout(500)
    assert page.evaluate("window.__computeRequests") == shown_forms
    assert page.evaluate("window.__computeResults") == shown_forms
    # The last page still works: a typed value reaches Python and the screen.
    form = page.locator(form_selector("nps"))
    form.locator("[name='promoters']").fill("80")
    page.wait_for_function("(expected) => window.__computeResults > expected", arg=shown_forms)
