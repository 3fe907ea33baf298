"""The maintainers' targets (``docs/utvikling/ytelse.md``), printed beside a profile's figures.

Not asserted: the machine is shared and noisy, so a target met or missed is read, not
enforced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from bench.results import arrived, med, median, percentile

if TYPE_CHECKING:
    from bench.results import ProfileResults

#: Cold live result of ours against the baseline, per profile.
COLD_RATIO_TARGETS: Final = {"slow-4g": 0.75, "4g": 0.70, "loopback": 0.55}
#: Warm live result of ours against the baseline's warm one, on 127.0.0.1.
WARM_RATIO_TARGET: Final = 0.30
#: Bytes of a first visit, as gzip would send them, against the baseline's, on 127.0.0.1.
GZIP_RATIO_TARGET: Final = 0.8
#: Recompute's 95th percentile: within one frame.
RECOMPUTE_P95_TARGET_MS: Final = 16.0
#: Cold live result of ours against the time the link needs for our bytes (on 4G).
TRANSFER_RATIO_TARGET: Final = 1.2
VIA_INDEX_TARGET_MS: Final = 1500.0
#: Largest Contentful Paint of the calculator page on slow 4G.
LCP_TARGET_MS: Final = 1000.0
CLS_TARGET: Final = 0.01


def target_lines(name: str, profile: ProfileResults) -> list[str]:
    """Return the targets that apply to the profile ``name``, each with its figure and a mark."""
    visits = profile.visits
    ours, base = visits.get("ours_cold", []), visits.get("baseline_cold", [])
    lines = ["mål:"]
    if name in COLD_RATIO_TARGETS and ours and base:
        ratio = med(ours, "live_ms") / med(base, "live_ms")
        target = COLD_RATIO_TARGETS[name]
        lines.append(
            f"  kald vår ≤ {target:.2f} × bare Pyodide: {ratio:.2f} {_mark(ratio <= target)}; "
            f"alltid fram: {arrived(ours)} {_mark(all(v.live_ms is not None for v in ours))}"
        )
    if name == "4g" and ours:
        ratio = med(ours, "live_ms") / med(ours, "transfer_ms")
        lines.append(
            f"  kald vår ≤ {TRANSFER_RATIO_TARGET} × overføringstiden: {ratio:.2f} "
            f"{_mark(ratio <= TRANSFER_RATIO_TARGET)}"
        )
    if name == "loopback":
        lines += _loopback_lines(profile)
    if name == "slow-4g" and ours:
        lcp = med(ours, "lcp_ms")
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
    return lines if len(lines) > 1 else []


def _loopback_lines(profile: ProfileResults) -> list[str]:
    visits = profile.visits
    ours, base = visits.get("ours_warm", []), visits.get("baseline_warm", [])
    lines = []
    if ours and base:
        ratio = med(ours, "live_ms") / med(base, "live_ms")
        lines.append(
            f"  varm vår ≤ {WARM_RATIO_TARGET:.2f} × bare Pyodide: {ratio:.2f} "
            f"{_mark(ratio <= WARM_RATIO_TARGET)}"
        )
    ours, base = visits.get("ours_cold", []), visits.get("baseline_cold", [])
    if ours and base:
        ratio = med(ours, "gzip_bytes") / med(base, "gzip_bytes")
        lines.append(
            f"  byte (gzip) ≤ {GZIP_RATIO_TARGET:.1f} × bare Pyodide: {ratio:.2f} "
            f"{_mark(ratio <= GZIP_RATIO_TARGET)}"
        )
        static = all(v.static_at_first_paint for v in ours)
        lines.append(f"  byggetidsresultatene på plass før Python: {_mark(static)}")
    for latencies, when in (
        (profile.recompute_ms, "straks"),
        (profile.recompute_settled_ms, "etter hvile"),
    ):
        if latencies:
            p95 = percentile(latencies, 0.95)
            lines.append(
                f"  omregning {when}, p95 ≤ {RECOMPUTE_P95_TARGET_MS:.0f} ms: {p95:.1f} "
                f"{_mark(p95 <= RECOMPUTE_P95_TARGET_MS)}"
            )
    return lines


def _mark(met: bool) -> str:  # noqa: FBT001 - a verdict, read at every call site
    return "✓" if met else "✗"
