"""The ``/// quiz`` directive: single-choice questions, each option with its explanation.

A maintainer writes::

    /// quiz
    ? Kunden handler hver uke, men bare fordi ingen andre leverer så nær. Hva kaller Dick
      og Basu det?

    - [ ] Ekte lojalitet
        Nei. Ekte lojalitet krever også en positiv holdning.
    - [x] Falsk lojalitet
        Riktig. Kjøpene gjentas, men holdningen er svak.
    ///

A question starts with ``? `` and may go on over lines indented by two spaces; its options
follow, ``- [x]`` for the one right option and ``- [ ]`` for the others, each with its
explanation on the lines below it indented by four spaces. Question, options and
explanations are Markdown. A malformed quiz fails the build with its line
(:class:`~build_scripts.extension.directive_options.CalculatorDirectiveError`).

The page contract (what the browser's quiz module and the tests rely on)::

    <form class="quiz" data-search-exclude>            one per directive; data-state="ready"
                                                       once the script answers back
      <fieldset class="quiz-question">                  one per question
        <legend>…</legend>
        <div class="quiz-options"> radios name=<question id>, value = option number,
                                   each labelled </div>
        <p class="quiz-feedback" role="status" data-result="">  "riktig" or "feil" after
                                   an answer, with the chosen option's explanation
        <details class="quiz-answer"><summary>Vis svaret</summary>
          <ol> one <li data-option=N> per option (the right one has data-correct): the
          option, whether it is right, and its explanation </ol></details>
      </fieldset>
      <p class="quiz-score" role="status"></p>  "4 av 6 riktige" once all are answered
      <button type="reset" hidden>Prøv igjen</button>
    </form>

Without JavaScript every answer and explanation is readable in the ``<details>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

from build_scripts.extension import grammar
from build_scripts.extension.blocks import Block, DirectiveBlockProcessor
from build_scripts.extension.directive_options import CalculatorDirectiveError
from build_scripts.extension.elements import add

if TYPE_CHECKING:
    from markdown import Markdown

    from build_scripts.extension.blocks import PageState, ReportError

MIN_OPTIONS, MAX_OPTIONS = 2, 5
SHOW_ANSWER = "Vis svaret"
TRY_AGAIN = "Prøv igjen"
RIGHT, WRONG = "Riktig svar.", "Feil svar."
QUESTION_LABEL = "Spørsmål {number} av {count}"

_QUESTION = re.compile(r"^\?[ \t]+(?P<text>\S.*)$")
_QUESTION_MORE = re.compile(r"^[ ]{2}(?P<text>\S.*)$")
_OPTION = re.compile(r"^-[ \t]+\[(?P<mark>[ xX])\][ \t]+(?P<text>\S.*)$")
_EXPLANATION = re.compile(r"^[ ]{4}(?P<text>\S.*)$")


@dataclass(slots=True)
class Option:
    """One answer: its text, whether it is the right one, and why."""

    text: str
    correct: bool
    line: int | None
    explanation: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Question:
    """One question with its options."""

    text: list[str]
    line: int | None
    options: list[Option] = field(default_factory=list)


def parse_quiz(body: str, first_line: int | None, line: int | None) -> list[Question]:
    """Read the quiz's questions; raise with the line of whatever is malformed."""
    questions: list[Question] = []
    last: str | None = None  # what the previous line was part of: question, option
    for offset, text in enumerate(body.split("\n")):
        where = None if first_line is None else first_line + offset
        if not text.strip():
            last = "blank" if last is not None else None
            continue
        if found := _QUESTION.match(text):
            questions.append(Question([found["text"]], where))
            last = "question"
        elif (found := _QUESTION_MORE.match(text)) and last == "question":
            questions[-1].text.append(found["text"])
        elif found := _OPTION.match(text):
            if not questions:
                reason = "et svaralternativ før det første spørsmålet (som begynner med «? »)"
                raise CalculatorDirectiveError(reason, where)
            correct = found["mark"] != " "
            questions[-1].options.append(Option(found["text"], correct, where))
            last = "option"
        elif (found := _EXPLANATION.match(text)) and last in {"option", "explanation"}:
            questions[-1].options[-1].explanation.append(found["text"])
            last = "explanation"
        else:
            reason = (
                "ukjent linje i quizen: et spørsmål begynner med «? », et svar med «- [x] » "
                "eller «- [ ] », og forklaringen står under svaret, rykket inn fire mellomrom"
            )
            raise CalculatorDirectiveError(reason, where)
    if not questions:
        reason = "quizen har ingen spørsmål (et spørsmål begynner med «? »)"
        raise CalculatorDirectiveError(reason, line)
    for question in questions:
        _check(question)
    return questions


