"""Runs first inside Pyodide under Node: measures which standard-library modules are used.

Called by ``run_in_pyodide.js`` right after Pyodide has booted and installed the package's
wheel (with the browser's own installer), so everything Pyodide itself needs is already
loaded. It imports what :mod:`build_scripts.runtime.trim_stdlib` lists, every module of the
package, runs every calculator, and reports each standard-library module then loaded.

It imports nothing but ``sys``, ``os`` and ``importlib``, which Python (and Pyodide) load
before any code runs, so the measurement sees only the site's modules and never this code's own.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys


def measure(package: str, required: list[str], optional: list[str]) -> dict[str, object]:
    """Import and run what the site needs; report what that loaded from the stdlib zip.

    Returns:
        ``{"missing": [...], "stdlib": [...]}``: modules that failed to import (then nothing
        else is reported), and the zip entries of every loaded standard-library module,
        named as their source (``json/decoder.py``), with the folders above them
        (``json/``).

    """
    missing = _import_all(required, optional, _package_modules(package))
    if not missing:
        try:
            _run_calculators(package)
        except ModuleNotFoundError as error:
            missing.append(error.name or "?")
    if missing:
        return {"missing": sorted(set(missing)), "stdlib": []}
    return {"missing": [], "stdlib": _loaded_stdlib_entries()}


def _import_all(required: list[str], optional: list[str], own: list[str]) -> list[str]:
    """Import every name; return those that are missing.

    A module that fails to import is returned rather than raised: when this Pyodide booted
    with an already trimmed standard library, the caller measures again with the full one.
    ``optional`` names (``x.y`` from ``from x import y``) may be attributes, not modules.
    """
    missing: list[str] = []
    for name in [*required, *optional, *own]:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            if name in optional and error.name == name:
                continue
            missing.append(error.name or name)
    return missing


def _run_calculators(package: str) -> None:
    """Evaluate every calculator with its defaults and with unusable input (the error path)."""
    module = importlib.import_module(package)
    evaluate = module.evaluate
    for calculator_id, calculator in module.CATALOGUE.items():
        evaluate(calculator_id, {})
        evaluate(calculator_id, {field.name: "ikke et tall" for field in calculator.fields})
    evaluate("ukjent", {})


def _package_modules(package: str) -> list[str]:
    """Every module of ``package`` as installed in site-packages (sources or bytecode)."""
    # Found without importing it: a module it imports may be missing.
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        msg = f"the {package} package is not installed"
        raise RuntimeError(msg)
    root = spec.submodule_search_locations[0]
    parent = os.path.dirname(root)  # noqa: PTH120 - pathlib is not loaded yet
    names: set[str] = set()
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for file_name in files:
            stem, dot, suffix = file_name.rpartition(".")
            if not dot or suffix not in {"py", "pyc"}:
                continue
            relative = os.path.relpath(os.path.join(folder, stem), parent)  # noqa: PTH118 - as above
            parts = relative.split(os.sep)  # noqa: PTH206 - as above
            names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return sorted(names)


def _loaded_stdlib_entries() -> list[str]:
    zips = [entry for entry in sys.path if entry.endswith(".zip")]
    if not zips:
        msg = f"Pyodide has no standard-library zip on sys.path: {sys.path}"
        raise RuntimeError(msg)
    prefix = zips[0] + "/"
    files: set[str] = set()
    for module in list(sys.modules.values()):
        origin = getattr(module, "__file__", None)
        if isinstance(origin, str) and origin.startswith(prefix):
            name = origin.removeprefix(prefix)
            files.add(name.removesuffix("c") if name.endswith(".pyc") else name)
    folders: set[str] = set()
    for name in files:
        parts = name.split("/")[:-1]
        folders.update("/".join(parts[: depth + 1]) + "/" for depth in range(len(parts)))
    return sorted(files | folders)
