"""While Python downloads, the progress bar's updates stay inside the calculator's live area.

The bar and its label change up to a hundred times during a load on a phone's connection.
Each change must lay out and restyle only the live area (``.calculator-live``, a layout root
while loading: docs/stylesheets/calculators/results.css), never the article around it: on a
large page a layout from the document's root each time costs a phone's main thread dearly.

Checked in Chromium's own trace during a load at 4G's pace, once the page itself has loaded:
every layout's root, and every element whose style was invalidated, must lie in the live
area. Without the containment, each update lays out from the document (the test fails).
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

import pytest

from bench.host import Host, serve
from tests.browser.helpers import calculator_pages, form_selector

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, CDPSession

    from tests.browser.conftest import NewPage
    from tests.conftest import BuiltSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CALCULATOR = "customer_lifetime_value"
#: Lighthouse's phone screen: the page as a phone lays it out.
PHONE = {"width": 412, "height": 823}
TRACE_CATEGORIES = [
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "disabled-by-default-devtools.timeline.invalidationTracking",
]
#: After ``load``, Material's own start-up work (its palette, the search index) is left to
#: settle before the trace starts.
SETTLE_S = 0.5
LOADING_TIMEOUT_MS = 60_000
#: Whether a node (an element or a text node) lies in a calculator's live area, or contains
#: the form (the article, the document: a layout from there has escaped).
WHERE = """function () {
  const element = this.nodeType === Node.ELEMENT_NODE ? this : this.parentElement;
  const form = document.querySelector(FORM);
  if (element?.closest(".calculator-live")) return "live";
  if (this === document || (element && element.contains(form))) return "around";
  return element?.closest("article") ? "article" : "elsewhere";
}"""


@pytest.fixture
def fast_4g(built_site: BuiltSite) -> Iterator[Host]:
    with serve(built_site.directory, "4g") as host:
        yield host


def test_the_progress_updates_lay_out_and_restyle_only_the_live_area(
    browser: Browser, new_page: NewPage, fast_4g: Host, built_site: BuiltSite
) -> None:
    page, _ = new_page(viewport=PHONE)
    form = form_selector(CALCULATOR)
    page.goto(fast_4g.url + calculator_pages(built_site)[CALCULATOR] + "/", wait_until="load")
    page.wait_for_function(
        f"() => document.querySelector({json.dumps(form)})?.dataset.state === 'loading'",
        timeout=LOADING_TIMEOUT_MS,
    )
    time.sleep(SETTLE_S)
    browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
    try:
        # Until every byte has come ("Starter kalkulatoren …") or Python is ready.
        page.wait_for_function(
            f"""() => {{
              const form = document.querySelector({json.dumps(form)});
              return form.dataset.state !== "loading" ||
                !/%/.test(form.querySelector(".calculator-progress-label").textContent);
            }}""",
            timeout=LOADING_TIMEOUT_MS,
        )
    finally:
        trace = json.loads(browser.stop_tracing())
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    layouts, invalidated = _layouts_and_invalidations(events)

    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.getDocument", {"depth": 0})
    where = WHERE.replace("FORM", json.dumps(form))
    roots = [_where(cdp, node, where) for layout in layouts for node in layout]
    styled = [_where(cdp, node, where) for node in invalidated]

    # The bar moved while traced, and each of its layouts began in the live area.
    assert len(layouts) >= 5, f"only {len(layouts)} layouts while the bar moved"
    assert "around" not in roots, f"a layout reached the article or the document: {roots}"
    # Restyled: the bar, its label and the status line, nothing else in the article.
    assert "around" not in styled, styled
    assert "article" not in styled, styled


def _layouts_and_invalidations(events: list[dict[str, Any]]) -> tuple[list[list[int]], list[int]]:
    """Return the page's layouts (their roots' node ids) and the nodes restyled."""
    names = {
        (e["pid"], e["tid"]): e.get("args", {}).get("name")
        for e in events
        if e.get("name") == "thread_name"
    }
    threads = [key for key, name in names.items() if name == "CrRendererMain"]

    def busy(key: tuple[int, int]) -> int:
        return sum(1 for e in events if (e["pid"], e["tid"]) == key and e.get("name") == "Layout")

    main = max(threads, key=busy)
    mine = [e for e in events if (e.get("pid"), e.get("tid")) == main]
    layouts = [
        [root["nodeId"] for root in e["args"].get("endData", {}).get("layoutRoots", [])]
        for e in mine
        if e.get("name") == "Layout" and e.get("ph") == "X"
    ]
    restyles = ("StyleRecalcInvalidationTracking", "StyleInvalidatorInvalidationTracking")
    invalidated = [
        e["args"]["data"]["nodeId"]
        for e in mine
        if e.get("name") in restyles and "nodeId" in e.get("args", {}).get("data", {})
    ]
    return layouts, invalidated


def _where(cdp: CDPSession, node: int, where: str) -> str:
    """Return where the trace's node (a backend node id) lies: see :data:`WHERE`."""
    try:
        target = cdp.send("DOM.resolveNode", {"backendNodeId": node})["object"]
    except Exception:  # noqa: BLE001 - a node gone since: it was replaced, not laid out now
        return "gone"
    result = cdp.send(
        "Runtime.callFunctionOn",
        {"objectId": target["objectId"], "functionDeclaration": where, "returnByValue": True},
    )
    return str(result["result"]["value"])
