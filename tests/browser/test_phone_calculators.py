"""The calculators on a phone in one hand: buttons for 1–7 answers, charts one can read,
pages that never scroll sideways, scenario A beside B, and the state in the fragment only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from calculators import CATALOGUE, evaluate
from tests.browser.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT
from tests.browser.helpers import (
    WCAG_21_AA,
    calculator_pages,
    current_values,
    form_selector,
    in_both_palettes,
    navigate_instantly,
    page_defaults,
    run_axe,
    set_field,
    wait_until_calculators_ready,
)
from tests.tables import missing_rows

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

    from tests.browser.conftest import PageWatch, WarmPage
    from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser

SMALLEST_CHART_TEXT_PX = 12
SMALLEST_TARGET_PX = 44
# A changed input per calculator, to make scenario B differ from A.
CHANGE = {
    "retention_rate": ("customers_end", "990"),
    "customer_lifetime_value": ("margin_per_period", "1 500"),
    "acquisition_vs_retention": ("churn_rate", "12"),
    "cac_payback": ("monthly_churn", "3"),
    "retention_uplift": ("retention_increase", "8"),
    "nps": ("detractors", "40"),
    "csat": ("score_5", "60"),
    "relationship_flower": ("competence", "6"),
    "relationship_importance": ("trust", "2"),
    "relationship_focus": ("accuracy", "7"),
}

# Every text of every chart in the page: its rendered size in CSS px (computed font size ×
# the SVG's scale) and whether its box lies inside the SVG's own box.
_CHART_TEXTS = """() => [...document.querySelectorAll(".calculator-chart-image svg")]
    .flatMap((svg) => {
        const box = svg.getBoundingClientRect();
        const scale = box.width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll("text")].map((text) => {
            const own = text.getBoundingClientRect();
            return {
                text: text.textContent,
                px: parseFloat(getComputedStyle(text).fontSize) * scale,
                inside: own.left >= box.left - 0.5 && own.right <= box.right + 0.5
                     && own.top >= box.top - 0.5 && own.bottom <= box.bottom + 0.5,
            };
        });
    })"""


def _open(page: Page, url: str, *, first: bool) -> None:
    if first:
        page.goto(url)
    else:
        navigate_instantly(page, url)
    wait_until_calculators_ready(page)


def _open_calculator(
    page: Page, built_site: BuiltSite, site_url: str, calculator_id: str
) -> Locator:
    """Open the calculator's page (the warm context may copy share links) once Python is ready."""
    page.goto(f"{site_url}{calculator_pages(built_site)[calculator_id]}/")
    wait_until_calculators_ready(page)
    return page.locator(form_selector(calculator_id))


def test_every_calculator_with_a_comparison_has_an_input_to_change() -> None:
    comparable = [calculator_id for calculator_id in CATALOGUE if _comparable(calculator_id)]
    assert set(CHANGE) == set(comparable), missing_rows(
        CHANGE,
        comparable,
        where="CHANGE i tests/browser/test_phone_calculators.py",
        row="et felt og en ny verdi for det, som endrer resultatet i sammenligningen",
    )


def _comparable(calculator_id: str) -> bool:
    """Whether the calculator offers "Sammenlign" (not for the reader's own data)."""
    return all(field.unit != "data" for field in CATALOGUE[calculator_id].fields)


def _compare(page: Page, calculator_id: str) -> None:
    """Press "Sammenlign", change one input, and wait for the comparison."""
    form = page.locator(form_selector(calculator_id))
    form.locator("[data-action='compare']").click()
    name, value = CHANGE[calculator_id]
    set_field(form, name, value)
    expect(form.locator(".calculator-comparison tbody tr").first).to_be_visible()
    expect(form.locator(".calculator-status")).to_contain_text("endring")


