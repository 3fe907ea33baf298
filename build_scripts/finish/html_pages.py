"""Reading a built page with a real HTML parser: what the finishing step needs to know.

Whatever engine wrote the page (MkDocs, Zensical), the finishing step asks the same
questions of it: where ``<head>`` begins and ends, which calculator forms it holds, whether
a directive was left as text (an engine that did not run the Markdown extension), which
inline scripts it runs (for the Content-Security-Policy), and which elements an earlier run
of the finishing step inserted (so running it again replaces them instead of adding more).
Positions are offsets into the page's text, so edits keep every other byte as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from build_scripts.extension import grammar

#: The attribute on every element the finishing step inserts.
FINISH_MARK = "data-calculators-finish"
#: A directive as a maintainer writes it; outside code it means the page was rendered
#: without the extension.
DIRECTIVE_TEXT = grammar.text_opening()
_JAVASCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript"}
#: Text inside these is shown as code (a maintainer's guide may show a directive).
_CODE = {"code", "pre", "script", "style", "textarea"}


@dataclass(frozen=True, slots=True)
class Span:
    """Where an element sits in the page's text: ``text[start:end]``."""

    start: int
    end: int


@dataclass
class PageScan:
    """What one page holds, with offsets into its text.

    Attributes:
        head_start_end: Just after ``<head …>`` (or ``<meta charset>`` when it follows).
        head_end: Where ``</head>`` starts.
        calculators: The ``data-calculator`` ids of the page's calculator forms.
        directive_lines: Directives left as text outside code, as written.
        inline_scripts: The bodies of inline scripts the browser runs.
        script_sources: The ``src`` of every external script.
        finished: Elements an earlier finishing run inserted (to be replaced).
        calculator_links: Links that open a calculator with numbers filled in
            (``a[data-calculator-link]``): each start tag and its attributes.
        repairable: Start tags the theme's markup may need repaired (see :mod:`.markup`):
            where, the tag, its attributes, and whether it closes itself.
        ids: Every ``id`` on the page.

    """

    head_start_end: int | None = None
    head_end: int | None = None
    calculators: list[str] = field(default_factory=list)
    directive_lines: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    script_sources: list[str] = field(default_factory=list)
    finished: list[Span] = field(default_factory=list)
    calculator_links: list[tuple[Span, dict[str, str]]] = field(default_factory=list)
    repairable: list[tuple[Span, str, dict[str, str], bool]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _Scanner(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self._text = text
        # Offset of the start of each line, to turn the parser's (line, column) into offsets.
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self._code_depth = 0
        self._script: tuple[int, bool, bool] | None = None  # start, runs, inserted by us

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        if tag in _CODE:
            self._code_depth += 1
        if tag == "head" or (
            tag == "meta" and "charset" in attributes and self.scan.head_end is None
        ):
            self.scan.head_start_end = end
        if (
            tag == "form"
            and "data-calculator" in attributes
            and "calculator" in attributes.get("class", "").split()
        ):
            self.scan.calculators.append(attributes["data-calculator"])
        if tag == "a" and "data-calculator-link" in attributes:
            self.scan.calculator_links.append((Span(start, end), attributes))
        if "id" in attributes:
            self.scan.ids.add(attributes["id"])
        if _may_need_repair(tag, attributes):
            closes = (self.get_starttag_text() or "").rstrip().endswith("/>")
            self.scan.repairable.append((Span(start, end), tag, attributes, closes))
        if tag == "script":
            source = attributes.get("src")
            if source is not None:
                self.scan.script_sources.append(source)
            runs = source is None and attributes.get("type", "").lower() in _JAVASCRIPT_TYPES
            self._script = (start, runs, FINISH_MARK in attributes)
        elif FINISH_MARK in attributes:
            self.scan.finished.append(Span(start, end))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _CODE:
            self._code_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _CODE:
            self._code_depth = max(0, self._code_depth - 1)
        start = self._offset()
        if tag == "head":
            self.scan.head_end = start
        if tag == "script" and self._script is not None:
            script_start, runs, inserted = self._script
            end = self._text.index(">", start) + 1
            if runs:
                body_start = self._text.index(">", script_start) + 1
                self.scan.inline_scripts.append(self._text[body_start:start])
            if inserted:
                self.scan.finished.append(Span(script_start, end))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._code_depth == 0:
            found = DIRECTIVE_TEXT.finditer(data)
            self.scan.directive_lines += [match.group(0).strip() for match in found]


def _may_need_repair(tag: str, attributes: dict[str, str]) -> bool:
    return (
        (tag == "input" and "autocomplete" in attributes)
        or attributes.get("tabindex") == ""
        or (tag == "label" and "for" in attributes)
        or attributes.get("role") == "dialog"
    )


def scan_page(text: str) -> PageScan:
    """Read one page; see :class:`PageScan`."""
    scanner = _Scanner(text)
    scanner.feed(text)
    scanner.close()
    return scanner.scan


def shifted(offset: int, spans: list[Span]) -> int:
    """Return where ``offset`` lands once the spans before it are cut out."""
    return offset - sum(span.end - span.start for span in spans if span.end <= offset)


def without(text: str, spans: list[Span]) -> str:
    """Return ``text`` with the given spans cut out."""
    parts, position = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        parts.append(text[position : span.start])
        position = span.end
    parts.append(text[position:])
    return "".join(parts)
