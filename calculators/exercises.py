"""Calculation tasks checked by the calculators themselves.

A task names a calculator, the inputs its text gives, the output the student must find and
the precision asked for. Nobody writes the right answer down: :func:`solve` computes it with
the same ``evaluate`` the calculators run, at build time (for the page's solution) and in
the browser (to check an answer). A wrong answer is compared with the answers that typical
mistakes lead to, so the hint can name the mistake:

- the task's own mistakes: other inputs to the same calculator ("revenue instead of
  contribution": the same task with the revenue as the margin);
- the calculator's (:attr:`Calculator.mistakes`): a wrong formula applied to the task's
  numbers ("80 instead of 0,80");
- the unit's: a share written as a fraction where percent is asked ("0,8" for 80 %).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypedDict

from calculators.api import evaluate
from calculators.catalogue import CATALOGUE
from calculators.errors import ValidationError
from calculators.numbers import NBSP, AmbiguousNumberError, format_value, parse_number
from calculators.validation import AMBIGUOUS_DOT, parse_inputs

if TYPE_CHECKING:
    from collections.abc import Mapping

    from calculators.spec import Calculator, Output

#: Units a task may ask for: a number the student can write down.
NUMERIC_UNITS = ("kr", "%", "pp", "count", "periods", "months", "ratio", "points", "score")
#: Units where a share written as a fraction (0,8 for 80 %) is a mistake worth naming.
PERCENT_UNITS = ("%", "pp")

RIGHT = "Riktig! {label}: {value}."
WRONG = "Ikke riktig ennå."
GENERAL_HINT = (
    "Sjekk hvilke tall du har satt inn, og i hvilken enhet (prosent, kroner, perioder), og "
    "regn en gang til. Står du fast, se løsningen under."
)
FRACTION_HINT = (
    f"Det ser ut som du har svart med et desimaltall. Svaret skal være i prosent: 0,8 er 80{NBSP}%."
)
EMPTY_ANSWER = "Skriv svaret ditt i feltet først."
NOT_A_NUMBER = f"Skriv svaret som et tall, for eksempel 2{NBSP}666,67."

type Verdict = Literal["riktig", "feil", "ugyldig"]


class CheckResult(TypedDict):
    """What :func:`check_answer` says of an answer.

    Attributes:
        result: ``"riktig"``, ``"feil"``, or ``"ugyldig"`` (not a number: nothing checked).
        message: What the student reads, in Norwegian.
        hint: For a wrong answer: what to look at, naming a recognised mistake.
        mistake: Whether the hint names a mistake the answer matches.

    """

    result: Verdict
    message: str
    hint: str
    mistake: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskMistake:
    """A typical wrong way to solve one task: other inputs to the same calculator."""

    inputs: Mapping[str, object]
    hint: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Exercise:
    """A calculation task.

    Attributes:
        calculator: The calculator's id.
        inputs: Field → value as the task gives it (missing fields take their defaults).
        output: The numeric output the student must find.
        precision: The step the answer is rounded to, in the output's unit (1 = whole
            kroner); an answer within half a step of the right value counts as right.
        mistakes: The task's own typical mistakes.
        hint: What to look at after a wrong answer no mistake explains.

    """

    calculator: str
    inputs: Mapping[str, object]
    output: str
    precision: float
    mistakes: tuple[TaskMistake, ...] = ()
    hint: str = GENERAL_HINT

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Exercise:
        """Read a task as the page carries it (JSON: the browser sends it as it is)."""
        mistakes = data.get("mistakes") or ()
        return cls(
            calculator=str(data["calculator"]),
            inputs=dict(data.get("inputs") or {}),  # type: ignore[call-overload]
            output=str(data["output"]),
            precision=float(data["precision"]),  # type: ignore[arg-type]
            mistakes=tuple(
                TaskMistake(inputs=dict(m["inputs"]), hint=str(m["hint"]))
                for m in mistakes  # type: ignore[attr-defined]
            ),
            hint=str(data.get("hint") or GENERAL_HINT),
        )


@dataclass(frozen=True, slots=True)
class Solution:
    """The right answer to a task, and the calculator's worked steps for its numbers."""

    value: float
    display: str
    steps: tuple[str, ...]
    output: Output


def _output(calculator: Calculator, name: str) -> Output:
    for output in calculator.outputs:
        if output.name == name:
            return output
    known = ", ".join(o.name for o in calculator.outputs)
    message = f"Kalkulatoren «{calculator.id}» har ikke resultatet «{name}» (har: {known})."
    raise ValidationError({"": message})


