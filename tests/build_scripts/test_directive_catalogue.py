"""Every calculator of the real catalogue renders, filled with ``evaluate(defaults)``."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser

import markdown
import pytest

import calculators
from build_scripts.extension.directive import CalculatorExtension


class _FormScan(HTMLParser):
    """Collects ids, control names, output texts and error slots of rendered forms."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.controls: list[str] = []
        self.column_choices: list[str] = []
        self.file_pickers: list[str] = []
        self.error_slots: list[str] = []
        self.labelled: set[str] = set()
        self.outputs: dict[str, str] = {}
        self._output: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
        if tag in {"input", "select", "textarea"} and attributes.get("name"):
            name = str(attributes["name"])
            # "<field>:<role>": a data field's column choice, not a field of its own.
            (self.column_choices if ":" in name else self.controls).append(name)
        if tag == "input" and attributes.get("type") == "file":
            self.file_pickers.append(str(attributes["data-for"]))
        if tag == "label":
            self.labelled.add(str(attributes["for"]))
        if "calculator-error" in (attributes.get("class") or "").split():
            self.error_slots.append(str(attributes["data-field"]))
        if tag == "output":
            self._output = str(attributes["name"])
            self.outputs[self._output] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "output":
            self._output = None

    def handle_data(self, data: str) -> None:
        if self._output is not None:
            self.outputs[self._output] += data


def _render(source: str) -> str:
    return markdown.Markdown(
        extensions=["toc", "build_scripts.extension.mathml", CalculatorExtension()]
    ).convert(source)


@pytest.mark.parametrize("calculator_id", sorted(calculators.CATALOGUE))
def test_every_calculator_renders_its_defaults(calculator_id: str) -> None:
    calculator = calculators.CATALOGUE[calculator_id]
    evaluation = calculators.evaluate(calculator_id, calculator.defaults())
    assert evaluation["errors"] == {}

    html = _render(f"# Side\n\n/// calculator | {calculator_id}\n///\n")
    scan = _FormScan()
    scan.feed(html)

    assert f'data-calculator="{calculator_id}"' in html
    # A 1–7 answer is seven radio buttons sharing the field's name.
    assert list(dict.fromkeys(scan.controls)) == [field.name for field in calculator.fields]
    assert scan.error_slots == [field.name for field in calculator.fields] + [""]
    shown = [o for o in calculator.outputs if not o.shown_in_table]
    assert scan.outputs == {o.name: evaluation["display"][o.name] for o in shown}
    assert len(scan.ids) == len(set(scan.ids))
    prefix = f"{calculator_id}-1"
    labelled = {f"{prefix}-{f.name}" for f in calculator.fields if f.scale_ends is None}
    labelled |= {
        f"{prefix}-{f.name}-{answer}"
        for f in calculator.fields
        if f.scale_ends is not None
        for answer in range(1, 8)
    }
    labelled |= {f"{prefix}-result-{o.name}" for o in shown}
    # A data field: its file picker and a column choice per role the build-time table has.
    data = [f for f in calculator.fields if f.unit == "data"]
    assert scan.file_pickers == [f.name for f in data]
    roles = {f.name: [r["role"] for r in evaluation["data"][f.name]["roles"]] for f in data}
    assert scan.column_choices == [f"{name}:{role}" for name in roles for role in roles[name]]
    labelled |= {f"{prefix}-{f.name}-file" for f in data}
    labelled |= {f"{prefix}-{name}-column-{role}" for name in roles for role in roles[name]}
    assert labelled == scan.labelled
    if evaluation["svg"]:
        assert evaluation["svg"] in html


def test_the_whole_catalogue_on_one_page_has_unique_ids() -> None:
    source = "\n\n".join(f"/// calculator | {i}\n///" for i in sorted(calculators.CATALOGUE) * 2)
    scan = _FormScan()
    scan.feed(_render(source))
    assert len(scan.ids) == len(set(scan.ids))


def test_a_page_that_sets_the_choice_shows_that_choices_sample() -> None:
    # The team's scores follow the chosen self-assessment: a page that opens with another
    # model shows (and computes at build time) the sample with that model's columns, and
    # tells the browser every model's sample.
    field = calculators.CATALOGUE["relationship_survey"].field("answers")
    samples = dict(field.samples)
    html = _render("/// calculator | relationship_survey\n    model: relationship_focus\n///\n")
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.DOTALL)
    assert textarea is not None
    assert unescape(textarea.group(1)) == samples["relationship_focus"]
    wrapper = re.search(r'<div ([^>]*data-field="answers"[^>]*)>', html)
    assert wrapper is not None
    attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', wrapper.group(1)))
    assert attributes["data-sample-choice"] == "model"
    assert json.loads(unescape(attributes["data-samples"])) == samples
    expected = calculators.evaluate("relationship_survey", {"model": "relationship_focus"})
    assert expected["display"]["priority"] in html
