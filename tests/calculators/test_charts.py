"""Charts fit a phone: 320 units wide, text at 15 units or more, nothing outside the box."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import CATALOGUE, evaluate
from calculators.charts import (
    ASCENT,
    DESCENT,
    FONT_SIZE,
    WIDTH,
    bar_chart,
    line_chart,
    stacked_bar,
    text_width,
    wrap,
)
from tests.strategies import valid_inputs_for

SVG = "{http://www.w3.org/2000/svg}"
NB = "\u00a0"
CHARTED = [calculator_id for calculator_id, c in CATALOGUE.items() if c.chart is not None]
CHARTS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Inputs at the edges of what the forms accept, per charted calculator.
EXTREMES: dict[str, list[dict[str, object]]] = {
    "customer_lifetime_value": [
        {"margin_per_period": 1e12, "retention_rate": 100, "discount_rate": 0.0001},
        {"margin_per_period": -1e12, "retention_rate": 99.9, "discount_rate": 0},
        {"margin_per_period": 0.01, "retention_rate": 0},
        {"margin_per_period": -1e12, "horizon_periods": 1000, "retention_rate": 100},
        {"margin_per_period": 1e12, "horizon_periods": 1, "margin_timing": "start"},
        {"margin_per_period": 0},
    ],
    "nps": [
        {"promoters": 10**9, "passives": 10**9, "detractors": 10**9},
        {"promoters": 0, "passives": 1, "detractors": 0},
        {"promoters": 1, "passives": 0, "detractors": 0},
    ],
}


def _font_size(element: ET.Element, parents: dict[ET.Element, ET.Element]) -> float:
    """The font size in effect for ``element``: its own or the nearest ancestor's."""
    current: ET.Element | None = element
    while current is not None:
        if current.get("font-size") is not None:
            return float(current.get("font-size") or "")
        current = parents.get(current)
    return 16.0  # the browser default, which no chart should rely on


def _lines(text: ET.Element) -> list[tuple[float, float, str]]:
    """``(x, baseline y, text)`` for each line a ``<text>`` draws."""
    spans = text.findall(f"{SVG}tspan")
    if not spans:
        return [(float(text.get("x") or 0), float(text.get("y") or 0), text.text or "")]
    assert not (text.text or "").strip()
    return [(float(s.get("x") or 0), float(s.get("y") or 0), s.text or "") for s in spans]


def _check_shapes(root: ET.Element, width: float, height: float) -> None:
    """Assert every rectangle, line and curve point lies inside the chart."""
    for shape in root.iter(f"{SVG}rect"):
        x, y = float(shape.get("x") or 0), float(shape.get("y") or 0)
        w, h = float(shape.get("width") or 0), float(shape.get("height") or 0)
        assert x >= 0
        assert x + w <= width + 0.05
        assert y >= 0
        assert y + h <= height
    for line in root.iter(f"{SVG}line"):
        for axis, limit in (("x", width), ("y", height)):
            for end in ("1", "2"):
                assert 0 <= float(line.get(f"{axis}{end}") or 0) <= limit
    for curve in root.iter(f"{SVG}polyline"):
        for pair in (curve.get("points") or "").split():
            px, py = (float(v) for v in pair.split(","))
            assert 0 <= px <= width
            assert 0 <= py <= height


def check_phone_chart(svg: str) -> ET.Element:
    """Assert the chart's box, text sizes and text extents; return the root."""
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    assert root.get("role") == "img"
    assert root[0].tag == f"{SVG}title"
    assert root[0].text
    assert root[1].tag == f"{SVG}desc"
    assert root[1].text
    min_x, min_y, width, height = (float(v) for v in (root.get("viewBox") or "").split())
    assert (min_x, min_y, width) == (0, 0, WIDTH)
    assert root.get("width") is None
    assert root.get("height") is None
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in root.iter():
        if element.get("font-size") is not None:
            assert float(element.get("font-size") or "") >= FONT_SIZE
    for text in root.iter(f"{SVG}text"):
        size = _font_size(text, parents)
        assert size >= FONT_SIZE
        anchor = text.get("text-anchor", "start")
        for x, y, line in _lines(text):
            assert line
            extent = text_width(line, size)
            left = {"start": x, "middle": x - extent / 2, "end": x - extent}[anchor]
            assert left >= 0, (line, left)
            assert left + extent <= width, (line, left + extent)
            assert y - ASCENT * size >= 0, (line, y)
            assert y + DESCENT * size <= height, (line, y, height)
    _check_shapes(root, width, height)
    return root


