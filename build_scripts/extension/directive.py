"""Python-Markdown extension: one line of Markdown becomes a calculator form.

A maintainer writes::

    /// calculator | customer_lifetime_value
        retention_rate: 90
        title: Hva er en lojal kunde verdt?
    ///

and the page gets the calculator's form (see :mod:`build_scripts.extension.directive_html`) with the
results for those values computed at build time by the same ``evaluate`` the browser runs.
The lines between the opening and the closing ``///`` are optional YAML (indented or not):
a field name overrides that field's default on this page; ``title`` replaces the heading;
``show_method: false`` leaves out "Slik regner vi". The syntax is that of
``pymdownx.blocks``, so it nests in its containers (give the outer one more slashes).

An unknown calculator, an unknown option or a value the calculator rejects raises
:class:`CalculatorDirectiveError` with the line number, so the build fails and says where
(the block machinery every directive shares is :mod:`build_scripts.extension.blocks`).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from markdown.extensions import Extension

from build_scripts.extension import grammar, state_links
from build_scripts.extension.blocks import (
    Block,
    DirectiveBlockProcessor,
    DirectiveLinePreprocessor,
    PageState,
    ReportError,
)
from build_scripts.extension.directive_html import FormContent, Renderers, build_form
from build_scripts.extension.directive_options import (
    CalculatorDirectiveError,
    Located,
    page_settings,
    parse_options,
    raise_rejected,
)
from build_scripts.extension.exercise import ExerciseBlockProcessor
from build_scripts.extension.mathml import tex_to_mathml
from build_scripts.extension.quiz import QuizBlockProcessor
from build_scripts.extension.reference import ReferencePreprocessor

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from markdown import Markdown

    from calculators.api import Evaluation
    from calculators.spec import Calculator, Field

#: ``evaluate(calculator_id, inputs)``: the build-time results; never raises.
type Evaluate = Callable[[str, Mapping[str, object]], Evaluation]
#: ``format_input_value(field, value)``: the text for ``<input value>``.
FormatInputValue = Callable[["Field", float | str | None], str]

DEFAULT_HEADING_LEVEL = 2


@dataclass(frozen=True, slots=True)
class _Api:
    """The calculators package's functions the directive calls."""

    catalogue: Mapping[str, Calculator]
    evaluate: Evaluate
    format_input_value: FormatInputValue


class CalculatorBlockProcessor(DirectiveBlockProcessor):
    """Turns a ``/// calculator | id`` block into a calculator form."""

    NAME = grammar.CALCULATOR
    CALLED = "kalkulatoren"

    def __init__(self, md: Markdown, extension: CalculatorExtension) -> None:
        """Remember the extension for its API and settings."""
        super().__init__(md, extension.state, extension.report_error)
        self.extension = extension

    def render(self, parent: Element, block: Block) -> Element:  # noqa: ARG002 - the base's API
        """Validate the options against the calculator and build its form."""
        options = parse_options(block.body, block.first_body_line, block.line)
        return self._render(block.opening.argument, options, block.line, self._heading_level())

    def _heading_level(self) -> int:
        """One level below the last heading so far, so the title fits the page's outline."""
        last: int | None = None
        pending = [self.parser.root]
        while pending:
            element = pending.pop()
            if element.tag == "form" and "calculator" in element.get("class", "").split():
                continue  # an earlier calculator's own title is not part of the outline
            if isinstance(element.tag, str) and re.fullmatch(r"h[1-6]", element.tag):
                last = int(element.tag[1])
            pending.extend(reversed(element))
        return DEFAULT_HEADING_LEVEL if last is None else min(last + 1, 6)

    def _render(
        self, written_id: str, options: Mapping[str, Located], line: int | None, level: int
    ) -> Element:
        """Validate the options against the calculator and build its form."""
        api = self.extension.api
        if not written_id:
            reason = "skriv hvilken kalkulator du vil ha: /// calculator | id"
            raise CalculatorDirectiveError(reason, line)
        calculator = api.catalogue.get(written_id)
        if calculator is None:
            reason = (
                f"ukjent kalkulator «{written_id}» (kjente: {', '.join(sorted(api.catalogue))})"
            )
            raise CalculatorDirectiveError(reason, line)
        page = page_settings(
            calculator, options, show_method_default=self.extension.show_method_default
        )
        inputs = {**calculator.defaults(page.overrides), **page.overrides}
        evaluation = api.evaluate(calculator.id, inputs)
        if evaluation["errors"]:
            raise_rejected(calculator, evaluation["errors"], options, line)
        missing = [o.name for o in calculator.outputs if o.name not in evaluation["display"]]
        if missing:
            reason = f"kalkulatoren «{calculator.id}» ga ikke resultatet for {', '.join(missing)}"
            raise CalculatorDirectiveError(reason, line)

        number = self.state.next_number(self.NAME)
        content = FormContent(
            calculator=calculator,
            id_prefix=f"{calculator.id}-{number}",
            title=page.title,
            heading_level=level,
            input_text={
                f.name: _input_text(f, inputs[f.name], api.format_input_value)
                for f in calculator.fields
            },
            evaluation=evaluation,
            show_method=page.show_method,
        )
        renderers = Renderers(
            stash=self.md.htmlStash.store,
            markdown_into=self.parser.parseChunk,
            formula_markup=formula_markup,
        )
        return build_form(content, renderers)