@pytest.mark.parametrize("viewport", [PHONE_VIEWPORT, DESKTOP_VIEWPORT], ids=["phone", "laptop"])
def test_chart_text_is_readable_and_no_page_scrolls_sideways(
    warm_page: WarmPage, built_site: BuiltSite, site_url: str, viewport: dict[str, int]
) -> None:
    pages = calculator_pages(built_site)
    page, _ = warm_page(viewport)
    small: list[str] = []
    outside: list[str] = []
    too_wide: dict[str, int] = {}
    for number, (calculator_id, path) in enumerate(sorted(pages.items())):
        _open(page, f"{site_url}{path}/", first=number == 0)
        # The live charts, drawn by Pyodide for the page's values, then in compare mode
        # (a calculator of the reader's own data has none).
        for state in ("live", "comparing") if _comparable(calculator_id) else ("live",):
            if state == "comparing":
                _compare(page, calculator_id)
            texts: list[dict[str, Any]] = page.evaluate(_CHART_TEXTS)
            small += [
                f"{calculator_id}/{state}: {t['text']!r} {t['px']:.1f}px"
                for t in texts
                if t["px"] < SMALLEST_CHART_TEXT_PX
            ]
            outside += [f"{calculator_id}/{state}: {t['text']!r}" for t in texts if not t["inside"]]
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"]:
                too_wide[f"{calculator_id}/{state}"] = width
    assert small == []
    assert outside == []
    assert too_wide == {}


def test_a_scale_works_with_the_keyboard_and_thumbs_and_travels_in_the_link(
    phone: tuple[Page, PageWatch], built_site: BuiltSite, site_url: str
) -> None:
    calculator_id = "relationship_flower"
    page, _ = phone
    form = _open_calculator(page, built_site, site_url, calculator_id)

    # Each answer's label is a target of at least 44 × 44 CSS px, and the ends are named.
    boxes = form.locator(".calculator-scale-options label").evaluate_all(
        "(labels) => labels.map((l) => [l.getBoundingClientRect().width, "
        "l.getBoundingClientRect().height])"
    )
    assert len(boxes) == 7 * len(CATALOGUE[calculator_id].fields)
    assert min(min(width, height) for width, height in boxes) >= SMALLEST_TARGET_PX - 0.5
    group = form.locator("fieldset.calculator-scale").first
    expect(group.locator("legend")).to_have_text("Sosial kompetanse")
    expect(group.locator("input[value='1']")).to_have_accessible_name("1 svært dårlig")
    expect(group.locator("input[value='7']")).to_have_accessible_name("7 svært godt")

    # The keyboard alone: Tab reaches the group's checked answer, arrows move within it.
    first_answer = group.locator("input[value='4']")
    first_answer.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(group.locator("input[value='6']")).to_be_checked()
    expect(group.locator("input[value='6']")).to_be_focused()
    page.keyboard.press("Tab")
    expect(form.locator("input[name='social_competence_importance'][value='4']")).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expected = evaluate(
        calculator_id, {"social_competence": "6", "social_competence_importance": "3"}
    )
    expect(form.locator("output[name='index']")).to_have_text(expected["display"]["index"])
    assert current_values(page, calculator_id)["social_competence"] == "6"

    # A thumb: tapping a label picks its answer.
    set_field(form, "competence", "2")
    expect(form.locator("input[name='competence'][value='2']")).to_be_checked()

    # The address keeps the answers, in the fragment; scrolling does not take them away.
    page.wait_for_function("() => location.hash.includes('relationship_flower.competence=2')")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    assert "relationship_flower.social_competence=6" in page.evaluate("location.hash")

    form.locator("[data-action='share']").click()
    shared = page.evaluate("navigator.clipboard.readText()")
    second = page.context.new_page()
    second.goto(shared)
    wait_until_calculators_ready(second)
    kept = current_values(second, calculator_id)
    assert (kept["social_competence"], kept["social_competence_importance"]) == ("6", "3")
    assert kept["competence"] == "2"


def _comparison_rows(page: Page, calculator_id: str) -> list[list[str]]:
    rows: list[list[str]] = page.locator(
        f"{form_selector(calculator_id)} .calculator-comparison tbody tr:has(td + td)"
    ).evaluate_all("(rows) => rows.map((row) => [...row.cells].map((c) => c.textContent))")
    return rows


