"""``evaluate``: the JSON-friendly result pages and the worker use, charts and tables."""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET

import pytest

from calculators import CATALOGUE, compute, evaluate
from calculators.api import UNEXPECTED, unexpected_failure
from calculators.charts import line_chart, stacked_bar

NB = "\u00a0"
SVG = "{http://www.w3.org/2000/svg}"
CHARTED = (
    "customer_lifetime_value",
    "nps",
    "relationship_flower",
    "relationship_importance",
    "relationship_focus",
    "nps_survey",
    "csat_survey",
    "relationship_survey",
    "cohort_retention",
)
DATA_CALCULATORS = ("nps_survey", "csat_survey", "relationship_survey", "cohort_retention")


def test_evaluate_shape_and_agreement_with_compute() -> None:
    result = evaluate("customer_lifetime_value", {})
    assert list(result) == [
        "values",
        "display",
        "errors",
        "svg",
        "table",
        "steps",
        "comparison",
        "data",
    ]
    assert result["data"] == {}
    assert result["values"] == dict(compute("customer_lifetime_value", {}))
    assert result["display"] == {
        "clv": f"2{NB}666,67{NB}kr",
        "margin_multiple": f"2,67{NB}:{NB}1",
        "expected_lifetime": f"5,0{NB}perioder",
    }
    assert result["errors"] == {}
    json.dumps(result)


def test_evaluate_errors_leave_everything_else_empty() -> None:
    result = evaluate("customer_lifetime_value", {"retention_rate": "mye"})
    assert result == {
        "values": {},
        "display": {},
        "errors": {"retention_rate": f"Skriv et tall, for eksempel 1{NB}000 eller 12,5."},
        "svg": "",
        "table": None,
        "steps": [],
        "comparison": None,
        "data": {},
    }
    assert list(evaluate("nope", {})["errors"]) == [""]


@pytest.mark.parametrize(
    ("calculator_id", "inputs", "output", "text"),
    [
        ("retention_rate", {"customers_end": 1150}, "expected_lifetime", "ubegrenset"),
        ("cac_payback", {"gross_margin": 0}, "payback_months", "aldri"),
        ("cac_payback", {"monthly_churn": 0}, "ltv", "ubegrenset"),
        ("cac_payback", {"monthly_churn": 0}, "ltv_to_cac", "ubegrenset"),
        ("retention_uplift", {"retention_rate": 0}, "equity_increase_pct", "ubegrenset"),
        ("relationship_focus", {}, "priority", "Nøyaktighet"),
        (
            "relationship_focus",
            dict.fromkeys(("accuracy", "availability", "adaptation", "advice"), 6),
            "next_focus",
            "ingen",
        ),
        (
            "relationship_importance",
            {"mutual_understanding": 1},
            "priority",
            "Gjensidig forståelse",
        ),
        ("nps", {"promoters": 0}, "nps", "\u221240"),
        (
            "customer_lifetime_value",
            {"margin_per_period": "-1 000"},
            "clv",
            f"\u22122{NB}666,67{NB}kr",
        ),
    ],
)
def test_display_texts(
    calculator_id: str, inputs: dict[str, object], output: str, text: str
) -> None:
    result = evaluate(calculator_id, inputs)
    assert result["display"][output] == text
    json.dumps(result)


def test_infinite_values_stay_infinite_in_values() -> None:
    assert evaluate("cac_payback", {"gross_margin": 0})["values"]["payback_months"] == math.inf


