"""The runtime hints in each page's ``<head>``, and how the built site publishes the runtime."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from build_scripts.runtime import page_hints

if TYPE_CHECKING:
    from tests.conftest import BuiltSite

FOLDER = "assets/pyodide/0123456789abcdef/"
RUNTIME_META = re.compile(
    r'<meta name="calculators-runtime" content="([^"]+)" data-bytes="([0-9]+)">'
)
PAGES_META = re.compile(r'<meta name="calculators-pages" content="([^"]*)">')
START_META = re.compile(r'<meta name="calculators-start" content="([a-z]+)">')
PAGES = ("kalkulatorer/nps/", "relasjoner/relasjonsblomsten/")


def tags_for(start: page_hints.Start, **overrides: object) -> str:
    options: dict[str, object] = {
        "runtime_folder": FOLDER,
        "runtime_bytes": 12_000_000,
        "calculator_pages": PAGES,
        "start": start,
        "page_module_url": "../../javascripts/calculators.mjs",
    }
    return page_hints.head_tags(**(options | overrides))  # type: ignore[arg-type]


def test_every_page_names_the_runtime_its_size_and_the_calculator_pages() -> None:
    assert tags_for(page_hints.Start.ON_INTENT) == (
        f'<meta name="calculators-runtime" content="{FOLDER}" data-bytes="12000000">'
        '<meta name="calculators-pages" '
        'content="kalkulatorer/nps/ relasjoner/relasjonsblomsten/">'
    )


def test_a_calculator_page_starts_python_from_its_head() -> None:
    tags = tags_for(page_hints.Start.EARLY)
    assert '<meta name="calculators-start" content="early">' in tags
    module = '<script type="module" async src="../../javascripts/calculators.mjs"></script>'
    # The inline script that starts the worker finds the module's <script> before it.
    starter = f"<script>{page_hints.EARLY_WORKER_SCRIPT}</script>"
    assert tags.index(module) < tags.index(starter)


def test_a_page_leading_to_calculators_starts_python_once_loaded_without_the_inline_start() -> None:
    tags = tags_for(page_hints.Start.LOADED)
    assert '<meta name="calculators-start" content="loaded">' in tags
    assert "<script" not in tags


def test_every_calculator_page_starts_the_worker_from_its_head(built_site: BuiltSite) -> None:
    # Always the same text, so the Content-Security-Policy allows it with one hash.
    starters = set()
    for html in built_site.directory.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if page_hints.has_calculator(text):
            starters.add(text.count(page_hints.EARLY_WORKER_SCRIPT))
    assert starters == {1}


@pytest.mark.parametrize(
    "folder", ["/assets/pyodide/", "../elsewhere/", "assets/pyodide", 'a"/', "https://cdn.example/"]
)
def test_the_folder_must_be_a_plain_folder_of_the_site(folder: str) -> None:
    with pytest.raises(ValueError, match="relative to the site root"):
        tags_for(page_hints.Start.ON_INTENT, runtime_folder=folder)


@pytest.mark.parametrize("page", ["/kalkulatorer/nps/", "//x.example/", "a/../../nps/"])
def test_calculator_pages_must_be_pages_of_the_site(page: str) -> None:
    with pytest.raises(ValueError, match="relative to the site root"):
        tags_for(page_hints.Start.ON_INTENT, calculator_pages=[page])


def test_calculator_pages_are_written_as_browsers_write_a_links_path() -> None:
    # Nor can a colon make one an address of its own: "https%3A//x/" is a path of this site.
    pages = ['kunde\u00f8konomi/"x"/', "https://x/"]
    tags = tags_for(page_hints.Start.ON_INTENT, calculator_pages=pages)
    assert 'content="https%3A//x/ kunde%C3%B8konomi/%22x%22/"' in tags


def test_tags_go_at_the_end_of_head() -> None:
    page = "<html><head><title>t</title></HEAD><body></body></html>"
    assert page_hints.with_head_tags(page, "<meta x>") == (
        "<html><head><title>t</title><meta x></HEAD><body></body></html>"
    )
    with pytest.raises(ValueError, match="no </head>"):
        page_hints.with_head_tags("<p>fragment</p>", "<meta x>")


def test_only_a_calculator_form_counts_as_a_calculator() -> None:
    assert page_hints.has_calculator('<form class="calculator" data-calculator="nps">')
    assert not page_hints.has_calculator("<p>data-calculator= is explained here</p>")


# --- The built site ---------------------------------------------------------------------------


def test_built_pages_point_at_the_published_runtime(built_site: BuiltSite) -> None:
    runtimes = set()
    listed_pages = set()
    starts = {}
    for html in built_site.directory.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if "<head" not in text or html.name == "404.html":
            continue
        [runtime] = RUNTIME_META.findall(text)
        runtimes.add(runtime)
        [pages] = PAGES_META.findall(text)
        listed_pages.add(pages)
        page = html.parent.relative_to(built_site.directory).as_posix() + "/"
        starts[page] = START_META.findall(text)
        assert bool(starts[page] == ["early"]) == page_hints.has_calculator(text), html
    [(folder, size)] = runtimes
    published = [path for path in (built_site.directory / folder).iterdir() if path.is_file()]
    # The progress bar's end: everything a first start downloads from the runtime's folder.
    assert int(size) == sum(path.stat().st_size for path in published)
    assert (built_site.directory / folder / "pyodide-lock.json").is_file()
    assert (built_site.directory / folder / "pyodide.asm.wasm").is_file()
    # Content-addressed: a host may keep it for good.
    headers = (built_site.directory / "_headers").read_text(encoding="utf-8")
    assert f"/{folder}*\n  Cache-Control: public, max-age=31536000, immutable\n" in headers
    # Every page lists the same pages: exactly those with a calculator.
    [pages] = listed_pages
    assert set(pages.split()) == {page for page, start in starts.items() if start == ["early"]}
    # The calculator index starts Python once it has loaded (mkdocs.yml, start_when_loaded).
    assert starts["kalkulatorer/"] == ["loaded"]
    assert [page for page, start in starts.items() if start == ["loaded"]] == ["kalkulatorer/"]


def test_the_service_worker_is_published_at_the_site_root(built_site: BuiltSite) -> None:
    assert (built_site.directory / "service-worker.js").is_file()
