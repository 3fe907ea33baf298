"""Lighthouse's mobile audit of every kind of page, as a new reader's phone meets the site.

``python -m bench.lighthouse [--runs N] [--pages front,calculator] [--rev REV ...]``

Lighthouse 12.2.3 (npm, pinned in ``bench/npm/``; ``make bench`` installs it under
``.cache/lighthouse/``, so ``make serve`` and ``make test`` never fetch it) audits each page
type with its mobile preset: a phone's screen, a CPU four times slower and slow 4G, both
*simulated* from a load at full speed. The built site is therefore served by the benchmark's
host at loopback pace, gzipped and with ``_headers`` as a host sends it (:mod:`bench.host`).

Every run is a new browser profile. Runs take turns: in each round every page, and for each
page every site (``--rev`` adds the site as it was at a git revision, built beside this
one, for a same-run before/after), the order rotating. The medians are printed as a Markdown
table (``docs/utvikling/ytelse.md``) and every run is written to
``bench/results/lighthouse-<start>.json``: the four category scores, total blocking time,
LCP, CLS, the main-thread breakdown and the audits that did not pass.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from bench.browser import CHROMIUM, CHROMIUM_ARGS
from bench.host import serve
from bench.results import RESULTS_DIR, median
from bench.site import PROJECT_ROOT, build_revision, free_port, mkdocs

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bench.host import Host

#: Where ``make bench`` installs Lighthouse (``bench/npm/``'s lock, ``npm ci``).
INSTALL_DIR: Final = PROJECT_ROOT / ".cache" / "lighthouse"
CLI: Final = INSTALL_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
VERSION: Final = "12.2.3"

#: Page type → (Norwegian name, the page audited).
PAGES: Final = {
    "front": ("forside", ""),
    "section": ("seksjonsoversikt", "kunderelasjoner/"),
    "concept": ("begrepsside", "relasjoner/tillit/"),
    "concept_calculator": ("begrepsside med kalkulator", "relasjoner/relasjonsblomsten/"),
    "calculator": ("kalkulatorside", "kalkulatorer/livstidsverdi/"),
    "calculator_index": ("kalkulatoroversikt", "kalkulatorer/"),
    "case": ("gjennomgående eksempel", "eksempel/"),
}
CATEGORIES: Final = ("performance", "accessibility", "best-practices", "seo")
#: The figures kept from each run's audits (numeric values, milliseconds but CLS).
METRICS: Final = {
    "tbt_ms": "total-blocking-time",
    "lcp_ms": "largest-contentful-paint",
    "cls": "cumulative-layout-shift",
    "fcp_ms": "first-contentful-paint",
    "speed_index_ms": "speed-index",
    "tti_ms": "interactive",
    "dom_elements": "dom-size",
    "main_thread_ms": "mainthread-work-breakdown",
}
#: A run that takes longer than this has hung (a run takes 10–30 s).
RUN_TIMEOUT_S: Final = 240


@dataclass
class Run:
    """One Lighthouse run of one page.

    Attributes:
        scores: Category → score, 0–100.
        metrics: See :data:`METRICS`: total blocking time, LCP, CLS, first contentful
            paint, speed index, time to interactive, DOM elements, main-thread work.
        main_thread: Lighthouse's groups of main-thread work (``styleLayout``,
            ``scriptEvaluation``, …) → ms, on the simulated (4× slower) CPU.
        scripts: Script URL (path only) → main-thread ms it was busy, the same CPU.
        long_tasks: The longest tasks, as (script, ms, start ms).
        failed: Audits below a full score that count in a category, by category.

    """

    scores: dict[str, float]
    metrics: dict[str, float]
    main_thread: dict[str, float]
    scripts: dict[str, float]
    long_tasks: list[tuple[str, float, float]]
    failed: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class LighthouseResults:
    """A run of the page types, per site: ``runs[site][page]`` holds every run."""

    started: str
    version: str
    rounds: int
    sites: dict[str, str]
    pages: dict[str, str]
    runs: dict[str, dict[str, list[Run]]] = field(default_factory=dict)
    minutes: float = 0.0


def installed() -> bool:
    """Whether ``make bench`` has installed Lighthouse."""
    return CLI.is_file()


def audit(url: str, out_dir: Path) -> Run:
    """Run Lighthouse's mobile audit of ``url`` in a new profile; return what it found."""
    out = out_dir / "report.json"
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [
        "node",
        str(CLI),
        url,
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={flags}",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM, "TMPDIR": str(out_dir)}
    subprocess.run(  # noqa: S603 - fixed argv, no shell
        command, env=env, capture_output=True, check=True, timeout=RUN_TIMEOUT_S
    )
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    return read_report(report)


def read_report(report: dict[str, Any]) -> Run:
    """Return the figures kept from a Lighthouse JSON report."""
    audits: dict[str, Any] = report["audits"]
    categories: dict[str, Any] = report["categories"]
    scores = {name: float(round(100 * (categories[name]["score"] or 0))) for name in CATEGORIES}
    metrics = {key: float(audits[name].get("numericValue") or 0.0) for key, name in METRICS.items()}
    items = audits["mainthread-work-breakdown"].get("details", {}).get("items", [])
    main_thread = {item["group"]: round(item["duration"], 1) for item in items}
    scripts = {
        _short(item["url"]): round(item["total"], 1)
        for item in audits["bootup-time"].get("details", {}).get("items", [])
    }
    tasks = audits["long-tasks"].get("details", {}).get("items", [])
    long_tasks = [
        (_short(task["url"]), round(task["duration"]), round(task["startTime"]))
        for task in sorted(tasks, key=lambda task: -task["duration"])[:8]
    ]
    failed = {
        name: [
            ref["id"]
            for ref in categories[name]["auditRefs"]
            if ref["weight"] > 0
            and audits[ref["id"]].get("score") is not None
            and audits[ref["id"]]["score"] < 1
        ]
        for name in CATEGORIES
    }
    return Run(
        scores, metrics, main_thread, scripts, long_tasks, {k: v for k, v in failed.items() if v}
    )


def _short(url: str) -> str:
    """Return a URL's path (``/assets/javascripts/bundle….js``), or the label Lighthouse gave."""
    if "://" not in url:
        return url
    return "/" + url.split("://", 1)[1].partition("/")[2]


def measure(
    sites: dict[str, Host], pages: list[str], rounds: int, scratch: Path
) -> dict[str, dict[str, list[Run]]]:
    """Audit every page on every site ``rounds`` times, taking turns; return the runs."""
    runs: dict[str, dict[str, list[Run]]] = {site: {page: [] for page in pages} for site in sites}
    names = list(sites)
    turn = 0
    for number in range(rounds):
        for page in pages:
            shift = turn % len(names)
            turn += 1
            for site in names[shift:] + names[:shift]:
                with tempfile.TemporaryDirectory(prefix="lighthouse-", dir=scratch) as out:
                    run = audit(sites[site].url + PAGES[page][1], Path(out))
                runs[site][page].append(run)
                sys.stdout.write(
                    f"  runde {number + 1}/{rounds} {site:10} {page:19}"
                    f" ytelse {run.scores['performance']:3.0f}"
                    f"  TBT {run.metrics['tbt_ms']:5.0f} ms"
                    f"  LCP {run.metrics['lcp_ms']:5.0f} ms\n"
                )
    return runs


def medians(runs: list[Run]) -> dict[str, float]:
    """Return the median of every score, figure and main-thread group over the runs."""
    keys: dict[str, list[float]] = {}
    for run in runs:
        for name, value in (
            *run.scores.items(),
            *run.metrics.items(),
            *((f"main:{group}", ms) for group, ms in run.main_thread.items()),
        ):
            keys.setdefault(name, []).append(value)
    return {name: median(values) for name, values in keys.items()}


def table(results: LighthouseResults) -> str:
    """Return the medians as a Markdown table in Norwegian, one line per page and site."""
    header = (
        "| Side | Ytelse | Tilgjengelighet | Beste praksis | SEO | TBT | LCP | CLS "
        "| Stil og layout | Skript | DOM |"
    )
    lines = [header, "| --- " * (header.count("|") - 1) + "|"]
    several = len(results.runs) > 1
    for page in results.pages:
        for site, by_page in results.runs.items():
            if not by_page.get(page):
                continue
            m = medians(by_page[page])
            name = PAGES[page][0] + (f" ({site})" if several else "")
            script = m.get("main:scriptEvaluation", 0.0) + m.get("main:scriptParseCompile", 0.0)
            lines.append(
                f"| {name} | {m['performance']:.0f} | {m['accessibility']:.0f} "
                f"| {m['best-practices']:.0f} | {m['seo']:.0f} | {_ms(m['tbt_ms'])} "
                f"| {_seconds(m['lcp_ms'])} | {_decimal(m['cls'], 3)} "
                f"| {_ms(m.get('main:styleLayout', 0.0))} | {_ms(script)} "
                f"| {_thousands(m['dom_elements'])} |"
            )
    return "\n".join(lines) + "\n"


def _thousands(value: float) -> str:
    """``1 234``, with a no-break space, as Norwegian writes it."""
    return f"{value:,.0f}".replace(",", "\u00a0")


def _ms(value: float) -> str:
    return f"{_thousands(value)}\u00a0ms"


def _decimal(value: float, places: int) -> str:
    return f"{value:.{places}f}".replace(".", ",")


def _seconds(ms: float) -> str:
    return f"{_decimal(ms / 1000, 2)}\u00a0s"


def failures(results: LighthouseResults) -> list[str]:
    """Return a line per page and site whose runs had audits below a full score."""
    lines = []
    for site, by_page in results.runs.items():
        for page, runs in by_page.items():
            seen: dict[str, set[str]] = {}
            for run in runs:
                for category, audits in run.failed.items():
                    seen.setdefault(category, set()).update(audits)
            if seen:
                found = "; ".join(f"{c}: {', '.join(sorted(a))}" for c, a in sorted(seen.items()))
                lines.append(f"{site} {page}: {found}")
    return lines


def write(results: LighthouseResults) -> Path:
    """Write every run as ``bench/results/lighthouse-<started>.json``; return the path."""
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = results.started.replace(":", "").replace("+00:00", "Z")
    out = RESULTS_DIR / f"lighthouse-{stamp}.json"
    data = dataclasses.asdict(results)
    data["medians"] = {
        site: {page: medians(runs) for page, runs in by_page.items()}
        for site, by_page in results.runs.items()
    }
    out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return out


@contextlib.contextmanager
def sites(
    scratch: Path, revisions: list[str], prebuilt: list[str]
) -> Iterator[tuple[dict[str, Host], dict[str, str]]]:
    """Build this checkout (and each revision) for its own port; serve each at loopback."""
    folders: dict[str, tuple[Path, int]] = {}
    for entry in prebuilt:
        label, _, folder = entry.partition("=")
        folders[label] = (Path(folder), 0)
    if not prebuilt:
        port = free_port()
        sys.stdout.write("Bygger nettstedet …\n")
        mkdocs(scratch / "site", port)
        folders["nå"] = (scratch / "site", port)
    for revision in revisions:
        port = free_port()
        sys.stdout.write(f"Bygger nettstedet slik det var ved {revision} …\n")
        folders[revision] = (build_revision(revision, scratch / f"site-{revision}", port), port)
    with contextlib.ExitStack() as stack:
        hosts = {
            label: stack.enter_context(serve(folder, port=port))
            for label, (folder, port) in folders.items()
        }
        for host in hosts.values():
            host.prepare()
        yield hosts, {label: str(folder) for label, (folder, _) in folders.items()}


def main(argv: list[str] | None = None) -> int:
    """Audit the page types; print the table and write the JSON."""
    arguments = _parser().parse_args(argv)
    if not installed():
        sys.stderr.write(
            f"Lighthouse {VERSION} er ikke installert i {INSTALL_DIR.relative_to(PROJECT_ROOT)}"
            ": kjør make bench (eller make lighthouse).\n"
        )
        return 2
    pages = chosen_pages(arguments.pages)
    if pages is None:
        return 2
    began = time.monotonic()
    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with (
        tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as scratch_name,
        sites(Path(scratch_name), arguments.rev, arguments.site) as (hosts, folders),
    ):
        sys.stdout.write(f"Lighthouse {VERSION}, mobil, {arguments.runs} runder …\n")
        runs = measure(hosts, pages, arguments.runs, Path(scratch_name))
    results = LighthouseResults(
        started=started,
        version=VERSION,
        rounds=arguments.runs,
        sites=folders,
        pages={page: PAGES[page][1] for page in pages},
        runs=runs,
        minutes=(time.monotonic() - began) / 60,
    )
    sys.stdout.write(f"\nLighthouse, mobil, median av {arguments.runs} runder\n\n")
    sys.stdout.write(table(results))
    for line in failures(results):
        sys.stdout.write(f"ikke fullt: {line}\n")
    out = write(results)
    sys.stdout.write(f"\nJSON: {out.relative_to(PROJECT_ROOT)}\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.lighthouse",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of every page (default 3)")
    add_page_and_site_arguments(parser, default_pages=",".join(PAGES))
    return parser


def add_page_and_site_arguments(parser: argparse.ArgumentParser, *, default_pages: str) -> None:
    """Add the options that choose what is measured: page types (:data:`PAGES`) and sites."""
    parser.add_argument(
        "--pages", default=default_pages, help=f"comma-separated (known: {', '.join(PAGES)})"
    )
    parser.add_argument(
        "--rev",
        action="append",
        default=[],
        help="also measure the site as built from this git revision (repeatable)",
    )
    parser.add_argument(
        "--site",
        action="append",
        default=[],
        metavar="LABEL=FOLDER",
        help="measure these built folders instead of building this checkout (repeatable)",
    )


def chosen_pages(text: str) -> list[str] | None:
    """Return the page types ``--pages`` names, or ``None`` (said on stderr) if one is unknown."""
    pages = [page.strip() for page in text.split(",") if page.strip()]
    unknown = [page for page in pages if page not in PAGES]
    if unknown:
        sys.stderr.write(f"ukjent side: {', '.join(unknown)} (kjente: {', '.join(PAGES)})\n")
        return None
    return pages


if __name__ == "__main__":
    sys.exit(main())
