"""What a page's ``<head>`` tells the browser about the runtime, so Python starts early.

Every page names the runtime's folder (``<meta name="calculators-runtime">``, relative to the
site root): the page module passes it to the worker, and pages reached by instant navigation
need it as much as the first one. A page with a calculator also asks for an early start
(``<meta name="calculators-start">``), loads the page module ``async`` from ``<head>`` (the
same URL as the module MkDocs adds at the end of ``<body>``, so the browser runs it once), and
starts the worker at once from a small inline script (``early_worker.js``): even an ``async``
module waits for the browser to get to it, often after Material's bundle, while the inline
script runs as soon as ``<head>`` is parsed. The page module adopts that worker.

Kept apart from the MkDocs plugin, which only calls it: any tool that renders the pages can.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_CALCULATOR_FORM = re.compile(r"<form\b[^>]*\bdata-calculator=", re.IGNORECASE)
#: Starts the worker from ``<head>``; the same text on every page, so one CSP hash allows it.
EARLY_WORKER_SCRIPT = Path(__file__).with_name("early_worker.js").read_text(encoding="utf-8")
#: The runtime's folder below the site root: ``assets/pyodide/<hash>/``.
_FOLDER = re.compile(r"[A-Za-z0-9._~/-]+/")


def has_calculator(page_html: str) -> bool:
    """Whether the page holds a calculator form (DESIGN.md, "Page contract")."""
    return _CALCULATOR_FORM.search(page_html) is not None


def head_tags(*, runtime_folder: str, start_early: bool, page_module_url: str) -> str:
    """Return the tags for a page's ``<head>``.

    Args:
        runtime_folder: The runtime's folder relative to the site root, ending in ``/``.
        start_early: Whether the page has a calculator (then Python starts at once).
        page_module_url: The page module's URL as the page itself refers to it.

    Raises:
        ValueError: ``runtime_folder`` is not a plain relative folder.

    """
    if (
        not _FOLDER.fullmatch(runtime_folder)
        or runtime_folder.startswith("/")
        or ".." in runtime_folder
    ):
        msg = f"the runtime folder must be relative to the site root: {runtime_folder!r}"
        raise ValueError(msg)
    tags = [f'<meta name="calculators-runtime" content="{html.escape(runtime_folder)}">']
    if start_early:
        module = html.escape(page_module_url)
        tags += [
            '<meta name="calculators-start" content="early">',
            f'<script type="module" async src="{module}"></script>',
            f"<script>{EARLY_WORKER_SCRIPT}</script>",
        ]
    return "".join(tags)


def with_head_tags(page_html: str, tags: str) -> str:
    """Insert ``tags`` at the end of ``<head>`` (after the policy and the stylesheets).

    Raises:
        ValueError: The page has no ``</head>``.

    """
    end = _HEAD_END.search(page_html)
    if end is None:
        msg = "page has no </head> to put the runtime hints in"
        raise ValueError(msg)
    return f"{page_html[: end.start()]}{tags}{page_html[end.start() :]}"
