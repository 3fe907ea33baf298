"""``python -m build_scripts``: the finishing step run by hand (after ``zensical build``).

The ``runtime`` command runs in a real subprocess in test_runtime_builder.py; here ``main``
runs in-process on small sites and a copy of the project whose runtime cache is the
session's, so nothing is compiled again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from build_scripts.__main__ import main
from build_scripts.finish.html_pages import FINISH_MARK
from tests.build_scripts.runtime_support import FORM, RUNTIME_CACHE, built_site_of, copy_project

if TYPE_CHECKING:
    from pathlib import Path

PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head>'
    "<body>{body}</body></html>"
)
START_META = re.compile(r'<meta name="calculators-start" content="([a-z]+)" ' + FINISH_MARK + ">")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project whose mkdocs.yml names the shared runtime cache."""
    root = copy_project(tmp_path / "project")
    (root / "mkdocs.yml").write_text(
        "site_name: Test\n"
        "plugins:\n"
        "  - search\n"
        "  - calculators:\n"
        f"      cache_dir: {RUNTIME_CACHE}\n"
        "      cache_name: cli-v3\n"
        "      start_when_loaded: [om.md]\n",
        encoding="utf-8",
    )
    return root


def test_finish_uses_the_options_in_mkdocs_yml_and_says_what_it_did(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = built_site_of(
        tmp_path / "site",
        {
            "index.html": PAGE.format(title="Forside", body="<p>Hei</p>"),
            "om/index.html": PAGE.format(title="Om", body="<p>Om oss</p>"),
            "nps/index.html": PAGE.format(title="NPS", body=FORM),
            # Not a page (an engine's partial): published, left as it is.
            "partials/footer.html": "<footer>Bunntekst</footer>",
        },
    )

    status = main(["finish", str(site), "--config", str(project / "mkdocs.yml")])

    assert status == 0
    printed = capsys.readouterr().out
    folder = re.fullmatch(
        r"4 sider, 1 med kalkulator, kjøretiden i (assets/pyodide/[0-9a-f]{16}/) \([0-9.]+ s\)\n",
        printed,
    )
    assert folder is not None, printed
    assert (site / folder[1] / "pyodide-lock.json").is_file()
    # start_when_loaded names Markdown sources; om.md is the page om/.
    assert START_META.findall((site / "om" / "index.html").read_text(encoding="utf-8")) == [
        "loaded"
    ]
    # Other pages start Python only when the reader shows intent: no start of their own.
    assert START_META.findall((site / "index.html").read_text(encoding="utf-8")) == []
    names = (site / "javascripts" / "calculator-names.js").read_text(encoding="utf-8")
    assert '"cache": "cli-v3"' in names
    footer = (site / "partials" / "footer.html").read_text(encoding="utf-8")
    assert footer == "<footer>Bunntekst</footer>"


def test_finish_refuses_an_option_mkdocs_yml_cannot_have(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "      colour: blue\n")
    site = built_site_of(tmp_path / "site", {"index.html": PAGE.format(title="A", body="")})

    status = main(["finish", str(site), "--config", str(config)])

    assert status == 1
    assert capsys.readouterr().err == (
        "error: ukjent innstilling for calculators i mkdocs.yml: colour\n"
    )


def test_finish_refuses_a_site_whose_directives_were_not_rendered(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = built_site_of(
        tmp_path / "site",
        {"index.html": PAGE.format(title="A", body="<p>/// calculator | nps\n///</p>")},
    )

    status = main(["finish", str(site), "--config", str(project / "mkdocs.yml")])

    assert status == 1
    error = capsys.readouterr().err
    assert error.startswith("error: direktiv står igjen som tekst (index.html: «/// calculator")
    assert "legg build_scripts.extension inn under markdown_extensions" in error


def test_help_names_both_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])

    assert exited.value.code == 0
    usage = capsys.readouterr().out
    assert re.search(r"^\s+runtime\s+build the Pyodide runtime", usage, re.MULTILINE)
    assert re.search(r"^\s+finish\s+finish a built site folder", usage, re.MULTILINE)


def test_a_command_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([])

    assert exited.value.code == 2
    assert "the following arguments are required: COMMAND" in capsys.readouterr().err
