"""Links that open a calculator with values filled in, written as ordinary Markdown links.

A page may link ``[Regn ut](../kalkulatorer/livstidsverdi.md#customer_lifetime_value.
retention_rate=85)``: the part after ``#`` is calculator state (see DESIGN.md, page
contract), not a heading anchor. MkDocs checks every anchor of a link to another page and,
with ``--strict``, fails the build on one it cannot find. So the fragment is set aside
before MkDocs' link treeprocessor ("relpath", priority 0) looks at the link and put back
after it has rewritten the path; an engine without that check just sees the two steps do
nothing. The state is checked here instead: an unknown calculator field fails the build,
naming the link, as a mistyped anchor would.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, quote, urlencode

from markdown.treeprocessors import Treeprocessor

from build_scripts.extension.directive_options import CalculatorDirectiveError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from xml.etree.ElementTree import Element

    from markdown import Markdown

    from calculators.spec import Calculator

#: The fragment grammar (its browser twin is docs/javascripts/calculator-address.mjs; both
#: are tested against tests/shared/fragment_cases.json): a fragment with ``=`` is calculator state,
#: ``<calculator_id>.<field>=<value>&…``, scenario A of a comparison as
#: ``<calculator_id>.a.<field>=<value>``; keys of any other shape are not state.
STATE_KEY = re.compile(r"[a-z][a-z0-9_]*\.(?:a\.)?[a-z][a-z0-9_]*")
SCENARIO_A = "a"
#: The attribute that holds the fragment while MkDocs rewrites the link.
HELD = "data-calculator-state"


@dataclass(frozen=True, slots=True)
class StateEntry:
    """One value a fragment gives a calculator's field (in scenario A, or the current one)."""

    calculator: str
    field: str
    scenario: str
    value: str


def parse_state(fragment: str) -> list[StateEntry] | None:
    """Return the state a fragment holds, or ``None`` when it is an anchor (no ``=``).

    Keys of another shape are left out, as the browser leaves them out.
    """
    if "=" not in fragment:
        return None
    entries = []
    for key, value in parse_qsl(fragment, keep_blank_values=True):
        if STATE_KEY.fullmatch(key):
            calculator, *rest = key.split(".")
            scenario = rest[0] if len(rest) == 2 else ""  # noqa: PLR2004 - "<id>.a.<field>"
            entries.append(StateEntry(calculator, rest[-1], scenario, value))
    return entries


def state_href(calculator_id: str, inputs: Mapping[str, object]) -> str:
    """Return ``#…``: the fragment that opens a calculator with these inputs filled in.

    Values are written as the form shows them (a number as typed, a choice by its value;
    an empty optional field stays empty).
    """
    calculators = importlib.import_module("calculators")
    calculator = calculators.CATALOGUE[calculator_id]
    parsed = importlib.import_module("calculators.validation").parse_inputs(calculator, inputs)
    pairs = [
        (
            f"{calculator_id}.{name}",
            calculators.format_input_value(calculator.field(name), parsed[name]),
        )
        for name in inputs
    ]
    return "#" + urlencode(pairs, quote_via=quote)


def state_fragment(href: str, catalogue: Mapping[str, Calculator]) -> str | None:
    """Return the calculator state after ``#`` in ``href``, or ``None`` for other links."""
    _, hash_mark, fragment = href.partition("#")
    entries = parse_state(fragment) if hash_mark else None
    if not entries or entries[0].calculator not in catalogue:
        return None
    return fragment


def check_state(fragment: str, href: str, catalogue: Mapping[str, Calculator]) -> None:
    """Fail on a state entry naming no calculator or no field of it.

    Raises:
        CalculatorDirectiveError: naming the link and the unknown key.

    """
    for key, _ in parse_qsl(fragment, keep_blank_values=True):
        calculator_id, _, field = key.partition(".")
        field = field.removeprefix(f"{SCENARIO_A}.")
        calculator = catalogue.get(calculator_id)
        if calculator is None or field not in {f.name for f in calculator.fields}:
            reason = f"lenken «{href}» fyller inn «{key}», som ingen kalkulator har"
            raise CalculatorDirectiveError(reason, None)


class HoldStateFragments(Treeprocessor):
    """Before MkDocs checks the link: move the state fragment into an attribute."""

    def __init__(
        self,
        md: Markdown,
        catalogue: Callable[[], Mapping[str, Calculator]],
        report_error: Callable[[CalculatorDirectiveError], Exception] | None,
    ) -> None:
        """Take the catalogue lazily (importing ``calculators`` only when a page needs it)."""
        super().__init__(md)
        self._catalogue = catalogue
        self._report_error = report_error

    def run(self, root: Element) -> None:
        """Hold every state fragment of the page's links."""
        for link in root.iter("a"):
            href = link.get("href", "")
            if "#" not in href or "=" not in href:
                continue
            fragment = state_fragment(href, self._catalogue())
            if fragment is None:
                continue
            try:
                check_state(fragment, href, self._catalogue())
            except CalculatorDirectiveError as error:
                raise (self._report_error(error) if self._report_error else error) from None
            link.set("href", href.partition("#")[0])
            link.set(HELD, fragment)


class RestoreStateFragments(Treeprocessor):
    """After MkDocs has rewritten the path: put the fragment back on the link."""

    def run(self, root: Element) -> None:
        """Append each held fragment to its link's (now final) address."""
        for link in root.iter("a"):
            fragment = link.attrib.pop(HELD, None)
            if fragment is not None:
                link.set("href", f"{link.get('href', '')}#{fragment}")


def register(
    md: Markdown,
    catalogue: Callable[[], Mapping[str, Calculator]],
    report_error: Callable[[CalculatorDirectiveError], Exception] | None,
) -> None:
    """Register both steps around MkDocs' "relpath" treeprocessor (priority 0)."""
    md.treeprocessors.register(HoldStateFragments(md, catalogue, report_error), "state_hold", 1)
    md.treeprocessors.register(RestoreStateFragments(md), "state_restore", -1)
