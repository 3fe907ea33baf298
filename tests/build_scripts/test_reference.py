"""The maintainers' reference page lists the real catalogue and renders with the site's Markdown."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import markdown
from mkdocs.config import load_config

from build_scripts.extension.directive import CalculatorExtension
from build_scripts.extension.reference import reference_markdown
from calculators import CATALOGUE
from calculators.spec import Calculator, Field, Output

if TYPE_CHECKING:
    import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class _Scan(HTMLParser):
    """Collects heading ids, table cells, code text and calculator forms."""

    def __init__(self) -> None:
        super().__init__()
        self.heading_ids: list[str] = []
        self.cells: list[str] = []
        self.code: list[str] = []
        self.forms = 0
        self.tables = 0
        self._capture: list[str] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag) and attributes.get("id"):
            self.heading_ids.append(str(attributes["id"]))
        if tag == "form":
            self.forms += 1
        if tag == "table":
            self.tables += 1
        if tag in {"td", "code"} and self._capture is None:
            self._capture = self.cells if tag == "td" else self.code
            self._text = ""

    def handle_endtag(self, tag: str) -> None:
        capturing = self._capture is not None and tag in {"td", "code"}
        if (
            capturing
            and self._capture is not None
            and (tag == "td") == (self._capture is self.cells)
        ):
            self._capture.append(self._text.strip())
            self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._text += data


def _render_with_site_extensions(source: str) -> str:
    """Render like the site does: mkdocs.yml's extensions plus the calculator directive."""
    config = load_config(str(PROJECT_ROOT / "mkdocs.yml"))
    md = markdown.Markdown(
        extensions=[*config.markdown_extensions, CalculatorExtension()],
        extension_configs=config.mdx_configs,
    )
    return md.convert(source)


def _scan(html: str) -> _Scan:
    scan = _Scan()
    scan.feed(html)
    return scan


def test_every_calculator_field_and_output_is_listed() -> None:
    page = reference_markdown(CATALOGUE)
    for calculator in CATALOGUE.values():
        assert f"{{#{calculator.id}}}" in page
        assert f"/// calculator | {calculator.id}\n///" in page
        for field in calculator.fields:
            assert f"| `{field.name}` | {field.label} |" in page
        for output in calculator.outputs:
            assert f"| `{output.name}` | {output.label} |" in page


def test_page_renders_with_the_sites_extensions(monkeypatch: pytest.MonkeyPatch) -> None:
    # pymdownx.snippets finds docs/includes/abbreviations.md relative to the project root.
    monkeypatch.chdir(PROJECT_ROOT)
    scan = _scan(_render_with_site_extensions(reference_markdown(CATALOGUE)))

    assert scan.forms == 0, "a directive inside a code block must stay text"
    assert scan.tables == 1 + 2 * len(CATALOGUE)
    assert set(CATALOGUE) <= set(scan.heading_ids)
    for calculator_id in CATALOGUE:
        assert f"/// calculator | {calculator_id}\n///" in "\n".join(scan.code)
    cells = set(scan.cells)
    for calculator in CATALOGUE.values():
        assert {calculator.id, *(f.name for f in calculator.fields)} <= cells


def test_field_details_read_the_norwegian_way() -> None:
    page = reference_markdown(CATALOGUE)
    clv = "\n".join(
        line for line in page.splitlines() if "`horizon_periods`" in line or "`margin_" in line
    )
    assert "heltall; kan stå tomt" in clv
    assert "(tomt)" in clv
    assert "−1\u00a0000\u00a0000\u00a0000\u00a0000" in clv  # minimum, real minus sign
    assert "`end` (slutten av perioden)" in clv


def _toy(label: str) -> Calculator:
    return Calculator(
        id="toy",
        title="Lek *med* [tall]",
        intro="Ingen <b>HTML</b> her.",
        fields=(
            Field(name="share", label=label, unit="%", default=12.5, minimum=0.25, maximum=100),
        ),
        outputs=(Output(name="double", label="A | B", unit="ratio"),),
        formulas=(),
        method="",
        sources=(),
        formula=lambda inputs: {"double": 2 * float(inputs["share"] or 0)},
    )


def test_spec_text_is_shown_literally() -> None:
    html = markdown.markdown(
        reference_markdown({"toy": _toy("Andel | av *alle* _kunder_")}),
        extensions=["tables", "attr_list"],
    )
    scan = _scan(html)
    assert "Andel | av *alle* _kunder_" in scan.cells
    assert "A | B" in scan.cells
    assert "12,5" in scan.cells
    assert "0,25" in scan.cells
    assert "<b>" not in html
    assert "<em>" not in html
    assert 'id="toy"' in html
