"""Hypothesis: no input makes a calculator fall over, and the domain properties hold."""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import CATALOGUE, ValidationError, compute, evaluate
from tests.strategies import bounded_numbers, inputs_for, valid_inputs_for

if TYPE_CHECKING:
    from collections.abc import Mapping

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROPERTY = settings(max_examples=200, deadline=None)
FORBIDDEN_IN_DISPLAY = ("nan", "inf", "none", "undefined")


def _outcome(
    calculator_id: str, inputs: dict[str, object]
) -> Mapping[str, float | str] | ValidationError:
    """Return the results, or the ValidationError (so asserts stay outside ``except``)."""
    try:
        return compute(calculator_id, inputs)
    except ValidationError as error:
        return error


def _check_results(calculator_id: str, results: object) -> None:
    calculator = CATALOGUE[calculator_id]
    assert isinstance(results, dict)
    assert list(results) == [o.name for o in calculator.outputs]
    for output in calculator.outputs:
        value = results[output.name]
        if output.unit == "dimension":
            known = {f.name for f in calculator.fields} | {v for v, _ in output.value_labels}
            assert value == "" or value in known
            continue
        if output.unit == "text":
            assert isinstance(value, str)
            assert value
            continue
        if value == "" and output.may_be_empty:
            continue
        assert isinstance(value, float), output.name
        assert not math.isnan(value), output.name
        assert value != -math.inf, output.name
        assert output.infinite_text is not None or math.isfinite(value), output.name


@pytest.mark.parametrize("calculator_id", CATALOGUE)
@FUZZ
@given(data=st.data())
def test_anything_in_gives_a_result_or_a_validation_error(
    calculator_id: str, data: st.DataObject
) -> None:
    calculator = CATALOGUE[calculator_id]
    inputs = data.draw(inputs_for(calculator) | valid_inputs_for(calculator))
    outcome = _outcome(calculator_id, inputs)
    if isinstance(outcome, ValidationError):
        assert outcome.errors
        assert set(outcome.errors) <= {f.name for f in calculator.fields} | {""}
        assert all(isinstance(m, str) and m.endswith((".", "?")) for m in outcome.errors.values())
    else:
        _check_results(calculator_id, outcome)

    evaluation = evaluate(calculator_id, inputs)
    json.dumps(evaluation)
    for text in evaluation["display"].values():
        assert not any(word in text.casefold() for word in FORBIDDEN_IN_DISPLAY), text
    if evaluation["errors"]:
        assert evaluation["values"] == {}
    else:
        _check_results(calculator_id, evaluation["values"])


def _valid(calculator_id: str, data: st.DataObject, **fixed: float) -> dict[str, object]:
    return data.draw(valid_inputs_for(CATALOGUE[calculator_id])) | fixed


def _share(data: st.DataObject, name: str = "rate") -> float:
    return data.draw(st.floats(0, 100), label=name)


@PROPERTY
@given(data=st.data())
def test_clv_rises_with_retention_and_falls_with_discount_rate(data: st.DataObject) -> None:
    inputs = _valid("customer_lifetime_value", data, margin_per_period=data.draw(st.floats(0, 1e9)))
    low_r, high_r = sorted((_share(data, "r1"), _share(data, "r2")))
    low_d, high_d = sorted((_share(data, "d1"), _share(data, "d2")))
    worse = _outcome(
        "customer_lifetime_value", inputs | {"retention_rate": low_r, "discount_rate": high_d}
    )
    better = _outcome(
        "customer_lifetime_value", inputs | {"retention_rate": high_r, "discount_rate": low_d}
    )
    if isinstance(worse, ValidationError) or isinstance(better, ValidationError):
        # Only the divergent case (100 % retention, ~0 % rate, no horizon) may be refused.
        assert isinstance(better, ValidationError)
        assert set(better.errors) == {"horizon_periods"}
        return
    tolerance = 1e-9 * abs(float(better["clv"])) + 1e-9
    assert float(worse["clv"]) <= float(better["clv"]) + tolerance
    assert float(worse["margin_multiple"]) <= float(better["margin_multiple"]) * (1 + 1e-9) + 1e-12


@PROPERTY
@given(data=st.data())
def test_retention_and_churn_are_shares_that_add_up(data: st.DataObject) -> None:
    start = data.draw(st.integers(1, 10**9))
    kept = data.draw(st.integers(0, start))
    new = data.draw(st.integers(0, 10**9 - kept))
    results = compute(
        "retention_rate",
        {"customers_start": start, "customers_end": kept + new, "new_customers": new},
    )
    assert 0 <= float(results["retention_rate"]) <= 100
    assert float(results["retention_rate"]) + float(results["churn_rate"]) == pytest.approx(100)
    assert float(results["expected_lifetime"]) >= 1


@PROPERTY
@given(data=st.data())
def test_nps_within_range_and_shares_sum_to_100(data: st.DataObject) -> None:
    counts = {
        name: data.draw(st.integers(0, 10**9)) for name in ("promoters", "passives", "detractors")
    }
    if sum(counts.values()) == 0:
        counts["passives"] = 1
    results = compute("nps", counts)
    assert -100 <= float(results["nps"]) <= 100
    shares = (float(results[f"{g}_share"]) for g in ("promoters", "passives", "detractors"))
    assert sum(shares) == pytest.approx(100)
    assert 0 <= float(results["margin_of_error"]) <= 196


@PROPERTY
@given(counts=st.lists(st.integers(0, 10**9), min_size=5, max_size=5).filter(any))
def test_csat_within_range(counts: list[int]) -> None:
    results = compute("csat", {f"score_{i}": n for i, n in enumerate(counts, start=1)})
    assert 0 <= float(results["csat"]) <= 100
    assert 1 <= float(results["mean_score"]) <= 5 + 1e-12


@pytest.mark.parametrize(
    "calculator_id", ["relationship_flower", "relationship_importance", "relationship_focus"]
)
@PROPERTY
@given(data=st.data())
def test_self_assessment_indices_within_0_and_100(calculator_id: str, data: st.DataObject) -> None:
    results = compute(calculator_id, _valid(calculator_id, data))
    numbers = [float(v) for k, v in results.items() if k not in {"priority", "next_focus"}]
    assert all(-1e-9 <= n <= 100 + 1e-9 for n in numbers)


@PROPERTY
@given(data=st.data())
def test_more_retention_never_lowers_equity(data: st.DataObject) -> None:
    inputs = _valid("retention_uplift", data)
    results = _outcome("retention_uplift", inputs)
    if isinstance(results, ValidationError):
        assert set(results.errors) <= {"retention_increase", "discount_rate"}
        return
    assert float(results["equity_increase"]) >= 0
    assert float(results["equity_increase_pct"]) >= 0


@PROPERTY
@given(
    cost=bounded_numbers(CATALOGUE["acquisition_vs_retention"].field("retention_cost")),
    acquisition=bounded_numbers(CATALOGUE["acquisition_vs_retention"].field("acquisition_cost")),
)
def test_break_even_is_retention_over_acquisition_cost(cost: float, acquisition: float) -> None:
    results = compute(
        "acquisition_vs_retention", {"retention_cost": cost, "acquisition_cost": acquisition}
    )
    assert float(results["break_even_churn_reduction"]) == pytest.approx(cost / acquisition * 100)
