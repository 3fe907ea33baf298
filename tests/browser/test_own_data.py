"""The reader's own data, pasted in Chromium the way a reader with a spreadsheet does it.

A survey export or a customer list is pasted, the results are CPython's for the same text,
unreadable lines are listed, the sample follows the columns a choice asks for, the
downloaded table opens as the CSV Norwegian Excel expects, and axe finds nothing in the
forms. Files picked as a reader picks them: ``test_own_data_files``.
"""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from calculators import CATALOGUE, evaluate
from calculators.export import table_csv
from tests.browser.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT
from tests.browser.data_forms import analysed_after, data_field_of, shown_matches_cpython
from tests.browser.helpers import (
    WCAG_21_AA,
    WORKER_PROBE,
    calculator_pages,
    form_selector,
    in_both_palettes,
    navigate_instantly,
    run_axe,
    set_field,
    wait_until_calculators_ready,
)

if TYPE_CHECKING:
    from tests.browser.conftest import NewPage
    from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser
# Made-up data, made the same way every run (no secret in it).
# ruff: noqa: S311

#: What a reader pastes into each analysis: cells copied from a spreadsheet (tabs).
PASTED = {
    "nps_survey": "Dato\tKunde\tHvor sannsynlig er det at du vil anbefale oss?\n"
    "03.01.2025\tA\t9\n04.01.2025\tB\t10\n05.01.2025\tC\t3\n"
    "06.02.2025\tD\tti\n07.02.2025\tE\t8\n08.02.2025\tF\t6\n",
    "csat_survey": "Svar\n5\n4\n4\n3\n1\n\n5\nfem\n",
    "relationship_survey": None,  # built from the calculator's own sample's header below
    "cohort_retention": "Kundenr;Start;Slutt\n1;01.01.2024;\n2;15.01.2024;01.04.2024\n"
    "3;01.02.2024;\n4;01.03.2024;31.02.2024\n5;01.04.2024;01.10.2024\n6;01.05.2024;\n",
}


def pasted(calculator_id: str) -> str:
    text = PASTED[calculator_id]
    if text is not None:
        return text
    # The team's scores: the sample's own header (dimension labels), three raters.
    sample = str(CATALOGUE[calculator_id].field(data_field_of(calculator_id)).default)
    header = sample.splitlines()[0]
    columns = header.count(";") + 1
    rows = [
        ";".join(str(random.Random(n * 7 + c).randint(1, 7)) for c in range(columns))
        for n in range(3)
    ]
    return "\n".join([header, *rows, ";".join(["x"] * columns)]) + "\n"


@pytest.mark.parametrize("calculator_id", list(PASTED))
def test_pasted_cells_give_cpythons_results_and_list_the_unreadable_lines(
    new_page: NewPage, site_url: str, built_site: BuiltSite, calculator_id: str
) -> None:
    page, _ = new_page(viewport=DESKTOP_VIEWPORT)
    page.goto(f"{site_url}{calculator_pages(built_site)[calculator_id]}/")
    wait_until_calculators_ready(page)
    form = page.locator(form_selector(calculator_id))
    text = pasted(calculator_id)
    analysed_after(form, lambda: form.locator("textarea").fill(text))
    shown_matches_cpython(page, calculator_id, text)
    # The note that the field holds made-up data goes once it holds the reader's.
    expect(form.locator(".calculator-data-sample")).to_be_hidden()


def test_leaving_the_table_computes_at_once_and_only_once(
    new_page: NewPage, site_url: str, built_site: BuiltSite
) -> None:
    # Typing in a table waits for a pause before it computes; a reader who pastes and moves
    # on with Tab need not wait, and the pause that comes later computes nothing more.
    page, _ = new_page(viewport=DESKTOP_VIEWPORT)
    page.add_init_script(WORKER_PROBE)
    page.goto(f"{site_url}{calculator_pages(built_site)['nps_survey']}/")
    wait_until_calculators_ready(page)
    form = page.locator(form_selector("nps_survey"))
    page.wait_for_function("() => window.__computeRequests === window.__computeResults")
    before = page.evaluate("window.__computeRequests")
    text = pasted("nps_survey")
    form.locator("textarea").fill(text)
    form.locator("textarea").press("Tab")
    # The change event asked at once: well inside the 400 ms pause.
    assert page.evaluate("window.__computeRequests") == before + 1
    page.wait_for_function("() => window.__computeRequests === window.__computeResults")
    shown_matches_cpython(page, "nps_survey", text)
    page.wait_for_timeout(800)  # past the pause: its timer was cleared
    assert page.evaluate("[window.__computeRequests, window.__computeResults]") == [
        before + 1,
        before + 1,
    ]


