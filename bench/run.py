"""`make bench`: how fast the calculators answer, against bare Pyodide from the same npm files.

Everything is measured in one run, the variants taking turns, in Debian's headless Chromium:

- **live result**: *baseline* is a page that starts bare Pyodide in a module worker and runs
  one line of Python (time until its answer is on the page); *ours* is a calculator page
  where a value is typed as soon as the form exists (time until that value's live result is
  on the page). Both from navigation start; *cold* in a fresh browser profile, *warm* on a
  repeat visit in the same profile;
- **first paint**: first contentful paint of the calculator page, and whether the outputs
  already held their build-time results then (they come with the HTML);
- **recompute**: input event → updated output, p50/p95 over 100 changes: typed as soon as
  the first live result is there (while the browser still compiles and the service worker
  stores the runtime), and again once the page has settled;
- **bytes**: what the server sent for each visit, raw and as gzip would send it;
- **build**: ``mkdocs build`` with and without the calculators plugin, a rebuild with no
  change and a first build with an empty runtime cache.

With ``--levers``, the site is also served with levers taken away (see
:class:`bench.server.Levers`), to show what each one buys: the runtime as Pyodide ships it
(sources), then byte-compiled and trimmed, then the early start, then the service worker;
*ours* adds the last lever, the memory snapshot that repeat visits start from.

Prints medians and ratios and writes everything as JSON under ``bench/results/``. Not a test:
nothing here asserts; the targets and the figures live in ``docs/utvikling/ytelse.md``.

Usage: ``python -m bench.run [--rounds N] [--levers] [--skip-build] [--label TEXT]``
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import shutil
import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml
from playwright.sync_api import BrowserContext, Playwright, sync_playwright

from bench.common import (
    CALCULATOR,
    FIELD,
    NPM_PYODIDE,
    OUTPUT,
    PROJECT_ROOT,
    SETTLE_SECONDS,
    TYPED,
    calculator_config,
    median,
    mkdocs,
    profile,
    runtime_folder,
    script,
    workspace,
    write_results,
)
from bench.server import BASELINE_PREFIX, Host, Levers, gzip_size, serve
from build_scripts.runtime.builder import CLI_MODULE, LOCK_FILE_NAME
from build_scripts.runtime.bytecompile import STDLIB_NAME
from build_scripts.runtime.wheel import build_wheel, project_version, python_sources
from calculators import evaluate

if TYPE_CHECKING:
    from pathlib import Path

RECOMPUTE_CHANGES = 100
LIVE_TIMEOUT_MS = 90_000
BASELINE = "baseline"
OURS = "ours"
#: With --levers: the site with levers taken away, from none to all but the last.
LEVER_VARIANTS: dict[str, str] = {
    "sources": "Pyodide som levert (kildekode), uten tidlig start og service worker",
    "bytecode": "+ bytekompilert og trimmet standardbibliotek og hjul",
    "early_start": "+ tidlig start fra <head>",
    "service_worker": "+ service worker",
}
#: The worker, and what it says to use a memory snapshot (the variants above do without).
WORKER_PATH = "/javascripts/calculator-worker.mjs"
SNAPSHOT_SUPPORT = 'return typeof caches === "object";'

LIVE = script("live")
PAINT = script("paint")
RECOMPUTE_SCRIPT = script("recompute")


@dataclass
class Visit:
    """One page visit: when the live result appeared and what the server sent for it."""

    live_ms: float
    raw_bytes: int
    gzip_bytes: int
    responses: int
    fcp_ms: float | None = None
    static_at_first_paint: bool | None = None


@dataclass
class Results:
    """Everything one benchmark run measured."""

    label: str
    started: str
    rounds: int
    page: str
    variants: dict[str, str] = field(default_factory=dict)
    visits: dict[str, list[Visit]] = field(default_factory=dict)
    recompute_ms: list[float] = field(default_factory=list)
    recompute_settled_ms: list[float] = field(default_factory=list)
    builds: dict[str, list[float]] = field(default_factory=dict)
    files: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print a summary and write the JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="visits of each kind")
    parser.add_argument("--levers", action="store_true", help="also measure each lever")
    parser.add_argument("--build-rounds", type=int, default=3, help="builds of each kind")
    parser.add_argument("--skip-build", action="store_true", help="skip the build timings")
    parser.add_argument("--label", default="", help="a note stored with the results")
    arguments = parser.parse_args(argv)

    with workspace("bench-") as work:
        results = Results(
            label=arguments.label, started=work.started, rounds=arguments.rounds, page=work.page
        )
        levers = {OURS: Levers()}
        if arguments.levers:
            levers |= _lever_variants(work.site_dir, work.scratch / "sources")
        with contextlib.ExitStack() as stack, sync_playwright() as playwright:
            hosts = {
                name: stack.enter_context(
                    serve(work.site_dir, work.baseline_dir, work.port if name == OURS else 0, lever)
                )
                for name, lever in levers.items()
            }
            targets = {BASELINE: hosts[OURS].url + BASELINE_PREFIX.lstrip("/")}
            targets |= {name: host.url + work.page for name, host in hosts.items()}
            results.variants = {BASELINE: "bare Pyodide", OURS: "alle tiltak", **LEVER_VARIANTS}
            _measure_visits(
                playwright=playwright,
                hosts=hosts,
                targets=targets,
                page=work.page,
                results=results,
                scratch=work.scratch,
            )
            results.recompute_ms, results.recompute_settled_ms = _measure_recompute(
                playwright, hosts[OURS], work.page, work.scratch
            )
        if not arguments.skip_build:
            results.builds = _measure_builds(work.scratch, work.port, arguments.build_rounds)

    sys.stdout.write(_summary(results))
    out = write_results(results, "bench", results.started)
    sys.stdout.write(f"\nJSON: {out.relative_to(PROJECT_ROOT)}\n")
    return 0


# --- Setup ------------------------------------------------------------------------------------


def _lever_variants(site_dir: Path, directory: Path) -> dict[str, Levers]:
    """Return the site served with levers taken away, from none left to all but one."""
    folder = "/" + runtime_folder(site_dir)
    directory.mkdir(parents=True)
    # The runtime as Pyodide ships it: the npm stdlib and a wheel of sources, in the lock.
    sources = {
        path: (PROJECT_ROOT / path).read_bytes()
        for path in python_sources(PROJECT_ROOT / "calculators")
        if path.name != CLI_MODULE
    }
    wheel = build_wheel(sources, project_version(PROJECT_ROOT), directory)
    lock = json.loads((site_dir / folder.lstrip("/") / LOCK_FILE_NAME).read_text())
    entry = lock["packages"]["calculators"]
    entry["file_name"] = wheel.name
    entry["sha256"] = hashlib.sha256(wheel.read_bytes()).hexdigest()
    (directory / LOCK_FILE_NAME).write_text(json.dumps(lock), encoding="utf-8")
    replaced = {
        f"{folder}{STDLIB_NAME}": NPM_PYODIDE / STDLIB_NAME,
        f"{folder}{LOCK_FILE_NAME}": directory / LOCK_FILE_NAME,
        f"{folder}{wheel.name}": wheel,
    }
    # Every variant but ours: a worker that never snapshots Python's memory.
    worker = site_dir / WORKER_PATH.lstrip("/")
    text = worker.read_text(encoding="utf-8")
    without_snapshot = text.replace(SNAPSHOT_SUPPORT, "return false;")
    if without_snapshot == text:
        msg = f"{WORKER_PATH} no longer says {SNAPSHOT_SUPPORT!r}: update the benchmark"
        raise RuntimeError(msg)
    (directory / "calculator-worker.mjs").write_text(without_snapshot, encoding="utf-8")
    no_snapshot = {WORKER_PATH: directory / "calculator-worker.mjs"}
    return {
        "sources": Levers(
            early_start=False, service_worker=False, replaced_files=replaced | no_snapshot
        ),
        "bytecode": Levers(early_start=False, service_worker=False, replaced_files=no_snapshot),
        "early_start": Levers(service_worker=False, replaced_files=no_snapshot),
        "service_worker": Levers(replaced_files=no_snapshot),
    }


# --- Visits -----------------------------------------------------------------------------------


def _visit(context: BrowserContext, host: Host, url: str) -> tuple[Visit, list[tuple[str, int]]]:
    """Open ``url`` in a new tab of ``context``; wait for the live result; count bytes."""
    mark = host.log.mark()
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_function(LIVE, timeout=LIVE_TIMEOUT_MS)
        bench: dict[str, Any] = page.evaluate(PAINT)
        time.sleep(SETTLE_SECONDS)
    finally:
        page.close()
    sent = host.log.since(mark)
    static = bench.get("staticAtDomContentLoaded")
    visit = Visit(
        live_ms=float(bench["live"]),
        raw_bytes=sum(size for _, size in sent),
        gzip_bytes=sum(gzip_size(host.file_for(path)) for path, size in sent if size),
        responses=len(sent),
        fcp_ms=bench.get("fcp"),
        static_at_first_paint=None
        if static is None
        else bool(static) and bench.get("stateAtDomContentLoaded") != "ready",
    )
    return visit, sent


def _measure_visits(  # noqa: PLR0913 - one call site, every argument named there
    *,
    playwright: Playwright,
    hosts: dict[str, Host],
    targets: dict[str, str],
    page: str,
    results: Results,
    scratch: Path,
) -> None:
    """Visit every target cold then warm, round after round, rotating the order."""
    for name in targets:
        results.visits[f"{name}_cold"] = []
        results.visits[f"{name}_warm"] = []
    ours = script("ours", calculator_config(page))
    names = list(targets)
    for number in range(results.rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            host = hosts[OURS if name == BASELINE else name]
            with profile(playwright, scratch, name) as context:
                context.add_init_script(ours)
                cold, sent = _visit(context, host, targets[name])
                warm, _ = _visit(context, host, targets[name])
            results.visits[f"{name}_cold"].append(cold)
            results.visits[f"{name}_warm"].append(warm)
            if number == 0:
                results.files[name] = [
                    (path, size, gzip_size(host.file_for(path)) if size else 0)
                    for path, size in sent
                ]
            sys.stdout.write(
                f"  runde {number + 1}/{results.rounds} {name:12} kald {cold.live_ms:6.0f} ms"
                f"  varm {warm.live_ms:6.0f} ms\n"
            )


def _measure_recompute(
    playwright: Playwright, host: Host, page: str, scratch: Path
) -> tuple[list[float], list[float]]:
    """Latencies of 100 changes right after the first live result, and 100 once settled."""
    expected = [evaluate(CALCULATOR, {FIELD: value})["display"][OUTPUT] for value in TYPED]
    with profile(playwright, scratch, "recompute") as context:
        context.add_init_script(script("ours", calculator_config(page)))
        tab = context.new_page()
        tab.goto(host.url + page)
        tab.wait_for_function(LIVE, timeout=LIVE_TIMEOUT_MS)
        selector = f"form.calculator[data-calculator='{CALCULATOR}']"
        arguments = [selector, FIELD, OUTPUT, list(TYPED), expected, RECOMPUTE_CHANGES]
        at_once: list[float] = tab.evaluate(RECOMPUTE_SCRIPT, arguments)
        time.sleep(SETTLE_SECONDS)
        settled: list[float] = tab.evaluate(RECOMPUTE_SCRIPT, arguments)
    return at_once, settled


# --- Builds -----------------------------------------------------------------------------------


class _AnyTagLoader(yaml.SafeLoader):
    """YAML's safe loader, reading ``!ENV`` and other tags (not about plugins) as null."""


