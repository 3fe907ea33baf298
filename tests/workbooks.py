"""Excel workbooks (.xlsx) for the tests, written by openpyxl as the tools readers use do."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from openpyxl import Workbook

if TYPE_CHECKING:
    from collections.abc import Sequence

    from openpyxl.worksheet.worksheet import Worksheet


def xlsx(rows: Sequence[Sequence[object]], *, formats: dict[str, str] | None = None) -> bytes:
    """A workbook whose first sheet holds ``rows`` from A1; ``formats`` by column letter."""
    book = Workbook()
    sheet: Worksheet = book.active  # type: ignore[assignment]
    for row in rows:
        sheet.append(list(row))
    for column, number_format in (formats or {}).items():
        for cell in sheet[column]:
            cell.number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
