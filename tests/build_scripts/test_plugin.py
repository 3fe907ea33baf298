"""The calculators plugin under MkDocs: its refusals, its off switch and its page hooks.

Each test builds a small site in-process (MkDocs' own theme, a page or three), so a build
takes a fraction of a second; the whole site's build is checked in tests/site/. A build that
gets as far as the finishing step uses a copy of the project and the session's runtime cache.
"""

from __future__ import annotations

import logging
import re
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from build_scripts.mkdocs_plugin import social
from build_scripts.mkdocs_plugin.preview_images import FOLDER
from tests.build_scripts.runtime_support import RUNTIME_CACHE, copy_project

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]+)"')


@pytest.fixture(autouse=True)
def keep_the_calculators_modules() -> Iterator[None]:
    """The plugin drops the calculators' modules before a build (for `mkdocs serve`); put the
    ones the other tests hold back, so their classes stay the ones those tests imported."""
    saved = {n: m for n, m in sys.modules.items() if n.partition(".")[0] == "calculators"}
    yield
    for name in [n for n in sys.modules if n.partition(".")[0] == "calculators"]:
        del sys.modules[name]
    sys.modules.update(saved)


def _project(root: Path, config: str, pages: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(textwrap.dedent(config), encoding="utf-8")
    for name, text in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _build(project: Path) -> Path:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    build(config)
    return project / "site"


def _build_error(project: Path, caplog: pytest.LogCaptureFixture) -> str:
    """Build, expecting MkDocs to stop; return what it logged as the error."""
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        _build(project)
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)


CONFIG = """
    site_name: Test
    site_url: https://example.org/
    theme:
      name: mkdocs
    markdown_extensions:
      - build_scripts.extension
    plugins:
      - calculators
"""
PAGES = {"index.md": "# Forside\n\nHei.\n"}


def test_the_extension_must_be_listed_under_markdown_extensions(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = CONFIG.replace("      - build_scripts.extension\n", "      - toc\n")

    error = _build_error(_project(tmp_path, config, PAGES), caplog)

    assert error == "Legg build_scripts.extension inn under markdown_extensions i mkdocs.yml."


def test_start_when_loaded_must_name_pages_of_the_site(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = CONFIG.replace(
        "  - calculators\n", "  - calculators:\n          start_when_loaded: [kalkulatorer.md]\n"
    )

    error = _build_error(_project(tmp_path, config, PAGES), caplog)

    assert error == "start_when_loaded names a page that does not exist: kalkulatorer.md"


def test_a_wrong_option_is_refused_by_mkdocs_itself(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = CONFIG.replace("  - calculators\n", "  - calculators:\n          enabled: maybe\n")

    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        load_config(config_file=str(_project(tmp_path, config, PAGES) / "mkdocs.yml"))

    assert "Plugin 'calculators' option 'enabled': Expected type: <class 'bool'>" in caplog.text


def test_a_runtime_that_cannot_be_built_fails_the_build_with_the_reason(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The project has pages but no package.json: no Pyodide to verify."""
    error = _build_error(_project(tmp_path, CONFIG, PAGES), caplog)

    assert error == (
        f"Kunne ikke bygge Python-kjøretiden: package.json is missing from {tmp_path.resolve()}"
    )


def test_a_calculator_without_the_page_module_fails_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pages = {"index.md": "# NPS\n\n/// calculator | nps\n///\n"}

    error = _build_error(_project(tmp_path, CONFIG, pages), caplog)

    assert error.startswith("sidene med kalkulator trenger javascripts/calculators.mjs")
    assert error.endswith("legg den under extra_javascript i mkdocs.yml.")


def test_a_directive_error_names_the_page_and_its_line_after_the_front_matter(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pages = {
        **PAGES,
        "kalkulatorer/feil.md": (
            "---\ndescription: En side.\n---\n# Feil\n\n/// calculator | finnes-ikke\n///\n"
        ),
    }

    error = _build_error(_project(tmp_path, CONFIG, pages), caplog)

    # Line 6 of the file: MkDocs took the three lines of front matter off before the directive.
    assert error.splitlines()[-1].startswith(
        "kalkulatorer/feil.md:6: ukjent kalkulator «finnes-ikke»"
    )


def test_a_disabled_plugin_leaves_the_site_as_mkdocs_builds_it(tmp_path: Path) -> None:
    config = CONFIG.replace("  - calculators\n", "  - calculators:\n          enabled: false\n")

    site = _build(_project(tmp_path, config, PAGES))

    page = (site / "index.html").read_text(encoding="utf-8")
    assert "og:image" not in page
    assert "calculators-runtime" not in page
    assert not (site / "robots.txt").exists()
    assert not (site / "assets").exists()


# A hook module, as mkdocs.yml's `hooks:` loads it: another plugin that generates a page.
GENERATING_HOOK = """
from mkdocs.structure.files import File


def on_files(files, config):
    page = File.generated(config, "generert.md", content="# Generert\\n\\nLaget av en plugin.\\n")
    files.append(page)
    return files
"""


@pytest.fixture
def finished_project(tmp_path: Path) -> Path:
    """A copy of the project with a small docs folder, built against the session's runtime."""
    project = copy_project(tmp_path / "project")
    (project / "hooks.py").write_text(GENERATING_HOOK, encoding="utf-8")
    config = f"""
        site_name: Test
        site_url: https://example.org/
        edit_uri: https://example.org/edit/docs/
        theme:
          name: mkdocs
        markdown_extensions:
          - build_scripts.extension
        hooks:
          - hooks.py
        plugins:
          - calculators:
              cache_dir: {RUNTIME_CACHE}
        nav:
          - Forside: index.md
          - Øverst:
              - Midten:
                  - Dypt: a/b/dypt.md
          - generert.md
    """
    pages = {"index.md": "# Forside\n\nHei.\n", "a/b/dypt.md": "# Dypt\n\nLangt nede.\n"}
    return _project(project, config, pages)


def test_a_finished_build_gives_robots_txt_previews_and_no_edit_link_to_a_generated_page(
    finished_project: Path,
) -> None:
    site = _build(finished_project)

    assert (site / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"
    )
    written = (site / "index.html").read_text(encoding="utf-8")
    assert "https://example.org/edit/docs/index.md" in written
    generated = (site / "generert" / "index.html").read_text(encoding="utf-8")
    assert "Laget av en plugin." in generated
    assert "https://example.org/edit/docs/" not in generated, "no file to edit"


def test_a_page_deep_in_the_navigation_shows_its_top_section_on_its_preview(
    finished_project: Path,
) -> None:
    site = _build(finished_project)

    page = (site / "a" / "b" / "dypt" / "index.html").read_text(encoding="utf-8")
    drawn = social.render_preview(title="Dypt", section="Øverst", site_name="Test")
    expected = FOLDER + social.preview_file_name("a/b/dypt/", drawn)
    assert OG_IMAGE.findall(page) == [f"https://example.org/{expected}"]
    assert (site / expected).read_bytes() == drawn
