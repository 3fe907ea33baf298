r"""From what the reader pasted or picked to rows of cells: decoding, the delimiter, ``csv``.

The first half of reading a table (:mod:`calculators.table_data` does the second): bytes are
decoded (UTF-8 with or without a byte order mark; UTF-16 with one, which Excel's "Unicode
text" writes; otherwise Windows-1252, which Norwegian Excel's "CSV (semikolondelt)" writes,
so æ, ø and å survive), line ends are made ``\n``, the delimiter is sniffed among tab, ``;``
and ``,``, and the standard ``csv`` module splits the rows, quoted cells with delimiters and
line breaks inside included. Each row keeps the number of the line it starts on in the text.
An Excel workbook (.xlsx) skips all that: its first sheet's cells come as rows
(:mod:`calculators.workbook`), each with the row number Excel shows.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

# Looked up by name when decoding, never imported by a statement: named here so the site's
# trimmed standard library keeps them (see build_scripts/runtime/trim_stdlib.py).
from encodings import cp1252, utf_16

from calculators import workbook
from calculators.errors import ValidationError

#: How many lines the delimiter is sniffed from.
SNIFF_LINES = 30
_SNIFF_CHARACTERS = 65_536
_QUOTED = re.compile(r'"[^"]*"')
# A line that is a single Norwegian decimal number ("7,5"): its comma is no delimiter.
_DECIMAL_LINE = re.compile(r"\s*[-+\u2212]?\d+,\d+\s*")
_LETTER = re.compile(r"[^\W\d_]")
DELIMITER_NAMES = {"\t": "tabulator", ";": "semikolon", ",": "komma"}
#: The "encoding" of a table read from an Excel workbook's cells.
WORKBOOK = "Excel-arbeidsbok"

NOT_TEXT = (
    "Filen ser ikke ut som tekst. Lagre regnearket som CSV (semikolondelt) eller kopier "
    "cellene og lim dem inn her."
)


def decode(raw: bytes | bytearray | memoryview) -> tuple[str, str]:
    """Decode a file's bytes to text.

    Args:
        raw: The file as the browser hands it over (or as read from disk).

    Returns:
        The text without a byte order mark, and the encoding's name in Norwegian.

    Raises:
        ValueError: with a Norwegian message for bytes that are no text (NUL bytes without a
            UTF-16 byte order mark; an old .xls file).

    """
    view = memoryview(raw).cast("B")
    start = bytes(view[:4])
    if start.startswith(workbook.OLE_START):
        raise ValueError(workbook.OLD_OR_LOCKED)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return utf_16.decode(view, "replace")[0].removeprefix("\ufeff"), "UTF-16"
    if b"\x00" in bytes(view[:4096]):
        raise ValueError(NOT_TEXT)
    bom = start.startswith(codecs.BOM_UTF8)
    body = view[3:] if bom else view
    try:
        return codecs.utf_8_decode(body, "strict", True)[0], "UTF-8"  # noqa: FBT003
    except UnicodeDecodeError:
        # Not UTF-8: Norwegian Excel's CSV. Its five unused bytes become U+FFFD.
        return codecs.charmap_decode(body, "replace", cp1252.decoding_table)[0], "Windows-1252"


def as_text(raw: object) -> tuple[str, str]:
    """Return the text of a data field's raw value and how it was encoded.

    Raises:
        ValueError: for a value that is neither text nor bytes, or bytes that are no text.

    """
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff"), "tekst"
    if isinstance(raw, (bytes, bytearray, memoryview)):
        return decode(raw)
    raise TypeError


def normalise_lines(text: str) -> str:
    r"""Make every line end ``\n`` (Windows ``\r\n`` and old Mac ``\r`` alike)."""
    if "\r" in text:
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def sniff(text: str) -> str:
    """Choose the delimiter: tab, then ``;``, then ``,``; ``;`` when there is only one column.

    A comma is also the Norwegian decimal mark, so it counts as the delimiter only when the
    first line (a header) has one, or every sniffed line has the same number of commas and
    they are not all single decimal numbers ("7,5"). Quoted text is left out of the count.
    """
    sample = _QUOTED.sub("", text[:_SNIFF_CHARACTERS])
    lines = [line for line in sample.split("\n")[: SNIFF_LINES * 2] if line.strip()][:SNIFF_LINES]
    if not lines:
        return ";"
    for delimiter in ("\t", ";"):
        having = sum(delimiter in line for line in lines)
        if delimiter in lines[0] or having * 2 >= len(lines):
            return delimiter
    counts = {line.count(",") for line in lines}
    if all(_DECIMAL_LINE.fullmatch(line) for line in lines):
        return ";"
    header = lines[0].count(",") > 0 and _LETTER.search(lines[0]) is not None
    if header or (len(counts) == 1 and counts != {0}):
        return ","
    return ";"


def read_rows(text: str, delimiter: str) -> tuple[list[list[str]], list[int] | None]:
    r"""Split normalised text into rows of cells with ``csv``.

    Args:
        text: Text whose lines end ``\n`` (see :func:`normalise_lines`).
        delimiter: The delimiter (see :func:`sniff`).

    Returns:
        The rows (an empty line gives ``[]``), and the line each row starts on, or ``None``
        when row *i* is line *i* + 1 (no cell spans lines), which saves a list as long as
        the file.

    Raises:
        ValueError: with a Norwegian message naming the line where ``csv`` gave up (an
            unclosed quote that swallowed the rest of a large file).

    """
    reader = csv.reader(io.StringIO(text, newline="\n"), delimiter=delimiter, strict=False)
    try:
        rows = list(reader)
    except csv.Error:
        raise ValueError(_broken_quote(text, delimiter)) from None
    physical = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    if len(rows) == physical:
        return rows, None
    lines: list[int] = []
    reader = csv.reader(io.StringIO(text, newline="\n"), delimiter=delimiter, strict=False)
    previous = 0
    for _ in reader:
        lines.append(previous + 1)
        previous = reader.line_num
    return rows, lines


def _broken_quote(text: str, delimiter: str) -> str:
    """Return the message for a row ``csv`` cannot read, naming the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline="\n"), delimiter=delimiter, strict=False)
    start = 1
    try:
        for _ in reader:
            start = reader.line_num + 1
    except csv.Error:
        pass
    return (
        f'Linje {start} kunne ikke leses: et anførselstegn (") ser ut til å mangle sin '
        "avslutning, så resten av teksten ble én celle. Rett linjen og prøv igjen."
    )


