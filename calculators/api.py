"""The two entry points: ``compute`` (the contract) and ``evaluate`` (what pages show).

The browser's Web Worker and the build-time renderer both call :func:`evaluate`, so a page
shows exactly the same text before and after Python has started in the browser.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NotRequired, TypedDict

from calculators.catalogue import CATALOGUE
from calculators.comparison import differences
from calculators.errors import ValidationError
from calculators.numbers import format_value
from calculators.table_data import DataTable
from calculators.validation import parse_inputs

if TYPE_CHECKING:
    from collections.abc import Mapping

    from calculators.spec import Calculator, Inputs, Output, Results, Table
    from calculators.table_report import DataReport

NO_RESULT = "Kalkulatoren klarte ikke å regne ut dette. Prøv andre tall."
UNEXPECTED = "Beregningen feilet uventet."
TOO_LARGE = "Tallene er for store til å regne med. Prøv mindre tall."
NO_DIMENSION = "ingen"
#: Shown for an output that does not apply to the inputs (``Output.may_be_empty``).
NOT_APPLICABLE = "–"


class TableData(TypedDict):
    """A :class:`calculators.spec.Table` as JSON-friendly lists.

    ``raw`` and ``units`` are the table's raw values and column units for a download
    (``calculators.export.table_csv``); both are empty lists for a table without them.
    """

    caption: str
    columns: list[str]
    rows: list[list[str]]
    raw: NotRequired[list[list[float | str | None]]]
    units: NotRequired[list[str]]


class Comparison(TypedDict):
    """Scenario A (the ``baseline``) beside scenario B (the ``inputs``).

    Attributes:
        display: Output name → A's formatted text, as ``Evaluation.display`` writes B's.
        differences: Output name → B − A in Norwegian with an explicit sign
            (``"+1 250,00 kr"``, ``"−3,0 prosentpoeng"``, ``"endret"``); see
            :func:`calculators.comparison.format_difference`.

    """

    display: dict[str, str]
    differences: dict[str, str]


class Evaluation(TypedDict):
    """What :func:`evaluate` returns; every value converts to JSON (``inf`` to ``Infinity``).

    Attributes:
        values: Output name → float or string, as ``compute`` returns them.
        display: Output name → formatted Norwegian text.
        errors: Field name (or ``""``) → Norwegian message; empty when the inputs are valid.
        svg: The chart as SVG markup, ``""`` if the calculator has none or on errors.
        table: The per-period or per-dimension table, ``None`` if none or on errors.
        steps: The worked steps, one Norwegian line each (see ``Calculator.steps``); empty
            on errors or for a calculator without them.
        comparison: Scenario A against these inputs when ``evaluate`` got a ``baseline`` and
            both are valid, else ``None``.
        data: Data field name → what was read from the reader's table (columns used, rows
            used, unreadable lines; see :class:`calculators.table_report.DataReport`),
            also when the inputs were rejected, as far as a table was read; empty for a
            calculator without data fields.

    """

    values: dict[str, float | str]
    display: dict[str, str]
    errors: dict[str, str]
    svg: str
    table: TableData | None
    steps: list[str]
    comparison: Comparison | None
    data: dict[str, DataReport]


def _calculator(calculator_id: object) -> Calculator:
    """Look up a calculator or raise a ``ValidationError`` keyed ``""``."""
    if isinstance(calculator_id, str) and calculator_id in CATALOGUE:
        return CATALOGUE[calculator_id]
    name = calculator_id if isinstance(calculator_id, str) else type(calculator_id).__name__
    known = ", ".join(CATALOGUE)
    raise ValidationError({"": f"Ukjent kalkulator «{name[:60]}». Kjente kalkulatorer: {known}."})


def data_reports(values: Inputs) -> dict[str, DataReport]:
    """Return data field name → the report of its table, for every data field in ``values``."""
    return {name: value.report() for name, value in values.items() if isinstance(value, DataTable)}


def run(calculator: Calculator, inputs: object) -> tuple[Inputs, dict[str, float | str]]:
    """Validate ``inputs`` and apply the formula.

    Args:
        calculator: The calculator.
        inputs: Raw inputs (see :func:`compute`).

    Returns:
        The validated inputs, and the outputs in display order.

    Raises:
        ValidationError: for invalid inputs, or (key ``""``) if the formula fails on them or
            produces NaN, or infinity where the output cannot be unlimited; with the
            reports of the tables read (``data``).

    """
    values = parse_inputs(calculator, inputs)
    try:
        results = calculator.formula(values)
    except ValidationError as error:
        raise ValidationError(error.errors, data=data_reports(values)) from None
    except ArithmeticError:
        raise ValidationError({"": NO_RESULT}, data=data_reports(values)) from None
    outputs = {o.name: results[o.name] for o in calculator.outputs}
    for output in calculator.outputs:
        value = outputs[output.name]
        if isinstance(value, float) and math.isnan(value):
            raise ValidationError({"": NO_RESULT}, data=data_reports(values))
        if isinstance(value, float) and math.isinf(value) and output.infinite_text is None:
            raise ValidationError({"": TOO_LARGE}, data=data_reports(values))
    return values, outputs


def compute(calculator_id: str, inputs: Mapping[str, object]) -> Mapping[str, float | str]:
    """Compute a calculator's outputs from what a reader typed.

    Args:
        calculator_id: A key of ``CATALOGUE``.
        inputs: Field name → number or text as typed (``"1 000"``, ``"12,5"``, ``"80 %"``);
            a missing field takes its default, unknown fields are ignored.

    Returns:
        Output name → float (``math.inf`` for unlimited, never NaN) or string, in the
        order of the calculator's outputs.

    Raises:
        ValidationError: for an unknown id (key ``""``) or invalid inputs (keyed by field).

    """
    return run(_calculator(calculator_id), inputs)[1]


def display_value(calculator: Calculator, output: Output, value: float | str) -> str:
    """Format one output value as the reader sees it.

    Dimension outputs show the dimension's label (``"ingen"`` for ``""``); an output that
    does not apply (``""``, ``Output.may_be_empty``) shows a dash; numbers go through
    :func:`calculators.numbers.format_value` with the output's decimals and infinity text.
    """
    if output.unit == "dimension" and isinstance(value, str):
        labels = dict(output.value_labels) | {f.name: f.label for f in calculator.fields}
        return labels.get(value, NO_DIMENSION) if value else NO_DIMENSION
    if value == "" and output.may_be_empty:
        return NOT_APPLICABLE
    return format_value(
        value, output.unit, output.decimals, infinite_text=output.infinite_text or "ubegrenset"
    )


def _display(calculator: Calculator, results: Mapping[str, float | str]) -> dict[str, str]:
    return {o.name: display_value(calculator, o, results[o.name]) for o in calculator.outputs}


def worked_steps(calculator: Calculator, values: Inputs, results: Results) -> list[str]:
    """Return the calculator's worked steps as a list, ``[]`` if it has none."""
    return list(calculator.steps(values, results)) if calculator.steps else []


