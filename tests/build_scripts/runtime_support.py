"""Helpers shared by the runtime builder's tests: the real project and throwaway copies of it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from build_scripts.finish.options import read_options

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NPM_PYODIDE = PROJECT_ROOT / "node_modules" / "pyodide"
#: The build's own runtime cache (``cache_dir`` in mkdocs.yml), shared by every test and
#: build: its keys are content hashes, so a runtime built once, by a test, a test's copy of
#: the project or ``mkdocs build``, is reused by all of them, across runs too.
RUNTIME_CACHE = PROJECT_ROOT / read_options(PROJECT_ROOT / "mkdocs.yml").cache_dir


def pinned_pyodide_version() -> str:
    """The Pyodide version ``package.json`` pins: the one place that names it."""
    manifest = json.loads((PROJECT_ROOT / "package.json").read_text(encoding="utf-8"))
    return str(manifest["dependencies"]["pyodide"])


def link_runtime_cache(project: Path) -> None:
    """Give a copy of the project the shared runtime cache, where its build looks for it."""
    cache = project / RUNTIME_CACHE.relative_to(PROJECT_ROOT)
    cache.parent.mkdir(parents=True, exist_ok=True)
    RUNTIME_CACHE.mkdir(parents=True, exist_ok=True)
    cache.symlink_to(RUNTIME_CACHE, target_is_directory=True)


def copy_project(destination: Path, *, copy_node_modules: bool = False) -> Path:
    """Copy what the builder reads into ``destination``; ``node_modules`` is linked unless asked.

    A linked ``node_modules`` keeps the copy cheap; copying it lets a test tamper with it.
    """
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json", "pyproject.toml"):
        shutil.copyfile(PROJECT_ROOT / name, destination / name)
    shutil.copytree(
        PROJECT_ROOT / "calculators",
        destination / "calculators",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    if copy_node_modules:
        shutil.copytree(NPM_PYODIDE, destination / "node_modules" / "pyodide")
    else:
        (destination / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")
    return destination


#: A calculator form as the build leaves it, for made-up built sites.
FORM = '<form class="calculator" data-calculator="nps"><output name="nps">30</output></form>'


def built_site_of(root: Path, pages: dict[str, str]) -> Path:
    """Write a made-up built site into ``root``: the pages, by path, and the page module."""
    for path, text in pages.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    (root / "javascripts").mkdir(exist_ok=True)
    (root / "javascripts" / "calculators.mjs").write_text("", encoding="utf-8")
    return root
