"""No input breaks a calculator: hundreds of random, hostile and odd inputs, typed in Chromium.

After every change the form must show exactly what CPython's ``evaluate`` says for the same
field values: the Norwegian message under each invalid field (and nowhere else), or the new
results; never NaN, Infinity, undefined or null, never a console error. Resetting or typing
good values brings correct results back. The inputs come from a seeded ``random.Random``,
so a failure names a seed that reproduces it.
"""

from __future__ import annotations

import logging
import random
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from calculators import CATALOGUE, evaluate
from tests.browser.helpers import (
    WORKER_PROBE,
    calculator_pages,
    current_values,
    field_selector,
    form_selector,
    navigate_instantly,
    page_defaults,
    set_field,
    wait_until_calculators_ready,
)
from tests.browser.typed_text import HOSTILE, random_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from playwright.sync_api import Page

    from calculators.spec import Calculator, Field
    from tests.browser.conftest import PageWatch
    from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser
LOG = logging.getLogger(__name__)

SEED = 20_261_123
CHANGES_PER_CALCULATOR = 60
#: Text the page quotes from what the reader typed or pasted, as in «Hvor sannsynlig …».
QUOTED = re.compile(r"«[^»]*»")
STATUS_INVALID = "Rett feltet som er merket. Resultatene viser siste gyldige beregning."
BROKEN_TEXT = ("NaN", "Infinity", "undefined", "null", "Traceback", "[object")

# Waits until the worker has answered every request and the form shows what CPython says.
# Returns null while waiting, or a description of what is on screen once it has settled.
_SETTLED = """([selector, expected]) => {
    if (window.__computeRequests !== window.__computeResults) return null;
    const form = document.querySelector(selector);
    const slots = {};
    for (const slot of form.querySelectorAll(".calculator-error[data-field]")) {
        slots[slot.dataset.field] = slot.hidden ? null : slot.textContent;
    }
    const invalid = [...new Set([...form.querySelectorAll("[name][aria-invalid='true']")]
        .map((f) => f.name))];
    const outputs = Object.fromEntries([...form.querySelectorAll("output[name]")]
        .map((output) => [output.getAttribute("name"), output.textContent]));
    const status = form.querySelector(".calculator-status").textContent;
    const names = new Set([...form.querySelectorAll("input[name], select[name], textarea[name]")]
        .map((field) => field.name));
    // A result may share a field's name (cohort_retention's customers): read the field.
    const control = (name) => {
        const item = form.elements.namedItem(name);
        if (!(item instanceof RadioNodeList)) return item;
        const fields = [...item].filter((element) => !(element instanceof HTMLOutputElement));
        return fields.length === 1 ? fields[0] : item;
    };
    const values = Object.fromEntries([...names].map((name) => [name, control(name).value]));
    const state = { slots, invalid, outputs, status, values, text: form.innerText,
                    stale: form.classList.contains("calculator--stale") };
    const canonical = (value) => JSON.stringify(
        value && typeof value === "object" && !Array.isArray(value)
            ? Object.entries(value).sort() : value);
    const same = (a, b) => canonical(a) === canonical(b);
    const settled = same(slots, expected.slots) && same(invalid.sort(), expected.invalid)
        && same(outputs, expected.outputs) && status === expected.status
        && state.stale === expected.stale && same(values, expected.values);
    return settled || expected.giveUp ? state : null;
}"""


@dataclass
class FuzzRun:
    """What one calculator's run tried and what escaped."""

    calculator_id: str
    tried: int = 0
    escaped: list[str] = field(default_factory=list)
    #: What the fields hold (the browser must agree) and the results last computed from
    #: valid values, which the form keeps showing while a field is wrong.
    values: dict[str, str] = field(default_factory=dict)
    last_good: dict[str, str] = field(default_factory=dict)


def _shown(calculator: Calculator) -> list[str]:
    """The outputs with an ``<output>`` of their own (the rest are columns of the table)."""
    return [output.name for output in calculator.outputs if not output.shown_in_table]


def _typed(calculator: Calculator) -> list[Field]:
    """The fields a reader types into: not a choice, not a row of 1–7 buttons."""
    return [spec for spec in calculator.fields if not spec.choices and spec.scale_ends is None]


