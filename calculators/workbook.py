"""An Excel workbook (.xlsx) read as the rows of cells a reader would have copied from it.

A workbook is a zip of XML files. Only what a table needs is read: the first worksheet, its
shared and inline strings, and its numbers, written the way Norwegian Excel shows them when
the cells are copied: a decimal comma ("7,5"), dates as 31.12.2025 (a number whose cell
format is a date) and percentages as "80 %". The rest of the reading
(:mod:`calculators.table_data`) then treats them as pasted cells. Each row keeps the row
number Excel shows, so a message about a line names the sheet's own row.

``zipfile`` and ``xml.etree`` are imported only when a workbook arrives, since most readers
never pick one. The site's trimmed standard library keeps them all the same: it keeps every
module the calculators import, also inside a function.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator
    from xml.etree.ElementTree import Element
    from zipfile import ZipFile

#: A zip's first bytes: an .xlsx (or any other zip).
ZIP_START = b"PK\x03\x04"
#: An OLE compound file's first bytes: the old .xls, or a workbook saved with a password.
OLE_START = b"\xd0\xcf\x11\xe0"
#: The most XML a workbook may unpack to (a 50 MB file can hold ten times that).
MAX_XML_BYTES = 300_000_000

UNREADABLE = (
    "Filen kunne ikke leses som en Excel-arbeidsbok. Lagre den på nytt som "
    "«Excel-arbeidsbok (.xlsx)» eller «CSV (semikolondelt)», eller merk cellene, kopier dem "
    "og lim dem inn her."
)
OLD_OR_LOCKED = (
    "Dette ser ut som en eldre Excel-fil (.xls) eller en arbeidsbok med passord. Lagre den "
    "som «Excel-arbeidsbok (.xlsx)» uten passord eller som «CSV (semikolondelt)», eller "
    "merk cellene, kopier dem og lim dem inn her."
)
TOO_BIG = (
    "Arbeidsboken er for stor til å leses her. Lagre arket du vil bruke som "
    "«CSV (semikolondelt)» og velg den filen i stedet."
)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_OFFICE_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_WORKBOOK = "xl/workbook.xml"
#: Built-in number formats that show a date (ECMA-376, part 1, 18.8.30), and percentages.
_DATE_FORMATS = {14, 15, 16, 17, 22, *range(27, 32), *range(34, 37), *range(50, 59)}
_PERCENT_FORMATS = {9, 10}
# In a custom format: quoted text, [colours] and [$-414] locales, and escaped characters
# say nothing about what the number is.
_FORMAT_NOISE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_CELL_COLUMN = re.compile(r"[A-Z]+")
_LAST_DAY = 2_958_465  # 31.12.9999 in Excel's count of days


@dataclass(frozen=True, slots=True)
class Sheet:
    """The worksheet read from a workbook.

    Attributes:
        rows: The rows that hold a value, each a list of cell texts (empty cells ``""``).
        numbers: The row number Excel shows for each row.
        note: Which sheet was read, in Norwegian, when the workbook has more than one.

    """

    rows: list[list[str]]
    numbers: list[int]
    note: str = ""


def is_workbook(start: bytes) -> bool:
    """Whether a file starting with these bytes is a zip (an .xlsx, if it is a spreadsheet)."""
    return start.startswith(ZIP_START)


def read_sheet(raw: bytes | bytearray | memoryview) -> Sheet:
    """Read the first worksheet of an .xlsx file.

    Raises:
        ValueError: with a Norwegian message for a file that is no readable workbook, or
            one too big to unpack here.

    """
    import zipfile  # noqa: PLC0415 - see the module's docstring
    import zlib  # noqa: PLC0415
    from xml.etree.ElementTree import ParseError  # noqa: PLC0415

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as book:
            return _read(book)
    except _TooBigError:
        raise ValueError(TOO_BIG) from None
    except (
        zipfile.BadZipFile,
        zlib.error,  # a damaged compressed file
        KeyError,
        IndexError,
        ValueError,
        ParseError,
        EOFError,
        OSError,
        RuntimeError,  # an encrypted entry
        NotImplementedError,  # a compression zipfile does not know
    ):
        raise ValueError(UNREADABLE) from None


class _TooBigError(Exception):
    """The workbook unpacks to more than MAX_XML_BYTES."""


def _read(book: ZipFile) -> Sheet:
    if sum(info.file_size for info in book.infolist()) > MAX_XML_BYTES:
        raise _TooBigError
    workbook = _parse(book, _WORKBOOK)
    properties = workbook.find(f"{_MAIN}workbookPr")
    in_1904 = properties is not None and properties.get("date1904") in {"1", "true"}
    strings = _shared_strings(book)
    formats = _cell_formats(book)
    rows: list[list[str]] = []
    numbers: list[int] = []
    # The first in the order Excel shows them.
    sheets = workbook.findall(f"{_MAIN}sheets/{_MAIN}sheet")
    if not sheets:
        raise KeyError(_WORKBOOK)
    for number, cells in _sheet_rows(book, _sheet_path(book, sheets[0])):
        texts: list[str] = []
        for column, cell in cells:
            texts.extend([""] * (column - len(texts)))
            texts.append(_cell_text(cell, strings, formats, in_1904=in_1904))
        if any(text.strip() for text in texts):
            rows.append(texts)
            numbers.append(number)
    if len(sheets) < 2:  # noqa: PLR2004
        return Sheet(rows, numbers)
    name = sheets[0].get("name", "")
    note = f"Leste det første arket, «{name}», av {len(sheets)} ark i arbeidsboken."
    return Sheet(rows, numbers, note)


def _parse(book: ZipFile, name: str) -> Element:
    from xml.etree.ElementTree import fromstring  # noqa: PLC0415

    return fromstring(book.read(name))  # noqa: S314 - expat fetches nothing, limits entities


def _sheet_path(book: ZipFile, sheet: Element) -> str:
    """Return the path in the zip of a ``<sheet>``, through the workbook's relationships."""
    target = next(
        (
            rel.get("Target", "")
            for rel in _parse(book, "xl/_rels/workbook.xml.rels").iter(
                f"{_PACKAGE_REL}Relationship"
            )
            if rel.get("Id") == sheet.get(f"{_OFFICE_REL}id")
        ),
        None,
    )
    if target is None:
        raise KeyError(sheet.get("name", ""))
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(_WORKBOOK), target))


