"""Which parts of a page's Markdown are prose, and which are code, math or options.

The spell-check reads only the prose: everything else (code, TeX, URLs, HTML tags, link
targets, attribute lists, the YAML options of a calculator directive) is blanked out first.
The Markdown linter reads the page with TeX and directive options blanked out, because a
CommonMark linter would take ``x_i`` for emphasis and ``# comment`` in YAML for a heading.
Blanking keeps every line and column where it was, so a problem's position is the position
in the file the maintainer edits.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_scripts.extension import grammar
from build_scripts.extension.mathml import DISPLAY_FENCE, INLINE_MATH

if TYPE_CHECKING:
    from collections.abc import Iterator


class LineKind(enum.Enum):
    """What one source line is, as far as the checks care."""

    PROSE = "prose"
    FRONT_MATTER = "front matter"
    CODE = "code"
    MATH_FENCE = "math fence"
    MATH = "math"
    DIRECTIVE_FENCE = "directive fence"
    DIRECTIVE_OPTIONS = "directive options"
    #: In an exercise's YAML, the text a student reads (``task:``, ``hint:``): prose to the
    #: spell-check, options to the Markdown linter.
    DIRECTIVE_TEXT = "directive text"
    COMMENT = "comment"


# Container prefixes a block may sit behind: blockquote markers and indentation.
_PREFIX = r"^(?P<prefix>(?:[ \t]*>)*[ \t]*)"
_CODE_FENCE = re.compile(_PREFIX + r"(?P<fence>`{3,}|~{3,})")
# A calculator's options and an exercise's are settings, not prose, except an exercise's
# texts (a quiz is Markdown: prose).
_DIRECTIVE_OPENING = grammar.source_opening((grammar.CALCULATOR, grammar.EXERCISE))
_BLOCK_FENCE = grammar.source_closing()
_TEXT_KEY = re.compile(r"^(?P<indent>[ \t]*(?:-[ \t]+)?)(?:task|hint):[ \t]*(?:[>|][-+]?)?")
_FRONT_MATTER_END = ("---", "...")
# pymdownx.snippets' include line, `--8<-- "includes/figurer/relasjonsblomsten.svg"`: a path.
_SNIPPET_LINE = re.compile(r"^[ \t]*-+8<-+[ \t]")
# The page's description is text a reader sees (in search results), so it is spell-checked;
# the rest of the front matter is settings. Only a one-line description is matched.
_DESCRIPTION_KEY = re.compile(r"^description:[ \t]*")

_CODE_SPAN = re.compile(r"(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)")
_INLINE_MATH = re.compile(INLINE_MATH)
_COMMENT = re.compile(r"<!--.*?-->")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9A-Fa-f]+|\w+);")
_URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>)\]]+"  # addresses
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"  # e-mail
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|no|se|dk|eu|io|edu)\b"  # bare domains: HBR.org
)
# The target of an inline link or image: `](docs/page.md#anchor "title")`.
_LINK_TARGET = re.compile(r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+\"[^\"]*\")?\)")
_REFERENCE_LABEL = re.compile(r"(?<=\])\[[^\]\n]*\]")
_REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\S.*$")
_FOOTNOTE = re.compile(r"\[\^[^\]\n]+\]:?")
_ABBREVIATION = re.compile(r"^\*\[(?P<abbreviation>[^\]\n]+)\]:")
_ATTRIBUTE_LIST = re.compile(r"\{[ \t]*:?[ \t]*(?:[#.][^}\n]*|[\w-]+=[^}\n]*|markdown)\}")
# `!!! note "Title"`, `??? info`, `???+ tip inline end`: the type and classes are not prose,
# the quoted title is.
_ADMONITION = re.compile(_PREFIX + r"(?:!!!|\?\?\?\+?)(?:[ \t]+[\w-]+)*")
# The opening line of any other `///` block: `/// details | Title`.
_BLOCK_NAME = re.compile(_PREFIX + r"/{3,}[ \t]*[\w-]+[ \t]*\|?")

_BLANKED_IN_PROSE = (
    _CODE_SPAN,
    _INLINE_MATH,
    _COMMENT,
    _HTML_TAG,
    _ENTITY,
    _URL,
    _LINK_TARGET,
    _REFERENCE_LABEL,
    _REFERENCE_DEFINITION,
    _FOOTNOTE,
    _ABBREVIATION,
    _ATTRIBUTE_LIST,
    _ADMONITION,
    _BLOCK_NAME,
)


def classify_lines(lines: list[str]) -> list[LineKind]:
    """Return the kind of each line, in order.

    Code fences win over everything inside them; a ``$$`` line opens display math (as in
    :mod:`build_scripts.extension.mathml`); a calculator directive's options run to the closing line
    with as many slashes as its opening line.
    """
    kinds: list[LineKind] = []
    state = LineKind.PROSE
    closing = ""
    text_indent: int | None = None  # inside an exercise: the indentation of a text key
    for number, line in enumerate(lines):
        stripped = line.strip()
        if state is LineKind.PROSE:
            kind, state, closing = _open(line, first=number == 0)
        elif state is LineKind.FRONT_MATTER:
            kind = LineKind.FRONT_MATTER
            state = LineKind.PROSE if stripped in _FRONT_MATTER_END else state
        elif state is LineKind.CODE:
            kind = LineKind.CODE
            fence = _CODE_FENCE.match(line)
            if fence and _closes_code(fence, line, closing):
                state = LineKind.PROSE
        elif state is LineKind.MATH:
            kind = LineKind.MATH_FENCE if stripped == DISPLAY_FENCE else LineKind.MATH
            state = LineKind.PROSE if stripped == DISPLAY_FENCE else state
        elif state is LineKind.DIRECTIVE_OPTIONS:
            kind, text_indent = _in_directive(line, closing, text_indent)
            state = LineKind.PROSE if kind is LineKind.DIRECTIVE_FENCE else state
        else:  # LineKind.COMMENT
            kind = LineKind.COMMENT
            state = LineKind.PROSE if "-->" in line else state
        kinds.append(kind)
    return kinds


def _in_directive(line: str, closing: str, text_indent: int | None) -> tuple[LineKind, int | None]:
    """Classify a line of a directive's options; also the indentation of a text key open."""
    fence = _BLOCK_FENCE.match(line)
    if fence is not None and fence["fence"] == closing:
        return LineKind.DIRECTIVE_FENCE, None
    if key := _TEXT_KEY.match(line):
        return LineKind.DIRECTIVE_TEXT, len(key["indent"])
    stripped = line.strip()
    indent = len(line) - len(line.lstrip())
    if text_indent is not None and (not stripped or indent > text_indent):
        return (LineKind.DIRECTIVE_TEXT if stripped else LineKind.DIRECTIVE_OPTIONS), text_indent
    return LineKind.DIRECTIVE_OPTIONS, None


