"""The finishing step: what a built site folder needs for its calculators, from any engine.

``python -m build_scripts finish SITE_DIR`` (or, under MkDocs, the plugin's
``on_post_build``) runs it after the engine has written the pages:

1. puts the parts of the site's stylesheet in place of their ``@import`` (:mod:`.stylesheets`),
   so a page loads one stylesheet of ours;
2. publishes the Pyodide runtime in a folder named by its hash (``assets/pyodide/<hash>/``);
3. writes ``javascripts/calculator-names.js``, the names the browser code shares;
4. gives every page its start hints (:mod:`.page_hints`) and its Content-Security-Policy
   ``<meta>`` (:mod:`.csp`), replacing those of an earlier run;
5. points links that open a calculator with numbers (``a[data-calculator-link]``) at the
   calculator's own page, and repairs the theme's markup (:mod:`.markup`);
6. writes ``_headers`` with the same policy and the caching rules (:mod:`.caching`): a year
   for files named by their content, the runtime first, a check for the rest.

It reads the pages with a real HTML parser (:mod:`.html_pages`) and stops with
:class:`FinishError` when a page still holds a directive as text (the engine did not run
the Markdown extension), when a calculator form would be left without its runtime, or
when a part of the stylesheet is missing.
Its options are the calculators plugin's in ``mkdocs.yml`` (:mod:`.options`), which engines
without MkDocs' plugins ignore but this step still reads.
"""

from __future__ import annotations

import posixpath
import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_scripts.finish import caching, csp, markup, page_hints, stylesheets
from build_scripts.finish.html_pages import PageScan, Span, scan_page, shifted, without
from build_scripts.finish.names import NAMES_SCRIPT, PAGE_MODULE, SharedNames, names_script
from build_scripts.finish.options import FinishOptions, read_options
from build_scripts.runtime import build_runtime

if TYPE_CHECKING:
    from pathlib import Path

    from build_scripts.runtime import Runtime


class FinishError(Exception):
    """The built site cannot be finished; the message names the pages and what to do."""


@dataclass(frozen=True, slots=True)
class Finished:
    """What the finishing step did.

    Attributes:
        runtime_folder: The runtime's folder below the site root.
        pages: Every page finished (URLs relative to the site root).
        calculator_pages: The pages with a calculator form.

    """

    runtime_folder: str
    pages: tuple[str, ...]
    calculator_pages: tuple[str, ...]


def page_url(site_dir: Path, page: Path) -> str:
    """Return a built page's URL relative to the site root (``kalkulatorer/nps/``)."""
    relative = page.relative_to(site_dir).as_posix()
    return relative.removesuffix("index.html")


