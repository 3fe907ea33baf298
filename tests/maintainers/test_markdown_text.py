"""Only prose reaches the spell-check; TeX and directive options never reach the linter."""

from __future__ import annotations

import pytest

from build_scripts.checks.markdown_text import (
    abbreviations,
    lintable_text,
    prose_lines,
    prose_words,
)

PAGE = """\
---
title: Ikke prosa
---
# Kundebevaring {#kundebevaring .wide}

Se [Tillit](../relasjoner/tillit.md#hva-er-tillit "Om tillitt") og <https://eksempel.no/sidee>.
Formelen $CRR = \\frac{E - N}{S}$ og `kode_snutt` og <span class="merknad">ord</span>.
Referanse [Berg][berg] og fotnote[^1] og HBR.org.

[berg]: https://eksempel.no/berg "Berg"
[^1]: Fotnoten er prosa.

$$
\\sum_{t=1}^{T} m \\cdot r^t
$$

```python
ikke_prosa = "skrivfeil"
```

/// calculator | customer_lifetime_value
    retention_rate: 90
    title: Overskriften
# en YAML-kommentar
///

!!! note "Tittelen er prosa"
    Innholdet er prosa.

<!-- en kommentar
over flere linjer -->
*[KAM]: Key Account Management
"""


def _words() -> list[str]:
    return [word.text for word in prose_words(PAGE)]


def test_prose_words_are_the_readable_text() -> None:
    words = _words()
    for expected in ("Kundebevaring", "Tillit", "Formelen", "Berg", "Fotnoten", "Tittelen"):
        assert expected in words
    assert "Innholdet" in words
    assert "ord" in words  # the text inside an HTML element is prose, the tag is not


@pytest.mark.parametrize(
    "hidden",
    [
        "Ikke",  # front matter
        "wide",  # attribute list
        "tillitt",  # link title and target
        "sidee",  # URL
        "frac",  # inline TeX
        "kode_snutt",  # code span
        "merknad",  # HTML attribute
        "berg",  # reference label and definition
        "sum",  # display TeX
        "skrivfeil",  # fenced code
        "Overskriften",  # directive option
        "YAML",  # directive option comment
        "note",  # admonition type
        "kommentar",  # HTML comment
        "HBR",  # domain name
    ],
)
def test_what_is_not_prose_is_blanked(hidden: str) -> None:
    assert hidden not in _words()


def test_positions_are_those_of_the_source() -> None:
    lines = PAGE.split("\n")
    for word in prose_words(PAGE):
        line = lines[word.line - 1]
        assert line[word.column - 1 :].startswith(word.text)
    assert len(prose_lines(PAGE)) == len(lines)


def test_abbreviations_are_collected() -> None:
    assert abbreviations(PAGE) == {"KAM"}


def test_lintable_text_keeps_lines_and_hides_tex_and_options() -> None:
    text = lintable_text(PAGE)
    assert len(text.split("\n")) == len(PAGE.split("\n"))
    assert "\\sum" not in text
    assert "r^t" not in text
    assert "# en YAML-kommentar" not in text
    assert "$xxx" in text
    assert "/// calculator | customer_lifetime_value" in text
    assert "```python" in text


def test_unclosed_blocks_do_not_swallow_an_error() -> None:
    words = [word.text for word in prose_words("$$\nx_i\n\nEtter")]
    assert "Etter" not in words  # an unclosed $$ runs to the end, as in mathml.py
    assert [w.text for w in prose_words("Før\n```\nkode")] == ["Før"]


EXERCISE = """\
/// exercise | customer_lifetime_value
task: >-
  Et abonnement gir dekningsbiddrag
  hvert år.
inputs:
  margin_per_period: 1000
answer: clv
precision: 1
mistakes:
  - inputs: {margin_per_period: 2000}
    hint: Du har brukt omsetningen.
///
Etter oppgaven.
"""


def test_an_exercises_texts_are_prose_and_its_settings_are_not() -> None:
    words = [word.text for word in prose_words(EXERCISE)]
    assert words == [
        "Et", "abonnement", "gir", "dekningsbiddrag", "hvert", "år",
        "Du", "har", "brukt", "omsetningen",
        "Etter", "oppgaven",
    ]  # fmt: skip
    # The linter sees none of the YAML, so a list in it is no Markdown list.
    lint = lintable_text(EXERCISE).split("\n")
    assert lint[0] == "/// exercise | customer_lifetime_value"
    assert all(set(line.strip()) <= {"x", " "} for line in lint[1:-3])
    assert lint[-2] == "Etter oppgaven."
