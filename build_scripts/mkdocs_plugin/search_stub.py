"""Calculator forms stand aside while Material's search plugin reads a page.

The forms are marked ``data-search-exclude``, so nothing of their interface reaches the
search index; but then neither would their title, and a reader searching for a calculator
by its name should find it. Before the plugin reads the page, each form is replaced by its
heading (the search keeps a section per calculator), and put back after.

Excluding every part of the form but its title instead does not work: Material's parser
matches excluded elements by tag name, so the first ``</div>`` inside an excluded ``<div>``
ends the exclusion. Measured in December 2026, the swap costs nothing a build notices
(builds with and without it took the same CPU time, within noise).
"""

from __future__ import annotations

import re

_FORM = re.compile(r"<form\b[^>]*\bdata-calculator=[^>]*>.*?</form>", re.DOTALL)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>.*?</h\1>", re.DOTALL)


class FormsAsideFromSearch:
    """Swaps a page's calculator forms for stubs, and back."""

    def __init__(self) -> None:
        """Start with nothing set aside."""
        self._forms: list[tuple[str, str]] = []

    def set_aside(self, content: str) -> str:
        """Return ``content`` with each form replaced by a stub holding its heading."""
        self._forms = []

        def stub(match: re.Match[str]) -> str:
            heading = _HEADING.search(match[0])
            # In a <div> as the heading was in the form: the search ends the calculator's
            # section where the stub ends, and what follows belongs to the page's section.
            number = len(self._forms)
            text = f"<div>{heading[0] if heading else ''}<!-- calculator form {number} --></div>"
            self._forms.append((text, match[0]))
            return text

        return _FORM.sub(stub, content)

    def put_back(self, content: str) -> str:
        """Return ``content`` with the forms where their stubs are."""
        for text, form in self._forms:
            content = content.replace(text, form, 1)
        self._forms = []
        return content
