"""MkDocs plugin: only what needs MkDocs itself; the rest runs under any engine.

The directive is a Python-Markdown extension listed in ``mkdocs.yml``
(:mod:`build_scripts.extension`), and the runtime, start hints, policy and shared names come
from the finishing step (:mod:`build_scripts.finish`), which this plugin runs after the build
and Zensical's build is followed by. Left here: a broken directive's page and line,
`mkdocs serve` reloading calculators, the link previews (they need MkDocs' page metadata and
git dates), the search index without forms, and robots.txt.
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from build_scripts.extension.directive import CalculatorDirectiveError, CalculatorExtension
from build_scripts.finish import FinishError, FinishOptions, finish_site
from build_scripts.finish.html_pages import scan_page
from build_scripts.mkdocs_plugin import link_preview, social
from build_scripts.mkdocs_plugin.dirty_reload import (
    DirtyReload,
    HideMkDocsDirtyWarning,
    RememberedAnchors,
)
from build_scripts.mkdocs_plugin.preview_images import PreviewImages
from build_scripts.mkdocs_plugin.search_stub import FormsAsideFromSearch
from build_scripts.runtime import RuntimeBuildError

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.base import BaseConfigOption
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

logger = logging.getLogger("mkdocs.plugins.calculators")

PACKAGE = "calculators"
#: The Markdown extension's name in mkdocs.yml.
EXTENSION = "build_scripts.extension"


def _mkdocs_option(option: dataclasses.Field[Any]) -> BaseConfigOption[Any]:
    """Return MkDocs' validator for one of the options declared in :class:`FinishOptions`."""
    default = option.default
    if isinstance(default, tuple):
        return c.ListOfItems(c.Type(str), default=list(default))
    return c.Type(type(default), default=default)


# The options are declared once, in FinishOptions; MkDocs validates them with a config class
# made from those fields (Config.__init_subclass__ reads the options from the class's dict).
_DeclaredOptions = type(
    "_DeclaredOptions",
    (base.Config,),
    {option.name: _mkdocs_option(option) for option in dataclasses.fields(FinishOptions)},
)


class CalculatorsConfig(_DeclaredOptions):  # type: ignore[misc, valid-type]
    """Options under ``plugins: - calculators:`` in ``mkdocs.yml``: see FinishOptions."""


