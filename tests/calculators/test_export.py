"""The download: CSV that Norwegian Excel opens right, safe from formula injection."""

from __future__ import annotations

import csv
import io

import pytest

from calculators import evaluate
from calculators.export import table_csv

NB = "\u00a0"


def _rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def test_raw_numbers_with_a_decimal_comma_and_units_in_the_header() -> None:
    table = {
        "caption": "x",
        "columns": ["Periode", "Svar", "NPS", "Andel"],
        "rows": [["januar 2025", "1 234", "−12", f"12,5{NB}%"]],
        "raw": [["januar 2025", 1234.0, -12.0, 12.5]],
        "units": ["", "antall", "poeng", "%"],
    }
    text = table_csv(table)
    assert text == (
        "\ufeffPeriode;Svar (antall);NPS (poeng);Andel (%)\r\njanuar 2025;1234;-12;12,5\r\n"
    )


def test_rounding_noise_is_dropped_and_empty_cells_stay_empty() -> None:
    table = {
        "columns": ["A", "B", "C"],
        "rows": [["0,3", "–", "ubegrenset"]],
        "raw": [[0.1 + 0.2, None, float("inf")]],
    }
    assert _rows(table_csv(table))[1] == ["0,3", "", "ubegrenset"]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+47 123", "'+47 123"),
        ("-x", "'-x"),
        ("@cmd", "'@cmd"),
        ("\tskjult", "'\tskjult"),
        ("\rskjult", "'\rskjult"),
        ("  =1+1", "'  =1+1"),
        ("Kvitholmen; Sjømat", "Kvitholmen; Sjømat"),
        ('Sa "hei"', 'Sa "hei"'),
    ],
)
def test_text_cells_cannot_become_formulas(cell: str, written: str) -> None:
    text = table_csv({"columns": ["Navn"], "rows": [[cell]], "raw": [[cell]]})
    assert _rows(text)[1] == [written]


def test_headers_are_neutralised_too() -> None:
    assert _rows(table_csv({"columns": ["=evil"], "rows": []}))[0] == ["'=evil"]


def test_without_raw_values_formatted_numbers_are_read_back() -> None:
    table = {
        "columns": ["Periode", "Verdi", "Andel", "Tekst"],
        "rows": [["1", f"{'\u2212'}1{NB}234,50{NB}kr", f"80,0{NB}%", "−ting"]],
    }
    assert _rows(table_csv(table))[1] == ["1", "-1234,5", "80", "−ting"]


@pytest.mark.parametrize(
    "calculator_id", ["nps_survey", "csat_survey", "relationship_survey", "cohort_retention"]
)
def test_every_result_table_downloads(calculator_id: str) -> None:
    table = evaluate(calculator_id, {})["table"]
    assert table is not None
    rows = _rows(table_csv(table))
    assert len(rows) == len(table["rows"]) + 1
    assert all(len(row) == len(table["columns"]) for row in rows)
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    assert NB not in table_csv(table)


def test_junk_in_gives_an_empty_file_not_an_exception() -> None:
    assert table_csv({}) == "\ufeff\r\n"
    assert table_csv({"columns": "ab", "rows": 3}) == "\ufeff\r\n"
