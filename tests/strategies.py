"""Test data shared by the test suites: Hypothesis strategies and typed Norwegian numbers.

How a reader writes a number is defined once, here: :func:`write_number` turns a float and
a :class:`NumberStyle` (the reader's choices) into text, and :func:`random_number_style`
makes those choices with a ``random.Random``. Seeded tests pass their own ``Random``;
Hypothesis strategies pass ``st.randoms()``, whose choices shrink towards the first option
of each tuple below, which is how the site itself writes numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from calculators.numbers import MINUS, NBSP, SUFFIX_BY_UNIT, format_value

if TYPE_CHECKING:
    import random
    from collections.abc import Sequence

    from calculators.spec import Calculator, Column, Field, Unit

NNBSP = "\u202f"
THIN = "\u2009"
EN_DASH = "\u2013"

#: Units whose values are numbers (everything ``format_value`` formats as a number).
NUMERIC_UNITS: tuple[Unit, ...] = (
    "kr",
    "%",
    "pp",
    "count",
    "periods",
    "months",
    "ratio",
    "score",
    "points",
)

# What readers type or paste between groups of three digits, as the decimal mark, as the
# minus sign, before a unit and around the whole text; the site's own choice comes first.
GROUP_SEPARATORS = (NBSP, " ", NNBSP, THIN, "")
DECIMAL_MARKS = (",", ".")
MINUS_SIGNS = (MINUS, "-", EN_DASH)
UNIT_SPACES = (NBSP, " ", NNBSP, "")
PADDINGS = ("", " ", "  ")
#: Decimals a reader might write; ``None`` is "as many as the value has".
ANY_DECIMALS: tuple[int | None, ...] = (None, 0, 1, 2, 3, 4)


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberStyle:
    """How one reader writes a number; the defaults are how the site writes it.

    Attributes:
        decimals: Decimals written (rounding the value); ``None``: as many as the value has.
        group_separator: Between groups of three digits; ``""`` for none.
        decimal_mark: ``","`` or ``"."``.
        minus: The minus sign before a negative number.
        unit_text: Written after the number, with any space before it (``" kr"``, ``"%"``).
        padding: Spaces typed before and after everything.

    """

    decimals: int | None = None
    group_separator: str = NBSP
    decimal_mark: str = ","
    minus: str = MINUS
    unit_text: str = ""
    padding: str = ""


def write_number(value: float, style: NumberStyle) -> str:
    """Write a finite number as a Norwegian reader might type it: ``"−1 234,5 kr"`` and kin.

    The site's own formatting (no minus on a number that rounds to zero) with the reader's
    choices of separators, signs, unit and padding.
    """
    places = style.decimals
    if places is None:
        exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
        places = max(0, -int(exponent))
    digits = format_value(value, "count", places)
    text = (
        digits.replace(NBSP, style.group_separator)
        .replace(",", style.decimal_mark)
        .replace(MINUS, style.minus)
    )
    return f"{style.padding}{text}{style.unit_text}{style.padding}"


def random_number_style(
    rng: random.Random, *, unit: Unit | None = None, decimals: Sequence[int | None] = ANY_DECIMALS
) -> NumberStyle:
    """Make a reader's choices for writing a number in ``unit`` (its suffix, or none)."""
    chosen_decimals = rng.choice(decimals)
    group_separator = rng.choice(GROUP_SEPARATORS)
    decimal_mark = rng.choice(DECIMAL_MARKS)
    minus = rng.choice(MINUS_SIGNS)
    suffix = SUFFIX_BY_UNIT.get(unit, "") if unit is not None else ""
    unit_space = rng.choice(UNIT_SPACES)
    unit_text = rng.choice((suffix.replace(NBSP, unit_space), ""))
    return NumberStyle(
        decimals=chosen_decimals,
        group_separator=group_separator,
        decimal_mark=decimal_mark,
        minus=minus,
        unit_text=unit_text,
        padding=rng.choice(PADDINGS),
    )


finite_floats = st.floats(allow_nan=False, allow_infinity=False)

#: Text that is not a number, including look-alikes a lenient parser might accept.
JUNK_TEXT = (
    "",
    " ",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "1e5",
    "1,2,3",
    "1.234,5",
    "--1",
    "12 5",
    "1 2345",
    "kr",
    "%",
    "abc",
    "0x10",
    "1_000",
    "½",
    "٣",
    "1" * 400,
)


@st.composite
def norwegian_number_text(draw: st.DrawFn, values: st.SearchStrategy[float] = finite_floats) -> str:
    """A number written the way a Norwegian reader might type or paste it."""
    value = draw(values)
    unit = draw(st.sampled_from(NUMERIC_UNITS))
    rng = draw(st.randoms(use_true_random=False))
    return write_number(value, random_number_style(rng, unit=unit))


