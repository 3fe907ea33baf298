"""One profile's measurements: every variant in turn, round after round, then the recompute.

The machine is noisy, so only side-by-side figures mean something: all variants take turns
in every round, the order rotating, each in a fresh browser profile, cold then warm. Every
variant's folder gets a host of its own at the profile's pace; the built site's host has the
port the site was built for (Material's instant navigation then takes the index's links)
and the baseline under ``/__baseline/``.
"""

from __future__ import annotations

import contextlib
import posixpath
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from bench.browser import fresh_profile, script
from bench.host import gzip_size, serve
from bench.recompute import measure_recompute
from bench.results import ProfileResults
from bench.site import BASELINE_PREFIX, calculator_config, runtime_folder
from bench.variants import BASELINE, OURS, VIA_INDEX, Variant
from bench.visits import via_index, visit

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import BrowserContext, Playwright

    from bench.host import Host, NetworkProfile
    from bench.site import Workspace

INDEX_PAGE: Final = "kalkulatorer/"


@dataclass(frozen=True, slots=True)
class _Page:
    """What every visit needs to know about the built site."""

    path: str
    config: dict[str, str]
    link: str
    runtime: str


def measure_profile(
    playwright: Playwright,
    profile: NetworkProfile,
    variants: tuple[Variant, ...],
    work: Workspace,
    rounds: int,
) -> ProfileResults:
    """Visit every variant ``rounds`` times through ``profile``; measure the recompute."""
    results = ProfileResults.on(profile, rounds)
    page = _Page(
        path=work.page,
        config=calculator_config(work.page),
        link=f'article a[href$="{posixpath.relpath(work.page, INDEX_PAGE)}/"]',
        runtime="/" + runtime_folder(work.site_dir),
    )
    with contextlib.ExitStack() as stack:
        hosts = _hosts(stack, profile, variants, work)
        for host in {id(h): h for h in hosts.values()}.values():
            host.prepare()
        names = [variant.name for variant in variants]
        for number in range(rounds):
            shift = number % len(names)
            for name in names[shift:] + names[:shift]:
                with fresh_profile(playwright, work.scratch, name) as context:
                    line = _visits(context, name, hosts[name], page, results, first=number == 0)
                sys.stdout.write(f"  {profile.name} runde {number + 1}/{rounds} {name:16}{line}\n")
        results.recompute_ms, results.recompute_settled_ms = measure_recompute(
            playwright, hosts[OURS], work.page, work.scratch
        )
    return results


def _hosts(
    stack: contextlib.ExitStack,
    profile: NetworkProfile,
    variants: tuple[Variant, ...],
    work: Workspace,
) -> dict[str, Host]:
    """Start one host per folder; the built site's on its port, with the baseline beside it."""
    started: dict[tuple[Path, frozenset[str]], Host] = {}
    hosts: dict[str, Host] = {}
    for variant in variants:
        key = (variant.site_dir, variant.gzip_types)
        if key not in started:
            built = variant.site_dir == work.site_dir
            started[key] = stack.enter_context(
                serve(
                    variant.site_dir,
                    profile,
                    port=work.port if built else 0,
                    gzip_types=variant.gzip_types,
                    extra_routes={BASELINE_PREFIX: work.baseline_dir} if built else None,
                )
            )
        hosts[variant.name] = started[key]
    return hosts


def _visits(  # noqa: PLR0913 - one call site, every argument named there
    context: BrowserContext,
    name: str,
    host: Host,
    page: _Page,
    results: ProfileResults,
    *,
    first: bool,
) -> str:
    """Make one variant's visits in a fresh profile; store them; return a progress line."""
    if name == VIA_INDEX:
        context.add_init_script(script("via_index", {**page.config, "link": page.link}))
        index = via_index(context, host, host.url + INDEX_PAGE, page.link, page.runtime)
        results.index_visits.append(index)
        return f"etter klikk {_ms(index.live_after_click_ms)}  ({index.navigation})"
    context.add_init_script(script("vitals"))
    if name != BASELINE:
        context.add_init_script(script("ours", page.config))
    url = host.url + (BASELINE_PREFIX.lstrip("/") if name == BASELINE else page.path)
    cold, sent = visit(context, host, url)
    warm, _ = visit(context, host, url)
    results.visits.setdefault(f"{name}_cold", []).append(cold)
    results.visits.setdefault(f"{name}_warm", []).append(warm)
    if first:
        results.files[name] = [
            (e.path, e.body_bytes, e.file.stat().st_size, gzip_size(e.file))
            if e.file
            else (e.path, e.body_bytes, 0, 0)
            for e in sent
        ]
    return f"kald {_ms(cold.live_ms)}  varm {_ms(warm.live_ms)}  {cold.wire_bytes / 1e6:5.2f} MB"


def _ms(value: float | None) -> str:
    return "  aldri" if value is None else f"{value:6.0f} ms"
