"""The ``/// exercise | CALCULATOR_ID`` directive: a calculation task the calculator checks.

A maintainer writes::

    /// exercise | customer_lifetime_value
    task: >-
      Et abonnement gir 1 000 kr i dekningsbidrag per år …
    inputs:
      margin_per_period: 1000
      retention_rate: 80
      discount_rate: 10
    answer: clv
    precision: 1
    mistakes:
      - inputs: {margin_per_period: 2000}
        hint: Det ser ut som du har regnet med omsetningen, ikke dekningsbidraget.
    ///

Nobody writes the right answer down: the build computes it with the calculator
(:mod:`calculators.exercises`) for the solution shown without JavaScript, and the browser
checks the student's answer with the same Python. The build fails, naming the line, on an
unknown calculator, field or output, inputs the calculator rejects, or a mistake that
leads to the right answer.

The page contract::

    <form class="exercise" data-calculator data-output data-inputs data-precision
          data-mistakes data-hint data-search-exclude>   data-state="ready" once the
                                                        script can check answers
      <p class="exercise-title">Oppgave N</p> <div class="exercise-task">…</div>
      <p class="exercise-precision">Svar i hele kroner.</p>
      <input name="answer"> <button type="submit">Sjekk svaret</button>
      <p class="exercise-feedback" role="status" data-result="">  riktig, feil or ugyldig,
                                                 with the hint after a wrong answer
      <details class="exercise-solution"><summary>Vis løsningen</summary> the worked steps,
        the answer, and a link that opens the calculator with the task's numbers
        (a[data-calculator-link]; the finishing step points it at the calculator's page)
      </details>
    </form>
"""

from __future__ import annotations

import importlib
import json
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Element

from build_scripts.extension import grammar
from build_scripts.extension.blocks import Block, DirectiveBlockProcessor
from build_scripts.extension.directive_options import (
    CalculatorDirectiveError,
    Located,
    parse_options,
)
from build_scripts.extension.elements import add
from build_scripts.extension.form_fields import unit_suffix
from build_scripts.extension.state_links import state_href

if TYPE_CHECKING:
    from collections.abc import Mapping

    from markdown import Markdown

    from build_scripts.extension.blocks import PageState, ReportError
    from calculators.exercises import Exercise, Solution

REQUIRED = ("task", "inputs", "answer", "precision")
OPTIONAL = ("mistakes", "hint")
TITLE = "Oppgave {number}"
ANSWER_LABEL = "Ditt svar: {label}"
CHECK = "Sjekk svaret"
SHOW_SOLUTION = "Vis løsningen"
RIGHT_ANSWER = "Svar: "
OPEN_CALCULATOR = "Åpne kalkulatoren med disse tallene"


class ExerciseBlockProcessor(DirectiveBlockProcessor):
    """Turns a ``/// exercise | id`` block into the task's form."""

    NAME = grammar.EXERCISE
    CALLED = "oppgaven"

    def __init__(self, md: Markdown, state: PageState, report_error: ReportError | None) -> None:
        """Share the page state (for ids) and the error reporter."""
        super().__init__(md, state, report_error)

    def render(self, parent: Element, block: Block) -> Element:  # noqa: ARG002 - the base's API
        """Check the task against its calculator and build the form."""
        options = parse_options(block.body, block.first_body_line, block.line)
        task = _task(block.opening.argument, options, block.line)
        _check_fields(task, options, block.line)
        exercises = importlib.import_module("calculators.exercises")
        rejected = importlib.import_module("calculators.errors").ValidationError
        try:
            exercise = exercises.Exercise.from_mapping(task)
            solution = exercises.solve(exercise)
            wrong = exercises.wrong_answers(exercise, solution)
        except (KeyError, TypeError, ValueError, rejected) as error:
            messages = getattr(error, "errors", None) or {"": str(error)}
            text = "; ".join(f"{k}: {v}" if k else v for k, v in messages.items())
            reason = f"oppgaven kan ikke regnes ut med «{task['calculator']}»: {text}"
            raise CalculatorDirectiveError(
                reason, _line_of(options, "inputs", block.line)
            ) from None
        for value, hint in wrong[: len(exercise.mistakes)]:
            if exercises.matches(value, solution.value, exercise.precision):
                reason = f"feilen «{hint}» gir det riktige svaret: velg andre tall for den"
                raise CalculatorDirectiveError(reason, _line_of(options, "mistakes", block.line))
        number = self.state.next_number(self.NAME)
        return self._form(task, exercise, solution, number)

    def _form(
        self, task: Mapping[str, Any], exercise: Exercise, solution: Solution, number: int
    ) -> Element:
        exercises = importlib.import_module("calculators.exercises")
        prefix = f"exercise-{number}"
        output = solution.output
        form = Element(
            "form",
            {
                "class": "exercise",
                "id": prefix,
                "data-calculator": exercise.calculator,
                "data-output": exercise.output,
                "data-inputs": json.dumps(task["inputs"], ensure_ascii=False),
                "data-precision": json.dumps(exercise.precision),
                "data-mistakes": json.dumps(task.get("mistakes") or [], ensure_ascii=False),
                "data-hint": exercise.hint,
                "aria-labelledby": f"{prefix}-title",
                "novalidate": "novalidate",
                # Without the script, pressing "Sjekk svaret" must not send the answer
                # anywhere: a dialog-method form outside a dialog submits nowhere.
                "method": "dialog",
                # Interface, like a calculator's form (a form: Material's search leaves it out
                # whole, its exclusion going by tag name).
                "data-search-exclude": "",
            },
        )
        add(
            form,
            "p",
            {"class": "exercise-title", "id": f"{prefix}-title"},
            TITLE.format(number=number),
        )
        self.parser.parseChunk(add(form, "div", {"class": "exercise-task"}), str(task["task"]))
        precision = exercises.precision_text(output, exercise.precision)
        add(form, "p", {"class": "exercise-precision", "id": f"{prefix}-precision"}, precision)
        answer = add(form, "div", {"class": "exercise-answer"})
        add(answer, "label", {"for": f"{prefix}-answer"}, ANSWER_LABEL.format(label=output.label))
        control = add(answer, "div", {"class": "calculator-control"})
        described = [f"{prefix}-precision"]
        field = {
            "type": "text",
            "id": f"{prefix}-answer",
            "name": "answer",
            # iOS's decimal keypad has no minus key.
            "inputmode": "decimal" if solution.value >= 0 else "text",
            "autocomplete": "off",
            "spellcheck": "false",
        }
        add(control, "input", field)
        suffix = unit_suffix(output.unit)
        if suffix:
            add(control, "span", {"class": "calculator-unit", "id": f"{prefix}-unit"}, suffix)
            described.append(f"{prefix}-unit")
        described.append(f"{prefix}-feedback")
        field_element = control.find("input")
        if field_element is not None:
            field_element.set("aria-describedby", " ".join(described))
        add(answer, "button", {"type": "submit"}, CHECK)
        feedback = {"class": "exercise-feedback", "id": f"{prefix}-feedback", "role": "status"}
        add(form, "p", feedback | {"data-result": ""})
        self._solution(form, exercise, solution)
        return form

    def _solution(self, form: Element, exercise: Exercise, solution: Solution) -> None:
        details = add(form, "details", {"class": "exercise-solution"})
        add(details, "summary", None, SHOW_SOLUTION)
        steps = add(details, "ol", {"class": "calculator-steps"})
        for step in solution.steps:
            add(steps, "li", None, step)
        right = add(details, "p", {"class": "exercise-right-answer"}, RIGHT_ANSWER)
        add(right, "strong", None, solution.display)
        link = add(details, "p")
        href = state_href(exercise.calculator, exercise.inputs)
        attributes = {"class": "exercise-calculator", "data-calculator-link": exercise.calculator}
        add(link, "a", attributes | {"href": href}, OPEN_CALCULATOR)


