"""Helpers the trust tests share: page discovery, instant navigation, axe-core, a worker probe.

Kept apart from ``conftest.py`` because they are plain functions, not fixtures.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from playwright.sync_api import expect

from calculators import evaluate
from tests.conftest import PROJECT_ROOT

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from playwright.sync_api import Locator, Page

    from tests.conftest import BuiltSite

AXE_SOURCE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
#: Python starts once per visit; the first start on a busy CI machine can take a while.
READY_TIMEOUT_MS = 60_000
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)

# Counts what the page module and the worker say to each other, so a test can wait for the
# worker's answer to the last change instead of sleeping. Installed before any page script.
WORKER_PROBE = """
(() => {
  const Original = window.Worker;
  if (typeof Original !== "function") return;
  window.__computeRequests = 0;
  window.__computeResults = 0;
  window.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({ data }) => {
        if (data && data.type === "result") window.__computeResults += 1;
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === "compute") window.__computeRequests += 1;
      return super.postMessage(message, ...rest);
    }
  };
})();
"""


@dataclass(frozen=True, slots=True)
class SitePage:
    """One built page: its path below the site root ("" for the front page) and title."""

    path: str
    title: str


def site_pages(site: BuiltSite) -> list[SitePage]:
    """Every ``index.html`` in the built site, front page first."""
    pages = []
    for index in sorted(site.directory.rglob("index.html")):
        relative = index.parent.relative_to(site.directory).as_posix()
        path = "" if relative == "." else relative + "/"
        match = _TITLE.search(index.read_text(encoding="utf-8"))
        title = html.unescape(match.group(1)).strip() if match else ""
        pages.append(SitePage(path=path, title=title))
    return sorted(pages, key=lambda page: (page.path != "", page.path))


def calculator_pages(site: BuiltSite) -> dict[str, str]:
    """Map each calculator id to the first page (in the Kalkulatorer section) that has it."""
    pages: dict[str, str] = {}
    for index in sorted((site.directory / "kalkulatorer").rglob("index.html")):
        text = index.read_text(encoding="utf-8")
        for match in re.finditer(r'data-calculator="([a-z_]+)"', text):
            pages.setdefault(match.group(1), index.parent.relative_to(site.directory).as_posix())
    return pages


def form_selector(calculator_id: str) -> str:
    """CSS selector of a calculator's (first) form."""
    return f"form.calculator[data-calculator='{calculator_id}']"


def field_selector(name: str) -> str:
    """CSS selector of a form's field by name: not an ``<output>`` that shares the name.

    An output may carry a field's name (``cohort_retention``'s ``customers`` counts the rows
    of the ``customers`` list), so ``[name=…]`` alone can match both.
    """
    return f":is(input, select, textarea)[name='{name}']"


def wait_until_calculators_ready(page: Page) -> None:
    """Wait until every calculator form on the page has Python behind it."""
    page.wait_for_function(
        """() => [...document.querySelectorAll("form.calculator")]
                 .every((form) => form.dataset.state === "ready")""",
        timeout=READY_TIMEOUT_MS,
    )


def navigate_instantly(page: Page, url: str) -> None:
    """Follow a link to ``url`` the way a reader does: Material's instant navigation.

    The content is swapped without a page load, so Python (started once per visit) stays
    up. Falls back to a normal load if Material lets the click through; either way this
    returns once the new page's content is in place.
    """
    page.evaluate(
        """(url) => {
            document.querySelector("article").dataset.leaving = "true";
            const link = Object.assign(document.createElement("a"), { href: url });
            document.querySelector(".md-content").append(link);
            link.click();
            link.remove();
        }""",
        url,
    )
    # The path, not the whole address: the page module may add a query string (share link).
    page.wait_for_function(
        """(url) => location.pathname === new URL(url).pathname
                 && document.querySelector("article:not([data-leaving])") !== null""",
        arg=url,
        timeout=READY_TIMEOUT_MS,
    )


