"""Small, responsive SVG charts built with ``xml.etree`` (so every text is escaped).

Every chart has ``role="img"``, a ``<title>`` and a ``<desc>`` that states the numbers in
Norwegian, a ``viewBox`` and no fixed size. Text and grid lines use ``currentColor``; series
colours come from CSS custom properties with a fallback that reads on light and dark
backgrounds:

- ``--calc-chart-1``: the main series (radar area, value curve),
- ``--calc-chart-positive`` / ``--calc-chart-neutral`` / ``--calc-chart-negative``: NPS groups.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

SVG_NS = "http://www.w3.org/2000/svg"
COLOURS = {
    "1": "#3f6ad8",
    "positive": "#2e8540",
    "neutral": "#8a8a8a",
    "negative": "#c6392b",
}
_MAX_POINTS = 121
SMALLEST_SPAN = 1e-6


def _n(value: float) -> str:
    """Write a coordinate with at most one decimal (keeps the SVG small)."""
    text = f"{value:.1f}"
    return text.removesuffix(".0")


def _paint(colour: str, *properties: str) -> dict[str, str]:
    """Attributes that paint ``properties`` with a themable colour and a fallback."""
    fallback = COLOURS[colour]
    style = ";".join(f"{p}:var(--calc-chart-{colour},{fallback})" for p in properties)
    return {**dict.fromkeys(properties, fallback), "style": style}


def _svg(width: int, height: int, title: str, desc: str) -> ET.Element:
    """Return the root element with its text alternatives."""
    root = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "class": "calculator-chart",
            "font-size": "13",
            "fill": "currentColor",
        },
    )
    ET.SubElement(root, "title").text = title
    ET.SubElement(root, "desc").text = desc
    return root


def _text(parent: ET.Element, x: float, y: float, text: str, anchor: str = "start") -> None:
    """Add a text label."""
    attributes = {"x": _n(x), "y": _n(y)}
    if anchor != "start":
        attributes["text-anchor"] = anchor
    ET.SubElement(parent, "text", attributes).text = text


def _line(parent: ET.Element, points: tuple[float, float, float, float], **extra: str) -> None:
    """Add a faint line in the text colour."""
    x1, y1, x2, y2 = points
    attributes = {"x1": _n(x1), "y1": _n(y1), "x2": _n(x2), "y2": _n(y2)}
    attributes |= {"stroke": "currentColor", "stroke-opacity": "0.3"} | extra
    ET.SubElement(parent, "line", attributes)


def _serialise(root: ET.Element) -> str:
    return ET.tostring(root, encoding="unicode")


def radar_chart(*, title: str, desc: str, labels: Sequence[str], values: Sequence[float]) -> str:
    """Draw a radar (spider) chart of values on a 0–100 scale, one spoke per label.

    Args:
        title: Short accessible name.
        desc: The numbers in Norwegian text.
        labels: Spoke labels, clockwise from the top.
        values: One value per label, 0–100.

    Returns:
        The SVG markup.

    """
    width, height, cx, cy, radius = 560, 320, 280.0, 160.0, 110.0
    root = _svg(width, height, title, desc)
    count = len(labels)
    angles = [-math.pi / 2 + 2 * math.pi * i / count for i in range(count)]

    def point(angle: float, share: float) -> tuple[float, float]:
        return cx + radius * share * math.cos(angle), cy + radius * share * math.sin(angle)

    def polygon(shares: Sequence[float]) -> str:
        pairs = (point(a, s) for a, s in zip(angles, shares, strict=True))
        return " ".join(f"{_n(x)},{_n(y)}" for x, y in pairs)

    grid = ET.SubElement(root, "g", {"fill": "none", "stroke": "currentColor"})
    grid.set("stroke-opacity", "0.25")
    for ring in (0.25, 0.5, 0.75, 1.0):
        ET.SubElement(grid, "polygon", {"points": polygon([ring] * count)})
    for angle in angles:
        x, y = point(angle, 1.0)
        ET.SubElement(grid, "line", {"x1": _n(cx), "y1": _n(cy), "x2": _n(x), "y2": _n(y)})
    area = {"points": polygon([max(0.0, min(v, 100.0)) / 100 for v in values])}
    area |= _paint("1", "fill", "stroke") | {"fill-opacity": "0.3", "stroke-width": "2"}
    ET.SubElement(root, "polygon", area)
    scale = ET.SubElement(root, "g", {"font-size": "10", "fill-opacity": "0.7"})
    _text(scale, cx + 4, cy - radius / 2 + 11, "50")
    _text(scale, cx + 4, cy - radius + 11, "100")
    for angle, label in zip(angles, labels, strict=True):
        x, y = point(angle, 1.14)
        cos = math.cos(angle)
        anchor = "start" if cos > 0.2 else "end" if cos < -0.2 else "middle"  # noqa: PLR2004
        _text(root, x, y + 4 + 6 * math.sin(angle), label, anchor)
    return _serialise(root)


def _nice_step(span: float, parts: int) -> float:
    """Return a round step (1, 2 or 5 × 10ⁿ) that cuts ``span`` into about ``parts``."""
    raw = span / parts
    power = 10 ** math.floor(math.log10(raw))
    return float(next(power * m for m in (1, 2, 5, 10) if power * m >= raw))


def line_chart(  # noqa: PLR0913 - a chart has this many independent settings
    *,
    title: str,
    desc: str,
    values: Sequence[float],
    x_label: str,
    tick_text: Callable[[float], str],
    reference: tuple[float, str] | None = None,
) -> str:
    """Draw a line chart of ``values`` at x = 0, 1, 2, … with a zero line and y ticks.

    Args:
        title: Short accessible name.
        desc: The numbers in Norwegian text.
        values: The y values; the first is at x = 0.
        x_label: Axis label under the x axis.
        tick_text: Formats a y tick (for example as kroner).
        reference: A dashed horizontal line and its label (the value the curve approaches).

    Returns:
        The SVG markup.

    """
    width, height = 560, 300
    ys = [*values, reference[0]] if reference else list(values)
    low, high = min(0.0, *ys), max(0.0, *ys)
    if high - low < SMALLEST_SPAN:
        # Nothing to show at this scale (all zero, or fractions of an øre): draw it flat.
        high = low + 1
    step = _nice_step(high - low, 4)
    first, last = math.floor(low / step), math.ceil(high / step)
    low, high = first * step, last * step
    ticks = [k * step for k in range(first, last + 1)]
    labels = [tick_text(t) for t in ticks]
    left = 16 + 7 * max(len(label) for label in labels)
    right, top, bottom = width - 16, 16.0, height - 44.0
    periods = max(len(values) - 1, 1)

    def x_of(period: float) -> float:
        return left + (right - left) * period / periods

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * (value - low) / (high - low)

    root = _svg(width, height, title, desc)
    for tick, label in zip(ticks, labels, strict=True):
        _line(
            root,
            (left, y_of(tick), right, y_of(tick)),
            **({} if tick else {"stroke-opacity": "0.6"}),
        )
        _text(root, left - 6, y_of(tick) + 4, label, "end")
    x_step = max(1, math.ceil(_nice_step(periods, 8)))
    for period in range(0, periods + 1, x_step):
        _text(root, x_of(period), bottom + 18, str(period), "middle")
    _text(root, (left + right) / 2, height - 6, x_label, "middle")
    if reference is not None:
        level = y_of(reference[0])
        _line(
            root,
            (left, level, right, level),
            **{"stroke-dasharray": "6 4", "stroke-opacity": "0.8"},
        )
        _text(root, right, level - 6, reference[1], "end")
    stride = math.ceil(len(values) / _MAX_POINTS)
    kept = [*range(0, len(values), stride)]
    if kept[-1] != len(values) - 1:
        kept.append(len(values) - 1)
    curve = {"points": " ".join(f"{_n(x_of(i))},{_n(y_of(values[i]))}" for i in kept)}
    curve |= _paint("1", "stroke") | {"fill": "none", "stroke-width": "2.5"}
    ET.SubElement(root, "polyline", curve)
    return _serialise(root)


def stacked_bar(*, title: str, desc: str, parts: Sequence[tuple[str, float, str]]) -> str:
    """Draw one horizontal bar split into shares, with a legend that repeats the numbers.

    Args:
        title: Short accessible name.
        desc: The numbers in Norwegian text.
        parts: ``(legend text, share 0–100, colour key)`` per segment, left to right.

    Returns:
        The SVG markup.

    """
    width, height, left, bar_width = 560, 110, 10.0, 540.0
    root = _svg(width, height, title, desc)
    x = left
    for _, share, colour in parts:
        segment = bar_width * share / 100
        if segment > 0:
            box = {"x": _n(x), "y": "14", "width": _n(segment), "height": "36"}
            ET.SubElement(root, "rect", box | _paint(colour, "fill"))
        x += segment
    column = bar_width / max(len(parts), 1)
    for index, (legend, _, colour) in enumerate(parts):
        key = {"x": _n(left + column * index), "y": "70", "width": "14", "height": "14"}
        ET.SubElement(root, "rect", key | _paint(colour, "fill"))
        _text(root, left + column * index + 20, 82, legend)
    return _serialise(root)