def _parse_svg(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox")
    assert root.get("width") is None
    assert root.get("height") is None
    assert root[0].tag == f"{SVG}title"
    assert root[0].text
    assert root[1].tag == f"{SVG}desc"
    assert len(svg.encode()) < 8000
    return root


@pytest.mark.parametrize("calculator_id", CHARTED)
def test_charts_are_accessible_small_and_themable(calculator_id: str) -> None:
    svg = evaluate(calculator_id, {})["svg"]
    root = _parse_svg(svg)
    assert "var(--calc-chart-" in svg
    assert "currentColor" in svg
    assert "nan" not in svg
    desc = root[1].text or ""
    assert any(ch.isdigit() for ch in desc)


def test_charts_only_where_they_help() -> None:
    for calculator_id, calculator in CATALOGUE.items():
        assert (calculator.chart is not None) == (calculator_id in CHARTED)
        assert (evaluate(calculator_id, {})["svg"] != "") == (calculator_id in CHARTED)


def test_chart_descriptions_state_the_numbers() -> None:
    nps_desc = _parse_svg(evaluate("nps", {})["svg"])[1].text
    assert nps_desc == f"Ambassadører 50,0{NB}%, Passive 30,0{NB}%, Kritikere 20,0{NB}%. NPS er 30."
    bars_desc = _parse_svg(evaluate("relationship_focus", {"advice": 7})["svg"])[1].text or ""
    assert "Rådgivning: 100 av 100" in bars_desc
    clv_desc = _parse_svg(evaluate("customer_lifetime_value", {})["svg"])[1].text or ""
    assert f"etter 1 periode 727,27{NB}kr" in clv_desc
    assert f"2{NB}666,67{NB}kr" in clv_desc


def test_chart_text_is_escaped() -> None:
    svg = stacked_bar(title="<b>&", desc="\"'<", parts=[("<x>", 100.0, "positive")])
    root = _parse_svg(svg)
    assert root[0].text == "<b>&"
    assert "<b>" not in svg


def test_line_chart_handles_flat_negative_and_long_series() -> None:
    _parse_svg(line_chart(title="t", desc="d", values=[0.0, 0.0], x_label="x", tick_text=str))
    _parse_svg(
        line_chart(title="t", desc="d", values=[0.0, -5.0, -7.5], x_label="x", tick_text=str)
    )
    long_svg = line_chart(
        title="t", desc="d", values=[float(i) for i in range(1001)], x_label="x", tick_text=str
    )
    assert len(long_svg) < 8000


@pytest.mark.parametrize(
    ("inputs", "rows", "caption_part"),
    [
        ({}, 10, "De første 10 periodene"),
        ({"horizon_periods": 3}, 3, "Alle 3 periodene"),
        ({"horizon_periods": 500}, 60, "De første 60 av 500 periodene"),
    ],
)
def test_clv_table(inputs: dict[str, object], rows: int, caption_part: str) -> None:
    table = evaluate("customer_lifetime_value", inputs)["table"]
    assert table is not None
    assert table["columns"] == [
        "Periode",
        "Andel kunder igjen",
        "Diskontert dekningsbidrag",
        "Akkumulert verdi",
    ]
    assert len(table["rows"]) == rows
    assert caption_part in table["caption"]
    assert table["rows"][0] == ["1", f"80,0{NB}%", f"727,27{NB}kr", f"727,27{NB}kr"]


def test_clv_table_with_margin_at_start() -> None:
    table = evaluate("customer_lifetime_value", {"margin_timing": "start", "horizon_periods": 2})[
        "table"
    ]
    assert table is not None
    assert table["rows"] == [
        ["1", f"100,0{NB}%", f"1{NB}000,00{NB}kr", f"1{NB}000,00{NB}kr"],
        ["2", f"80,0{NB}%", f"727,27{NB}kr", f"1{NB}727,27{NB}kr"],
    ]


def test_self_assessment_table_puts_the_priority_first() -> None:
    table = evaluate("relationship_focus", {"advice": 2, "advice_importance": 7})["table"]
    assert table is not None
    assert table["columns"] == ["Dimensjon", "Vurdering", "Viktighet", "Poeng", "Behov"]
    assert table["rows"] == [
        ["Rådgivning", "2", "7", "17", "35"],
        ["Nøyaktighet", "4", "4", "50", "12"],
        ["Tilgjengelighet", "4", "4", "50", "12"],
        ["Tilpasning", "4", "4", "50", "12"],
    ]
    assert table["caption"].startswith("Størst behov først")
    assert "1 til 7" in table["caption"]
    assert "0 til 100" in table["caption"]
    halves = evaluate("relationship_focus", {"advice": "2,5"})["table"]
    assert halves is not None
    assert halves["rows"][0][:2] == ["Rådgivning", "2,5"]


def test_self_assessment_table_orders_by_need_then_listed_order() -> None:
    inputs = {
        "social_competence": 6,  # need 4 · 1 = 4
        "competence": 3,  # 4 · 4 = 16
        "availability": 5,  # 7 · 2 = 14
        "availability_importance": 7,
        "products_services": 3,  # 4 · 4 = 16, after competence on the tie
        "economic_terms": 7,  # 0
    }
    table = evaluate("relationship_flower", inputs)["table"]
    assert table is not None
    assert [(row[0], row[4]) for row in table["rows"]] == [
        ("Kompetanse", "16"),
        ("Produkter og tjenester", "16"),
        ("Tilgjengelighet", "14"),
        ("Sosial kompetanse", "4"),
        ("Økonomiske betingelser", "0"),
    ]
    assert evaluate("relationship_flower", inputs)["values"]["priority"] == "competence"


def test_only_the_dimension_scores_are_shown_in_the_table() -> None:
    for calculator in CATALOGUE.values():
        shown = {o.name for o in calculator.outputs if o.shown_in_table}
        if calculator.id == "relationship_survey":
            # Each dimension's mean and deviation: the table's rows show them.
            assert shown == {
                o.name for o in calculator.outputs if o.name.endswith(("_mean", "_sd"))
            }
            continue
        dimensions = {f"{f.name}_score" for f in calculator.fields if f.unit == "score"}
        assert shown == {o.name for o in calculator.outputs} & dimensions


def test_the_browsers_last_resort_has_the_shape_of_a_rejected_evaluation() -> None:
    failure = unexpected_failure()
    assert failure == evaluate("ukjent", {}) | {"errors": {"": UNEXPECTED}}