def rows_of(
    raw: object, field: str
) -> tuple[list[list[str]], list[int] | None, str, str, list[str]]:
    """Decode, sniff and split a data field's raw value; an Excel workbook gives its cells.

    Args:
        raw: Text or bytes.
        field: The field name, for the error's key.

    Returns:
        The rows, their line numbers (see :func:`read_rows`), the delimiter, the encoding and
        notes for the reader (which sheet of a workbook was read).

    Raises:
        ValidationError: keyed by ``field``, for bytes that are no text or no readable
            workbook, or a broken quote.

    """
    try:
        if isinstance(raw, (bytes, bytearray, memoryview)) and workbook.is_workbook(
            bytes(memoryview(raw).cast("B")[:4])
        ):
            sheet = workbook.read_sheet(raw)
            return sheet.rows, sheet.numbers, "\t", WORKBOOK, [sheet.note] if sheet.note else []
        text, encoding = as_text(raw)
        text = normalise_lines(text)
        delimiter = sniff(text)
        rows, lines = read_rows(text, delimiter)
    except TypeError:
        msg = "Lim inn en tabell (celler fra et regneark eller tekst med semikolon)."
        raise ValidationError({field: msg}) from None
    except ValueError as error:
        raise ValidationError({field: str(error)}) from None
    return rows, lines, delimiter, encoding, []
