"""Content checks for the site's Markdown, run by ``make check`` and CI.

``python -m build_scripts.checks`` spell-checks the prose in Norwegian (hunspell with a
project word list), lints the Markdown (PyMarkdown) and checks that every page has its own
description in its front matter, printing one ``path:line:column: message`` line per problem
and exiting non-zero if there are any.
"""

from __future__ import annotations

from build_scripts.checks.problems import CheckToolMissingError, Problem

__all__ = ["CheckToolMissingError", "Problem"]
