"""Golden and error tests of the calculator directive, against small fake calculators.

The fakes are built with the real spec dataclasses, so the HTML follows the real spec
shape, while the numbers and their formatting stay ours: the golden files do not change
when the real calculators do. ``UPDATE_GOLDEN=1`` rewrites the expected HTML.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import markdown
import pytest

from build_scripts.extension.directive import CalculatorDirectiveError, CalculatorExtension
from calculators.spec import Calculator, Field, Inputs, Output, Results, Table

if TYPE_CHECKING:
    from collections.abc import Mapping

    from calculators.api import Evaluation

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _toy_formula(inputs: Inputs) -> Results:
    customers = float(inputs["customers"] or 0)
    margin = float(inputs["margin"] or 0)
    rate = float(inputs["retention_rate"] or 0) / 100
    lifetime = math.inf if rate >= 1 else 1 / (1 - rate)
    return {
        "total_margin": customers * margin,
        "customers_kept": customers * rate,
        "lifetime": lifetime,
    }


def _toy_chart(inputs: Inputs, results: Results) -> str:
    del inputs
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img" '
        f'aria-label="Kunder igjen: {results["customers_kept"]}"><rect width="5" height="8"/></svg>'
    )


def _toy_table(inputs: Inputs, results: Results) -> Table:
    del inputs
    return Table(
        caption="Kunder per periode",
        columns=("Periode", "Kunder"),
        rows=(("1", _plain(float(results["customers_kept"]))),),
    )


TOY = Calculator(
    id="toy",
    title="Lekekalkulator",
    intro="Hvor mye er kundene verdt? Et eksempel for testene.",
    fields=(
        Field(
            name="customers",
            label="Antall kunder",
            unit="count",
            default=100,
            help="Kunder ved periodens start.",
            minimum=1,
            integer=True,
        ),
        Field(
            name="margin",
            label="Margin per kunde",
            unit="kr",
            default=250.5,
            help="Kan være negativ.",
        ),
        Field(
            name="retention_rate",
            label="Gjenkjøpsrate",
            unit="%",
            default=80,
            help="Andel som blir.",
            minimum=0,
            maximum=100,
        ),
        Field(
            name="timing",
            label="Når kommer marginen",
            unit="choice",
            default="end",
            choices=(("end", "Ved periodens slutt"), ("start", "Ved periodens start")),
        ),
        Field(
            name="horizon",
            label="Tidshorisont",
            unit="periods",
            default=None,
            help="Tomt betyr ubegrenset.",
            minimum=1,
            optional=True,
        ),
    ),
    outputs=(
        Output(name="total_margin", label="Samlet margin", unit="kr", help="Alle kunder sammen."),
        Output(name="customers_kept", label="Kunder som blir", unit="count"),
        Output(
            name="lifetime",
            label="Forventet levetid",
            unit="periods",
            help="Hvor lenge en kunde blir.",
            infinite_text="ubegrenset",
        ),
    ),
    formulas=(r"M = n \cdot m", r"L = \frac{1}{1 - r}"),
    method="Vi ganger **antall kunder** med marginen.\n\nLevetiden er $1/(1-r)$.",
    sources=("Kilde, A. (2020). Bok om kunder. Forlag.",),
    caveats=("Et anslag & en forenkling: <ikke> et råd.",),
    formula=_toy_formula,
    chart=_toy_chart,
    table=_toy_table,
)

PLAIN = Calculator(
    id="plain",
    title="Pris & «verdi» <enkel>",
    intro="",
    fields=(Field(name="price", label="Pris", unit="kr", default=10),),
    outputs=(Output(name="double", label="Dobbel pris", unit="kr"),),
    formulas=(),
    method="",
    sources=(),
    formula=lambda inputs: {"double": 2 * float(inputs["price"] or 0)},
)

CATALOGUE: Mapping[str, Calculator] = {c.id: c for c in (TOY, PLAIN)}


def _plain(value: float) -> str:
    value = round(value, 2)
    return str(int(value)) if value.is_integer() else str(value).replace(".", ",")


def fake_format_input_value(field: Field, value: float | str | None) -> str:
    del field
    if value is None:
        return ""
    return value if isinstance(value, str) else _plain(float(value))


def _parse(field: Field, raw: object) -> float | str | None:
    if field.choices:
        for value, label in field.choices:
            if isinstance(raw, str) and raw.casefold() in {value, label.casefold()}:
                return value
        msg = "Velg et av valgene."
        raise ValueError(msg)
    if raw is None or raw == "":
        if field.optional:
            return None
        msg = "Feltet kan ikke stå tomt."
        raise ValueError(msg)
    try:
        value = float(str(raw).replace(" ", "").replace(",", "."))
    except ValueError:
        msg = "Skriv et tall."
        raise ValueError(msg) from None
    too_small = field.minimum is not None and value < field.minimum
    if too_small or (field.maximum is not None and value > field.maximum):
        msg = f"Må være mellom {field.minimum} og {field.maximum}."
        raise ValueError(msg)
    return value


def fake_evaluate(calculator_id: str, inputs: Mapping[str, object]) -> Evaluation:
    calculator = CATALOGUE[calculator_id]
    values: dict[str, float | str | None] = {}
    errors: dict[str, str] = {}
    for field in calculator.fields:
        try:
            values[field.name] = _parse(field, inputs.get(field.name, field.default))
        except ValueError as error:
            errors[field.name] = str(error)
    if errors:
        return {
            "values": {},
            "display": {},
            "errors": errors,
            "svg": "",
            "table": None,
            "steps": [],
        }
    results = calculator.formula(values)
    display = {}
    for output in calculator.outputs:
        result = float(results[output.name])
        text = output.infinite_text or "" if math.isinf(result) else _plain(result)
        display[output.name] = f"{text}\u00a0kr" if output.unit == "kr" else text
    table = calculator.table(values, results) if calculator.table else None
    return {
        "values": dict(results),
        "display": display,
        "errors": {},
        "svg": calculator.chart(values, results) if calculator.chart else "",
        "table": None
        if table is None
        else {"caption": table.caption, "columns": table.columns, "rows": table.rows},
        "steps": list(calculator.steps(values, results)) if calculator.steps else [],
    }


def make_markdown(*extensions: object) -> markdown.Markdown:
    """The site's extensions that touch the same HTML, plus the directive with the fakes."""
    directive = CalculatorExtension(
        catalogue=CATALOGUE, evaluate=fake_evaluate, format_input_value=fake_format_input_value
    )
    return markdown.Markdown(
        extensions=[
            "attr_list",
            "md_in_html",
            "toc",
            "pymdownx.superfences",
            "build_scripts.extension.mathml",
            "admonition",
            "pymdownx.blocks.admonition",
            directive,
            *extensions,
        ],
        extension_configs={"toc": {"permalink": True}},
    )


