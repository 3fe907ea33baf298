"""CONTRIBUTING.md's "Lag en ny kalkulator" is true: follow it in a copy and use the result.

The test copies the project, adds the example module, catalogue entry, page and menu entry
exactly as CONTRIBUTING.md shows them (the code is read from CONTRIBUTING.md itself), runs
``ruff`` and ``mkdocs build --strict`` there, serves the site on 127.0.0.1 and checks that
the form reaches ``data-state="ready"`` in Chromium and computes what a visitor types.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import socket
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from calculators import CATALOGUE
from calculators.numbers import format_value
from tests.browser.conftest import DESKTOP_VIEWPORT
from tests.browser.helpers import READY_TIMEOUT_MS
from tests.build_scripts.runtime_support import link_runtime_cache
from tests.conftest import PROJECT_ROOT, serve_site

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.browser.conftest import NewPage

pytestmark = [pytest.mark.browser, pytest.mark.build, pytest.mark.slow]

CONTRIBUTING = PROJECT_ROOT / "CONTRIBUTING.md"
CALCULATOR_ID = "annual_retention"
MODULE = "calculators/annual_retention.py"
PAGE = "docs/kalkulatorer/arlig-kundebevaring.md"
NAV_ENTRY = "kalkulatorer/arlig-kundebevaring.md"
COPIED = (
    "calculators",
    "build_scripts",
    "docs",
    "tests",
    "bench",
    "mkdocs.yml",
    "package.json",
    "package-lock.json",
    "pyproject.toml",
)


def _fenced_blocks(markdown: str, language: str) -> list[str]:
    pattern = rf"(?ms)^```{re.escape(language)}\n(.*?)^```$"
    return re.findall(pattern, markdown)


def _guide() -> str:
    return CONTRIBUTING.read_text(encoding="utf-8")


def _module_source() -> str:
    [source] = [b for b in _fenced_blocks(_guide(), "python") if f'id="{CALCULATOR_ID}"' in b]
    return source


def _page_source() -> str:
    [source] = [
        b
        for b in _fenced_blocks(_guide(), "markdown")
        if f"/// calculator | {CALCULATOR_ID}\n///" in b and b.startswith("# ")
    ]
    return source


def _add_to_catalogue(catalogue: str) -> str:
    """Make the two edits CONTRIBUTING.md shows: the sorted import and the tuple entry."""
    lines = catalogue.split("\n")
    start = lines.index("from calculators import (")
    end = lines.index(")", start)
    names = sorted([*(line.strip() for line in lines[start + 1 : end]), f"{CALCULATOR_ID},"])
    lines[start + 1 : end] = [f"    {name}" for name in names]
    loop = next(i for i, line in enumerate(lines) if line.strip() == "for module in (")
    close = next(i for i in range(loop, len(lines)) if lines[i].strip() == ")")
    indent = lines[close - 1][: len(lines[close - 1]) - len(lines[close - 1].lstrip())]
    lines.insert(close, f"{indent}{CALCULATOR_ID},")
    return "\n".join(lines)


#: A row of the guide's tables: "# tests/calculators/test_steps.py, EXAMPLES …", then the code.
_TABLE_ROW = re.compile(r"^# (tests/\S+\.py), (\w+)[^\n]*\n", re.MULTILINE)


def _table_rows() -> list[tuple[str, str, str]]:
    """The rows the guide says to add, as (test file, table, code)."""
    [block] = [
        b
        for b in _fenced_blocks(_guide(), "python")
        if "tests/calculators/test_catalogue.py, DESIGN" in b
    ]
    parts = _TABLE_ROW.split(block)
    return [(parts[i], parts[i + 1], parts[i + 2]) for i in range(1, len(parts), 3)]


def _add_row(source: str, table: str, row: str) -> str:
    """Put ``row`` last in the dict literal ``table`` (``TABLE… = {`` to its ``}``)."""
    lines = source.split("\n")
    start = next(
        i
        for i, line in enumerate(lines)
        if line.startswith(table) and line.rstrip().endswith("= {")
    )
    end = next(i for i in range(start, len(lines)) if lines[i] == "}")
    rows = [f"    {line}" if line else line for line in row.rstrip().split("\n")]
    lines[end:end] = rows
    return "\n".join(lines)


def _add_to_nav(mkdocs_yml: str) -> str:
    """Put the page last among the Kalkulatorer section's pages, as CONTRIBUTING.md says."""
    lines = mkdocs_yml.split("\n")
    last = max(i for i, line in enumerate(lines) if re.search(r"- .*kalkulatorer/\S+\.md", line))
    indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
    lines.insert(last + 1, f"{indent}- {NAV_ENTRY}")
    return "\n".join(lines)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(  # noqa: S603 - fixed commands from this test
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed in the copied project:\n{log}")
    return log


@pytest.fixture(scope="module")
def project_with_example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    """The project copied, the example added as CONTRIBUTING.md says, built strictly."""
    guide = _guide()
    for mentioned in (MODULE, PAGE.removeprefix("docs/"), NAV_ENTRY, "calculators/catalogue.py"):
        assert mentioned in guide, f"CONTRIBUTING.md no longer mentions {mentioned}"
    assert CALCULATOR_ID not in CATALOGUE, "the example must be new to the real catalogue"

    project = tmp_path_factory.mktemp("project")
    for name in COPIED:
        source = PROJECT_ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(source, project / name, ignore=ignore)
        else:
            shutil.copy2(source, project / name)
    (project / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")
    # The shared runtime cache: the Pyodide files and the trimmed standard library are found
    # there, and the example's runtime is built once (its key is a content hash).
    link_runtime_cache(project)

    (project / MODULE).write_text(_module_source(), encoding="utf-8")
    catalogue = project / "calculators" / "catalogue.py"
    catalogue.write_text(_add_to_catalogue(catalogue.read_text(encoding="utf-8")))
    (project / PAGE).write_text(_page_source(), encoding="utf-8")
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(_add_to_nav(mkdocs_yml.read_text(encoding="utf-8")))
    tables = _table_rows()
    assert {table for _, table, _ in tables} >= {"DESIGN", "EXAMPLES", "TYPED", "CHANGE"}
    for test_file, table, row in tables:
        target = project / test_file
        # The guide writes a no-break space as "~" in the steps' texts, to be read.
        code = row.replace("~", "\u00a0") if test_file.endswith("test_steps.py") else row
        target.write_text(_add_row(target.read_text(encoding="utf-8"), table, code))

    port = _free_port()
    # The copy's packages first on the path, so its `calculators` shadows the repository's
    # (installed in editable mode); the strict build then proves it did.
    env = {
        **os.environ,
        "PYTHONPATH": str(project),
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": f"http://127.0.0.1:{port}/",
    }
    bin_dir = Path(sys.executable).parent
    _run([str(bin_dir / "ruff"), "check", MODULE, "calculators/catalogue.py"], project, env)
    _run([str(bin_dir / "ruff"), "format", "--check", MODULE], project, env)
    probe = "import calculators; print(calculators.__file__)"
    imported = _run([sys.executable, "-c", probe], project, env).strip()
    assert Path(imported).is_relative_to(project), imported

    site = project / "site"
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    _run(build, project, env)

    # The guide's "after a new calculator": the calculators' rules, then the tests without a
    # browser that the new calculator has rows in (make check and make test-quick run these
    # among the rest); the guide's browser rows at least fill their tables.
    _run([sys.executable, "-m", "build_scripts.checks", "--only", "calculators"], project, env)
    quick = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-cov",
        "tests/calculators", "tests/build_scripts/test_pyodide_parity.py",
        ("tests/browser/test_phone_calculators.py::"
         "test_every_calculator_with_a_comparison_has_an_input_to_change"),
        "-k", f"{CALCULATOR_ID} or every_calculator or catalogue_order or public_api",
    ]  # fmt: skip
    _run(quick, project, env)
    return project, site, port


@pytest.fixture(scope="module")
def example_url(project_with_example: tuple[Path, Path, int]) -> Iterator[str]:
    """Serve the copied project's site on the port it was built for."""
    _, site, port = project_with_example
    with serve_site(site, port) as url:
        yield f"{url}kalkulatorer/arlig-kundebevaring/"


def _percent(fraction: float) -> str:
    return format_value(fraction * 100, "%")


def test_new_calculator_is_built_into_its_page(
    project_with_example: tuple[Path, Path, int],
) -> None:
    _, site, _ = project_with_example
    html = (site / "kalkulatorer" / "arlig-kundebevaring" / "index.html").read_text()
    assert f'data-calculator="{CALCULATOR_ID}"' in html
    # Build-time results for the defaults: 95 % a month for 12 months.
    assert f">{_percent(0.95**12)}</output>" in html
    # One runtime folder (named by its hash), whose wheel carries the new module as bytecode.
    wheels = list((site / "assets" / "pyodide").glob("*/calculators-*.whl"))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as wheel:
        assert "calculators/annual_retention.pyc" in wheel.namelist()


def test_new_calculator_computes_in_chromium(new_page: NewPage, example_url: str) -> None:
    page, _ = new_page(viewport=DESKTOP_VIEWPORT)
    page.goto(example_url)
    form = page.locator(f"form.calculator[data-calculator='{CALCULATOR_ID}']")
    expect(form).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)

    form.locator("[name='period_retention']").fill("92,5")
    form.locator("[name='periods_per_year']").fill("4")
    kept = 0.925**4
    expect(form.locator("output[name='annual_retention']")).to_have_text(_percent(kept))
    expect(form.locator("output[name='annual_churn']")).to_have_text(_percent(1 - kept))
    assert math.isclose(kept, 0.7320941406)
    # "Slik regnet vi det" with the typed numbers, from the guide's steps function.
    expect(form.locator(".calculator-steps li")).to_have_text(
        [
            f"Kundebevaring per år: 0,925⁴ · 100 = {_percent(kept)}",
            f"Kundefrafall per år: 100\u00a0% − {_percent(kept)} = {_percent(1 - kept)}",
        ]
    )
    # The address carries the typed values: a share link follows from the spec alone.
    expect(page).to_have_url(re.compile(rf"{CALCULATOR_ID}\.period_retention=92%2C5"))
