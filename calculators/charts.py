"""Small SVG charts built with ``xml.etree`` (so every text is escaped), made for phones.

Every chart is 320 units wide (``viewBox="0 0 320 h"``) and has no fixed size: pages show it
at most 480 CSS px wide, and on a 360 px phone at least 256 px, so text at 15 units stays at
12 CSS px or more. No text is smaller than :data:`FONT_SIZE`; labels that would not fit are
wrapped onto several ``<tspan>`` lines (widths estimated by :func:`text_width`), and nothing
is drawn outside the ``viewBox``.

Every chart has ``role="img"``, a ``<title>`` and a ``<desc>`` that states the numbers in
Norwegian. Text and grid lines use ``currentColor``; series colours come from CSS custom
properties with a fallback that reads on light and dark backgrounds:

- ``--calc-chart-1``: the main series (bars, value curve),
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
WIDTH = 320
#: The one text size of every chart: 15 units ≥ 12 CSS px on a 360 px phone.
FONT_SIZE = 15
LINE_HEIGHT = 18
MARGIN = 8
#: Above the baseline a line of text reaches about this share of the font size; below it,
#: descenders reach :data:`DESCENT`. Tests use both to check text stays inside the chart.
ASCENT = 0.8
DESCENT = 0.25
_MAX_POINTS = 121
SMALLEST_SPAN = 1e-6
# Estimated advance widths in em; generous, so real fonts come out narrower.
_NARROW = frozenset("fijlrtI.,:;!'|()[] \u00a0\u2009\u202f")
_WIDE = frozenset("mwMWÆæ")
_EM_NARROW, _EM_WIDE, _EM_CAPITAL, _EM_OTHER = 0.3, 0.85, 0.68, 0.55


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Estimate how wide ``text`` is at ``size`` units (about 0.55 em per character)."""
    ems = 0.0
    for ch in text:
        if ch in _NARROW:
            ems += _EM_NARROW
        elif ch in _WIDE:
            ems += _EM_WIDE
        elif ch.isupper():
            ems += _EM_CAPITAL
        else:
            ems += _EM_OTHER
    return ems * size


def wrap(text: str, width: float, size: float = FONT_SIZE) -> list[str]:
    """Break ``text`` at spaces into lines at most ``width`` units wide (estimated).

    No-break spaces hold a number and its unit together; a single word wider than
    ``width`` gets a line of its own.
    """
    lines: list[str] = []
    for word in text.split(" "):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, size) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _n(value: float) -> str:
    """Write a coordinate with at most one decimal (keeps the SVG small)."""
    text = f"{value:.1f}"
    return text.removesuffix(".0")


def _paint(colour: str, *properties: str) -> dict[str, str]:
    """Attributes that paint ``properties`` with a themable colour and a fallback."""
    fallback = COLOURS[colour]
    style = ";".join(f"{p}:var(--calc-chart-{colour},{fallback})" for p in properties)
    return {**dict.fromkeys(properties, fallback), "style": style}


def _svg(height: float, title: str, desc: str) -> ET.Element:
    """Return the root element with its text alternatives."""
    root = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": f"0 0 {WIDTH} {_n(math.ceil(height))}",
            "role": "img",
            "class": "calculator-chart",
            "font-size": str(FONT_SIZE),
            "fill": "currentColor",
        },
    )
    ET.SubElement(root, "title").text = title
    ET.SubElement(root, "desc").text = desc
    return root


def _text(
    parent: ET.Element, x: float, y: float, lines: Sequence[str], anchor: str = "start"
) -> None:
    """Add a label: one line as the text itself, several as ``<tspan>`` lines below ``y``."""
    attributes = {"x": _n(x), "y": _n(y)}
    if anchor != "start":
        attributes["text-anchor"] = anchor
    element = ET.SubElement(parent, "text", attributes)
    if len(lines) == 1:
        element.text = lines[0]
        return
    for index, line in enumerate(lines):
        position = {"x": _n(x), "y": _n(y + index * LINE_HEIGHT)}
        ET.SubElement(element, "tspan", position).text = line


