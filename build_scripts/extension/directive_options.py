"""The options of a calculator directive: parsed, located and checked.

The lines between ``/// calculator | id`` and ``///`` are YAML. A key that names a field
overrides its default on this page (the value goes through the calculator's own validation,
by ``evaluate``); ``title`` and ``show_method`` change how the form looks. Whatever is wrong
raises :class:`CalculatorDirectiveError` with the line of the offending option.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from collections.abc import Mapping

    from calculators.spec import Calculator

#: Options that are not field names.
RESERVED_OPTIONS = ("title", "show_method")


class CalculatorDirectiveError(ValueError):
    """A calculator directive the build cannot render.

    ``str(error)`` reads ``"linje 12: ukjent kalkulator «foo» (kjente: …)"``; the MkDocs
    plugin puts the page path in front. Lines count from 1 in the Markdown text given to
    Python-Markdown (MkDocs has already removed the page's front matter by then).

    Attributes:
        reason: The message without the line.
        line: The line of the directive (or of the offending option), ``None`` if unknown.
    """

    def __init__(self, reason: str, line: int | None) -> None:
        """Store the reason and line; the message combines them."""
        super().__init__(reason if line is None else f"linje {line}: {reason}")
        self.reason = reason
        self.line = line


@dataclass(frozen=True, slots=True)
class Located:
    """An option value and the source line it was written on."""

    value: object
    line: int | None


@dataclass(frozen=True, slots=True)
class PageSettings:
    """The directive's options, checked against the calculator."""

    title: str
    show_method: bool
    overrides: dict[str, float | str | None]


def parse_options(body: str, first_line: int | None, line: int | None) -> dict[str, Located]:
    """Parse the YAML between the fences, remembering each option's line.

    Args:
        body: The text between the opening and the closing line.
        first_line: The source line ``body`` starts on, if known.
        line: The directive's opening line, for errors about the whole body.
    """
    if not body.strip():
        return {}
    text = textwrap.dedent(body)
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = first_line + mark.line if first_line is not None and mark is not None else line
        problem = getattr(error, "problem", None) or "ugyldig YAML"
        reason = f"kunne ikke lese innstillingene: {problem}"
        raise CalculatorDirectiveError(reason, where) from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        reason = "innstillingene må være linjer på formen «navn: verdi»"
        raise CalculatorDirectiveError(reason, line)
    located: dict[str, Located] = {}
    for key, value in loaded.items():
        name = str(key)
        where = line
        if first_line is not None:
            for offset, source_line in enumerate(text.split("\n")):
                if re.match(rf"\s*['\"]?{re.escape(name)}['\"]?\s*:", source_line):
                    where = first_line + offset
                    break
        located[name] = Located(value, where)
    return located


def page_settings(
    calculator: Calculator, options: Mapping[str, Located], *, show_method_default: bool
) -> PageSettings:
    """Split options into presentation settings and field overrides, checking each."""
    field_names = [f.name for f in calculator.fields]
    title, show_method = calculator.title, show_method_default
    overrides: dict[str, float | str | None] = {}
    for name, option in options.items():
        value = option.value
        if name == "title":
            if not isinstance(value, str) or not value.strip():
                reason = "title må være en tekst som ikke er tom"
                raise CalculatorDirectiveError(reason, option.line)
            title = value.strip()
        elif name == "show_method":
            if not isinstance(value, bool):
                reason = "show_method må være true eller false"
                raise CalculatorDirectiveError(reason, option.line)
            show_method = value
        elif name in field_names:
            if isinstance(value, bool) or not isinstance(value, int | float | str | None):
                reason = f"«{name}» må være et tall eller en tekst, ikke {value!r}"
                raise CalculatorDirectiveError(reason, option.line)
            overrides[name] = value
        else:
            known = ", ".join([*field_names, *RESERVED_OPTIONS])
            reason = f"ukjent innstilling «{name}» for «{calculator.id}» (kjente: {known})"
            raise CalculatorDirectiveError(reason, option.line)
    return PageSettings(title=title, show_method=show_method, overrides=overrides)


def raise_rejected(
    calculator: Calculator,
    errors: Mapping[str, str],
    options: Mapping[str, Located],
    line: int | None,
) -> None:
    """Fail with every message ``evaluate`` gave, at the first rejected option's line."""
    messages = "; ".join(f"{name or 'skjemaet'}: {message}" for name, message in errors.items())
    lines = [options[name].line for name in errors if name in options]
    where = next((found for found in lines if found is not None), line)
    reason = f"kalkulatoren «{calculator.id}» godtar ikke verdiene: {messages}"
    raise CalculatorDirectiveError(reason, where)
