"""MkDocs plugin: wires the calculator directive and the Pyodide runtime into the build.

Thin on purpose. The directive is a Python-Markdown extension and the runtime builder is
callable on its own (``python -m build_scripts runtime``), so both survive a move away from
MkDocs' plugin API (Material for MkDocs reaches end of life in May 2027).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from build_scripts.directive import CalculatorDirectiveError, CalculatorExtension
from build_scripts.runtime import RuntimeBuildError, build_runtime

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

logger = logging.getLogger("mkdocs.plugins.calculators")

PACKAGE = "calculators"


class CalculatorsConfig(base.Config):
    """Options under ``plugins: - calculators:`` in ``mkdocs.yml``."""

    enabled = c.Type(bool, default=True)
    #: Site folder the Pyodide runtime is published in; the worker expects it next to
    #: ``javascripts/`` (``../assets/pyodide/`` relative to the worker module).
    runtime_path = c.Type(str, default="assets/pyodide/")
    #: Where finished runtimes are cached between builds, relative to ``mkdocs.yml``.
    cache_dir = c.Type(str, default=".cache/runtime")


class CalculatorsPlugin(BasePlugin[CalculatorsConfig]):
    """Registers the directive, publishes the runtime and watches ``calculators/``."""

    def __init__(self) -> None:
        """Start with no page being rendered."""
        self._page: Page | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Add the directive to the Markdown extensions with fresh calculator modules."""
        if not self.config.enabled:
            return config
        # `mkdocs serve` keeps one Python process across rebuilds: drop the calculators'
        # modules so an edited calculator is what the next build renders.
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]
        config.markdown_extensions.append(CalculatorExtension())  # type: ignore[arg-type]
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Publish the runtime's files through MkDocs' own file collection."""
        if not self.config.enabled:
            return files
        root = Path(config.config_file_path).parent
        try:
            runtime = build_runtime(root, root / self.config.cache_dir)
        except RuntimeBuildError as error:
            raise PluginError(f"Kunne ikke bygge Python-kjøretiden: {error}") from error
        prefix = self.config.runtime_path.rstrip("/") + "/"
        for name in runtime.files:
            files.append(
                File.generated(
                    config, prefix + name, abs_src_path=str(runtime.directory / name)
                )
            )
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Remember the page, so a directive error can name it."""
        del config, files
        self._page = page
        return markdown

    def on_build_error(self, *, error: Exception) -> None:
        """Say which page a broken directive is on, in the build log."""
        if isinstance(error, CalculatorDirectiveError) and self._page is not None:
            logger.error("%s: %s", self._page.file.src_uri, error)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer | None:
        """Rebuild (and so rebuild the wheel) when a calculator module changes."""
        del builder
        if self.config.enabled:
            server.watch(str(Path(config.config_file_path).parent / PACKAGE))
        return server
