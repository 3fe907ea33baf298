"""What a calculator is: the typed spec that pages, forms, the worker and tests share.

A calculator is one module that builds a :class:`Calculator` and one entry in
``calculators.catalogue``. Everything a page needs (labels, units, bounds, defaults, the
formula, sources and caveats) lives here so the form, the pre-rendered results, share links
and tests all follow from the spec alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from calculators.table_data import DataTable

#: Units the reader sees. ``"%"`` values are percentages (80 means 80 %), ``"pp"`` are
#: percentage points, ``"kr"`` kroner, ``"count"`` whole things (customers, answers),
#: ``"periods"``/``"months"`` durations, ``"ratio"`` a multiple (3.2 means 3,2 : 1),
#: ``"score"`` a 1–7 self-assessment answer, ``"points"`` NPS points and index values,
#: ``"choice"`` one of ``Field.choices``, ``"dimension"`` a field name of the calculator (or a
#: key of ``Output.value_labels``), ``"data"`` a table the reader pastes or picks as a file
#: (see :class:`Column`), ``"date"`` a calendar date (``31.12.2025``), ``"text"`` a sentence.
Unit = Literal[
    "kr",
    "%",
    "pp",
    "count",
    "periods",
    "months",
    "ratio",
    "score",
    "points",
    "choice",
    "dimension",
    "data",
    "date",
    "text",
]

#: What a column of the reader's table holds: whole numbers, numbers, dates or any text.
ColumnKind = Literal["integer", "number", "date", "text"]

#: What each unit is called in Norwegian (the maintainers' reference names them so).
UNIT_NAMES: Mapping[str, str] = {
    "kr": "kroner",
    "%": "prosent",
    "pp": "prosentpoeng",
    "count": "antall",
    "periods": "perioder",
    "months": "måneder",
    "ratio": "forholdstall (x : 1)",
    "score": "svar 1–7",
    "points": "poeng",
    "choice": "valg",
    "dimension": "navn på et felt",
    "data": "tabell (limt inn eller fra fil)",
    "date": "dato",
    "text": "tekst",
}

#: Parsed, validated inputs as the formula functions receive them. ``None`` only for an
#: optional field left empty; a ``"data"`` field's value is the table read from it
#: (:class:`calculators.table_data.DataTable`), a ``"date"`` field's an ISO date text.
Inputs = Mapping[str, "float | str | DataTable | None"]
#: What a formula function returns: floats (``math.inf`` for "unlimited", never NaN) or
#: strings for categorical outputs.
Results = Mapping[str, float | str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    """One column a data field looks for in the reader's table (see ``calculators.table_data``).

    Attributes:
        role: Stable id of what the column holds (``"answer"``, ``"date"``, ``"start"``); the
            reader's own choice of column comes in as the raw input ``"<field>:<role>"``.
        label: Norwegian name of the role, shown beside its column choice ("Svar (0–10)").
        names: Header names that mean this column, Norwegian and English, matched without
            regard to case, spacing and punctuation; a header that holds one of them as
            whole words ("Hvor sannsynlig er det at du vil anbefale oss?") matches too.
        kind: What a cell must hold.
        optional: Whether the table may lack the column.
        minimum: Smallest allowed number (inclusive), for ``integer`` and ``number``.
        maximum: Largest allowed number (inclusive), for ``integer`` and ``number``.
        guess: Whether, when no header names it, the column may be chosen by its content.
        if_blank: What a blank cell in this (not optional) column does to its row:
            ``"skip"`` it (not an answer; counted as blank), ``"list"`` it as unreadable,
            or ``"keep"`` it with the value ``None``. A row whose chosen cells are all
            blank is always skipped.
        when: The values of the field's ``column_choice`` for which the column is looked
            for; empty means always.

    """

    role: str
    label: str
    names: tuple[str, ...]
    kind: ColumnKind
    optional: bool = False
    minimum: float | None = None
    maximum: float | None = None
    guess: bool = True
    if_blank: Literal["skip", "list", "keep"] = "skip"
    when: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Field:
    """One input of a calculator form.

    Attributes:
        name: Form field name and key in ``inputs`` (``margin_per_period``).
        label: Norwegian label shown beside the input.
        unit: Unit of the value the reader types.
        default: Value the page shows before anyone types; ``None`` means empty.
        help: One Norwegian sentence shown under the input.
        minimum: Smallest allowed value (inclusive), ``None`` for no bound.
        maximum: Largest allowed value (inclusive), ``None`` for no bound.
        integer: Whether only whole numbers are allowed.
        optional: Whether an empty value is allowed (it then reaches the formula as ``None``).
        choices: ``(value, label)`` pairs for ``unit="choice"`` fields.
        scale_ends: For ``unit="score"``: what the lowest and the highest answer mean, in
            words ("svært dårlig", "svært godt"); forms name the ends of the scale with them.
        columns: For ``unit="data"``: the columns to look for in the reader's table. The
            value of such a field is text (pasted cells, a typed CSV) or bytes (a file),
            and its default is the calculator's made-up sample data.
        column_choice: For ``unit="data"``: the choice field whose value picks the columns
            (those whose ``Column.when`` holds it); ``None`` when all columns always apply.
        samples: For a data field with a ``column_choice``: ``(choice value, sample)``
            pairs, the made-up sample that has that choice's columns. ``default`` is the one
            for the choice field's default; :meth:`default_for` picks the others.

    """

    name: str
    label: str
    unit: Unit
    default: float | str | None
    help: str = ""
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    optional: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    scale_ends: tuple[str, str] | None = None
    columns: tuple[Column, ...] = ()
    column_choice: str | None = None
    samples: tuple[tuple[str, str], ...] = ()

    def default_for(self, chosen: Mapping[str, object]) -> float | str | None:
        """Return the default given other fields' values: a data field follows its choice."""
        if self.column_choice is None or self.column_choice not in chosen:
            return self.default
        return dict(self.samples).get(str(chosen[self.column_choice]), self.default)


