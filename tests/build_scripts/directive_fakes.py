"""Small fake calculators and the site's Markdown set-up for the directive's tests.

The fakes are built with the real spec dataclasses, so the HTML follows the real spec
shape, while the numbers and their formatting stay ours: the golden files do not change
when the real calculators do.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import markdown

from build_scripts.extension.directive import CalculatorExtension
from calculators.spec import Calculator, Field, Inputs, Output, Results, Table

if TYPE_CHECKING:
    from collections.abc import Mapping

    from calculators.api import Evaluation


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


def toy_chart(inputs: Inputs, results: Results) -> str:
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
    chart=toy_chart,
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