def _check(question: Question) -> None:
    if not MIN_OPTIONS <= len(question.options) <= MAX_OPTIONS:
        reason = (
            f"spørsmålet må ha fra {MIN_OPTIONS} til {MAX_OPTIONS} svaralternativer, "
            f"har {len(question.options)}"
        )
        raise CalculatorDirectiveError(reason, question.line)
    right = sum(option.correct for option in question.options)
    if right != 1:
        reason = f"spørsmålet må ha nøyaktig ett riktig svar merket «- [x]», har {right}"
        raise CalculatorDirectiveError(reason, question.line)
    for option in question.options:
        if not option.explanation:
            reason = (
                f"svaret «{option.text}» mangler en forklaring (på linjene under, rykket inn "
                "fire mellomrom): hvorfor er det riktig eller feil?"
            )
            raise CalculatorDirectiveError(reason, option.line)


class QuizBlockProcessor(DirectiveBlockProcessor):
    """Turns a ``/// quiz`` block into the quiz's form."""

    NAME = grammar.QUIZ
    CALLED = "quizen"

    def __init__(self, md: Markdown, state: PageState, report_error: ReportError | None) -> None:
        """Share the page state (for ids) and the error reporter."""
        super().__init__(md, state, report_error)

    def render(self, parent: Element, block: Block) -> Element:  # noqa: ARG002 - the base's API
        """Build the quiz from its questions."""
        if block.opening.argument:
            reason = f"/// quiz tar ikke noe etter «|» (fant «{block.opening.argument}»)"
            raise CalculatorDirectiveError(reason, block.line)
        questions = parse_quiz(block.body, block.first_body_line, block.line)
        prefix = f"quiz-{self.state.next_number(self.NAME)}"
        # A form: the browser groups each question's radios in it, and Material's search
        # leaves it out whole (its exclusion goes by tag name, and forms do not nest).
        # method=dialog: outside a dialog such a form submits nowhere, whatever is pressed.
        quiz = Element(
            "form",
            {"class": "quiz", "id": prefix, "method": "dialog", "data-search-exclude": ""},
        )
        for number, question in enumerate(questions, start=1):
            self._add_question(quiz, question, f"{prefix}-{number}", number, len(questions))
        add(quiz, "p", {"class": "quiz-score", "role": "status"})
        add(quiz, "button", {"type": "reset", "hidden": "hidden"}, TRY_AGAIN)
        return quiz

    def _add_question(
        self, quiz: Element, question: Question, prefix: str, number: int, count: int
    ) -> None:
        fieldset = add(quiz, "fieldset", {"class": "quiz-question", "id": prefix})
        legend = add(fieldset, "legend")
        counter = QUESTION_LABEL.format(number=number, count=count)
        # A space after the number, so a screen reader does not run it into the question.
        add(legend, "span", {"class": "quiz-number"}, counter).tail = " "
        # Not atomic: the question is Markdown (emphasis, links, math).
        add(legend, "span", {"class": "quiz-text"}).text = " ".join(question.text)
        options = add(fieldset, "div", {"class": "quiz-options"})
        for index, option in enumerate(question.options):
            choice = add(options, "div", {"class": "quiz-option"})
            radio = {
                "type": "radio",
                "name": prefix,
                "id": f"{prefix}-{index}",
                "value": str(index),
            }
            add(choice, "input", radio)
            add(choice, "label", {"for": f"{prefix}-{index}"}).text = option.text
        add(fieldset, "p", {"class": "quiz-feedback", "role": "status", "data-result": ""})
        details = add(fieldset, "details", {"class": "quiz-answer"})
        add(details, "summary", None, SHOW_ANSWER)
        listing = add(details, "ol", {"class": "quiz-explanations"})
        for index, option in enumerate(question.options):
            attributes = {"data-option": str(index)}
            if option.correct:
                attributes["data-correct"] = ""
            item = add(listing, "li", attributes)
            heading = add(item, "p", {"class": "quiz-explained-option"})
            add(heading, "strong", None, RIGHT if option.correct else WRONG)
            add(heading, "span").text = f" {option.text}"
            explanation = add(item, "div", {"class": "quiz-explanation"})
            self.parser.parseChunk(explanation, "\n".join(option.explanation))
