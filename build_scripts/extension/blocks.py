"""What every directive's block processor shares: finding the block, its body and its line.

Each directive (the calculator, the quiz, the exercise) is a ``BlockProcessor`` of its own
rather than a ``pymdownx.blocks.block.Block``: that framework quietly renders a block it
cannot parse (bad YAML, an option it was not told about in advance) as a plain paragraph,
where a maintainer needs the build to fail and say where. The grammar of the opening and
closing lines is :mod:`build_scripts.extension.grammar`'s.

Python-Markdown hands block processors text without line numbers, so a preprocessor
(:class:`DirectiveLinePreprocessor`) first records the source line of every directive
outside code and comments; each processor then claims the line of the directive it renders.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor

from build_scripts.extension import grammar
from build_scripts.extension.directive_options import CalculatorDirectiveError

if TYPE_CHECKING:
    from collections.abc import Callable
    from xml.etree.ElementTree import Element

    from markdown import Markdown

#: Turns a directive error into the exception to raise (the MkDocs plugin names the page).
type ReportError = Callable[[CalculatorDirectiveError], Exception]

_CODE_FENCE = re.compile(rf"^{grammar.CONTAINER_PREFIX}(?P<fence>`{{3,}}|~{{3,}})")


@dataclass(slots=True)
class PageState:
    """What one document needs: counters for element ids, where each directive starts."""

    # Per directive name: how many have been rendered (ids stay unique on the page).
    counts: dict[str, int] = field(default_factory=dict)
    # (line, name, argument as written) of each directive outside code, in source order.
    directive_lines: deque[tuple[int, str, str]] = field(default_factory=deque)

    def clear(self) -> None:
        """Forget the previous document."""
        self.counts.clear()
        self.directive_lines.clear()

    def next_number(self, name: str) -> int:
        """Return the next number for a directive of this name on the page (from 1)."""
        self.counts[name] = self.counts.get(name, 0) + 1
        return self.counts[name]

    def claim_line(self, name: str, argument: str) -> int | None:
        """Return the source line of the next directive ``name`` with this argument.

        Entries passed over belong to directives that never reached a block processor
        (inside raw HTML, say), so they are dropped.
        """
        while self.directive_lines:
            line, found_name, found_argument = self.directive_lines.popleft()
            if (found_name, found_argument) == (name, argument):
                return line
        return None


class DirectiveLinePreprocessor(Preprocessor):
    """Records the line of every directive before anything changes the line count."""

    SOURCE_OPENING = grammar.source_opening()

    def __init__(self, md: Markdown, state: PageState) -> None:
        """Keep the page state shared with the block processors."""
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        """Record directive lines outside code fences and HTML comments; change nothing."""
        # A Markdown instance may convert twice without reset(): start every document afresh.
        self.state.clear()
        fence: str | None = None
        in_comment = False
        for number, line in enumerate(lines, start=1):
            if in_comment:
                in_comment = "-->" not in line
            elif fence is not None:
                stripped = line.strip().lstrip(">").strip()
                if stripped.startswith(fence) and not stripped.strip(fence[0]):
                    fence = None
            elif opening := _CODE_FENCE.match(line):
                fence = opening["fence"]
            elif (start := line.find("<!--")) >= 0:
                in_comment = "-->" not in line[start:]
            elif directive := self.SOURCE_OPENING.match(line):
                found = grammar.Opening.of(directive)
                self.state.directive_lines.append((number, found.name, found.argument))
        return lines


@dataclass(frozen=True, slots=True)
class Block:
    """One directive taken from the document: its opening, body and where it starts.

    Attributes:
        opening: The opening line, read.
        body: The text between the opening and the closing line.
        line: The opening line's number in the source, if known.
        first_body_line: The source line ``body`` starts on, if known.

    """

    opening: grammar.Opening
    body: str
    line: int | None
    first_body_line: int | None


class DirectiveBlockProcessor(BlockProcessor):
    """A block processor for one directive name; subclasses say how to render a block."""

    #: The directive this processor renders (one of ``grammar.DIRECTIVES``).
    NAME: str
    #: What the directive is called in an error message ("kalkulatoren").
    CALLED: str
    OPENING: re.Pattern[str]
    CLOSING = grammar.block_closing()

    def __init__(self, md: Markdown, state: PageState, report_error: ReportError | None) -> None:
        """Share the page state; ``report_error`` lets a host name the page of an error."""
        super().__init__(md.parser)
        self.md = md
        self.state = state
        self.report_error = report_error

    def __init_subclass__(cls, **kwargs: object) -> None:
        """Build the subclass's opening pattern from its name."""
        super().__init_subclass__(**kwargs)
        cls.OPENING = grammar.block_opening((cls.NAME,))

    def test(self, parent: Element, block: str) -> bool:  # noqa: ARG002 - Markdown's API
        """Whether the block holds this directive's opening line."""
        return self.OPENING.search(block) is not None

    def run(self, parent: Element, blocks: list[str]) -> None:
        """Render the directive and give back whatever follows its closing line."""
        try:
            self._run(parent, blocks)
        except CalculatorDirectiveError as error:
            if self.report_error is None:
                raise
            raise self.report_error(error) from error

    def _run(self, parent: Element, blocks: list[str]) -> None:
        text = blocks.pop(0)
        header = self.OPENING.search(text)
        if header is None:  # pragma: no cover - test() said there is one
            blocks.insert(0, text)
            return
        opening = grammar.Opening.of(header)
        line = self.state.claim_line(opening.name, opening.argument)
        if text[: header.start()].strip():
            self.parser.parseBlocks(parent, [text[: header.start()]])
        body = self._take_body(text[header.end() :], blocks, len(opening.fence), line)
        # The body starts on the next line, unless the opening line ended its Markdown block:
        # then the body starts with the rest of that (empty) line.
        first_body_line = None if line is None else line + header[0].endswith("\n")
        parent.append(self.render(parent, Block(opening, body, line, first_body_line)))

    def _take_body(self, rest: str, blocks: list[str], fence_length: int, line: int | None) -> str:
        """Return the text up to the closing fence, putting what follows back in ``blocks``."""
        while True:
            for end in self.CLOSING.finditer(rest):
                if len(end["fence"]) == fence_length:
                    after = rest[end.end() :].lstrip("\n")
                    if after.strip():
                        blocks.insert(0, after)
                    return rest[: end.start()]
            if not blocks:
                reason = f"{self.CALLED} mangler en avsluttende linje med {'/' * fence_length}"
                raise CalculatorDirectiveError(reason, line)
            # Markdown split the source on blank lines; put them back to keep line offsets.
            rest = f"{rest}\n\n{blocks.pop(0)}"

    def render(self, parent: Element, block: Block) -> Element:
        """Return the element the directive becomes.

        Raises:
            CalculatorDirectiveError: the block is malformed, with its line.

        """
        raise NotImplementedError
