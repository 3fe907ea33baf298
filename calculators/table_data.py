"""The reader's own table: which columns to use, every cell read, every bad line listed.

The one parser of the site's data fields, for build and browser alike. :mod:`.table_text`
turns what was pasted or picked into rows of cells; this module finds a header row by name,
chooses a column for each :class:`~calculators.spec.Column` the field looks for (the
reader's own choice first, then a header that names it, then a column whose content fits),
reads each chosen cell as a number (:func:`calculators.numbers.parse_number`, the site's
one number parser), a date (:func:`calculators.dates.parse_date`) or text, and sorts the
rows into used, blank and unreadable, with a Norwegian reason and the line for each
unreadable one. Only :class:`~calculators.errors.ValidationError` escapes.

Speed: every distinct cell text of a column is read once (100 000 answers hold eleven
different texts; 100 000 dated answers a few hundred dates), and rows are only looked at
one by one where a cell is blank or unreadable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING

from calculators.errors import ValidationError
from calculators.table_columns import (
    Bad,
    bad_reason,
    cell_reader,
    choose_columns,
    is_header,
    override_of,
)
from calculators.table_report import DataReport, report_of
from calculators.table_text import rows_of

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from calculators.spec import Column

#: How many rows after the first are looked at to find a header and to choose columns.
SAMPLE_ROWS = 500
#: How many unreadable lines the report lists (all of them are counted).
LISTED = 20
EMPTY = "Tabellen er tom. Lim inn cellene fra regnearket, eller velg en fil."


@dataclass(slots=True, eq=False)
class DataTable:
    """A data field's table after reading: the chosen columns' values for the rows used.

    Attributes:
        name: The data field's name.
        columns: The table's column names: its header cells, or ``Kolonne 1`` … without one.
        header: Whether the first row is a header.
        roles: The columns the field looked for.
        chosen: Role → 0-based column index, ``-1`` for none.
        how: Role → ``"valgt"`` (the reader's choice), ``"navn"`` (a header named it),
            ``"innhold"`` (its content fitted) or ``""`` (none found or a last resort).
        values: Role → one value per row kept: ``int`` (integer columns), ``float``,
            ``int`` dates (``yyyymmdd``) or ``str``; ``None`` for a blank cell.
        rows: Data rows that are not empty (the header not counted).
        blank: Rows skipped because the cells that matter are blank (not answers).
        used: Rows the analysis used; the analysis sets it (default: the rows kept).
        delimiter: The delimiter sniffed.
        encoding: How the text was encoded (``"UTF-8"``, ``"Windows-1252"``, ``"tekst"``).
        invalid_count: Unreadable rows, counted by the reader and the analysis.
        invalid: The first :data:`LISTED` unreadable rows as (line, reason), in line order.
        notes: Norwegian sentences the analysis adds to the summary.
        links: Links the analysis offers (``{"text", "href"}``; see ``DataReport``).
        memo: Results of the analysis, kept for the chart, table and steps.

    """

    name: str
    columns: list[str]
    header: bool
    roles: tuple[Column, ...]
    chosen: dict[str, int]
    how: dict[str, str]
    values: dict[str, list[object]] = field(default_factory=dict)
    rows: int = 0
    blank: int = 0
    used: int = 0
    delimiter: str = ";"
    encoding: str = "tekst"
    invalid_count: int = 0
    invalid: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)
    memo: dict[str, object] = field(default_factory=dict)
    kept_lines: list[int] | range = field(default_factory=list)

    def line(self, kept: int) -> int:
        """Return the line of the text that kept row number ``kept`` starts on."""
        return self.kept_lines[kept]

    def reject(self, kept: int, reason: str) -> None:
        """Count a kept row as unreadable after all (the analysis found it wrong)."""
        self.invalid_count += 1
        if len(self.invalid) < LISTED or self.line(kept) < self.invalid[-1][0]:
            self.invalid.append((self.line(kept), reason))
            self.invalid.sort()
            del self.invalid[LISTED:]

    def column_text(self, role: str) -> str:
        """``«Dato» (kolonne 2)`` for the role's column, ``""`` without one."""
        index = self.chosen.get(role, -1)
        if index < 0:
            return ""
        return f"«{_short(self.columns[index])}» (kolonne {index + 1})"

    def report(self) -> DataReport:
        """Return the JSON-friendly report pages show (see :class:`DataReport`)."""
        return report_of(self)


def _short(name: str) -> str:
    return name if len(name) <= 40 else f"{name[:39]}…"  # noqa: PLR2004


def _column(rows: Sequence[list[str]], index: int) -> list[str]:
    """One column's cells, ``""`` where a row is too short."""
    try:
        return list(map(itemgetter(index), rows))
    except IndexError:
        return [row[index] if len(row) > index else "" for row in rows]


def _occurrences(cells: list[str], texts: set[str]) -> list[int]:
    """Return the indices of the cells holding one of ``texts``, by ``list.index`` (in C)."""
    found: list[int] = []
    for text in texts:
        start = 0
        try:
            while True:
                start = cells.index(text, start)
                found.append(start)
                start += 1
        except ValueError:
            continue
    return found


def _without(values: list[object], dropped: list[int]) -> list[object]:
    """``values`` minus the (sorted) indices ``dropped``, joined from slices."""
    if not dropped:
        return values
    kept: list[object] = []
    previous = 0
    for index in dropped:
        kept.extend(values[previous:index])
        previous = index + 1
    kept.extend(values[previous:])
    return kept


def _names(first: list[str], width: int, *, header: bool) -> list[str]:
    names = []
    for index in range(width):
        cell = first[index].strip() if header and index < len(first) else ""
        names.append(" ".join(cell.split()) or f"Kolonne {index + 1}")
    return names


def _width(rows: Sequence[list[str]]) -> int:
    """Columns in use: the longest row once trailing empty cells are dropped."""
    width = 0
    for row in rows:
        end = len(row)
        while end and not row[end - 1].strip():
            end -= 1
        width = max(width, end)
    return width


class _Sorter:
    """Sorts a table's rows into kept, blank and unreadable, one role's column at a time."""

    def __init__(self, table: DataTable, data: list[list[str]], lines: list[int] | None) -> None:
        self.table = table
        self.data = data
        self.lines = lines
        self.offset = 0
        self.parsed: dict[str, list[object]] = {}
        self.problems: set[int] = set()

    def read(self, column: Column, index: int, *, watch_blank: bool) -> None:
        """Read one chosen column; remember the rows whose cell is unreadable (or blank).

        Args:
            column: The role the column is read for.
            index: The column's index.
            watch_blank: Whether a blank cell makes its row troubled: true for the columns
                whose blank cells skip or list their row, so every row with nothing in the
                chosen columns is among them too.

        """
        cells = _column(self.data, index)
        if column.kind == "text":
            # Text needs no reading: only blank cells matter (an id column holds as many
            # different texts as rows).
            blanks = {text for text in set(cells) if not text.strip()}
            self.parsed[column.role] = (
                [None if text in blanks else text for text in cells] if blanks else list(cells)
            )
            if watch_blank:
                self.problems.update(_occurrences(cells, blanks))
            return
        read = cell_reader(column)
        table = {text: read(text) for text in set(cells)}
        self.parsed[column.role] = list(map(table.__getitem__, cells))
        troubled = {
            text
            for text, value in table.items()
            if type(value) is Bad or (watch_blank and value is None)
        }
        self.problems.update(_occurrences(cells, troubled))

    def line_of(self, index: int) -> int:
        return self.lines[self.offset + index] if self.lines else self.offset + index + 1

    def sort(self, roles: Sequence[Column]) -> list[int]:
        """Decide each troubled row; return the (sorted) indices of rows not kept."""
        table = self.table
        dropped: list[int] = []
        for index in sorted(self.problems):
            cells = [(column, self.parsed[column.role][index]) for column in roles]
            bad = next((value for _, value in cells if type(value) is Bad), None)
            if bad is not None:
                self._invalid(index, bad_reason(bad))
            elif all(value is None for _, value in cells):
                if any(cell.strip() for cell in self.data[index]):
                    table.blank += 1
            else:
                missing = [c for c, v in cells if v is None and not c.optional]
                listed = [c for c in missing if c.if_blank == "list"]
                if listed:
                    self._invalid(
                        index, f"mangler {listed[0].label[0].lower()}{listed[0].label[1:]}"
                    )
                elif any(c.if_blank == "skip" for c in missing):
                    table.blank += 1
                else:
                    continue
            dropped.append(index)
        return dropped

    def _invalid(self, index: int, reason: str) -> None:
        self.table.invalid_count += 1
        if len(self.table.invalid) < LISTED:
            self.table.invalid.append((self.line_of(index), reason))


def read_table(
    raw: object,
    field_name: str,
    roles: tuple[Column, ...],
    overrides: Mapping[str, object],
) -> DataTable:
    """Read a data field's value into a :class:`DataTable`.

    Args:
        raw: Text (pasted cells, a typed CSV) or bytes (a file).
        field_name: The field's name, the key of any error.
        roles: The columns to look for.
        overrides: Role → the reader's choice as raw input: a 1-based column number,
            ``"0"`` for none (optional roles only), ``""`` or anything else for automatic.

    Returns:
        The table, its rows sorted; the analysis reads ``values`` and may reject rows.

    Raises:
        ValidationError: keyed by ``field_name`` (with the table's report in ``data``
            where there is a table), for no table, bytes that are no text, a quote left
            open, or no column for a role the field needs.

    """
    rows, lines, delimiter, encoding, notes = rows_of(raw, field_name)
    first = next((i for i, row in enumerate(rows) if any(cell.strip() for cell in row)), None)
    if first is None:
        raise ValidationError({field_name: EMPTY})
    sample = [row for row in rows[first + 1 : first + 1 + SAMPLE_ROWS] if row]
    header = is_header(rows[first], sample, roles)
    start = first + 1 if header else first
    data = rows[start:]
    width = _width([rows[first], *sample])
    columns = _names(rows[first], width, header=header)
    wanted = {role.role: override_of(overrides.get(role.role), role, width) for role in roles}
    chosen, how = choose_columns(
        roles, columns if header else None, data[:SAMPLE_ROWS], wanted, width
    )
    table = DataTable(
        name=field_name,
        columns=columns,
        header=header,
        roles=roles,
        chosen=chosen,
        how=how,
        delimiter=delimiter,
        encoding=encoding,
        notes=notes,
    )
    table.rows = len(data) - list(map(any, data)).count(False)
    missing = [role for role in roles if not role.optional and chosen[role.role] < 0]
    if missing:
        label = missing[0].label
        msg = (
            f"Fant ingen kolonne for «{label}». Velg en kolonne under, eller lim inn en tabell "
            "som har den."
        )
        raise ValidationError({field_name: msg}, data={field_name: table.report()})
    sorter = _Sorter(table, data, lines)
    sorter.offset = start
    used_roles = [role for role in roles if chosen[role.role] >= 0]
    watched = [r for r in used_roles if not r.optional and r.if_blank != "keep"]
    watched = watched or [r for r in used_roles if not r.optional][:1] or used_roles[:1]
    for role in used_roles:
        sorter.read(role, chosen[role.role], watch_blank=role in watched)
    dropped = sorter.sort(used_roles)
    table.values = {role.role: _without(sorter.parsed[role.role], dropped) for role in used_roles}
    all_lines: list[int] | range = (
        range(start + 1, start + 1 + len(data)) if lines is None else lines[start:]
    )
    table.kept_lines = _without(list(all_lines), dropped) if dropped else all_lines  # type: ignore[assignment]
    table.used = len(data) - len(dropped)
    return table


__all__ = ["EMPTY", "LISTED", "DataReport", "DataTable", "read_table"]
