"""What a run measured, as stored in ``bench/results/bench-<start>.json``."""

from __future__ import annotations

import json
import math
import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from bench.host import NetworkProfile
    from bench.visits import IndexVisit, Visit

RESULTS_DIR: Final = Path(__file__).with_name("results")


@dataclass
class ProfileResults:
    """Everything measured on one network profile.

    Attributes:
        latency_s: The profile's round trip.
        bandwidth_bytes_per_s: The profile's link (None: unthrottled).
        rounds: How many times every variant was visited.
        visits: ``<variant>_cold`` and ``<variant>_warm`` → the visits, round by round.
        index_visits: The visits through ``kalkulatorer/``.
        recompute_ms: Input → updated output, 100 changes right after the live result.
        recompute_settled_ms: The same once the page has settled.
        files: Variant → what its first cold visit was sent: path, bytes on the wire,
            uncompressed and as gzip would send them.

    """

    latency_s: float
    bandwidth_bytes_per_s: float | None
    rounds: int
    visits: dict[str, list[Visit]] = field(default_factory=dict)
    index_visits: list[IndexVisit] = field(default_factory=list)
    recompute_ms: list[float] = field(default_factory=list)
    recompute_settled_ms: list[float] = field(default_factory=list)
    files: dict[str, list[tuple[str, int, int, int]]] = field(default_factory=dict)

    @classmethod
    def on(cls, profile: NetworkProfile, rounds: int) -> ProfileResults:
        """Start the results of ``rounds`` rounds on ``profile``."""
        bandwidth = profile.bandwidth_bytes_per_s
        return cls(profile.latency_s, bandwidth if math.isfinite(bandwidth) else None, rounds)


@dataclass
class Results:
    """Everything one run measured."""

    label: str
    started: str
    page: str
    variants: dict[str, str] = field(default_factory=dict)
    stdlib_bytes: dict[str, int] = field(default_factory=dict)
    profiles: dict[str, ProfileResults] = field(default_factory=dict)
    builds: dict[str, list[float]] = field(default_factory=dict)
    minutes: float = 0.0


def median(values: list[float]) -> float:
    """Return the median, or NaN for no values (a report line then says ``nan``)."""
    return statistics.median(values) if values else float("nan")


def med(visits: list[Visit], attribute: str) -> float:
    """Return the median of ``attribute`` over the visits whose live result came."""
    values = [getattr(v, attribute) for v in visits if v.live_ms is not None]
    return median([float(value) for value in values if value is not None])


def arrived(visits: list[Visit]) -> str:
    """Return how many of the visits got their live result, as ``3/3``."""
    return f"{sum(v.live_ms is not None for v in visits)}/{len(visits)}"


def percentile(values: list[float], share: float) -> float:
    """Return the value at ``share`` (0–1) of the sorted values, nearest rank."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def write_results(results: Results) -> Path:
    """Write the results as ``bench/results/bench-<started>.json``; return the path."""
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = results.started.replace(":", "").replace("+0000", "Z")
    out = RESULTS_DIR / f"bench-{stamp}.json"
    out.write_text(json.dumps(asdict(results), indent=2) + "\n", encoding="utf-8")
    return out
