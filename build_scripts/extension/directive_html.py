"""The calculator form as an element tree: the page contract's HTML, built from a spec.

The directive (:mod:`build_scripts.extension.directive`) decides *what* to show (which calculator,
which values, which build-time results); this module decides *how* it looks in HTML. Every
piece of spec text enters the tree as element text or an attribute value, so the serializer
escapes it; the only raw markup is the chart SVG and the formulas' MathML, which are trusted
build output and go through Markdown's HTML stash untouched.

What the browser glue may rely on:

- ``form.calculator``: ``data-calculator`` (id), ``data-state`` (``static`` at build time).
- Each field, in a ``.calculator-field[data-field=NAME]``: ``input[name]`` or
  ``select[name]`` (``defaultValue``/``defaultSelected``: what a reset returns to), or, for a 1–7
  answer, a ``fieldset.calculator-scale`` of radio buttons sharing the name (the page's
  answer ``checked``); ``form.elements.namedItem(NAME).value`` reads and sets either.
  Each control's ``aria-describedby`` already points at its
  ``.calculator-error[data-field=NAME]`` slot (``hidden``, empty).
- A data field (the reader's own table): ``textarea[name]``, a file picker and a column
  choice per role; see :mod:`build_scripts.extension.data_field`.
- ``.calculator-error[data-field=""]``: errors that belong to no single field.
- ``output[name]``: one per result, labelled, text filled at build time; not live regions.
  Results the calculator shows as a column of its table (``Output.shown_in_table``) have
  none.
- ``.calculator-worked .calculator-steps``: "Slik regnet vi det", one ``<li>`` per worked
  step for the values in the form.
- ``.calculator-comparison`` (``hidden``): a region with a captioned, empty table the
  script fills with scenario A beside B while ``button[data-action=compare]``
  (``aria-pressed``) is pressed.
- ``.calculator-chart-image`` (inline SVG) and ``.calculator-table`` (holds one
  ``<table>``), inside ``figure.calculator-chart``; present only if the calculator has them.
  A filled ``.calculator-table`` is a focusable region named by the table's ``<caption>``
  (keep the caption element, change its text).
- ``.calculator-live``, right under the results' title, in space kept for it: the
  ``.calculator-status`` line (``role="status"``, the one polite announcement per change),
  the ``.calculator-progress`` bar with its ``.calculator-progress-label`` (``hidden`` until
  Python loads) and ``button[data-action=retry]`` (``hidden`` until Python fails to start).
- In each result, ``.calculator-result-note`` (``hidden``): shown while the results on
  screen were computed for the page's own values, not for what the reader has typed.
- ``button[type=reset]``, ``button[data-action=share]`` and ``button[data-action=compare]``
  (the last two ``hidden`` until wired).
- Table cells carry ``data-label`` (their column's name), which a phone shows beside each
  value when it stacks the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

from markdown.util import AtomicString

from build_scripts.extension.elements import add
from build_scripts.extension.form_fields import add_field

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from calculators.api import Evaluation, TableData
    from calculators.spec import Calculator, Output

INPUTS_LEGEND = "Forutsetninger"
RESULTS_TITLE = "Resultat"
RESET_LABEL = "Tilbakestill"
SHARE_LABEL = "Del resultatet"
COMPARE_LABEL = "Sammenlign"
DOWNLOAD_TABLE = "Last ned tabellen (CSV)"
DOWNLOAD_CHART = "Last ned diagrammet (SVG)"
#: The worked calculation with the values in the form, under the results.
WORKED_SUMMARY = "Slik regnet vi det"
COMPARISON_CAPTION = (
    "A er tallene da du trykket «Sammenlign», B er tallene i skjemaet nå. Endring er B minus A."
)
COMPARISON_COLUMNS = ("Resultat", "A", "B", "Endring")
METHOD_SUMMARY = "Slik regner vi"
CAVEATS_HEADING = "Forbehold"
SOURCES_HEADING = "Kilder"
#: The status line before any script runs; the browser glue replaces it. Readers without
#: JavaScript keep it, and it is true for them too.
STATIC_STATUS = "Resultatene er regnet ut på forhånd med verdiene i skjemaet."
PROGRESS_LABEL = "Laster kalkulatoren …"
RETRY_LABEL = "Prøv igjen"
#: Beside a result computed for the page's own values while the reader's differ.
DEFAULTS_NOTE = "gjelder standardverdiene"


@dataclass(frozen=True, slots=True, kw_only=True)
class FormContent:
    """Everything one form shows, decided by the directive.

    Attributes:
        calculator: The spec the form follows.
        id_prefix: Prefix unique on the page for every ``id`` in the form.
        title: Heading text (the spec's title unless the page overrides it).
        heading_level: 1–6, so the title fits the page's outline.
        input_text: Field name → the text for ``<input value>`` (or the selected choice).
        evaluation: The build-time results for exactly those inputs.
        show_method: Whether to include the "Slik regner vi" section.
    """

    calculator: Calculator
    id_prefix: str
    title: str
    heading_level: int
    input_text: Mapping[str, str]
    evaluation: Evaluation
    show_method: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Renderers:
    """Hooks into the Markdown instance and the formula converter.

    Attributes:
        stash: Stores trusted raw HTML and returns a placeholder to put in element text.
        markdown_into: Parses Markdown block text into the given element.
        formula_markup: Turns one TeX formula into display MathML.
    """

    stash: Callable[[str], str]
    markdown_into: Callable[[Element, str], None]
    formula_markup: Callable[[str], str]


def build_form(content: FormContent, renderers: Renderers) -> Element:
    """Build the whole ``<form class="calculator">`` element.

    Args:
        content: What to show.
        renderers: How to turn Markdown, TeX and raw SVG into page content.

    Returns:
        The form element, not yet attached to the document.
    """
    calculator, prefix = content.calculator, content.id_prefix
    form = Element(
        "form",
        {
            "class": "calculator",
            "id": prefix,
            "data-calculator": calculator.id,
            "data-state": "static",
            "novalidate": "novalidate",
            "aria-labelledby": f"{prefix}-title",
            # The form is interface, repeated wherever the calculator is embedded; left in
            # the search index it would outrank the pages that explain the concept. (The
            # MkDocs plugin keeps its title searchable: mkdocs_plugin/search_stub.py.)
            "data-search-exclude": "",
        },
    )
    add(
        form,
        f"h{content.heading_level}",
        {"class": "calculator-title", "id": f"{prefix}-title"},
        content.title,
    )
    if calculator.intro:
        add(form, "p", {"class": "calculator-intro"}, calculator.intro)

    fieldset = add(form, "fieldset", {"class": "calculator-inputs"})
    add(fieldset, "legend", None, INPUTS_LEGEND)
    reports = content.evaluation.get("data", {})
    for field in calculator.fields:
        add_field(fieldset, field, prefix, content.input_text[field.name], reports.get(field.name))

    input_ids = " ".join(f"{prefix}-{field.name}" for field in calculator.fields)
    has_data = any(field.unit == "data" for field in calculator.fields)
    _add_results(form, content, input_ids, renderers)
    if has_data:
        # Links the reader's data leads to (retention → the lifetime value calculator).
        add(form, "p", {"class": "calculator-data-links", "hidden": "hidden"})

    # Errors that belong to no single field (a rule across fields, Python failing).
    add(
        form,
        "p",
        {
            "class": "calculator-error",
            "data-field": "",
            "id": f"{prefix}-error",
            "hidden": "hidden",
        },
    )
    actions = add(form, "div", {"class": "calculator-actions"})
    add(actions, "button", {"type": "reset"}, RESET_LABEL)
    # Hidden until the script can copy a link or compare; without JavaScript they would
    # do nothing. "Sammenlign" is a toggle: aria-pressed says whether A is kept.
    add(
        actions,
        "button",
        {"type": "button", "data-action": "share", "hidden": "hidden"},
        SHARE_LABEL,
    )
    if has_data:
        # The results as files for the reader's own use, made in the browser.
        add(
            actions,
            "button",
            {"type": "button", "data-action": "download-table", "hidden": "hidden"},
            DOWNLOAD_TABLE,
        )
        if calculator.chart is not None:
            add(
                actions,
                "button",
                {"type": "button", "data-action": "download-chart", "hidden": "hidden"},
                DOWNLOAD_CHART,
            )
    else:
        # Comparing two tables would keep the reader's first data after they replaced it.
        compare = {"type": "button", "data-action": "compare", "aria-pressed": "false"}
        add(actions, "button", compare | {"hidden": "hidden"}, COMPARE_LABEL)
    has_method = calculator.formulas or calculator.method.strip() or calculator.sources
    if content.show_method and (has_method or calculator.caveats):
        _add_method(form, calculator, renderers)
    return form


def _add_results(form: Element, content: FormContent, input_ids: str, renderers: Renderers) -> None:
    """Append the labelled outputs, filled with build-time results, and the chart."""
    prefix = content.id_prefix
    title_id = f"{prefix}-results-title"
    results = add(
        form,
        "div",
        {"class": "calculator-results", "role": "group", "aria-labelledby": title_id},
    )
    add(results, "p", {"class": "calculator-results-title", "id": title_id}, RESULTS_TITLE)
    _add_live_area(results, prefix)
    outputs = add(results, "dl", {"class": "calculator-outputs"})
    for output in content.calculator.outputs:
        # Shown as a column of the table instead (a self-assessment's dimension scores).
        if output.shown_in_table:
            continue
        _add_output(outputs, output, prefix, input_ids, content.evaluation["display"][output.name])
    _add_comparison(results, prefix)
    _add_worked_steps(results, content.evaluation["steps"])

    calculator = content.calculator
    if calculator.chart is None and calculator.table is None:
        return
    figure = add(results, "figure", {"class": "calculator-chart"})
    if calculator.chart is not None:
        image = add(figure, "div", {"class": "calculator-chart-image"})
        svg = content.evaluation["svg"]
        if svg:
            image.text = AtomicString(renderers.stash(svg))
    if calculator.table is not None:
        holder = add(figure, "div", {"class": "calculator-table"})
        table = content.evaluation["table"]
        if table is not None:
            caption_id = f"{prefix}-table-caption"
            # Wider than a phone's screen, the table scrolls sideways: a region the keyboard
            # can focus (WCAG 2.1.1), named by the caption, lets everyone scroll it.
            holder.set("role", "region")
            holder.set("tabindex", "0")
            holder.set("aria-labelledby", caption_id)
            _add_table(holder, table, caption_id)


def _add_comparison(parent: Element, prefix: str) -> None:
    """Append the comparison of scenarios A and B: an empty table the script fills.

    Hidden until the reader presses "Sammenlign"; the caption names the table's region.
    """
    caption_id = f"{prefix}-comparison-caption"
    holder = add(
        parent,
        "div",
        {
            "class": "calculator-comparison",
            "role": "region",
            "tabindex": "0",
            "aria-labelledby": caption_id,
            "hidden": "hidden",
        },
    )
    columns = list(COMPARISON_COLUMNS)
    empty: TableData = {"caption": COMPARISON_CAPTION, "columns": columns, "rows": []}
    _add_table(holder, empty, caption_id)


def _add_worked_steps(parent: Element, steps: Sequence[str]) -> None:
    """Append the worked calculation for the form's values, one step per list item."""
    details = add(parent, "details", {"class": "calculator-worked"})
    add(details, "summary", None, WORKED_SUMMARY)
    listing = add(details, "ol", {"class": "calculator-steps"})
    for step in steps:
        add(listing, "li", None, step)


def _add_live_area(parent: Element, prefix: str) -> None:
    """Append the status line, the progress bar and the retry button, in one kept space.

    The bar and the status line share the space (CSS stacks them), so nothing below moves
    when Python is ready and the bar gives way to the status line.
    """
    live = add(parent, "div", {"class": "calculator-live"})
    progress = add(live, "div", {"class": "calculator-progress", "hidden": "hidden"})
    label_id = f"{prefix}-progress-label"
    add(progress, "progress", {"max": "1", "value": "0", "aria-labelledby": label_id})
    add(progress, "span", {"class": "calculator-progress-label", "id": label_id}, PROGRESS_LABEL)
    add(
        live,
        "p",
        {"class": "calculator-status", "role": "status", "aria-live": "polite"},
        STATIC_STATUS,
    )
    retry = {"type": "button", "data-action": "retry", "hidden": "hidden"}
    add(live, "button", retry, RETRY_LABEL)


def _add_output(parent: Element, output: Output, prefix: str, input_ids: str, display: str) -> None:
    """Append one ``<dt>``/``<dd>`` pair: label, ``<output>`` and how to read it."""
    output_id = f"{prefix}-result-{output.name}"
    group = add(parent, "div", {"class": "calculator-result", "data-output": output.name})
    term = add(group, "dt")
    add(term, "label", {"for": output_id}, output.label)
    detail = add(group, "dd")
    attributes = {
        "id": output_id,
        "name": output.name,
        "for": input_ids,
        # One announcement per recompute comes from the status line; <output> is a live
        # region by default and six of them would talk over each other.
        "aria-live": "off",
    }
    if output.help:
        attributes["aria-describedby"] = f"{output_id}-help"
    add(detail, "output", attributes, display)
    add(detail, "span", {"class": "calculator-result-note", "hidden": "hidden"}, DEFAULTS_NOTE)
    if output.help:
        add(
            detail, "p", {"class": "calculator-output-help", "id": f"{output_id}-help"}, output.help
        )


def _add_table(parent: Element, table: TableData, caption_id: str) -> None:
    """Append a captioned table with column headers.

    The chart's text alternative, or the comparison's frame, which the script fills.
    """
    element = add(parent, "table")
    add(element, "caption", {"id": caption_id}, table["caption"])
    header_row = add(add(element, "thead"), "tr")
    for column in table["columns"]:
        add(header_row, "th", {"scope": "col"}, column)
    body = add(element, "tbody")
    for row in table["rows"]:
        row_element = add(body, "tr")
        # The column's name beside each cell when a phone stacks the rows (CSS ::before).
        for column, cell in zip(table["columns"], row, strict=True):
            add(row_element, "td", {"data-label": column}, cell)


def _add_method(form: Element, calculator: Calculator, renderers: Renderers) -> None:
    """Append "Slik regner vi": formulas, the method, caveats and sources."""
    details = add(form, "details", {"class": "calculator-method"})
    add(details, "summary", None, METHOD_SUMMARY)
    if calculator.formulas:
        formulas = add(details, "div", {"class": "calculator-formulas"})
        for tex in calculator.formulas:
            formula = add(formulas, "div", {"class": "calculator-formula"})
            formula.text = AtomicString(renderers.stash(renderers.formula_markup(tex)))
    if calculator.method.strip():
        method = add(details, "div", {"class": "calculator-method-text"})
        renderers.markdown_into(method, calculator.method)
    _add_list(details, CAVEATS_HEADING, "calculator-caveats", calculator.caveats)
    _add_list(details, SOURCES_HEADING, "calculator-sources", calculator.sources)


def _add_list(parent: Element, heading: str, css_class: str, items: Sequence[str]) -> None:
    """Append a small titled list; a ``<p>`` title, so the page's table of contents stays clean."""
    if not items:
        return
    add(parent, "p", {"class": "calculator-method-heading"}, heading)
    listing = add(parent, "ul", {"class": css_class})
    for item in items:
        add(listing, "li", None, item)
