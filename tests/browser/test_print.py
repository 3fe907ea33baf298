"""A calculator page on paper: the inputs and results, black on white, nothing to click."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    calculator_pages,
    expected_display,
    form_selector,
    page_defaults,
    wait_until_calculators_ready,
)

if TYPE_CHECKING:
    from tests.browser.conftest import PageWatch
    from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".cache" / "screenshots"
CALCULATOR = "customer_lifetime_value"
#: A4 minus Chromium's default margins (about 1 cm each side), in CSS pixels.
PAPER_WIDTH = 718
HIDDEN_ON_PAPER = (
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    f"{form_selector(CALCULATOR)} button[type='reset']",
    f"{form_selector(CALCULATOR)} [data-action='share']",
    f"{form_selector(CALCULATOR)} .calculator-status",
)


def _luminance(page: Page, selector: str, prop: str) -> float:
    """Relative luminance (0 black … 1 white) of a computed colour, alpha over white."""
    luminance: float = page.evaluate(
        """([selector, prop]) => {
            const value = getComputedStyle(document.querySelector(selector))[prop];
            const [r, g, b, a = 1] = value.match(/[\\d.]+/g).map(Number);
            const channel = (c) => {
                const s = (c * a + 255 * (1 - a)) / 255;
                return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
            };
            return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
        }""",
        [selector, prop],
    )
    return luminance


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_calculator_prints_its_inputs_and_results(
    desktop: tuple[Page, PageWatch], built_site: BuiltSite, site_url: str, scheme: str
) -> None:
    page, _ = desktop
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")
    page.goto(f"{site_url}{calculator_pages(built_site)[CALCULATOR]}/")
    wait_until_calculators_ready(page)
    form = page.locator(form_selector(CALCULATOR))
    typed = {
        **page_defaults(page, CALCULATOR),
        "margin_per_period": "1 500",
        "horizon_periods": "8",
    }
    form.locator("[name='margin_per_period']").fill(typed["margin_per_period"])
    form.locator("[name='horizon_periods']").fill(typed["horizon_periods"])
    display = expected_display(CALCULATOR, typed)
    expect(form.locator("output[name='clv']")).to_have_text(display["clv"])

    page.emulate_media(media="print")
    page.set_viewport_size({"width": PAPER_WIDTH, "height": 1000})
    for selector in HIDDEN_ON_PAPER:
        expect(page.locator(selector).first).to_be_hidden()
    for field in form.locator("input[name], select[name]").all():
        expect(field).to_be_visible()
    expect(form.locator("[name='margin_per_period']")).to_have_value("1 500")
    for name, text in display.items():
        output = form.locator(f"output[name='{name}']")
        if output.count():
            expect(output).to_be_visible()
            expect(output).to_have_text(text)
    expect(form.locator(".calculator-chart-image svg")).to_be_visible()
    expect(form.locator(".calculator-table table")).to_be_visible()
    # Everything fits the paper's width: nothing cut off at the right edge.
    overflow = page.evaluate(
        """(selector) => {
            const form = document.querySelector(selector);
            const right = form.getBoundingClientRect().right;
            return [...form.querySelectorAll("*")]
                .filter((element) => element.getBoundingClientRect().right > right + 1)
                .map((element) => element.tagName + "." + element.className);
        }""",
        form_selector(CALCULATOR),
    )
    assert overflow == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PAPER_WIDTH
    # Black on white whatever the palette: paper has no dark mode.
    assert _luminance(page, f"{form_selector(CALCULATOR)} output", "color") < 0.05
    assert _luminance(page, "article p", "color") < 0.05
    assert _luminance(page, f"{form_selector(CALCULATOR)} .calculator-help", "color") < 0.1

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=SCREENSHOTS / f"calculator-print-{scheme}.pdf", format="A4")
