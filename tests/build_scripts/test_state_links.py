"""Links that open a calculator with values: the fragment survives MkDocs' link check."""

from __future__ import annotations

import json
from dataclasses import astuple
from pathlib import Path
from typing import TYPE_CHECKING, Any

import markdown
import pytest
from markdown.treeprocessors import Treeprocessor

from build_scripts.extension.directive import CalculatorExtension
from build_scripts.extension.directive_options import CalculatorDirectiveError
from build_scripts.extension.state_links import parse_state

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element


class _LikeMkDocsRelpath(Treeprocessor):
    """Stands in for MkDocs' "relpath" (priority 0): records what it sees, rewrites paths."""

    seen: list[str]

    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            self.seen.append(href)
            path, hash_mark, anchor = href.partition("#")
            link.set("href", path.replace(".md", "/") + hash_mark + anchor)


def _render(text: str) -> tuple[str, list[str]]:
    md = markdown.Markdown(extensions=[CalculatorExtension()])
    relpath = _LikeMkDocsRelpath(md)
    relpath.seen = []
    md.treeprocessors.register(relpath, "relpath", 0)
    return md.convert(text), relpath.seen


def test_state_fragment_is_hidden_from_the_link_check_and_put_back() -> None:
    html, seen = _render(
        "[Regn ut](../kalkulatorer/livstidsverdi.md#customer_lifetime_value.margin_per_period"
        "=400000&customer_lifetime_value.a.retention_rate=80) og [les](tillit.md#intern-tillit)"
    )
    # MkDocs saw the page path alone, and the ordinary anchor as it was.
    assert seen == ["../kalkulatorer/livstidsverdi.md", "tillit.md#intern-tillit"]
    assert (
        'href="../kalkulatorer/livstidsverdi/#customer_lifetime_value.margin_per_period'
        '=400000&amp;customer_lifetime_value.a.retention_rate=80"' in html
    )
    assert 'href="tillit/#intern-tillit"' in html
    assert "data-calculator-state" not in html


def test_a_fragment_that_only_looks_like_state_is_left_alone() -> None:
    _, seen = _render("[x](side.md#ukjent_kalkulator.felt=1) [y](side.md#a=b)")
    assert seen == ["side.md#ukjent_kalkulator.felt=1", "side.md#a=b"]


@pytest.mark.parametrize(
    "fragment",
    [
        "customer_lifetime_value.margn=1",
        "customer_lifetime_value.a.margn=1",
        "nps.margin_per_period=1",
    ],
)
def test_a_mistyped_field_fails_the_build_naming_the_link(fragment: str) -> None:
    with pytest.raises(CalculatorDirectiveError, match="som ingen kalkulator har"):
        _render(f"[Regn ut](kalkulator.md#{fragment})")


FRAGMENT_CASES = json.loads(
    (Path(__file__).parents[1] / "shared" / "fragment_cases.json").read_text(encoding="utf-8")
)["fragments"]


@pytest.mark.parametrize("case", FRAGMENT_CASES, ids=lambda case: case["fragment"] or "empty")
def test_the_fragment_grammar_reads_the_shared_cases(case: dict[str, Any]) -> None:
    entries = parse_state(case["fragment"])
    found = None if entries is None else [list(astuple(entry)) for entry in entries]
    assert found == case["state"]