def _open(line: str, *, first: bool) -> tuple[LineKind, LineKind, str]:
    """Classify a line met in prose: its kind, the state after it, what closes that state."""
    stripped = line.strip()
    if first and stripped == "---":
        return LineKind.FRONT_MATTER, LineKind.FRONT_MATTER, ""
    if fence := _CODE_FENCE.match(line):
        return LineKind.CODE, LineKind.CODE, fence["fence"]
    if stripped == DISPLAY_FENCE:
        return LineKind.MATH_FENCE, LineKind.MATH, DISPLAY_FENCE
    if directive := _DIRECTIVE_OPENING.match(line):
        return LineKind.DIRECTIVE_FENCE, LineKind.DIRECTIVE_OPTIONS, directive["fence"]
    start = line.rfind("<!--")
    if start >= 0 and "-->" not in line[start:]:
        return LineKind.PROSE, LineKind.COMMENT, "-->"
    return LineKind.PROSE, LineKind.PROSE, ""


def _closes_code(fence: re.Match[str], line: str, opening: str) -> bool:
    """Whether a fence line closes the code block ``opening`` started."""
    found = fence["fence"]
    return found[0] == opening[0] and len(found) >= len(opening) and not line[fence.end() :].strip()


def _blank(text: str, start: int, end: int, fill: str) -> str:
    """Replace ``text[start:end]`` with ``fill``, keeping whitespace so columns hold."""
    middle = "".join(c if c.isspace() else fill for c in text[start:end])
    return text[:start] + middle + text[end:]


