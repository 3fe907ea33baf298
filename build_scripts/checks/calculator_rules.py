"""What every calculator's spec must say, and the page it must have, named where to fix it.

The rules a new calculator meets (CONTRIBUTING.md, «Lag en ny kalkulator»): every field
has a label and a help text, a number field a smallest and a largest value (a choice field
its choices), a field is optional exactly when its default is empty, a data field the columns
it looks for and made-up sample data; every result a label and a help text; the calculator
an intro, a method, formulas, sources and caveats; and a page of its own under
``docs/kalkulatorer/`` that shows it (``/// calculator | id``). Each problem names the
calculator's module and the line of the field or result, in Norwegian, with the fix.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import TYPE_CHECKING

from build_scripts.checks.problems import Problem
from build_scripts.extension import grammar

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from calculators.spec import Calculator, Field, Output

#: Units a reader types a number in: they need bounds.
NUMBER_UNITS = ("kr", "%", "pp", "count", "periods", "months", "ratio", "score", "points")
CALCULATOR_PAGES = "kalkulatorer"


def check_calculators(
    docs: Path, catalogue: Mapping[str, Calculator] | None = None
) -> list[Problem]:
    """Check every calculator in the catalogue (``calculators.CATALOGUE`` by default)."""
    if catalogue is None:
        catalogue = importlib.import_module("calculators").CATALOGUE
    pages = _calculator_pages(docs)
    problems: list[Problem] = []
    for calculator in catalogue.values():
        problems += _calculator(calculator, pages)
    return problems


def _calculator(calculator: Calculator, pages: set[str]) -> list[Problem]:
    source = _Source(calculator)
    problems = [
        source.problem(f'id="{calculator.id}"', message)
        for message in _calculator_messages(calculator)
    ]
    for field in calculator.fields:
        problems += [
            source.problem(f'name="{field.name}"', f"feltet «{field.name}» {message}")
            for message in _field_messages(field)
        ]
    for output in calculator.outputs:
        problems += [
            source.problem(f'name="{output.name}"', f"resultatet «{output.name}» {message}")
            for message in _output_messages(output)
        ]
    if calculator.id not in pages:
        message = (
            f"«{calculator.id}» har ingen side under docs/{CALCULATOR_PAGES}/. Lag en side der med "
            f"«/// calculator | {calculator.id}» og «///» og før den inn i nav i mkdocs.yml."
        )
        problems.append(source.problem(f'id="{calculator.id}"', message))
    return problems


def _calculator_messages(calculator: Calculator) -> Iterator[str]:
    names = [field.name for field in calculator.fields]
    for name in sorted({n for n in names if names.count(n) > 1}):
        yield f"har feltet «{name}» flere ganger: hvert felt trenger sitt eget navn."
    for attribute, what in (
        ("intro", "intro (én eller to setninger: hvilket spørsmål kalkulatoren svarer på)"),
        ("method", "method (hvordan den regner, i ord)"),
        ("formulas", "formulas (formlene i TeX)"),
        ("sources", "sources (kildene, fra calculators/sources.py)"),
        ("caveats", "caveats (hva resultatet ikke sier)"),
    ):
        value = getattr(calculator, attribute)
        if not (value.strip() if isinstance(value, str) else value):
            yield f"«{calculator.id}» mangler {what}."


def _field_messages(field: Field) -> Iterator[str]:
    if not field.label.strip():
        yield "mangler label (ledeteksten leseren ser)."
    if not field.help.strip():
        yield "mangler help (én setning under feltet om hva som skal stå der)."
    if field.unit in NUMBER_UNITS and (field.minimum is None or field.maximum is None):
        yield (
            "mangler minimum eller maximum. Et tallfelt trenger begge, så en skrivefeil gir en "
            "melding i stedet for et meningsløst resultat (for eksempel maximum=1e9)."
        )
    if field.unit == "choice" and not field.choices:
        yield 'har unit="choice", men ingen choices (par av verdi og tekst).'
    if field.optional != (field.default is None):
        yield (
            "kan stå tomt bare når startverdien er tom: sett optional=True og default=None, "
            "eller optional=False og en startverdi."
        )
    if field.unit == "data" and (not field.columns or not isinstance(field.default, str)):
        yield "er et datafelt og trenger columns og oppdiktede eksempeldata som default."


def _output_messages(output: Output) -> Iterator[str]:
    if not output.label.strip():
        yield "mangler label."
    if not output.help.strip():
        yield "mangler help (hvordan leseren leser resultatet)."


class _Source:
    """The calculator's module as a file, to point at the line a problem is on."""

    def __init__(self, calculator: Calculator) -> None:
        module = inspect.getmodule(calculator.formula)
        source = inspect.getsourcefile(module) if module else None
        path = Path(source or "calculators/catalogue.py")
        try:
            self.path = path.resolve().relative_to(Path.cwd()).as_posix()
        except ValueError:
            self.path = path.as_posix()
        self.lines = path.read_text(encoding="utf-8").split("\n") if path.is_file() else []

    def problem(self, needle: str, message: str) -> Problem:
        """Return a problem on the first line naming ``needle`` (``name="x"``), else its name.

        A field made by a helper (``_count_field("promoters", …)``) is found by its name.
        """
        quoted = needle.partition("=")[2]
        line = next(
            (
                number
                for wanted in (needle, quoted)
                for number, text in enumerate(self.lines, start=1)
                if wanted in text
            ),
            1,
        )
        return Problem(path=self.path, line=line, column=1, message=message)


def _calculator_pages(docs: Path) -> set[str]:
    """Return the calculator ids the pages under docs/kalkulatorer/ show."""
    opening = grammar.source_opening((grammar.CALCULATOR,))
    found: set[str] = set()
    for page in sorted((docs / CALCULATOR_PAGES).glob("*.md")):
        for line in page.read_text(encoding="utf-8").split("\n"):
            if match := opening.match(line):
                found.add(grammar.Opening.of(match).argument)
    return found


__all__ = ["check_calculators"]
