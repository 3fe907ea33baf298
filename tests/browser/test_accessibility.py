"""Everyone can use the site: WCAG 2.1 AA by axe-core, the keyboard, screen readers, motion.

axe-core comes from npm (``node_modules/axe-core``). It checks every built page in both
palettes at both viewport sizes, after the calculators have Python behind them.
"""

from __future__ import annotations

import logging
import re
import time
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, expect

from calculators import CATALOGUE, evaluate
from tests.browser.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT
from tests.browser.helpers import (
    MATERIAL_SCHEMES,
    WCAG_21_AA,
    calculator_pages,
    expected_display,
    form_selector,
    in_both_palettes,
    navigate_instantly,
    outputs_on_screen,
    page_defaults,
    run_axe,
    site_pages,
    wait_until_calculators_ready,
)

if TYPE_CHECKING:
    from tests.browser.conftest import NewPage, PageWatch, WarmPage
    from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser
LOG = logging.getLogger(__name__)

# How far a caption may reach past its table's region: the table's 1 px border, rounded up.
BORDER_PX = 2
STATUS_INVALID = "Rett feltet som er merket. Resultatene viser siste gyldige beregning."


@pytest.fixture(scope="module")
def pages(built_site: BuiltSite) -> dict[str, str]:
    return calculator_pages(built_site)


def _wcag_and_practice(
    violations: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], set[str]]:
    """Split axe's findings into WCAG 2.1 AA failures and best-practice rule ids."""
    wcag = [v for v in violations if set(v["tags"]) & set(WCAG_21_AA)]
    practice = {v["id"] for v in violations if not set(v["tags"]) & set(WCAG_21_AA)}
    return wcag, practice


@pytest.mark.parametrize("viewport", [DESKTOP_VIEWPORT, PHONE_VIEWPORT], ids=["desktop", "phone"])
def test_axe_finds_no_violations_on_any_page(
    warm_page: WarmPage, built_site: BuiltSite, site_url: str, viewport: dict[str, int]
) -> None:
    # One page per size; pages in turn, as a reader clicks through them, so Python starts
    # once and not on each of the calculator pages. Each page is checked in both palettes.
    page, _ = warm_page(viewport)
    page.emulate_media(color_scheme="light")
    started = time.monotonic()
    failures: dict[str, list[str]] = {}
    practice: dict[str, set[str]] = {}

    def check(where: str) -> None:
        wcag, others = _wcag_and_practice(run_axe(page, (*WCAG_21_AA, "best-practice")))
        if wcag:
            failures[where] = [f"{v['id']}: {v['nodes'][:3]}" for v in wcag]
        for rule in others:
            practice.setdefault(rule, set()).add(where)

    everything = site_pages(built_site)
    for number, site_page in enumerate(everything):
        url = site_url + site_page.path
        if number == 0:
            page.goto(url)
        else:
            navigate_instantly(page, url)
        wait_until_calculators_ready(page)
        assert page.title() == site_page.title
        for scheme in in_both_palettes(page):
            check(f"{site_page.path or '/'} ({scheme})")
    # The 404 page is not in the sitemap: a normal load.
    page.goto(site_url + "404.html")
    for scheme in in_both_palettes(page):
        check(f"404.html ({scheme})")
    LOG.info(
        "axe %dpx: %d pages in both palettes in %.1f s; best-practice, reported only: %s",
        viewport["width"],
        len(everything) + 1,
        time.monotonic() - started,
        ", ".join(f"{rule} ({len(paths)} pages)" for rule, paths in sorted(practice.items())),
    )
    # WCAG 2.1 A and AA must be clean. best-practice goes further (Material's own search
    # dialog has no name, its section <nav>s repeat labels); it is logged, not enforced.
    assert failures == {}