def run_axe(page: Page, tags: tuple[str, ...], selector: str = "html") -> list[dict[str, Any]]:
    """Run axe-core on the page (or one element) and return its violations, summarised.

    The script goes in through Playwright's evaluate, which the page's Content-Security-
    Policy does not govern; a ``<script>`` tag would be blocked by ``script-src 'self'``.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    summary: list[dict[str, Any]] = page.evaluate(
        """async ([selector, tags]) => {
            const result = await axe.run(document.querySelector(selector), {
                runOnly: { type: "tag", values: tags },
                // Only violations are read: skip collecting the rest (a third faster).
                resultTypes: ["violations"],
                elementRef: false,
                performanceTimer: false,
            });
            return result.violations.map((violation) => ({
                id: violation.id,
                impact: violation.impact,
                tags: violation.tags,
                nodes: violation.nodes.map(
                    (node) => `${node.target.join(" ")}: ${node.failureSummary}`),
            }));
        }""",
        [selector, list(tags)],
    )
    return summary


# The form's fields by name, read as the page module reads them: a text input, a textarea, a
# select or a group of radio buttons, each through `form.elements.namedItem(name).value`.
_FIELDS = """([selector, which]) => {
    const form = document.querySelector(selector);
    const names = [...new Set(
        [...form.querySelectorAll("input[name], select[name], textarea[name]")]
        .map((control) => control.name))];
    // A result may share a field's name: the field is the one that is not an <output>.
    const controlOf = (name) => {
        const item = form.elements.namedItem(name);
        if (!(item instanceof RadioNodeList)) return item;
        const controls = [...item].filter((element) => !(element instanceof HTMLOutputElement));
        return controls.length === 1 ? controls[0] : item;
    };
    const initial = (field) => {
        if (field instanceof RadioNodeList) {
            return [...field].find((radio) => radio.defaultChecked)?.value ?? "";
        }
        if (field instanceof HTMLSelectElement) {
            return [...field.options].find((option) => option.defaultSelected)?.value
                ?? field.options[0]?.value ?? "";
        }
        return field.defaultValue;
    };
    return Object.fromEntries(names.map((name) => {
        const field = controlOf(name);
        return [name, which === "defaults" ? initial(field) : field.value];
    }));
}"""


def page_defaults(page: Page, calculator_id: str) -> dict[str, str]:
    """The values a reset returns the form to (the page may override the catalogue's)."""
    defaults: dict[str, str] = page.evaluate(_FIELDS, [form_selector(calculator_id), "defaults"])
    return defaults


def current_values(page: Page, calculator_id: str) -> dict[str, str]:
    """What the form holds now: exactly what the page module sends to Python."""
    values: dict[str, str] = page.evaluate(_FIELDS, [form_selector(calculator_id), "current"])
    return values


def set_field(form: Locator, name: str, value: str) -> None:
    """Set a field as a person does: type into a text field, pick a choice, tap a button.

    A 1–7 answer is a group of radio buttons whose labels are what one sees and taps. A
    table is pasted and left with Tab, which computes at once (no waiting for the pause
    that typing in a table waits for).
    """
    control = form.locator(field_selector(name)).first
    kind = control.evaluate("(element) => element.type")
    if kind == "radio":
        radio = form.locator(f"input[name='{name}'][value='{value}']")
        form.locator(f"label[for='{radio.get_attribute('id')}']").click()
    elif kind.startswith("select"):
        control.select_option(value)
    else:
        control.fill(value)
        if kind == "textarea":
            control.press("Tab")


def expected_display(calculator_id: str, inputs: Mapping[str, str]) -> dict[str, str]:
    """CPython's display for these inputs; they must be valid."""
    result = evaluate(calculator_id, inputs)
    assert result["errors"] == {}, result["errors"]
    return dict(result["display"])


def outputs_on_screen(page: Page, calculator_id: str) -> dict[str, str]:
    """Each ``<output>``'s text, by name."""
    shown: dict[str, str] = page.evaluate(
        """(selector) => Object.fromEntries(
            [...document.querySelector(selector).querySelectorAll("output[name]")]
              .map((output) => [output.getAttribute("name"), output.textContent]))""",
        form_selector(calculator_id),
    )
    return shown


#: Material's name for each palette (``data-md-color-scheme`` on ``<body>``).
MATERIAL_SCHEMES = {"light": "default", "dark": "slate"}


def in_both_palettes(page: Page) -> Iterator[str]:
    """Show the page in the palette it opened in, then the other, switched with the toggle.

    Yields ``"light"`` or ``"dark"``, the palette shown. Material keeps the reader's choice,
    so the next page opens in the palette this one ended in and starts there: one switch
    per page.
    """
    toggle = page.locator("form[data-md-component='palette'] label:not([hidden])")
    by_material_name = {material: scheme for scheme, material in MATERIAL_SCHEMES.items()}
    opened = by_material_name[page.locator("body").get_attribute("data-md-color-scheme") or ""]
    for number, scheme in enumerate((opened, "dark" if opened == "light" else "light")):
        if number > 0:
            toggle.click()
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", MATERIAL_SCHEMES[scheme]
        )
        # Colours read while a transition runs would be neither palette's.
        page.wait_for_function(
            "() => document.getAnimations().every((a) => !(a instanceof CSSTransition))"
        )
        yield scheme
