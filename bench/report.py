"""The printed summary of a run: per profile, medians and ratios against bare Pyodide.

A visit whose live result never came counts against "arrived" (``fram``) and is left out
of the medians. The targets are printed beside the figures (:mod:`bench.targets`), never
asserted.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

from bench.builds import KINDS
from bench.results import arrived, med, median, percentile
from bench.targets import target_lines
from bench.variants import AGAINST, BASELINE, LADDER, OURS, STORED
from bench.visits import SETTLE_SECONDS

if TYPE_CHECKING:
    from bench.results import ProfileResults, Results
    from bench.visits import IndexVisit

#: Rows of the tables, in the order each adds a lever (those measured).
ROWS: Final = (BASELINE, *LADDER, OURS, AGAINST, STORED)


def summary(results: Results) -> str:
    """Return the report of one run: every profile after the other, then the builds."""
    lines = [f"\nYtelse ({results.started}, {results.minutes:.1f} min) {results.label}".rstrip()]
    if results.stdlib_bytes:
        deflated, stored = results.stdlib_bytes["deflated"], results.stdlib_bytes["stored"]
        lines.append(
            f"python_stdlib.zip: {deflated / 1e3:.0f} kB komprimert, {stored / 1e3:.0f} kB lagret"
        )
    for name, profile in results.profiles.items():
        lines += ["", *profile_lines(name, profile)]
    if results.builds:
        lines += ["", *build_lines(results.builds)]
    return "\n".join(lines) + "\n"


def profile_lines(name: str, profile: ProfileResults) -> list[str]:
    """Return one profile's tables and lines."""
    visits = profile.visits
    rows = [row for row in ROWS if visits.get(f"{row}_cold")]
    # Sites measured beside ours (--site): after the known rows, in the order measured.
    rows += [
        key.removesuffix("_cold")
        for key in visits
        if key.endswith("_cold") and key.removesuffix("_cold") not in rows
    ]
    if profile.bandwidth_bytes_per_s is None:
        network = "ingen struping"
    else:
        mbit = profile.bandwidth_bytes_per_s * 8 / 1e6
        network = f"{profile.latency_s * 1000:.0f} ms, {mbit:.1f} Mbit/s"
    lines = [
        f"{name}: {network}, {profile.rounds} runder",
        f"{'':16}{'kald ms':>9}{'× base':>8}{'varm ms':>9}{'× base':>8}{'fram':>6}",
    ]
    base_cold, base_warm = (
        med(visits.get(f"{BASELINE}_{t}", []), "live_ms") for t in ("cold", "warm")
    )
    for row in rows:
        cold, warm = visits[f"{row}_cold"], visits.get(f"{row}_warm", [])
        cold_ms, warm_ms = med(cold, "live_ms"), med(warm, "live_ms")
        lines.append(
            f"{row:16}{_cell(cold_ms, '.0f'):>9}{_ratio(cold_ms, base_cold):>8}"
            f"{_cell(warm_ms, '.0f'):>9}{_ratio(warm_ms, base_warm):>8}{arrived(cold):>6}"
        )
    lines.append(
        f"{'første besøk':16}{'kB gzip':>9}{'× base':>8}{'MB nett':>9}{'× base':>8}"
        f"{'overf. ms':>10}{'live/ov.':>9}{'siste byte':>11}"
    )
    base = visits.get(f"{BASELINE}_cold", [])
    base_gzip, base_wire = med(base, "gzip_bytes"), med(base, "wire_bytes")
    for row in rows:
        cold = visits[f"{row}_cold"]
        gzip, wire = med(cold, "gzip_bytes"), med(cold, "wire_bytes")
        transfer, live = med(cold, "transfer_ms"), med(cold, "live_ms")
        lines.append(
            f"{row:16}{_cell(gzip / 1e3, '.0f'):>9}{_ratio(gzip, base_gzip):>8}"
            f"{_cell(wire / 1e6, '.2f'):>9}{_ratio(wire, base_wire):>8}"
            f"{_cell(transfer, '.0f'):>10}{_ratio(live, transfer):>9}"
            f"{_cell(med(cold, 'last_byte_ms'), '.0f'):>11}"
        )
    return lines + _ours_lines(profile) + target_lines(name, profile)


