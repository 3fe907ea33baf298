"""`make bench` on real links: the calculator page through a throttled host, against bare Pyodide.

On 127.0.0.1 (``python -m bench.run``) bytes are free. Here every response goes through
:mod:`bench.throttled_host`, one shared link at Lighthouse's "slow 4G" and "4G" figures, gzipped
as hosts gzip. For each profile, all variants take turns round by round (the machine is noisy:
only side-by-side figures mean something), each cold visit in a fresh Chromium profile:

- **baseline**: the bare-Pyodide page (``bench/baseline/``) under ``/__baseline/`` of the same
  host; time from navigation start to its answer on the page;
- **ours**: the calculator page, a value typed at DOMContentLoaded; time from navigation start
  to that value's live result on screen. Also the body bytes the host sent until then, the time
  the link needs just to move them (``transfer``), LCP and CLS until the live result, and a
  **warm** repeat visit in the same profile once the service worker and caches are filled;
- **stored_stdlib** (the lever, ``--levers``, on by default): a copy of the site whose
  ``python_stdlib.zip`` holds the same members uncompressed, from a host that gzips zips too;
- **via_index**: ``kalkulatorer/`` opened and read for 10 s, then the link to the calculator
  page clicked as a reader would; the value is typed as soon as the form exists, and the time
  runs from the click to its live result. The site is built for the host's own origin, so
  Material's instant navigation takes the click as it does for readers; which navigation
  happened, and whether the runtime was fetched again after the click, is reported.

Prints medians and ratios beside the targets, and writes everything as JSON under
``bench/results/``. Not a test: nothing here asserts.

Usage: ``python -m bench.networks [--rounds N] [--no-levers] [--profiles slow-4g,4g] [--label T]``
"""

from __future__ import annotations

import argparse
import contextlib
import posixpath
import re
import shutil
import sys
import time
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

from bench.common import (
    PROJECT_ROOT,
    SETTLE_SECONDS,
    calculator_config,
    profile,
    runtime_folder,
    script,
    workspace,
    write_results,
)
from bench.networks_report import summary
from bench.server import BASELINE_PREFIX
from bench.throttled_host import DEFAULT_GZIP_TYPES, PROFILES, serve_throttled
from build_scripts.runtime.bytecompile import STDLIB_NAME

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import BrowserContext, Playwright

    from bench.throttled_host import LoggedResponse, ThrottledHost

BASELINE = "baseline"
OURS = "ours"
STORED = "stored_stdlib"
VIA_INDEX = "via_index"
INDEX_PAGE = "kalkulatorer/"
#: How long the reader stays on the index before clicking the calculator's link.
INDEX_STAY_SECONDS = 10.0
# Slow 4G moves bare Pyodide in about half a minute; a busy machine can double that.
LIVE_TIMEOUT_MS = 180_000
#: What the stored-stdlib host gzips: a host's defaults plus zips (and so wheels).
ZIP_GZIP_TYPES = DEFAULT_GZIP_TYPES | {"application/zip"}
_DATA_BYTES = re.compile(r'(<meta name="calculators-runtime" content="[^"]+" data-bytes=")(\d+)"')


@dataclass
class Visit:
    """One visit straight to a page: when the live result came and what the link carried."""

    live_ms: float | None
    wire_bytes: int
    wire_bytes_visit: int
    responses: int
    transfer_ms: float
    last_byte_ms: float | None
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


@dataclass(frozen=True)
class _Setup:
    """What every visit needs to know about the built site."""

    page: str
    config: dict[str, str]
    link: str
    runtime: str


@dataclass
class ProfileResults:
    """Everything measured on one network profile."""

    latency_s: float
    bandwidth_bytes_per_s: float
    visits: dict[str, list[Visit]] = field(default_factory=dict)
    index_visits: list[IndexVisit] = field(default_factory=list)


