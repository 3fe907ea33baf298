"""The page rules and the calculators' rules, checked where a maintainer works, with the fix."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from build_scripts.checks.calculator_rules import check_calculators
from build_scripts.checks.page_rules import check_page_rules
from calculators import CATALOGUE
from tests.conftest import PROJECT_ROOT

if TYPE_CHECKING:
    from pathlib import Path

QUIZ = "\n".join(
    f"? Spørsmål {n}?\n\n- [x] Ja\n    Riktig.\n- [ ] Nei\n    Feil.\n" for n in range(1, 6)
)
GOOD = f"""---
description: En side.
---

# Side

Innledning.

!!! info "Læringsmål"

    Etter denne siden skal du kunne

    - forklare a
    - forklare b
    - forklare c

!!! abstract "Kort oppsummert"

    - a
    - b
    - c

## Innhold

Tekst.

## Spørsmål til refleksjon

1. Hvorfor?
2. Hvordan?
3. Når?

## Test deg selv

/// quiz
{QUIZ}///

## Kilder

- Kilde.
"""
EXAM = """## Eksamensoppgave

Drøft påstanden.

??? example "Vis et løsningsforslag"

    - Poeng.

"""


def problems(text: str, docs_path: str = "relasjoner/side.md") -> list[tuple[int, str]]:
    found = check_page_rules([("docs/" + docs_path, docs_path, text)])
    assert all(p.path == "docs/" + docs_path for p in found)
    return [(p.line, p.message) for p in found]


def test_a_page_with_every_part_passes() -> None:
    assert problems(GOOD) == []
    assert problems(GOOD.replace("## Kilder", EXAM + "## Kilder"), "kundeokonomi/index.md") == []


def test_pages_outside_the_teaching_sections_are_not_held_to_it() -> None:
    assert problems("# Ordliste\n", "ordliste.md") == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('!!! info "Læringsmål"', '!!! info "Mål"'),
            (
                23,
                (
                    "«Læringsmål» mangler før den første overskriften med ##. Skriv "
                    '«!!! info "Læringsmål"» med 3–5 punkter rett etter innledningen.'
                ),
            ),
        ),
        (
            ("    - a\n    - b\n    - c\n", "    - a\n    - b\n"),
            (17, "«Kort oppsummert» har 2 punkter; skriv 3–5."),
        ),
        (("3. Når?\n", ""), (27, "«Spørsmål til refleksjon» har 2 spørsmål; skriv 3–5.")),
        (
            ("## Spørsmål til refleksjon", "## Tanker"),
            (
                72,
                (
                    "Siden mangler «## Spørsmål til refleksjon» før «## Kilder». Skriv 3–5 "
                    "spørsmål en student uten jobb kan svare på."
                ),
            ),
        ),
        (
            ("/// quiz\n", ""),
            (
                33,
                (
                    "«Test deg selv» skal ha nøyaktig én «/// quiz», har 0. Se CONTRIBUTING.md, "
                    "«Test deg selv», for hvordan en quiz skrives."
                ),
            ),
        ),
        (
            ("? Spørsmål 5?", "Spørsmål 5?"),
            (35, "Quizen har 4 spørsmål; skriv fra 5 til 8 (hvert begynner med «? »)."),
        ),
        (
            ("## Kilder", "## Litteratur"),
            (75, "Siden mangler «## Kilder» til slutt, med kildene den bygger på."),
        ),
    ],
)
def test_a_missing_or_thin_part_is_named_with_its_line_and_fix(
    change: tuple[str, str], expected: tuple[int, str]
) -> None:
    assert expected in problems(GOOD.replace(*change))


def test_a_quiz_opens_as_the_extension_reads_it() -> None:
    # The check reads the opening line with the extension's own grammar: any case, and
    # "/// quiz-notater" (another block) is no quiz.
    assert problems(GOOD.replace("/// quiz\n", "/// Quiz\n")) == []
    wrong = problems(GOOD.replace("/// quiz\n", "/// quiz-notater\n"))
    assert any("har 0" in message for _, message in wrong)


def test_the_reflection_questions_come_before_the_sources() -> None:
    moved = GOOD.replace("## Kilder\n\n- Kilde.\n", "").replace(
        "## Spørsmål til refleksjon", "## Kilder\n\n- Kilde.\n\n## Spørsmål til refleksjon"
    )
    assert any("skal stå før «## Kilder»" in message for _, message in problems(moved))


def test_a_section_index_needs_an_exam_task_with_a_model_answer() -> None:
    found = problems(GOOD, "kunderelasjoner/index.md")
    assert [message for _, message in found] == [
        (
            "Siden mangler «## Eksamensoppgave» før «## Kilder». Skriv en drøftingsoppgave og et "
            'løsningsforslag under «??? example "Vis et løsningsforslag"».'
        )
    ]
    without_answer = GOOD.replace("## Kilder", EXAM.split("???", maxsplit=1)[0] + "## Kilder")
    assert (
        "mangler et sammenslått løsningsforslag"
        in problems(without_answer, "kunderelasjoner/index.md")[0][1]
    )


def broken_catalogue() -> dict[str, object]:
    nps = CATALOGUE["nps"]
    fields = list(nps.fields)
    fields[0] = dataclasses.replace(fields[0], maximum=None, help="")
    outputs = list(nps.outputs)
    outputs[1] = dataclasses.replace(outputs[1], label="")
    return {
        "nps": dataclasses.replace(nps, fields=tuple(fields), outputs=tuple(outputs), caveats=())
    }


def test_a_broken_spec_is_named_with_the_module_line_and_the_fix(tmp_path: Path) -> None:
    pages = tmp_path / "kalkulatorer"
    pages.mkdir()
    (pages / "nps.md").write_text("# NPS\n\n/// calculator | nps\n///\n", encoding="utf-8")
    found = check_calculators(tmp_path, broken_catalogue())  # type: ignore[arg-type]
    source = (PROJECT_ROOT / "calculators" / "nps.py").read_text(encoding="utf-8").split("\n")
    # The line that names each: its id, the field's name (made by a helper here), the result's.
    line_of = {
        needle: next(n for n, text in enumerate(source, start=1) if needle in text)
        for needle in ('"promoters"', 'name="promoters_share"', 'id="nps"')
    }
    assert [(p.path, p.line, p.message) for p in found] == [
        (
            "calculators/nps.py",
            line_of['id="nps"'],
            "«nps» mangler caveats (hva resultatet ikke sier).",
        ),
        (
            "calculators/nps.py",
            line_of['"promoters"'],
            "feltet «promoters» mangler help (én setning under feltet om hva som skal stå der).",
        ),
        (
            "calculators/nps.py",
            line_of['"promoters"'],
            (
                "feltet «promoters» mangler minimum eller maximum. Et tallfelt trenger begge, så "
                "en skrivefeil gir en melding i stedet for et meningsløst resultat (for "
                "eksempel maximum=1e9)."
            ),
        ),
        (
            "calculators/nps.py",
            line_of['name="promoters_share"'],
            "resultatet «promoters_share» mangler label.",
        ),
    ]


def test_a_calculator_without_its_page_under_kalkulatorer_is_named(tmp_path: Path) -> None:
    (tmp_path / "kalkulatorer").mkdir()
    found = check_calculators(tmp_path, {"nps": CATALOGUE["nps"]})
    assert [p.message for p in found] == [
        (
            "«nps» har ingen side under docs/kalkulatorer/. Lag en side der med «/// calculator | "
            "nps» og «///» og før den inn i nav i mkdocs.yml."
        )
    ]


def test_the_real_calculators_pass() -> None:
    assert check_calculators(PROJECT_ROOT / "docs") == []


def test_the_one_file_check_says_ok_when_all_is_well() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "build_scripts.checks",
            "--only",
            "pages",
            "docs/relasjoner/tillit.md",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "OK: 1 fil sjekket, ingenting å rette.\n")