def _blank_matches(text: str, pattern: re.Pattern[str], fill: str) -> str:
    for match in pattern.finditer(text):
        text = _blank(text, match.start(), match.end(), fill)
    return text


def prose_lines(text: str) -> list[str]:
    """Return the page's lines with everything that is not prose blanked out.

    Lines keep their number and every character its column. Code, TeX, front matter (except
    the value of a one-line ``description:``), comments, calculator directives, URLs, HTML
    tags, link targets, reference labels, attribute lists, admonition types and snippet
    include lines become spaces.
    """
    lines = text.split("\n")
    result: list[str] = []
    for line, kind in zip(lines, classify_lines(lines), strict=True):
        if kind is LineKind.FRONT_MATTER and (key := _DESCRIPTION_KEY.match(line)):
            result.append(_blank(line, 0, key.end(), " "))
            continue
        if kind is LineKind.DIRECTIVE_TEXT:
            line = _blank_matches(line, _TEXT_KEY, " ")  # noqa: PLW2901 - the key is not prose
        elif kind is not LineKind.PROSE or _SNIPPET_LINE.match(line):
            result.append(" " * len(line))
            continue
        prose = line
        # The start of a comment that runs on over the next lines.
        if (start := prose.rfind("<!--")) >= 0 and "-->" not in prose[start:]:
            prose = _blank(prose, start, len(prose), " ")
        for pattern in _BLANKED_IN_PROSE:
            prose = _blank_matches(prose, pattern, " ")
        result.append(prose)
    return result


def lintable_text(text: str) -> str:
    """Return the page with TeX and directive options blanked out for the Markdown linter.

    Blanked characters become ``x``, not spaces, so paragraphs stay paragraphs and no
    trailing whitespace or blank line appears that the author did not write.
    """
    lines = text.split("\n")
    result: list[str] = []
    for line, kind in zip(lines, classify_lines(lines), strict=True):
        if kind in {LineKind.MATH, LineKind.DIRECTIVE_OPTIONS, LineKind.DIRECTIVE_TEXT}:
            indent = len(line) - len(line.lstrip())
            result.append(_blank(line, indent, len(line), "x"))
        elif kind is LineKind.PROSE:
            masked = line
            for match in _INLINE_MATH.finditer(line):
                masked = _blank(masked, match.start() + 1, match.end() - 1, "x")
            result.append(masked)
        else:
            result.append(line)
    return "\n".join(result)


def abbreviations(text: str) -> set[str]:
    """Return the abbreviations the page defines (``*[CLV]: Customer Lifetime Value``)."""
    return {
        match["abbreviation"].strip()
        for line in text.split("\n")
        if (match := _ABBREVIATION.match(line))
    }


@dataclass(frozen=True, slots=True)
class Word:
    """A word of prose and where it starts (line and column count from 1)."""

    text: str
    line: int
    column: int


# Abbreviations with inner full stops (`f.eks.`, `bl.a.`) are one word; everything else is
# a run of letters, digits, hyphens and apostrophes, split further by the spell-check.
_WORD = re.compile(r"(?:[^\W\d_]+\.){2,}|[\w'’-]*[^\W_][\w'’-]*")


def prose_words(text: str) -> Iterator[Word]:
    """Yield every word of the page's prose with its position."""
    for number, line in enumerate(prose_lines(text), start=1):
        for match in _WORD.finditer(line):
            word = match.group().strip("-'’_")
            if word:
                offset = match.group().index(word[0])
                yield Word(word, number, match.start() + offset + 1)
