""" "Test deg selv" and the calculation tasks, used in Chromium the way a student uses them.

Every question on every page is answered with every option: exactly one says "riktig",
the others "feil", each with its own explanation, and the score counts. Every exercise is
answered right three Norwegian ways, wrong, and with each typical mistake, the hint naming
it, and then the solution is there. Without JavaScript the answers stay readable.
"""

from __future__ import annotations

import json
import math
import re
from html import unescape
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from calculators.exercises import Exercise, solve, wrong_answers
from calculators.numbers import NBSP, SUFFIX_BY_UNIT, format_value
from tests.browser.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT
from tests.browser.helpers import READY_TIMEOUT_MS, WCAG_21_AA, navigate_instantly, run_axe

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from tests.browser.conftest import NewPage
    from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser

_FORM = re.compile(r"<form [^>]*class=\"(quiz|exercise)\"[^>]*>")


def pages_with(built_site: BuiltSite, kind: str) -> list[str]:
    """The pages (URLs below the site root) that hold a quiz or an exercise."""
    found = []
    for html in sorted(built_site.directory.rglob("index.html")):
        if any(m.group(1) == kind for m in _FORM.finditer(html.read_text(encoding="utf-8"))):
            relative = html.parent.relative_to(built_site.directory).as_posix()
            found.append("" if relative == "." else relative + "/")
    return found


def feedback_of(question: Locator) -> tuple[str, str]:
    """The verdict ("riktig" or "feil") and the text the question shows, read at once."""
    result, text = question.locator(".quiz-feedback").evaluate(
        "(feedback) => [feedback.dataset.result ?? '', feedback.innerText]"
    )
    return result, text


def test_every_quiz_question_has_one_right_option_and_an_explanation_for_each(
    new_page: NewPage, site_url: str, built_site: BuiltSite
) -> None:
    pages = pages_with(built_site, "quiz")
    # Every concept page (relasjoner/, kunderelasjoner/, kundeokonomi/) has its quiz.
    for section in ("relasjoner/", "kunderelasjoner/", "kundeokonomi/"):
        concept = [
            html.parent.relative_to(built_site.directory).as_posix() + "/"
            for html in (built_site.directory / section).rglob("index.html")
        ]
        assert concept, section
        assert set(concept) <= set(pages), set(concept) - set(pages)
    page, _ = new_page(viewport=PHONE_VIEWPORT)
    questions_seen = 0
    for number, path in enumerate(pages):
        # Page to page as a student clicks through them (instant navigation).
        if number == 0:
            page.goto(site_url + path)
        else:
            navigate_instantly(page, site_url + path)
        expect(page.locator("form.quiz").first).to_have_attribute("data-state", "ready")
        for quiz in page.locator("form.quiz").all():
            questions = quiz.locator(".quiz-question").all()
            assert 5 <= len(questions) <= 8, path
            for question in questions:
                verdicts = answer_every_option(question)
                assert sorted(result for result, _ in verdicts) == ["feil"] * (
                    len(verdicts) - 1
                ) + ["riktig"], (path, verdicts)
                explanations = [text for _, text in verdicts]
                assert len(set(explanations)) == len(explanations), (path, explanations)
                questions_seen += 1
            check_the_score(quiz, len(questions))
    assert questions_seen >= 60


def answer_every_option(question: Locator) -> list[tuple[str, str]]:
    verdicts = []
    for label in question.locator(".quiz-option label").all():
        label.click()
        result, text = feedback_of(question)
        assert result in {"riktig", "feil"}
        # The verdict in words, then that option's own explanation.
        assert text.startswith("Riktig." if result == "riktig" else "Feil.")
        assert len(text) > len("Riktig. ") + 10
        verdicts.append((result, text))
    return verdicts


def check_the_score(quiz: Locator, count: int) -> None:
    """Answer every question right except the first, then start again."""
    questions = quiz.locator(".quiz-question").all()
    for index, question in enumerate(questions):
        right = question.locator(".quiz-explanations [data-correct]").get_attribute("data-option")
        wrong = "1" if right == "0" else "0"
        question.locator(f"label[for$='-{wrong if index == 0 else right}']").click()
    expect(quiz.locator(".quiz-score")).to_have_text(f"Du har {count - 1} av {count} riktige.")
    quiz.locator("button[type='reset']").click()
    expect(quiz.locator(".quiz-score")).to_have_text("")
    expect(quiz.locator(".quiz-feedback[data-result='riktig']")).to_have_count(0)
    expect(quiz.locator("input:checked")).to_have_count(0)


def task_of(form: Locator) -> dict[str, Any]:
    data = {
        name: unescape(form.get_attribute(f"data-{name}") or "")
        for name in ("calculator", "output", "inputs", "precision", "mistakes", "hint")
    }
    return {
        "calculator": data["calculator"],
        "output": data["output"],
        "inputs": json.loads(data["inputs"]),
        "precision": json.loads(data["precision"]),
        "mistakes": json.loads(data["mistakes"]),
        "hint": data["hint"],
    }


