"""Dates as people write them in Norway, read by hand, and the periods they fall in.

A date is kept as one whole number, ``yyyymmdd`` (31.12.2025 is ``20251231``): it compares
and sorts like the date itself and costs nothing to store. It is read by splitting the text
by hand, not with ``datetime.strptime``, which is several times slower in the browser's
Python; a file with 100 000 dated answers has only a few hundred different dates, and the
table reader parses each of those once.

Accepted: ``31.12.2025``, ``1.2.2025``, ``31.12.25`` (years 00–69 are 2000–2069, 70–99 are
1970–1999), ``31/12/2025``, ``2025-12-31`` and ``2025.12.31``, each optionally followed by a
time (``31.12.2025 14:03``, ``2025-12-31T14:03:00Z``), which is ignored.
"""

from __future__ import annotations

from typing import Literal

#: A period a date falls in: a month, a quarter or a year.
Period = Literal["month", "quarter", "year"]

FIRST_YEAR, LAST_YEAR = 1900, 2199
_TWO_DIGIT_PIVOT = 70
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_FEBRUARY = 2
MONTH_NAMES = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)
#: Periods per year, and months per period.
PER_YEAR: dict[Period, int] = {"month": 12, "quarter": 4, "year": 1}
#: How the periods are named in Norwegian, singular and plural.
PERIOD_WORDS: dict[Period, tuple[str, str]] = {
    "month": ("måned", "måneder"),
    "quarter": ("kvartal", "kvartaler"),
    "year": ("år", "år"),
}
EXAMPLE = "31.12.2025"


class DateError(ValueError):
    """Text that is not a date, or a date that does not exist; the message says which."""


def _shown(text: str) -> str:
    """Quote text for a message: stripped and at most 40 characters."""
    stripped = text.strip()
    return stripped if len(stripped) <= 40 else f"{stripped[:39]}…"  # noqa: PLR2004


def not_a_date(text: str) -> str:
    """Return the reason for text that is no date at all."""
    return f"«{_shown(text)}» er ikke en dato (skriv for eksempel {EXAMPLE})"


def is_leap(year: int) -> bool:
    """Whether ``year`` has a 29 February."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """Return the number of days in ``month`` (1–12) of ``year``."""
    if month == _FEBRUARY and is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _digits(part: str) -> bool:
    return part.isascii() and part.isdigit()


def _split(text: str) -> tuple[str, str, str] | None:
    """Split a date (its time already removed) into year, month and day text, if it is one."""
    parts: list[str] | None
    if len(text) == 10 and text[4] == "-" and text[7] == "-":  # noqa: PLR2004 - 2025-12-31
        parts = [text[:4], text[5:7], text[8:]]
    else:
        parts = _parts(text)
    if parts is None or len(parts) != 3 or not all(_digits(part) for part in parts):  # noqa: PLR2004
        return None
    if len(parts[0]) == 4:  # noqa: PLR2004 - year first: 2025-12-31, 2025.12.31
        return parts[0], parts[1], parts[2]
    return parts[2], parts[1], parts[0]


def _parts(text: str) -> list[str] | None:
    for separator in ".-/":
        if separator in text:
            parts = text.rstrip(".").split(separator)
            break
    else:
        return None
    return parts


def parse_date(text: str) -> int:
    """Read a date as Norwegians write it.

    Args:
        text: For example ``"31.12.2025"``, ``"31.12.25"``, ``"2025-12-31"``,
            ``"31/12/2025"``, with or without a time after it.

    Returns:
        The date as ``yyyymmdd`` (``20251231``).

    Raises:
        DateError: with a Norwegian reason: not a date, a date that does not exist
            (``31.02.2025``), or a year outside 1900–2199.

    """
    stripped = text.strip()
    cut = stripped.find(" ")
    if cut > 0:
        stripped = stripped[:cut]
    cut = stripped.find("T")
    if cut > 0:
        stripped = stripped[:cut]
    parts = _split(stripped)
    if parts is None:
        raise DateError(not_a_date(text))
    year_text, month_text, day_text = parts
    if not (0 < len(month_text) <= 2 and 0 < len(day_text) <= 2 and len(year_text) in {2, 4}):  # noqa: PLR2004
        raise DateError(not_a_date(text))
    year, month, day = int(year_text), int(month_text), int(day_text)
    if len(year_text) == 2:  # noqa: PLR2004
        year += 2000 if year < _TWO_DIGIT_PIVOT else 1900
    if not FIRST_YEAR <= year <= LAST_YEAR:
        msg = f"«{_shown(text)}» har et årstall utenfor {FIRST_YEAR}–{LAST_YEAR}"
        raise DateError(msg)
    if not (1 <= month <= 12 and 1 <= day <= days_in_month(year, month)):  # noqa: PLR2004
        msg = f"«{_shown(text)}» er ikke en dato som finnes"
        raise DateError(msg)
    return year * 10000 + month * 100 + day


def iso(date: int) -> str:
    """Write a date as ``yyyy-mm-dd``, the form validated inputs carry."""
    return f"{date // 10000:04d}-{date // 100 % 100:02d}-{date % 100:02d}"


def norwegian(date: int) -> str:
    """Write a date the Norwegian way: ``31.12.2025``."""
    return f"{date % 100:02d}.{date // 100 % 100:02d}.{date // 10000:04d}"


def period_index(date: int, period: Period) -> int:
    """Return the number of the period ``date`` falls in (consecutive periods differ by 1)."""
    year, month = date // 10000, date // 100 % 100
    if period == "month":
        return year * 12 + month - 1
    if period == "quarter":
        return year * 4 + (month - 1) // 3
    return year


def first_day(index: int, period: Period) -> int:
    """Return the first day of the period numbered ``index``, as ``yyyymmdd``."""
    if period == "month":
        year, month = divmod(index, 12)
        return year * 10000 + (month + 1) * 100 + 1
    if period == "quarter":
        year, quarter = divmod(index, 4)
        return year * 10000 + (quarter * 3 + 1) * 100 + 1
    return index * 10000 + 101


def first_period_from(date: int, period: Period) -> int:
    """Return the first period whose first day is on or after ``date``."""
    index = period_index(date, period)
    return index if first_day(index, period) == date else index + 1


def period_name(index: int, period: Period) -> str:
    """Name a period in Norwegian: ``januar 2025``, ``1. kvartal 2025``, ``2025``."""
    if period == "month":
        year, month = divmod(index, 12)
        return f"{MONTH_NAMES[month]} {year}"
    if period == "quarter":
        year, quarter = divmod(index, 4)
        return f"{quarter + 1}. kvartal {year}"
    return str(index)