def _ours_lines(profile: ProfileResults) -> list[str]:
    visits = profile.visits
    ours, warm = visits.get(f"{OURS}_cold", []), visits.get(f"{OURS}_warm", [])
    base = visits.get(f"{BASELINE}_cold", [])
    lines: list[str] = []
    if ours and base:
        raw = med(ours, "raw_bytes") / med(base, "raw_bytes")
        lines.append(f"rå byte, første besøk, vår / baseline: {raw:.2f}")
    if warm:
        lines.append(
            f"varmt besøk, vår side: {med(warm, 'wire_bytes') / 1e6:.2f} MB over nettet, "
            f"fram {arrived(warm)}"
        )
    stored = visits.get(f"{STORED}_cold", [])
    if ours and stored:
        lines.append(
            f"stdlib lagret / vår: live {med(stored, 'live_ms') / med(ours, 'live_ms'):.2f} ×,"
            f" byte {med(stored, 'wire_bytes') / med(ours, 'wire_bytes'):.2f} ×"
        )
    if ours:
        static = [v.static_at_first_paint for v in ours]
        elements = sorted({v.lcp_element or "?" for v in ours})
        worst = max((v.cls or 0.0 for v in ours), default=0.0)
        lines.append(
            f"første innholdsmaling {med(ours, 'fcp_ms'):.0f} ms; byggetidsresultater "
            f"på plass før Python: {sum(bool(s) for s in static)}/{len(static)}"
        )
        lines.append(
            f"vår side: LCP {med(ours, 'lcp_ms'):.0f} ms ({', '.join(elements)}), "
            f"CLS {med(ours, 'cls'):.4f} (maks {worst:.4f})"
        )
    if profile.index_visits:
        lines.append(_index_line(profile.index_visits))
    for latencies, when in (
        (profile.recompute_ms, "straks Python er klar"),
        (profile.recompute_settled_ms, f"etter {SETTLE_SECONDS:.0f} s"),
    ):
        if latencies:
            p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
            lines.append(f"omregning {when}: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    return lines


def _index_line(index: list[IndexVisit]) -> str:
    live = median([v.live_after_click_ms for v in index if v.live_after_click_ms is not None])
    form = median([v.form_after_click_ms for v in index if v.form_after_click_ms is not None])
    instant = sum(v.navigation == "instant" for v in index)
    refetched = sum(v.runtime_requests_after_click for v in index)
    before = median([float(v.runtime_bytes_before_click) for v in index])
    started = median([float(v.runtime_requests_before_click) for v in index])
    return (
        f"via kalkulatorer/: live {live:.0f} ms etter klikket (skjema {form:.0f} ms), "
        f"instant-navigasjon {instant}/{len(index)}, fram "
        f"{sum(v.live_after_click_ms is not None for v in index)}/{len(index)}; før klikket "
        f"{started:.0f} runtime-filer bedt om, {before / 1e6:.2f} MB av dem ferdige; "
        f"runtime-filer bedt om etter klikket: {refetched}"
    )


def build_lines(builds: dict[str, list[float]]) -> list[str]:
    """Return the build timings against a build without the calculators."""
    without = median(builds["without_calculators"])
    lines = []
    for key, name in KINDS.items():
        value = median(builds[key])
        lines.append(f"{name:32}{value:6.2f} s  {value / without:5.2f} ×  +{value - without:.2f} s")
    return lines


def _cell(value: float, spec: str) -> str:
    """Return ``value`` formatted, or a dash where nothing was measured."""
    return "–" if math.isnan(value) else format(value, spec)


def _ratio(value: float, base: float) -> str:
    """Return ``value / base`` to two decimals, or a dash where there is nothing to divide by."""
    if not base or math.isnan(base) or math.isnan(value):
        return "–"
    return f"{value / base:.2f}"
