r"""Python-Markdown extension: TeX between dollar signs becomes MathML at build time.

Readers get formulas without any client-side renderer or CDN: browsers render MathML
natively. Inline math is ``$x = \frac{a}{b}$``; display math is a paragraph of its own
that starts and ends with a line holding only ``$$``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from latex2mathml.converter import convert
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor

if TYPE_CHECKING:
    import re

    from markdown import Markdown

# Opening $ followed by a non-space, closing $ preceded by a non-space and not followed by a
# digit, so "koster $5 og $6" (never written on this Norwegian site anyway) is left alone.
INLINE_MATH = r"(?<![\\$])\$(?=\S)(?P<tex>[^$\n]+?)(?<=\S)\$(?![\d$])"
DISPLAY_FENCE = "$$"


def tex_to_mathml(tex: str, *, display: bool) -> str:
    r"""Convert one TeX formula to a MathML ``<math>`` element as a string.

    Args:
        tex: The formula in plain LaTeX (``\frac``, ``\cdot``, ``\sum_{t=1}^{T}``).
        display: Whether to render as a display (block) formula.

    Returns:
        The MathML markup.
    """
    return str(convert(tex.strip(), display="block" if display else "inline"))


class InlineMathProcessor(InlineProcessor):
    """Turns ``$…$`` into inline MathML."""

    # The stubs type InlineProcessor.handleMatch against the older Pattern API; this is the
    # signature Python-Markdown calls.
    def handleMatch(  # type: ignore[override]  # noqa: N802 - name fixed by Python-Markdown
        self, m: re.Match[str], data: str
    ) -> tuple[str, int, int]:
        """Replace the match with a stashed MathML placeholder."""
        del data
        html = tex_to_mathml(m.group("tex"), display=False)
        return self.md.htmlStash.store(html), m.start(0), m.end(0)


class DisplayMathPreprocessor(Preprocessor):
    """Turns a ``$$`` … ``$$`` block into display MathML before block parsing."""

    def run(self, lines: list[str]) -> list[str]:
        """Replace each display block with a stashed placeholder paragraph."""
        output: list[str] = []
        formula: list[str] | None = None
        for line in lines:
            if formula is None:
                if line.strip() == DISPLAY_FENCE:
                    formula = []
                else:
                    output.append(line)
            elif line.strip() == DISPLAY_FENCE:
                html = tex_to_mathml(" ".join(formula), display=True)
                output.extend(["", self.md.htmlStash.store(html), ""])
                formula = None
            else:
                formula.append(line.strip())
        if formula is not None:  # an unclosed block is left as the author wrote it
            output.extend([DISPLAY_FENCE, *formula])
        return output


class MathMLExtension(Extension):
    """Registers inline and display math."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - name fixed by Python-Markdown
        """Register the processors with Python-Markdown."""
        # After fenced code (superfences stashes fences at priority 25), so a "$" inside a
        # code fence is never touched.
        md.preprocessors.register(DisplayMathPreprocessor(md), "mathml_display", 20)
        # Below backticks (190), so code spans win over math.
        md.inlinePatterns.register(InlineMathProcessor(INLINE_MATH, md), "mathml_inline", 185)


def makeExtension(**kwargs: Any) -> MathMLExtension:  # noqa: N802, ANN401 - Markdown's API
    """Return the extension, as Python-Markdown expects."""
    return MathMLExtension(**kwargs)


__all__ = ["MathMLExtension", "makeExtension", "tex_to_mathml"]
