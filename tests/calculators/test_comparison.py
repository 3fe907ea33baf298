"""Comparing scenario B with scenario A: B − A in Norwegian with an explicit sign."""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import CATALOGUE, Output, evaluate
from calculators.comparison import format_difference
from tests.strategies import valid_inputs_for

if TYPE_CHECKING:
    from calculators.spec import Unit

NB = "\u00a0"
INF = math.inf
COMPARE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _output(unit: Unit, decimals: int | None = None, infinite_text: str | None = None) -> Output:
    return Output(name="x", label="x", unit=unit, decimals=decimals, infinite_text=infinite_text)


@pytest.mark.parametrize(
    ("output", "after", "before", "text"),
    [
        (_output("kr"), 3750.0, 2500.0, f"+1{NB}250,00{NB}kr"),
        (_output("kr"), 200.0, 500.0, f"\u2212300,00{NB}kr"),
        (_output("kr"), 5.0, 5.0, f"0,00{NB}kr"),
        (_output("kr"), 5.001, 5.0, f"0,00{NB}kr"),  # rounds to zero: no sign
        (_output("kr"), 4.999, 5.0, f"0,00{NB}kr"),
        (_output("%"), 87.0, 90.0, f"\u22123,0{NB}prosentpoeng"),
        (_output("%"), 90.0, 87.5, f"+2,5{NB}prosentpoeng"),
        (_output("%", 2), 90.0, 87.5, f"+2,50{NB}prosentpoeng"),
        (_output("pp"), 20.0, 25.0, f"\u22125,0{NB}prosentpoeng"),
        (_output("count"), 112.0, 100.0, "+12"),
        (_output("count"), 1100.0, 100.0, f"+1{NB}000"),
        (_output("count"), 88.0, 100.0, "\u221212"),
        (_output("count"), 100.0, 100.0, "0"),
        (_output("periods"), 6.5, 5.0, f"+1,5{NB}perioder"),
        (_output("months"), 10.0, 12.0, f"\u22122,0{NB}måneder"),
        (_output("ratio"), 5.0, 4.8, "+0,2"),
        (_output("ratio", 2), 2.5, 2.6667, "\u22120,17"),
        (_output("score", 2), 3.95, 3.7, "+0,25"),
        (_output("points"), 35.0, 30.0, f"+5{NB}poeng"),
        (_output("points", 1), 14.0, 15.3, f"\u22121,3{NB}poeng"),
        (_output("points"), 30.0, 30.0, f"0{NB}poeng"),
        (
            _output("periods", infinite_text="ubegrenset"),
            INF,
            5.0,
            "kan ikke sammenlignes (ubegrenset)",
        ),
        (_output("months", infinite_text="aldri"), 10.0, INF, "kan ikke sammenlignes (aldri)"),
        (_output("kr", infinite_text="ubegrenset"), INF, INF, "ingen endring"),
        (_output("dimension"), "trust", "trust", ""),
        (_output("dimension"), "trust", "balance", "endret"),
        (_output("dimension"), "", "balance", "endret"),
        (_output("kr"), 1e308, -1e308, "kan ikke sammenlignes"),
    ],
)
def test_difference_texts(
    output: Output, after: float | str, before: float | str, text: str
) -> None:
    assert format_difference(output, after, before) == text


def test_evaluate_compares_with_the_baseline() -> None:
    result = evaluate("customer_lifetime_value", {"retention_rate": 85}, baseline={})
    assert result["comparison"] == {
        "display": evaluate("customer_lifetime_value", {})["display"],
        # 1000 · 0,85 / 0,25 = 3 400 against 2 666,67; lifetime 1 / 0,15 = 6,67 against 5
        "differences": {
            "clv": f"+733,33{NB}kr",
            "margin_multiple": "+0,73",
            "expected_lifetime": f"+1,7{NB}perioder",
        },
    }
    json.dumps(result)


