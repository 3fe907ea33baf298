"""The one table parser: real-world shapes, encodings, headers, column choices, bad lines."""

from __future__ import annotations

import codecs

import pytest

from calculators import ValidationError
from calculators.spec import Column
from calculators.table_data import EMPTY, DataTable, read_table
from calculators.table_report import lower_first
from calculators.table_text import sniff
from calculators.workbook import OLD_OR_LOCKED, UNREADABLE

ANSWER = Column(
    role="answer",
    label="Svar (0–10)",
    names=("svar", "score", "anbefale", "nps", "recommend"),
    kind="integer",
    minimum=0,
    maximum=10,
)
DATE = Column(
    role="date", label="Dato", names=("dato", "date", "timestamp"), kind="date", optional=True
)
SURVEY = (ANSWER, DATE)
POINTS = Column(
    role="points", label="Poeng", names=("poeng",), kind="number", minimum=-1e9, maximum=1e9
)
CUSTOMER = Column(
    role="id",
    label="Kunde",
    names=("kunde", "customer id"),
    kind="text",
    optional=True,
    guess=False,
)
START = Column(
    role="start", label="Startdato", names=("startdato", "start date"), kind="date", if_blank="list"
)
END = Column(
    role="end", label="Sluttdato", names=("sluttdato", "end date"), kind="date", optional=True
)
CUSTOMERS = (CUSTOMER, START, END)


def read(raw: object, roles: tuple[Column, ...] = SURVEY, **overrides: object) -> DataTable:
    return read_table(raw, "answers", roles, overrides)


def errors(raw: object, roles: tuple[Column, ...] = SURVEY) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        read(raw, roles)
    return caught.value


# (name, raw, roles, chosen 1-based, header, values per role, invalid (line, reason start))
SHAPES = [
    (
        "norwegian_excel_windows_1252_semicolon_crlf",
        "Kunde;Dato;Hvor sannsynlig er det at du vil anbefale oss?;Kommentar\r\n"
        "Kvitholmen Sjømat;31.12.2025;9;Veldig bra, men dyrt\r\n"
        "Brattli Bakeri;01.02.2025;ti;Øl og ærlig\r\n"
        "Nordvåg Fisk;2025-03-04;7;\r\n".encode("cp1252"),
        SURVEY,
        {"answer": 3, "date": 2},
        True,
        {"answer": [9, 7], "date": [20251231, 20250304]},
        [(3, "«ti» er ikke et helt tall fra 0 til 10")],
    ),
    (
        "google_sheets_paste_tabs_english_headers",
        (
            "Timestamp\tHow likely are you to recommend us?\tEmail\n"
            "14/03/2025 10:22:31\t10\ta@example.com\n"
            "15/03/2025 08:01:02\t0\tb@example.com"
        ),
        SURVEY,
        {"answer": 2, "date": 1},
        True,
        {"answer": [10, 0], "date": [20250314, 20250315]},
        [],
    ),
    (
        "quoted_multi_line_comments_keep_line_numbers",
        (
            'Svar;Kommentar\n9;"Første linje;\nandre linje"\n8;"""Sitat"" med ; inni"\n'
            "tolv;Linje 5 i teksten\n"
        ),
        SURVEY,
        {"answer": 1, "date": 0},
        True,
        {"answer": [9, 8]},
        [(5, "«tolv» er ikke et helt tall fra 0 til 10")],
    ),
    (
        "utf8_bom_and_crlf",
        codecs.BOM_UTF8 + b"Dato;Svar\r\n01.01.2025;5\r\n02.01.2025;6\r\n",
        SURVEY,
        {"answer": 2, "date": 1},
        True,
        {"answer": [5, 6], "date": [20250101, 20250102]},
        [],
    ),
    (
        "trailing_empty_columns_from_excel",
        "Svar;Dato;;;\n9;31.12.25;;;\n10;1.2.2025;;;\n;;;;\n",
        SURVEY,
        {"answer": 1, "date": 2},
        True,
        {"answer": [9, 10], "date": [20251231, 20250201]},
        [],
    ),
    (
        "english_comma_separated_customer_list",
        "Customer ID,Start date,End date\nC-1,2024-01-01,\nC-2,2024-02-15,2024-05-01\n",
        CUSTOMERS,
        {"id": 1, "start": 2, "end": 3},
        True,
        {"id": ["C-1", "C-2"], "start": [20240101, 20240215], "end": [None, 20240501]},
        [],
    ),
    (
        "no_header_single_column",
        "9\n10\n\n7\n",
        SURVEY,
        {"answer": 1, "date": 0},
        False,
        {"answer": [9, 10, 7]},
        [],
    ),
    (
        "utf16_unicode_text_from_excel",
        "Dato\tSvar\r\n03.03.2025\t8\r\n".encode("utf-16"),
        SURVEY,
        {"answer": 2, "date": 1},
        True,
        {"answer": [8], "date": [20250303]},
        [],
    ),
    (
        "decimal_commas_in_one_column_are_not_delimiters",
        "Poeng\n7,5\n8\n-1 234,5\n",
        (POINTS,),
        {"points": 1},
        True,
        {"points": [7.5, 8.0, -1234.5]},
        [],
    ),
    (
        "quoted_decimal_commas_in_a_comma_file",
        'Navn,Poeng\n"Ås","7,5"\n"Bø","1 000"\n',
        (POINTS,),
        {"points": 2},
        True,
        {"points": [7.5, 1000.0]},
        [],
    ),
    (
        "old_mac_line_ends",
        "Svar\r9\r10\r",
        SURVEY,
        {"answer": 1, "date": 0},
        True,
        {"answer": [9, 10]},
        [],
    ),
    (
        "header_matched_whatever_its_case_and_spacing",
        "  NPS-SVAR  ;  dato \n9;01.01.2025\n",
        SURVEY,
        {"answer": 1, "date": 2},
        True,
        {"answer": [9], "date": [20250101]},
        [],
    ),
    (
        "impossible_dates_and_blank_starts_are_listed",
        "Kunde;Startdato;Sluttdato\nA;31.02.2025;\nB;;01.01.2025\nC;29.02.2024;\n;;\n",
        CUSTOMERS,
        {"id": 1, "start": 2, "end": 3},
        True,
        {"id": ["C"], "start": [20240229], "end": [None]},
        [(2, "«31.02.2025» er ikke en dato som finnes"), (3, "mangler startdato")],
    ),
]


