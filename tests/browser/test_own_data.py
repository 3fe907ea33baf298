"""The reader's own data, used in Chromium the way a reader with a spreadsheet uses it.

A survey export or a customer list is pasted, or chosen as a file (Norwegian Excel's CSV:
Windows-1252 and ";"), the results are CPython's for the same bytes, unreadable lines are
listed, a big file never freezes the page, the data reaches no request and no storage, and
the downloaded table opens as the CSV Norwegian Excel expects.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from calculators import CATALOGUE, evaluate
from calculators.export import table_csv
from tests.browser.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT
from tests.browser.helpers import (
    WCAG_21_AA,
    WORKER_PROBE,
    calculator_pages,
    form_selector,
    in_both_palettes,
    navigate_instantly,
    outputs_on_screen,
    run_axe,
    set_field,
    wait_until_calculators_ready,
)
from tests.workbooks import xlsx

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from playwright.sync_api import Locator, Page

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
#: A line a reader would recognise as theirs: it must never reach a request or storage.
MARKER = "Fjordbris Handelslag AS"


def data_field_of(calculator_id: str) -> str:
    (field,) = [f.name for f in CATALOGUE[calculator_id].fields if f.unit == "data"]
    return field


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


def norwegian_excel_file(folder: Path) -> tuple[Path, bytes]:
    """An NPS export as Norwegian Excel writes it: Windows-1252, ";", CRLF, dd.mm.yyyy."""
    lines = ["Tidspunkt;Kunde;Hvor sannsynlig er det at du vil anbefale oss?;Kommentar"]
    rng = random.Random(7)
    for number in range(400):
        day, month = rng.randint(1, 28), rng.randint(1, 6)
        comment = rng.choice(["Rask levering", "Dyrt; men godt", "Bra på Ålesund-ruta", ""])
        answer = str(rng.randint(0, 10)) if number != 17 else "vet ikke"
        lines.append(f'{day:02d}.{month:02d}.2025;Kunde {number};{answer};"{comment}"')
    data = ("\r\n".join(lines) + "\r\n").encode("cp1252")
    path = folder / "nps-eksport.csv"
    path.write_bytes(data)
    return path, data


def test_a_norwegian_excel_file_is_read_as_bytes_and_never_leaves_the_browser(
    new_page: NewPage, site_url: str, built_site: BuiltSite, tmp_path: Path
) -> None:
    path, data = norwegian_excel_file(tmp_path)
    page, _ = new_page(viewport=DESKTOP_VIEWPORT)
    sent: list[str] = []
    page.context.on(
        "request",
        lambda request: sent.append(f"{request.url} {request.post_data or ''}"),
    )
    url = f"{site_url}{calculator_pages(built_site)['nps_survey']}/"
    page.goto(url)
    wait_until_calculators_ready(page)
    form = page.locator(form_selector("nps_survey"))
    analysed_after(form, lambda: form.locator("input[type='file']").set_input_files(path))
    shown_matches_cpython(page, "nps_survey", data)
    expect(form.locator(".calculator-data-file-status")).to_contain_text("nps-eksport.csv")
    # The file went to the worker as bytes: the textarea stayed empty.
    expect(form.locator("textarea")).to_have_value("")
    # Sharing: the link says nothing of the data, and the page says so.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    form.locator("[data-action='share']").click()
    expect(form.locator(".calculator-status")).to_contain_text("Dataene dine er ikke med")
    link = page.evaluate("navigator.clipboard.readText()")
    assert "Kunde" not in link
    assert "answers=" not in link
    page.reload()
    wait_until_calculators_ready(page)
    storage = page.evaluate(
        """async () => {
            const caches_ = [];
            for (const name of await caches.keys()) {
                for (const request of await (await caches.open(name)).keys()) {
                    caches_.push(request.url);
                }
            }
            const databases = indexedDB.databases ? await indexedDB.databases() : [];
            return {
                local: JSON.stringify({ ...localStorage }),
                session: JSON.stringify({ ...sessionStorage }),
                caches: caches_,
                databases: databases.map((db) => db.name),
            };
        }"""
    )
    for needle in ("Kunde 1", "Rask levering", "nps-eksport"):
        assert [line for line in sent if needle.replace(" ", "+") in line or needle in line] == []
        assert needle not in storage["local"] + storage["session"]
    assert storage["databases"] == []
    assert not any("nps-eksport" in url or "answers" in url for url in storage["caches"])


def picked(page: Page, site_url: str, built_site: BuiltSite, path: Path) -> tuple[Page, Locator]:
    """Open the customer-list calculator and pick ``path`` as its table, as a reader does."""
    page.goto(f"{site_url}{calculator_pages(built_site)['cohort_retention']}/")
    wait_until_calculators_ready(page)
    form = page.locator(form_selector("cohort_retention"))
    analysed_after(form, lambda: form.locator("input[type='file']").set_input_files(path))
    return page, form


def test_a_customer_list_saved_as_an_excel_workbook_gives_cpythons_cohorts(
    new_page: NewPage, site_url: str, built_site: BuiltSite, tmp_path: Path
) -> None:
    # A CRM export opened and saved in Excel: its dates are numbers formatted as dates. The
    # first sheet is read as its copied cells would be.
    rng = random.Random(11)
    rows: list[list[object]] = [["Kundenr", "Kunde siden", "Sluttet"]]
    for number in range(60):
        start = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 700))
        end = start + dt.timedelta(days=rng.randint(30, 500)) if rng.random() < 0.4 else None
        rows.append([f"K-{1000 + number}", start, end])
    data = xlsx(rows, formats={"B": "dd.mm.yyyy", "C": "dd.mm.yyyy"})
    path = tmp_path / "kundeliste.xlsx"
    path.write_bytes(data)
    page, form = picked(new_page(viewport=DESKTOP_VIEWPORT)[0], site_url, built_site, path)
    shown_matches_cpython(page, "cohort_retention", data)
    expect(form.locator(".calculator-data-file-status")).to_contain_text("kundeliste.xlsx")
    expect(form.locator(".calculator-data-summary")).to_contain_text("Av 60 rader")


def test_a_customer_list_file_gives_the_cohorts_and_a_link_to_lifetime_value(
    new_page: NewPage, site_url: str, built_site: BuiltSite, tmp_path: Path
) -> None:
    lines = ["Kunde;Startdato;Sluttdato"]
    rng = random.Random(3)
    for number in range(300):
        start = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2023"
        end = (
            "" if rng.random() < 0.6 else f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2025"
        )
        lines.append(f"{MARKER if number == 5 else number};{start};{end}")
    data = ("\r\n".join(lines) + "\r\n").encode("cp1252")
    path = tmp_path / "kunder.csv"
    path.write_bytes(data)
    page, form = picked(new_page(viewport=PHONE_VIEWPORT)[0], site_url, built_site, path)
    shown_matches_cpython(page, "cohort_retention", data)
    link = page.locator(".calculator-data-links a").first
    expect(link).to_be_visible()
    expected = evaluate("cohort_retention", {"customers": data})["data"]["customers"]["links"][0]
    assert link.get_attribute("href", timeout=5000).endswith(expected["href"])
    # "Tøm" empties the field and the data with it.
    form.locator("[data-action='clear-data']").click()
    expect(form.locator(".calculator-data-file-status")).to_have_text("")
    expect(form.locator(".calculator-error[data-field='customers']")).to_be_visible()


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
LONG_TASK_MS = 100
#: What a main-thread task is called in the trace, by Chromium version.
TASKS = ("RunTask", "ThreadControllerImpl::RunTask")


def main_thread_task_cpu_ms(events: list[dict[str, Any]]) -> list[float]:
    """The CPU time, in ms, of every task on the page's main thread in a Chromium trace."""
    names = {
        (e["pid"], e["tid"]): e.get("args", {}).get("name")
        for e in events
        if e.get("name") == "thread_name"
    }
    tasks = [e for e in events if e.get("name") in TASKS and e.get("ph") == "X"]

    def busy(thread: tuple[int, int]) -> int:
        return sum(1 for e in tasks if (e["pid"], e["tid"]) == thread)

    main = max((t for t, name in names.items() if name == "CrRendererMain"), key=busy)
    return [e.get("tdur", e["dur"]) / 1000 for e in tasks if (e["pid"], e["tid"]) == main]