@pytest.mark.parametrize("scheme", list(MATERIAL_SCHEMES))
def test_axe_finds_nothing_in_a_form_showing_errors(
    phone: tuple[Page, PageWatch], site_url: str, pages: dict[str, str], scheme: str
) -> None:
    page, _ = phone
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")
    page.goto(site_url + pages["customer_lifetime_value"] + "/")
    wait_until_calculators_ready(page)
    form = page.locator(form_selector("customer_lifetime_value"))
    form.locator("[name='retention_rate']").fill("tja")
    form.locator("[name='discount_rate']").fill("200")
    expect(form.locator(".calculator-error[data-field='discount_rate']")).to_be_visible()
    expect(form).to_have_class(re.compile(r"calculator--stale"))
    violations = run_axe(page, WCAG_21_AA, form_selector("customer_lifetime_value"))
    assert violations == []


@pytest.mark.parametrize("scheme", list(MATERIAL_SCHEMES))
def test_axe_finds_nothing_when_python_cannot_start(
    new_page: NewPage, site_url: str, pages: dict[str, str], scheme: str
) -> None:
    # A fresh context: the warm one's service worker would answer before the route.
    page, watch = new_page(viewport=PHONE_VIEWPORT, color_scheme=scheme)
    watch.expect_console_errors("the browser logs the missing file")
    page.context.route("**/python_stdlib.zip", lambda route: route.fulfill(status=404))
    page.goto(site_url + pages["nps"] + "/")
    form = page.locator(form_selector("nps"))
    expect(form).to_have_attribute("data-state", "error", timeout=30_000)
    violations = run_axe(page, WCAG_21_AA, form_selector("nps"))
    assert violations == []


