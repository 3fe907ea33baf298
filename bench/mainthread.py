"""The main thread's work while a page loads, from Chromium's trace, in CPU time.

``python -m bench.mainthread [--runs N] [--pages calculator,concept] [--rev REV ...]``

Lighthouse's total blocking time multiplies the wall time of every main-thread task by
four (its simulated phone CPU). On a shared machine with two cores, wall time is mostly
the other jobs' and our own worker's: the same page scores 170 or 1 650 ms from one run to
the next. This measures what the page itself asks of the main thread, in each task's *CPU
time* (the trace's ``tdur``), which another process running does not stretch, so a
before/after in one run shows a lever's effect with a few loads.

Each load is a new browser context on Lighthouse's phone screen (412 × 823, 1.75 × pixels,
touch), at full CPU speed, from the benchmark's host at loopback pace (gzip, ``_headers``).
The trace runs from navigation until the page's calculators are live (or two seconds after
``load`` on a page without one). Per load:

- **blocking (CPU × 4)**: the sum over main-thread tasks after the first contentful paint
  of ``4 × CPU time − 50 ms`` where positive (``2 ×`` for a task that lays out), the way
  Lighthouse simulates its phone, on CPU time;
- **blocking (wall × 4)**: the same on wall time, as Lighthouse computes it;
- **CPU**: all main-thread tasks' CPU time; **style** and **layout**: the CPU time of style
  recalculations and layouts, with the elements styled and the objects laid out;
- **scripts**: the CPU time of the scripts' own top-level calls, by file.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import dataclasses
import datetime as dt
import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from playwright.sync_api import sync_playwright

from bench.browser import CHROMIUM, CHROMIUM_ARGS
from bench.lighthouse import PAGES, add_page_and_site_arguments, chosen_pages, sites
from bench.results import RESULTS_DIR, median
from bench.site import PROJECT_ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from bench.host import Host

#: Lighthouse's mobile screen.
PHONE: Final = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
}
CATEGORIES: Final = (
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "loading",
    "v8.execute",
)
#: Lighthouse's threshold for a blocking task, and its simulated CPU's slowdown.
BLOCKING_MS: Final = 50.0
SLOWDOWN: Final = 4.0
#: Lighthouse (Lantern) slows a task that lays out by half the CPU slowdown only.
LAYOUT_SHARE: Final = 0.5
#: How long a page without a calculator is traced after ``load``.
AFTER_LOAD_S: Final = 2.0
#: How long a calculator is given to be live.
LIVE_TIMEOUT_MS: Final = 60_000
_SCRIPT_EVENTS: Final = ("EvaluateScript", "v8.evaluateModule", "FunctionCall", "v8.compileModule")
_LIVE: Final = """() => {
  const forms = [...document.querySelectorAll("form.calculator[data-calculator]")];
  return forms.length === 0 || forms.every((f) => ["ready", "error"].includes(f.dataset.state));
}"""


@dataclass
class Load:
    """One traced load (milliseconds; counts where said)."""

    blocking_cpu_ms: float
    blocking_wall_ms: float
    cpu_ms: float
    style_ms: float
    style_elements: int
    style_count: int
    layout_ms: float
    layout_objects: int
    layout_count: int
    paint_ms: float
    fcp_ms: float
    longest_cpu_ms: float
    scripts: dict[str, float] = field(default_factory=dict)


def trace_load(browser: Browser, url: str) -> Load:
    """Load ``url`` in a new context while tracing; return the main thread's work."""
    context = browser.new_context(**PHONE)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        browser.start_tracing(page=page, categories=list(CATEGORIES))
        try:
            page.goto(url, wait_until="load", timeout=LIVE_TIMEOUT_MS)
            page.wait_for_function(_LIVE, timeout=LIVE_TIMEOUT_MS)
            time.sleep(AFTER_LOAD_S)
        finally:
            data = browser.stop_tracing()
    finally:
        context.close()
    loaded = json.loads(data)
    events: list[dict[str, Any]] = loaded["traceEvents"] if isinstance(loaded, dict) else loaded
    return read_trace(events, url)