def render(source: str) -> str:
    return make_markdown().convert(source)


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
    svg = _toy_chart({}, {"customers_kept": 80.0})
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


# --- Errors: the build stops and names the line ---------------------------------------------

ERROR_CASES = {
    "unknown id": (
        "# Tittel\n\nTekst.\n\n/// calculator | nope\n///\n",
        5,
        "ukjent kalkulator «nope» (kjente: plain, toy)",
    ),
    "missing id": ("/// calculator\n///\n", 1, "skriv hvilken kalkulator"),
    "unknown option": (
        "Tekst.\n\n/// calculator | toy\n    customers: 10\n    colour: blue\n///\n",
        5,
        "ukjent innstilling «colour» for «toy» (kjente: customers, margin,",
    ),
    "invalid value": (
        "/// calculator | toy\n    customers: 10\n\n    retention_rate: 120\n///\n",
        4,
        "kalkulatoren «toy» godtar ikke verdiene: retention_rate: Må være mellom 0 og 100.",
    ),
    "not a number": (
        "/// calculator | toy\nmargin: mange\n///\n",
        2,
        "margin: Skriv et tall.",
    ),
    "list value": (
        "/// calculator | toy\n    customers: [1, 2]\n///\n",
        2,
        "«customers» må være et tall eller en tekst",
    ),
    "boolean value": (
        "/// calculator | toy\n    margin: yes\n///\n",
        2,
        "«margin» må være et tall eller en tekst",
    ),
    "bad yaml": (
        "/// calculator | toy\n    customers: 10\n    margin: [1,\n///\n",
        4,
        "kunne ikke lese innstillingene",
    ),
    "not a mapping": (
        "/// calculator | toy\nBare litt tekst.\n///\n",
        1,
        "innstillingene må være linjer på formen «navn: verdi»",
    ),
    "empty title": ("/// calculator | toy\n    title: ''\n///\n", 2, "title må være en tekst"),
    "show_method not boolean": (
        "/// calculator | toy\n    show_method: nei\n///\n",
        2,
        "show_method må være true eller false",
    ),
    "unclosed": ("/// calculator | toy\n\nMer tekst.\n", 1, "mangler en avsluttende linje med ///"),
    "options after a blank line": (
        "/// calculator | toy\n\n    margin: x\n///\n",
        3,
        "margin: Skriv et tall.",
    ),
    "text right before": (
        "Tekst rett før.\n/// calculator | nope\n///\n",
        2,
        "ukjent kalkulator «nope»",
    ),
    "after a code fence showing the syntax": (
        (
            "```markdown\n/// calculator | nope\n///\n```\n\n"
            "<!-- /// calculator | nope\n/// -->\n\n/// calculator | nope\n///\n"
        ),
        9,
        "ukjent kalkulator «nope»",
    ),
    "in an admonition": (
        "!!! note\n\n    Tekst.\n\n    /// calculator | toy\n        margin: x\n    ///\n",
        6,
        "margin: Skriv et tall.",
    ),
    "in a pymdownx block": (
        "//// note | Merk\n\n/// calculator | nope\n///\n\n////\n",
        3,
        "ukjent kalkulator «nope»",
    ),
    "in a list": ("- punkt\n\n    /// calculator | nope\n    ///\n", 3, "ukjent kalkulator"),
    "second of two": (
        "/// calculator | toy\n///\n\n/// calculator | toy\n    customers: 0\n///\n",
        5,
        "customers: Må være mellom 1",
    ),
}


