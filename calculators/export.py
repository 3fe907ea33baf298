r"""A result table as CSV that Norwegian Excel opens right, for the page's "Last ned".

The browser calls :func:`table_csv` through the worker with the ``table`` an ``evaluate``
returned (:class:`calculators.api.TableData`), so no data is computed twice. The file is:

- UTF-8 with a byte order mark (``\ufeff`` first), so Excel reads æ, ø and å right;
- ``;`` between cells and ``\r\n`` after each row, as Norwegian Excel writes CSV;
- numbers from the table's raw values (``TableData.raw``), written with a decimal comma,
  no thousands grouping and an ASCII minus (``-1234,5``), with the unit in the column's
  header ("NPS (poeng)"), not in the cells, so Excel reads them as numbers; a table without
  raw values has its formatted cells read back with the site's number parser where they
  are numbers ("1 234,50 kr" → ``1234,5``), and kept as text where they are not;
- injection-safe (OWASP, "CSV Injection"): a text cell that starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return (after any spaces) gets a ``'`` in front, so a
  spreadsheet never runs it as a formula. Numbers the function writes itself are left as
  they are: a negative number stays a number.
"""

from __future__ import annotations

import csv
import io
import math
from typing import TYPE_CHECKING

from calculators.numbers import format_plain, parse_number

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

BOM = "\ufeff"
DELIMITER = ";"
LINE_END = "\r\n"
#: What a spreadsheet may take as the start of a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Raw numbers are rounded to this many decimals, so 0.1 + 0.2 is written 0,3.
DECIMALS = 10


def neutralise(text: str) -> str:
    """Put ``'`` before text a spreadsheet could take as a formula."""
    stripped = text.lstrip(" ")
    if stripped.startswith(FORMULA_STARTS):
        return f"'{text}"
    return text


def _number(value: float) -> str:
    return format_plain(round(value, DECIMALS))


def _raw_cell(value: object, shown: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return neutralise(str(value))
    if isinstance(value, (int, float)):
        if math.isfinite(value):
            return _number(float(value))
        return neutralise(shown)
    return neutralise(str(value))


def _shown_cell(text: str) -> str:
    try:
        return _number(parse_number(text))
    except ValueError:
        return neutralise(text)


def _header(columns: Sequence[str], units: Sequence[str]) -> list[str]:
    named = []
    for index, column in enumerate(columns):
        unit = units[index] if index < len(units) else ""
        named.append(neutralise(f"{column} ({unit})" if unit else column))
    return named


def table_csv(table: Mapping[str, object]) -> str:
    """Write a result table as CSV text for Norwegian Excel.

    Args:
        table: ``caption``, ``columns`` and ``rows`` (formatted cells), optionally ``raw``
            (the same cells as raw values) and ``units`` (per column), as
            :class:`calculators.api.TableData` holds them.

    Returns:
        The file's text, starting with the byte order mark; the browser saves it as
        UTF-8.

    """
    columns = [str(c) for c in _list(table.get("columns"))]
    units = [str(u) for u in _list(table.get("units"))]
    rows = [[str(cell) for cell in _list(row)] for row in _list(table.get("rows"))]
    raw = [_list(row) for row in _list(table.get("raw"))]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator=LINE_END)
    writer.writerow(_header(columns, units))
    use_raw = len(raw) == len(rows)
    for index, shown in enumerate(rows):
        if use_raw:
            values = raw[index]
            cells = [
                _raw_cell(values[i] if i < len(values) else None, text)
                for i, text in enumerate(shown)
            ]
        else:
            cells = [_shown_cell(text) for text in shown]
        writer.writerow(cells)
    return BOM + out.getvalue()


def _list(value: object) -> list[object]:
    """Return a list, tuple or JSON array as a list; anything else as an empty one."""
    if isinstance(value, (list, tuple)):
        return list(value)
    return []
