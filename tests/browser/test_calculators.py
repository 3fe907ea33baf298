"""Every calculator, driven in Chromium the way a visitor uses it.

Expected texts come from CPython's ``calculators.evaluate`` on the same inputs: the browser
must show exactly what the build-time Python shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

import pytest
from playwright.sync_api import Page, expect

from calculators import CATALOGUE, evaluate
from tests.browser.helpers import READY_TIMEOUT_MS, calculator_pages, field_selector, set_field
from tests.tables import missing_rows

if TYPE_CHECKING:
    from collections.abc import Mapping

    from tests.browser.conftest import PageWatch
    from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser

SVG = "http://www.w3.org/2000/svg"
BROKEN_TEXT = ("NaN", "Infinity", "undefined", "null", "Traceback")

#: The four focus areas as the form names them: a team's export has them as headers.
FOCUS_LABELS = [
    field.label
    for field in CATALOGUE["relationship_focus"].fields
    if field.scale_ends is not None and not field.name.endswith("_importance")
]

# What a visitor might type, in Norwegian formats; every case must be valid input.
TYPED: Mapping[str, Mapping[str, str]] = {
    "retention_rate": {
        "customers_start": "2 000",
        "customers_end": "1 900",
        "new_customers": "300",
    },
    "customer_lifetime_value": {
        "margin_per_period": "1 500 kr",
        "retention_rate": "85 %",
        "discount_rate": "8,5",
        "horizon_periods": "10",
    },
    "acquisition_vs_retention": {
        "customers": "1 200",
        "churn_rate": "12,5 %",
        "acquisition_cost": "6 000 kr",
        "retention_cost": "800",
    },
    "cac_payback": {
        "sales_marketing_cost": "750 000",
        "new_customers": "150",
        "monthly_revenue_per_customer": "1 200,50",
        "gross_margin": "70 %",
        "monthly_churn": "1.5",
    },
    "retention_uplift": {
        "customers": "5 000",
        "margin_per_period": "2 500",
        "retention_rate": "70",
        "retention_increase": "5",
        "discount_rate": "10 %",
    },
    "nps": {"promoters": "120", "passives": "60", "detractors": "20"},
    "csat": {"score_1": "8", "score_2": "12", "score_3": "20", "score_4": "35", "score_5": "25"},
    "relationship_flower": {
        "social_competence": "6",
        "competence": "2",
        "competence_importance": "7",
    },
    "relationship_importance": {"trust": "2", "trust_importance": "7", "openness": "6"},
    "relationship_focus": {"accuracy": "6", "availability": "3", "advice_importance": "6"},
    # The reader's own data: cells pasted from a spreadsheet, and a choice beside them.
    "nps_survey": {
        "answers": "Dato\tAnbefale\n03.01.2025\t9\n04.01.2025\t10\n05.02.2025\t3\n"
        "06.02.2025\tti\n07.03.2025\t8\n",
        "period": "month",
    },
    "csat_survey": {"answers": "Fornøyd\n5\n4\n4\n3\n\n1\n5\n"},
    "relationship_survey": {
        "model": "relationship_focus",
        "answers": "\t".join(FOCUS_LABELS) + "\n6\t3\t4\t5\n5\t4\t4\t6\n7\t2\t5\t5\n",
    },
    "cohort_retention": {
        "customers": "Kunde;Start;Slutt\n1;01.01.2024;\n2;15.01.2024;01.04.2024\n"
        "3;01.02.2024;\n4;01.03.2024;01.05.2024\n5;01.04.2024;\n",
        "period": "month",
        "as_of": "30.06.2024",
    },
}


@pytest.fixture(scope="module")
def pages(built_site: BuiltSite) -> dict[str, str]:
    return calculator_pages(built_site)


def test_every_calculator_has_a_page(pages: dict[str, str]) -> None:
    assert set(pages) == set(CATALOGUE), missing_rows(
        pages, CATALOGUE, where="docs/kalkulatorer/", row="en side med /// calculator | id"
    )
    assert set(TYPED) == set(CATALOGUE), missing_rows(
        TYPED,
        CATALOGUE,
        where="TYPED i tests/browser/test_calculators.py",
        row="gyldige verdier en leser skriver i feltene, på norsk (for eksempel «1 500 kr»)",
    )


def form_of(_page: Page, calculator_id: str) -> str:
    return f"form.calculator[data-calculator='{calculator_id}']"


def wait_until_ready(page: Page, calculator_id: str) -> None:
    expect(page.locator(form_of(page, calculator_id)).first).to_have_attribute(
        "data-state", "ready", timeout=READY_TIMEOUT_MS
    )


def wait_for_outputs(page: Page, calculator_id: str, display: Mapping[str, str]) -> None:
    """Wait until every output shows exactly the expected text (NBSP and U+2212 included).

    Outputs the form shows as a column of its table have no ``<output>`` of their own.
    """
    shown = {o.name for o in CATALOGUE[calculator_id].outputs if not o.shown_in_table}
    display = {name: text for name, text in display.items() if name in shown}
    page.wait_for_function(
        """([selector, expected]) => {
            const form = document.querySelector(selector);
            return Object.entries(expected).every(([name, text]) =>
                form.querySelector(`output[name="${name}"]`).textContent === text);
        }""",
        arg=[form_of(page, calculator_id), dict(display)],
        timeout=10_000,
    )


def screen_text(page: Page, calculator_id: str) -> str:
    return page.locator(form_of(page, calculator_id)).first.inner_text()


def fill(page: Page, calculator_id: str, values: Mapping[str, str]) -> None:
    form = page.locator(form_of(page, calculator_id)).first
    for name, value in values.items():
        set_field(form, name, value)


def steps_on_screen(page: Page, calculator_id: str) -> list[str]:
    return page.locator(f"{form_of(page, calculator_id)} .calculator-steps li").all_text_contents()


def check_bad_input(page: Page, calculator_id: str, name: str, typed: Mapping[str, str]) -> None:
    """Type a word into a number field: a Norwegian message beside it, nothing broken."""
    fill(page, calculator_id, {name: "tja"})
    form = form_of(page, calculator_id)
    error = page.locator(f"{form} .calculator-error[data-field='{name}']")
    wrong = evaluate(calculator_id, {**typed, name: "tja"})
    expect(error).to_have_text(wrong["errors"][name])
    expect(page.locator(f"{form} {field_selector(name)}")).to_have_attribute("aria-invalid", "true")
    text = screen_text(page, calculator_id)
    assert not [word for word in BROKEN_TEXT if word in text]


@pytest.mark.parametrize("calculator_id", list(CATALOGUE))
def test_calculator_computes_like_cpython(
    desktop: tuple[Page, PageWatch], site_url: str, pages: dict[str, str], calculator_id: str
) -> None:
    calculator = CATALOGUE[calculator_id]
    # The warm context may copy to the clipboard.
    page, _ = desktop
    page.goto(site_url + pages[calculator_id] + "/")
    defaults = evaluate(calculator_id, {})
    # Build-time results are there before Python runs.
    wait_for_outputs(page, calculator_id, defaults["display"])
    wait_until_ready(page, calculator_id)

    typed = TYPED[calculator_id]
    expected = evaluate(calculator_id, typed)
    assert expected["errors"] == {}, "the typed case must be valid"
    fill(page, calculator_id, typed)
    wait_for_outputs(page, calculator_id, expected["display"])
    # "Slik regnet vi det" works with the typed numbers, exactly as CPython writes them.
    assert steps_on_screen(page, calculator_id) == expected["steps"]
    if expected["svg"]:
        chart = page.locator(f"{form_of(page, calculator_id)} .calculator-chart-image svg")
        # The browser re-serialises SVG differently; its text alternative carries the numbers.
        chart_tree = ET.fromstring(expected["svg"])  # noqa: S314 - our own build output
        expected_desc = chart_tree.find(f"{{{SVG}}}desc")
        assert expected_desc is not None
        assert chart.locator("desc").text_content() == expected_desc.text

    # The address's fragment now carries the inputs, never its query string (the host would
    # see that) and never the reader's own data; the share button copies a link that
    # reproduces the rest (whoever opens it sees the page's sample data).
    data = [f.name for f in calculator.fields if f.unit == "data"]
    shareable = {name: value for name, value in typed.items() if name not in data}
    if shareable:
        page.wait_for_function(
            "(id) => location.hash.includes(`${id}.`)", arg=calculator_id, timeout=5_000
        )
    assert page.evaluate("location.search") == ""
    page.locator(f"{form_of(page, calculator_id)} [data-action='share']").click()
    shared = page.evaluate("navigator.clipboard.readText()")
    assert (f"#{calculator_id}." in shared) == bool(shareable)
    assert "?" not in shared
    assert [name for name in data if f"{calculator_id}.{name}" in shared] == []
    reproduced = expected if not data else evaluate(calculator_id, shareable)
    second = page.context.new_page()
    second.goto(shared)
    wait_until_ready(second, calculator_id)
    if reproduced["errors"]:
        # The shared choices may not fit the sample data (another model's columns): the
        # recipient is told so beside the field, as if they had typed it.
        for name, message in reproduced["errors"].items():
            expect(
                second.locator(
                    f"{form_of(second, calculator_id)} .calculator-error[data-field='{name}']"
                )
            ).to_have_text(message)
    else:
        wait_for_outputs(second, calculator_id, reproduced["display"])
        assert steps_on_screen(second, calculator_id) == reproduced["steps"]
    second.close()

    # Bad input: a Norwegian message beside the field, the last good results stay. (A 1–7
    # answer is a row of buttons: nothing to mistype.)
    typed_fields = [f for f in calculator.fields if f.unit != "choice" and f.scale_ends is None]
    if typed_fields:
        check_bad_input(page, calculator_id, typed_fields[0].name, typed)
        wait_for_outputs(page, calculator_id, expected["display"])

    # Reset brings back the page's defaults and their results.
    page.locator(f"{form_of(page, calculator_id)} button[type='reset']").click()
    wait_for_outputs(page, calculator_id, defaults["display"])
    expect(page.locator(f"{form_of(page, calculator_id)} .calculator-error:visible")).to_have_count(
        0
    )


def test_instant_navigation_between_calculator_pages_keeps_working(
    desktop: tuple[Page, PageWatch], site_url: str, pages: dict[str, str]
) -> None:
    page, _ = desktop
    page.goto(site_url + pages["nps"] + "/")
    wait_until_ready(page, "nps")
    # Follow the navigation link: Material swaps the content without a full page load.
    page.evaluate("window.__sameDocument = true")
    page.locator(f"nav.md-nav--primary a[href$='{Path(pages['csat']).name}/']").first.click()
    wait_until_ready(page, "csat")
    assert page.evaluate("window.__sameDocument") is True, "expected instant navigation"
    typed = {"score_5": "100"}
    fill(page, "csat", typed)
    wait_for_outputs(page, "csat", evaluate("csat", typed)["display"])
    page.go_back()
    wait_until_ready(page, "nps")
    fill(page, "nps", {"detractors": "0"})
    wait_for_outputs(page, "nps", evaluate("nps", {"detractors": "0"})["display"])


def test_two_calculators_on_one_page_work_independently(
    desktop: tuple[Page, PageWatch], site_url: str, built_site: BuiltSite
) -> None:
    page_path = next(
        html.parent.relative_to(built_site.directory).as_posix()
        for html in sorted(built_site.directory.rglob("index.html"))
        if html.read_text(encoding="utf-8").count('class="calculator"') >= 2
    )
    page, _ = desktop
    page.goto(site_url + page_path + "/")
    forms = page.locator("form.calculator")
    ids = [forms.nth(i).get_attribute("data-calculator") or "" for i in range(forms.count())]
    assert len(ids) >= 2
    for calculator_id in ids:
        wait_until_ready(page, calculator_id)
    first, second = ids[0], ids[1]
    typed = TYPED[first]
    fill(page, first, typed)
    wait_for_outputs(page, first, evaluate(first, typed)["display"])
    if second != first:
        wait_for_outputs(page, second, evaluate(second, {})["display"])