def formula_markup(tex: str) -> str:
    """Return one spec formula as display MathML (the site's single TeX converter)."""
    return tex_to_mathml(tex, display=True)


def _input_text(field: Field, value: float | str | None, formatter: FormatInputValue) -> str:
    """Return the form text for a value; a choice written by its label selects its value."""
    if field.choices and isinstance(value, str):
        wanted = value.strip().casefold()
        for choice, label in field.choices:
            if wanted in {choice.casefold(), label.casefold()}:
                return choice
    return formatter(field, value)


class CalculatorExtension(Extension):
    """Registers the site's directives: calculators, quizzes, exercises and the reference.

    The calculators package is a keyword argument so tests (and other sites) can bring
    their own; by default it is imported on the first directive, so pages without one build
    even where the package is missing.
    """

    def __init__(
        self,
        *,
        catalogue: Mapping[str, Calculator] | None = None,
        evaluate: Evaluate | None = None,
        format_input_value: FormatInputValue | None = None,
        report_error: ReportError | None = None,
        **kwargs: Any,  # noqa: ANN401 - Python-Markdown's configuration mapping
    ) -> None:
        """Take the calculators API (optional) and the Markdown configuration.

        Args:
            catalogue: Calculator id → spec; default ``calculators.CATALOGUE``.
            evaluate: Build-time results; default ``calculators.evaluate``.
            format_input_value: Input text; default ``calculators.format_input_value``.
            report_error: Turns a directive error into the exception to raise, so a host
                (the MkDocs plugin) can name the page and fail the build its own way.
            **kwargs: ``show_method`` (bool, default ``True``): include "Slik regner vi"
                unless a directive says otherwise.

        """
        self.config = {
            "show_method": [True, "Include the 'Slik regner vi' section by default"],
        }
        super().__init__(**kwargs)
        self._given = (catalogue, evaluate, format_input_value)
        self.report_error = report_error
        self._api: _Api | None = None
        self.state = PageState()

    @property
    def show_method_default(self) -> bool:
        """Whether forms include "Slik regner vi" unless the directive says otherwise."""
        return bool(self.getConfig("show_method"))

    @property
    def api(self) -> _Api:
        """The catalogue and functions in use, importing ``calculators`` on first need."""
        if self._api is None:
            catalogue, evaluate, format_input_value = self._given
            if catalogue is None or evaluate is None or format_input_value is None:
                package = importlib.import_module("calculators")
                if catalogue is None:
                    catalogue = cast("Mapping[str, Calculator]", package.CATALOGUE)
                if evaluate is None:
                    evaluate = cast("Evaluate", package.evaluate)
                if format_input_value is None:
                    format_input_value = cast("FormatInputValue", package.format_input_value)
            self._api = _Api(catalogue, evaluate, format_input_value)
        return self._api

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - name fixed by Python-Markdown
        """Register the line recorder, the block processor and the state links' steps."""
        md.registerExtension(self)
        # Before snippets (32), fences (25) and raw HTML (20) change the number of lines.
        md.preprocessors.register(DirectiveLinePreprocessor(md, self.state), "directive_lines", 35)
        # Below pymdownx.blocks (89.99), which must route a nested directive into its open
        # container first; above indented code (80).
        md.parser.blockprocessors.register(CalculatorBlockProcessor(md, self), "calculator", 89.5)
        quiz = QuizBlockProcessor(md, self.state, self.report_error)
        md.parser.blockprocessors.register(quiz, "quiz", 89.4)
        exercise = ExerciseBlockProcessor(md, self.state, self.report_error)
        md.parser.blockprocessors.register(exercise, "exercise", 89.3)
        # Links that open a calculator with values filled in (see .state_links).
        state_links.register(md, lambda: self.api.catalogue, self.report_error)
        # The maintainers' reference page; before fences (25), which its code blocks need.
        reference = ReferencePreprocessor(md, lambda: self.api.catalogue)
        md.preprocessors.register(reference, "calculator_reference", 36)

    def reset(self) -> None:
        """Start numbering forms from 1 on the next page (MkDocs reuses the instance)."""
        self.state.clear()


def makeExtension(**kwargs: Any) -> CalculatorExtension:  # noqa: N802, ANN401 - Markdown's API
    """Return the extension, as Python-Markdown expects."""
    return CalculatorExtension(**kwargs)


__all__ = ["CalculatorDirectiveError", "CalculatorExtension", "makeExtension"]
