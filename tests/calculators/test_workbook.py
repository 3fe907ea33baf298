"""Excel workbooks (.xlsx) as a reader picks them: written by openpyxl, read as pasted cells.

openpyxl writes the workbooks the way Excel and the tools around it do (shared strings,
styles with number formats, the 1900 and 1904 date systems), so the reader is checked
against files it did not write itself.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from calculators import evaluate
from calculators.errors import ValidationError
from calculators.table_text import WORKBOOK, rows_of
from calculators.workbook import TOO_BIG, UNREADABLE, read_sheet
from tests.workbooks import xlsx


def _zip(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


def _replace(raw: bytes, name: str, text: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        files = {item: source.read(item).decode() for item in source.namelist()}
    return _zip(files | {name: text})


def workbook_rows(raw: bytes) -> tuple[list[list[str]], list[int]]:
    sheet = read_sheet(raw)
    return sheet.rows, sheet.numbers


def test_cells_come_as_excel_shows_them_when_copied() -> None:
    raw = xlsx(
        [
            ["Dato", "Kunde", "Svar", "Andel", "Beløp"],
            [dt.date(2025, 1, 3), "Fjordbris AS", 9, 0.8, 1234.5],
            # Excel's dates and times have no time zone.
            [dt.datetime(2025, 12, 31, 14, 30), "Ærlig & Ødegård", 10, 0.125, -3],  # noqa: DTZ001
            [None, None, None, None, None],
            [dt.date(1904, 3, 1), "Tekst med ; og\nlinjeskift", 7.25, 1, 1e-7],
        ],
        formats={"D": "0.0%", "E": '#,##0.00 "kr"'},
    )
    rows, numbers = workbook_rows(raw)
    assert rows == [
        ["Dato", "Kunde", "Svar", "Andel", "Beløp"],
        ["03.01.2025", "Fjordbris AS", "9", "80\u00a0%", "1234,5"],
        ["31.12.2025", "Ærlig & Ødegård", "10", "12,5\u00a0%", "-3"],
        ["01.03.1904", "Tekst med ; og\nlinjeskift", "7,25", "100\u00a0%", "0,0000001"],
    ]
    # The empty row 4 is left out; the others keep the row numbers Excel shows.
    assert numbers == [1, 2, 3, 5]


def test_a_sheet_that_starts_lower_and_skips_columns_keeps_its_places() -> None:
    book = Workbook()
    sheet = book.active
    sheet["B3"] = "Svar"
    sheet["D3"] = "Kommentar"
    sheet["B4"] = 8
    sheet["D5"] = "bare en kommentar"
    out = io.BytesIO()
    book.save(out)
    rows, numbers = workbook_rows(out.getvalue())
    assert rows == [["", "Svar", "", "Kommentar"], ["", "8"], ["", "", "", "bare en kommentar"]]
    assert numbers == [3, 4, 5]


def test_the_1904_date_system_and_excels_own_29_february_1900() -> None:
    book = Workbook()
    # Excel for Mac's old default; Excel's dates have no time zone.
    book.epoch = dt.datetime(1904, 1, 1)  # type: ignore[assignment]  # noqa: DTZ001
    sheet = book.active
    sheet.append(["Dato"])
    sheet.append([dt.date(2025, 6, 30)])
    out = io.BytesIO()
    book.save(out)
    assert workbook_rows(out.getvalue())[0] == [["Dato"], ["30.06.2025"]]
    # Serial 60 in the 1900 system is a day Excel counts and the calendar does not.
    raw = xlsx([["Dato"], [59], [60], [61]], formats={"A": "dd.mm.yyyy"})
    assert workbook_rows(raw)[0] == [["Dato"], ["28.02.1900"], ["29.02.1900"], ["01.03.1900"]]


def test_only_the_first_sheet_is_read_and_the_reader_is_told_which() -> None:
    book = Workbook()
    book.active.title = "Svar fra mai"
    for row in (["Svar"], [10], [9], [6]):
        book.active.append(row)
    book.create_sheet("Notater").append(["ikke", "dette"])
    out = io.BytesIO()
    book.save(out)
    assert workbook_rows(out.getvalue())[0] == [["Svar"], ["10"], ["9"], ["6"]]
    result = evaluate("nps_survey", {"answers": out.getvalue()})
    assert result["errors"] == {}
    assert result["data"]["answers"]["summary"].endswith(
        "Leste det første arket, «Svar fra mai», av 2 ark i arbeidsboken."
    )
    # One sheet: nothing to say.
    single = evaluate("nps_survey", {"answers": xlsx([["Svar"], [10], [9]])})
    assert "arket" not in single["data"]["answers"]["summary"]


def test_an_nps_export_as_xlsx_gives_the_same_results_as_its_csv() -> None:
    answers = [9, 10, 3, 8, 10, 6, 7, 10]
    raw = xlsx(
        [["Dato", "Hvor sannsynlig er det at du vil anbefale oss?"]]
        + [[dt.date(2025, 1, 2 + n), score] for n, score in enumerate(answers)]
    )
    csv = "Dato;Hvor sannsynlig er det at du vil anbefale oss?\n" + "".join(
        f"{2 + n:02}.01.2025;{score}\n" for n, score in enumerate(answers)
    )
    from_book = evaluate("nps_survey", {"answers": raw})
    assert from_book["errors"] == {}
    assert from_book["display"] == evaluate("nps_survey", {"answers": csv})["display"]
    assert from_book["data"]["answers"]["encoding"] == WORKBOOK


def test_an_unreadable_line_is_named_by_its_excel_row() -> None:
    # Two empty rows above the header: the answer "vet ikke" is in Excel's row 5.
    raw = xlsx([[], [], ["Svar"], [4], ["vet ikke"], [5]])
    result = evaluate("csat_survey", {"answers": raw})
    assert result["errors"] == {}
    [invalid] = result["data"]["answers"]["invalid"]
    assert invalid["line"] == 5


@pytest.mark.parametrize(
    "raw",
    [
        b"PK\x03\x04 not really a zip",
        # A zip, but not a workbook (a Word document's or any archive's files).
        _zip({"word/document.xml": "<w:document/>"}),
        # A workbook whose sheet is not XML.
        _replace(xlsx([["Svar"], [1]]), "xl/worksheets/sheet1.xml", "<<<"),
    ],
    ids=["broken-zip", "not-a-workbook", "broken-sheet"],
)
def test_a_broken_workbook_gets_a_norwegian_message(raw: bytes) -> None:
    with pytest.raises(
        ValueError, match=r"^Filen kunne ikke leses som en Excel-arbeidsbok"
    ) as caught:
        workbook_rows(raw)
    assert str(caught.value) == UNREADABLE
    result = evaluate("nps_survey", {"answers": raw})
    assert result["errors"] == {"answers": UNREADABLE}


def test_a_workbook_that_unpacks_too_far_is_refused_before_it_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("calculators.workbook.MAX_XML_BYTES", 1000)
    raw = xlsx([["Svar"], *([n % 11] for n in range(500))])
    with pytest.raises(ValueError, match="for stor"):
        workbook_rows(raw)
    with pytest.raises(ValidationError) as caught:
        rows_of(raw, "answers")
    assert caught.value.errors == {"answers": TOO_BIG}


# As Excel itself writes a workbook (openpyxl writes strings inline and targets with a
# leading slash): shared strings, one with rich-text runs and a phonetic guide, built-in
# number formats (14 a date, 9 a percentage), a boolean, a formula's text and error, a
# cell without its reference, and the worksheet named relative to the workbook.
EXCEL_FILES = {
    "[Content_Types].xml": "<Types/>",
    "xl/workbook.xml": (
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<workbookPr/><sheets><sheet name="Svar" sheetId="1" r:id="rId1"/>'
        '<sheet name="Pivot" sheetId="2" r:id="rId2"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId2" Type="worksheet" Target="worksheets/sheet2.xml"/>'
        '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    ),
    "xl/sharedStrings.xml": (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<si><t>Dato</t></si><si><t>Svar</t></si>"
        '<si><r><t>Kunde</t></r><r><rPr><b/></rPr><t xml:space="preserve"> (navn)</t></r>'
        "<rPh><t>ignored</t></rPh></si><si><t>Ålesund Fisk</t></si></sst>"
    ),
    "xl/styles.xml": (
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="[$-414]d\\.\\ mmmm\\ yyyy;@"/>'
        '</numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/>'
        '<xf numFmtId="9"/><xf numFmtId="164"/></cellXfs></styleSheet>'
    ),
    "xl/worksheets/sheet1.xml": (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>"
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c>'
        '<c r="C1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>Andel</t></is></c></row>'
        '<row r="2"><c r="A2" s="1"><v>45658</v></c><c r="B2" t="s"><v>3</v></c>'
        '<c r="C2"><v>9</v></c><c r="D2" s="2"><v>0.755</v></c></row>'
        '<row r="3"><c r="A3" s="3"><v>45659</v></c><c t="b"><v>1</v></c>'
        '<c t="str"><f>B2</f><v>formel</v></c><c t="e"><v>#DIV/0!</v></c></row>'
        '<row><c r="B4" t="b"><v>0</v></c><c r="C4" s="9"><v>7</v></c><c r="D4"/></row>'
        "</sheetData></worksheet>"
    ),
    "xl/worksheets/sheet2.xml": (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>'
    ),
}


def test_a_workbook_as_excel_writes_it() -> None:
    rows, numbers = workbook_rows(_zip(EXCEL_FILES))
    assert rows == [
        ["Dato", "Kunde (navn)", "Svar", "Andel"],
        ["01.01.2025", "Ålesund Fisk", "9", "75,5\u00a0%"],
        ["02.01.2025", "SANN", "formel", "#DIV/0!"],
        ["", "USANN", "7", ""],
    ]
    assert numbers == [1, 2, 3, 4]


def test_a_workbook_without_shared_strings_or_styles_still_reads() -> None:
    files = {
        name: text
        for name, text in EXCEL_FILES.items()
        if name not in {"xl/sharedStrings.xml", "xl/styles.xml"}
    }
    files["xl/worksheets/sheet1.xml"] = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Svar</t></is></c></row>'
        '<row r="2"><c r="A2" s="1"><v>8</v></c><c r="B2" t="s"><v></v></c></row>'
        "</sheetData></worksheet>"
    )
    assert workbook_rows(_zip(files)) == ([["Svar"], ["8", ""]], [1, 2])


def test_a_workbook_without_sheets_gets_the_message() -> None:
    files = EXCEL_FILES | {
        "xl/workbook.xml": (
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            "<sheets/></workbook>"
        )
    }
    with pytest.raises(ValueError, match=r"^Filen kunne ikke leses som en Excel-arbeidsbok"):
        workbook_rows(_zip(files))


DEFLATED = xlsx(
    [["Dato", "Svar", "Kunde"], *([dt.date(2025, 1, n), n % 11, f"K{n}"] for n in range(1, 29))]
)


def test_a_damaged_compressed_sheet_gets_the_message() -> None:
    damaged = bytearray(DEFLATED)
    with zipfile.ZipFile(io.BytesIO(DEFLATED)) as book:
        sheet = book.getinfo("xl/worksheets/sheet1.xml")
    # The local header is 30 bytes, the name and an extra field; then the deflate stream,
    # whose first block now has the type deflate does not have (0b11).
    start = sheet.header_offset + 30
    name_length, extra_length = struct.unpack("<HH", damaged[start - 4 : start])
    damaged[start + name_length + extra_length] = 0xFF
    with pytest.raises(ValueError, match=r"^Filen kunne ikke leses som en Excel-arbeidsbok"):
        workbook_rows(bytes(damaged))


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_damaged_workbook_gives_rows_or_the_message_never_a_crash(data: st.DataObject) -> None:
    # openpyxl deflates its files, as Excel does: damage can reach the decompressor too.
    good = bytearray(DEFLATED)
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(good) - 1))
        good[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(4, len(good)))
    try:
        rows, numbers = workbook_rows(bytes(good[:cut]))
    except ValueError as error:
        assert str(error) in {UNREADABLE, TOO_BIG}  # noqa: PT017 - either outcome is fine
    else:
        assert len(rows) == len(numbers)
        assert all(isinstance(cell, str) for row in rows for cell in row)


def test_a_sheet_its_relationships_do_not_name_gets_the_message() -> None:
    files = EXCEL_FILES | {
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId2" Type="worksheet" Target="worksheets/sheet2.xml"/>'
            "</Relationships>"
        )
    }
    with pytest.raises(ValueError, match=r"^Filen kunne ikke leses som en Excel-arbeidsbok"):
        workbook_rows(_zip(files))
