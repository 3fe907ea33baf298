"""The four analyses of the reader's own data against results worked out by hand."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import ValidationError, compute, evaluate, samples

NB = "\u00a0"
INF = math.inf


def approx(value: float) -> object:
    return pytest.approx(value, rel=1e-7, abs=1e-9)


# --- NPS from answers ------------------------------------------------------------------------


def test_nps_from_answers() -> None:
    # 3 promoters (10, 9, 10), 2 passives (8, 7), 2 detractors (6, 0); n = 7.
    results = compute("nps_survey", {"answers": "Svar\n10\n9\n8\n7\n6\n0\n10\n"})
    assert results["nps"] == approx(100 / 7)
    assert results["respondents"] == 7
    # 1,96 · √((3/7 + 2/7 − (1/7)²) / 7) · 100
    assert results["margin_of_error"] == approx(1.96 * math.sqrt((5 / 7 - 1 / 49) / 7) * 100)
    assert results["period_change"] == ""
    assert results["trend"] == "Ingen datokolonne, så svarene kan ikke deles i perioder."


def test_nps_by_month_and_the_change_within_the_noise() -> None:
    # January: 10, 10, 0 → NPS 33,3, Var (2/3 + 1/3 − (1/3)²)/3 = 0,2963.
    # February: 10, 9, 9, 8 → NPS 75, Var (3/4 − (3/4)²)/4 = 0,046875.
    text = (
        "Dato;Svar\n05.01.2025;10\n06.01.2025;10\n07.01.2025;0\n"
        "01.02.2025;10\n02.02.2025;9\n03.02.2025;9\n28.02.2025;8\n"
    )
    result = evaluate("nps_survey", {"answers": text})
    # z = (0,75 − 0,3333) / √(0,2963 + 0,046875) = 0,71
    assert result["values"]["period_change"] == approx(75 - 100 / 3)
    assert result["values"]["trend"] == (
        "Fra januar 2025 til februar 2025 steg NPS 42 poeng. Endringen er ikke større enn "
        "støyen (z = 0,71; grensen er 1,96)."
    )
    table = result["table"]
    assert table is not None
    assert table["columns"] == ["Periode", "Svar", "NPS", "Feilmargin", "Ambassadører", "Kritikere"]
    assert [row[:3] for row in table["rows"]] == [
        ["januar 2025", "3", "33"],
        ["februar 2025", "4", "75"],
    ]
    assert table["raw"][1][:3] == ["februar 2025", 4.0, 75.0]


def test_a_change_larger_than_the_noise() -> None:
    # 40 answers each quarter: 10 promoters and 30 detractors (NPS −50, Var 0,75/40), then the
    # reverse (NPS 50): z = 1 / √(2 · 0,75 / 40) = 5,16.
    first = "".join(f"15.0{1 + i % 3}.2025;{10 if i < 10 else 3}\n" for i in range(40))
    second = "".join(f"15.0{4 + i % 3}.2025;{10 if i < 30 else 3}\n" for i in range(40))
    result = compute("nps_survey", {"answers": "Dato;Svar\n" + first + second, "period": "quarter"})
    assert result["period_change"] == approx(100)
    assert result["trend"].endswith("Endringen er større enn støyen (z = 5,16; grensen er 1,96).")


def test_nps_period_is_chosen_by_the_answers_per_period() -> None:
    monthly = "".join(f"{1 + i % 28:02d}.{1 + i % 2:02d}.2025;9\n" for i in range(80))
    assert "januar 2025" in compute("nps_survey", {"answers": "Dato;Svar\n" + monthly})["trend"]
    default = evaluate("nps_survey", {})
    assert default["values"]["trend"].startswith(
        "Fra 1. kvartal 2025 til 2. kvartal 2025 steg NPS 27"
    )


def test_the_nps_table_shows_the_last_36_periods_and_says_so() -> None:
    # One answer a month for 37 months, January 2021 to January 2024.
    rows = "".join(f"15.{1 + m % 12:02d}.{2021 + m // 12};9\n" for m in range(37))
    table = evaluate("nps_survey", {"answers": "Dato;Svar\n" + rows, "period": "month"})["table"]
    assert table["caption"].startswith("De siste 36 periodene. NPS per periode")
    assert len(table["rows"]) == 36
    assert (table["rows"][0][0], table["rows"][-1][0]) == ("februar 2021", "januar 2024")


def test_nps_without_answers_names_the_column_and_keeps_the_report() -> None:
    result = evaluate("nps_survey", {"answers": "Kunde;Svar\nA;ti\nB;elleve\n"})
    assert result["errors"] == {
        "answers": (
            "Fant ingen svar fra 0 til 10 i kolonnen «Svar» (kolonne 2). Lim inn en kolonne "
            "med svar, eller velg en annen kolonne."
        )
    }
    report = result["data"]["answers"]
    assert report["invalid_count"] == 2
    assert report["invalid"][0] == {"line": 2, "reason": "«ti» er ikke et helt tall fra 0 til 10"}
    json.dumps(result)


def test_the_sample_results() -> None:
    nps = compute("nps_survey", {})
    assert (nps["respondents"], nps["invalid_rows"]) == (60, 1)
    assert nps["nps"] == approx((28 - 14) / 60 * 100)
    csat = compute("csat_survey", {})
    assert (csat["csat"], csat["mean_score"], csat["invalid_rows"]) == (72.5, 3.9, 1)


# --- CSAT from answers -----------------------------------------------------------------------


def test_csat_with_wilsons_interval() -> None:
    # 3 of 5 satisfied: p = 0,6; Wilson 95 %: 0,2307 … 0,8824 (centre 0,5566).
    results = compute("csat_survey", {"answers": "Svar\n5\n5\n4\n3\n1\n"})
    assert results["csat"] == 60
    assert results["mean_score"] == approx(3.6)
    z2 = 1.96**2
    centre = (0.6 + z2 / 10) / (1 + z2 / 5)
    half = 1.96 / (1 + z2 / 5) * math.sqrt(0.6 * 0.4 / 5 + z2 / 100)
    assert results["interval_low"] == approx((centre - half) * 100)
    assert results["interval_high"] == approx((centre + half) * 100)
    assert results["interval_low"] == pytest.approx(23.07, abs=0.01)
    assert results["interval_high"] == pytest.approx(88.24, abs=0.01)
    assert results["margin_of_error"] == approx(half * 100)


def test_csat_all_satisfied_is_still_uncertain() -> None:
    results = compute("csat_survey", {"answers": "Svar\n5\n5\n5\n5\n5\n"})
    assert results["csat"] == 100
    assert results["interval_high"] == pytest.approx(100)
    assert results["interval_low"] == pytest.approx(56.55, abs=0.01)
    assert results["margin_of_error"] > 20


# --- A team's scores -------------------------------------------------------------------------


def test_relationship_sample_by_hand() -> None:
    results = compute("relationship_survey", {})
    # Mean scores 5,6 / 6 / 4,4 / 5,4 / 4 with mean importances 4,8 / 5,8 / 4,6 / 6,2 / 6,6:
    # Σ w·(s − 1) = 113,8; index = 113,8 / 6 / 28 · 100.
    assert results["index"] == approx(113.8 / 6 / 28 * 100)
    assert results["priority"] == "economic_terms"  # 6,6 · (7 − 4) = 19,8
    assert results["widest_disagreement"] == "economic_terms"  # 3, 4, 2, 5, 6
    assert results["economic_terms_sd"] == approx(math.sqrt(2.5))
    assert results["economic_terms_mean"] == approx(4)
    assert results["raters"] == 5
    assert results["next_focus"] == ""
    assert results["trust_mean"] == ""
    assert evaluate("relationship_survey", {})["display"]["trust_mean"] == "–"


def test_relationship_focus_model_with_tolerant_headers_and_a_bad_row() -> None:
    text = (
        "Navn;  nøyaktighet ;TILGJENGELIGHET;Tilpasning (1–7);Rådgivning\n"
        "A;6;4;5;5\nB;4;4;6;5\nC;åtte;4;5;5\n"
    )
    result = evaluate("relationship_survey", {"model": "relationship_focus", "answers": text})
    values = result["values"]
    assert values["next_focus"] == "availability"  # means 5, 4, 5,5, 5
    assert values["priority"] == "availability"  # 4 · (7 − 4) = 12
    assert values["index"] == approx((4 + 3 + 4.5 + 4) / 4 / 6 * 100)
    assert values["widest_disagreement"] == "accuracy"  # 6 and 4: √2
    assert values["raters"] == 2
    assert values["invalid_rows"] == 1
    assert result["data"]["answers"]["invalid"] == [
        {"line": 4, "reason": "«åtte» er ikke et tall fra 1 til 7"}
    ]
    assert "veier likt" in result["data"]["answers"]["summary"]
    assert result["display"]["priority"] == "Tilgjengelighet"


def test_a_dimension_nobody_scored_names_its_column() -> None:
    text = "Navn;Nøyaktighet;Tilgjengelighet;Tilpasning;Rådgivning\nA;6;4;5;\nB;4;4;6;\n"
    result = evaluate("relationship_survey", {"model": "relationship_focus", "answers": text})
    assert result["errors"] == {
        "answers": (
            "Ingen har gitt «Rådgivning» en vurdering fra 1 til 7 i kolonnen «Rådgivning» "
            "(kolonne 5). Velg en annen kolonne, eller fyll inn vurderingene."
        )
    }
    assert result["data"]["answers"]["used"] == 2


def test_relationship_missing_dimension_is_a_clear_error() -> None:
    result = evaluate(
        "relationship_survey",
        {"model": "relationship_importance", "answers": samples.RELATIONSHIP_SCORES},
    )
    assert list(result["errors"]) == ["answers"]
    assert "«Balanse»" in result["errors"]["answers"]
    assert result["data"]["answers"]["roles"][0]["role"] == "balance"


# --- Retention from a customer list ---------------------------------------------------------

EDGES = (
    "Kunde;Startdato;Sluttdato\n"
    "A;01.01.2024;\n"  # stays
    "B;15.02.2024;01.04.2024\n"  # never there on a period's first day
    "C;01.01.2024;01.04.2024\n"  # ends exactly on the first day of Q2: not kept
    "D;10.01.2024;20.02.2024\n"  # starts and ends in the same quarter
    "E;01.03.2024;01.02.2024\n"  # ends before it starts: unreadable
    "F;01.07.2024;\n"  # starts on Q3's first day
)


def test_cohort_edges_by_hand() -> None:
    result = evaluate("cohort_retention", {"customers": EDGES, "as_of": "31.12.2024"})
    values = result["values"]
    # Q1: A, C there on 1 Jan, A on 1 Apr. Q2: A, A. Q3: A, F on 1 Jul, both on 1 Oct.
    assert (values["customers_counted"], values["customers_kept"]) == (5, 4)
    assert values["retention_rate"] == approx(80)
    assert values["churn_rate"] == approx(20)
    assert values["expected_lifetime"] == approx(5)
    assert (values["customers"], values["invalid_rows"], values["periods_counted"]) == (5, 1, 3)
    assert result["data"]["customers"]["invalid"] == [
        {"line": 6, "reason": "sluttdatoen 01.02.2024 er før startdatoen 01.03.2024"}
    ]
    table = result["table"]
    assert table is not None
    assert table["columns"] == ["Startperiode", "Kunder", "Etter 1", "Etter 2", "Etter 3"]
    assert table["rows"] == [
        ["1. kvartal 2024", "4", f"25{NB}%", f"25{NB}%", f"25{NB}%"],
        ["3. kvartal 2024", "1", f"100{NB}%", "–", "–"],
    ]
    assert table["raw"][1] == ["3. kvartal 2024", 1.0, 100.0, None, None]
    assert result["data"]["customers"]["links"] == [
        {
            "text": f"Regn ut kundens livstidsverdi med 80,0{NB}% kundebevaring per kvartal",
            "href": "kalkulatorer/livstidsverdi/#customer_lifetime_value.retention_rate=80",
        }
    ]


def test_cohort_without_churn_has_unlimited_lifetime() -> None:
    text = "Kunde;Startdato;Sluttdato\nA;01.01.2024;\nB;05.01.2024;\n"
    result = evaluate(
        "cohort_retention", {"customers": text, "period": "month", "as_of": "01.06.2024"}
    )
    assert result["values"]["expected_lifetime"] == INF
    assert result["display"]["expected_lifetime"] == "ubegrenset"


def test_as_of_defaults_to_the_latest_date_and_no_whole_period_is_an_error() -> None:
    text = "Kunde;Startdato;Sluttdato\nA;10.01.2024;\nB;15.01.2024;20.03.2024\n"
    result = evaluate("cohort_retention", {"customers": text, "period": "year"})
    assert list(result["errors"]) == ["customers"]
    assert "20.03.2024" in result["errors"]["customers"]
    assert result["data"]["customers"]["used"] == 2
    assert compute("cohort_retention", {"customers": text, "period": "month"})["as_of_used"] == (
        "20.03.2024"
    )


@pytest.mark.parametrize("as_of", ["", "   ", None])
def test_cohort_as_of_left_empty_is_the_latest_date(as_of: str | None) -> None:
    """The page sends an emptied field as ""; it means the same as no date."""
    text = "Kunde;Startdato;Sluttdato\nA;10.01.2024;\nB;15.01.2024;20.03.2024\n"
    inputs = {"customers": text, "period": "month", "as_of": as_of}
    assert compute("cohort_retention", inputs)["as_of_used"] == "20.03.2024"


def test_cohort_as_of_must_be_a_date() -> None:
    with pytest.raises(ValidationError) as caught:
        compute("cohort_retention", {"as_of": "31.02.2025"})
    assert caught.value.errors == {
        "as_of": (
            "«31.02.2025» er ikke en dato som finnes. Skriv en dato, for eksempel 31.12.2025, "
            "eller la feltet stå tomt."
        )
    }


def _brute_force(rows: list[tuple[dt.date, dt.date | None]], as_of: dt.date) -> tuple[int, int]:
    """ΣS and ΣR counted day by day over quarters' first days, the definition as written."""

    def there(row: tuple[dt.date, dt.date | None], day: dt.date) -> bool:
        return row[0] <= day and (row[1] is None or day < row[1])

    started = kept = 0
    for year in range(as_of.year - 8, as_of.year + 1):
        for quarter in range(4):
            first = dt.date(year, quarter * 3 + 1, 1)
            following = dt.date(year + (quarter == 3), (quarter * 3 + 3) % 12 + 1, 1)
            if following > as_of:
                continue
            present = [row for row in rows if there(row, first)]
            started += len(present)
            kept += sum(there(row, following) for row in present)
    return started, kept


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    spells=st.lists(
        st.tuples(
            st.dates(dt.date(2019, 1, 1), dt.date(2025, 6, 30)),
            st.none() | st.integers(0, 900),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_cohort_counts_equal_the_definition(spells: list[tuple[dt.date, int | None]]) -> None:
    rows = [
        (start, None if days is None else start + dt.timedelta(days=days)) for start, days in spells
    ]
    text = "Kunde;Startdato;Sluttdato\n" + "".join(
        f"K{i};{s:%d.%m.%Y};{'' if e is None else f'{e:%d.%m.%Y}'}\n"
        for i, (s, e) in enumerate(rows)
    )
    as_of = max([s for s, _ in rows] + [e for _, e in rows if e is not None])
    started, kept = _brute_force(rows, as_of)
    result = evaluate("cohort_retention", {"customers": text})
    if started == 0:
        assert list(result["errors"]) == ["customers"]
        return
    assert result["values"]["customers_counted"] == started
    assert result["values"]["customers_kept"] == kept
    assert result["values"]["retention_rate"] == approx(kept / started * 100)


# --- Data input as bytes, and the report's shape --------------------------------------------


@pytest.mark.parametrize(
    ("calculator_id", "name", "text"),
    [
        ("nps_survey", "answers", samples.NPS_ANSWERS),
        ("csat_survey", "answers", samples.CSAT_ANSWERS),
        ("cohort_retention", "customers", samples.CUSTOMERS),
    ],
)
def test_files_as_bytes_give_the_same_results_as_text(
    calculator_id: str, name: str, text: str
) -> None:
    expected = evaluate(calculator_id, {name: text})
    for raw in (
        text.encode("cp1252"),
        b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(),
        bytearray(text.encode()),
        memoryview(text.encode()),
    ):
        got = evaluate(calculator_id, {name: raw})
        assert got["values"] == expected["values"]
        assert got["data"][name]["invalid"] == expected["data"][name]["invalid"]


def test_column_choices_arrive_as_raw_inputs_not_fields() -> None:
    text = "Kunde;A;B\nX;9;2\nY;10;3\n"
    assert compute("nps_survey", {"answers": text})["nps"] == 100
    assert compute("nps_survey", {"answers": text, "answers:answer": "3"})["nps"] == -100
    result = evaluate("nps_survey", {"answers": text, "answers:answer": "3"})
    assert result["data"]["answers"]["chosen"] == {"answer": 3, "date": 0}
    assert result["data"]["answers"]["automatic"] == {"answer": False, "date": True}
