"""The one grammar of the site's directives: how their opening and closing lines are written.

A maintainer writes a directive as a ``pymdownx.blocks``-style block::

    /// calculator | customer_lifetime_value
        retention_rate: 90
    ///

The opening line is three or more slashes, the directive's name, and optionally ``|`` and an
argument (the calculator's id); the block ends at a line of exactly as many slashes. The
names are :data:`DIRECTIVES`. Every module that looks for a directive builds its pattern
here: the block processors (on Markdown blocks), the line recorder and the maintainers'
checks (on source lines, also behind ``>`` and indentation), the finishing step (on the
text of built pages, where a directive left as text means the extension did not run) and
the reference page. So they cannot disagree about what is a directive and what is not:
``/// calculator-reference`` is not ``/// calculator``, and ``/// details`` is neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

CALCULATOR = "calculator"
REFERENCE = "calculator-reference"
QUIZ = "quiz"
EXERCISE = "exercise"
#: Every directive the site's extension renders.
DIRECTIVES = (CALCULATOR, REFERENCE, QUIZ, EXERCISE)

#: What may stand before a line inside a container: blockquote markers and indentation.
CONTAINER_PREFIX = r"(?:[ \t]*>)*[ \t]*"
_FENCE = r"(?P<fence>/{3,})"


def _names(names: Iterable[str]) -> str:
    # A name ends where no word character or hyphen follows: "calculator" never matches
    # the start of "calculator-reference".
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return rf"(?P<name>{alternatives})(?![\w-])"


def _opening(names: Iterable[str]) -> str:
    """Return the opening line after its indentation: fence, name, ``| argument``."""
    return rf"{_FENCE}[ \t]*{_names(names)}[ \t]*(?:\|[ \t]*(?P<argument>[^\n]*?))?[ \t]*"


def block_opening(names: Iterable[str] = DIRECTIVES) -> re.Pattern[str]:
    """Match the opening line within a Markdown block (for the block processors).

    At most three spaces of indentation, as Markdown allows before a block; the match
    includes the line's end, so what follows it is the directive's body.
    """
    return re.compile(rf"(?:^|\n)[ ]{{0,3}}{_opening(names)}(?:\n|$)", re.IGNORECASE)


def block_closing() -> re.Pattern[str]:
    """Match a closing line within a Markdown block: slashes alone (as many as opened)."""
    return re.compile(rf"(?m)^[ ]{{0,3}}{_FENCE}[ \t]*$")


def source_opening(names: Iterable[str] = DIRECTIVES) -> re.Pattern[str]:
    """Match the opening line as one line of a page's source, also in a quote or a list.

    ``prefix`` is what stands before the fence.
    """
    return re.compile(rf"^(?P<prefix>{CONTAINER_PREFIX}){_opening(names)}$", re.IGNORECASE)


def source_closing() -> re.Pattern[str]:
    """Match a closing line as one line of a page's source, also in a quote or a list."""
    return re.compile(rf"^(?P<prefix>{CONTAINER_PREFIX}){_FENCE}[ \t]*$")


def text_opening(names: Iterable[str] = DIRECTIVES) -> re.Pattern[str]:
    """Match an opening line left as text in a rendered page (one per line of text)."""
    return re.compile(rf"^{CONTAINER_PREFIX}{_opening(names)}$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Opening:
    """A directive's opening line, read.

    Attributes:
        name: The directive (one of :data:`DIRECTIVES`), lower case.
        argument: What follows ``|``, stripped; ``""`` when there is none.
        fence: The slashes; the closing line must have exactly as many.

    """

    name: str
    argument: str
    fence: str

    @classmethod
    def of(cls, match: re.Match[str]) -> Opening:
        """Read a match of one of this module's opening patterns."""
        return cls(match["name"].lower(), (match["argument"] or "").strip(), match["fence"])


__all__ = [
    "CALCULATOR",
    "DIRECTIVES",
    "EXERCISE",
    "QUIZ",
    "REFERENCE",
    "Opening",
    "block_closing",
    "block_opening",
    "source_closing",
    "source_opening",
    "text_opening",
]