@pytest.mark.parametrize(("source", "line", "reason"), ERROR_CASES.values(), ids=ERROR_CASES)
def test_errors_name_the_line(source: str, line: int, reason: str) -> None:
    with pytest.raises(CalculatorDirectiveError) as caught:
        render(source)
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"linje {line}: ")


def test_error_without_a_known_line_still_fails() -> None:
    # A directive the line recorder never saw (here: added after it ran, as a snippet would).
    md = make_markdown()
    md.preprocessors.register(_AppendDirective(md), "append_directive", 1)
    with pytest.raises(CalculatorDirectiveError) as caught:
        md.convert("Tekst.")
    assert caught.value.line is None
    assert str(caught.value).startswith("ukjent kalkulator «nope»")


class _AppendDirective(markdown.preprocessors.Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return [*lines, "", "/// calculator | nope", "///"]


def test_a_calculator_that_leaves_out_a_result_fails_the_build() -> None:
    """A maintainer's calculator that forgets an output: the page would show an empty box."""

    def forgetful(calculator_id: str, inputs: Mapping[str, object]) -> Evaluation:
        evaluation = fake_evaluate(calculator_id, inputs)
        del evaluation["display"]["lifetime"]
        return evaluation

    directive = CalculatorExtension(
        catalogue=CATALOGUE, evaluate=forgetful, format_input_value=fake_format_input_value
    )
    with pytest.raises(CalculatorDirectiveError) as caught:
        markdown.Markdown(extensions=[directive]).convert("Tekst.\n\n/// calculator | toy\n///\n")
    assert caught.value.reason == "kalkulatoren «toy» ga ikke resultatet for lifetime"
    assert caught.value.line == 3


def test_an_unclosed_display_formula_is_left_as_written() -> None:
    html = markdown.markdown("Tekst.\n\n$$\nx = 1\n", extensions=["build_scripts.extension.mathml"])
    assert html == "<p>Tekst.</p>\n<p>$$\nx = 1</p>"
