"""Learning material on the built pages: summaries, questions, figures and the running case.

Each concept page (everything under ``relasjoner/`` and ``kunderelasjoner/``, index pages
included) has a "Kort oppsummert" box and reflection questions (CONTRIBUTING.md, the page
rules); the concepts that need one have figures drawn as inline SVG that a screen reader
can name and that load nothing; and the site has a running case whose calculator links open
with the case's own numbers. These tests read the built HTML with the standard library's
parser, as a browser would see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from build_scripts.extension.state_links import parse_state
from calculators import CATALOGUE, evaluate
from tests.site.html_tree import Node, article, built_pages, h2s, list_items, normalise, page_tree

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tests.conftest import BuiltSite

CONCEPT_SECTIONS = ("relasjoner", "kunderelasjoner")
SUMMARY_TITLE = "Kort oppsummert"
QUESTIONS_HEADING = "Spørsmål til refleksjon"
SOURCES_HEADING = "Kilder"
POINTS = range(3, 6)
#: Figures the concepts need, by the page they illustrate.
REQUIRED_FIGURES = (
    "relasjoner/relasjonsblomsten/",
    "relasjoner/fire-fokusomrader/",
    "kunderelasjoner/lojalitet/",
    "kunderelasjoner/key-account-management/",
)
CASE_PAGE = "eksempel/"
MIN_CASE_CALCULATORS = 3
#: Attributes that make an SVG (or an HTML element inside it) fetch or link something.
LOADING_ATTRIBUTES = {"href", "xlink:href", "src", "srcset", "data", "action", "formaction"}
LOADING_TAGS = {"image", "use", "a", "foreignobject", "script", "style", "iframe", "img"}


def concept_pages(site: Path) -> list[str]:
    """Every built page under the two concept sections, their index pages included."""
    return [page for page in built_pages(site) if page.split("/", 1)[0] in CONCEPT_SECTIONS]


def test_the_concept_sections_have_their_pages(built_site: BuiltSite) -> None:
    pages = concept_pages(built_site.directory)
    for section in CONCEPT_SECTIONS:
        assert f"{section}/" in pages
    assert len(pages) >= 10


def test_every_concept_page_opens_with_a_short_summary(built_site: BuiltSite) -> None:
    problems = []
    for page in concept_pages(built_site.directory):
        content = article(page_tree(built_site.directory, page))
        boxes = [
            box
            for box in content.find_all("div", class_="admonition")
            for title in box.find_all("p", class_="admonition-title")
            if title.text == SUMMARY_TITLE
        ]
        if len(boxes) != 1:
            problems.append(f"{page}: {len(boxes)} boxes titled «{SUMMARY_TITLE}»")
            continue
        box = boxes[0]
        lists = [child for child in box.element_children() if child.tag in {"ul", "ol"}]
        points = len(list_items(lists[0])) if lists else 0
        if points not in POINTS:
            problems.append(f"{page}: the summary has {points} points, not 3–5")
        # Right after the intro: before the first section of the page.
        order = list(content.elements())
        first_h2 = next((h for h in h2s(content)), None)
        if first_h2 is not None and order.index(box) > order.index(first_h2):
            problems.append(f"{page}: the summary comes after «{first_h2.heading_text}»")
    assert problems == []


def test_every_concept_page_asks_questions_before_its_sources(built_site: BuiltSite) -> None:
    problems = []
    for page in concept_pages(built_site.directory):
        content = article(page_tree(built_site.directory, page))
        headings = h2s(content)
        titles = [heading.heading_text for heading in headings]
        if titles.count(QUESTIONS_HEADING) != 1:
            problems.append(f"{page}: {titles.count(QUESTIONS_HEADING)} h2 «{QUESTIONS_HEADING}»")
            continue
        heading = headings[titles.index(QUESTIONS_HEADING)]
        siblings = heading.parent.element_children() if heading.parent else []
        after = siblings[siblings.index(heading) + 1 :]
        section = []
        for sibling in after:
            if sibling.tag in {"h1", "h2"}:
                break
            section.append(sibling)
        questions = [
            item for node in section if node.tag in {"ul", "ol"} for item in list_items(node)
        ]
        if len(questions) not in POINTS:
            problems.append(f"{page}: {len(questions)} questions, not 3–5")
        unasked = [q.text for q in questions if "?" not in q.text]
        if unasked:
            problems.append(f"{page}: items that are not questions: {unasked}")
        if SOURCES_HEADING in titles and titles.index(SOURCES_HEADING) < titles.index(
            QUESTIONS_HEADING
        ):
            problems.append(f"{page}: the questions come after «{SOURCES_HEADING}»")
    assert problems == []


def figures(site: Path) -> Iterator[tuple[str, Node, Node]]:
    """Every ``<figure class="figur">`` in the site: (page, page tree, figure)."""
    for page in built_pages(site):
        tree = page_tree(site, page)
        for figure in tree.find_all("figure", class_="figur"):
            yield page, tree, figure


def _naming_problems(page: str, tree: Node, svg: Node) -> list[str]:
    """What keeps a screen reader from naming this figure's ``<svg>``."""
    problems = []
    label = svg.attrs.get("aria-labelledby", "").split()
    if svg.attrs.get("role") != "img":
        problems.append(f"{page}: an <svg> without role=img")
    for tag in ("title", "desc"):
        nodes = [node for node in svg.element_children() if node.tag == tag]
        if len(nodes) != 1 or not nodes[0].text:
            problems.append(f"{page}: the <svg> needs one non-empty <{tag}>")
        elif nodes[0].attrs.get("id") not in label:
            problems.append(f"{page}: aria-labelledby does not name the <{tag}>")
    for ref in label:
        holders = [node for node in tree.elements() if node.attrs.get("id") == ref]
        if len(holders) != 1:
            problems.append(f"{page}: aria-labelledby names {ref!r}, found {len(holders)} times")
    return problems