@dataclass
class Results:
    """Everything one run measured."""

    label: str
    started: str
    rounds: int
    page: str
    stdlib_bytes: dict[str, int] = field(default_factory=dict)
    profiles: dict[str, ProfileResults] = field(default_factory=dict)
    minutes: float = 0.0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print a summary and write the JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.networks", description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="cold visits of each kind")
    parser.add_argument(
        "--levers",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also measure the stdlib zip stored uncompressed (default: on)",
    )
    parser.add_argument("--profiles", default="slow-4g,4g", help="comma-separated profiles")
    parser.add_argument("--label", default="", help="a note stored with the results")
    arguments = parser.parse_args(argv)
    began = time.monotonic()

    with workspace("bench-net-") as work:
        results = Results(
            label=arguments.label, started=work.started, rounds=arguments.rounds, page=work.page
        )
        stored_dir = None
        if arguments.levers:
            stored_dir = work.scratch / "stored"
            results.stdlib_bytes = _stored_stdlib_site(work.site_dir, stored_dir)
        with sync_playwright() as playwright:
            for name in arguments.profiles.split(","):
                sys.stdout.write(f"Profil {name} …\n")
                results.profiles[name] = _measure_profile(
                    playwright=playwright,
                    profile_name=name,
                    dirs=(work.site_dir, work.baseline_dir, stored_dir),
                    port=work.port,
                    page=work.page,
                    rounds=arguments.rounds,
                    scratch=work.scratch,
                )
    results.minutes = (time.monotonic() - began) / 60
    sys.stdout.write(summary(results))
    out = write_results(results, "networks", results.started)
    sys.stdout.write(f"\nJSON: {out.relative_to(PROJECT_ROOT)}\n")
    return 0


