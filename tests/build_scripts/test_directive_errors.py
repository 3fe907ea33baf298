"""The calculator directive's errors: the build stops and names the Markdown line."""

from __future__ import annotations

from typing import TYPE_CHECKING

import markdown
import pytest

from build_scripts.extension.directive import CalculatorDirectiveError, CalculatorExtension
from tests.build_scripts.directive_fakes import (
    CATALOGUE,
    fake_evaluate,
    fake_format_input_value,
    make_markdown,
    render,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from calculators.api import Evaluation


ERROR_CASES = {
    "unknown id": (
        "# Tittel\n\nTekst.\n\n/// calculator | nope\n///\n",
        5,
        "ukjent kalkulator «nope» (kjente: plain, toy)",
    ),
    "missing id": ("/// calculator\n///\n", 1, "skriv hvilken kalkulator"),
    "unknown option": (
        "Tekst.\n\n/// calculator | toy\n    customers: 10\n    colour: blue\n///\n",
        5,
        "ukjent innstilling «colour» for «toy» (kjente: customers, margin,",
    ),
    "invalid value": (
        "/// calculator | toy\n    customers: 10\n\n    retention_rate: 120\n///\n",
        4,
        "kalkulatoren «toy» godtar ikke verdiene: retention_rate: Må være mellom 0 og 100.",
    ),
    "not a number": (
        "/// calculator | toy\nmargin: mange\n///\n",
        2,
        "margin: Skriv et tall.",
    ),
    "list value": (
        "/// calculator | toy\n    customers: [1, 2]\n///\n",
        2,
        "«customers» må være et tall eller en tekst",
    ),
    "boolean value": (
        "/// calculator | toy\n    margin: yes\n///\n",
        2,
        "«margin» må være et tall eller en tekst",
    ),
    "bad yaml": (
        "/// calculator | toy\n    customers: 10\n    margin: [1,\n///\n",
        4,
        "kunne ikke lese innstillingene",
    ),
    "not a mapping": (
        "/// calculator | toy\nBare litt tekst.\n///\n",
        1,
        "innstillingene må være linjer på formen «navn: verdi»",
    ),
    "empty title": ("/// calculator | toy\n    title: ''\n///\n", 2, "title må være en tekst"),
    "show_method not boolean": (
        "/// calculator | toy\n    show_method: nei\n///\n",
        2,
        "show_method må være true eller false",
    ),
    "unclosed": ("/// calculator | toy\n\nMer tekst.\n", 1, "mangler en avsluttende linje med ///"),
    "options after a blank line": (
        "/// calculator | toy\n\n    margin: x\n///\n",
        3,
        "margin: Skriv et tall.",
    ),
    "text right before": (
        "Tekst rett før.\n/// calculator | nope\n///\n",
        2,
        "ukjent kalkulator «nope»",
    ),
    "after a code fence showing the syntax": (
        (
            "```markdown\n/// calculator | nope\n///\n```\n\n"
            "<!-- /// calculator | nope\n/// -->\n\n/// calculator | nope\n///\n"
        ),
        9,
        "ukjent kalkulator «nope»",
    ),
    "in an admonition": (
        "!!! note\n\n    Tekst.\n\n    /// calculator | toy\n        margin: x\n    ///\n",
        6,
        "margin: Skriv et tall.",
    ),
    "in a pymdownx block": (
        "//// note | Merk\n\n/// calculator | nope\n///\n\n////\n",
        3,
        "ukjent kalkulator «nope»",
    ),
    "in a list": ("- punkt\n\n    /// calculator | nope\n    ///\n", 3, "ukjent kalkulator"),
    "second of two": (
        "/// calculator | toy\n///\n\n/// calculator | toy\n    customers: 0\n///\n",
        5,
        "customers: Må være mellom 1",
    ),
}


@pytest.mark.parametrize(("source", "line", "reason"), ERROR_CASES.values(), ids=ERROR_CASES)
def test_errors_name_the_line(source: str, line: int, reason: str) -> None:
    with pytest.raises(CalculatorDirectiveError) as caught:
        render(source)
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"linje {line}: ")


def test_error_without_a_known_line_still_fails() -> None:
    # A directive the line recorder never saw (here: added after it ran, as a snippet would).
    md = make_markdown()
    md.preprocessors.register(_AppendDirective(md), "append_directive", 1)
    with pytest.raises(CalculatorDirectiveError) as caught:
        md.convert("Tekst.")
    assert caught.value.line is None
    assert str(caught.value).startswith("ukjent kalkulator «nope»")


class _AppendDirective(markdown.preprocessors.Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return [*lines, "", "/// calculator | nope", "///"]


def test_a_calculator_that_leaves_out_a_result_fails_the_build() -> None:
    """A maintainer's calculator that forgets an output: the page would show an empty box."""

    def forgetful(calculator_id: str, inputs: Mapping[str, object]) -> Evaluation:
        evaluation = fake_evaluate(calculator_id, inputs)
        del evaluation["display"]["lifetime"]
        return evaluation

    directive = CalculatorExtension(
        catalogue=CATALOGUE, evaluate=forgetful, format_input_value=fake_format_input_value
    )
    with pytest.raises(CalculatorDirectiveError) as caught:
        markdown.Markdown(extensions=[directive]).convert("Tekst.\n\n/// calculator | toy\n///\n")
    assert caught.value.reason == "kalkulatoren «toy» ga ikke resultatet for lifetime"
    assert caught.value.line == 3


def test_an_unclosed_display_formula_is_left_as_written() -> None:
    html = markdown.markdown("Tekst.\n\n$$\nx = 1\n", extensions=["build_scripts.extension.mathml"])
    assert html == "<p>Tekst.</p>\n<p>$$\nx = 1</p>"