def test_every_figure_is_an_svg_a_screen_reader_can_name(built_site: BuiltSite) -> None:
    problems = []
    count = 0
    for page, tree, figure in figures(built_site.directory):
        count += 1
        svgs = figure.find_all("svg")
        if len(svgs) != 1:
            problems.append(f"{page}: a figure with {len(svgs)} <svg>")
        else:
            problems.extend(_naming_problems(page, tree, svgs[0]))
        captions = figure.find_all("figcaption")
        if len(captions) != 1 or not captions[0].text:
            problems.append(f"{page}: a figure without a caption")
    assert problems == []
    assert count >= len(REQUIRED_FIGURES)


def test_figures_load_and_link_nothing(built_site: BuiltSite) -> None:
    problems = []
    for page, _, figure in figures(built_site.directory):
        for svg in figure.find_all("svg"):
            for node in svg.elements():
                if node.tag in LOADING_TAGS:
                    problems.append(f"{page}: <{node.tag}> in a figure")
                for name, value in node.attrs.items():
                    if name in LOADING_ATTRIBUTES:
                        problems.append(f"{page}: {name}={value!r} on <{node.tag}>")
                    if "url(" in value.replace(" ", "").lower():
                        problems.append(f"{page}: url() in {name} on <{node.tag}>")
            if "url(" in svg.text.replace(" ", "").lower():
                problems.append(f"{page}: url() in the figure's text")
    assert problems == []


@pytest.mark.parametrize("page", REQUIRED_FIGURES)
def test_the_required_figures_are_on_their_pages(built_site: BuiltSite, page: str) -> None:
    content = article(page_tree(built_site.directory, page))
    assert content.find_all("figure", class_="figur"), f"{page} has no figure"


# The running case ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StateLink:
    """A link on the case page that opens a calculator filled in."""

    href: str
    page: str
    calculator_id: str
    state: dict[str, str]


def state_links(site: Path) -> list[StateLink]:
    """Every link on the case page whose fragment is calculator state."""
    content = article(page_tree(site, CASE_PAGE))
    links = []
    for anchor in content.find_all("a"):
        href = anchor.attrs.get("href", "")
        path, hash_mark, fragment = href.partition("#")
        entries = parse_state(fragment) if hash_mark else None
        if not entries:
            continue
        ids = {entry.calculator for entry in entries}
        assert len(ids) == 1, f"one link, one calculator: {href}"
        target = (site / CASE_PAGE / path).resolve().relative_to(site.resolve()).as_posix()
        links.append(
            StateLink(
                href=href,
                page=target.rstrip("/") + "/",
                calculator_id=ids.pop(),
                state={entry.field: entry.value for entry in entries},
            )
        )
    return links


def case_outputs(site: Path) -> dict[str, str]:
    """``<calculator_id>.<output>`` → the text the case states, from ``data-case-output``."""
    content = article(page_tree(site, CASE_PAGE))
    return {
        node.attrs["data-case-output"]: node.text
        for node in content.elements()
        if "data-case-output" in node.attrs
    }


def test_the_case_opens_at_least_three_calculators_filled_in(built_site: BuiltSite) -> None:
    site = built_site.directory
    links = state_links(site)
    calculators = {link.calculator_id for link in links}
    assert len(calculators) >= MIN_CASE_CALCULATORS, links
    for link in links:
        assert link.calculator_id in CATALOGUE, link.href
        known = {f.name for f in CATALOGUE[link.calculator_id].fields}
        assert set(link.state) <= known, f"unknown fields in {link.href}"
        target = (site / link.page / "index.html").read_text(encoding="utf-8")
        assert f'data-calculator="{link.calculator_id}"' in target, (
            f"{link.page} has no {link.calculator_id} calculator"
        )


def test_the_case_states_what_the_calculators_compute(built_site: BuiltSite) -> None:
    """Every number the case marks as a result is what the calculator shows for its link."""
    site = built_site.directory
    links = {link.calculator_id: link for link in state_links(site)}
    stated = case_outputs(site)
    assert stated, "the case marks no results with data-case-output"
    for calculator_id in links:
        assert any(key.startswith(f"{calculator_id}.") for key in stated), (
            f"the case states no result of {calculator_id}"
        )
    for key, text in stated.items():
        calculator_id, output = key.split(".", 1)
        assert calculator_id in links, f"{key}: no link opens {calculator_id}"
        result = evaluate(calculator_id, links[calculator_id].state)
        assert result["errors"] == {}, (key, result["errors"])
        assert output in result["display"], f"{key}: no such output"
        assert text == normalise(result["display"][output]), key
