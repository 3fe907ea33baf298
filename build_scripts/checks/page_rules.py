"""What a concept page must hold, checked in its Markdown where the maintainer edits it.

Every page under ``relasjoner/``, ``kunderelasjoner/`` and ``kundeokonomi/`` teaches, so it
has, in this order (CONTRIBUTING.md, «Fagsider»)::

    # Tittel
    …innledning…
    !!! info "Læringsmål"            3–5 points, before the first ##
    !!! abstract "Kort oppsummert"   3–5 points, before the first ##
    ## …                             the page's sections
    ## Spørsmål til refleksjon       3–5 questions
    ## Test deg selv                 one /// quiz with 5–8 questions
    ## Kilder

and a section's index page also an ``## Eksamensoppgave`` with a collapsed model answer
(``??? example "Vis et løsningsforslag"``). The tests check the same of the built pages
(tests/site/test_learning_pages.py); here a maintainer learns it with the line to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_scripts.checks.problems import Problem
from build_scripts.extension import grammar

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

#: The folders of the teaching pages, below docs/.
CONCEPT_FOLDERS = ("relasjoner/", "kunderelasjoner/", "kundeokonomi/")
OBJECTIVES = "Læringsmål"
SUMMARY = "Kort oppsummert"
QUESTIONS = "Spørsmål til refleksjon"
QUIZ = "Test deg selv"
EXAM = "Eksamensoppgave"
SOURCES = "Kilder"
POINTS = range(3, 6)
#: The level of a page's sections (##).
SECTION = 2
QUIZ_QUESTIONS = range(5, 9)

_HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+(?P<title>.+?)[ \t]*(?:\{[^}]*\})?[ \t]*$")
_BOX = re.compile(r"^(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*[ \t]+\"(?P<title>[^\"]*)\"")
_POINT = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\S")
_QUIZ_OPENING = grammar.source_opening((grammar.QUIZ,))
_QUIZ_QUESTION = re.compile(r"^\?[ \t]+\S")
_FENCE = re.compile(r"^(`{3,}|~{3,})")


@dataclass(frozen=True, slots=True)
class _Heading:
    line: int  # from 1
    level: int
    title: str


def is_concept_page(docs_path: str) -> bool:
    """Whether a page (its path below docs/) is a teaching page the rules apply to."""
    return docs_path.startswith(CONCEPT_FOLDERS)


def check_page_rules(files: Iterable[tuple[str, str, str]]) -> list[Problem]:
    """Check each concept page: ``(shown path, path below docs/, text)`` triples."""
    problems: list[Problem] = []
    for shown, docs_path, text in files:
        if is_concept_page(docs_path):
            # A section's own index page: "relasjoner/index.md".
            index = docs_path in {f"{folder}index.md" for folder in CONCEPT_FOLDERS}
            problems += _page(shown, text.split("\n"), is_section_index=index)
    return problems


def _headings(lines: Sequence[str]) -> list[_Heading]:
    found, fence = [], ""
    for number, line in enumerate(lines, start=1):
        if match := _FENCE.match(line):
            fence = "" if fence and match.group(1).startswith(fence) else fence or match.group(1)
            continue
        if not fence and (heading := _HEADING.match(line)):
            found.append(_Heading(number, len(heading["level"]), heading["title"].strip()))
    return found


def _page(path: str, lines: Sequence[str], *, is_section_index: bool) -> list[Problem]:
    headings = _headings(lines)
    found = [
        *_boxes(lines, headings),
        *_sections(lines, headings, is_section_index=is_section_index),
    ]
    return [Problem(path=path, line=line, column=1, message=message) for line, message in found]


def _boxes(lines: Sequence[str], headings: Sequence[_Heading]) -> Iterator[tuple[int, str]]:
    """Check Læringsmål and Kort oppsummert: before the first section, 3–5 points each."""
    first_section = next((h.line for h in headings if h.level == SECTION), len(lines) + 1)
    for title, example in (
        (OBJECTIVES, 'info "Læringsmål"'),
        (SUMMARY, 'abstract "Kort oppsummert"'),
    ):
        box = _box(lines, title)
        if box is None or box > first_section:
            yield (
                first_section if box is None else box,
                (
                    f"«{title}» mangler før den første overskriften med ##. Skriv "
                    f"«!!! {example}» med {_points()} punkter rett etter innledningen."
                ),
            )
        elif (count := _points_in_box(lines, box)) not in POINTS:
            yield box, f"«{title}» har {count} punkter; skriv {_points()}."


def _sections(
    lines: Sequence[str], headings: Sequence[_Heading], *, is_section_index: bool
) -> Iterator[tuple[int, str]]:
    """Check the closing sections: there, before Kilder, each as full as it should be."""
    sections = {h.title: h for h in headings if h.level == SECTION}
    sources = sections.get(SOURCES)
    if sources is None:
        yield len(lines), f"Siden mangler «## {SOURCES}» til slutt, med kildene den bygger på."
    for title in (QUESTIONS, QUIZ, *((EXAM,) if is_section_index else ())):
        heading = sections.get(title)
        if heading is None:
            where = sources.line if sources else len(lines)
            yield where, f"Siden mangler «## {title}» før «## {SOURCES}». {_how(title)}"
        elif sources is not None and heading.line > sources.line:
            yield heading.line, f"«## {title}» skal stå før «## {SOURCES}»."
    if (questions := sections.get(QUESTIONS)) is not None:
        count = _points_in_section(lines, questions, headings)
        if count not in POINTS:
            yield questions.line, f"«{QUESTIONS}» har {count} spørsmål; skriv {_points()}."
    if (quiz := sections.get(QUIZ)) is not None:
        yield from _quiz_section(lines, quiz, headings)
    if is_section_index and (exam := sections.get(EXAM)) is not None:
        body = _section_lines(lines, exam, headings)
        if not any(line.startswith("???") and _BOX.match(line) for line in body):
            yield exam.line, f"«{EXAM}» mangler et sammenslått løsningsforslag. {_how(EXAM)}"


def _quiz_section(
    lines: Sequence[str], quiz: _Heading, headings: Sequence[_Heading]
) -> Iterator[tuple[int, str]]:
    body = _section_lines(lines, quiz, headings)
    openings = [i for i, line in enumerate(body) if _QUIZ_OPENING.match(line)]
    if len(openings) != 1:
        yield (
            quiz.line,
            f"«{QUIZ}» skal ha nøyaktig én «/// quiz», har {len(openings)}. {_how(QUIZ)}",
        )
        return
    count = sum(1 for line in body if _QUIZ_QUESTION.match(line))
    if count not in QUIZ_QUESTIONS:
        yield (
            quiz.line + 1 + openings[0],
            (
                f"Quizen har {count} spørsmål; skriv fra {QUIZ_QUESTIONS.start} til "
                f"{QUIZ_QUESTIONS.stop - 1} (hvert begynner med «? »)."
            ),
        )


def _box(lines: Sequence[str], title: str) -> int | None:
    """Return the line (from 1) of the admonition with this title, if any."""
    for number, line in enumerate(lines, start=1):
        if (box := _BOX.match(line)) and box["title"] == title:
            return number
    return None


def _points_in_box(lines: Sequence[str], box: int) -> int:
    count = 0
    for line in lines[box:]:
        if line.strip() and not line.startswith((" ", "\t")):
            break
        count += bool(_POINT.match(line))
    return count


def _section_lines(
    lines: Sequence[str], heading: _Heading, headings: Sequence[_Heading]
) -> list[str]:
    end = next(
        (h.line for h in headings if h.line > heading.line and h.level <= heading.level),
        len(lines) + 1,
    )
    return list(lines[heading.line : end - 1])


def _points_in_section(
    lines: Sequence[str], heading: _Heading, headings: Sequence[_Heading]
) -> int:
    return sum(
        1
        for line in _section_lines(lines, heading, headings)
        if _POINT.match(line) and not line.startswith((" ", "\t"))
    )


def _points() -> str:
    return f"{POINTS.start}–{POINTS.stop - 1}"


def _how(title: str) -> str:
    return {
        QUESTIONS: f"Skriv {_points()} spørsmål en student uten jobb kan svare på.",
        QUIZ: "Se CONTRIBUTING.md, «Test deg selv», for hvordan en quiz skrives.",
        EXAM: (
            "Skriv en drøftingsoppgave og et løsningsforslag under "
            '«??? example "Vis et løsningsforslag"».'
        ),
    }.get(title, "")