def _comparison(
    calculator: Calculator, results: Mapping[str, float | str], baseline: object
) -> Comparison | None:
    """Compare ``results`` (scenario B) with the baseline's, or ``None`` if it is invalid."""
    try:
        _, before = run(calculator, baseline)
    except ValidationError:
        return None
    return {
        "display": _display(calculator, before),
        "differences": differences(calculator.outputs, results, before),
    }


def rejected(errors: Mapping[str, str], data: Mapping[str, DataReport] | None = None) -> Evaluation:
    """Return what :func:`evaluate` gives for inputs it cannot compute.

    Only the errors, and what was read from each data field (so the reader sees which
    column was used and which lines failed).
    """
    return {
        "values": {},
        "display": {},
        "errors": dict(errors),
        "svg": "",
        "table": None,
        "steps": [],
        "comparison": None,
        "data": dict(data or {}),
    }


def unexpected_failure() -> Evaluation:
    """Return what the browser shows if ``evaluate`` itself ever failed (it must not)."""
    return rejected({"": UNEXPECTED})


def table_data(table: Table) -> TableData:
    """Return a table as JSON-friendly lists (see :class:`TableData`)."""
    return {
        "caption": table.caption,
        "columns": list(table.columns),
        "rows": [list(row) for row in table.rows],
        "raw": [list(row) for row in table.raw_rows],
        "units": list(table.units),
    }


def evaluate(
    calculator_id: str,
    inputs: Mapping[str, object],
    *,
    baseline: Mapping[str, object] | None = None,
) -> Evaluation:
    """Compute and format everything a page shows; never raises.

    Args:
        calculator_id: A key of ``CATALOGUE``.
        inputs: As for :func:`compute` (scenario B when comparing).
        baseline: Scenario A, inputs of the same shape, or ``None`` for no comparison.

    Returns:
        ``values`` and ``display`` per output, ``errors`` per field, the chart ``svg``, the
        ``table``, the worked ``steps``, the ``comparison`` with the baseline and the
        ``data`` read from each data field. With errors, only ``errors`` and ``data`` are
        filled; ``comparison`` is ``None`` unless both the inputs and the baseline are
        valid.

    """
    try:
        calculator = _calculator(calculator_id)
        values, results = run(calculator, inputs)
    except ValidationError as error:
        return rejected(error.errors, error.data)
    table = calculator.table(values, results) if calculator.table else None
    return {
        "values": results,
        "display": _display(calculator, results),
        "errors": {},
        "svg": calculator.chart(values, results) if calculator.chart else "",
        "table": None if table is None else table_data(table),
        "steps": worked_steps(calculator, values, results),
        "comparison": None if baseline is None else _comparison(calculator, results, baseline),
        "data": data_reports(values),
    }
