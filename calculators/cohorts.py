"""Retention from a customer list: the counts behind ``cohort_retention``.

A customer (start date; end date empty while the customer stays) is a customer on day t
if start ≤ t and (no end or t < end). For each whole period p whose next period has begun
by the as-of date, Sₚ = customers on p's first day and Rₚ = those of them still customers
on the next period's first day; retention = ΣRₚ / ΣSₚ (SOURCES.md).

Both sums come from one pass over the customers: a customer is counted on the first days
of the periods from the first one on or after the start (``a``) up to, not including, the
first one on or after the end (``b``), so Sₚ counts p in [a, b) and Rₚ p in [a, b − 1).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from calculators.dates import (
    Period,
    first_day,
    first_period_from,
    norwegian,
    parse_date,
    period_index,
)
from calculators.errors import ValidationError
from calculators.numbers import format_plain, format_value
from calculators.validation import table

if TYPE_CHECKING:
    from calculators.spec import Inputs
    from calculators.table_data import DataTable

#: Beyond any period index: a customer without an end.
FOREVER = 10**9
#: The cohort table shows at most this many periods after the start, and this many cohorts.
TABLE_STEPS, TABLE_COHORTS = 8, 24
#: The retention curve runs at most this many periods.
CURVE_STEPS = 40
CLV_PATH = "kalkulatorer/livstidsverdi/"


@dataclass(slots=True)
class Cohorts:
    """What the customer list says, for one period length and as-of date."""

    period: Period
    as_of: int
    last: int
    customers: int = 0
    later: int = 0
    starting: dict[int, int] = field(default_factory=dict)
    staying: dict[int, int] = field(default_factory=dict)
    sizes: Counter[int] = field(default_factory=Counter)
    lives: dict[int, Counter[int]] = field(default_factory=dict)

    @property
    def started(self) -> int:
        """ΣSₚ: customers on the first day of the periods counted, summed."""
        return sum(self.starting.values())

    @property
    def stayed(self) -> int:
        """ΣRₚ: of those, still customers on the next period's first day, summed."""
        return sum(self.staying.values())

    def still_there(self, cohort: int, steps: int) -> int:
        """How many of ``cohort`` were customers on the first day ``steps`` periods later."""
        return sum(n for life, n in self.lives.get(cohort, Counter()).items() if life > steps)

    def curve(self) -> list[float]:
        """Share of customers still there after 0, 1, 2, … periods, all old enough cohorts."""
        shares = [100.0]
        for steps in range(1, CURVE_STEPS + 1):
            cohorts = [c for c in self.sizes if c + steps <= self.last]
            total = sum(self.sizes[c] for c in cohorts)
            if not total:
                break
            shares.append(sum(self.still_there(c, steps) for c in cohorts) / total * 100)
        return shares


def _ends_before_starts(starts: list[object], ends: list[object]) -> list[int]:
    """Return the rows whose end date is before their start date."""
    return [
        row
        for row, (start, end) in enumerate(zip(starts, ends, strict=True))
        if isinstance(end, int) and isinstance(start, int) and end < start
    ]


def _date(value: object) -> str:
    return norwegian(value) if isinstance(value, int) else ""


def _sum_up(changes: dict[int, int], first: int, last: int) -> dict[int, int]:
    running, totals = 0, {}
    for index in range(first, last):
        running += changes.get(index, 0)
        totals[index] = running
    return totals


