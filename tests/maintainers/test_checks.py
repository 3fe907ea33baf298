"""`make check`'s content checks: a maintainer learns which file and line to fix."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.checks.__main__ import main
from build_scripts.checks.lint import lint_markdown
from build_scripts.checks.spelling import WordList, check_spelling, words_to_look_up
from tests.build_scripts.fake_commands import first_on_path, shell_command

PROJECT_ROOT = Path(__file__).resolve().parents[2]

CLEAN_PAGE = """\
# Tillit

Kunden stoler på leverandøren. Relasjonsblomsten har fem dimensjoner, og $CRR$ er en formel.

- Første punkt
- Andre punkt
"""


@pytest.fixture(autouse=True)
def _hunspell() -> None:
    if shutil.which("hunspell") is None:
        pytest.fail(
            "hunspell mangler: `make check` installerer det (apt-get install hunspell "
            "hunspell-no hunspell-en-us)."
        )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tiny project with docs/ and a word list, as the current folder."""
    docs = tmp_path / "docs"
    (docs / "includes").mkdir(parents=True)
    (docs / "includes" / "abbreviations.md").write_text("*[CRR]: Customer Retention Rate\n")
    (docs / ".wordlist.txt").write_text("# navn\nRelasjonsblomsten\n")
    (docs / "side.md").write_text(CLEAN_PAGE)
    monkeypatch.chdir(tmp_path)
    return docs


def test_clean_docs_pass(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A published page also needs its own description (build_scripts/checks/descriptions.py).
    description = (
        "Hva tillit er, hvorfor kunden må stole på leverandøren, og hvordan Relasjonsblomsten "
        "med fem dimensjoner hjelper deg å prioritere."
    )
    (project / "side.md").write_text(f"---\ndescription: {description}\n---\n\n{CLEAN_PAGE}")
    # The page's checks (this tiny project has no calculators to check).
    content = ["--only", "spelling", "--only", "lint", "--only", "descriptions", "--only", "pages"]
    assert main(content) == 0
    assert capsys.readouterr().out == "OK: 2 filer sjekket, ingenting å rette.\n"


def test_misspelled_word_is_reported_with_file_and_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "side.md").write_text(CLEAN_PAGE + "\nKundene er forneyde med `kode_ord`.\n")
    assert main(["--only", "spelling"]) == 1
    output = capsys.readouterr()
    [line] = output.out.splitlines()
    assert line.startswith("docs/side.md:8:12: ukjent ord «forneyde» (forslag: ")
    assert "«fornøyde»" in line
    assert line.endswith(
        "Rett skrivefeilen, eller legg ordet i docs/.wordlist.txt hvis det er riktig."
    )
    assert "1 ting å rette i 1 fil" in output.err


def test_word_list_accepts_a_word(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "side.md").write_text(CLEAN_PAGE + "\nGrunigs modell.\n")
    assert main(["--only", "spelling", "docs/side.md"]) == 1
    assert "docs/side.md:8:1: ukjent ord «Grunigs»" in capsys.readouterr().out
    (project / ".wordlist.txt").write_text("Relasjonsblomsten\nGrunigs\n")
    assert main(["--only", "spelling", "docs/side.md"]) == 0