@pytest.mark.parametrize("calculator_id", CHARTED)
def test_every_chart_fits_a_phone_at_defaults(calculator_id: str) -> None:
    svg = evaluate(calculator_id, {})["svg"]
    root = check_phone_chart(svg)
    assert "var(--calc-chart-" in svg
    assert "currentColor" in svg
    assert root.get("font-size") == "15"


@pytest.mark.parametrize(
    ("calculator_id", "inputs"),
    [(c, inputs) for c, cases in EXTREMES.items() for inputs in cases],
)
def test_charts_fit_at_extreme_inputs(calculator_id: str, inputs: dict[str, object]) -> None:
    result = evaluate(calculator_id, inputs)
    assert result["errors"] == {}
    check_phone_chart(result["svg"])


@pytest.mark.parametrize("calculator_id", CHARTED)
@CHARTS
@given(data=st.data())
def test_charts_fit_for_any_valid_input(calculator_id: str, data: st.DataObject) -> None:
    result = evaluate(calculator_id, data.draw(valid_inputs_for(CATALOGUE[calculator_id])))
    if not result["errors"]:
        check_phone_chart(result["svg"])


def test_self_assessments_draw_one_bar_per_dimension_in_listed_order() -> None:
    svg = evaluate("relationship_importance", {"trust": 7, "balance": 1})["svg"]
    root = check_phone_chart(svg)
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert texts == [
        "Balanse",
        "0",
        "Tillit",
        "100",
        "Troverdighet",
        "50",
        "Legitimitet",
        "50",
        "Åpenhet",
        "50",
        "Gjensidig tilfredshet",
        "50",
        "Gjensidig forståelse",
        "50",
    ]
    bars = [r for r in root.iter(f"{SVG}rect") if "var(--calc-chart-1" in (r.get("style") or "")]
    # Balanse at 0 draws no bar; the rest are proportional to the score.
    widths = [float(r.get("width") or 0) for r in bars]
    assert len(widths) == 6
    assert widths[0] == pytest.approx(2 * widths[1], abs=0.2)


def test_nps_legend_has_one_entry_per_line() -> None:
    root = check_phone_chart(evaluate("nps", {})["svg"])
    legends = list(root.iter(f"{SVG}text"))
    assert [t.text for t in legends] == [
        f"Ambassadører 50,0{NB}%",
        f"Passive 30,0{NB}%",
        f"Kritikere 20,0{NB}%",
    ]
    xs = {t.get("x") for t in legends}
    ys = [float(t.get("y") or 0) for t in legends]
    assert len(xs) == 1
    assert ys == sorted(ys)
    assert len(set(ys)) == 3


def test_long_labels_wrap_onto_tspans() -> None:
    label = "Et svært langt navn på en dimensjon som ikke får plass på én linje på telefonen"
    svg = bar_chart(title="t", desc="d", bars=[(label, 50.0, "50")])
    root = check_phone_chart(svg)
    first = next(root.iter(f"{SVG}text"))
    spans = first.findall(f"{SVG}tspan")
    assert len(spans) >= 2
    assert " ".join(s.text or "" for s in spans) == label
    legend = stacked_bar(title="t", desc="d", parts=[(label, 100.0, "positive")])
    check_phone_chart(legend)


def test_wrap_and_width_estimate() -> None:
    assert text_width("iiii") < text_width("0000") < text_width("MMMM")
    assert text_width("0") == pytest.approx(0.55 * FONT_SIZE)
    assert wrap("a b c", 1000) == ["a b c"]
    assert wrap("aaaa bbbb", text_width("aaaa")) == ["aaaa", "bbbb"]
    assert wrap(f"1{NB}000{NB}kr", 1) == [f"1{NB}000{NB}kr"]


def test_line_chart_reference_label_goes_below_when_the_line_is_at_the_top() -> None:
    long_label = "Livstidsverdi " + " ".join(["ord"] * 30)
    svg = line_chart(
        title="t",
        desc="d",
        values=[0.0, 50.0, 75.0],
        x_label="Periode",
        tick_text=str,
        reference=(100.0, long_label),
    )
    check_phone_chart(svg)
    low = line_chart(
        title="t",
        desc="d",
        values=[0.0, -50.0],
        x_label="Periode",
        tick_text=str,
        reference=(-100.0, "Grense"),
    )
    check_phone_chart(low)