def solve(exercise: Exercise) -> Solution:
    """Compute the task's right answer with the calculator.

    Raises:
        ValidationError: the calculator or output is unknown, the inputs are rejected, or
            the answer is not a finite number.

    """
    calculator = CATALOGUE.get(exercise.calculator)
    if calculator is None:
        raise ValidationError({"": f"Ukjent kalkulator «{exercise.calculator}»."})
    output = _output(calculator, exercise.output)
    if output.unit not in NUMERIC_UNITS:
        raise ValidationError({"": f"«{output.name}» er ikke et tall en oppgave kan spørre om."})
    evaluation = evaluate(calculator.id, exercise.inputs)
    if evaluation["errors"]:
        raise ValidationError(evaluation["errors"])
    value = evaluation["values"][output.name]
    if not isinstance(value, float | int) or not math.isfinite(value):
        raise ValidationError({"": f"Svaret på «{output.label}» er ikke et endelig tall."})
    if not exercise.precision > 0:
        raise ValidationError({"": "Nøyaktigheten (precision) må være et tall større enn 0."})
    decimals = _decimals(exercise.precision)
    shown = format_value(_rounded(value, exercise.precision), output.unit, decimals)
    return Solution(float(value), shown, tuple(evaluation["steps"]), output)


def wrong_answers(exercise: Exercise, solution: Solution) -> list[tuple[float, str]]:
    """Return the answers typical mistakes lead to, with their hints, in the order tried.

    Raises:
        ValidationError: a task mistake's inputs are rejected by the calculator.

    """
    found: list[tuple[float, str]] = []
    for task_mistake in exercise.mistakes:
        inputs = {**exercise.inputs, **task_mistake.inputs}
        evaluation = evaluate(exercise.calculator, inputs)
        if evaluation["errors"]:
            raise ValidationError(evaluation["errors"])
        found.append((float(evaluation["values"][exercise.output]), task_mistake.hint))
    calculator = CATALOGUE[exercise.calculator]
    evaluation = evaluate(calculator.id, exercise.inputs)
    values = parse_inputs(calculator, exercise.inputs)
    for mistake in calculator.mistakes:
        if mistake.output == exercise.output:
            wrong = mistake.wrong_answer(values, evaluation["values"])
            if wrong is not None and math.isfinite(wrong):
                found.append((wrong, mistake.hint))
    if solution.output.unit in PERCENT_UNITS:
        found.append((solution.value / 100, FRACTION_HINT))
    return found


def _rounded(value: float, precision: float) -> float:
    return round(value / precision) * precision


def _decimals(precision: float) -> int:
    """Return the decimals a step implies: 1 → 0, 0,1 → 1, 0,05 → 2."""
    return max(0, -math.floor(math.log10(precision) + 1e-9))


def matches(answer: float, value: float, precision: float) -> bool:
    """Whether ``answer`` is ``value`` at the precision asked for (half a step either way)."""
    slack = 1e-9 * max(1.0, abs(value))
    return abs(answer - value) <= precision / 2 + slack


def check_answer(task: Mapping[str, object], answer: str) -> CheckResult:
    """Check a student's answer to a task, as typed ("2 666,67", "2666,7 kr", "2 667").

    Args:
        task: The task as the page carries it (see :meth:`Exercise.from_mapping`).
        answer: What the student typed.

    Returns:
        The verdict, the message and, for a wrong answer, a hint. Never raises for an
        answer; a malformed task is the build's to catch.

    """
    exercise = Exercise.from_mapping(task)
    solution = solve(exercise)
    text = answer.strip()
    if not text:
        return {"result": "ugyldig", "message": EMPTY_ANSWER, "hint": "", "mistake": False}
    try:
        given = parse_number(text)
    except AmbiguousNumberError:
        return {"result": "ugyldig", "message": AMBIGUOUS_DOT, "hint": "", "mistake": False}
    except ValueError:
        return {"result": "ugyldig", "message": NOT_A_NUMBER, "hint": "", "mistake": False}
    if matches(given, solution.value, exercise.precision):
        message = RIGHT.format(label=solution.output.label, value=solution.display)
        return {"result": "riktig", "message": message, "hint": "", "mistake": False}
    for wrong, hint in wrong_answers(exercise, solution):
        if matches(given, wrong, exercise.precision):
            return {"result": "feil", "message": WRONG, "hint": hint, "mistake": True}
    return {"result": "feil", "message": WRONG, "hint": exercise.hint, "mistake": False}


def precision_text(output: Output, precision: float) -> str:
    """Say in Norwegian how precisely to answer: "Svar i hele kroner."."""
    unit = {
        "kr": "kroner",
        "%": "prosent",
        "pp": "prosentpoeng",
        "periods": "perioder",
        "months": "måneder",
        "points": "poeng",
    }.get(output.unit)
    decimals = _decimals(precision)
    if decimals == 0 and precision != 1:
        step = format_value(precision, "count")
        return f"Svar rundet av til nærmeste {step}{f' {unit}' if unit else ''}."
    if decimals == 0:
        return f"Svar i hele {unit}." if unit else "Svar med et helt tall."
    places = {1: "én desimal", 2: "to desimaler"}.get(decimals, f"{decimals} desimaler")
    return f"Svar i {unit} med {places}." if unit else f"Svar med {places}."
