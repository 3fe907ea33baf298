"""The maintainers' reference: every calculator's fields and outputs, from the catalogue.

``docs/kalkulatorer/referanse.md`` holds a title, its description and the block::

    /// calculator-reference
    ///

which this preprocessor replaces, at build time and under any engine that runs the
extension, with the reference's Markdown. So the page lists exactly what the directive
accepts and never drifts from the code. Norwegian, rendered by the site's own extensions.
"""

from __future__ import annotations

import html
import importlib
import re
from typing import TYPE_CHECKING

from markdown.preprocessors import Preprocessor

from build_scripts.extension import grammar

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

    from markdown import Markdown

    from calculators.spec import Calculator, Field, Output

#: The block a page writes where the reference goes; it stands at the start of a line (the
#: reference is a page of its own), not inside a container.
BLOCK_OPENING = grammar.source_opening((grammar.REFERENCE,))
BLOCK_CLOSING = grammar.source_closing()


INTRODUCTION = """\
Denne siden lages automatisk fra kalkulatorkatalogen (`calculators/catalogue.py`) hver gang
nettstedet bygges, så den viser alltid det kalkulatorene faktisk godtar.

Sett inn en kalkulator ved å kopiere linjene under «Sett inn på en side». Mellom de to
linjene med `///` kan du gi et felt en annen startverdi (`feltnavn: verdi`), gi kalkulatoren
en annen overskrift (`title: Din overskrift`) og skjule «Slik regner vi» med
`show_method: false`. Verdiene skrives som i skjemaet: `12,5`, `1 000` og `80 %` går like
godt som `12.5`, `1000` og `80`. Se CONTRIBUTING.md i kodelageret for hele veiledningen.
"""


def reference_markdown(catalogue: Mapping[str, Calculator]) -> str:
    """Return the reference for every calculator in ``catalogue``, in its order.

    Args:
        catalogue: Calculator id → spec, normally ``calculators.CATALOGUE``.

    Returns:
        Markdown for Python-Markdown with the site's extensions (tables, attr_list,
        superfences): an introduction, a table of contents, then a heading per calculator
        with its id as anchor, the directive to copy, a table of fields (name, label, unit,
        default, bounds, integer/optional, choices) and a table of outputs (name, label,
        unit). The page's own title and description stay in its Markdown file.

    """
    parts = [INTRODUCTION]
    parts += ["| Kalkulator | Id |", "|---|---|"]
    parts += [f"| [{_cell(c.title)}](#{c.id}) | `{c.id}` |" for c in catalogue.values()]
    for calculator in catalogue.values():
        parts += ["", *_calculator_section(calculator)]
    return "\n".join(parts) + "\n"


class ReferencePreprocessor(Preprocessor):
    """Replace a ``/// calculator-reference`` block with the reference's lines."""

    def __init__(self, md: Markdown, catalogue: Callable[[], Mapping[str, Calculator]]) -> None:
        """Take the catalogue lazily: most pages have no reference block."""
        super().__init__(md)
        self._catalogue = catalogue

    def run(self, lines: list[str]) -> list[str]:
        """Return the lines with each reference block expanded."""
        result: list[str] = []
        inside = False
        for line in lines:
            if inside:
                inside = not ((closing := BLOCK_CLOSING.match(line)) and not closing["prefix"])
            elif (opening := BLOCK_OPENING.match(line)) and not opening["prefix"]:
                inside = True
                result += reference_markdown(self._catalogue()).split("\n")
            else:
                result.append(line)
        return result


def _calculator_section(calculator: Calculator) -> Iterator[str]:
    yield f"## {_inline(calculator.title)} {{#{calculator.id}}}"
    yield ""
    yield f"Id: `{calculator.id}`. {_inline(calculator.intro)}"
    yield ""
    yield "Sett inn på en side:"
    yield ""
    yield "```markdown"
    yield f"/// calculator | {calculator.id}"
    yield "///"
    yield "```"
    yield ""
    yield "### Felter"
    yield ""
    yield "| Felt | Ledetekst | Enhet | Startverdi | Minst | Høyst | Merknad |"
    yield "|---|---|---|---|---|---|---|"
    yield from (_field_row(field) for field in calculator.fields)
    yield ""
    yield "### Resultater"
    yield ""
    yield "| Resultat | Ledetekst | Enhet |"
    yield "|---|---|---|"
    yield from (_output_row(output) for output in calculator.outputs)


def _field_row(field: Field) -> str:
    notes = []
    if field.integer:
        notes.append("heltall")
    if field.optional:
        notes.append("kan stå tomt")
    if field.choices:
        listed = ", ".join(f"`{value}` ({_cell(label)})" for value, label in field.choices)
        notes.append(f"ett av {listed}")
    if field.columns:
        listed = ", ".join(f"`{c.role}` ({_cell(c.label)})" for c in field.columns)
        notes.append(f"kolonner: {listed}")
    cells = [
        f"`{field.name}`",
        _cell(field.label),
        _unit(field.unit),
        _default(field),
        _bound(field.minimum),
        _bound(field.maximum),
        "; ".join(notes),
    ]
    return "| " + " | ".join(cells) + " |"


def _output_row(output: Output) -> str:
    return f"| `{output.name}` | {_cell(output.label)} | {_unit(output.unit)} |"


def _default(field: Field) -> str:
    if field.default is None:
        return "(tomt)"
    if field.unit == "data":
        return "(oppdiktede eksempeldata)"
    if isinstance(field.default, str):
        return f"`{field.default}`"
    return _number(field.default)


def _bound(value: float | None) -> str:
    return "" if value is None else _number(value)


def _number(value: float) -> str:
    """Format a number the way readers read it: grouped, decimal comma, real minus sign."""
    # Imported here, like the directive does, so importing this module (from the plugin)
    # does not import the calculators before the plugin has reloaded them.
    from calculators.numbers import format_plain, format_value  # noqa: PLC0415

    if float(value).is_integer():
        return format_value(value, "count")
    return format_value(value, "count", decimals=len(format_plain(abs(value)).split(",")[1]))


def _unit(unit: str) -> str:
    # Imported when the page is made, not when the extension loads (see form_fields).
    names: Mapping[str, str] = importlib.import_module("calculators.spec").UNIT_NAMES
    return names.get(unit, unit)


def _inline(text: str) -> str:
    """Text from the spec as Markdown that shows it literally (no HTML, no emphasis)."""
    # Only ASCII whitespace collapses: the spec's no-break spaces ("95 %") must stay.
    escaped = html.escape(re.sub(r"[ \t\r\n]+", " ", text.strip()), quote=False)
    for character in "\\`*_[]":
        escaped = escaped.replace(character, "\\" + character)
    return escaped


def _cell(text: str) -> str:
    """Text from the spec for a table cell, where ``|`` would end the cell."""
    return _inline(text).replace("|", "\\|")


__all__ = ["reference_markdown"]
