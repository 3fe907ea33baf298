"""The runtime hints in each page's ``<head>``, and how the built site publishes the runtime."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from build_scripts.runtime import page_hints

if TYPE_CHECKING:
    from tests.conftest import BuiltSite

FOLDER = "assets/pyodide/0123456789abcdef/"
RUNTIME_META = re.compile(r'<meta name="calculators-runtime" content="([^"]+)">')


def test_every_page_names_the_runtime_folder() -> None:
    tags = page_hints.head_tags(
        runtime_folder=FOLDER, start_early=False, page_module_url="../javascripts/calculators.mjs"
    )
    assert tags == f'<meta name="calculators-runtime" content="{FOLDER}">'


def test_a_calculator_page_starts_python_from_its_head() -> None:
    tags = page_hints.head_tags(
        runtime_folder=FOLDER, start_early=True, page_module_url="../../javascripts/calculators.mjs"
    )
    assert '<meta name="calculators-start" content="early">' in tags
    module = '<script type="module" async src="../../javascripts/calculators.mjs"></script>'
    # The inline script that starts the worker finds the module's <script> before it.
    starter = f"<script>{page_hints.EARLY_WORKER_SCRIPT}</script>"
    assert tags.index(module) < tags.index(starter)


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
        page_hints.head_tags(runtime_folder=folder, start_early=False, page_module_url="x.mjs")


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
    folders = set()
    for html in built_site.directory.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if "<head" not in text or html.name == "404.html":
            continue
        [folder] = RUNTIME_META.findall(text)
        folders.add(folder)
        early = '<meta name="calculators-start"' in text
        assert early == page_hints.has_calculator(text), html
    [folder] = folders
    assert (built_site.directory / folder / "pyodide-lock.json").is_file()
    assert (built_site.directory / folder / "pyodide.asm.wasm").is_file()
    # Content-addressed: a host may keep it for good.
    headers = (built_site.directory / "_headers").read_text(encoding="utf-8")
    assert f"/{folder}*\n  Cache-Control: public, max-age=31536000, immutable\n" in headers


def test_the_service_worker_is_published_at_the_site_root(built_site: BuiltSite) -> None:
    assert (built_site.directory / "service-worker.js").is_file()