def _shared_strings(book: ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    return [_text_of(item) for item in _parse(book, "xl/sharedStrings.xml").iter(f"{_MAIN}si")]


def _text_of(item: Element) -> str:
    """Return a string item's text: its runs in order, not its phonetic guides (``rPh``)."""
    runs = [item, *item.findall(f"{_MAIN}r")]
    return "".join(t.text or "" for run in runs for t in run.findall(f"{_MAIN}t"))


def _cell_formats(book: ZipFile) -> list[str]:
    """Per cell style (a cell's ``s``): "date", "percent" or "" for any other number."""
    if "xl/styles.xml" not in book.namelist():
        return []
    styles = _parse(book, "xl/styles.xml")
    custom = {
        int(fmt.get("numFmtId", "0")): fmt.get("formatCode", "")
        for fmt in styles.iter(f"{_MAIN}numFmt")
    }
    kinds = []
    cell_styles = styles.find(f"{_MAIN}cellXfs")
    for xf in cell_styles.findall(f"{_MAIN}xf") if cell_styles is not None else []:
        format_id = int(xf.get("numFmtId", "0"))
        kinds.append(_format_kind(format_id, custom.get(format_id)))
    return kinds


def _format_kind(format_id: int, code: str | None) -> str:
    if code is None:
        if format_id in _DATE_FORMATS:
            return "date"
        return "percent" if format_id in _PERCENT_FORMATS else ""
    shown = _FORMAT_NOISE.sub("", code).split(";")[0].lower()
    if "d" in shown or "y" in shown or "å" in shown:
        return "date"
    return "percent" if "%" in shown else ""


def _sheet_rows(book: ZipFile, path: str) -> Iterator[tuple[int, list[tuple[int, Element]]]]:
    """Each ``<row>`` as (Excel's row number, [(column index, ``<c>``)]), read as it streams."""
    from xml.etree.ElementTree import iterparse  # noqa: PLC0415

    number = 0
    with book.open(path) as sheet:
        for _, row in iterparse(sheet):  # noqa: S314 - see _parse
            if row.tag != f"{_MAIN}row":
                continue
            number = int(row.get("r", number + 1))
            cells: list[tuple[int, Element]] = []
            for cell in row.findall(f"{_MAIN}c"):
                column = _column_index(cell.get("r"), len(cells))
                cells.append((column, cell))
            yield number, cells
            row.clear()


def _column_index(reference: str | None, position: int) -> int:
    """Column A is 0; a cell without a reference follows the one before it."""
    match = _CELL_COLUMN.match(reference or "")
    if match is None:
        return position
    index = 0
    for letter in match.group():
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _cell_text(cell: Element, strings: list[str], formats: list[str], *, in_1904: bool) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(f"{_MAIN}is")
        return _text_of(inline) if inline is not None else ""
    value = cell.findtext(f"{_MAIN}v") or ""
    if kind == "s":
        return strings[int(value)] if value else ""
    if kind == "b":
        return "SANN" if value == "1" else "USANN"
    if kind != "n" or not value:
        return value  # text from a formula, an error such as #DIV/0!, an ISO date
    style = int(cell.get("s", "0"))
    shown = formats[style] if style < len(formats) else ""
    return _number_cell(float(value), shown, in_1904=in_1904)


def _number_cell(number: float, shown: str, *, in_1904: bool) -> str:
    """Return a number cell's text as Excel shows it: as a date, a percentage or a number."""
    if shown == "date" and 0 <= number <= _LAST_DAY:
        return _date_text(number, in_1904=in_1904)
    if shown == "percent":
        return f"{_number_text(number * 100)}\u00a0%"
    return _number_text(number)


def _date_text(serial: float, *, in_1904: bool) -> str:
    """Excel's day count as 31.12.2025 (the 1900 system counts a 29 February 1900)."""
    days = int(serial)
    if in_1904:
        day = dt.date(1904, 1, 1) + dt.timedelta(days=days)
    elif days == 60:  # noqa: PLR2004 - the day Excel has and the calendar has not
        return "29.02.1900"
    else:
        day = dt.date(1899, 12, 31 if days < 60 else 30) + dt.timedelta(days=days)  # noqa: PLR2004
    return f"{day.day:02}.{day.month:02}.{day.year}"


def _number_text(number: float) -> str:
    """Write a number as Norwegian Excel copies it: no exponent, a decimal comma."""
    if number.is_integer() and abs(number) < 1e15:  # noqa: PLR2004
        return str(int(number))
    text = repr(number)
    if "e" in text:
        text = f"{number:.15f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
