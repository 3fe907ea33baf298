"""Reading one cell, recognising a header row and choosing a column for each role.

Part of :mod:`calculators.table_data`. Header names are compared *normalised*: case folded,
every run of punctuation and spacing made one space, so "Viktighet: Sosial kompetanse",
"viktighet - sosial  kompetanse" and "VIKTIGHET SOSIAL KOMPETANSE" are the same name. A
header matches a role exactly (it *is* one of the role's names or its label) or by words
(it holds one of them as whole words, as "Hvor sannsynlig er det at du vil anbefale oss?"
holds "anbefale"); exact matches are settled for every role before any match by words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from calculators.dates import DateError, parse_date
from calculators.numbers import format_plain, parse_number

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from calculators.spec import Column

_NON_WORD = re.compile(r"[\W_]+")
#: Roles whose content is checked first when columns are chosen by content: a date or a
#: number says more about a column than any text does.
_KIND_ORDER = {"date": 0, "integer": 1, "number": 2, "text": 3}
EXACT, BY_WORDS = 2, 1


class Bad:
    """A cell that cannot be read, with the Norwegian reason."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        """Keep the reason."""
        self.reason = reason


def bad_reason(bad: Bad) -> str:
    """Return the reason a cell cannot be read."""
    return bad.reason


def shown(text: str) -> str:
    """Cell text as a reason quotes it: stripped, at most 40 characters."""
    stripped = " ".join(text.split())
    return stripped if len(stripped) <= 40 else f"{stripped[:39]}…"  # noqa: PLR2004


def normalise(text: str) -> str:
    """Case folded, punctuation and spacing made single spaces: a header as compared."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _bound(value: float | None) -> str:
    return "" if value is None else format_plain(value)


def number_reason(column: Column, text: str) -> str:
    """«ti» er ikke et helt tall fra 0 til 10."""
    kind = "et helt tall" if column.kind == "integer" else "et tall"
    return (
        f"«{shown(text)}» er ikke {kind} fra {_bound(column.minimum)} til {_bound(column.maximum)}"
    )


def _number_reader(column: Column) -> Callable[[str], object]:
    low = float("-inf") if column.minimum is None else column.minimum
    high = float("inf") if column.maximum is None else column.maximum
    whole = column.kind == "integer"

    def read(text: str) -> object:
        stripped = text.strip()
        if not stripped:
            return None
        try:
            value = parse_number(stripped)
        except ValueError:
            return Bad(number_reason(column, stripped))
        if not low <= value <= high or (whole and not value.is_integer()):
            return Bad(number_reason(column, stripped))
        return int(value) if whole else value

    return read


def _read_date(text: str) -> object:
    stripped = text.strip()
    if not stripped:
        return None
    try:
        return parse_date(stripped)
    except DateError as error:
        return Bad(str(error))


def _read_text(text: str) -> object:
    return " ".join(text.split()) or None


def cell_reader(column: Column) -> Callable[[str], object]:
    """Return a function reading a cell of ``column``: its value, ``None`` if blank, or Bad.

    Integer columns give ``int``, number columns ``float``, date columns ``yyyymmdd`` as
    ``int``, text columns the text with its spacing tidied.
    """
    if column.kind == "date":
        return _read_date
    if column.kind == "text":
        return _read_text
    return _number_reader(column)


def fits(column: Column, cells: Sequence[str]) -> bool:
    """Whether at least one cell and at least half the non-blank cells read as ``column``."""
    read = cell_reader(column)
    counts = [0, 0]  # readable, non-blank
    for text, times in _tally(cells).items():
        value = read(text)
        if value is None:
            continue
        counts[1] += times
        if type(value) is not Bad:
            counts[0] += times
    return counts[0] > 0 and counts[0] * 2 >= counts[1]


def _tally(cells: Sequence[str]) -> dict[str, int]:
    tally: dict[str, int] = {}
    for text in cells:
        tally[text] = tally.get(text, 0) + 1
    return tally


def _is_value(text: str) -> bool:
    """Whether a cell holds a number or a date (so its row is data, not a header)."""
    try:
        parse_number(text)
    except ValueError:
        pass
    else:
        return True
    try:
        parse_date(text)
    except DateError:
        return False
    return True


def _role_names(role: Column) -> tuple[str, ...]:
    return tuple(n for n in (normalise(name) for name in (role.label, *role.names)) if n)


def match(header: str, role: Column) -> int:
    """How a header names ``role``: :data:`EXACT`, :data:`BY_WORDS` or 0."""
    normal = normalise(header)
    if not normal:
        return 0
    names = _role_names(role)
    if normal in names:
        return EXACT
    padded = f" {normal} "
    return BY_WORDS if any(f" {name} " in padded for name in names) else 0


def is_header(first: list[str], sample: Sequence[list[str]], roles: Sequence[Column]) -> bool:
    """Whether the first non-empty row is a header.

    It is when one of its cells names a role, or when none of its cells is a number or a
    date while the rows after it hold some.
    """
    cells = [cell for cell in first if cell.strip()]
    if any(match(cell, role) for cell in cells for role in roles):
        return True
    if any(_is_value(cell) for cell in cells):
        return False
    return not sample or any(_is_value(cell) for row in sample[:50] for cell in row if cell.strip())


