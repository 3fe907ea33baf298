"""The one parser and the one formatter for Norwegian numbers.

Formatting follows ``Intl.NumberFormat('nb-NO')`` and Språkrådet: no-break space (U+00A0) as
the thousands separator and before ``kr`` and ``%``, decimal comma, and the real minus sign
(U+2212). Parsing accepts what people type: ``,`` or ``.`` as the decimal mark, spaces, no-break
spaces or narrow no-break spaces (U+202F) between groups of three digits, a trailing unit
(``kr``, ``%``, ``prosentpoeng`` …) and ``-``, ``−`` or ``–`` as the minus sign.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from calculators.spec import Field, Unit

NBSP = "\u00a0"
MINUS = "\u2212"

#: Decimals shown for each unit unless an output says otherwise.
DECIMALS_BY_UNIT: dict[str, int] = {
    "kr": 2,
    "%": 1,
    "pp": 1,
    "count": 0,
    "periods": 1,
    "months": 1,
    "ratio": 1,
    "score": 1,
    "points": 0,
}

#: Text after the number for each unit; ``ratio`` reads "3,2 : 1".
SUFFIX_BY_UNIT: dict[str, str] = {
    "kr": f"{NBSP}kr",
    "%": f"{NBSP}%",
    "pp": f"{NBSP}prosentpoeng",
    "periods": f"{NBSP}perioder",
    "months": f"{NBSP}måneder",
    "ratio": f"{NBSP}:{NBSP}1",
}

_UNIT_SUFFIX = re.compile(
    r"\s*(?:kr\.?|nok|%|prosentpoeng|pp|poeng|perioder|periode|måneder|måned|mnd\.?|:\s*1)$",
    re.IGNORECASE,
)
# Digits either ungrouped or grouped in threes by a space of any width people produce.
_NUMBER = re.compile(
    r"(?P<sign>[-+\u2212\u2013]?)"
    r"(?P<whole>[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+|[0-9]*)"
    r"(?:[.,](?P<fraction>[0-9]+))?"
)
_GROUP_SPACE = re.compile(r"[ \u00a0\u202f\u2009]")
# "1.000" or "12.500": many people write a dot between thousands, others mean a decimal.
# Guessing either way silently gives a result off by a factor of 1 000, so we ask instead.
_DOT_THOUSANDS = re.compile(r"[-+\u2212\u2013]?[1-9][0-9]{0,2}\.[0-9]{3}")


class AmbiguousNumberError(ValueError):
    """The text could be a whole number with a dot between thousands, or a decimal."""


def parse_number(text: str) -> float:
    """Parse a number as a Norwegian reader types it.

    Args:
        text: For example ``"1 234,5"``, ``"1.5"``, ``"80 %"``, ``"2 500 kr"``, ``"−3"``.

    Returns:
        The value as a finite float.

    Raises:
        AmbiguousNumberError: for ``"1.000"``-like text, which readers mean either way.
        ValueError: for anything else: empty text, letters, two decimal marks, badly
            grouped digits, ``nan``, ``inf`` or a number too large for a float.

    """
    stripped = _UNIT_SUFFIX.sub("", text.strip()).strip()
    if _DOT_THOUSANDS.fullmatch(stripped):
        msg = f"ambiguous dot: {text!r}"
        raise AmbiguousNumberError(msg)
    match = _NUMBER.fullmatch(stripped)
    if match is None or not (match["whole"] or match["fraction"]):
        msg = f"not a number: {text!r}"
        raise ValueError(msg)
    sign = "-" if match["sign"] in {"-", MINUS, "\u2013"} else ""
    whole = _GROUP_SPACE.sub("", match["whole"]) or "0"
    value = float(f"{sign}{whole}.{match['fraction'] or '0'}")
    if not math.isfinite(value):
        msg = f"number too large: {text!r}"
        raise ValueError(msg)
    return value


def decimals_for(unit: Unit, decimals: int | None = None) -> int:
    """Return the decimals used for ``unit`` unless ``decimals`` overrides them."""
    return DECIMALS_BY_UNIT.get(unit, 1) if decimals is None else decimals


def format_value(
    value: float | str,
    unit: Unit,
    decimals: int | None = None,
    *,
    infinite_text: str = "ubegrenset",
) -> str:
    """Format a result the Norwegian way.

    Args:
        value: The number (``math.inf`` for "unlimited"); strings are returned unchanged.
        unit: Decides the suffix and the default decimals (see ``DECIMALS_BY_UNIT``).
        decimals: Overrides the default decimals of the unit.
        infinite_text: Shown for ``math.inf`` (``"ubegrenset"`` or ``"aldri"``).

    Returns:
        For example ``"1 234,50 kr"``, ``"12,5 %"``, ``"−3"``, ``"3,2 : 1"`` (with no-break
        spaces), or ``infinite_text``.

    """
    if isinstance(value, str):
        return value
    if math.isinf(value):
        return infinite_text if value > 0 else f"{MINUS}{infinite_text}"
    if math.isnan(value):
        return "–"
    places = decimals_for(unit, decimals)
    digits = f"{abs(value):,.{places}f}".replace(",", NBSP).replace(".", ",")
    # -0.001 rounds to "0,00": the reader should not see a minus on a zero.
    negative = value < 0 and any(ch in "123456789" for ch in digits)
    return f"{MINUS if negative else ''}{digits}{SUFFIX_BY_UNIT.get(unit, '')}"


def format_plain(value: float) -> str:
    """Format a finite number without grouping or unit, decimal comma, ASCII minus.

    Uses the shortest text that reads back as the same float (``12.5`` → ``"12,5"``,
    ``1000.0`` → ``"1000"``, ``1e-7`` → ``"0,0000001"``).
    """
    number = float(value)  # int has no is_integer() before Python 3.12
    if number.is_integer():
        return str(int(number))
    return format(Decimal(repr(number)), "f").replace(".", ",")


def format_input_value(field: Field, value: float | str | None) -> str:
    """Write a value the way it goes into ``<input value="…">``: plain and editable.

    Args:
        field: The field the value belongs to (choice fields keep their value as is).
        value: The value; ``None`` (an empty optional field) gives ``""``.

    Returns:
        For example ``"1000"``, ``"12,5"``, ``"-250"``, ``"end"`` or ``""``; never grouping
        separators or a unit, so the reader can edit it directly.

    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if not math.isfinite(value):
        return ""
    if field.integer:
        return str(round(value))
    return format_plain(value)
