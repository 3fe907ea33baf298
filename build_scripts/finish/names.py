"""The names the page module, the calculators' worker and the service worker share.

Written once, here, and handed to the browser code by the finishing step as
``javascripts/calculator-names.js``: a classic script that sets ``globalThis.calculatorNames``,
so the service worker reads it with ``importScripts`` and the two modules with a plain
``import "./calculator-names.js"``. The inline script that starts the worker from ``<head>``
gets the two names it needs baked in. Renaming the cache (``cache_name`` in ``mkdocs.yml``)
therefore renames it everywhere at once; before, the service worker's cleanup deleted the
memory snapshot whenever one copy of the name drifted from the others.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

#: The folder of the site's scripts; every script finds the site root from there.
SCRIPTS = "javascripts/"
#: The site root relative to a script in :data:`SCRIPTS`.
SITE_ROOT_FROM_SCRIPTS = "../"
#: The page module, as ``extra_javascript`` in ``mkdocs.yml`` names it.
PAGE_MODULE = f"{SCRIPTS}calculators.mjs"
WORKER = f"{SCRIPTS}calculator-worker.mjs"
SERVICE_WORKER = "service-worker.js"
#: The file the finishing step writes with these names.
NAMES_SCRIPT = f"{SCRIPTS}calculator-names.js"
#: Python's memory right after start, kept in the cache inside the runtime's folder.
SNAPSHOT = "python-memory.snapshot"
#: Inlined in every page's ``<head>`` (the finishing step fills in ``__NAMES__``).
EARLY_START_SOURCE = Path(__file__).parents[2] / "docs" / SCRIPTS / "calculator-early-start.js"


@dataclass(frozen=True, slots=True, kw_only=True)
class SharedNames:
    """Everything the three scripts must agree on.

    Attributes:
        cache: The Cache Storage name for pages, runtime and snapshot.
        runtime_root: Where runtimes live below the site root (``assets/pyodide/``).
        runtime_files: The files of a runtime's folder, as published.
        memory_snapshot: Whether the worker may keep a copy of Python's memory.

    """

    cache: str
    runtime_root: str
    runtime_files: tuple[str, ...]
    memory_snapshot: bool = True

    def as_json(self) -> dict[str, object]:
        """Return the names as the browser code reads them."""
        return {
            "cache": self.cache,
            "snapshot": SNAPSHOT,
            "memorySnapshot": self.memory_snapshot,
            "runtimeRoot": self.runtime_root,
            "runtimeFiles": list(self.runtime_files),
            "siteRoot": SITE_ROOT_FROM_SCRIPTS,
            "pageModule": PAGE_MODULE,
            "worker": WORKER,
            "serviceWorker": SERVICE_WORKER,
        }


def names_script(names: SharedNames) -> str:
    """Return ``javascripts/calculator-names.js``."""
    body = json.dumps(names.as_json(), ensure_ascii=False, indent=2)
    return (
        "// Written by the build (build_scripts/finish/names.py): the names the page module,\n"
        "// the calculators' worker and the service worker share. Change them there.\n"
        f"globalThis.calculatorNames = Object.freeze({body});\n"
    )


@functools.cache
def early_start_script() -> str:
    """Return the inline script every page's ``<head>`` runs, names filled in.

    It says whether the reader saves data and, on a calculator page, starts the worker.
    The same text on every page of a build, so one CSP hash allows it.
    """
    names = json.dumps(
        {"siteRoot": SITE_ROOT_FROM_SCRIPTS, "pageModule": PAGE_MODULE, "worker": WORKER}
    )
    source = EARLY_START_SOURCE.read_text(encoding="utf-8")
    return source.replace("__NAMES__", names).strip()
