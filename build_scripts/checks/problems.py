"""What a check reports: a problem at a place in a file, in words a maintainer can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True, order=True)
class Problem:
    """One thing to fix.

    ``str(problem)`` reads ``docs/relasjoner/tillit.md:12:5: message``, the form editors and
    terminals turn into a link to the line.

    Attributes:
        path: The file, as the maintainer named it (relative to the current folder).
        line: Line number, from 1.
        column: Column number, from 1.
        message: What is wrong and how to fix it, in Norwegian.

    """

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        """Return ``path:line:column: message``."""
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class CheckToolMissingError(RuntimeError):
    """A tool a check needs is not installed; the message says how to install it."""
