"""The Markdown extension: calculator directives, state links, the reference page, MathML.

Listed in ``mkdocs.yml`` under ``markdown_extensions`` as ``build_scripts.extension`` (the
directive, with its options) and ``build_scripts.extension.mathml``, so any engine that runs
Python-Markdown extensions renders the calculators' forms with their build-time results.
"""

from __future__ import annotations

from build_scripts.extension.directive import (
    CalculatorDirectiveError,
    CalculatorExtension,
    makeExtension,
)

__all__ = ["CalculatorDirectiveError", "CalculatorExtension", "makeExtension"]
