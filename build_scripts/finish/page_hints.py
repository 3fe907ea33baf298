"""What a page's ``<head>`` tells the browser about the runtime, so Python starts early.

Every page names the runtime's folder (``<meta name="calculators-runtime">``, relative to the
site root) with the bytes a first start downloads (``data-bytes``, for the progress bar): the
page module passes the folder to the worker, and pages reached by instant navigation need it
as much as the first one. Every page also lists the pages that hold a calculator
(``<meta name="calculators-pages">``): a reader who points at, touches or tabs to a link to
one of them shows intent, and the page module starts fetching Python then.

A page may ask for Python to start by itself (``<meta name="calculators-start">``):

- ``early``, on a page with a calculator: the page also loads the page module ``async`` from
  ``<head>`` (the same URL as the module MkDocs adds at the end of ``<body>``, so the browser
  runs it once), and starts the worker at once from a small inline script
  (``docs/javascripts/calculator-early-start.js``): even an ``async`` module waits for the
  browser to get to it, often after Material's bundle, while the inline script runs as soon
  as ``<head>`` is parsed. The page module adopts that worker.
- ``loaded``, on a page that leads to calculators (the calculator index): Python starts once
  the page itself has loaded, so it never takes the page's own bandwidth.

Neither happens when the browser asks to save data or reports a 2G link; the page module
then starts Python when the reader starts using a calculator. Whether it does is decided by
the one inline script every page runs last in ``<head>``, which also starts the worker on a
calculator page.

Every tag carries ``data-calculators-finish``, so finishing a site again replaces them.
"""

from __future__ import annotations

import enum
import html
import posixpath
import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from build_scripts.finish.html_pages import FINISH_MARK
from build_scripts.finish.names import NAMES_SCRIPT, early_start_script

if TYPE_CHECKING:
    from collections.abc import Iterable

#: The shared names' file, beside the page module.
NAMES_FILE = posixpath.basename(NAMES_SCRIPT)
#: The runtime's folder below the site root: ``assets/pyodide/<hash>/``.
_FOLDER = re.compile(r"[A-Za-z0-9._~/-]+/")


class Start(enum.Enum):
    """When a page starts Python by itself (``<meta name="calculators-start">``)."""

    #: Only when the reader shows intent (a link to a calculator, or a calculator's field).
    ON_INTENT = ""
    #: From ``<head>``, while the page arrives: the page has a calculator.
    EARLY = "early"
    #: Once the page has loaded: the page leads to calculators.
    LOADED = "loaded"


def head_tags(
    *,
    runtime_folder: str,
    runtime_bytes: int,
    calculator_pages: Iterable[str],
    start: Start,
    page_module_url: str,
) -> str:
    """Return the tags for a page's ``<head>``.

    Args:
        runtime_folder: The runtime's folder relative to the site root, ending in ``/``.
        runtime_bytes: What a first start downloads, uncompressed (the progress bar's end).
        calculator_pages: URLs of the pages with a calculator, relative to the site root.
        start: When the page starts Python by itself.
        page_module_url: The page module's URL as the page itself refers to it.

    Raises:
        ValueError: ``runtime_folder`` is not a plain relative folder, or a page URL is not
            a plain relative URL.

    """
    if (
        not _FOLDER.fullmatch(runtime_folder)
        or runtime_folder.startswith("/")
        or ".." in runtime_folder
    ):
        msg = f"the runtime folder must be relative to the site root: {runtime_folder!r}"
        raise ValueError(msg)
    # Percent-encoded, as browsers write a link's path: a page named "økonomi/" matches.
    pages = sorted({quote(page, safe="/") for page in calculator_pages})
    for page in pages:
        if page.startswith("/") or ".." in page.split("/"):
            msg = f"a calculator page's URL must be relative to the site root: {page!r}"
            raise ValueError(msg)
    mark = FINISH_MARK
    tags = [
        (
            f'<meta name="calculators-runtime" content="{html.escape(runtime_folder)}"'
            f' data-bytes="{int(runtime_bytes)}" {mark}>'
        ),
        f'<meta name="calculators-pages" content="{html.escape(" ".join(pages))}" {mark}>',
    ]
    if start is Start.LOADED:
        tags.append(f'<meta name="calculators-start" content="{start.value}" {mark}>')
    elif start is Start.EARLY:
        module = html.escape(page_module_url)
        # The names every script reads, fetched beside the page module rather than after it
        # (the runtime client imports them): one round trip less before Python is asked for.
        names = html.escape(posixpath.join(posixpath.dirname(page_module_url), NAMES_FILE))
        tags += [
            f'<meta name="calculators-start" content="{start.value}" {mark}>',
            f'<script type="module" async src="{module}" {mark}></script>',
            f'<link rel="modulepreload" href="{names}" {mark}>',
        ]
    # Last: it reads the tags above (and, on a calculator page, finds the page module).
    tags.append(f"<script {mark}>{early_start_script()}</script>")
    return "".join(tags)
