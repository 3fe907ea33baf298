"""Calculation tasks: the calculator is the answer key, the typical mistakes are named."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import CATALOGUE, check_answer
from calculators.errors import ValidationError
from calculators.exercises import (
    EMPTY_ANSWER,
    FRACTION_HINT,
    GENERAL_HINT,
    NOT_A_NUMBER,
    Exercise,
    matches,
    precision_text,
    solve,
)
from tests.strategies import norwegian_number_text, random_number_style, write_number

if TYPE_CHECKING:
    import random

CLV_TASK = {
    "calculator": "customer_lifetime_value",
    "inputs": {"margin_per_period": 1000, "retention_rate": 80, "discount_rate": 10},
    "output": "clv",
    "precision": 1,
    "mistakes": [{"inputs": {"margin_per_period": 2000}, "hint": "Omsetning, ikke bidrag."}],
}
RETENTION_TASK = {
    "calculator": "retention_rate",
    "inputs": {"customers_start": 1000, "customers_end": 900, "new_customers": 100},
    "output": "retention_rate",
    "precision": 0.1,
}


@pytest.mark.parametrize(
    "answer", ["2 666,67", "2666,7 kr", "2 667", "2\u00a0666,67\u00a0kr", "2666.5"]
)
def test_the_right_answer_counts_however_a_norwegian_types_it(answer: str) -> None:
    verdict = check_answer(CLV_TASK, answer)
    assert verdict["result"] == "riktig"
    assert verdict["message"] == "Riktig! Kundens livstidsverdi: 2\u00a0667\u00a0kr."


@pytest.mark.parametrize("answer", ["2 668", "2 665", "2 000"])
def test_an_answer_off_by_more_than_half_a_step_is_wrong_with_the_general_hint(answer: str) -> None:
    assert check_answer(CLV_TASK, answer) == {
        "result": "feil",
        "message": "Ikke riktig ennå.",
        "hint": GENERAL_HINT,
        "mistake": False,
    }


def test_the_tasks_own_mistake_is_named() -> None:
    verdict = check_answer(CLV_TASK, "5 333,33")
    assert (verdict["result"], verdict["hint"], verdict["mistake"]) == (
        "feil",
        "Omsetning, ikke bidrag.",
        True,
    )


def test_the_calculators_mistake_is_named_rates_as_whole_numbers() -> None:
    # 1 000 · 80 / (1 + 10 − 80)
    verdict = check_answer(CLV_TASK, "−1 159,42")
    assert verdict["mistake"]
    assert "80 i stedet for 0,80" in verdict["hint"]


def test_a_calculators_mistake_applies_only_where_it_can_be_made() -> None:
    with_horizon = {**CLV_TASK, "inputs": {**CLV_TASK["inputs"], "horizon_periods": 5}}
    assert check_answer(with_horizon, "−1 159,42")["mistake"] is False


def test_a_calculators_mistake_where_its_formula_is_undefined_is_not_suggested() -> None:
    # Rates as whole numbers: 1 000 · 11 / (1 + 10 − 11) divides by zero; no such mistake.
    task = {**CLV_TASK, "inputs": {**CLV_TASK["inputs"], "retention_rate": 11}, "mistakes": []}
    verdict = check_answer(task, "1 000")
    assert (verdict["result"], verdict["mistake"]) == ("feil", False)
    assert verdict["hint"] == GENERAL_HINT


def test_a_fraction_for_a_percentage_is_named() -> None:
    assert check_answer(RETENTION_TASK, "0,8")["hint"] == FRACTION_HINT
    assert check_answer(RETENTION_TASK, "80 %")["result"] == "riktig"


@pytest.mark.parametrize(
    ("answer", "message"),
    [("", EMPTY_ANSWER), ("   ", EMPTY_ANSWER), ("ti", NOT_A_NUMBER), ("1.000", "Mente du tusen")],
)
def test_what_is_not_a_number_is_not_judged(answer: str, message: str) -> None:
    verdict = check_answer(CLV_TASK, answer)
    assert verdict["result"] == "ugyldig"
    assert verdict["message"].startswith(message)


# No deadline: a shared, noisy machine makes a slow example flaky, not wrong.
ANSWERS = settings(max_examples=100, deadline=None)


@ANSWERS
@given(norwegian_number_text(st.floats(min_value=-1e9, max_value=1e9)))
def test_any_answer_gets_a_verdict_never_an_exception(answer: str) -> None:
    assert check_answer(CLV_TASK, answer)["result"] in {"riktig", "feil", "ugyldig"}


@ANSWERS
@given(st.randoms(use_true_random=False))
def test_the_right_value_written_any_norwegian_way_is_right(rng: random.Random) -> None:
    value = solve(Exercise.from_mapping(CLV_TASK)).value
    style = random_number_style(rng, unit="kr", decimals=(None, 0, 1, 2))
    assert check_answer(CLV_TASK, write_number(value, style))["result"] == "riktig"


@ANSWERS
@given(st.text(max_size=30))
def test_any_text_gets_a_verdict(text: str) -> None:
    assert check_answer(RETENTION_TASK, text)["result"] in {"riktig", "feil", "ugyldig"}


def test_the_solution_is_the_calculators_value_and_steps() -> None:
    solution = solve(Exercise.from_mapping(CLV_TASK))
    assert solution.value == pytest.approx(2666.6667, abs=1e-3)
    assert solution.display == "2\u00a0667\u00a0kr"
    assert solution.steps[0].startswith("CLV: 1\u00a0000\u00a0kr · 0,80")


@pytest.mark.parametrize(
    ("task", "message"),
    [
        ({**CLV_TASK, "calculator": "ukjent"}, "Ukjent kalkulator"),
        ({**CLV_TASK, "output": "nope"}, "har ikke resultatet"),
        ({**CLV_TASK, "precision": 0}, "større enn 0"),
        ({**CLV_TASK, "inputs": {"retention_rate": 100, "discount_rate": 0}}, ""),
        ({**CLV_TASK, "output": "expected_lifetime", "inputs": {"retention_rate": 100}}, "endelig"),
        ({"calculator": "csat", "output": "respondents", "precision": 1, "inputs": {}}, ""),
    ],
)
def test_a_task_the_calculator_cannot_answer_is_refused(
    task: dict[str, object], message: str
) -> None:
    if task.get("output") == "respondents":
        assert solve(Exercise.from_mapping(task)).value > 0  # a count is a fine answer
        return
    with pytest.raises(ValidationError) as caught:
        solve(Exercise.from_mapping(task))
    assert message in " ".join(caught.value.errors.values())


def test_a_categorical_output_is_no_task() -> None:
    task = {"calculator": "relationship_flower", "output": "priority", "precision": 1, "inputs": {}}
    with pytest.raises(ValidationError, match="ikke et tall"):
        solve(Exercise.from_mapping(task))


def test_a_mistake_the_calculator_rejects_is_refused() -> None:
    task = {**CLV_TASK, "mistakes": [{"inputs": {"retention_rate": 500}, "hint": "x"}]}
    exercise = Exercise.from_mapping(task)
    with pytest.raises(ValidationError):
        check_answer(task, "1")
    assert exercise.mistakes[0].hint == "x"


@pytest.mark.parametrize(
    ("output", "precision", "text"),
    [
        ("clv", 1, "Svar i hele kroner."),
        ("clv", 0.01, "Svar i kroner med to desimaler."),
        ("clv", 100, "Svar rundet av til nærmeste 100 kroner."),
        ("expected_lifetime", 0.1, "Svar i perioder med én desimal."),
        ("margin_multiple", 0.1, "Svar med én desimal."),
    ],
)
def test_the_precision_is_said_in_words(output: str, precision: float, text: str) -> None:
    calculator = CATALOGUE["customer_lifetime_value"]
    (found,) = [o for o in calculator.outputs if o.name == output]
    assert precision_text(found, precision) == text


def test_counts_and_other_units_are_answered_in_whole_numbers() -> None:
    (respondents,) = [o for o in CATALOGUE["nps"].outputs if o.name == "respondents"]
    assert precision_text(respondents, 1) == "Svar med et helt tall."
    (share,) = [o for o in CATALOGUE["nps"].outputs if o.name == "promoters_share"]
    assert precision_text(share, 0.1) == "Svar i prosent med én desimal."
    (months,) = [o for o in CATALOGUE["cac_payback"].outputs if o.name == "payback_months"]
    assert precision_text(months, 1) == "Svar i hele måneder."


def test_half_a_step_either_way_counts() -> None:
    assert matches(2666.5, 2666.0, 1)
    assert matches(2665.5, 2666.0, 1)
    assert not matches(2666.51, 2666.0, 1)
    assert matches(1e12 + 0.4, 1e12, 1)
    assert not math.isnan(2.0)