def read_trace(events: list[dict[str, Any]], url: str) -> Load:
    """Return the work of the page's main thread in a trace."""
    thread = _main_thread(events, url)
    mine = sorted(
        (e for e in events if (e.get("pid"), e.get("tid")) == thread and e.get("ph") == "X"),
        key=lambda e: (e["ts"], -e.get("dur", 0)),
    )
    start = min(
        (
            e["ts"]
            for e in events
            if e.get("name") == "navigationStart" and e.get("pid") == thread[0]
        ),
        default=mine[0]["ts"] if mine else 0,
    )
    paints = [
        e["ts"]
        for e in events
        if e.get("name") == "firstContentfulPaint" and e.get("pid") == thread[0]
    ]
    fcp = min(paints, default=start)
    tasks = _top_level(
        [e for e in mine if e["name"] in ("RunTask", "ThreadControllerImpl::RunTask")]
    )
    after = [t for t in tasks if t["ts"] >= fcp]

    laid_out = sorted(e["ts"] for e in mine if e["name"] == "Layout")

    def blocking(key: str) -> float:
        # Lighthouse's simulation slows a task that lays out half as much as the others.
        total = 0.0
        for task in after:
            index = bisect.bisect_left(laid_out, task["ts"])
            layout = index < len(laid_out) and laid_out[index] < task["ts"] + task["dur"]
            slowdown = SLOWDOWN * (LAYOUT_SHARE if layout else 1.0)
            total += max(0.0, slowdown * float(task.get(key, task["dur"])) / 1000 - BLOCKING_MS)
        return total

    def cpu(name: str) -> list[dict[str, Any]]:
        return [e for e in mine if e["name"] == name]

    styles, layouts = cpu("UpdateLayoutTree"), cpu("Layout")
    scripts: Counter[str] = Counter()
    for event in _top_level([e for e in mine if e["name"] in _SCRIPT_EVENTS]):
        data = event.get("args", {}).get("data", {})
        name = (data.get("url") or data.get("fileName") or "?").rsplit("/", 1)[-1] or "(page)"
        scripts[name] += event.get("tdur", event["dur"]) / 1000
    return Load(
        blocking_cpu_ms=blocking("tdur"),
        blocking_wall_ms=blocking("dur"),
        cpu_ms=sum(t.get("tdur", t["dur"]) for t in tasks) / 1000,
        style_ms=sum(e.get("tdur", e["dur"]) for e in styles) / 1000,
        style_elements=sum(int(e.get("args", {}).get("elementCount") or 0) for e in styles),
        style_count=len(styles),
        layout_ms=sum(e.get("tdur", e["dur"]) for e in layouts) / 1000,
        layout_objects=sum(
            int(e.get("args", {}).get("beginData", {}).get("dirtyObjects") or 0) for e in layouts
        ),
        layout_count=len(layouts),
        paint_ms=sum(e.get("tdur", e["dur"]) for e in cpu("Paint")) / 1000,
        fcp_ms=(fcp - start) / 1000,
        longest_cpu_ms=max((t.get("tdur", t["dur"]) / 1000 for t in after), default=0.0),
        scripts={name: round(ms, 1) for name, ms in scripts.most_common(8)},
    )


def _main_thread(events: list[dict[str, Any]], url: str) -> tuple[int, int]:
    """Return (pid, tid) of the renderer main thread that parsed ``url``."""
    names = {
        (e["pid"], e["tid"]): e.get("args", {}).get("name")
        for e in events
        if e.get("name") == "thread_name"
    }
    mains = [key for key, name in names.items() if name == "CrRendererMain"]
    parsed: Counter[tuple[int, int]] = Counter(
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "ParseHTML"
        and str(e.get("args", {}).get("beginData", {}).get("url", "")).startswith(url)
    )
    return max(mains, key=lambda key: parsed[key])


