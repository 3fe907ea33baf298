"""Hypothesis strategies shared by the test suites, collected in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import strategies as st

from calculators.numbers import MINUS, NBSP, format_value

if TYPE_CHECKING:
    from calculators.spec import Calculator, Field, Unit

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
    text = format_value(value, unit, draw(st.none() | st.integers(0, 4)))
    space = draw(st.sampled_from([NBSP, " ", "\u202f"]))
    minus = draw(st.sampled_from([MINUS, "-"]))
    padding = draw(st.sampled_from(["", " ", "  "]))
    return padding + text.replace(NBSP, space).replace(MINUS, minus) + padding


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


def field_value(field: Field) -> st.SearchStrategy[object]:
    """A raw value for one field: often valid, often not."""
    if field.choices:
        valid = st.sampled_from([v for choice in field.choices for v in choice])
        return valid | any_value
    return _in_bounds(field) | any_value


def inputs_for(calculator: Calculator) -> st.SearchStrategy[dict[str, object]]:
    """A raw inputs mapping; fields may be missing (they then take their default)."""
    return st.fixed_dictionaries(
        {}, optional={field.name: field_value(field) for field in calculator.fields}
    )


def valid_inputs_for(calculator: Calculator) -> st.SearchStrategy[dict[str, object]]:
    """Inputs where every field is within its own bounds (cross-field rules may still fail)."""
    return st.fixed_dictionaries(
        {
            field.name: st.sampled_from([c for c, _ in field.choices])
            if field.choices
            else bounded_numbers(field) | st.none()
            if field.optional
            else bounded_numbers(field)
            for field in calculator.fields
        }
    )