def _line(parent: ET.Element, points: tuple[float, float, float, float], **extra: str) -> None:
    """Add a faint line in the text colour."""
    x1, y1, x2, y2 = points
    attributes = {"x1": _n(x1), "y1": _n(y1), "x2": _n(x2), "y2": _n(y2)}
    attributes |= {"stroke": "currentColor", "stroke-opacity": "0.3"} | extra
    ET.SubElement(parent, "line", attributes)


def _serialise(root: ET.Element) -> str:
    return ET.tostring(root, encoding="unicode")


def bar_chart(*, title: str, desc: str, bars: Sequence[tuple[str, float, str]]) -> str:
    """Draw one horizontal bar per item on a 0–100 scale: label above, value after the bar.

    Args:
        title: Short accessible name.
        desc: The numbers in Norwegian text.
        bars: ``(label, value 0–100, value as text)`` per bar, top to bottom.

    Returns:
        The SVG markup.

    """
    value_room = text_width("100") + 8
    track = WIDTH - 2 * MARGIN - value_room
    layout: list[tuple[list[str], float, float]] = []  # label lines, label top, bar top
    y = float(MARGIN)
    for label, _, _ in bars:
        lines = wrap(label, WIDTH - 2 * MARGIN)
        bar_top = y + ASCENT * FONT_SIZE + (len(lines) - 1) * LINE_HEIGHT + 6
        layout.append((lines, y, bar_top))
        y = bar_top + 16 + 14
    root = _svg(y - 14 + MARGIN, title, desc)
    for (lines, label_top, bar_top), (_, value, value_text) in zip(layout, bars, strict=True):
        _text(root, MARGIN, label_top + ASCENT * FONT_SIZE, lines)
        box = {"x": _n(MARGIN), "y": _n(bar_top), "height": "16"}
        background = {"width": _n(track), "fill": "currentColor", "fill-opacity": "0.12"}
        ET.SubElement(root, "rect", box | background)
        length = track * max(0.0, min(value, 100.0)) / 100
        if length > 0:
            ET.SubElement(root, "rect", box | {"width": _n(length)} | _paint("1", "fill"))
        _text(root, MARGIN + length + 6, bar_top + 13, [value_text])
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
        tick_text: Formats a y tick (for example as kroner); keep it short.
        reference: A dashed horizontal line and its label (the value the curve approaches);
            the label is wrapped to the plot's width, above the line if it fits there.

    Returns:
        The SVG markup.

    """
    height = 240
    ys = [*values, reference[0]] if reference else list(values)
    low, high = min(0.0, *ys), max(0.0, *ys)
    if high - low < SMALLEST_SPAN:
        # Nothing to show at this scale (all zero, or fractions of an øre): draw it flat.
        high = low + 1
    step = _nice_step(high - low, 3)
    first, last = math.floor(low / step), math.ceil(high / step)
    low, high = first * step, last * step
    ticks = [k * step for k in range(first, last + 1)]
    labels = [tick_text(t) for t in ticks]
    periods = max(len(values) - 1, 1)
    left = MARGIN + max(text_width(label) for label in labels) + 6
    right = WIDTH - MARGIN - text_width(str(periods)) / 2
    top, bottom = 16.0, height - 48.0

    def x_of(period: float) -> float:
        return left + (right - left) * period / periods

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * (value - low) / (high - low)

    root = _svg(height, title, desc)
    for tick, label in zip(ticks, labels, strict=True):
        _line(
            root,
            (left, y_of(tick), right, y_of(tick)),
            **({} if tick else {"stroke-opacity": "0.6"}),
        )
        _text(root, left - 6, y_of(tick) + 5, [label], "end")
    # Room for each period label plus a gap decides how many fit along the axis.
    fitting = max(1, int((right - left) // (text_width(str(periods)) + 16)))
    x_step = max(1, math.ceil(_nice_step(periods, min(4, fitting))))
    for period in range(0, periods + 1, x_step):
        _text(root, x_of(period), bottom + 22, [str(period)], "middle")
    _text(root, (left + right) / 2, height - 8, [x_label], "middle")
    if reference is not None:
        _reference(root, y_of(reference[0]), reference[1], (left, right))
    stride = math.ceil(len(values) / _MAX_POINTS)
    kept = [*range(0, len(values), stride)]
    if kept[-1] != len(values) - 1:
        kept.append(len(values) - 1)
    curve = {"points": " ".join(f"{_n(x_of(i))},{_n(y_of(values[i]))}" for i in kept)}
    curve |= _paint("1", "stroke") | {"fill": "none", "stroke-width": "2.5"}
    ET.SubElement(root, "polyline", curve)
    return _serialise(root)


def _reference(root: ET.Element, level: float, label: str, plot: tuple[float, float]) -> None:
    """Draw the dashed reference line and its label, above the line or else below it."""
    left, right = plot
    _line(
        root,
        (left, level, right, level),
        **{"stroke-dasharray": "6 4", "stroke-opacity": "0.8"},
    )
    lines = wrap(label, right - left)
    above = level - 6 - (len(lines) - 1) * LINE_HEIGHT
    first = above if above - ASCENT * FONT_SIZE >= MARGIN / 2 else level + 6 + ASCENT * FONT_SIZE
    _text(root, right, first, lines, "end")


def stacked_bar(*, title: str, desc: str, parts: Sequence[tuple[str, float, str]]) -> str:
    """Draw one horizontal bar split into shares, with a legend that repeats the numbers.

    The legend has one entry per line, so it fits a phone at full text size.

    Args:
        title: Short accessible name.
        desc: The numbers in Norwegian text.
        parts: ``(legend text, share 0–100, colour key)`` per segment, left to right.

    Returns:
        The SVG markup.

    """
    bar_width, swatch = WIDTH - 2 * MARGIN, 14
    legends = [wrap(legend, WIDTH - MARGIN - (MARGIN + swatch + 8)) for legend, _, _ in parts]
    height = 48 + sum(len(lines) * LINE_HEIGHT + 8 for lines in legends) + MARGIN
    root = _svg(height, title, desc)
    x = float(MARGIN)
    for _, share, colour in parts:
        segment = bar_width * share / 100
        if segment > 0:
            box = {"x": _n(x), "y": _n(MARGIN), "width": _n(segment), "height": "32"}
            ET.SubElement(root, "rect", box | _paint(colour, "fill"))
        x += segment
    baseline = 48 + ASCENT * FONT_SIZE + 4
    for lines, (_, _, colour) in zip(legends, parts, strict=True):
        key = {"x": _n(MARGIN), "y": _n(baseline - 12), "width": "14", "height": "14"}
        ET.SubElement(root, "rect", key | _paint(colour, "fill"))
        _text(root, MARGIN + swatch + 8, baseline, lines)
        baseline += len(lines) * LINE_HEIGHT + 8
    return _serialise(root)


def grouped_bars(
    *, title: str, desc: str, groups: Sequence[tuple[str, str, Sequence[tuple[str, float]]]]
) -> str:
    """Draw counts as horizontal bars under group headings, so the groups read without colour.

    Args:
        title: Short accessible name.
        desc: The numbers in Norwegian text.
        groups: ``(heading, colour key, bars)`` per group, top to bottom; each bar is
            ``(label, count)``. Bars share one scale (the largest count fills the track)
            and carry their group's colour; the count is written after each bar.

    Returns:
        The SVG markup.

    """
    counts = [count for _, _, bars in groups for _, count in bars]
    largest = max([*counts, 1.0])
    label_room = max(text_width(label) for _, _, bars in groups for label, _ in bars) + 8
    value_room = max(text_width(format_count(count)) for count in counts) + 8
    track = WIDTH - 2 * MARGIN - label_room - value_room
    headings = [wrap(heading, WIDTH - 2 * MARGIN) for heading, _, _ in groups]
    height = MARGIN + sum(
        len(lines) * LINE_HEIGHT + 4 + len(bars) * 22 + 6
        for lines, (_, _, bars) in zip(headings, groups, strict=True)
    )
    root = _svg(height + MARGIN, title, desc)
    y = float(MARGIN)
    for lines, (_, colour, bars) in zip(headings, groups, strict=True):
        _text(root, MARGIN, y + ASCENT * FONT_SIZE, lines)
        y += len(lines) * LINE_HEIGHT + 4
        for label, count in bars:
            _text(root, MARGIN + label_room - 8, y + 14, [label], "end")
            length = track * count / largest
            if length > 0:
                box = {"x": _n(MARGIN + label_room), "y": _n(y + 3), "height": "14"}
                ET.SubElement(root, "rect", box | {"width": _n(length)} | _paint(colour, "fill"))
            _text(root, MARGIN + label_room + length + 6, y + 14, [format_count(count)])
            y += 22
        y += 6
    return _serialise(root)


def format_count(count: float) -> str:
    """Write a count for a chart: grouped with no-break spaces, no decimals."""
    return f"{count:,.0f}".replace(",", "\u00a0")


def spread_chart(
    *, title: str, desc: str, rows: Sequence[tuple[str, Sequence[float], float, float]]
) -> str:
    """Draw each row's answers on a 1–7 scale: a dot per answer, the mean, ± one deviation.

    Equal answers share a dot with their number written above it; the mean is a short
    upright line and the standard deviation a line under the dots, so a spread (raters
    who disagree) shows as dots far apart and a long line, without relying on colour.

    Args:
        title: Short accessible name.
        desc: The numbers in Norwegian text.
        rows: ``(label, answers, mean, standard deviation)`` per row, top to bottom; the
            label should state the numbers too.

    Returns:
        The SVG markup.

    """
    left, right = MARGIN + 8.0, WIDTH - MARGIN - 8.0

    def x_of(answer: float) -> float:
        return left + (right - left) * (min(max(answer, 1.0), 7.0) - 1) / 6

    labels = [wrap(label, WIDTH - 2 * MARGIN) for label, _, _, _ in rows]
    height = MARGIN + LINE_HEIGHT + 8 + sum(len(lines) * LINE_HEIGHT + 50 for lines in labels)
    root = _svg(height, title, desc)
    for scale in range(1, 8):
        _text(root, x_of(scale), MARGIN + ASCENT * FONT_SIZE, [str(scale)], "middle")
    y = MARGIN + LINE_HEIGHT + 8.0
    for lines, (_, answers, mean, deviation) in zip(labels, rows, strict=True):
        _text(root, MARGIN, y + ASCENT * FONT_SIZE, lines)
        middle = y + len(lines) * LINE_HEIGHT + 26
        _line(root, (left, middle, right, middle))
        tally: dict[float, int] = {}
        for answer in answers:
            tally[answer] = tally.get(answer, 0) + 1
        for answer, times in sorted(tally.items()):
            dot = {"cx": _n(x_of(answer)), "cy": _n(middle), "r": "6"}
            ET.SubElement(root, "circle", dot | _paint("1", "fill"))
            if times > 1:
                _text(root, x_of(answer), middle - 9, [str(times)], "middle")
        _line(root, (x_of(mean), middle - 10, x_of(mean), middle + 10), **{"stroke-opacity": "1"})
        low, high = x_of(mean - deviation), x_of(mean + deviation)
        _line(root, (low, middle + 14, high, middle + 14), **{"stroke-opacity": "1"})
        y = middle + 24
    return _serialise(root)