def _outputs(calculator: Calculator, values: dict[str, str]) -> dict[str, str]:
    """CPython's display of every output on screen, for valid values."""
    display = evaluate(calculator.id, values)["display"]
    return {name: display[name] for name in _shown(calculator)}


def _expected_state(
    calculator: Calculator, values: dict[str, str], last_good: dict[str, str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    result = evaluate(calculator.id, values)
    errors = result["errors"]
    slots: dict[str, str | None] = {spec.name: errors.get(spec.name) for spec in calculator.fields}
    slots[""] = errors.get("")
    if errors:
        outputs, stale = last_good, True
        status = errors.get("", STATUS_INVALID)
    else:
        outputs = {name: result["display"][name] for name in _shown(calculator)}
        stale = False
        first = calculator.outputs[0]
        status = f"Oppdatert. {first.label}: {result['display'][first.name]}"
    expected = {
        "slots": slots,
        "invalid": sorted(name for name in errors if name),
        "outputs": outputs,
        "status": status,
        "stale": stale,
        "values": values,
    }
    return expected, result


def _follow_samples(calculator: Calculator, values: dict[str, str]) -> None:
    """A table still holding a sample shows the one for the choice made now, as the page does."""
    for spec in calculator.fields:
        samples = dict(spec.samples)
        if spec.column_choice and values.get(spec.name) in {*samples.values(), spec.default}:
            values[spec.name] = samples.get(values[spec.column_choice], str(spec.default))


def _check(page: Page, run: FuzzRun, calculator: Calculator, note: str) -> None:
    """Wait for the form to settle on CPython's answer; record anything that escaped."""
    expected, result = _expected_state(calculator, run.values, run.last_good)
    selector = form_selector(calculator.id)
    try:
        state = page.wait_for_function(
            _SETTLED, arg=[selector, expected], timeout=10_000, polling="raf"
        ).json_value()
    except PlaywrightTimeoutError:  # a finding, reported with what is on screen
        state = page.evaluate(_SETTLED, [selector, {**expected, "giveUp": True}])
        run.escaped.append(f"{note}: expected {expected!r}, screen {state!r}")
        return
    # The reader's own words quoted back («NaN» as a column's header) are not broken output.
    ours = QUOTED.sub("«…»", state["text"])
    broken = [word for word in BROKEN_TEXT if word in ours]
    if broken:
        run.escaped.append(f"{note}: {broken} on screen: {state['text']!r}")
    if not result["errors"]:
        run.last_good = expected["outputs"]


def _fuzz_calculator(
    page: Page, calculator: Calculator, seed: int, must_try: Sequence[str]
) -> FuzzRun:
    """Type into one calculator: ``must_try`` first, then random inputs."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test inputs, not secrets
    run = FuzzRun(calculator.id)
    selector = form_selector(calculator.id)
    defaults = page_defaults(page, calculator.id)
    run.values = dict(defaults)
    run.last_good = _outputs(calculator, defaults)
    _check(page, run, calculator, f"{calculator.id} on arrival")
    form = page.locator(selector)
    numeric = _typed(calculator)
    for step in range(CHANGES_PER_CALCULATOR):
        # One field per step, as a person types: every change is computed, and a valid
        # state on the way becomes the "last good results" the form keeps showing.
        spec = rng.choice(numeric if step < len(must_try) else calculator.fields)
        control = page.locator(f"{selector} {field_selector(spec.name)}")
        if spec.choices:
            text = rng.choice(spec.choices)[0]
            control.select_option(text)
        elif spec.scale_ends is not None:
            text = str(rng.randint(int(spec.minimum or 1), int(spec.maximum or 7)))
            set_field(form, spec.name, text)
        else:
            text = must_try[step] if step < len(must_try) else random_text(rng, spec)
            set_field(form, spec.name, text)
            run.tried += 1
        run.values[spec.name] = text
        _follow_samples(calculator, run.values)
        _check(page, run, calculator, f"seed {seed} step {step}: {spec.name} = {text!r}")
        if step % 10 == 9:
            # Fix the form: reset, or the page's own values typed over the bad ones.
            if rng.random() < 0.5:
                page.locator(f"{selector} button[type='reset']").click()
                run.values = dict(defaults)
            else:
                for spec in calculator.fields:
                    set_field(form, spec.name, defaults[spec.name])
                    run.values[spec.name] = defaults[spec.name]
                    _check(page, run, calculator, f"seed {seed} step {step}: fixing {spec.name}")
            _check(page, run, calculator, f"seed {seed} step {step}: fixed")
            if run.last_good != _outputs(calculator, defaults):
                run.escaped.append(f"seed {seed} step {step}: results not back after the fix")
    page.locator(f"{selector} button[type='reset']").click()
    run.values = dict(defaults)
    _check(page, run, calculator, f"seed {seed} final reset")
    return run


def test_random_inputs_never_break_a_calculator(
    desktop: tuple[Page, PageWatch], built_site: BuiltSite, site_url: str
) -> None:
    pages = calculator_pages(built_site)
    page, _ = desktop
    page.add_init_script(WORKER_PROBE)
    runs = []
    # Every hostile input is typed at least once, shared out between the calculators that
    # have fields to type into.
    typed_calculators = [c.id for c in CATALOGUE.values() if _typed(c)]
    for number, calculator in enumerate(CATALOGUE.values()):
        url = f"{site_url}{pages[calculator.id]}/"
        if number == 0:
            page.goto(url)
        else:
            # Python started once for the whole run: instant navigation keeps it.
            navigate_instantly(page, url)
        wait_until_calculators_ready(page)
        share = typed_calculators.index(calculator.id) if _typed(calculator) else None
        must_try = () if share is None else HOSTILE[share :: len(typed_calculators)]
        runs.append(_fuzz_calculator(page, calculator, SEED + number, must_try))
    tried = sum(run.tried for run in runs)
    escaped = [finding for run in runs for finding in run.escaped]
    LOG.info(
        "fuzz: %d inputs typed into %d calculators, %d escaped", tried, len(runs), len(escaped)
    )
    # Each change after the hostile inputs picks a field at random: about the typed fields'
    # share of the changes are typed (the rest pick a choice or tap a 1–7 answer).
    expected = 0.0
    for calculator in CATALOGUE.values():
        if not _typed(calculator):
            continue
        hostile = len(HOSTILE[typed_calculators.index(calculator.id) :: len(typed_calculators)])
        share = len(_typed(calculator)) / len(calculator.fields)
        expected += hostile + (CHANGES_PER_CALCULATOR - hostile) * share
    assert tried >= 0.85 * expected, (tried, expected)
    assert escaped == [], "\n".join(escaped)


@pytest.mark.parametrize("separator", ["#", "?"], ids=["fragment", "old-query-link"])
def test_a_hostile_share_link_shows_norwegian_errors_and_can_be_fixed(
    desktop: tuple[Page, PageWatch], built_site: BuiltSite, site_url: str, separator: str
) -> None:
    # A link is the one input a visitor does not type: it can carry anything, even a choice
    # the select does not offer. Old links carried it in the query string.
    calculator = CATALOGUE["customer_lifetime_value"]
    pages = calculator_pages(built_site)
    hostile = {
        "margin_per_period": "<script>alert(1)</script>",
        "retention_rate": "１２３",
        "discount_rate": "9" * 400,
        "margin_timing": "sometime",
        "horizon_periods": "-0",
    }
    query = "&".join(f"{calculator.id}.{name}={value}" for name, value in hostile.items())
    page, _ = desktop
    page.add_init_script(WORKER_PROBE)
    page.goto(f"{site_url}{pages[calculator.id]}/{separator}{query}")
    wait_until_calculators_ready(page)
    defaults = page_defaults(page, calculator.id)
    # What the link put in the fields; nothing valid was computed yet, so the build-time
    # results stay on screen.
    run = FuzzRun(calculator.id, values=current_values(page, calculator.id))
    run.last_good = _outputs(calculator, defaults)
    _check(page, run, calculator, "hostile share link")
    assert set(evaluate(calculator.id, run.values)["errors"]) >= {
        "margin_per_period",
        "retention_rate",
        "discount_rate",
    }
    page.locator(f"{form_selector(calculator.id)} button[type='reset']").click()
    run.values = dict(defaults)
    _check(page, run, calculator, "reset after hostile share link")
    assert run.escaped == []
    assert run.last_good == _outputs(calculator, defaults)
