"""The one exception ``compute`` lets escape."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping


class ValidationError(Exception):
    """Input a calculator cannot use, with a Norwegian message per field.

    Attributes:
        errors: Field name → a Norwegian message that says what to do. The key ``""`` is for
            problems that belong to no field (an unknown calculator id).

    """

    def __init__(self, errors: Mapping[str, str]) -> None:
        """Store the messages.

        Args:
            errors: Field name → Norwegian message; must not be empty.

        """
        self.errors: dict[str, str] = dict(errors)
        super().__init__(" ".join(self.errors.values()))