def _task(calculator_id: str, options: Mapping[str, Located], line: int | None) -> dict[str, Any]:
    """Return the task's options as the page carries them, checking names and types."""
    if not calculator_id:
        reason = "skriv hvilken kalkulator oppgaven bruker: /// exercise | id"
        raise CalculatorDirectiveError(reason, line)
    unknown = [name for name in options if name not in (*REQUIRED, *OPTIONAL)]
    if unknown:
        known = ", ".join((*REQUIRED, *OPTIONAL))
        reason = f"ukjent innstilling «{unknown[0]}» i oppgaven (kjente: {known})"
        raise CalculatorDirectiveError(reason, options[unknown[0]].line)
    missing = [name for name in REQUIRED if name not in options]
    if missing:
        reason = f"oppgaven mangler {', '.join(missing)}"
        raise CalculatorDirectiveError(reason, line)
    task = {name: option.value for name, option in options.items()}
    checks = (
        ("task", isinstance(task["task"], str) and task["task"].strip(), "en tekst"),
        ("inputs", isinstance(task["inputs"], dict), "linjer på formen «felt: verdi»"),
        ("answer", isinstance(task["answer"], str), "navnet på et resultat"),
        (
            "precision",
            isinstance(task["precision"], int | float) and not isinstance(task["precision"], bool),
            "et tall, for eksempel 1 (hele kroner) eller 0.1",
        ),
        ("hint", isinstance(task.get("hint", ""), str), "en tekst"),
        ("mistakes", _mistakes_ok(task.get("mistakes", [])), "en liste med inputs og hint"),
    )
    for name, ok, wanted in checks:
        if not ok:
            reason = f"«{name}» må være {wanted}"
            raise CalculatorDirectiveError(reason, _line_of(options, name, line))
    task["output"] = task.pop("answer")
    task["calculator"] = calculator_id
    return task


def _check_fields(
    task: Mapping[str, Any], options: Mapping[str, Located], line: int | None
) -> None:
    """Fail on an unknown output, or an input no field takes (``evaluate`` would ignore it)."""
    catalogue = importlib.import_module("calculators").CATALOGUE
    calculator = catalogue.get(task["calculator"])
    if calculator is None:
        known = ", ".join(sorted(catalogue))
        reason = f"ukjent kalkulator «{task['calculator']}» (kjente: {known})"
        raise CalculatorDirectiveError(reason, line)
    outputs = [output.name for output in calculator.outputs]
    if task["output"] not in outputs:
        reason = (
            f"«{calculator.id}» har ikke resultatet «{task['output']}» (har: {', '.join(outputs)})"
        )
        raise CalculatorDirectiveError(reason, _line_of(options, "answer", line))
    fields = {field.name for field in calculator.fields}
    given = [("inputs", name) for name in task["inputs"]]
    given += [("mistakes", name) for m in task.get("mistakes") or [] for name in m["inputs"]]
    for option, name in given:
        if name not in fields:
            reason = (
                f"«{calculator.id}» har ikke feltet «{name}» (har: {', '.join(sorted(fields))})"
            )
            raise CalculatorDirectiveError(reason, _line_of(options, option, line))


def _mistakes_ok(mistakes: object) -> bool:
    return isinstance(mistakes, list) and all(
        isinstance(m, dict) and isinstance(m.get("inputs"), dict) and isinstance(m.get("hint"), str)
        for m in mistakes
    )


def _line_of(options: Mapping[str, Located], name: str, line: int | None) -> int | None:
    option = options.get(name)
    return line if option is None else option.line
