"""Validation at the boundary: Norwegian messages keyed by field, and the edge cases."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from calculators import CATALOGUE, Field, ValidationError, compute
from calculators.api import run
from calculators.spec import Calculator, Output
from calculators.validation import (
    AMBIGUOUS_DOT,
    EMPTY,
    EMPTY_DATE,
    NOT_A_MAPPING,
    NOT_A_NUMBER,
    range_message,
)

NB = "\u00a0"


def errors_of(calculator_id: object, inputs: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        compute(calculator_id, inputs)  # type: ignore[arg-type]
    return caught.value.errors


@pytest.mark.parametrize(
    ("calculator_id", "inputs", "expected"),
    [
        ("retention_rate", {"customers_start": "abc"}, {"customers_start": NOT_A_NUMBER}),
        ("retention_rate", {"customers_start": ""}, {"customers_start": EMPTY}),
        ("retention_rate", {"customers_start": None}, {"customers_start": EMPTY}),
        ("retention_rate", {"customers_start": [1]}, {"customers_start": NOT_A_NUMBER}),
        ("retention_rate", {"customers_start": True}, {"customers_start": NOT_A_NUMBER}),
        ("retention_rate", {"customers_start": math.nan}, {"customers_start": NOT_A_NUMBER}),
        (
            "retention_rate",
            {"customers_start": 0},
            {"customers_start": "Må være et helt tall mellom 1 og 1\u00a0000\u00a0000\u00a0000."},
        ),
        (
            "retention_rate",
            {"customers_start": "10,5"},
            {"customers_start": "Må være et helt tall mellom 1 og 1\u00a0000\u00a0000\u00a0000."},
        ),
        (
            "customer_lifetime_value",
            {"retention_rate": 101},
            {"retention_rate": "Må være et tall mellom 0 og 100."},
        ),
        (
            "customer_lifetime_value",
            {"retention_rate": math.inf},
            {"retention_rate": "Må være et tall mellom 0 og 100."},
        ),
        (
            "customer_lifetime_value",
            {"retention_rate": 10**400},
            {"retention_rate": "Må være et tall mellom 0 og 100."},
        ),
        (
            "customer_lifetime_value",
            {"margin_timing": "midt i"},
            {"margin_timing": "Velg «slutten av perioden» eller «starten av perioden»."},
        ),
        (
            "acquisition_vs_retention",
            {"retention_cost": 0},
            {"retention_cost": f"Må være et tall mellom 0,01 og 1{NB}000{NB}000{NB}000{NB}000."},
        ),
    ],
)
def test_field_messages(
    calculator_id: str, inputs: dict[str, object], expected: dict[str, str]
) -> None:
    assert errors_of(calculator_id, inputs) == expected


def test_every_bad_field_is_reported_at_once() -> None:
    errors = errors_of("nps", {"promoters": "x", "passives": -1, "detractors": 1.5})
    assert set(errors) == {"promoters", "passives", "detractors"}


def test_unknown_calculator_is_keyed_empty() -> None:
    errors = errors_of("finnes_ikke", {})
    assert list(errors) == [""]
    assert "retention_rate" in errors[""]
    assert "int" in errors_of(42, {})[""]


def test_inputs_must_be_a_mapping() -> None:
    assert errors_of("nps", None) == {"": NOT_A_MAPPING}


def test_unknown_fields_are_ignored_and_choice_labels_accepted() -> None:
    results = compute(
        "customer_lifetime_value", {"old": "1", "margin_timing": " Starten av perioden "}
    )
    assert results["clv"] == pytest.approx(3666.6667, rel=1e-7)


def test_real_numbers_other_than_float_are_accepted() -> None:
    assert compute("nps", {"promoters": Fraction(50)})["nps"] == 30


@pytest.mark.parametrize(
    ("calculator_id", "inputs", "field", "words"),
    [
        (
            "retention_rate",
            {"customers_end": 100, "new_customers": 150},
            "new_customers",
            "nye kunder",
        ),
        (
            "retention_rate",
            {"customers_end": 2000, "new_customers": 0},
            "customers_end",
            "1\u00a0000",
        ),
        (
            "customer_lifetime_value",
            {"retention_rate": 100, "discount_rate": 0},
            "horizon_periods",
            "tidshorisont",
        ),
        (
            "customer_lifetime_value",
            {"retention_rate": 100, "discount_rate": 1e-12},
            "horizon_periods",
            "diskonteringsrente",
        ),
        (
            "retention_uplift",
            {"retention_rate": 96, "retention_increase": 5},
            "retention_increase",
            "4,0\u00a0prosentpoeng",
        ),
        (
            "retention_uplift",
            {"retention_rate": 95, "retention_increase": 5, "discount_rate": 0},
            "discount_rate",
            "diskonteringsrente",
        ),
        ("nps", {"promoters": 0, "passives": 0, "detractors": 0}, "promoters", "minst 1"),
        (
            "csat",
            dict.fromkeys(("score_1", "score_2", "score_3", "score_4", "score_5"), 0),
            "score_1",
            "minst 1",
        ),
    ],
)
def test_cross_field_rules(
    calculator_id: str, inputs: dict[str, object], field: str, words: str
) -> None:
    errors = errors_of(calculator_id, inputs)
    assert list(errors) == [field]
    assert words in errors[field]


def test_clv_with_full_retention_and_no_discount_is_fine_with_a_horizon() -> None:
    results = compute(
        "customer_lifetime_value",
        {"retention_rate": 100, "discount_rate": 0, "horizon_periods": 12},
    )
    assert results["clv"] == 12_000


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        (
            Field(name="a", label="a", unit="kr", default=0, minimum=-5),
            "Må være et tall som er minst \u22125.",
        ),
        (
            Field(name="a", label="a", unit="count", default=0, maximum=10, integer=True),
            "Må være et helt tall som er høyst 10.",
        ),
        (Field(name="a", label="a", unit="kr", default=0), "Må være et tall."),
        (
            Field(name="a", label="a", unit="kr", default=0, minimum=1e-5, maximum=2.5),
            "Må være et tall mellom 0,00001 og 2,5.",
        ),
    ],
)
def test_range_message(field: Field, expected: str) -> None:
    assert range_message(field) == expected


def _broken(result: dict[str, float | str], *, infinite_text: str | None = None) -> Calculator:
    return Calculator(
        id="broken",
        title="t",
        intro="i",
        fields=(),
        outputs=(Output(name="x", label="x", unit="kr", infinite_text=infinite_text),),
        formulas=(),
        method="",
        sources=(),
        formula=lambda _inputs: result,
    )


def _raises_zero_division(_inputs: object) -> dict[str, float]:
    return {"x": 1 / 0}


@pytest.mark.parametrize(
    ("calculator", "message_part"),
    [
        (_broken({"x": math.nan}), "klarte ikke"),
        (_broken({"x": math.inf}), "for store"),
        (
            Calculator(
                id="zero",
                title="t",
                intro="i",
                fields=(),
                outputs=(),
                formulas=(),
                method="",
                sources=(),
                formula=_raises_zero_division,
            ),
            "klarte ikke",
        ),
    ],
)
def test_formula_failures_become_validation_errors(
    calculator: Calculator, message_part: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        run(calculator, {})
    assert message_part in caught.value.errors[""]


def _dated(*, optional: bool) -> Calculator:
    return Calculator(
        id="dated",
        title="t",
        intro="i",
        fields=(Field(name="start", label="Start", unit="date", default=None, optional=optional),),
        outputs=(),
        formulas=(),
        method="",
        sources=(),
        formula=lambda _inputs: {},
    )


@pytest.mark.parametrize("empty", [None, "", "  "])
def test_a_required_date_left_empty_asks_for_one(empty: str | None) -> None:
    with pytest.raises(ValidationError) as caught:
        run(_dated(optional=False), {"start": empty})
    assert caught.value.errors == {"start": EMPTY_DATE}
    assert run(_dated(optional=True), {"start": empty})[0]["start"] is None
    assert run(_dated(optional=False), {"start": "31.12.25"})[0]["start"] == "2025-12-31"


def test_infinity_passes_where_the_output_allows_it() -> None:
    assert run(_broken({"x": math.inf}, infinite_text="aldri"), {})[1] == {"x": math.inf}


def test_validation_error_message_joins_field_messages() -> None:
    assert str(ValidationError({"a": "Én.", "b": "To."})) == "Én. To."


def test_defaults_are_valid_everywhere() -> None:
    for calculator_id in CATALOGUE:
        assert compute(calculator_id, {})


def test_ambiguous_thousands_dot_asks_the_reader_what_they_meant() -> None:
    with pytest.raises(ValidationError) as caught:
        compute("acquisition_vs_retention", {"acquisition_cost": "5.000"})
    assert caught.value.errors == {"acquisition_cost": AMBIGUOUS_DOT}
