"""The running case's calculator links open the calculator with the case's numbers.

A reader on the case page (``eksempel/``) clicks "Regn ut livstidsverdien …": the
calculator page opens with the case's values filled in from the address's fragment, Python
computes, and the results on screen are the ones the case's text states. The expected
results are read from the case page itself (elements marked ``data-case-output``), so the
text cannot drift from what the calculators show.
"""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from build_scripts.extension.state_links import parse_state
from tests.browser.helpers import (
    READY_TIMEOUT_MS,
    form_selector,
    outputs_on_screen,
    wait_until_calculators_ready,
)
from tests.conftest import PROJECT_ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.conftest import PageWatch

pytestmark = pytest.mark.browser

CASE_SOURCE = PROJECT_ROOT / "docs" / "eksempel" / "index.md"
CASE_PATH = "eksempel/"
#: A Markdown link to a calculator page with a fragment (state, read by parse_state, or an anchor).
_CALCULATOR_LINK = re.compile(r"\]\(\.\./kalkulatorer/[a-z-]+\.md#([^)\s]*)\)")
#: How long the outputs may take to show the linked state once Python is ready.
RESULT_TIMEOUT_MS = 10_000


def _case_links() -> list[tuple[str, str]]:
    """(calculator id, fragment) of every state link in the case's Markdown."""
    text = CASE_SOURCE.read_text(encoding="utf-8")
    fragments = [match.group(1) for match in _CALCULATOR_LINK.finditer(text)]
    return [(entries[0].calculator, f) for f in fragments if (entries := parse_state(f))]


def _normalise(text: str) -> str:
    """Collapse every kind of whitespace (NBSP included) to one space."""
    return " ".join(text.split())


def test_the_case_has_at_least_three_calculator_links() -> None:
    assert len({calculator_id for calculator_id, _ in _case_links()}) >= 3


@pytest.mark.parametrize(
    ("calculator_id", "fragment"), _case_links(), ids=[c for c, _ in _case_links()]
)
def test_a_case_link_opens_the_calculator_with_the_case_numbers(
    desktop: tuple[Page, PageWatch], site_url: str, calculator_id: str, fragment: str
) -> None:
    page, _ = desktop
    page.goto(site_url + CASE_PATH)
    stated: dict[str, str] = page.evaluate(
        """(prefix) => Object.fromEntries(
            [...document.querySelectorAll("article [data-case-output]")]
              .filter((node) => node.dataset.caseOutput.startsWith(prefix))
              .map((node) => [node.dataset.caseOutput.slice(prefix.length), node.textContent]))""",
        f"{calculator_id}.",
    )
    expected = {name: _normalise(text) for name, text in stated.items()}
    assert expected, f"the case states no result of {calculator_id}"

    # Click the link as a reader does (Material's instant navigation takes it from there).
    link = page.locator(f'article a[href$="#{fragment}"]')
    assert link.count() == 1, f"no single link on the case page ends in #{fragment}"
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_function(
        "(id) => document.querySelector(`form.calculator[data-calculator='${id}']`) !== null",
        arg=calculator_id,
        timeout=READY_TIMEOUT_MS,
    )
    assert page.evaluate("location.hash").startswith(f"#{calculator_id}."), "state left the address"
    wait_until_calculators_ready(page)
    assert page.get_attribute(form_selector(calculator_id), "data-state") == "ready"

    # The page computes the linked state once Python is ready; give it a moment to land. On a
    # timeout the assertion below shows what the page shows instead.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            """([selector, expected]) => {
                const form = document.querySelector(selector);
                return Object.entries(expected).every(([name, text]) => {
                    const output = form.querySelector(`output[name='${name}']`);
                    return output !== null
                        && output.textContent.split(/\\s+/).filter(Boolean).join(" ") === text;
                });
            }""",
            arg=[form_selector(calculator_id), expected],
            timeout=RESULT_TIMEOUT_MS,
            polling=200,
        )
    shown = {
        name: _normalise(text)
        for name, text in outputs_on_screen(page, calculator_id).items()
        if name in expected
    }
    assert shown == expected
