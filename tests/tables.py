"""The test tables a new calculator needs a row in, and what the failing test then says.

A table keyed by calculator id that lacks one fails with the table's file and name, the
calculators missing, and what a row holds (CONTRIBUTING.md, «Lag en ny kalkulator», lists
every table).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable


def missing_rows(table: Iterable[str], wanted: Iterable[str], *, where: str, row: str) -> str:
    """Return the message for a table missing rows: where it is and what to add (or "")."""
    missing = sorted(set(wanted) - set(table))
    extra = sorted(set(table) - set(wanted))
    parts = []
    if missing:
        parts.append(f"{where} mangler en rad for {', '.join(missing)}: legg til {row}")
    if extra:
        parts.append(f"{where} har rader for kalkulatorer som ikke finnes: {', '.join(extra)}")
    return "; ".join(parts)
