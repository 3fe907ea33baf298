"""The printed summary of ``python -m bench.networks``: medians, ratios and the targets beside them.

The targets are the maintainers' (``docs/utvikling/ytelse.md``); they are printed, not asserted.
A visit whose live result never came counts against "always arrives" and is left out of the
medians.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from bench.common import median

if TYPE_CHECKING:
    from bench.networks import IndexVisit, ProfileResults, Results, Visit

#: Cold live result of ours against the baseline, per profile.
COLD_RATIO_TARGETS: Final = {"slow-4g": 0.75, "4g": 0.70}
#: Cold live result of ours against the time the link needs for our bytes (on 4G).
TRANSFER_RATIO_TARGET: Final = 1.2
VIA_INDEX_TARGET_MS: Final = 1500.0
#: Largest Contentful Paint of the calculator page on slow 4G.
LCP_TARGET_MS: Final = 1000.0
CLS_TARGET: Final = 0.01
_VARIANT_LABELS: Final = {
    "baseline": "bare Pyodide",
    "ours": "vår",
    "stored_stdlib": "stdlib lagret",
}


def summary(results: Results) -> str:
    """Return the report of one run, every profile after the other."""
    lines = [
        f"\nEkte nettverk ({results.started}, {results.rounds} runder, "
        f"{results.minutes:.1f} min) {results.label}".rstrip(),
    ]
    if results.stdlib_bytes:
        deflated, stored = results.stdlib_bytes["deflated"], results.stdlib_bytes["stored"]
        lines.append(
            f"python_stdlib.zip: {deflated / 1e3:.0f} kB komprimert, {stored / 1e3:.0f} kB lagret"
        )
    for name, profile in results.profiles.items():
        lines += ["", *_profile_lines(name, profile)]
    return "\n".join(lines) + "\n"


def _profile_lines(name: str, profile: ProfileResults) -> list[str]:
    mbit = profile.bandwidth_bytes_per_s * 8 / 1e6
    header = (
        f"{'':16}{'live ms':>9}{'× base':>8}{'MB nett':>9}{'× base':>8}"
        f"{'overf. ms':>10}{'live/ov.':>9}{'siste byte':>11}{'fram':>6}"
    )
    lines = [f"{name}: {profile.latency_s * 1000:.0f} ms, {mbit:.1f} Mbit/s", header]
    visits = profile.visits
    base_live = _med(visits.get("baseline_cold", []), "live_ms")
    base_bytes = _med(visits.get("baseline_cold", []), "wire_bytes")
    for variant, label in _VARIANT_LABELS.items():
        cold = visits.get(f"{variant}_cold", [])
        if not cold:
            continue
        live, wire = _med(cold, "live_ms"), _med(cold, "wire_bytes")
        transfer = _med(cold, "transfer_ms")
        lines.append(
            f"{label:16}{live:9.0f}{live / base_live:8.2f}{wire / 1e6:9.2f}"
            f"{wire / base_bytes:8.2f}{transfer:10.0f}{live / transfer:9.2f}"
            f"{_med(cold, 'last_byte_ms'):11.0f}{_arrived(cold):>6}"
        )
    warm = visits.get("ours_warm", [])
    if warm:
        lines.append(
            f"{'vår, varm':16}{_med(warm, 'live_ms'):9.0f}{'':8}"
            f"{_med(warm, 'wire_bytes') / 1e6:9.2f}{'':37}{_arrived(warm):>6}"
        )
    ours = visits.get("ours_cold", [])
    stored = visits.get("stored_stdlib_cold", [])
    if ours and stored:
        lines.append(
            f"stdlib lagret / vår: live {_med(stored, 'live_ms') / _med(ours, 'live_ms'):.2f} ×,"
            f" byte {_med(stored, 'wire_bytes') / _med(ours, 'wire_bytes'):.2f} ×"
        )
    elements = sorted({v.lcp_element or "?" for v in ours})
    lines.append(
        f"vår side: LCP {_med(ours, 'lcp_ms'):.0f} ms ({', '.join(elements)}), "
        f"CLS {_med(ours, 'cls'):.4f} (maks {max((v.cls or 0.0 for v in ours), default=0):.4f})"
    )
    if profile.index_visits:
        lines.append(_index_line(profile.index_visits))
    lines += _target_lines(name, profile)
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


def _target_lines(name: str, profile: ProfileResults) -> list[str]:
    visits = profile.visits
    ours, base = visits.get("ours_cold", []), visits.get("baseline_cold", [])
    lines = ["mål:"]
    if name in COLD_RATIO_TARGETS and ours and base:
        ratio = _med(ours, "live_ms") / _med(base, "live_ms")
        target = COLD_RATIO_TARGETS[name]
        lines.append(
            f"  kald vår ≤ {target:.2f} × bare Pyodide: {ratio:.2f} {_mark(ratio <= target)}; "
            f"alltid fram: {_arrived(ours)} {_mark(all(v.live_ms is not None for v in ours))}"
        )
    if name == "4g" and ours:
        ratio = _med(ours, "live_ms") / _med(ours, "transfer_ms")
        lines.append(
            f"  kald vår ≤ {TRANSFER_RATIO_TARGET} × overføringstiden: {ratio:.2f} "
            f"{_mark(ratio <= TRANSFER_RATIO_TARGET)}"
        )
    if name == "slow-4g" and ours:
        lcp = _med(ours, "lcp_ms")
        lines.append(f"  LCP ≤ {LCP_TARGET_MS:.0f} ms: {lcp:.0f} {_mark(lcp <= LCP_TARGET_MS)}")
    if ours:
        worst = max((v.cls or 0.0 for v in ours), default=0.0)
        lines.append(f"  CLS ≤ {CLS_TARGET}: {worst:.4f} (verste) {_mark(worst <= CLS_TARGET)}")
    index = [v.live_after_click_ms for v in profile.index_visits]
    if index:
        done = [value for value in index if value is not None]
        live = median(done)
        lines.append(
            f"  via kalkulatorer/ ≤ {VIA_INDEX_TARGET_MS:.0f} ms etter klikket: {live:.0f} "
            f"{_mark(len(done) == len(index) and live <= VIA_INDEX_TARGET_MS)}"
        )
    return lines


def _med(visits: list[Visit], attribute: str) -> float:
    values = [getattr(v, attribute) for v in visits if v.live_ms is not None]
    return median([float(value) for value in values if value is not None])


def _arrived(visits: list[Visit]) -> str:
    return f"{sum(v.live_ms is not None for v in visits)}/{len(visits)}"


def _mark(met: bool) -> str:  # noqa: FBT001 - a verdict, read at every call site
    return "✓" if met else "✗"
