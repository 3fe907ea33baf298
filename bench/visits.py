"""One visit, and what it is recorded as: straight to a page, or through the calculator index.

A visit opens a new tab in a browser profile, waits for the live result (the page scripts in
``bench/js/`` note its time), then leaves the tab open a reader's pause (:data:`SETTLE_SECONDS`)
so the service worker and the caches get the time they would get. What the host sent is
taken from its request log: on the wire until the live result, and over the whole visit.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from bench.browser import script
from bench.host import gzip_size

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

    from bench.host import Host, LoggedResponse

#: After the live result, the tab stays open this long: background work (the service worker
#: keeping the runtime, compiled code and Python's memory snapshot written to the caches)
#: gets the time a reader who reads a little would give it.
SETTLE_SECONDS: Final = 4.0
#: Slow 4G moves bare Pyodide in about half a minute; a busy machine can double that.
LIVE_TIMEOUT_MS: Final = 180_000
#: How long the reader stays on the index before clicking the calculator's link.
INDEX_STAY_SECONDS: Final = 10.0


@dataclass
class Visit:
    """One visit straight to a page.

    Attributes:
        live_ms: Navigation start → the live result on screen (None: it never came).
        wire_bytes: Body bytes the host sent until the live result (after gzip).
        wire_bytes_visit: The same over the whole visit, the reader's pause included.
        raw_bytes: The files sent over the whole visit, uncompressed.
        gzip_bytes: The files sent over the whole visit, as gzip would send every one.
        responses: Responses until the live result.
        responses_visit: Responses over the whole visit.
        transfer_ms: What the link needs just to move ``wire_bytes`` (0 on loopback).
        last_byte_ms: Navigation → the last byte sent before the live result.
        fcp_ms: First contentful paint.
        static_at_first_paint: Whether the outputs held their build-time results when the
            page was parsed, before Python was ready (None: not a calculator page).
        lcp_ms: Largest contentful paint until the live result.
        lcp_element: The element of that paint.
        cls: Cumulative layout shift until the live result.
        shifts: How many layout shifts made it up.

    """

    live_ms: float | None
    wire_bytes: int
    wire_bytes_visit: int
    raw_bytes: int
    gzip_bytes: int
    responses: int
    responses_visit: int
    transfer_ms: float
    last_byte_ms: float | None
    fcp_ms: float | None = None
    static_at_first_paint: bool | None = None
    lcp_ms: float | None = None
    lcp_element: str | None = None
    cls: float | None = None
    shifts: int | None = None


@dataclass
class IndexVisit:
    """One visit through ``kalkulatorer/``: from the click on the link to the live result."""

    live_after_click_ms: float | None
    form_after_click_ms: float | None
    navigation: str
    state_at_form: str | None
    runtime_bytes_before_click: int
    runtime_requests_before_click: int
    runtime_requests_after_click: int
    wire_bytes: int


def visit(context: BrowserContext, host: Host, url: str) -> tuple[Visit, list[LoggedResponse]]:
    """Open ``url`` in a new tab; wait for the live result; return the visit and what was sent."""
    mark = host.log.mark()
    tab = context.new_page()
    started = time.monotonic()
    try:
        tab.goto(url, wait_until="commit", timeout=LIVE_TIMEOUT_MS)
        with contextlib.suppress(PlaywrightTimeoutError):
            tab.wait_for_function(script("live"), timeout=LIVE_TIMEOUT_MS)
        until_live = host.log.since(mark)
        state: dict[str, Any] = tab.evaluate(script("state"))
        time.sleep(SETTLE_SECONDS)
    finally:
        tab.close()
    whole = host.log.since(mark)
    wire = body_bytes(until_live)
    bench, vitals = state["bench"] or {}, state["vitals"] or {}
    live, static = bench.get("live"), bench.get("staticAtDomContentLoaded")
    files = [entry.file for entry in whole if entry.file is not None and entry.body_bytes]
    return Visit(
        live_ms=None if live is None else float(live),
        wire_bytes=wire,
        wire_bytes_visit=body_bytes(whole),
        raw_bytes=sum(file.stat().st_size for file in files),
        gzip_bytes=sum(gzip_size(file) for file in files),
        responses=len(until_live),
        responses_visit=len(whole),
        transfer_ms=host.transfer_seconds(wire) * 1000,
        last_byte_ms=max(((e.finished - started) * 1000 for e in until_live), default=None),
        fcp_ms=state.get("fcp"),
        static_at_first_paint=None
        if static is None
        else bool(static) and bench.get("stateAtDomContentLoaded") != "ready",
        lcp_ms=vitals.get("lcp"),
        lcp_element=vitals.get("lcpElement"),
        cls=vitals.get("cls"),
        shifts=vitals.get("shifts"),
    ), whole


def via_index(
    context: BrowserContext, host: Host, index_url: str, link: str, runtime: str
) -> IndexVisit:
    """Open the index, stay a while, click the calculator's link; time click → live result."""
    mark = host.log.mark()
    tab = context.new_page()
    try:
        tab.goto(index_url, wait_until="load", timeout=LIVE_TIMEOUT_MS)
        time.sleep(INDEX_STAY_SECONDS)
        before: dict[str, Any] = tab.evaluate(script("state"))
        clicked = time.monotonic()
        tab.locator(link).first.click()
        with contextlib.suppress(PlaywrightTimeoutError):
            tab.wait_for_function(script("index_live"), timeout=LIVE_TIMEOUT_MS)
        after: dict[str, Any] = tab.evaluate(script("state"))
    finally:
        tab.close()
    sent = host.log.since(mark)
    index, first = after["index"] or {}, before["index"] or {}
    # The same document after the click (its start time unchanged) is instant navigation.
    same_document = first.get("documentStarted") == index.get("documentStarted")
    click_at = index.get("clickAt")

    def after_click(key: str) -> float | None:
        value = index.get(key)
        return None if value is None or click_at is None else float(value) - float(click_at)

    from_runtime = [e for e in sent if e.path.startswith(runtime)]
    return IndexVisit(
        live_after_click_ms=after_click("live"),
        form_after_click_ms=after_click("formAt"),
        navigation="instant" if same_document else "full",
        state_at_form=index.get("stateAtForm"),
        # Responses are logged when they finish: these are the runtime files already whole.
        runtime_bytes_before_click=body_bytes([e for e in from_runtime if e.finished <= clicked]),
        runtime_requests_before_click=sum(1 for e in from_runtime if e.arrived < clicked),
        runtime_requests_after_click=sum(
            1 for e in from_runtime if e.arrived >= clicked and e.body_bytes
        ),
        wire_bytes=body_bytes(sent),
    )


def body_bytes(entries: list[LoggedResponse]) -> int:
    """Return the body bytes the responses put on the wire."""
    return sum(entry.body_bytes for entry in entries)
