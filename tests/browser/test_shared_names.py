"""The names the browser code shares are written once: rename the cache there, and offline
use and the memory snapshot keep working (before, the service worker's cleanup deleted the
snapshot whenever one copy of the name drifted from the others)."""

from __future__ import annotations

import dataclasses
import shutil
import time
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from build_scripts.finish import finish_site
from build_scripts.finish.options import DEFAULT_CACHE_NAME, read_options
from calculators import evaluate
from tests.browser.conftest import DESKTOP_VIEWPORT
from tests.browser.helpers import READY_TIMEOUT_MS, calculator_pages, form_selector
from tests.conftest import PROJECT_ROOT, serve_site

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser, Page

    from tests.conftest import BuiltSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CALCULATOR = "nps"
RENAMED = "kunderelasjoner-omdopt-v2"

# The site's caches, and which of the given URLs the renamed one holds.
CACHED = """async ([cache, urls]) => {
    const names = await caches.keys();
    const kept = names.includes(cache) ? await caches.open(cache) : null;
    const held = [];
    for (const url of urls) if (kept && await kept.match(url)) held.push(url);
    return { names, held };
}"""


def scripts_loaded(page: Page, origin: str) -> list[str]:
    """Every script the page has fetched from ``origin`` so far, its modules included.

    A test that takes the site away and expects the next visit to work from the service
    worker must wait until these are kept: a module missing from the cache leaves the page
    without its calculators.
    """
    scripts: list[str] = page.evaluate(
        """(origin) => [...new Set(performance.getEntriesByType("resource")
            .map((entry) => entry.name)
            .filter((name) => name.startsWith(origin)
                && /\\.m?js$/.test(new URL(name).pathname)))]""",
        origin,
    )
    return scripts


def _wait_for(page: Page, urls: list[str], *, timeout_s: float = 45) -> list[str]:
    """Poll until the renamed cache holds every URL; return the caches' names."""
    deadline = time.monotonic() + timeout_s
    while True:
        state = page.evaluate(CACHED, [RENAMED, urls])
        if set(state["held"]) == set(urls):
            return list(state["names"])
        assert time.monotonic() < deadline, f"not kept in time: {set(urls) - set(state['held'])}"
        page.wait_for_timeout(250)


def test_renaming_the_cache_in_one_place_keeps_offline_use_and_the_snapshot(
    browser: Browser, built_site: BuiltSite, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site.directory, site)
    # The one place: the cache_name option, which the finishing step writes into the names
    # file every script reads.
    options = dataclasses.replace(read_options(PROJECT_ROOT / "mkdocs.yml"), cache_name=RENAMED)
    finish_site(site, options, project_root=PROJECT_ROOT)
    scripts = [*site.rglob("*.js"), *site.rglob("*.mjs")]
    assert [p.name for p in scripts if DEFAULT_CACHE_NAME in p.read_text(encoding="utf-8")] == []

    path = calculator_pages(built_site)[CALCULATOR] + "/"
    context = browser.new_context(viewport=DESKTOP_VIEWPORT, locale="nb-NO")
    with serve_site(site) as url:
        page = context.new_page()
        page.goto(url + path)
        expect(page.locator(form_selector(CALCULATOR))).to_have_attribute(
            "data-state", "ready", timeout=READY_TIMEOUT_MS
        )
        folder = page.locator('meta[name="calculators-runtime"]').get_attribute("content") or ""
        snapshot = page.evaluate("globalThis.calculatorNames.snapshot")
        # The runtime and the snapshot, and the page with every script it ran.
        kept = [
            f"{url}{folder}pyodide.asm.wasm",
            f"{url}{folder}{snapshot}",
            url + path,
            f"{url}javascripts/calculator-names.js",
            f"{url}javascripts/calculator-form.mjs",
        ]
        kept += [script for script in scripts_loaded(page, url) if script not in kept]
        assert _wait_for(page, kept) == [RENAMED]
        page.close()

    # The site is gone: the next visit comes from the service worker, with the snapshot.
    page = context.new_page()
    page.goto(url + path)
    form = page.locator(form_selector(CALCULATOR))
    expect(form).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    form.locator("[name='promoters']").fill("70")
    expected = evaluate(CALCULATOR, {"promoters": "70"})["display"]["nps"]
    expect(form.locator("output[name='nps']")).to_have_text(expected)
    state = page.evaluate(CACHED, [RENAMED, kept])
    context.close()
    assert state == {"names": [RENAMED], "held": kept}
