"""The same docs under Zensical: one mkdocs.yml, the Markdown extension, the finishing step.

Zensical ignores MkDocs' plugins without a word; built the way ``make site-zensical`` does
it, the calculators must still render, start and compute, under the strict policy, with
nothing fetched from elsewhere, and the site's search must find a concept page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from calculators import evaluate
from tests.browser.conftest import DESKTOP_VIEWPORT
from tests.browser.helpers import form_selector, wait_until_calculators_ready
from tests.browser.test_csp_in_browser import RECORD_VIOLATIONS
from tests.conftest import PROJECT_ROOT, serve_site

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tests.browser.conftest import NewPage

pytestmark = [pytest.mark.browser, pytest.mark.build, pytest.mark.slow]

#: Zensical keeps its output inside the project; the folder is ignored by git.
SITE = ".cache/zensical-site"


@pytest.fixture(scope="module")
def zensical_site() -> Iterator[Path]:
    site = PROJECT_ROOT / SITE
    shutil.rmtree(site, ignore_errors=True)
    # PYTHONPATH: the console script would otherwise import the Markdown extension from
    # wherever the package is installed (the main checkout, for a git worktree).
    environment = {
        **os.environ,
        "SITE_DIR": SITE,
        "NO_COLOR": "1",
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    zensical = shutil.which("zensical", path=str(PROJECT_ROOT / ".venv" / "bin")) or "zensical"
    for command in (
        [zensical, "build", "-f", "mkdocs.yml"],
        [sys.executable, "-m", "build_scripts", "finish", SITE],
    ):
        result = subprocess.run(  # noqa: S603 - fixed argv, no shell
            command, cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
    yield site
    shutil.rmtree(site, ignore_errors=True)


def test_zensical_builds_the_calculators_and_they_run(
    new_page: NewPage, zensical_site: Path
) -> None:
    page_html = (zensical_site / "kalkulatorer" / "livstidsverdi" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'data-calculator="customer_lifetime_value"' in page_html
    assert "/// calculator" not in page_html
    calculator = "customer_lifetime_value"
    typed = {"margin_per_period": "1 500", "retention_rate": "85"}
    expected = evaluate(calculator, typed)["display"]["clv"]
    with serve_site(zensical_site) as url:
        page, _ = new_page(viewport=DESKTOP_VIEWPORT)
        page.add_init_script(RECORD_VIOLATIONS)
        page.goto(f"{url}kalkulatorer/livstidsverdi/")
        wait_until_calculators_ready(page)
        form = page.locator(form_selector(calculator))
        for name, value in typed.items():
            form.locator(f"[name='{name}']").fill(value)
        expect(form.locator("output[name='clv']")).to_have_text(expected)
        violations = page.evaluate("window.__cspViolations")
        # Zensical's own search, built from the same pages.
        page.goto(url)
        page.get_by_role("button", name="Søk").first.click()
        page.keyboard.type("byttebarrierer", delay=30)
        first = page.locator("a[href*='kunderelasjoner/lojalitet/']").first
        expect(first).to_be_visible(timeout=15_000)
        violations += page.evaluate("window.__cspViolations")
        page.context.close()
    assert violations == []