def _focused(page: Page) -> dict[str, Any]:
    """Describe the focused element: what it is, whether it is in the form, its outline."""
    described: dict[str, Any] = page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            return {
                key: element.name || element.dataset.action || element.getAttribute("type")
                     || (element.classList.contains("calculator-table") ? "table"
                         : element.closest(".calculator-worked") ? "worked"
                         : element.tagName.toLowerCase()),
                inForm: element.closest("form.calculator") !== null,
                outlineStyle: style.outlineStyle,
                outlineWidth: parseFloat(style.outlineWidth),
                focusVisible: element.matches(":focus-visible"),
            };
        }"""
    )
    return described


def test_a_calculator_works_with_the_keyboard_alone(
    desktop: tuple[Page, PageWatch], site_url: str, pages: dict[str, str]
) -> None:
    calculator_id = "customer_lifetime_value"
    page, _ = desktop
    page.goto(site_url + pages[calculator_id] + "/")
    wait_until_calculators_ready(page)
    form = page.locator(form_selector(calculator_id))
    defaults = page_defaults(page, calculator_id)
    # Start where a reader arrives from the heading's permalink, then only Tab.
    form.locator(".calculator-title .headerlink").focus()
    visited: list[str] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if not focused["inForm"]:
            break
        visited.append(focused["key"])
        assert focused["focusVisible"], focused
        assert focused["outlineStyle"] != "none", focused
        assert focused["outlineWidth"] >= 2, focused
        if focused["key"] == "margin_per_period":
            page.keyboard.press("ControlOrMeta+A")
            page.keyboard.type("2 500 kr")
        if focused["key"] == "margin_timing":
            page.keyboard.press("ArrowDown")
        if focused["key"] == "summary":
            page.keyboard.press("Enter")
    fields = [field.name for field in CATALOGUE[calculator_id].fields]
    assert visited == [*fields, "worked", "table", "reset", "share", "compare", "summary"]

    typed = {**defaults, "margin_per_period": "2 500 kr", "margin_timing": "start"}
    expect(form.locator("[name='margin_timing']")).to_have_value("start")
    for name, text in expected_display(calculator_id, typed).items():
        expect(form.locator(f"output[name='{name}']")).to_have_text(text)
    # "Slik regner vi" opened with Enter: the formulas are there to read.
    expect(form.locator("details.calculator-method")).to_have_attribute("open", "")
    expect(form.locator(".calculator-formula math").first).to_be_visible()

    # Back past "Slik regner vi", "Sammenlign" and "Del resultatet" to the reset button, and
    # press it: the page's own values and results return.
    for _ in range(4):
        page.keyboard.press("Shift+Tab")
    assert _focused(page)["key"] == "reset"
    page.keyboard.press("Enter")
    for name, text in expected_display(calculator_id, defaults).items():
        expect(form.locator(f"output[name='{name}']")).to_have_text(text)


def test_errors_are_tied_to_their_fields_and_results_announced_politely(
    desktop: tuple[Page, PageWatch], site_url: str, pages: dict[str, str]
) -> None:
    calculator_id = "customer_lifetime_value"
    page, _ = desktop
    page.goto(site_url + pages[calculator_id] + "/")
    wait_until_calculators_ready(page)
    form = page.locator(form_selector(calculator_id))
    status = form.locator(".calculator-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_attribute("aria-live", "polite")
    # Once Python is ready the form recomputes once and says so.
    defaults = page_defaults(page, calculator_id)
    clv = expected_display(calculator_id, defaults)["clv"]
    expect(status).to_have_text(f"Oppdatert. Kundens livstidsverdi: {clv}")
    # The outputs stay quiet; only the status line speaks, once per change.
    for output in form.locator("output").all():
        expect(output).to_have_attribute("aria-live", "off")

    field = form.locator("[name='retention_rate']")
    error = form.locator(".calculator-error[data-field='retention_rate']")
    error_id = error.get_attribute("id") or ""
    assert error_id in (field.get_attribute("aria-describedby") or "").split()
    field.fill("120")
    expected = evaluate(calculator_id, {**defaults, "retention_rate": "120"})
    expect(error).to_have_text(expected["errors"]["retention_rate"])
    expect(error).to_be_visible()
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(status).to_have_text(STATUS_INVALID)

    field.fill("90")
    display = expected_display(calculator_id, {**defaults, "retention_rate": "90"})
    expect(status).to_have_text(f"Oppdatert. Kundens livstidsverdi: {display['clv']}")
    expect(error).to_be_hidden()
    expect(error).to_have_text("")
    expect(field).not_to_have_attribute("aria-invalid", "true")
    field.fill("70")
    display = expected_display(calculator_id, {**defaults, "retention_rate": "70"})
    expect(status).to_have_text(f"Oppdatert. Kundens livstidsverdi: {display['clv']}")


def test_charts_have_text_alternatives_and_their_numbers_are_readable_as_text(
    new_page: NewPage, site_url: str, pages: dict[str, str]
) -> None:
    # Build-time markup, as every reader gets it first (and for good without JavaScript).
    page, _ = new_page(viewport=DESKTOP_VIEWPORT, java_script_enabled=False)
    charted = [c for c in CATALOGUE.values() if c.chart is not None]
    assert charted
    for calculator in charted:
        page.goto(site_url + pages[calculator.id] + "/")
        form = page.locator(form_selector(calculator.id))
        svg = form.locator(".calculator-chart-image svg")
        expect(svg).to_have_attribute("role", "img")
        title = svg.locator("title").text_content() or ""
        desc = svg.locator("desc").text_content() or ""
        assert title.strip(), calculator.id
        assert re.search(r"\d", desc), (calculator.id, desc)
        if calculator.table is not None:
            region = form.locator(".calculator-table")
            caption = region.locator("table caption")
            expect(caption).not_to_be_empty()
            expect(region).to_have_attribute("aria-labelledby", caption.get_attribute("id") or "")
            expect(region).to_have_attribute("tabindex", "0")
            assert region.locator("th[scope='col']").count() >= 2
            assert region.locator("tbody tr").count() >= 1
        else:
            # No table: the numbers the chart shows are the results beside it.
            shown = " ".join(outputs_on_screen(page, calculator.id).values())
            for number in re.findall(r"\d[\d ,]*", desc):
                assert number.strip(" ,") in shown, (calculator.id, number, shown)


@pytest.mark.parametrize(
    ("viewport", "stacked"),
    [(PHONE_VIEWPORT, True), (DESKTOP_VIEWPORT, False)],
    ids=["phone", "desktop"],
)
def test_tables_fit_the_screen_with_their_captions(
    new_page: NewPage,
    site_url: str,
    pages: dict[str, str],
    viewport: dict[str, int],
    *,
    stacked: bool,
) -> None:
    # On a phone each row stacks into a block with the column names beside the values, so no
    # table scrolls sideways and no column hides; on a laptop every table fits the column.
    # Layout alone, as the page arrives: Python is never started.
    page, _ = new_page(viewport=viewport, python_blocked=True)
    scrolling = []
    for calculator in (c for c in CATALOGUE.values() if c.table is not None):
        page.goto(site_url + pages[calculator.id] + "/")
        region = page.locator(form_selector(calculator.id)).locator(".calculator-table")
        caption = region.locator("caption")
        expect(caption).not_to_be_empty()
        if region.evaluate("(el) => el.scrollWidth > el.clientWidth"):
            if any(field.unit == "data" for field in calculator.fields):
                # A reader's cohort table grows with their data: it may scroll sideways, as
                # a region the keyboard can reach, named by its caption.
                assert region.get_attribute("tabindex") == "0", calculator.id
                assert region.get_attribute("role") == "region", calculator.id
            else:
                scrolling.append(calculator.id)
        shown, text = region.bounding_box(), caption.bounding_box()
        assert shown is not None
        assert text is not None
        assert text["x"] >= shown["x"] - BORDER_PX, calculator.id
        assert text["x"] + text["width"] <= shown["x"] + shown["width"] + BORDER_PX, calculator.id
        table = region.locator("table")
        assert (table.evaluate("(t) => getComputedStyle(t).display") == "block") == stacked
        if stacked:
            # Each value is labelled with its column, as the header row is out of sight.
            first_row = region.locator("tbody tr").first
            labels = first_row.locator("td").evaluate_all(
                "(cells) => cells.slice(1).map((c) => getComputedStyle(c, '::before').content)"
            )
            assert all(label not in {"none", '""'} for label in labels), labels
    assert scrolling == []


def _moving_parts(page: Page, selector: str) -> list[str]:
    """Elements (and pseudo-elements) in the form with a transition or an animation."""
    moving: list[str] = page.evaluate(
        """(selector) => {
            const form = document.querySelector(selector);
            const moving = [];
            const seconds = (value) => value.split(",").some((part) => parseFloat(part) > 0);
            for (const element of [form, ...form.querySelectorAll("*")]) {
                for (const pseudo of [null, "::before", "::after"]) {
                    const style = getComputedStyle(element, pseudo);
                    if ((style.transitionProperty !== "none" && seconds(style.transitionDuration))
                        || (style.animationName !== "none" && seconds(style.animationDuration))) {
                        const name = element.tagName.toLowerCase() + (pseudo ?? "");
                        moving.push(`${name}.${element.className}`);
                    }
                }
            }
            return moving;
        }""",
        selector,
    )
    return moving


def test_reduced_motion_stops_every_transition_in_the_calculator(
    desktop: tuple[Page, PageWatch], site_url: str, pages: dict[str, str]
) -> None:
    calculator_id = "customer_lifetime_value"
    page, _ = desktop
    page.goto(site_url + pages[calculator_id] + "/")
    wait_until_calculators_ready(page)
    selector = form_selector(calculator_id)
    # Material animates the "Slik regner vi" chevron: the check has something to find.
    assert _moving_parts(page, selector) != []
    page.emulate_media(reduced_motion="reduce")
    assert _moving_parts(page, selector) == []
    page.locator(f"{selector} .calculator-method summary").click()
    page.locator(f"{selector} [name='retention_rate']").fill("85")
    assert _moving_parts(page, selector) == []
