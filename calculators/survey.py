"""Statistics shared by the analyses of survey answers: NPS groups, change over time, Wilson.

See SOURCES.md, "Survey statistics …". NPS itself and its margin come from
:mod:`calculators.nps` (the counts calculator), so both give the same numbers.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from calculators import nps
from calculators.dates import PER_YEAR, Period, period_index, period_name

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

Z_95 = 1.96
#: The answers of each NPS group on the 0–10 scale.
PROMOTERS, PASSIVES, DETRACTORS = range(9, 11), range(7, 9), range(7)
#: A period choice field's values: a period, or ``auto`` (see :func:`choose_period`).
PERIOD_CHOICES = (
    ("auto", "velg ut fra tidsrommet"),
    ("month", "måned"),
    ("quarter", "kvartal"),
    ("year", "år"),
)
#: :func:`choose_period` picks the shortest period with at least this many answers per period.
ANSWERS_PER_PERIOD = 30


@dataclass(frozen=True, slots=True)
class Groups:
    """How many answers fell in each NPS group."""

    promoters: int
    passives: int
    detractors: int

    @property
    def respondents(self) -> int:
        """All answers, passives included."""
        return self.promoters + self.passives + self.detractors

    def results(self) -> Mapping[str, float | str]:
        """NPS, the shares and the 95 % margin, as the counts calculator computes them."""
        return nps.nps(
            {
                "promoters": float(self.promoters),
                "passives": float(self.passives),
                "detractors": float(self.detractors),
            }
        )

    def variance(self) -> float:
        """Return the variance of NPS on the −1…1 scale: (p + d − (p − d)²) / n."""
        n = self.respondents
        p, d = self.promoters / n, self.detractors / n
        return max(0.0, p + d - (p - d) ** 2) / n


def groups(counts: Mapping[int, int]) -> Groups:
    """Sort answer counts (answer 0–10 → count) into the three NPS groups."""
    return Groups(
        promoters=sum(counts.get(a, 0) for a in PROMOTERS),
        passives=sum(counts.get(a, 0) for a in PASSIVES),
        detractors=sum(counts.get(a, 0) for a in DETRACTORS),
    )


@dataclass(frozen=True, slots=True)
class Change:
    """From the first period to the last: the NPS points gained and the z value."""

    first: int
    last: int
    points: float
    z: float | None

    @property
    def beyond_noise(self) -> bool:
        """Whether |z| > 1,96: larger than the noise at 95 %."""
        return self.z is not None and abs(self.z) > Z_95


def change(periods: Mapping[int, Groups]) -> Change | None:
    """Return the change from the first period to the last; ``None`` for fewer than two.

    z = (NPS₂ − NPS₁) / √(Var₁ + Var₂), NPS on the −1…1 scale; ``None`` when both
    variances are 0 (everyone in one group both times).
    """
    if len(periods) < 2:  # noqa: PLR2004
        return None
    first, last = min(periods), max(periods)
    before, after = periods[first], periods[last]
    difference = float(after.results()["nps"]) - float(before.results()["nps"])
    spread = math.sqrt(before.variance() + after.variance())
    z = difference / 100 / spread if spread > 0 else None
    return Change(first=first, last=last, points=difference, z=z)


def choose_period(choice: str, dates: Iterable[int], answers: int) -> Period:
    """Choose the period answers are grouped by: the reader's, or one that suits the data.

    ``auto`` takes the shortest of month, quarter and year that gives at least two periods
    with :data:`ANSWERS_PER_PERIOD` answers each on average; if none does, the longest that
    still gives two periods; month when all answers fall in one month.
    """
    if choice in PER_YEAR:
        return choice
    known = [d for d in dates if d is not None]
    if not known:
        return "month"
    first, last = min(known), max(known)
    options: list[Period] = ["month", "quarter", "year"]
    spans = {p: period_index(last, p) - period_index(first, p) + 1 for p in options}
    for period in options:
        if spans[period] >= 2 and answers / spans[period] >= ANSWERS_PER_PERIOD:  # noqa: PLR2004
            return period
    several = [p for p in options if spans[p] >= 2]  # noqa: PLR2004
    return several[-1] if several else "month"


def by_period(
    dates: list[object], answers: list[object], period: Period
) -> dict[int, Counter[object]]:
    """Period index → answer counts, for the answers with a date."""
    index_of: dict[object, int] = {
        d: period_index(d, period) for d in set(dates) if isinstance(d, int)
    }
    pairs = Counter(zip(map(index_of.get, dates), answers, strict=True))
    periods: dict[int, Counter[object]] = {}
    for (index, answer), times in pairs.items():
        if index is not None and answer is not None:
            periods.setdefault(index, Counter())[answer] += times
    return dict(sorted(periods.items()))


def wilson(successes: float, n: float) -> tuple[float, float]:
    """Wilson's 95 % interval for a share, as shares (0–1).

    Centre (p + z²/2n) / (1 + z²/n), half-width z / (1 + z²/n) · √(p(1 − p)/n + z²/4n²).
    """
    p = successes / n
    z2 = Z_95**2
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = Z_95 / denominator * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def trend_text(change_found: Change | None, period: Period, *, dated: bool) -> str:
    """Say in Norwegian whether NPS changed by more than the noise from first to last period."""
    if not dated:
        return "Ingen datokolonne, så svarene kan ikke deles i perioder."
    if change_found is None:
        return f"Alle svarene er fra samme {_singular(period)}, så det er ingen endring å måle."
    first, last = period_name(change_found.first, period), period_name(change_found.last, period)
    points = round(change_found.points)
    moved = (
        "var NPS uendret"
        if points == 0
        else f"{'steg' if points > 0 else 'falt'} NPS {abs(points)} poeng"
    )
    if change_found.z is None:
        return f"Fra {first} til {last} {moved}; alle svarte likt begge gangene."
    verdict: Literal["større", "ikke større"] = (
        "større" if change_found.beyond_noise else "ikke større"
    )
    return (
        f"Fra {first} til {last} {moved}. Endringen er {verdict} enn støyen "
        f"(z = {_z(change_found.z)}; grensen er 1,96)."
    )


def _singular(period: Period) -> str:
    return {"month": "måned", "quarter": "kvartal", "year": "år"}[period]


def _z(value: float) -> str:
    text = f"{abs(value):.2f}".replace(".", ",")
    return f"\u2212{text}" if value < 0 and text != "0,00" else text
