"""A data field as HTML: the reader's own table, pasted or picked as a file.

Part of the form :mod:`build_scripts.extension.directive_html` builds. What the browser code
may rely on, inside the field's ``.calculator-field.calculator-data[data-field=NAME]``:

- ``textarea[name=NAME]``: the table as text, its content the calculator's made-up sample
  (so ``defaultValue`` is what a reset returns to; no ``data-default``), labelled, with
  ``aria-describedby`` pointing at the help, the sample note and the error slot;
- ``input[type=file][data-for=NAME]`` with its own label: a chosen (or dropped) file goes
  to the worker as bytes, not through the textarea; ``.calculator-data-file-status`` (a
  status region) says which file is in use;
- ``button[data-action=sample-data|clear-data][data-for=NAME]`` (``hidden`` until the
  script runs): put the sample back, or empty the field;
- ``.calculator-data-sample``: says the sample is made up;
- ``data-sample-choice`` (the choice field's name) and ``data-samples`` (JSON: choice value
  → sample) on the wrapper, for a field whose columns follow a choice (``Field.samples``):
  while the field holds a sample, it shows the one with the chosen columns;
- ``.calculator-data-summary``: which columns were used and how many rows (the report's
  ``summary``);
- ``details.calculator-data-columns``: one ``select[name="NAME:ROLE"]`` per column the field
  looks for (``data-role`` ROLE): ``""`` chooses automatically (the option says what was
  chosen), ``"1"``, ``"2"`` … a column, ``"0"`` none (optional roles only). These names are
  raw inputs for ``evaluate`` but no fields: they carry no table data, and the address may
  hold them;
- ``.calculator-data-invalid``: the count of lines that could not be read and a list of the
  first ones (``hidden`` when there are none);
- ``.calculator-error[data-field=NAME]``: the error slot, as for any field.

The browser fills the summary, the options and the list from each evaluation's ``data``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from build_scripts.extension.elements import add

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from xml.etree.ElementTree import Element

    from calculators.spec import Field

FILE_LABEL = "Eller velg en fil (.csv, .txt eller .xlsx)"
FILE_TYPES = (
    ".csv,.txt,.xlsx,text/csv,text/plain,"
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)
SAMPLE_NOTE = (
    "Tallene som står i feltet nå, er oppdiktede eksempeldata. Lim inn dine egne i stedet: "
    "de blir i nettleseren din og sendes ikke noe sted."
)
USE_SAMPLE = "Bruk eksempeldataene"
CLEAR = "Tøm"
COLUMNS_SUMMARY = "Velg kolonner selv"
AUTOMATIC = "Velg automatisk"
NONE = "Ingen"
TEXTAREA_ROWS = "8"
#: A column's name in an option is cut after this many characters.
OPTION_NAME_LENGTH = 40


def add_data_field(
    parent: Element, field: Field, prefix: str, text: str, report: Mapping[str, object]
) -> None:
    """Append the textarea, the file picker, the column choices and the unreadable lines."""
    control_id = f"{prefix}-{field.name}"
    attributes = {"class": "calculator-field calculator-data", "data-field": field.name}
    if field.samples and field.column_choice:
        attributes["data-sample-choice"] = field.column_choice
        attributes["data-samples"] = json.dumps(dict(field.samples), ensure_ascii=False)
    wrapper = add(parent, "div", attributes)
    add(wrapper, "label", {"for": control_id}, field.label)
    described = [f"{control_id}-help", f"{control_id}-sample", f"{control_id}-error"]
    if not field.help:
        described.remove(f"{control_id}-help")
    add(
        wrapper,
        "textarea",
        {
            "id": control_id,
            "name": field.name,
            "rows": TEXTAREA_ROWS,
            "spellcheck": "false",
            "autocomplete": "off",
            "autocapitalize": "off",
            "aria-describedby": " ".join(described),
        },
        text,
    )
    if field.help:
        add(wrapper, "p", {"class": "calculator-help", "id": f"{control_id}-help"}, field.help)
    add(
        wrapper,
        "p",
        {"class": "calculator-data-sample", "id": f"{control_id}-sample"},
        SAMPLE_NOTE,
    )
    picker = add(wrapper, "div", {"class": "calculator-data-file"})
    add(picker, "label", {"for": f"{control_id}-file"}, FILE_LABEL)
    add(
        picker,
        "input",
        {
            "type": "file",
            "id": f"{control_id}-file",
            "data-for": field.name,
            "accept": FILE_TYPES,
            "aria-describedby": f"{control_id}-file-status",
        },
    )
    # Which file is in use, or why a file could not be used (the script says; a live
    # region, so choosing or dropping a file is announced).
    status = {"class": "calculator-data-file-status", "id": f"{control_id}-file-status"}
    add(picker, "p", status | {"role": "status"})
    # Without the script these would do nothing: hidden until it runs.
    buttons = add(wrapper, "div", {"class": "calculator-data-buttons"})
    sample = {"type": "button", "data-action": "sample-data", "data-for": field.name}
    add(buttons, "button", sample | {"hidden": "hidden"}, USE_SAMPLE)
    clear = {"type": "button", "data-action": "clear-data", "data-for": field.name}
    add(buttons, "button", clear | {"hidden": "hidden"}, CLEAR)
    summary_id = f"{control_id}-summary"
    add(
        wrapper,
        "p",
        {"class": "calculator-data-summary", "id": summary_id},
        str(report.get("summary", "")),
    )
    _add_column_choices(wrapper, field, control_id, report, summary_id)
    _add_invalid_lines(wrapper, control_id, report)
    add(
        wrapper,
        "p",
        {
            "class": "calculator-error",
            "data-field": field.name,
            "id": f"{control_id}-error",
            "hidden": "hidden",
        },
    )


def _strings(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def _short(name: str) -> str:
    return name if len(name) <= OPTION_NAME_LENGTH else f"{name[: OPTION_NAME_LENGTH - 1]}…"


def _roles(field: Field, report: Mapping[str, object]) -> list[tuple[str, str, bool]]:
    """(role, label, optional) of the columns looked for: the report's, else the spec's."""
    listed = report.get("roles")
    if isinstance(listed, list) and listed:
        return [
            (str(r["role"]), str(r["label"]), bool(r["optional"]))
            for r in listed
            if isinstance(r, dict)
        ]
    return [(c.role, c.label, c.optional) for c in field.columns if not c.when]


def _add_column_choices(
    parent: Element,
    field: Field,
    control_id: str,
    report: Mapping[str, object],
    summary_id: str,
) -> None:
    """Append a select per column role, listing the table's columns."""
    columns = _strings(report.get("columns"))
    chosen = report.get("chosen")
    chosen = chosen if isinstance(chosen, dict) else {}
    details = add(parent, "details", {"class": "calculator-data-columns"})
    add(details, "summary", None, COLUMNS_SUMMARY)
    for role, label, optional in _roles(field, report):
        select_id = f"{control_id}-column-{role}"
        choice = add(details, "div", {"class": "calculator-data-column"})
        add(choice, "label", {"for": select_id}, label)
        select = add(
            choice,
            "select",
            {
                "id": select_id,
                "name": f"{field.name}:{role}",
                "data-role": role,
                "aria-describedby": summary_id,
            },
        )
        now = chosen.get(role, 0)
        automatic = AUTOMATIC
        if isinstance(now, int) and 0 < now <= len(columns):
            automatic += f" (nå kolonne {now}: {_short(columns[now - 1])})"
        add(select, "option", {"value": "", "selected": "selected"}, automatic)
        for number, name in enumerate(columns, start=1):
            add(select, "option", {"value": str(number)}, f"Kolonne {number}: {_short(name)}")
        if optional:
            add(select, "option", {"value": "0"}, NONE)


def _add_invalid_lines(parent: Element, control_id: str, report: Mapping[str, object]) -> None:
    """Append the count of unreadable lines and the first of them, hidden when there are none."""
    count = report.get("invalid_count", 0)
    listed = report.get("invalid")
    lines: Sequence[object] = listed if isinstance(listed, list) else []
    attributes = {"class": "calculator-data-invalid", "id": f"{control_id}-invalid"}
    if not count:
        attributes["hidden"] = "hidden"
    holder = add(parent, "div", attributes)
    heading = f"{count} {'linje' if count == 1 else 'linjer'} kunne ikke leses"
    if isinstance(count, int) and count > len(lines):
        heading += f"; de første {len(lines)} er listet"
    add(holder, "p", {"class": "calculator-data-invalid-count"}, f"{heading}:")
    items = add(holder, "ul")
    for entry in lines:
        if isinstance(entry, dict):
            add(items, "li", None, f"Linje {entry['line']}: {entry['reason']}")
