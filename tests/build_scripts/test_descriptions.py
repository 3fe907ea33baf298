"""Every page has its own description of 120–160 characters, and `make check` says which not."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.checks.__main__ import main
from build_scripts.checks.descriptions import MAX_LENGTH, MIN_LENGTH, check_descriptions
from build_scripts.checks.markdown_text import prose_words

PROJECT_ROOT = Path(__file__).resolve().parents[2]

GOOD = (
    "Hva tillit er, hvordan den skaper økonomiske, tekniske og sosiale bånd mellom partene, "
    "og hvorfor kunden merker tilliten internt."
)
OTHER = (
    "Relasjonsbygging forklart gjennom langsiktighet og gjensidige fordeler, med fem konkrete "
    "grep for hverdagen i salgs- og kundeteamet."
)


def page(description: str | None, heading: str = "Tillit") -> str:
    """A page with ``description`` in its front matter, or without front matter."""
    front = "" if description is None else f"---\ndescription: {description}\n---\n\n"
    return f"{front}# {heading}\n\nTekst.\n"


def of_length(length: int) -> str:
    """A description of exactly ``length`` characters."""
    # Ends in a full stop, so YAML has no trailing space to strip.
    return f"{GOOD} {OTHER}"[: length - 1] + "."


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tiny project with docs/ (a good page and a snippet), as the current folder."""
    docs = tmp_path / "docs"
    (docs / "includes").mkdir(parents=True)
    # A snippet is appended to pages and has no front matter of its own.
    (docs / "includes" / "abbreviations.md").write_text("*[KAM]: Key Account Management\n")
    (docs / "tillit.md").write_text(page(GOOD))
    (docs / "relasjoner").mkdir()
    (docs / "relasjoner" / "relasjonsbygging.md").write_text(page(OTHER, "Relasjonsbygging"))
    monkeypatch.chdir(tmp_path)
    return docs


def test_good_descriptions_pass(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    del project
    assert main(["--only", "descriptions"]) == 0
    assert capsys.readouterr().out == "OK: 3 filer sjekket, ingenting å rette.\n"


def test_missing_description_is_reported(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "tillit.md").write_text(page(None))
    (project / "relasjoner" / "relasjonsbygging.md").write_text(
        "---\ntitle: Relasjonsbygging\n---\n\n# Relasjonsbygging\n"
    )
    assert main(["--only", "descriptions"]) == 1
    output = capsys.readouterr()
    lines = output.out.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        "docs/relasjoner/relasjonsbygging.md:1:1",
        "docs/tillit.md:1:1",
    ]
    assert all("Siden mangler beskrivelse. Skriv «description: …»" in line for line in lines)
    assert "2 ting å rette i 2 filer" in output.err


def test_too_short_description_is_reported_on_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    short = of_length(MIN_LENGTH - 1)
    (project / "tillit.md").write_text(f"---\ntitle: Tillit\ndescription: {short}\n---\n# Tillit\n")
    assert main(["--only", "descriptions"]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(
        f"docs/tillit.md:3:1: Beskrivelsen er {MIN_LENGTH - 1} tegn, men skal være minst "
        f"{MIN_LENGTH}."
    )


def test_too_long_description_is_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "tillit.md").write_text(page(of_length(MAX_LENGTH + 1)))
    assert main(["--only", "descriptions"]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(
        f"docs/tillit.md:2:1: Beskrivelsen er {MAX_LENGTH + 1} tegn, men skal være høyst "
        f"{MAX_LENGTH}"
    )


@pytest.mark.parametrize("length", [MIN_LENGTH, MAX_LENGTH])
def test_the_limits_themselves_are_allowed(length: int) -> None:
    description = of_length(length)
    assert len(description) == length
    assert check_descriptions([("docs/side.md", page(description))]) == []


def test_duplicate_names_both_files(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "relasjoner" / "relasjonsbygging.md").write_text(page(GOOD, "Relasjonsbygging"))
    assert main(["--only", "descriptions"]) == 1
    same, advice = "Beskrivelsen er lik den i", "Skriv en egen beskrivelse for hver side."
    assert capsys.readouterr().out.splitlines() == [
        f"docs/relasjoner/relasjonsbygging.md:2:1: {same} docs/tillit.md. {advice}",
        f"docs/tillit.md:2:1: {same} docs/relasjoner/relasjonsbygging.md. {advice}",
    ]


def test_a_page_checked_alone_is_compared_with_the_whole_site(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "relasjoner" / "relasjonsbygging.md").write_text(page(GOOD, "Relasjonsbygging"))
    assert main(["--only", "descriptions", "docs/tillit.md"]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith("docs/tillit.md:2:1: Beskrivelsen er lik den i docs/relasjoner/")


def test_snippets_need_no_description(project: Path) -> None:
    assert main(["--only", "descriptions", str(project / "includes")]) == 0


def test_invalid_yaml_is_reported_with_a_hint() -> None:
    text = "---\ntitle: Tillit\ndescription: Tillit: hva det er\n---\n# Tillit\n"
    [problem] = check_descriptions([("docs/tillit.md", text)])
    assert problem.line == 3
    assert "ikke gyldig YAML" in problem.message
    assert "anførselstegn" in problem.message


def test_description_must_be_text() -> None:
    [problem] = check_descriptions([("docs/side.md", "---\ndescription: [1, 2]\n---\n# Side\n")])
    assert (problem.line, problem.message.split(",")[0]) == (2, "Beskrivelsen må være tekst")


def test_description_is_spell_checked_and_other_front_matter_is_not() -> None:
    text = "---\ntitle: Ikkeprosa\ndescription: Kundene er forneyde.\n---\n# Side\n"
    words = {(word.text, word.line, word.column) for word in prose_words(text)}
    assert ("forneyde", 3, 25) in words
    assert not {"Ikkeprosa", "title", "description"} & {text for text, _, _ in words}


def test_every_page_of_the_site_has_its_own_description(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(PROJECT_ROOT)
    assert main(["--only", "descriptions"]) == 0, capsys.readouterr().out