def _stored_stdlib_site(site_dir: Path, directory: Path) -> dict[str, int]:
    """Copy the site with ``python_stdlib.zip`` rewritten uncompressed; return both sizes.

    The members, their order and their dates stay; only the compression changes, so the
    host's gzip sees the bytecode itself and compresses across members. The pages' count of
    runtime bytes (for the progress bar) is moved by the difference.
    """
    shutil.copytree(site_dir, directory)
    stdlib = directory / runtime_folder(directory) / STDLIB_NAME
    original = stdlib.read_bytes()
    source_copy = directory.parent / "stdlib-deflated.zip"
    source_copy.write_bytes(original)
    with (
        zipfile.ZipFile(source_copy) as source,
        zipfile.ZipFile(stdlib, "w", zipfile.ZIP_STORED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, info.date_time)
            member.external_attr = info.external_attr
            member.compress_type = zipfile.ZIP_STORED
            target.writestr(member, source.read(info))
    delta = stdlib.stat().st_size - len(original)
    for html in directory.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        moved = _DATA_BYTES.sub(lambda m: f'{m.group(1)}{int(m.group(2)) + delta}"', text)
        if moved != text:
            html.write_text(moved, encoding="utf-8")
    return {"deflated": len(original), "stored": stdlib.stat().st_size}


def _measure_profile(  # noqa: PLR0913 - one call site, every argument named there
    *,
    playwright: Playwright,
    profile_name: str,
    dirs: tuple[Path, Path, Path | None],
    port: int,
    page: str,
    rounds: int,
    scratch: Path,
) -> ProfileResults:
    """Take every variant in turn, round after round, rotating the order, on one profile."""
    site_dir, baseline_dir, stored_dir = dirs
    network = PROFILES[profile_name]
    results = ProfileResults(network.latency_s, network.bandwidth_bytes_per_s)
    link = f'article a[href$="{posixpath.relpath(page, INDEX_PAGE)}/"]'
    setup = _Setup(page, calculator_config(page), link, "/" + runtime_folder(site_dir))
    with contextlib.ExitStack() as stack:
        host = stack.enter_context(
            serve_throttled(
                site_dir, network, port=port, extra_routes={BASELINE_PREFIX: baseline_dir}
            )
        )
        hosts = {BASELINE: host, OURS: host, VIA_INDEX: host}
        if stored_dir is not None:
            hosts[STORED] = stack.enter_context(
                serve_throttled(stored_dir, network, gzip_types=ZIP_GZIP_TYPES)
            )
        for each in {id(h): h for h in hosts.values()}.values():
            each.prepare()
        names = list(hosts)
        for number in range(rounds):
            shift = number % len(names)
            for name in names[shift:] + names[:shift]:
                with profile(playwright, scratch, name) as context:
                    line = _one_visit(context, name, hosts[name], setup, results)
                sys.stdout.write(f"  {profile_name} runde {number + 1}/{rounds} {name:14}{line}\n")
    return results


def _one_visit(
    context: BrowserContext,
    name: str,
    host: ThrottledHost,
    setup: _Setup,
    results: ProfileResults,
) -> str:
    """Make one variant's visit(s) in a fresh profile; store them; return a progress line."""
    if name == VIA_INDEX:
        context.add_init_script(script("via_index", {**setup.config, "link": setup.link}))
        visit = _via_index(context, host, setup)
        results.index_visits.append(visit)
        return f"etter klikk {_ms(visit.live_after_click_ms)}  ({visit.navigation})"
    context.add_init_script(script("vitals"))
    if name != BASELINE:
        context.add_init_script(script("ours", setup.config))
    url = host.url + (BASELINE_PREFIX.lstrip("/") if name == BASELINE else setup.page)
    cold = _visit(context, host, url)
    results.visits.setdefault(f"{name}_cold", []).append(cold)
    line = f"kald {_ms(cold.live_ms)}  {cold.wire_bytes / 1e6:5.2f} MB"
    if name == OURS:
        warm = _visit(context, host, url)
        results.visits.setdefault(f"{name}_warm", []).append(warm)
        line += f"  varm {_ms(warm.live_ms)}"
    return line


def _visit(context: BrowserContext, host: ThrottledHost, url: str) -> Visit:
    """Open ``url`` in a new tab; wait for the live result; count what the link carried."""
    mark = host.log.mark()
    tab = context.new_page()
    started = time.monotonic()
    try:
        tab.goto(url, wait_until="commit", timeout=LIVE_TIMEOUT_MS)
        with contextlib.suppress(PlaywrightTimeoutError):
            tab.wait_for_function(script("live"), timeout=LIVE_TIMEOUT_MS)
        until_live = host.log.since(mark)
        state: dict[str, Any] = tab.evaluate(script("state"))
        # As in bench.run: the service worker and the caches get a reader's pause.
        time.sleep(SETTLE_SECONDS)
    finally:
        tab.close()
    whole = host.log.since(mark)
    wire = _body_bytes(until_live)
    bench, vitals = state["bench"] or {}, state["vitals"] or {}
    live = bench.get("live")
    return Visit(
        live_ms=None if live is None else float(live),
        wire_bytes=wire,
        wire_bytes_visit=_body_bytes(whole),
        responses=len(until_live),
        transfer_ms=host.transfer_seconds(wire) * 1000,
        last_byte_ms=max(((e.finished - started) * 1000 for e in until_live), default=None),
        lcp_ms=vitals.get("lcp"),
        lcp_element=vitals.get("lcpElement"),
        cls=vitals.get("cls"),
        shifts=vitals.get("shifts"),
    )


def _via_index(context: BrowserContext, host: ThrottledHost, setup: _Setup) -> IndexVisit:
    """Open the index, stay a while, click the calculator's link; time click → live result."""
    mark = host.log.mark()
    tab = context.new_page()
    try:
        tab.goto(host.url + INDEX_PAGE, wait_until="load", timeout=LIVE_TIMEOUT_MS)
        time.sleep(INDEX_STAY_SECONDS)
        before: dict[str, Any] = tab.evaluate(script("state"))
        clicked = time.monotonic()
        tab.locator(setup.link).first.click()
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

    runtime = [e for e in sent if e.path.startswith(setup.runtime)]
    return IndexVisit(
        live_after_click_ms=after_click("live"),
        form_after_click_ms=after_click("formAt"),
        navigation="instant" if same_document else "full",
        state_at_form=index.get("stateAtForm"),
        # Responses are logged when they finish: these are the runtime files already whole.
        runtime_bytes_before_click=_body_bytes([e for e in runtime if e.finished <= clicked]),
        runtime_requests_before_click=sum(1 for e in runtime if e.arrived < clicked),
        runtime_requests_after_click=sum(
            1 for e in runtime if e.arrived >= clicked and e.body_bytes
        ),
        wire_bytes=_body_bytes(sent),
    )


def _body_bytes(entries: list[LoggedResponse]) -> int:
    return sum(entry.body_bytes for entry in entries)


def _ms(value: float | None) -> str:
    return "  aldri" if value is None else f"{value:6.0f} ms"


if __name__ == "__main__":
    sys.exit(main())