def bounded_numbers(field: Field) -> st.SearchStrategy[float]:
    """Numbers within the field's bounds (whole numbers for integer fields)."""
    low = -1e6 if field.minimum is None else field.minimum
    high = 1e6 if field.maximum is None else field.maximum
    if field.integer:
        return st.integers(int(low), int(high)).map(float)
    return st.floats(low, high)


def _in_bounds(field: Field) -> st.SearchStrategy[object]:
    """Values a reader could legitimately enter for ``field``, as numbers or text."""
    numbers = bounded_numbers(field)
    return numbers | norwegian_number_text(numbers)


#: Anything at all a form, a share link or a buggy caller might send.
any_value: st.SearchStrategy[object] = st.one_of(
    st.floats(),
    st.integers(),
    st.booleans(),
    st.none(),
    st.sampled_from(JUNK_TEXT),
    st.text(max_size=12),
    norwegian_number_text(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


#: How Norwegian spreadsheets and readers write a date (see calculators.dates).
DATE_FORMATS = (
    "{d:02d}.{m:02d}.{y:04d}",
    "{y:04d}-{m:02d}-{d:02d}",
    "{d}.{m}.{yy:02d}",
    "{d:02d}/{m:02d}/{y:04d}",
)
_FIRST_DAY = dt.date(2019, 1, 1)


def write_date(day: dt.date, rng: random.Random) -> str:
    """Write a date in one of the forms a Norwegian spreadsheet or reader uses."""
    form = rng.choice(DATE_FORMATS)
    return form.format(d=day.day, m=day.month, y=day.year, yy=day.year % 100)


def _cell(column: Column, rng: random.Random, row: dict[str, dt.date]) -> str:
    """A valid cell for ``column`` (sometimes blank where that is allowed)."""
    if column.optional and rng.random() < 0.15:
        return ""
    low, high = column.minimum or 0, column.maximum or 10
    if column.kind == "integer":
        return str(rng.randint(int(low), int(high)))
    if column.kind == "number":
        value = round(rng.uniform(low, high), rng.choice([0, 0, 1]))
        return write_number(value, random_number_style(rng, decimals=(None,)))
    if column.kind == "date":
        day = _FIRST_DAY + dt.timedelta(days=rng.randint(0, 2400))
        if column.role == "end" and "start" in row:
            if rng.random() < 0.5:
                return ""
            day = row["start"] + dt.timedelta(days=rng.randint(0, 900))
        row[column.role] = day
        return write_date(day, rng)
    return f"K-{rng.randint(1, 99_999)}"


@st.composite
def table_texts(draw: st.DrawFn, field: Field, max_rows: int = 40) -> str:
    """A table a reader might paste into a data field: header, valid rows, any delimiter."""
    rng = draw(st.randoms(use_true_random=False))
    columns = [c for c in field.columns if not c.optional or rng.random() < 0.7]
    if rng.random() < 0.3:
        rng.shuffle(columns)
    delimiter = rng.choice([";", "\t", ","])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=rng.choice(["\n", "\r\n"]))
    if rng.random() < 0.85:
        writer.writerow([column.label for column in columns])
    for _ in range(draw(st.integers(1, max_rows))):
        row: dict[str, dt.date] = {}
        ordered = sorted(columns, key=lambda c: c.role != "start")
        cells = {c.role: _cell(c, rng, row) for c in ordered}
        writer.writerow([cells[c.role] for c in columns])
    return out.getvalue()


def date_texts() -> st.SearchStrategy[str]:
    """A date written as readers write it."""
    return st.builds(
        write_date,
        st.dates(dt.date(1990, 1, 1), dt.date(2060, 12, 31)),
        st.randoms(use_true_random=False),
    )


def field_value(field: Field) -> st.SearchStrategy[object]:
    """A raw value for one field: often valid, often not."""
    if field.unit == "data":
        return table_texts(field) | st.just(field.default) | any_value | st.binary(max_size=64)
    if field.unit == "date":
        return date_texts() | any_value
    if field.choices:
        valid = st.sampled_from([v for choice in field.choices for v in choice])
        return valid | any_value
    return _in_bounds(field) | any_value


def inputs_for(calculator: Calculator) -> st.SearchStrategy[dict[str, object]]:
    """A raw inputs mapping; fields may be missing (they then take their default)."""
    return st.fixed_dictionaries(
        {}, optional={field.name: field_value(field) for field in calculator.fields}
    )


def _valid_value(field: Field) -> st.SearchStrategy[object]:
    if field.choices:
        return st.sampled_from([c for c, _ in field.choices])
    if field.unit == "data":
        return table_texts(field) | st.just(field.default)
    if field.unit == "date":
        return date_texts() | st.none()
    if field.optional:
        return bounded_numbers(field) | st.none()
    return bounded_numbers(field)


def valid_inputs_for(calculator: Calculator) -> st.SearchStrategy[dict[str, object]]:
    """Inputs where every field is within its own bounds (cross-field rules may still fail).

    A data field gets its sample or a table of valid rows, a date field a date or nothing.
    """
    return st.fixed_dictionaries({field.name: _valid_value(field) for field in calculator.fields})
