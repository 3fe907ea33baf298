"""How fast a changed value's result is on screen: 100 changes right away, 100 once settled.

Typed as soon as the first live result is there (while the browser still compiles and the
service worker stores the runtime), and again once the page has had a reader's pause.
"""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING, Final

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from bench.browser import fresh_profile, script
from bench.site import CALCULATOR, FIELD, OUTPUT, TYPED, calculator_config
from bench.visits import LIVE_TIMEOUT_MS, SETTLE_SECONDS
from calculators import evaluate

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Playwright

    from bench.host import Host

CHANGES: Final = 100


def measure_recompute(
    playwright: Playwright, host: Host, page: str, scratch: Path
) -> tuple[list[float], list[float]]:
    """Return the latencies right after the first live result, and once settled.

    Both are empty when the live result never came.
    """
    expected = [evaluate(CALCULATOR, {FIELD: value})["display"][OUTPUT] for value in TYPED]
    selector = f"form.calculator[data-calculator='{CALCULATOR}']"
    arguments = [selector, FIELD, OUTPUT, list(TYPED), expected, CHANGES]
    with fresh_profile(playwright, scratch, "recompute") as context:
        context.add_init_script(script("ours", calculator_config(page)))
        tab = context.new_page()
        tab.goto(host.url + page, wait_until="commit", timeout=LIVE_TIMEOUT_MS)
        with contextlib.suppress(PlaywrightTimeoutError):
            tab.wait_for_function(script("live"), timeout=LIVE_TIMEOUT_MS)
            at_once: list[float] = tab.evaluate(script("recompute"), arguments)
            time.sleep(SETTLE_SECONDS)
            settled: list[float] = tab.evaluate(script("recompute"), arguments)
            return at_once, settled
    return [], []
