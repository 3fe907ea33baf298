"""The policy holds in a real browser: search, palette, instant navigation and calculators
all work under it, and nothing trips a violation."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import READY_TIMEOUT_MS

if TYPE_CHECKING:
    from tests.browser.conftest import PageWatch

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def test_site_features_run_without_csp_violations(
    desktop: tuple[Page, PageWatch], site_url: str
) -> None:
    page, _ = desktop
    page.add_init_script(RECORD_VIOLATIONS)
    response = page.goto(site_url)
    assert response is not None
    assert "default-src 'self'" in (response.headers.get("content-security-policy") or "")
    # Palette toggle.
    body = page.locator("body")
    scheme = body.get_attribute("data-md-color-scheme") or ""
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    expect(body).not_to_have_attribute("data-md-color-scheme", scheme)
    # Search.
    page.locator("input.md-search__input").focus()
    page.keyboard.type("tillit", delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    page.keyboard.press("Escape")
    # Instant navigation to a calculator, which starts Python in a worker.
    page.evaluate("window.__sameDocument = true")
    page.locator("nav.md-nav--primary a[href$='kalkulatorer/nps/']").first.click()
    expect(page.locator("form.calculator").first).to_have_attribute(
        "data-state", "ready", timeout=READY_TIMEOUT_MS
    )
    assert page.evaluate("window.__sameDocument") is True
    assert page.evaluate("window.__cspViolations") == []