def test_a_big_file_is_analysed_without_freezing_the_page(
    new_page: NewPage, site_url: str, built_site: BuiltSite, tmp_path: Path
) -> None:
    out = io.StringIO()
    out.write("Dato;Svar\r\n")
    rng = random.Random(11)
    for _ in range(100_000):
        out.write(
            f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2025;{rng.randint(0, 10)}\r\n"
        )
    path = tmp_path / "stor.csv"
    path.write_text(out.getvalue(), encoding="cp1252")
    page, _ = new_page(viewport=DESKTOP_VIEWPORT)
    page.goto(f"{site_url}{calculator_pages(built_site)['nps_survey']}/")
    wait_until_calculators_ready(page)
    form = page.locator(form_selector("nps_survey"))
    # The main thread's tasks in CPU time, from Chromium's trace: a long task's wall time
    # also counts whatever else the machine runs (the other test worker, the Python worker).
    browser = page.context.browser
    assert browser is not None
    browser.start_tracing(page=page, categories=["toplevel", "devtools.timeline"])
    try:
        form.locator("input[type='file']").set_input_files(path)
        expect(form.locator("output[name='respondents']")).to_have_text(
            "100\u00a0000", timeout=60_000
        )
    finally:
        trace = json.loads(browser.stop_tracing())
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    tasks = main_thread_task_cpu_ms(events)
    assert tasks, "no main-thread tasks in the trace"
    assert [ms for ms in tasks if ms > LONG_TASK_MS] == []


def test_a_file_over_50_mb_gets_a_clear_message(
    new_page: NewPage, site_url: str, built_site: BuiltSite, tmp_path: Path
) -> None:
    path = tmp_path / "for-stor.csv"
    with path.open("wb") as big:
        big.truncate(51 * 1024 * 1024)
    page, _ = new_page(viewport=DESKTOP_VIEWPORT)
    page.goto(f"{site_url}{calculator_pages(built_site)['nps_survey']}/")
    wait_until_calculators_ready(page)
    form = page.locator(form_selector("nps_survey"))
    form.locator("input[type='file']").set_input_files(path)
    expect(form.locator(".calculator-data-file-status")).to_contain_text("opptil 50 MB")


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
