"""The reader's own data as a file, picked the way a reader with a spreadsheet picks it.

Norwegian Excel's CSV (Windows-1252 and ";") and an Excel workbook give CPython's results
for the same bytes, a file never leaves the browser, a big file never freezes the page, and
one too big gets a clear message.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from calculators import evaluate
from tests.browser.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT
from tests.browser.data_forms import analysed_after, shown_matches_cpython
from tests.browser.helpers import calculator_pages, form_selector, wait_until_calculators_ready
from tests.workbooks import xlsx

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Locator, Page

    from tests.browser.conftest import NewPage
    from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser
# Made-up data, made the same way every run (no secret in it).
# ruff: noqa: S311

#: A line a reader would recognise as theirs: it must never reach a request or storage.
MARKER = "Fjordbris Handelslag AS"


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