def analyse(inputs: Inputs) -> Cohorts:
    """Count the customers per period and per cohort (once per table and settings).

    Rows whose end is before their start are counted as unreadable.
    """
    customers = table(inputs, "customers")
    key = f"cohorts:{inputs['period']}:{inputs['as_of']}"
    found = customers.memo.get(key)
    if isinstance(found, Cohorts):
        return found
    period: Period = inputs["period"]  # type: ignore[assignment]
    starts = customers.values.get("start") or []
    if not any(isinstance(start, int) for start in starts):
        column = customers.column_text("start")
        where = f"kolonnen {column}" if column else "tabellen"
        msg = (
            f"Fant ingen startdatoer i {where}. Lim inn en kolonne med datoer som 31.12.2025, "
            "eller velg en annen kolonne."
        )
        raise ValidationError({"customers": msg})
    ends = customers.values.get("end") or [None] * len(starts)
    known = {d for d in (*set(starts), *set(ends)) if isinstance(d, int)}
    as_of = parse_date(typed) if isinstance(typed := inputs["as_of"], str) else max(known)
    result = Cohorts(period=period, as_of=as_of, last=period_index(as_of, period))
    after: dict[object, int] = {d: first_period_from(d, period) for d in known}
    after[None] = FOREVER
    index = {d: period_index(d, period) for d in known}
    for row in _ends_before_starts(starts, ends):
        end, start = ends[row], starts[row]
        customers.reject(row, f"sluttdatoen {_date(end)} er før startdatoen {_date(start)}")
    changes_s: dict[int, int] = {}
    changes_r: dict[int, int] = {}
    last = result.last
    # Customers with the same start and end count alike: go through each pair once.
    for (start, end), times in Counter(zip(starts, ends, strict=True)).items():
        if not isinstance(start, int) or (isinstance(end, int) and end < start):
            continue
        if start > as_of:
            result.later += times
            continue
        result.customers += times
        a, b, cohort = after[start], after[end], index[start]
        stop = min(b, last)
        if a < stop:
            changes_s[a] = changes_s.get(a, 0) + times
            changes_s[stop] = changes_s.get(stop, 0) - times
        stop = min(b - 1, last)
        if a < stop:
            changes_r[a] = changes_r.get(a, 0) + times
            changes_r[stop] = changes_r.get(stop, 0) - times
        result.sizes[cohort] += times
        lives = result.lives.get(cohort)
        if lives is None:
            lives = result.lives[cohort] = Counter()
        lives[b - cohort] += times
    first = min(changes_s, default=last)
    result.starting = _sum_up(changes_s, first, last)
    result.staying = _sum_up(changes_r, first, last)
    customers.memo[key] = result
    return result


def _notes(customers: DataTable, cohorts: Cohorts) -> None:
    customers.used = cohorts.customers
    if customers.chosen.get("end", -1) < 0:
        customers.notes.append(
            "Fant ingen kolonne med sluttdato, så alle regnes som kunder fremdeles."
        )
    if cohorts.later:
        customers.notes.append(
            f"{format_value(cohorts.later, 'count')} kunder startet etter "
            f"{norwegian(cohorts.as_of)} og er ikke med."
        )


def cohort_retention(inputs: Inputs) -> dict[str, float | str]:
    """Compute pooled retention, churn and expected lifetime from the customer list.

    Returns:
        ``retention_rate`` = 100 · ΣRₚ / ΣSₚ and ``churn_rate`` (%), ``expected_lifetime``
        (periods, ``math.inf`` without churn), ``customers``, ``invalid_rows``, the sums
        ``customers_counted`` (ΣSₚ) and ``customers_kept`` (ΣRₚ), ``periods_counted`` and
        ``as_of_used`` (the as-of date, ``31.12.2025``).

    Raises:
        ValidationError: (on ``customers``) when no customer was a customer on the first
            day of a whole period before the as-of date.

    """
    customers = table(inputs, "customers")
    cohorts = analyse(inputs)
    _notes(customers, cohorts)
    if cohorts.started == 0:
        msg = (
            "Ingen var kunde på den første dagen i en hel periode før "
            f"{norwegian(cohorts.as_of)}. Velg kortere perioder eller en senere dato, eller "
            "sjekk at startdatoene står i riktig kolonne."
        )
        raise ValidationError({"customers": msg})
    retention = cohorts.stayed / cohorts.started
    churn = 1 - retention
    rate = retention * 100
    customers.links.append(
        {
            "text": (
                f"Regn ut kundens livstidsverdi med {format_value(rate, '%')} kundebevaring "
                f"per {_singular(cohorts.period)}"
            ),
            "href": f"{CLV_PATH}#customer_lifetime_value.retention_rate="
            f"{format_plain(round(rate, 2))}",
        }
    )
    return {
        "retention_rate": rate,
        "churn_rate": churn * 100,
        "expected_lifetime": float("inf") if churn <= 0 else 1 / churn,
        "customers": float(cohorts.customers),
        "invalid_rows": float(customers.invalid_count),
        "customers_counted": float(cohorts.started),
        "customers_kept": float(cohorts.stayed),
        "periods_counted": float(len(cohorts.starting)),
        "as_of_used": norwegian(cohorts.as_of),
    }


def _singular(period: Period) -> str:
    return {"month": "måned", "quarter": "kvartal", "year": "år"}[period]


def first_days(cohorts: Cohorts, index: int) -> tuple[str, str]:
    """Return the first day of period ``index`` and of the next, written ``01.04.2025``."""
    return (
        norwegian(first_day(index, cohorts.period)),
        norwegian(first_day(index + 1, cohorts.period)),
    )