def source_url(source: str) -> str:
    """Return the URL a Markdown source gets (directory URLs, as MkDocs and Zensical make)."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def finish_site(
    site_dir: Path,
    options: FinishOptions,
    *,
    project_root: Path,
    runtime: Runtime | None = None,
) -> Finished:
    """Finish the built site in ``site_dir`` (see the module docstring).

    Args:
        site_dir: The engine's output folder.
        options: The finishing step's options.
        project_root: The folder of ``mkdocs.yml`` (the runtime's inputs, its cache).
        runtime: A runtime already built, or ``None`` to build (or reuse) one.

    Raises:
        FinishError: A page holds a directive as text, or the page module is missing.
        RuntimeBuildError: The runtime could not be built.

    """
    pages = sorted(site_dir.rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    scans = {page: scan_page(text) for page, text in texts.items()}
    _refuse_unrendered(site_dir, scans)
    missing = stylesheets.inline_parts(site_dir)
    if missing:
        msg = (
            f"{stylesheets.STYLESHEET} henter {', '.join(missing)}, som byggingen ikke har lagt "
            f"i {(site_dir / stylesheets.STYLESHEET).parent}: rett navnet i @import-linjen, "
            "eller legg delen ved siden av stilarket i docs/."
        )
        raise FinishError(msg)
    calculator_pages = [page_url(site_dir, p) for p, scan in scans.items() if scan.calculators]
    if calculator_pages and not (site_dir / PAGE_MODULE).is_file():
        msg = (
            f"sidene med kalkulator trenger {PAGE_MODULE}, men byggingen har ikke lagt den i "
            f"{site_dir}: legg den under extra_javascript i mkdocs.yml."
        )
        raise FinishError(msg)

    if runtime is None:
        runtime = build_runtime(project_root, project_root / options.cache_dir)
    root = options.runtime_path.strip("/") + "/"
    folder = f"{root}{runtime.key[:16]}/"
    _publish(runtime, site_dir / folder)
    names = SharedNames(
        cache=options.cache_name,
        runtime_root=root,
        runtime_files=runtime.files,
        memory_snapshot=options.memory_snapshot,
    )
    (site_dir / NAMES_SCRIPT).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / NAMES_SCRIPT).write_text(names_script(names), encoding="utf-8")

    own_pages = _calculators_own_pages(site_dir, scans, options.calculators_folder)
    loaded = {source_url(source) for source in options.start_when_loaded}
    runtime_bytes = sum((runtime.directory / name).stat().st_size for name in runtime.files)
    script_hashes: set[str] = set()
    for page, scan in scans.items():
        url = page_url(site_dir, page)
        if not options.start_hints:
            start = page_hints.Start.ON_INTENT
        elif scan.calculators:
            start = page_hints.Start.EARLY
        elif url in loaded:
            start = page_hints.Start.LOADED
        else:
            start = page_hints.Start.ON_INTENT
        hints = page_hints.head_tags(
            runtime_folder=folder,
            runtime_bytes=runtime_bytes,
            calculator_pages=calculator_pages,
            start=start,
            page_module_url=posixpath.relpath(PAGE_MODULE, _folder_of(url)),
        )
        text, hashes = _finished_page(
            _with_tags_rewritten(texts[page], scan, url, own_pages), scan, hints
        )
        script_hashes.update(hashes)
        page.write_text(text, encoding="utf-8")

    headers = csp.headers_file(script_hashes) + caching.caching_rules(folder)
    (site_dir / "_headers").write_text(headers, encoding="utf-8")
    return Finished(
        runtime_folder=folder,
        pages=tuple(page_url(site_dir, p) for p in pages),
        calculator_pages=tuple(calculator_pages),
    )


def finish_site_from_config(site_dir: Path, config_file: Path) -> Finished:
    """Finish ``site_dir`` with the options in ``config_file`` (``mkdocs.yml``)."""
    return finish_site(site_dir, read_options(config_file), project_root=config_file.parent)


def _calculators_own_pages(
    site_dir: Path, scans: dict[Path, PageScan], folder: str
) -> dict[str, str]:
    """Return calculator id → the URL of its own page (in ``folder``, else any page)."""
    pages: dict[str, str] = {}
    for page, scan in sorted(
        scans.items(), key=lambda item: not page_url(site_dir, item[0]).startswith(folder)
    ):
        for calculator in scan.calculators:
            pages.setdefault(calculator, page_url(site_dir, page))
    return pages


def _with_tags_rewritten(text: str, scan: PageScan, url: str, own_pages: dict[str, str]) -> str:
    """Return the page with its calculator links pointed and the theme's markup repaired.

    A calculator link keeps its fragment (the numbers) and leads to the calculator's own
    page; on that page, or for a calculator without one, it is the fragment alone. Only
    the rewritten start tags change (they all lie after ``<head>``'s tags).
    """
    rewrites: list[tuple[Span, str]] = []
    for span, attributes in scan.calculator_links:
        fragment = "#" + attributes.get("href", "").partition("#")[2]
        target = own_pages.get(attributes["data-calculator-link"])
        if target is not None and target != url:
            fragment = posixpath.relpath(target, _folder_of(url)) + "/" + fragment
        rewrites.append((span, markup.start_tag("a", attributes | {"href": fragment})))
    for span, tag, attributes, closes in scan.repairable:
        fixed = markup.repaired(tag, attributes, scan.ids)
        if fixed is not None:
            rewrites.append((span, markup.start_tag(tag, fixed, self_closing=closes)))
    # From the end, so the offsets of the tags before stay right.
    for span, tag in sorted(rewrites, key=lambda rewrite: rewrite[0].start, reverse=True):
        text = text[: span.start] + tag + text[span.end :]
    return text


def _folder_of(url: str) -> str:
    """Return the folder a page's relative links start from (``kalkulatorer/nps/``, or ``.``)."""
    return url if url.endswith("/") else posixpath.dirname(url) or "."


def _refuse_unrendered(site_dir: Path, scans: dict[Path, PageScan]) -> None:
    """Stop on pages whose directives an engine left as text."""
    left = {
        page.relative_to(site_dir).as_posix(): scan.directive_lines[0]
        for page, scan in scans.items()
        if scan.directive_lines
    }
    if left:
        listing = "; ".join(f"{page}: «{line}»" for page, line in sorted(left.items()))
        msg = (
            f"direktiv står igjen som tekst ({listing}). Byggingen kjørte ikke "
            "Markdown-utvidelsen: legg build_scripts.extension inn under markdown_extensions "
            "i mkdocs.yml."
        )
        raise FinishError(msg)


def _finished_page(text: str, scan: PageScan, hints: str) -> tuple[str, list[str]]:
    """Return the page without an earlier run's tags, with the hints and the policy.

    Also returns the hashes of the inline scripts the finished page runs. The earlier run's
    tags all lie after the head's start (the policy right after ``<meta charset>``, the
    hints before ``</head>``), so only the end of ``<head>`` moves when they are cut out.
    """
    if scan.head_start_end is None or scan.head_end is None:
        # Not a page (a fragment, a redirect stub): nothing to finish.
        return text, csp.script_hashes(scan.inline_scripts)
    clean = without(text, scan.finished)
    head_end = shifted(scan.head_end, scan.finished)
    with_hints = f"{clean[:head_end]}{hints}{clean[head_end:]}"
    hashes = csp.inline_script_hashes(with_hints)
    start = scan.head_start_end
    return f"{with_hints[:start]}{csp.meta_policy(hashes)}{with_hints[start:]}", hashes


def _publish(runtime: Runtime, folder: Path) -> None:
    """Copy the runtime's files into the site, skipping those already there unchanged."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in runtime.files:
        source, target = runtime.directory / name, folder / name
        if target.is_file() and target.stat().st_size == source.stat().st_size:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


__all__ = ["FinishError", "FinishOptions", "Finished", "finish_site", "finish_site_from_config"]
