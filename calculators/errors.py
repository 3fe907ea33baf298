"""The one exception ``compute`` lets escape."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from calculators.table_report import DataReport


class ValidationError(Exception):
    """Input a calculator cannot use, with a Norwegian message per field.

    Attributes:
        errors: Field name → a Norwegian message that says what to do. The key ``""`` is for
            problems that belong to no field (an unknown calculator id).
        data: Data field name → what was read from its table before the input was
            rejected (see :class:`calculators.table_report.DataReport`); empty when no
            table was read. ``evaluate`` shows it beside the errors.

    """

    def __init__(
        self, errors: Mapping[str, str], *, data: Mapping[str, DataReport] | None = None
    ) -> None:
        """Store the messages.

        Args:
            errors: Field name → Norwegian message; must not be empty.
            data: Data field name → its table's report, if any table was read.

        """
        self.errors: dict[str, str] = dict(errors)
        self.data: dict[str, DataReport] = dict(data or {})
        super().__init__(" ".join(self.errors.values()))
