"""What a page shows about a data field's table: the JSON-friendly report and its summary.

``evaluate`` returns one :class:`DataReport` per data field under ``data``, also when the
table was rejected, so the reader sees which columns were used and which lines failed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from calculators.numbers import format_value
from calculators.table_text import DELIMITER_NAMES

if TYPE_CHECKING:
    from calculators.table_data import DataTable

#: A report lists at most this many roles' columns in its summary; more are "see below".
SUMMARY_ROLES = 4


class RoleReport(TypedDict):
    """A column the field looks for: its role id, Norwegian label and whether it may lack."""

    role: str
    label: str
    optional: bool


class InvalidLine(TypedDict):
    """An unreadable row: the line of the text it starts on and why."""

    line: int
    reason: str


class DataLink(TypedDict):
    """A link the analysis offers (the lifetime value calculator with this retention).

    ``href`` is relative to the site's root (``kalkulatorer/livstidsverdi/#…``); the page
    resolves it against the root it already knows.
    """

    text: str
    href: str


class DataReport(TypedDict):
    """What was read from a data field.

    Attributes:
        columns: The column names: header cells, or ``Kolonne 1`` … without a header.
        header: Whether the first row was a header.
        roles: The columns the field looks for, in order.
        chosen: Role → the 1-based column used, 0 for none.
        automatic: Role → whether the column was chosen automatically (not by the reader).
        rows: Data rows that are not empty.
        used: Rows the result is computed from.
        blank: Rows skipped because the cells that matter were blank (not answers).
        invalid_count: Rows that could not be read, all of them.
        invalid: The first 20 of them, in line order.
        summary: Norwegian sentences: the columns used and the counts.
        delimiter: The delimiter found, in Norwegian (``semikolon``, ``tabulator``, ``komma``).
        encoding: How a file was encoded (``UTF-8``, ``Windows-1252``, ``UTF-16``), or
            ``tekst`` for text pasted or typed.
        links: Links to other calculators with results from this table.

    """

    columns: list[str]
    header: bool
    roles: list[RoleReport]
    chosen: dict[str, int]
    automatic: dict[str, bool]
    rows: int
    used: int
    blank: int
    invalid_count: int
    invalid: list[InvalidLine]
    summary: str
    delimiter: str
    encoding: str
    links: list[DataLink]


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the word is an abbreviation (NPS, CSAT)."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _count(value: int) -> str:
    return format_value(value, "count")


def _columns_sentence(table: DataTable) -> str:
    used = [role for role in table.roles if table.chosen[role.role] >= 0]
    lacking = [role for role in table.roles if table.chosen[role.role] < 0]
    parts = []
    if len(used) > SUMMARY_ROLES:
        parts.append(f"Brukte {len(used)} kolonner; se valgene under.")
    elif used:
        listed = [f"{table.column_text(r.role)} for {lower_first(r.label)}" for r in used]
        joined = listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} og {listed[-1]}"
        parts.append(f"Brukte {joined}.")
    if lacking and len(lacking) <= SUMMARY_ROLES:
        names = " eller ".join(f"«{lower_first(role.label)}»" for role in lacking)
        parts.append(f"Fant ingen kolonne for {names}.")
    if not table.header:
        parts.append("Tabellen har ingen overskriftsrad, så kolonnene er valgt etter innholdet.")
    return " ".join(parts)


def _counts_sentence(table: DataTable) -> str:
    rows = "rad" if table.rows == 1 else "rader"
    text = f"Av {_count(table.rows)} {rows} ble {_count(table.used)} brukt"
    extra = []
    if table.blank:
        extra.append(f"{_count(table.blank)} var {'tom' if table.blank == 1 else 'tomme'}")
    if table.invalid_count:
        extra.append(f"{_count(table.invalid_count)} kunne ikke leses")
    if extra:
        text += "; " + " og ".join(extra)
    return f"{text}."


def summary(table: DataTable) -> str:
    """Write the summary: the columns used, then counts, then the analysis' own notes."""
    return " ".join([_columns_sentence(table), _counts_sentence(table), *table.notes]).strip()


def report_of(table: DataTable) -> DataReport:
    """Build the report of a table (see :class:`DataReport`)."""
    return {
        "columns": list(table.columns),
        "header": table.header,
        "roles": [
            {"role": role.role, "label": role.label, "optional": role.optional}
            for role in table.roles
        ],
        "chosen": {role: index + 1 for role, index in table.chosen.items()},
        "automatic": {role: how != "valgt" for role, how in table.how.items()},
        "rows": table.rows,
        "used": table.used,
        "blank": table.blank,
        "invalid_count": table.invalid_count,
        "invalid": [{"line": line, "reason": reason} for line, reason in table.invalid],
        "summary": summary(table),
        "delimiter": DELIMITER_NAMES.get(table.delimiter, table.delimiter),
        "encoding": table.encoding,
        "links": [{"text": link["text"], "href": link["href"]} for link in table.links],
    }
