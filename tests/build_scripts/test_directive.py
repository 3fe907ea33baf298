"""Golden tests of the calculator directive, and what its HTML keeps, against small fakes.

``UPDATE_GOLDEN=1`` rewrites the expected HTML. The fakes are in ``directive_fakes``; the
errors that stop a build are in ``test_directive_errors``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import markdown
import pytest

from build_scripts.extension.directive import CalculatorExtension
from tests.build_scripts.directive_fakes import (
    CATALOGUE,
    fake_evaluate,
    fake_format_input_value,
    make_markdown,
    render,
    toy_chart,
)

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


# --- Golden files: Markdown in, HTML out ---------------------------------------------------

GOLDEN_CASES = sorted(path.stem for path in GOLDEN.glob("*.md"))


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_golden(name: str) -> None:
    html = render((GOLDEN / f"{name}.md").read_text(encoding="utf-8")) + "\n"
    expected_path = GOLDEN / f"{name}.html"
    if UPDATE:
        expected_path.write_text(html, encoding="utf-8")
    assert html == expected_path.read_text(encoding="utf-8")


def test_golden_cases_are_all_there() -> None:
    assert GOLDEN_CASES == ["basic", "nested", "overrides", "two_calculators"]


def _ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]*)"', html)


def test_ids_are_unique_with_the_same_calculator_twice() -> None:
    html = render("/// calculator | toy\n///\n\n/// calculator | toy\n///\n")
    ids = _ids(html)
    assert len(ids) == len(set(ids))
    assert 'id="toy-1"' in html
    assert 'id="toy-2"' in html


def test_numbering_restarts_per_document() -> None:
    md = make_markdown()
    source = "/// calculator | toy\n///\n\n/// calculator | plain\n///\n"
    first = md.convert(source)
    md.reset()
    assert md.convert(source) == first
    # Without reset() between two documents, each document still starts at 1.
    assert md.convert(source) == first
    assert 'id="plain-2"' in first


def test_trusted_markup_arrives_intact() -> None:
    html = render("/// calculator | toy\n///\n")
    svg = toy_chart({}, {"customers_kept": 80.0})
    assert svg in html
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in html
    assert "\x02" not in html
    assert "\x03" not in html


def test_heading_follows_the_outline() -> None:
    html = render("# A\n\n## B\n\n### C\n\n/// calculator | plain\n///\n")
    assert '<h4 class="calculator-title"' in html
    html = render("/// calculator | plain\n///\n")
    assert '<h2 class="calculator-title"' in html


def test_show_method_can_be_turned_off_for_the_site() -> None:
    md = markdown.Markdown(
        extensions=[
            CalculatorExtension(
                catalogue=CATALOGUE,
                evaluate=fake_evaluate,
                format_input_value=fake_format_input_value,
                show_method=False,
            )
        ]
    )
    html = md.convert(
        "/// calculator | toy\n///\n\n/// calculator | toy\n    show_method: true\n///\n"
    )
    assert html.count('class="calculator-method"') == 1


def test_loads_by_name_like_mkdocs_does() -> None:
    md = markdown.Markdown(
        extensions=["build_scripts.extension.directive"],
        extension_configs={"build_scripts.extension.directive": {"show_method": False}},
    )
    assert md.convert("Ingen kalkulator her.") == "<p>Ingen kalkulator her.</p>"