def test_the_sample_follows_the_chosen_columns_but_the_readers_table_stays(
    new_page: NewPage, site_url: str, built_site: BuiltSite
) -> None:
    # The team's scores: which columns the table needs depends on the model chosen. While
    # the field holds the made-up sample, another model brings its own sample, and so does a
    # link that carries the model; a table the reader pasted is never replaced.
    calculator_id = "relationship_survey"
    samples = dict(CATALOGUE[calculator_id].field("answers").samples)
    address = f"{site_url}{calculator_pages(built_site)[calculator_id]}/"
    page, _ = new_page(viewport=DESKTOP_VIEWPORT)
    page.goto(address)
    wait_until_calculators_ready(page)
    form = page.locator(form_selector(calculator_id))
    textarea, model = form.locator("textarea"), form.locator("select[name='model']")
    error = form.locator(".calculator-error[data-field='answers']")
    for chosen in ("relationship_focus", "relationship_importance", "relationship_flower"):
        analysed_after(form, lambda chosen=chosen: model.select_option(chosen))
        expect(textarea).to_have_value(samples[chosen])
        shown_matches_cpython(page, calculator_id, samples[chosen], model=chosen)
        expect(form.locator(".calculator-data-sample")).to_be_visible()
        expect(error).to_be_empty()

    text = pasted(calculator_id)  # the flower's columns
    analysed_after(form, lambda: set_field(form, "answers", text))
    model.select_option("relationship_focus")
    expect(error).to_contain_text("«Nøyaktighet»")
    expect(textarea).to_have_value(text)
    expect(form.locator(".calculator-data-sample")).to_be_hidden()
    # The sample button gives the sample for the model chosen.
    analysed_after(form, lambda: form.locator("[data-action='sample-data']").click())
    expect(textarea).to_have_value(samples["relationship_focus"])
    expect(error).to_be_empty()

    linked = page.context.new_page()
    linked.goto(f"{address}#{calculator_id}.model=relationship_focus")
    wait_until_calculators_ready(linked)
    linked_form = linked.locator(form_selector(calculator_id))
    expect(linked_form.locator("textarea")).to_have_value(samples["relationship_focus"])
    expect(linked_form.locator(".calculator-status")).to_contain_text("Oppdatert")
    shown_matches_cpython(
        linked, calculator_id, samples["relationship_focus"], model="relationship_focus"
    )


def test_the_downloaded_table_opens_as_norwegian_excels_csv(
    new_page: NewPage, site_url: str, built_site: BuiltSite
) -> None:
    page, _ = new_page(viewport=DESKTOP_VIEWPORT, accept_downloads=True)
    page.goto(f"{site_url}{calculator_pages(built_site)['nps_survey']}/")
    wait_until_calculators_ready(page)
    form = page.locator(form_selector("nps_survey"))
    expect(form.locator("[data-action='download-table']")).to_be_visible()
    with page.expect_download() as event:
        form.locator("[data-action='download-table']").click()
    download = event.value
    raw = download.path().read_bytes()
    with page.expect_download() as chart_event:
        form.locator("[data-action='download-chart']").click()
    svg = chart_event.value.path().read_text(encoding="utf-8")
    assert download.suggested_filename == "nps_survey.csv"
    # UTF-8 with a BOM, ";" and decimal commas: exactly what CPython's export writes.
    assert raw.startswith("\ufeff".encode())
    assert raw.decode("utf-8") == table_csv(evaluate("nps_survey", {})["table"])
    header, *rows = raw.decode("utf-8-sig").split("\r\n")
    assert ";" in header
    assert rows
    assert not [
        cell for row in rows for cell in row.split(";") if re.fullmatch(r"-?\d+\.\d+", cell)
    ]
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert "<svg" in svg


#: A main-thread task with more CPU time than this keeps the page from answering a tap in
#: time (the bound this test has always used).
@pytest.mark.parametrize("viewport", [PHONE_VIEWPORT, DESKTOP_VIEWPORT], ids=["phone", "desktop"])
def test_axe_finds_nothing_in_the_data_forms(
    new_page: NewPage, site_url: str, built_site: BuiltSite, viewport: dict[str, int]
) -> None:
    page, _ = new_page(viewport=viewport, color_scheme="light")
    pages = calculator_pages(built_site)
    for number, calculator_id in enumerate(PASTED):
        url = f"{site_url}{pages[calculator_id]}/"
        # From one data form to the next by the site's own links: Python starts once.
        if number == 0:
            page.goto(url)
        else:
            navigate_instantly(page, url)
        wait_until_calculators_ready(page)
        form = page.locator(form_selector(calculator_id))
        form.locator(".calculator-data-columns summary").first.click()
        for scheme in in_both_palettes(page):
            violations = run_axe(page, WCAG_21_AA, form_selector(calculator_id))
            assert violations == [], (calculator_id, scheme, violations)
