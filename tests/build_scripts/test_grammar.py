"""The directives' one grammar: every reader of a page agrees on what is a directive."""

from __future__ import annotations

import pytest

from build_scripts.extension import grammar
from build_scripts.finish.html_pages import scan_page

# (source line, (name, argument) it opens, or None)
OPENINGS = (
    ("/// calculator | customer_lifetime_value", ("calculator", "customer_lifetime_value")),
    ("////calculator|nps  ", ("calculator", "nps")),
    ("/// Calculator | nps", ("calculator", "nps")),
    ("/// calculator", ("calculator", "")),
    ("/// calculator-reference", ("calculator-reference", "")),
    ("/// quiz", ("quiz", "")),
    ("/// exercise | cac_payback", ("exercise", "cac_payback")),
    ("> /// calculator | nps", ("calculator", "nps")),
    ("    /// quiz", ("quiz", "")),
    ("/// calculators | nps", None),
    ("/// calculator_x", None),
    ("/// details | Mer", None),
    ("// calculator | nps", None),
    ("Se /// calculator | nps", None),
)


@pytest.mark.parametrize(("line", "expected"), OPENINGS)
def test_source_lines_open_exactly_the_site_directives(
    line: str, expected: tuple[str, str] | None
) -> None:
    match = grammar.source_opening().match(line)
    found = None if match is None else grammar.Opening.of(match)
    assert (None if found is None else (found.name, found.argument)) == expected


def test_a_name_never_matches_the_start_of_a_longer_name() -> None:
    assert grammar.source_opening((grammar.CALCULATOR,)).match("/// calculator-reference") is None
    assert grammar.text_opening((grammar.CALCULATOR,)).search("/// calculator-reference") is None
    assert grammar.block_opening((grammar.CALCULATOR,)).search("/// calculator-reference") is None


def test_a_block_opening_takes_at_most_three_spaces_and_its_line_end() -> None:
    opening = grammar.block_opening()
    match = opening.search("Tekst\n   /// quiz\n? Spørsmål")
    assert match is not None
    assert match[0] == "\n   /// quiz\n"
    assert opening.search("    /// quiz\n") is None  # indented code in a block


@pytest.mark.parametrize(
    ("line", "closes"),
    [("///", True), ("////  ", True), ("> ///", True), ("/// quiz", False), ("//", False)],
)
def test_a_closing_line_is_slashes_alone(line: str, *, closes: bool) -> None:
    assert (grammar.source_closing().match(line) is not None) is closes


def test_the_finishing_step_finds_every_directive_left_as_text_but_not_in_code() -> None:
    page = (
        "<html><head></head><body><p>/// calculator | nps</p>"
        "<p>/// quiz</p><p>/// calculator-reference</p><p>/// details | x</p>"
        "<pre><code>/// exercise | nps</code></pre></body></html>"
    )
    assert scan_page(page).directive_lines == [
        "/// calculator | nps",
        "/// quiz",
        "/// calculator-reference",
    ]
