"""Helpers for browser tests that give a calculator the reader's own table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import expect

from calculators import CATALOGUE, evaluate
from tests.browser.helpers import form_selector, outputs_on_screen

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Locator, Page


def data_field_of(calculator_id: str) -> str:
    (field,) = [f.name for f in CATALOGUE[calculator_id].fields if f.unit == "data"]
    return field


def analysed_after(form: Locator, give_data: Callable[[], object]) -> None:
    """Give the form data (paste, type or choose a file) and wait for its new analysis."""
    before = form.locator(".calculator-data-summary").text_content() or ""
    give_data()
    form.page.wait_for_function(
        """([selector, before]) => {
            const form = document.querySelector(selector);
            const summary = form.querySelector(".calculator-data-summary").textContent;
            return summary !== before && form.querySelector(".calculator-status")
                .textContent.startsWith("Oppdatert");
        }""",
        arg=[f"form#{form.get_attribute('id')}", before],
        timeout=30_000,
    )


def shown_matches_cpython(
    page: Page, calculator_id: str, data: str | bytes, **choices: str
) -> None:
    field = data_field_of(calculator_id)
    expected = evaluate(calculator_id, {field: data, **choices})
    assert expected["errors"] == {}, expected["errors"]
    shown = outputs_on_screen(page, calculator_id)
    for name, text in shown.items():
        assert text == expected["display"][name], (name, text, expected["display"][name])
    form = page.locator(form_selector(calculator_id))
    report = expected["data"][field]
    expect(form.locator(".calculator-data-summary")).to_have_text(report["summary"])
    invalid = form.locator(".calculator-data-invalid li")
    expect(invalid).to_have_count(len(report["invalid"]))
    for index, entry in enumerate(report["invalid"]):
        expect(invalid.nth(index)).to_have_text(f"Linje {entry['line']}: {entry['reason']}")