@pytest.mark.parametrize(
    ("raw", "roles", "expected"),
    [pytest.param(shape[1], shape[2], shape[3:], id=shape[0]) for shape in SHAPES],
)
def test_real_world_shapes(
    raw: object, roles: tuple[Column, ...], expected: tuple[object, ...]
) -> None:
    chosen, header, values, invalid = expected
    assert isinstance(values, dict)
    assert isinstance(invalid, list)
    table = read(raw, roles)
    report = table.report()
    assert report["chosen"] == chosen
    assert report["header"] is header
    for role, column_values in values.items():
        assert table.values[role] == column_values, role
    assert [(i["line"], i["reason"]) for i in report["invalid"]] == invalid
    assert report["invalid_count"] == len(invalid)


def test_windows_1252_keeps_norwegian_letters() -> None:
    table = read("Kunde;Svar\nØyvind på Ærøy;9\n".encode("cp1252"), (CUSTOMER, ANSWER))
    assert table.values["id"] == ["Øyvind på Ærøy"]
    assert table.report()["encoding"] == "Windows-1252"


@pytest.mark.parametrize(
    "written",
    [
        "31.12.2025",
        "2025-12-31",
        "31.12.25",
        "31/12/2025",
        "2025-12-31T10:00:00Z",
        "31.12.2025 14:03",
    ],
)
def test_date_forms(written: str) -> None:
    assert read(f"Dato;Svar\n{written};9\n").values["date"] == [20251231]


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("31.02.2025", "«31.02.2025» er ikke en dato som finnes"),
        ("29.02.2025", "«29.02.2025» er ikke en dato som finnes"),
        ("13.13.2025", "«13.13.2025» er ikke en dato som finnes"),
        ("i fjor", "«i fjor» er ikke en dato (skriv for eksempel 31.12.2025)"),
        # A year of three digits is a typo, not the year 202.
        ("31.12.202", "«31.12.202» er ikke en dato (skriv for eksempel 31.12.2025)"),
        ("01.01.1850", "«01.01.1850» har et årstall utenfor 1900–2199"),
    ],
)
def test_impossible_dates_get_a_norwegian_reason(written: str, reason: str) -> None:
    report = read(f"Dato;Svar\n{written};9\n01.01.2025;8\n").report()
    assert report["invalid"] == [{"line": 2, "reason": reason}]