def override_of(raw: object, role: Column, width: int) -> int | None:
    """Return the reader's column for ``role``: an index, ``-1`` for none, ``None`` for auto.

    ``raw`` is the 1-based column number as text (or a whole number); ``"0"`` chooses no
    column for an optional role. Anything else, a number beyond the table's width included,
    means automatic.
    """
    number: int | None = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        number = raw
    elif isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit():
        number = int(raw.strip())
    if number is None or number < 0:
        return None
    if number == 0:
        return -1 if role.optional else None
    return number - 1 if number <= width else None


class _Chooser:
    """The state of choosing columns: what is chosen, how, and which columns are taken."""

    def __init__(
        self, headers: Sequence[str] | None, sample: Sequence[list[str]], width: int
    ) -> None:
        self.headers = headers
        self.sample = sample
        self.width = width
        self.chosen: dict[str, int] = {}
        self.how: dict[str, str] = {}
        self.claimed: set[int] = set()
        self.fallback: dict[str, int] = {}
        self.named: set[int] = set()
        self._cells: dict[int, list[str]] = {}

    def cells(self, index: int) -> list[str]:
        if index not in self._cells:
            self._cells[index] = [row[index] if len(row) > index else "" for row in self.sample]
        return self._cells[index]

    def take(self, role: Column, index: int, how: str) -> None:
        self.chosen[role.role], self.how[role.role] = index, how
        if index >= 0:
            self.claimed.add(index)

    def by_name(self, roles: Sequence[Column], headers: Sequence[str], level: int) -> None:
        """Give each role a free column whose header names it at ``level`` and fits."""
        for role in roles:
            found = [i for i in range(self.width) if match(headers[i], role) == level]
            self.named.update(found)
            if role.role in self.chosen:
                continue
            # The header with the fewest other words first: "Kompetanse (1–7)" before
            # "Sosial kompetanse (1–7)" for the role "Kompetanse".
            free = sorted(
                (i for i in found if i not in self.claimed),
                key=lambda i: len(normalise(headers[i]).split()),
            )
            fitting = next((i for i in free if fits(role, self.cells(i))), None)
            if fitting is not None:
                self.take(role, fitting, "navn")
            elif free:
                self.fallback.setdefault(role.role, free[0])

    def by_content(self, roles: Sequence[Column]) -> None:
        """Give each role that may be guessed the first free, unnamed column that fits."""
        guessing = sorted(
            (role for role in roles if role.guess and role.role not in self.chosen),
            key=lambda role: _KIND_ORDER[role.kind],
        )
        for role in guessing:
            free = (i for i in range(self.width) if i not in self.claimed | self.named)
            fitting = next((i for i in free if fits(role, self.cells(i))), None)
            if fitting is not None:
                self.take(role, fitting, "innhold")

    def last_resort(self, roles: Sequence[Column]) -> None:
        """Settle the roles still without a column.

        None for an optional role; for a needed one a column whose header names it (its
        content did not fit), else, if it may be guessed, the first free column.
        """
        for role in roles:
            if role.role in self.chosen:
                continue
            index = self.fallback.get(role.role, -1) if not role.optional else -1
            if index < 0 and role.guess and not role.optional:
                free = [i for i in range(self.width) if i not in self.claimed]
                index = free[0] if free else -1
            self.take(role, index, "")


def choose_columns(
    roles: Sequence[Column],
    headers: Sequence[str] | None,
    sample: Sequence[list[str]],
    wanted: Mapping[str, int | None],
    width: int,
) -> tuple[dict[str, int], dict[str, str]]:
    """Choose a column for each role.

    The reader's choice first; then a header that names the role exactly, for every role,
    then one that holds its name as words; then, for roles that may be guessed, the first
    column not named by any header whose content fits; at last, for a role the field
    needs, a named column that did not fit, or the first free one if it may be guessed.

    Args:
        roles: The columns looked for, in the field's order.
        headers: The header's cells, or ``None`` when the table has no header.
        sample: Data rows to judge content by.
        wanted: Role → the reader's choice (see :func:`override_of`).
        width: The number of columns in use (trailing empty ones not counted).

    Returns:
        Role → column index (``-1`` for none) and role → how it was chosen (``"valgt"``,
        ``"navn"``, ``"innhold"``, or ``""`` for a last resort or none).

    """
    chooser = _Chooser(headers, sample, width)
    for role in roles:
        choice = wanted.get(role.role)
        if choice is not None:
            chooser.take(role, choice, "valgt")
    if headers is not None:
        for level in (EXACT, BY_WORDS):
            chooser.by_name(roles, headers, level)
    chooser.by_content(roles)
    chooser.last_resort(roles)
    return (
        {role.role: chooser.chosen[role.role] for role in roles},
        {role.role: chooser.how[role.role] for role in roles},
    )