@pytest.mark.parametrize(
    ("calculator_id", "inputs", "baseline", "differences"),
    [
        (
            "retention_rate",
            {"customers_end": 1020},
            {},
            {
                "retention_rate": f"\u22123,0{NB}prosentpoeng",
                "churn_rate": f"+3,0{NB}prosentpoeng",
                "customers_lost": "+30",
                "expected_lifetime": f"\u22122,3{NB}perioder",
            },
        ),
        (
            "retention_rate",
            {"customers_end": 1150},
            {},
            {
                "retention_rate": f"+10,0{NB}prosentpoeng",
                "churn_rate": f"\u221210,0{NB}prosentpoeng",
                "customers_lost": "\u2212100",
                "expected_lifetime": "kan ikke sammenlignes (ubegrenset)",
            },
        ),
        (
            "cac_payback",
            {"gross_margin": 0},
            {},
            {
                "cac": f"0,00{NB}kr",
                "monthly_margin": f"\u2212480,00{NB}kr",
                "payback_months": "kan ikke sammenlignes (aldri)",
                "ltv": f"\u221224{NB}000,00{NB}kr",
                "ltv_to_cac": "\u22124,8",
            },
        ),
        (
            "nps",
            {"promoters": 55, "detractors": 15},
            {},
            {
                "nps": f"+10{NB}poeng",
                "promoters_share": f"+5,0{NB}prosentpoeng",
                "passives_share": f"0,0{NB}prosentpoeng",
                "detractors_share": f"\u22125,0{NB}prosentpoeng",
                # 1,96 · √((0,70 − 0,16) / 100) · 100 = 14,4 against 15,3
                "margin_of_error": f"\u22120,9{NB}poeng",
                "respondents": "0",
            },
        ),
        (
            "relationship_focus",
            {"advice": 1, "advice_importance": 7},
            {},
            {
                # 4 · 3 · 3 / (6 · 19) · 100 = 31,6 against 50
                "index": f"\u221218{NB}poeng",
                "priority": "endret",
                "next_focus": "",
                "accuracy_score": f"0{NB}poeng",
                "availability_score": f"0{NB}poeng",
                "adaptation_score": f"0{NB}poeng",
                "advice_score": f"\u221250{NB}poeng",
            },
        ),
    ],
)
def test_differences_per_calculator(
    calculator_id: str,
    inputs: dict[str, object],
    baseline: dict[str, object],
    differences: dict[str, str],
) -> None:
    comparison = evaluate(calculator_id, inputs, baseline=baseline)["comparison"]
    assert comparison is not None
    assert comparison["differences"] == differences
    assert list(comparison["display"]) == [o.name for o in CATALOGUE[calculator_id].outputs]


def test_no_comparison_without_a_valid_baseline_and_inputs() -> None:
    assert evaluate("nps", {})["comparison"] is None
    assert evaluate("nps", {}, baseline=None)["comparison"] is None
    assert evaluate("nps", {}, baseline={"promoters": "mange"})["comparison"] is None
    assert (
        evaluate("nps", {}, baseline={"promoters": 0, "passives": 0, "detractors": 0})["comparison"]
        is None
    )
    assert evaluate("nps", {"promoters": "mange"}, baseline={})["comparison"] is None
    assert evaluate("ukjent", {}, baseline={})["comparison"] is None


@pytest.mark.parametrize("calculator_id", CATALOGUE)
@COMPARE
@given(data=st.data())
def test_differences_are_words_and_signed_numbers(calculator_id: str, data: st.DataObject) -> None:
    calculator = CATALOGUE[calculator_id]
    inputs = data.draw(valid_inputs_for(calculator))
    baseline = data.draw(valid_inputs_for(calculator))
    result = evaluate(calculator_id, inputs, baseline=baseline)
    same = evaluate(calculator_id, inputs, baseline=inputs)
    json.dumps(result, allow_nan=True)
    baseline_values = evaluate(calculator_id, baseline)["values"]
    if result["errors"] or not baseline_values:
        assert result["comparison"] is None
        return
    assert result["comparison"] is not None
    assert same["comparison"] is not None
    for output in calculator.outputs:
        text = result["comparison"]["differences"][output.name]
        folded = text.casefold()
        assert not any(word in folded for word in ("inf", "nan", "e+", "none")), text
        unchanged = same["comparison"]["differences"][output.name]
        assert unchanged in {"", "ingen endring"} or not unchanged.startswith(("+", "\u2212"))
        after, before = result["values"][output.name], baseline_values[output.name]
        if output.unit in {"dimension", "text"} or "" in {after, before}:
            # Words, or a value that does not apply to one scenario (Output.may_be_empty).
            assert text in {"", "endret"}
        elif text[:1] in {"+", "\u2212"}:
            assert any(ch in "123456789" for ch in text)
        else:
            assert text.startswith(("0", "kan ikke", "ingen endring")), text