@dataclass(frozen=True, slots=True, kw_only=True)
class Output:
    """One result of a calculator.

    Attributes:
        name: Key in the mapping ``compute`` returns.
        label: Norwegian label shown beside the result.
        unit: Unit used to format the value.
        help: How to read the result, in one or two Norwegian sentences.
        decimals: Decimals shown when formatting (kroner default to 2 in the formatter).
        infinite_text: What the reader sees when the value is ``math.inf`` ("ubegrenset",
            or "aldri" for a payback time); ``None`` for outputs that are always finite.
        shown_in_table: Whether the form shows the value as a column of the calculator's
            table instead of as a result of its own; ``compute`` returns it either way.
        value_labels: For ``unit="dimension"`` outputs whose values are not field names of
            the calculator: ``(value, Norwegian label)`` pairs the page shows instead.
        may_be_empty: Whether the value is ``""`` where the output does not apply to the
            inputs (a dimension the chosen model lacks, a change without dates); the page
            shows a dash.

    """

    name: str
    label: str
    unit: Unit
    help: str = ""
    decimals: int | None = None
    infinite_text: str | None = None
    shown_in_table: bool = False
    value_labels: tuple[tuple[str, str], ...] = ()
    may_be_empty: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    """A small table of formatted Norwegian text, shown under a calculator's results.

    Attributes:
        caption: Norwegian caption saying what the rows are (and what is left out).
        columns: Column headings.
        rows: One tuple of already formatted cells per row, as long as ``columns``.
        raw_rows: The same cells as raw values for a download (``calculators.export``):
            numbers as floats in the unit ``units`` names, text as text, ``None`` for an
            empty cell; empty when the table has no raw values (the download then reads
            the formatted cells).
        units: Per column, the unit of its raw numbers as a download's header writes it
            after the heading ("%", "poeng", "kr"), ``""`` for none; empty for no units.

    """

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    raw_rows: tuple[tuple[float | str | None, ...], ...] = ()
    units: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Mistake:
    """A typical wrong way to compute one of a calculator's outputs by hand.

    Exercises (:mod:`calculators.exercises`) compare a wrong answer with the answer each
    mistake leads to, so the hint can name the mistake the student made.

    Attributes:
        output: The output the mistake gets wrong.
        hint: Norwegian: what the student seems to have done, and what to do instead.
        wrong_answer: From the task's validated inputs and the right results, the answer the
            mistake leads to; ``None`` where the mistake does not apply to these inputs.

    """

    output: str
    hint: str
    wrong_answer: Callable[[Inputs, Results], float | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class Calculator:
    """A calculator: its page-facing text, its form and its formula.

    Attributes:
        id: Stable id used in URLs, the directive and ``compute`` (``retention_rate``).
        title: Norwegian title.
        intro: One or two Norwegian sentences: what question the calculator answers.
        fields: The inputs, in form order.
        outputs: The contract outputs, in display order.
        formulas: The formulas as TeX strings, rendered to MathML at build time.
        method: Norwegian Markdown explaining how the numbers are computed.
        sources: Full references in Norwegian citation style.
        caveats: Norwegian sentences on the limits of the result.
        formula: Pure function from validated inputs to results; never raises for inputs
            that passed field validation except ``ValidationError`` for cross-field rules.
        chart: Optional pure function from validated inputs and results to an SVG chart
            (a string), ``None`` if the calculator has no chart.
        table: Optional pure function from validated inputs and results to a per-period or
            per-dimension :class:`Table`, ``None`` if the calculator has no table.
        mistakes: Typical mistakes made computing its outputs by hand (for exercises).
        steps: Optional pure function from validated inputs and results to the worked
            steps, one line of Norwegian text each: the main formula with the reader's
            numbers first ("1 000 kr · 0,80 / (1 + 0,10 − 0,80) = 2 666,67 kr"), then the
            intermediate results, numbers written as the results are. An unlimited value
            is said in words, never "inf" or "nan". ``None`` if the calculator has none.

    """

    id: str
    title: str
    intro: str
    fields: tuple[Field, ...]
    outputs: tuple[Output, ...]
    formulas: tuple[str, ...]
    method: str
    sources: tuple[str, ...]
    caveats: tuple[str, ...] = ()
    formula: Callable[[Inputs], Results]
    chart: Callable[[Inputs, Results], str] | None = None
    table: Callable[[Inputs, Results], Table] | None = None
    steps: Callable[[Inputs, Results], tuple[str, ...]] | None = None
    mistakes: tuple[Mistake, ...] = ()

    def field(self, name: str) -> Field:
        """Return the field called ``name``.

        Raises:
            KeyError: if the calculator has no such field.

        """
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)

    def defaults(self, chosen: Mapping[str, object] | None = None) -> dict[str, float | str | None]:
        """Return the default value of every field, as a page shows them before typing.

        ``chosen`` holds values set for some fields (a page's options): a data field whose
        columns follow a choice then gets that choice's sample (:meth:`Field.default_for`).
        """
        values = {f.name: f.default for f in self.fields} | dict(chosen or {})
        return {f.name: f.default_for(values) for f in self.fields}