class CalculatorsPlugin(BasePlugin[CalculatorsConfig]):  # type: ignore[no-untyped-call]
    """Registers the directive, publishes the runtime and watches ``calculators/``."""

    def __init__(self) -> None:
        """Start with no page being rendered."""
        self._page: Page | None = None
        # Lines MkDocs removed (front matter) before the Markdown reached the directive.
        self._line_offset = 0
        # The options of mkdocs.yml's block, typed (read once MkDocs has validated them).
        self._options = FinishOptions()
        # Under `mkdocs serve --dirty` (what `make serve` runs): whether this is one, and
        # what decides when a dirty rebuild must rebuild every page after all.
        self._serve_dirty = False
        self._dirty_reload: DirtyReload | None = None
        self._anchors = RememberedAnchors()
        self._forms_aside = FormsAsideFromSearch()
        self._preview_images: PreviewImages | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this is a dirty `mkdocs serve`.

        Having this hook also makes MkDocs keep the plugin from one rebuild to the next.
        """
        self._serve_dirty = command == "serve" and dirty
        if self._serve_dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(HideMkDocsDirtyWarning())

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Add the directive to the Markdown extensions with fresh calculator modules."""
        self._options = FinishOptions.from_mapping(dict(self.config), source="mkdocs.yml")
        if not self._options.enabled:
            return config
        # `mkdocs serve` keeps one Python process across rebuilds: drop the calculators'
        # modules so an edited calculator is what the next build renders.
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]
        # The extension is listed in mkdocs.yml for every engine; under MkDocs it also names
        # the page and line of a broken directive, which only the plugin knows.
        if EXTENSION not in config.markdown_extensions:
            message = f"Legg {EXTENSION} inn under markdown_extensions i mkdocs.yml."
            raise PluginError(message)
        options = config.mdx_configs.pop(EXTENSION, None) or {}
        extension = CalculatorExtension(report_error=self._page_error, **options)
        position = config.markdown_extensions.index(EXTENSION)
        config.markdown_extensions[position] = extension  # type: ignore[call-overload]
        if self._serve_dirty and self._dirty_reload is None:
            root = Path(config.config_file_path).parent
            self._dirty_reload = DirtyReload(
                inputs=(Path(config.config_file_path), Path(config.docs_dir), root / PACKAGE)
            )
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Check the calculators load and the configured pages exist, before any rendering."""
        del config
        if not self._options.enabled:
            return files
        # Imported here, after on_config dropped stale modules, so `mkdocs serve` shows edits.
        # First: a broken module is reported as such, not as a runtime built from it.
        try:
            importlib.import_module(PACKAGE)
        except Exception as error:  # noqa: BLE001 - any mistake in a module lands here
            # A short message instead of a traceback: `mkdocs serve` keeps running and
            # rebuilds as soon as the module is fixed.
            message = f"Kunne ikke laste kalkulatorene: {type(error).__name__}: {error}"
            raise PluginError(message) from None
        for path in self._options.start_when_loaded:
            if files.get_file_from_path(path) is None:
                message = f"start_when_loaded names a page that does not exist: {path}"
                raise PluginError(message)
        if self._dirty_reload is not None and self._dirty_reload.prepare(files):
            logger.info("Bygger alle sidene på nytt: mer enn teksten på en side er endret.")
        return files

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        """In a dirty rebuild, read every page's source so the menus have their titles."""
        del files
        if self._dirty_reload is not None:
            for page in nav.pages:
                # MkDocs reads only the pages it rebuilds; a page never read has no title,
                # and would show up nameless in the navigation of the pages that are rebuilt.
                if page.markdown is None:
                    page.read_source(config)
        return nav

    def on_env(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Environment | None:
        """In a dirty rebuild, let MkDocs check links to anchors on pages it did not render."""
        del config
        if self._dirty_reload is not None:
            self._anchors.fill_in(files)
        return env

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
        """Give generated pages no "Rediger denne siden" link: there is no file to edit."""
        del config, files
        if page.file.generated_by is not None:
            page.edit_url = None
        return page

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Remember the page and its front matter, so a directive error can name both."""
        del config, files
        self._page = page
        source = page.file.content_string
        self._line_offset = max(0, source.count("\n") - markdown.count("\n"))
        return markdown

    def _page_error(self, error: CalculatorDirectiveError) -> Exception:
        """Turn a directive error into a build error naming the file and line to fix."""
        where = self._page.file.src_uri if self._page is not None else "?"
        if error.line is not None:
            where += f":{error.line + self._line_offset}"
        return PluginError(f"{where}: {error.reason}")

    # Material's search plugin indexes a page in its on_page_context (priority 0).
    @event_priority(100)
    def _set_forms_aside(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        del config, nav
        if self._options.enabled and page.content is not None:
            page.content = self._forms_aside.set_aside(page.content)
        return context

    @event_priority(-100)
    def _put_forms_back(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        del config, nav
        if page.content is not None:
            page.content = self._forms_aside.put_back(page.content)
        return context

    on_page_context = CombinedEvent(_set_forms_aside, _put_forms_back)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Give the page its link preview at the end of ``<head>``."""
        if not self._options.enabled:
            return output
        scan = scan_page(output)
        if scan.head_end is None:
            return output
        head_end = scan.head_end
        tags = self._link_preview(page, config, has_calculator=bool(scan.calculators))
        return f"{output[:head_end]}{tags}{output[head_end:]}"

    def _link_preview(self, page: Page, config: MkDocsConfig, *, has_calculator: bool) -> str:
        """Return the page's Open Graph and Twitter tags and JSON-LD, drawing its image."""
        site_url = config.site_url or "/"
        top = page.parent
        while top is not None and top.parent is not None:
            top = top.parent
        section = top.title if top is not None else None
        # As in the browser tab: the front page goes by the site's name ("Forside" is a menu's).
        title = config.site_name if page.is_homepage else page.title or config.site_name
        if self._preview_images is None:
            root = Path(config.config_file_path).parent
            self._preview_images = PreviewImages(root / self._options.cache_dir / "social")
        image = self._preview_images.publish(
            site_dir=Path(config.site_dir),
            page_url=page.url,
            title=title,
            section=section,
            site_name=config.site_name,
        )
        if page.is_homepage:
            kind = link_preview.PageKind.FRONT
        # A page of the calculators' section with a calculator is that calculator's page;
        # elsewhere a calculator illustrates an article.
        elif has_calculator and top is not None and top.title == self._options.calculators_section:
            kind = link_preview.PageKind.CALCULATOR
        else:
            kind = link_preview.PageKind.ARTICLE
        modified = page.meta.get("git_revision_date_localized_raw_iso_date")
        facts = link_preview.PageFacts(
            title=title,
            description=str(page.meta.get("description") or config.site_description or ""),
            url=page.canonical_url or urljoin(site_url, page.url),
            site_name=config.site_name,
            site_url=site_url,
            image_url=urljoin(site_url, image),
            image_alt=f"{title} – {config.site_name}",
            image_size=social.PREVIEW_SIZE,
            kind=kind,
            date_modified=str(modified) if modified else None,
        )
        return link_preview.head_tags(facts)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write robots.txt, then run the finishing step over the built site."""
        if not self._options.enabled:
            return
        # Crawlers find the sitemap from here (on a host root; a site below a sub-path needs
        # the host's own robots.txt to name it).
        sitemap = urljoin(config.site_url or "/", "sitemap.xml")
        robots = f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"
        (Path(config.site_dir) / "robots.txt").write_text(robots, encoding="utf-8")
        root = Path(config.config_file_path).parent
        try:
            finish_site(Path(config.site_dir), self._options, project_root=root)
        except RuntimeBuildError as error:
            message = f"Kunne ikke bygge Python-kjøretiden: {error}"
            raise PluginError(message) from error
        except FinishError as error:
            raise PluginError(str(error)) from error

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer | None:
        """Rebuild (and so rebuild the wheel) when a calculator module changes."""
        del builder
        if self._options.enabled:
            server.watch(str(Path(config.config_file_path).parent / PACKAGE))
        return server
