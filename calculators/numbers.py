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


# Above this a float has no decimals worth writing (and Decimal's 28 digits would not do).
_NO_DECIMALS_ABOVE = 1e15


def _places_needed(value: float, most: int) -> int:
    """Return the decimals ``value`` needs once rounded to ``most`` places (no trailing 0)."""
    if abs(value) >= _NO_DECIMALS_ABOVE:
        return 0
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-most)).normalize()
    return max(0, -int(rounded.as_tuple().exponent))


def format_given(value: float, unit: Unit, *, most_decimals: int = 2) -> str:
    """Format a value the reader typed, for a worked step: only the decimals it has.

    Args:
        value: A finite number from a form field.
        unit: The field's unit (decides the suffix).
        most_decimals: Decimals beyond this are rounded away.

    Returns:
        For example ``"1 500 kr"``, ``"999,90 kr"``, ``"80 %"``, ``"12,5 %"``, ``"1 050"``;
        kroner with decimals always get two.

    """
    places = _places_needed(value, most_decimals)
    if unit == "kr" and places:
        places = max(places, 2)
    return format_value(value, unit, places)


def format_share(percent: float, *, plus_one: bool = False, most_decimals: int = 6) -> str:
    """Write a percentage as the share formulas use: 80 → ``"0,80"``, 12,5 → ``"0,125"``.

    Args:
        percent: A finite percentage (80 means 80 %).
        plus_one: Write 1 + the share instead (10 → ``"1,10"``), as in a discount factor.
        most_decimals: Decimals beyond this are rounded away.

    Returns:
        At least two decimals, more only when the share has them; Norwegian separators.

    """
    share = Decimal(repr(float(percent))).scaleb(-2) + (1 if plus_one else 0)
    places = max(2, _places_needed(float(share), most_decimals))
    return format_value(float(share), "ratio", places).removesuffix(SUFFIX_BY_UNIT["ratio"])


_SUPERSCRIPT = str.maketrans("0123456789t" + MINUS, "⁰¹²³⁴⁵⁶⁷⁸⁹ᵗ⁻")
#: (threshold, word) for :func:`format_compact`, largest first.
_SCALE_WORDS = ((1e9, "mrd."), (1e6, "mill."))
_COMPACT_LIMIT = 1e12


def superscript(text: str) -> str:
    """Write digits (and ``t``) as superscripts, for powers: ``"24"`` → ``"²⁴"``."""
    return text.translate(_SUPERSCRIPT)


def format_compact(value: float, unit: Unit) -> str:
    """Format a large number briefly, for chart labels: ``"2,5 mill. kr"``, ``"3 · 10¹⁴ kr"``.

    Args:
        value: A finite number.
        unit: Decides the suffix, as in :func:`format_value`.

    Returns:
        Below a million the number in full without decimals; up to a thousand billion
        with "mill." or "mrd." and at most two decimals; beyond that as a power of ten.

    """
    suffix = SUFFIX_BY_UNIT.get(unit, "")
    size = abs(value)
    if size >= _COMPACT_LIMIT:
        exponent = math.floor(math.log10(size))
        mantissa = value / 10**exponent
        digits = format_value(mantissa, "count", _places_needed(mantissa, 2))
        return f"{digits}{NBSP}·{NBSP}10{superscript(str(exponent))}{suffix}"
    for threshold, word in _SCALE_WORDS:
        if size >= threshold:
            scaled = value / threshold
            digits = format_value(scaled, "count", _places_needed(scaled, 2))
            return f"{digits}{NBSP}{word}{suffix}"
    return format_value(value, unit, 0)


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