def test_blank_answers_are_not_answers_and_not_errors() -> None:
    report = read("Svar;Kommentar\n9;\n;ingen mening\n10;\n").report()
    assert (report["used"], report["blank"], report["invalid_count"]) == (2, 1, 0)
    assert report["summary"].endswith("Av 3 rader ble 2 brukt; 1 var tom.")


def test_at_most_20_unreadable_lines_are_listed_but_all_are_counted() -> None:
    table = read("Svar\n" + "x\n" * 30 + "9\n")
    report = table.report()
    assert report["invalid_count"] == 30
    assert [i["line"] for i in report["invalid"]] == list(range(2, 22))


def test_summary_names_the_columns_and_the_counts() -> None:
    report = read(
        "Dato;Hvor sannsynlig er det at du vil anbefale oss til en venn?\n01.01.2025;9\n"
    ).report()
    assert report["summary"] == (
        "Brukte «Hvor sannsynlig er det at du vil anbefa…» (kolonne 2) for svar (0–10) og "
        "«Dato» (kolonne 1) for dato. Av 1 rad ble 1 brukt."
    )
    assert report["roles"] == [
        {"role": "answer", "label": "Svar (0–10)", "optional": False},
        {"role": "date", "label": "Dato", "optional": True},
    ]
    assert report["delimiter"] == "semikolon"


def test_columns_chosen_by_content_without_a_matching_header() -> None:
    table = read("Kundenummer;Når;Tall\n1001;01.01.2025;9\n1002;02.01.2025;7\n")
    assert table.report()["chosen"] == {"answer": 3, "date": 2}
    assert table.how == {"answer": "innhold", "date": "innhold"}


def test_the_readers_choice_of_column_wins() -> None:
    text = "A;B;Dato\n9;3;01.01.2025\n10;4;02.01.2025\n"
    assert read(text).values["answer"] == [9, 10]
    chosen = read(text, answer="2", date="0")
    assert chosen.values["answer"] == [3, 4]
    assert "date" not in chosen.values
    assert chosen.report()["automatic"] == {"answer": False, "date": False}
    # A column beyond the table, or junk, means automatic; "0" for a needed role too.
    for junk in ("9", "x", "", "0", None, -1, True):
        assert read(text, answer=junk).values["answer"] == [9, 10]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", EMPTY),
        (" \n ;; \n", EMPTY),
        (b"PK\x03\x04rest of a zip file", UNREADABLE),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00an old .xls", OLD_OR_LOCKED),
        (b"\x00\x01\x02binary", "Filen ser ikke ut som tekst"),
        (42, "Lim inn en tabell"),
        (None, "Lim inn en tabell"),
        ('Svar\n"9;' + "x" * 200_000, "Linje 2 kunne ikke leses: et anførselstegn"),
    ],
)
def test_what_cannot_be_a_table_is_a_validation_error(raw: object, message: str) -> None:
    error = errors(raw)
    assert list(error.errors) == ["answers"]
    assert error.errors["answers"].startswith(message)


def test_bytes_bytearray_and_memoryview_read_alike() -> None:
    text = "Dato;Svar\n01.01.2025;9\n"
    expected = read(text).values
    for raw in (text.encode(), bytearray(text.encode()), memoryview(text.encode())):
        assert read(raw).values == expected


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a;b\n1,5;2\n", ";"),
        ("a\tb;c\n1\t2\n", "\t"),
        ("a,b\n1,2\n", ","),
        ("Svar\n7,5\n8,5\n", ";"),
        ("7,5\n8,5\n", ";"),
        ('"x;y",z\n1,2\n', ","),
        ("", ";"),
    ],
)
def test_sniffing_the_delimiter(text: str, delimiter: str) -> None:
    assert sniff(text) == delimiter


@pytest.mark.parametrize(
    ("label", "in_a_sentence"),
    [("Svar", "svar"), ("Dato", "dato"), ("NPS", "NPS"), ("CSAT-svar", "CSAT-svar"), ("", "")],
)
def test_a_label_in_the_middle_of_a_sentence_keeps_an_abbreviation(
    label: str, in_a_sentence: str
) -> None:
    assert lower_first(label) == in_a_sentence
