"""The finishing step: runtime hints in each page's ``<head>``, the policy, the shared names,
the published runtime, and its refusals, on a built site and on small made-up ones."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from build_scripts.finish import FinishError, FinishOptions, finish_site, page_hints
from build_scripts.finish.html_pages import FINISH_MARK, scan_page
from build_scripts.finish.names import early_start_script
from tests.build_scripts.runtime_support import FORM, built_site_of

if TYPE_CHECKING:
    from pathlib import Path

    from build_scripts.runtime import Runtime
    from tests.conftest import BuiltSite

FOLDER = "assets/pyodide/0123456789abcdef/"
RUNTIME_META = re.compile(
    r'<meta name="calculators-runtime" content="([^"]+)" data-bytes="([0-9]+)" ' + FINISH_MARK + ">"
)
PAGES_META = re.compile(r'<meta name="calculators-pages" content="([^"]*)" ' + FINISH_MARK + ">")
START_META = re.compile(r'<meta name="calculators-start" content="([a-z]+)" ' + FINISH_MARK + ">")
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
        f'<meta name="calculators-runtime" content="{FOLDER}" data-bytes="12000000" {FINISH_MARK}>'
        '<meta name="calculators-pages" '
        f'content="kalkulatorer/nps/ relasjoner/relasjonsblomsten/" {FINISH_MARK}>'
        # The one definition of "the reader saves data", which the page module asks.
        f"<script {FINISH_MARK}>{early_start_script()}</script>"
    )


def test_a_calculator_page_starts_python_from_its_head() -> None:
    tags = tags_for(page_hints.Start.EARLY)
    assert f'<meta name="calculators-start" content="early" {FINISH_MARK}>' in tags
    module = (
        '<script type="module" async src="../../javascripts/calculators.mjs" '
        f"{FINISH_MARK}></script>"
    )
    # The inline script that starts the worker finds the module's <script> before it.
    starter = f"<script {FINISH_MARK}>{early_start_script()}</script>"
    assert tags.index(module) < tags.index(starter)


def test_a_page_leading_to_calculators_starts_python_once_loaded_without_the_inline_start() -> None:
    tags = tags_for(page_hints.Start.LOADED)
    assert f'<meta name="calculators-start" content="loaded" {FINISH_MARK}>' in tags
    assert '<script type="module"' not in tags
    assert tags.endswith(f"<script {FINISH_MARK}>{early_start_script()}</script>")


def test_every_page_runs_the_one_inline_script_in_its_head(built_site: BuiltSite) -> None:
    # Always the same text, so the Content-Security-Policy allows it with one hash; on a
    # calculator page it starts the worker (the page asks for an early start).
    starters, early = set(), set()
    for html in built_site.directory.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if scan_page(text).head_end is None:
            continue  # a redirect stub, not a page
        starters.add(text.count(early_start_script()))
        if scan_page(text).calculators:
            early.add('<meta name="calculators-start" content="early"' in text)
    assert starters == {1}
    assert early == {True}


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


def test_only_a_calculator_form_counts_as_a_calculator() -> None:
    assert scan_page('<form class="calculator" data-calculator="nps">').calculators == ["nps"]
    assert scan_page("<p>data-calculator= is explained here</p>").calculators == []
    # An exercise names the calculator that checks it; it is not one.
    assert scan_page('<form class="exercise" data-calculator="nps">').calculators == []


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
        assert bool(starts[page] == ["early"]) == bool(scan_page(text).calculators), html
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


# --- Small made-up sites ----------------------------------------------------------------------

PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head>'
    "<body>{body}<script>var theme = 1;</script></body></html>"
)


def test_finishing_twice_gives_the_same_site(tmp_path: Path, runtime: Runtime) -> None:
    site = built_site_of(
        tmp_path,
        {
            "index.html": PAGE.format(title="Forside", body="<p>Hei</p>"),
            "kalkulatorer/index.html": PAGE.format(title="Kalkulatorer", body="<p>…</p>"),
            "kalkulatorer/nps/index.html": PAGE.format(title="NPS", body=FORM),
        },
    )
    options = FinishOptions(start_when_loaded=("kalkulatorer/index.md",), cache_name="test-v7")
    finished = finish_site(site, options, project_root=tmp_path, runtime=runtime)
    first = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    finish_site(site, options, project_root=tmp_path, runtime=runtime)
    assert {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")} == first

    assert finished.calculator_pages == ("kalkulatorer/nps/",)
    nps = first[site / "kalkulatorer" / "nps" / "index.html"]
    assert nps.count('http-equiv="Content-Security-Policy"') == 1
    # The policy right after <meta charset>, the hints at the end of <head>.
    assert nps.index("<meta charset") < nps.index("Content-Security-Policy") < nps.index("<title>")
    assert nps.index("calculators-start") < nps.index("</head>")
    assert 'src="../../javascripts/calculators.mjs"' in nps
    assert START_META.findall(first[site / "kalkulatorer" / "index.html"]) == ["loaded"]
    # The names the browser code shares, with the cache named where mkdocs.yml names it.
    names = (site / "javascripts" / "calculator-names.js").read_text(encoding="utf-8")
    assert '"cache": "test-v7"' in names
    assert '"snapshot": "python-memory.snapshot"' in names
    for name in runtime.files:
        assert f'"{name}"' in names
        assert (site / finished.runtime_folder / name).is_file()


def test_a_directive_left_as_text_stops_the_finish(tmp_path: Path, runtime: Runtime) -> None:
    # What Zensical makes of a directive when the extension is not listed in mkdocs.yml.
    site = built_site_of(
        tmp_path,
        {
            "index.html": PAGE.format(title="A", body="<p>/// calculator | nps\n///</p>"),
            # In code (a maintainers' guide), it is an example, not a mistake.
            "guide/index.html": PAGE.format(
                title="B", body="<pre><code>/// calculator | nps</code></pre>"
            ),
        },
    )
    with pytest.raises(FinishError, match=r"index\.html: «/// calculator \| nps»"):
        finish_site(site, FinishOptions(), project_root=tmp_path, runtime=runtime)


def test_a_calculator_needs_the_page_module(tmp_path: Path, runtime: Runtime) -> None:
    site = built_site_of(tmp_path, {"nps/index.html": PAGE.format(title="NPS", body=FORM)})
    (site / "javascripts" / "calculators.mjs").unlink()
    with pytest.raises(FinishError, match="extra_javascript"):
        finish_site(site, FinishOptions(), project_root=tmp_path, runtime=runtime)


def test_the_benchmarks_switches_leave_out_the_snapshot_and_the_start_hints(
    tmp_path: Path, runtime: Runtime
) -> None:
    site = built_site_of(
        tmp_path,
        {
            "kalkulatorer/index.html": PAGE.format(title="Kalkulatorer", body="<p>…</p>"),
            "kalkulatorer/nps/index.html": PAGE.format(title="NPS", body=FORM),
        },
    )
    names = site / "javascripts" / "calculator-names.js"
    loaded = ("kalkulatorer/index.md",)
    finish_site(
        site, FinishOptions(start_when_loaded=loaded), project_root=tmp_path, runtime=runtime
    )
    assert '"memorySnapshot": true' in names.read_text(encoding="utf-8")

    switched = FinishOptions(start_when_loaded=loaded, memory_snapshot=False, start_hints=False)
    finish_site(site, switched, project_root=tmp_path, runtime=runtime)
    assert '"memorySnapshot": false' in names.read_text(encoding="utf-8")
    for page in ("kalkulatorer/index.html", "kalkulatorer/nps/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        # Every page as one without a calculator: the runtime and the pages named, no start
        # (the one inline script still says whether the reader saves data).
        assert RUNTIME_META.search(text)
        assert PAGES_META.search(text)
        assert not START_META.search(text)
        assert text.count(f"<script {FINISH_MARK}>") == 1
        assert "modulepreload" not in text
        assert "async" not in text