def norwegian_ways(value: float, precision: float, unit: str) -> list[str]:
    """The right answer as students type it: grouped, with more decimals and a unit, bare."""
    decimals = max(0, -math.floor(math.log10(precision) + 1e-9))
    suffix = SUFFIX_BY_UNIT.get(unit, "").replace(NBSP, " ")
    return [
        format_value(value, "count", decimals),  # "2 666,67" or "2 667"
        f"{value:.{decimals + 1}f}".replace(".", ",") + suffix,  # "2666,667 kr"
        f"{round(value, decimals):.{decimals}f}".replace(".", ","),  # "2667"
    ]


def submit(form: Locator, answer: str) -> tuple[str, str]:
    """Type an answer, press "Sjekk svaret", and return the verdict it gets."""
    form_id = form.get_attribute("id")
    # The verdicts shown from now on (the same verdict may come twice in a row).
    form.page.evaluate(
        """(id) => {
            const feedback = document.querySelector(`#${id} .exercise-feedback`);
            window.__verdicts = [];
            new MutationObserver(() => {
                if (["riktig", "feil", "ugyldig"].includes(feedback.dataset.result)) {
                    window.__verdicts.push([feedback.dataset.result, feedback.textContent]);
                }
            }).observe(feedback, { attributes: true, childList: true, characterData: true });
        }""",
        form_id,
    )
    form.locator("input[name='answer']").fill(answer)
    form.locator("button[type='submit']").click()
    form.page.wait_for_function("() => window.__verdicts.length > 0", timeout=READY_TIMEOUT_MS)
    result, text = form.page.evaluate("() => window.__verdicts.at(-1)")
    return result, text


def test_every_exercise_is_checked_by_the_calculator_and_names_the_mistakes(
    new_page: NewPage, site_url: str, built_site: BuiltSite
) -> None:
    pages = pages_with(built_site, "exercise")
    page, _ = new_page(viewport=DESKTOP_VIEWPORT)
    page.goto(site_url + pages[0])
    checked = 0
    for number, path in enumerate(pages):
        if number:
            navigate_instantly(page, site_url + path)
        for form in page.locator("form.exercise").all():
            check_one_exercise(form)
            checked += 1
    assert checked >= 10


def check_one_exercise(form: Locator) -> None:
    expect(form).to_have_attribute("data-state", "ready")
    task = task_of(form)
    exercise = Exercise.from_mapping(task)
    solution = solve(exercise)
    solution_box = form.locator(".exercise-solution")
    expect(solution_box).to_be_hidden()
    # A wrong answer no mistake explains: the general hint, then the solution is there.
    result, last = submit(form, str(round(solution.value * 3 + 17)))
    assert result == "feil", last
    assert exercise.hint in last
    expect(solution_box).to_be_visible()
    if solution_box.get_attribute("open") is None:
        solution_box.locator("summary").click()  # "Vis løsningen"
    steps = [step.strip() for step in form.locator(".calculator-steps li").all_inner_texts()]
    assert steps == list(solution.steps)
    # Each typical mistake is named.
    for wrong, hint in wrong_answers(exercise, solution):
        result, last = submit(form, f"{wrong:.6f}".replace(".", ","))
        assert (result, hint in last) == ("feil", True), (task, wrong, last)
    for typed in norwegian_ways(solution.value, exercise.precision, solution.output.unit):
        result, last = submit(form, typed)
        assert result == "riktig", (task, typed, last)
    result, last = submit(form, "ti")
    assert result == "ugyldig"


def test_without_javascript_every_answer_and_solution_is_readable(
    new_page: NewPage, site_url: str, built_site: BuiltSite
) -> None:
    page, _ = new_page(viewport=PHONE_VIEWPORT, java_script_enabled=False)
    for path in sorted(
        {*pages_with(built_site, "quiz")[:3], *pages_with(built_site, "exercise")[:2]}
    ):
        page.goto(site_url + path)
        for details in page.locator("details.quiz-answer, details.exercise-solution").all():
            details.locator("summary").click()
            body = details.inner_text()
            assert ("Riktig svar." in body) or ("Svar:" in body), body


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE_VIEWPORT, DESKTOP_VIEWPORT], ids=["phone", "desktop"])
def test_axe_finds_nothing_in_answered_quizzes_and_exercises(
    new_page: NewPage, site_url: str, scheme: str, viewport: dict[str, int]
) -> None:
    page, _ = new_page(viewport=viewport, color_scheme=scheme)
    page.goto(site_url + "kundeokonomi/")
    quiz = page.locator("form.quiz").first
    expect(quiz).to_have_attribute("data-state", "ready")
    expect(page.locator("form.exercise").first).to_have_attribute("data-state", "ready")
    quiz.locator(".quiz-question").first.locator("label").first.click()
    quiz.locator(".quiz-question").nth(1).locator("summary").click()
    form = page.locator("form.exercise").first
    submit(form, "1")
    for selector in ("form.quiz", "form.exercise"):
        violations = run_axe(page, WCAG_21_AA, selector)
        assert violations == [], violations
