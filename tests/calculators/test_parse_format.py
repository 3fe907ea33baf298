"""The one Norwegian parser and the one formatter: tables and the round trip."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import Field, format_input_value, format_value, parse_number
from calculators.numbers import (
    AmbiguousNumberError,
    decimals_for,
    format_compact,
    format_given,
    format_share,
    superscript,
)
from tests.strategies import JUNK_TEXT, NUMERIC_UNITS, finite_floats

if TYPE_CHECKING:
    from calculators.spec import Unit

NB = "\u00a0"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1000", 1000),
        ("1 000", 1000),
        (f"1{NB}234,5", 1234.5),
        ("1\u202f234\u202f567,89", 1234567.89),
        ("1.5", 1.5),
        ("1,5", 1.5),
        (",5", 0.5),
        ("80 %", 80),
        ("80%", 80),
        (f"12,5{NB}%", 12.5),
        ("2 500 kr", 2500),
        ("2500kr", 2500),
        (f"1{NB}234,50{NB}kr", 1234.5),
        ("2 500 KR", 2500),
        ("5 prosentpoeng", 5),
        ("5 pp", 5),
        ("10,4 måneder", 10.4),
        ("3 perioder", 3),
        (f"3,2{NB}:{NB}1", 3.2),
        ("3,2:1", 3.2),
        ("-5", -5),
        ("\u22125", -5),
        ("\u2013 5".replace(" ", ""), -5),
        ("+5", 5),
        ("  42  ", 42),
        (f"{NB}42{NB}", 42),
        ("0", 0),
        ("007", 7),
        ("1,234", 1.234),
    ],
)
def test_parse_number_accepts_norwegian_forms(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", [*JUNK_TEXT, "1 000 kr kr", "1.000.000", "- 5", "5-", "1,5%%"])
def test_parse_number_rejects_junk(text: str) -> None:
    with pytest.raises(ValueError, match="number"):
        parse_number(text)


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "expected"),
    [
        (1234.5, "kr", None, f"1{NB}234,50{NB}kr"),
        (2666.666666, "kr", None, f"2{NB}666,67{NB}kr"),
        (-1333.333, "kr", None, f"\u22121{NB}333,33{NB}kr"),
        (-0.001, "kr", None, f"0,00{NB}kr"),
        (1_000_000, "kr", 0, f"1{NB}000{NB}000{NB}kr"),
        (12.5, "%", None, f"12,5{NB}%"),
        (0, "%", None, f"0,0{NB}%"),
        (5, "pp", None, f"5,0{NB}prosentpoeng"),
        (1234, "count", None, f"1{NB}234"),
        (74.5, "count", None, "74"),
        (5, "periods", None, f"5,0{NB}perioder"),
        (10.4166, "months", None, f"10,4{NB}måneder"),
        (4.8, "ratio", None, f"4,8{NB}:{NB}1"),
        (2.666, "ratio", 2, f"2,67{NB}:{NB}1"),
        (3.7, "score", 2, "3,70"),
        (-20, "points", None, "\u221220"),
        (30, "points", None, "30"),
        (math.inf, "periods", None, "ubegrenset"),
        (-math.inf, "kr", None, "\u2212ubegrenset"),
        (math.nan, "kr", None, "–"),
        ("Tillit", "dimension", None, "Tillit"),
    ],
)
def test_format_value_table(
    value: float | str, unit: Unit, decimals: int | None, expected: str
) -> None:
    assert format_value(value, unit, decimals) == expected


def test_format_value_infinite_text() -> None:
    assert format_value(math.inf, "months", infinite_text="aldri") == "aldri"


@settings(max_examples=300, deadline=None)
@given(
    value=finite_floats, unit=st.sampled_from(NUMERIC_UNITS), decimals=st.none() | st.integers(0, 6)
)
def test_parse_inverts_format(value: float, unit: Unit, decimals: int | None) -> None:
    text = format_value(value, unit, decimals)
    assert parse_number(text) == round(value, decimals_for(unit, decimals))
    assert "nan" not in text
    assert "inf" not in text


PLAIN = Field(name="x", label="x", unit="kr", default=None)
WHOLE = Field(name="n", label="n", unit="count", default=None, integer=True)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (PLAIN, 1000, "1000"),
        (PLAIN, 1000.0, "1000"),
        (PLAIN, 12.5, "12,5"),
        (PLAIN, -250.75, "-250,75"),
        (PLAIN, 1e-7, "0,0000001"),
        (PLAIN, 1e16, "10000000000000000"),
        (PLAIN, None, ""),
        (PLAIN, math.inf, ""),
        (PLAIN, "end", "end"),
        (WHOLE, 150.0, "150"),
    ],
)
def test_format_input_value_table(field: Field, value: float | str | None, expected: str) -> None:
    assert format_input_value(field, value) == expected


@settings(max_examples=300, deadline=None)
@given(value=finite_floats)
def test_input_value_reads_back_exactly(value: float) -> None:
    text = format_input_value(PLAIN, value)
    assert " " not in text
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1.000", "12.500", "250.000 kr", "−1.500", "1.000 %"])
def test_dot_between_thousands_is_ambiguous(text: str) -> None:
    with pytest.raises(AmbiguousNumberError):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "expected"), [("0.125", 0.125), ("1.5", 1.5), ("12.50", 12.5), ("1.0001", 1.0001)]
)
def test_a_dot_that_cannot_group_thousands_is_a_decimal_mark(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (1500, "kr", f"1{NB}500{NB}kr"),
        (999.9, "kr", f"999,90{NB}kr"),
        (0.1 + 0.2, "kr", f"0,30{NB}kr"),
        (-750.25, "kr", f"\u2212750,25{NB}kr"),
        (1e-7, "kr", f"0{NB}kr"),
        (1e20, "kr", f"100{NB}000{NB}000{NB}000{NB}000{NB}000{NB}000{NB}kr"),
        (80, "%", f"80{NB}%"),
        (12.5, "%", f"12,5{NB}%"),
        (1050, "count", f"1{NB}050"),
    ],
)
def test_format_given_writes_only_the_decimals_typed(value: float, unit: Unit, text: str) -> None:
    assert format_given(value, unit) == text


@pytest.mark.parametrize(
    ("percent", "plus_one", "text"),
    [
        (80, False, "0,80"),
        (12.5, False, "0,125"),
        (33.3, False, "0,333"),
        (0, False, "0,00"),
        (100, False, "1,00"),
        (10, True, "1,10"),
        (0.5, True, "1,005"),
        (12.3456789, False, "0,123457"),
    ],
)
def test_format_share(percent: float, *, plus_one: bool, text: str) -> None:
    assert format_share(percent, plus_one=plus_one) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, f"0{NB}kr"),
        (500_000, f"500{NB}000{NB}kr"),
        (-999_999, f"\u2212999{NB}999{NB}kr"),
        (2.5e6, f"2,5{NB}mill.{NB}kr"),
        (1.234e9, f"1,23{NB}mrd.{NB}kr"),
        (-5e11, f"\u2212500{NB}mrd.{NB}kr"),
        (2.5e17, f"2,5{NB}·{NB}10¹⁷{NB}kr"),
        (-1e21, f"\u22121{NB}·{NB}10²¹{NB}kr"),
    ],
)
def test_format_compact(value: float, text: str) -> None:
    assert format_compact(value, "kr") == text


def test_superscript() -> None:
    assert superscript("t") == "ᵗ"
    assert superscript("1024") == "¹⁰²⁴"
