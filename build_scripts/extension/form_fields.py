"""A calculator's fields as HTML: text inputs, selects, 1–7 answers as radio buttons, tables.

Part of the form :mod:`build_scripts.extension.directive_html` builds; see its docstring
for what the browser code may rely on. A data field (the reader's own table) is built by
:mod:`build_scripts.extension.data_field`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from build_scripts.extension.data_field import add_data_field
from build_scripts.extension.elements import add

if TYPE_CHECKING:
    from collections.abc import Mapping
    from xml.etree.ElementTree import Element

    from calculators.spec import Field


def unit_suffix(unit: str) -> str | None:
    """Return what follows an input of ``unit``: the results' own unit word (``kr``).

    A ratio's ": 1" is only ever a result. Imported here, when a form is built, not when
    the extension loads: a broken calculator module must reach the plugin's own message,
    and `mkdocs serve` reloads the package between builds.
    """
    numbers = importlib.import_module("calculators.numbers")
    suffix: str | None = numbers.SUFFIX_BY_UNIT.get(unit)
    return None if suffix is None or unit == "ratio" else suffix.strip()


def add_field(
    parent: Element,
    field: Field,
    prefix: str,
    text: str,
    report: Mapping[str, object] | None = None,
) -> None:
    """Append one labelled input (or select) with its unit, help text and error slot.

    ``report`` is what the build-time evaluation read from a data field's table (see
    ``calculators.table_report.DataReport``); other fields have none.
    """
    if field.unit == "data":
        add_data_field(parent, field, prefix, text, report or {})
        return
    if field.scale_ends is not None:
        _add_scale(parent, field, field.scale_ends, prefix, text)
        return
    control_id = f"{prefix}-{field.name}"
    wrapper = add(parent, "div", {"class": "calculator-field", "data-field": field.name})
    add(wrapper, "label", {"for": control_id}, field.label)
    described_by: list[str] = []
    control_box = add(wrapper, "div", {"class": "calculator-control"})
    if field.choices:
        control = add(control_box, "select", {"id": control_id, "name": field.name})
        for value, label in field.choices:
            option = add(control, "option", {"value": value}, label)
            if value == text:
                option.set("selected", "selected")
    else:
        control = add(
            control_box,
            "input",
            {
                "type": "text",
                "id": control_id,
                "name": field.name,
                # iOS's decimal keypad has no minus key: a field that takes negative numbers
                # gets the full keyboard.
                "inputmode": "decimal" if _non_negative(field) else "text",
                "autocomplete": "off",
                "spellcheck": "false",
                "value": text,
            },
        )
        # No min/max: the browser would second-guess Python's validation with its own
        # English messages on a text input.
        suffix = unit_suffix(field.unit)
        if suffix:
            unit_id = f"{control_id}-unit"
            add(control_box, "span", {"class": "calculator-unit", "id": unit_id}, suffix)
            described_by.append(unit_id)
    if field.help:
        help_id = f"{control_id}-help"
        add(wrapper, "p", {"class": "calculator-help", "id": help_id}, field.help)
        described_by.append(help_id)
    error_id = f"{control_id}-error"
    add(
        wrapper,
        "p",
        {"class": "calculator-error", "data-field": field.name, "id": error_id, "hidden": "hidden"},
    )
    described_by.append(error_id)
    control.set("aria-describedby", " ".join(described_by))


def _add_scale(
    parent: Element, field: Field, scale_ends: tuple[str, str], prefix: str, text: str
) -> None:
    """Append a 1–7 answer as a group of radio buttons, its ends named in words.

    Native radios: the arrow keys move within the group, the page's own answer is checked
    without JavaScript, and a reset returns to it. Each button's label is its number; the
    first and the last also hold the words for the ends, hidden from view, so a screen
    reader hears "1 svært dårlig"; sighted readers see the words under the row.
    """
    control_id = f"{prefix}-{field.name}"
    low, high = int(field.minimum or 1), int(field.maximum or 7)
    ends = {low: scale_ends[0], high: scale_ends[1]}
    group = add(
        parent,
        "fieldset",
        {"class": "calculator-field calculator-scale", "data-field": field.name},
    )
    add(group, "legend", None, field.label)
    options = add(group, "div", {"class": "calculator-scale-options"})
    described_by = []
    if field.help:
        described_by.append(f"{control_id}-help")
    described_by.append(f"{control_id}-error")
    for answer in range(low, high + 1):
        option_id = f"{control_id}-{answer}"
        attributes = {"type": "radio", "id": option_id, "name": field.name, "value": str(answer)}
        if str(answer) == text:
            attributes["checked"] = "checked"
        # On each radio rather than the fieldset: screen readers read a radio's description
        # when it gets focus, and the error slot must be read where the reader is.
        attributes["aria-describedby"] = " ".join(described_by)
        add(options, "input", attributes)
        label = add(options, "label", {"for": option_id}, str(answer))
        if answer in ends:
            add(label, "span", {"class": "calculator-visually-hidden"}, f" {ends[answer]}")
    # What the ends mean, shown under the row; screen readers hear it in the labels above.
    words = add(group, "p", {"class": "calculator-scale-words", "aria-hidden": "true"})
    add(words, "span", None, scale_ends[0])
    add(words, "span", None, scale_ends[1])
    if field.help:
        add(group, "p", {"class": "calculator-help", "id": f"{control_id}-help"}, field.help)
    add(
        group,
        "p",
        {
            "class": "calculator-error",
            "data-field": field.name,
            "id": f"{control_id}-error",
            "hidden": "hidden",
        },
    )


def _non_negative(field: Field) -> bool:
    """Whether the field rejects negative numbers."""
    return field.minimum is not None and field.minimum >= 0