def test_lint_problem_is_reported_with_file_and_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "side.md").write_text("# Tittel\nEn liste:\n- uten tom linje\n\n### Hopp\n")
    assert main(["--only", "lint"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(
        line.startswith("docs/side.md:3:1: Sett en tom linje før og etter") for line in lines
    )
    assert any(line.startswith("docs/side.md:5:1: Overskriftsnivåene") for line in lines)
    assert any(
        line.startswith("docs/side.md:1:1: Sett en tom linje før og etter overskr")
        for line in lines
    )


def test_missing_hunspell_says_how_to_install(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    del project
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    assert main(["--only", "spelling"]) == 2
    assert "apt-get install hunspell hunspell-no" in capsys.readouterr().err


def test_hunspell_without_the_norwegian_dictionary_says_how_to_install(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """hunspell installed, hunspell-no not: what hunspell says then, and how it ends."""
    del project
    shell_command(
        tmp_path / "bin",
        "hunspell",
        stderr='Can\'t open affix or dictionary files for dictionary named "nb_NO".\n',
        exit_code=1,
    )
    first_on_path(monkeypatch, tmp_path / "bin")

    assert main(["--only", "spelling"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("Kan ikke sjekke: hunspell fant ikke ordbøkene nb_NO,en_US: ")
    assert "apt-get install hunspell hunspell-no" in error


def test_a_word_outside_latin_1_is_unknown_until_listed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The dictionaries are ISO 8859-1: a Polish name never reaches hunspell."""
    (project / "side.md").write_text(CLEAN_PAGE + "\nHilsen fra Łódź.\n")
    assert main(["--only", "spelling", "docs/side.md"]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert line == (
        "docs/side.md:8:12: ukjent ord «Łódź». Rett skrivefeilen, eller legg ordet i "
        "docs/.wordlist.txt hvis det er riktig."
    )
    (project / ".wordlist.txt").write_text("Relasjonsblomsten\nŁódź\n")
    assert main(["--only", "spelling", "docs/side.md"]) == 0


def test_a_folder_without_markdown_is_said_plainly(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "tom").mkdir()
    assert main([str(project / "tom")]) == 2
    assert capsys.readouterr().err == "Fant ingen Markdown-filer å sjekke.\n"


def test_make_check_runs_the_checks_as_a_module_naming_files_as_given(tmp_path: Path) -> None:
    """`python -m build_scripts.checks` from another folder: paths stay as typed."""
    page = tmp_path / "docs" / "side.md"
    page.parent.mkdir()
    page.write_text("# Tittel\nTekst rett under.\n")
    (tmp_path / "elsewhere").mkdir()

    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "-m", "build_scripts.checks", "--only", "lint", str(page)],
        cwd=tmp_path / "elsewhere",
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )

    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"{page}:1:1: Sett en tom linje før og etter overskr")
    assert "Se CONTRIBUTING.md, «Sjekk før du sender inn»." in result.stderr


def test_material_syntax_is_not_a_lint_problem() -> None:
    page = """\
# Tittel {#tittel}

!!! note "Merknad"

    Innrykket innhold er ikke kode.

<div class="grid cards" markdown>

-   **Kort**

    ---

    Tekst i kortet.

</div>

Formel med indekser: $w_i \\cdot s_i$ og $x_j$.

$$
\\mathrm{CLV}_T = \\sum_{t=1}^{T} m_t
$$

/// calculator | nps
# kommentar
    promoters: 10
///

Siste avsnitt[^1].

[^1]: Fotnote.
"""
    assert lint_markdown([("side.md", page)]) == []


def test_snippets_need_no_heading() -> None:
    snippet = [("docs/includes/abbreviations.md", "*[KAM]: Key Account Management\n")]
    assert lint_markdown(snippet, snippets=["docs/includes/abbreviations.md"]) == []
    assert lint_markdown(snippet) != []


@pytest.mark.parametrize(
    ("word", "looked_up"),
    [
        ("KAM-teamet", ["KAM", "teamet"]),
        ("B2B-kunder", ["kunder"]),
        ("e-post", ["post"]),
        ("commitment-trust", []),
        ("f.eks.", []),
        ("Noe", []),
        ("NOE", []),
        ("Grunig", []),
        ("grunig", ["grunig"]),
    ],
)
def test_word_list_rules(word: str, looked_up: list[str]) -> None:
    known = WordList.from_lines(["commitment-trust", "f.eks.", "noe", "Grunig  # navn"])
    assert words_to_look_up(word, known) == looked_up


def test_abbreviations_from_other_files_are_known() -> None:
    page = [("side.md", "# Tittel\n\nQXZ-teamet og XYZQ.\n")]
    problems = check_spelling(page, WordList.from_lines([]), extra_texts=["*[XYZQ]: Noe\n"])
    assert [problem.message.split(" (")[0] for problem in problems] == [
        "ukjent ord «QXZ» i «QXZ-teamet»"
    ]


def test_the_real_docs_pass(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(PROJECT_ROOT)
    status = main([])
    assert status == 0, capsys.readouterr().out