def _top_level(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop the events nested in an earlier one (sorted by start)."""
    kept: list[dict[str, Any]] = []
    end = -1
    for event in events:
        if event["ts"] >= end:
            kept.append(event)
            end = event["ts"] + event.get("dur", 0)
    return kept


def measure(
    hosts: dict[str, Host], pages: list[str], runs: int
) -> dict[str, dict[str, list[Load]]]:
    """Trace every page on every site ``runs`` times, taking turns; return the loads."""
    loads: dict[str, dict[str, list[Load]]] = {site: {page: [] for page in pages} for site in hosts}
    names = list(hosts)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        turn = 0
        for number in range(runs):
            for page in pages:
                shift = turn % len(names)
                turn += 1
                for site in names[shift:] + names[:shift]:
                    load = trace_load(browser, hosts[site].url + PAGES[page][1])
                    loads[site][page].append(load)
                    sys.stdout.write(
                        f"  runde {number + 1}/{runs} {site:10} {page:19}"
                        f" blokkerende {load.blocking_cpu_ms:5.0f} ms"
                        f" (vegg {load.blocking_wall_ms:5.0f})"
                        f"  CPU {load.cpu_ms:5.0f} ms  stil {load.style_ms:4.0f} ms\n"
                    )
        browser.close()
    return loads


def medians(loads: list[Load]) -> dict[str, float]:
    """Return the median of every figure over the loads."""
    keys = [f.name for f in dataclasses.fields(Load) if f.name != "scripts"]
    out = {key: median([float(getattr(load, key)) for load in loads]) for key in keys}
    scripts: dict[str, list[float]] = {}
    for load in loads:
        for name, ms in load.scripts.items():
            scripts.setdefault(name, []).append(ms)
    out.update({f"script:{name}": median(values) for name, values in scripts.items()})
    return out


def report(loads: dict[str, dict[str, list[Load]]]) -> str:
    """Return the medians, a line per page and site, the first site's as the reference."""
    lines = [
        (
            f"{'side':19}{'nettsted':12}{'blokk. CPU×4':>13}{'vegg×4':>8}{'CPU':>7}{'stil':>6}"
            f"{'elem.':>7}{'layout':>7}{'maling':>7}{'lengste':>8}"
        )
    ]
    first = next(iter(loads))
    for page in next(iter(loads.values())):
        reference = medians(loads[first][page])
        for site, by_page in loads.items():
            m = medians(by_page[page])
            ratio = m["cpu_ms"] / reference["cpu_ms"] if reference["cpu_ms"] else float("nan")
            lines.append(
                f"{page:19}{site:12}{m['blocking_cpu_ms']:13.0f}{m['blocking_wall_ms']:8.0f}"
                f"{m['cpu_ms']:7.0f}{m['style_ms']:6.0f}{m['style_elements']:7.0f}"
                f"{m['layout_ms']:7.0f}{m['paint_ms']:7.0f}{m['longest_cpu_ms']:8.1f}"
                f"  CPU {ratio:.2f} ×"
            )
            top = sorted(
                ((k[7:], v) for k, v in m.items() if k.startswith("script:")), key=lambda kv: -kv[1]
            )[:5]
            lines.append(" " * 31 + "  ".join(f"{name} {ms:.0f}" for name, ms in top))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Trace the pages; print the medians and write the JSON."""
    arguments = _parser().parse_args(argv)
    pages = chosen_pages(arguments.pages)
    if pages is None:
        return 2
    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with contextlib.ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-main-")))
        hosts, folders = stack.enter_context(sites(scratch, arguments.rev, arguments.site))
        loads = measure(hosts, pages, arguments.runs)
    sys.stdout.write("\n" + report(loads))
    RESULTS_DIR.mkdir(exist_ok=True)
    out = RESULTS_DIR / f"mainthread-{started.replace(':', '').replace('+0000', 'Z')}.json"
    data = {
        "started": started,
        "sites": folders,
        "loads": {
            site: {page: [dataclasses.asdict(load) for load in runs] for page, runs in by.items()}
            for site, by in loads.items()
        },
        "medians": {
            site: {page: medians(runs) for page, runs in by.items()} for site, by in loads.items()
        },
    }
    out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(f"\nJSON: {out.relative_to(PROJECT_ROOT)}\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.mainthread",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--runs", type=int, default=5, help="loads of every page (default 5)")
    add_page_and_site_arguments(parser, default_pages="calculator")
    return parser


if __name__ == "__main__":
    sys.exit(main())