_AnyTagLoader.add_multi_constructor("!", lambda _loader, _suffix, _node: None)


def _with_calculators_plugin(options: dict[str, object]) -> str:
    """Return a config inheriting mkdocs.yml, with ``options`` for the calculators plugin.

    ``INHERIT`` replaces the whole ``plugins`` list, so it is copied, every other plugin as
    configured there.
    """
    text = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.load(text, _AnyTagLoader)  # noqa: S506 - a SafeLoader subclass
    plugins = []
    for entry in config["plugins"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        settings = {} if isinstance(entry, str) else entry[name] or {}
        plugins.append({name: {**settings, **options} if name == "calculators" else settings})
    return yaml.safe_dump({"INHERIT": "mkdocs.yml", "plugins": plugins}, allow_unicode=True)


def _measure_builds(scratch: Path, port: int, rounds: int) -> dict[str, list[float]]:
    """Time the kinds of build, alternating them round by round."""
    without = _with_calculators_plugin({"enabled": False})
    builds: dict[str, list[float]] = {
        "without_calculators": [],
        "full": [],
        "rebuild_no_change": [],
        "first_build_empty_cache": [],
    }
    for number in range(rounds):
        sys.stdout.write(f"  bygg, runde {number + 1}/{rounds}\n")
        fresh = scratch / f"build-{number}"
        builds["without_calculators"].append(mkdocs(fresh / "without", port, config=without))
        builds["full"].append(mkdocs(fresh / "full", port))
        builds["rebuild_no_change"].append(mkdocs(fresh / "full", port))
        cold = _with_calculators_plugin({"cache_dir": str(fresh / "runtime-cache")})
        builds["first_build_empty_cache"].append(mkdocs(fresh / "cold", port, config=cold))
        shutil.rmtree(fresh, ignore_errors=True)
    return builds


# --- Report -----------------------------------------------------------------------------------


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def _summary(results: Results) -> str:
    visits = results.visits

    def med(key: str, attribute: str) -> float:
        return median([float(getattr(v, attribute)) for v in visits.get(key, [])])

    lines = [
        f"\nYtelse ({results.started}, {results.rounds} runder) {results.label}".rstrip(),
        f"{'':14}{'kald ms':>9}{'× base':>8}{'varm ms':>9}{'× base':>8}{'kB gzip':>9}{'× base':>8}",
    ]
    base = {t: med(f"{BASELINE}_{t}", "live_ms") for t in ("cold", "warm")}
    base_bytes = med(f"{BASELINE}_cold", "gzip_bytes")
    names = [BASELINE, *[n for n in LEVER_VARIANTS if f"{n}_cold" in visits], OURS]
    for name in names:
        cold, warm = med(f"{name}_cold", "live_ms"), med(f"{name}_warm", "live_ms")
        gzip_bytes = med(f"{name}_cold", "gzip_bytes")
        lines.append(
            f"{name:14}{cold:9.0f}{cold / base['cold']:8.2f}{warm:9.0f}{warm / base['warm']:8.2f}"
            f"{gzip_bytes / 1000:9.0f}{gzip_bytes / base_bytes:8.2f}"
        )
    raw = med(f"{OURS}_cold", "raw_bytes") / med(f"{BASELINE}_cold", "raw_bytes")
    lines.append(f"rå byte, første besøk, vår / baseline: {raw:.2f}")
    static = [v.static_at_first_paint for v in visits.get(f"{OURS}_cold", [])]
    lines.append(
        f"første innholdsmaling {med(f'{OURS}_cold', 'fcp_ms'):.0f} ms; byggetidsresultater "
        f"på plass før Python: {sum(bool(s) for s in static)}/{len(static)}"
    )
    for latencies, when in (
        (results.recompute_ms, "straks Python er klar"),
        (results.recompute_settled_ms, f"etter {SETTLE_SECONDS:.0f} s"),
    ):
        if latencies:
            p50 = _percentile(latencies, 0.5)
            p95 = _percentile(latencies, 0.95)
            lines.append(f"omregning {when}: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    if results.builds:
        without = median(results.builds["without_calculators"])
        for key, name in (
            ("without_calculators", "bygg uten kalkulatorer"),
            ("full", "fullt bygg"),
            ("rebuild_no_change", "bygg uten endring"),
            ("first_build_empty_cache", "første bygg, tom hurtigbuffer"),
        ):
            value = median(results.builds[key])
            lines.append(
                f"{name:32}{value:6.2f} s  {value / without:5.2f} ×  +{value - without:.2f} s"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