def _expected_rows(calculator_id: str, a: dict[str, str], b: dict[str, str]) -> list[list[str]]:
    result = evaluate(calculator_id, b, baseline=a)
    comparison = result["comparison"]
    assert comparison is not None
    return [
        [
            o.label,
            comparison["display"][o.name],
            result["display"][o.name],
            comparison["differences"][o.name],
        ]
        for o in CATALOGUE[calculator_id].outputs
        if not o.shown_in_table
    ]


def test_compare_shows_a_beside_b_with_the_differences_and_survives_a_share_link(
    desktop: tuple[Page, PageWatch], built_site: BuiltSite, site_url: str
) -> None:
    calculator_id = "customer_lifetime_value"
    page, _ = desktop
    form = _open_calculator(page, built_site, site_url, calculator_id)
    compare = form.locator("[data-action='compare']")
    expect(compare).to_have_attribute("aria-pressed", "false")
    a = page_defaults(page, calculator_id)

    compare.click()
    expect(compare).to_have_attribute("aria-pressed", "true")
    expect(form.locator(".calculator-status")).to_have_text(
        "Tallene er lagret som A. Endre tallene for å se forskjellen."
    )
    set_field(form, "margin_per_period", "1 500")
    set_field(form, "retention_rate", "70")
    b = {**a, "margin_per_period": "1 500", "retention_rate": "70"}
    expected = _expected_rows(calculator_id, a, b)
    page.wait_for_function(
        """([selector, rows]) => JSON.stringify([...document.querySelector(selector)
            .querySelectorAll(".calculator-comparison tbody tr")].filter((r) => r.cells.length > 1)
            .map((r) => [...r.cells].map((c) => c.textContent))) === JSON.stringify(rows)""",
        arg=[form_selector(calculator_id), expected],
    )
    expect(form.locator(".calculator-comparison-note")).to_contain_text(
        "Dekningsbidrag per kunde per periode"
    )
    # Nothing from either scenario left the fragment.
    page.wait_for_function("() => location.hash.includes('.a.margin_per_period=1000')")
    assert page.evaluate("location.search") == ""

    form.locator("[data-action='share']").click()
    shared = page.evaluate("navigator.clipboard.readText()")
    second = page.context.new_page()
    second.goto(shared)
    wait_until_calculators_ready(second)
    second_form = second.locator(form_selector(calculator_id))
    expect(second_form.locator("[data-action='compare']")).to_have_attribute("aria-pressed", "true")
    expect(second_form.locator(".calculator-comparison tbody tr").first).to_be_visible()
    assert _comparison_rows(second, calculator_id) == expected
    second.close()

    # Reset ends the comparison and clears it from the address.
    form.locator("button[type='reset']").click()
    expect(compare).to_have_attribute("aria-pressed", "false")
    expect(form.locator(".calculator-comparison")).to_be_hidden()
    page.wait_for_function("() => !location.hash.includes('.a.')")


def test_axe_finds_nothing_in_compare_mode_on_any_calculator_page(
    phone: tuple[Page, PageWatch], built_site: BuiltSite, site_url: str
) -> None:
    pages = calculator_pages(built_site)
    page, _ = phone
    page.emulate_media(color_scheme="light")
    failures: dict[str, list[str]] = {}
    comparable = sorted((i, path) for i, path in pages.items() if _comparable(i))
    for number, (calculator_id, path) in enumerate(comparable):
        _open(page, f"{site_url}{path}/", first=number == 0)
        _compare(page, calculator_id)
        form = page.locator(form_selector(calculator_id))
        form.locator(".calculator-worked summary").click()
        for scheme in in_both_palettes(page):
            violations = run_axe(page, WCAG_21_AA, form_selector(calculator_id))
            if violations:
                failures[f"{calculator_id} ({scheme})"] = [
                    f"{v['id']}: {v['nodes'][:3]}" for v in violations
                ]
    assert failures == {}
