"""The quiz and exercise directives: what a maintainer writes, what the page gets, and the
build's refusal, with the line, of what a reader could not use."""

from __future__ import annotations

import json
import re
from html import unescape

import markdown
import pytest

from build_scripts.extension.directive import CalculatorExtension
from build_scripts.extension.directive_options import CalculatorDirectiveError
from calculators import evaluate

QUIZ = """\
# Side

/// quiz
? Hva kaller Dick og Basu gjentatte kjøp
  uten en positiv holdning?

- [ ] Ekte lojalitet
    Nei. Den krever også en *positiv* holdning.
- [x] Falsk lojalitet
    Riktig. Kjøpene gjentas, men holdningen er svak.

? Påstand: NPS måler lønnsomhet.

- [ ] Sant
    Nei. NPS måler anbefalingsvilje.
- [x] Usant
    Riktig. Det er et mål på anbefalingsvilje.
///
"""

EXERCISE = """\
/// exercise | customer_lifetime_value
task: Et abonnement gir 1 000 kr per år. 80 % fornyer, og renten er 10 %.
inputs:
  margin_per_period: 1000
  retention_rate: 80
  discount_rate: 10
answer: clv
precision: 1
mistakes:
  - inputs: {margin_per_period: 2000}
    hint: Du har brukt omsetningen.
///
"""


def render(source: str) -> str:
    return markdown.Markdown(extensions=[CalculatorExtension(), "attr_list"]).convert(source)


def test_a_quiz_has_a_fieldset_per_question_with_radios_feedback_and_the_answers() -> None:
    html = render(QUIZ)
    assert html.count('<fieldset class="quiz-question"') == 2
    assert 'name="quiz-1-1"' in html
    assert html.count('type="radio"') == 4
    assert html.count('class="quiz-feedback" data-result="" role="status"') == 2
    # Without JavaScript every answer and its explanation is behind "Vis svaret".
    assert html.count("<summary>Vis svaret</summary>") == 2
    assert html.count("data-correct") == 2
    assert "<em>positiv</em>" in html
    assert "uten en positiv holdning?" in html  # the question's second line joined
    assert 'class="quiz-score" role="status"' in html
    assert re.search(
        r'<form class="quiz" data-search-exclude="" id="quiz-1" method="dialog">', html
    )


def test_each_right_option_is_the_one_marked() -> None:
    html = render(QUIZ)
    explained = re.findall(r'<li (data-correct="" )?data-option="(\d)">', html)
    assert explained == [("", "0"), ('data-correct="" ', "1"), ("", "0"), ('data-correct="" ', "1")]


@pytest.mark.parametrize(
    ("source", "line", "reason"),
    [
        (
            "/// quiz\n? Spørsmål\n\n- [ ] A\n    Nei.\n- [ ] B\n    Nei.\n///\n",
            2,
            "nøyaktig ett riktig svar merket «- [x]», har 0",
        ),
        (
            "/// quiz\n? Spørsmål\n\n- [x] A\n    Ja.\n- [x] B\n    Ja.\n///\n",
            2,
            "nøyaktig ett riktig svar merket «- [x]», har 2",
        ),
        ("/// quiz\n? Spørsmål\n\n- [x] A\n    Ja.\n///\n", 2, "fra 2 til 5 svaralternativer"),
        (
            "/// quiz\n? Spørsmål\n\n- [x] A\n    Ja.\n- [ ] B\n///\n",
            6,
            "svaret «B» mangler en forklaring",
        ),
        ("/// quiz\n- [x] A\n    Ja.\n///\n", 2, "før det første spørsmålet"),
        ("/// quiz\nTekst uten form\n///\n", 2, "ukjent linje i quizen"),
        ("/// quiz\n///\n", 1, "quizen har ingen spørsmål"),
        (
            "/// quiz | tittel\n? S\n\n- [x] A\n    J.\n- [ ] B\n    N.\n///\n",
            1,
            "tar ikke noe etter",
        ),
        (
            "/// quiz\n? S\n\n- [x] A\n    J.\n- [ ] B\n    N.\n",
            1,
            "quizen mangler en avsluttende linje",
        ),
    ],
)
def test_a_malformed_quiz_fails_with_its_line(source: str, line: int, reason: str) -> None:
    with pytest.raises(CalculatorDirectiveError) as caught:
        render(source)
    assert caught.value.line == line
    assert reason in caught.value.reason


def test_an_exercise_carries_its_task_and_the_calculators_solution() -> None:
    html = render(EXERCISE)
    form = re.search(r"<form [^>]*>", html)
    assert form is not None
    attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', form.group(0)))
    assert attributes["class"] == "exercise"
    assert attributes["data-calculator"] == "customer_lifetime_value"
    assert attributes["data-output"] == "clv"
    assert json.loads(unescape(attributes["data-inputs"]))["retention_rate"] == 80
    assert json.loads(unescape(attributes["data-precision"])) == 1
    assert (
        json.loads(unescape(attributes["data-mistakes"]))[0]["hint"] == "Du har brukt omsetningen."
    )
    assert "Svar i hele kroner." in html
    assert 'class="exercise-feedback" data-result=""' in html
    # The solution: the calculator's own steps for the task's numbers, and the answer.
    steps = evaluate(
        "customer_lifetime_value",
        {"margin_per_period": 1000, "retention_rate": 80, "discount_rate": 10},
    )["steps"]
    for step in steps:
        assert f"<li>{step}</li>" in html
    assert "<strong>2\u00a0667\u00a0kr</strong>" in html
    assert 'data-calculator-link="customer_lifetime_value"' in html
    assert "#customer_lifetime_value.margin_per_period=1000&amp;" in html


@pytest.mark.parametrize(
    ("change", "line", "reason"),
    [
        (("| customer_lifetime_value", "| ukjent"), 1, "ukjent kalkulator «ukjent»"),
        ((" | customer_lifetime_value", ""), 1, "skriv hvilken kalkulator oppgaven bruker"),
        (("answer: clv", "answer: cvl"), 7, "har ikke resultatet «cvl»"),
        (("  retention_rate: 80", "  retention: 80"), 3, "har ikke feltet «retention»"),
        (("  retention_rate: 80", "  retention_rate: 180"), 3, "retention_rate"),
        (("precision: 1", "precision: en"), 8, "«precision» må være et tall"),
        (("precision: 1\n", ""), 1, "oppgaven mangler precision"),
        (("{margin_per_period: 2000}", "{discount_rate: 10}"), 9, "gir det riktige svaret"),
        (("answer: clv", "answer: clv\nfarge: blå"), 8, "ukjent innstilling «farge»"),
    ],
)
def test_a_malformed_exercise_fails_with_its_line(
    change: tuple[str, str], line: int, reason: str
) -> None:
    with pytest.raises(CalculatorDirectiveError) as caught:
        render(EXERCISE.replace(*change))
    assert reason in caught.value.reason
    assert caught.value.line == line
