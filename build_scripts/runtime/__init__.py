"""The runtime builder: everything the browser needs to run the calculators in Pyodide.

It verifies the pinned npm ``pyodide`` package against ``package-lock.json``, builds a
pure-Python wheel of ``calculators/``, writes the site's own ``pyodide-lock.json`` listing that
wheel, and keeps the result in a content-addressed cache folder. It never writes into a site
directory: callers publish :attr:`Runtime.files` from :attr:`Runtime.directory` themselves
(the MkDocs plugin with ``File.generated``, the CLI by copying).
"""

from __future__ import annotations

from build_scripts.runtime.builder import (
    LOCK_FILE_NAME,
    PYODIDE_FILES,
    Runtime,
    build_runtime,
    export_runtime,
)
from build_scripts.runtime.errors import IntegrityError, RuntimeBuildError

__all__ = [
    "LOCK_FILE_NAME",
    "PYODIDE_FILES",
    "IntegrityError",
    "Runtime",
    "RuntimeBuildError",
    "build_runtime",
    "export_runtime",
]
