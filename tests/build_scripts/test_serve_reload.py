"""`make serve` runs `mkdocs serve --dirty`: a saved page is rebuilt alone, with the
navigation intact; a change to anything else (a calculator, a new page) rebuilds every page.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.build_scripts.runtime_support import link_runtime_cache

if TYPE_CHECKING:
    from collections.abc import Iterator

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FULL_REBUILD = "Bygger alle sidene på nytt"
RELOADED = "Reloading browsers"
NAV_TITLE = re.compile(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', re.DOTALL)
RUNTIME = re.compile(r'<meta name="calculators-runtime" content="([^"]+)"')
TIMEOUT_S = 120


class Server:
    """A `mkdocs serve --dirty` in a copy of the project, and the lines it has logged."""

    def __init__(self, project: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                # As `make serve` runs it.
                "--dirty",
                "--strict",
                "--dev-addr",
                f"127.0.0.1:{self.port}",
            ],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"},
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        self.lines.extend(line.rstrip() for line in self._process.stdout)

    def wait_for(self, text: str, *, after: int) -> list[str]:
        """Wait until a line after the first ``after`` contains ``text``; return those lines."""
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            new = self.lines[after:]
            if any(text in line for line in new):
                return new
            assert self._process.poll() is None, "\n".join(self.lines)
            time.sleep(0.05)
        pytest.fail(f"no {text!r} within {TIMEOUT_S} s:\n" + "\n".join(self.lines))

    def get(self, path: str) -> str:
        url = f"http://127.0.0.1:{self.port}{path}"
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode())

    def stop(self) -> None:
        self._process.terminate()
        self._process.wait(timeout=10)
        self._reader.join(timeout=10)
        assert self._process.stdout is not None
        self._process.stdout.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    for name in ("calculators", "build_scripts", "docs"):
        shutil.copytree(
            PROJECT_ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    for name in ("mkdocs.yml", "package.json", "package-lock.json", "pyproject.toml"):
        shutil.copy(PROJECT_ROOT / name, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")
    # The shared runtime cache, so only the edited calculator is compiled (once: its key is
    # a content hash, so later runs find it).
    link_runtime_cache(tmp_path)
    running = Server(tmp_path)
    try:
        running.wait_for("Serving on", after=0)
        yield running, tmp_path
    finally:
        running.stop()


@pytest.mark.build
def test_saving_a_page_rebuilds_it_alone_and_anything_else_rebuilds_every_page(
    server: tuple[Server, Path],
) -> None:
    running, project = server
    menu = NAV_TITLE.findall(running.get("/relasjoner/tillit/"))
    runtime_before = RUNTIME.findall(running.get("/kalkulatorer/nps/"))

    page = project / "docs" / "relasjoner" / "tillit.md"
    seen = len(running.lines)
    page.write_text(page.read_text(encoding="utf-8") + "\nEn setning lagt til under testen.\n")
    logged = running.wait_for(RELOADED, after=seen)
    assert not any(FULL_REBUILD in line for line in logged)
    html = running.get("/relasjoner/tillit/")
    assert "En setning lagt til under testen." in html
    # Pages MkDocs did not rebuild still have their titles in the menu of the one it did.
    assert NAV_TITLE.findall(html) == menu
    assert not any("WARNING" in line for line in logged), logged

    module = project / "calculators" / "nps.py"
    seen = len(running.lines)
    module.write_text(module.read_text(encoding="utf-8") + "\n# Endret under testen.\n")
    logged = running.wait_for(RELOADED, after=seen)
    assert any(FULL_REBUILD in line for line in logged)
    runtime_after = RUNTIME.findall(running.get("/kalkulatorer/nps/"))
    assert runtime_after != runtime_before, "the page must name the rebuilt runtime"
    lock = running.get(f"/{runtime_after[0]}pyodide-lock.json")
    assert '"calculators"' in lock

    seen = len(running.lines)
    # A new page and its place in the menu, as the guide says (a page outside the menu stops
    # the rebuild, as it fails `make site`).
    (project / "docs" / "ny-side.md").write_text("# Ny side\n\nLagt til under testen.\n")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      - Personvern: personvern.md\n",
            "      - Personvern: personvern.md\n      - Ny side: ny-side.md\n",
        ),
        encoding="utf-8",
    )
    logged = running.wait_for(RELOADED, after=seen)
    assert any(FULL_REBUILD in line for line in logged)
    assert "Lagt til under testen." in running.get("/ny-side/")


@pytest.mark.build
def test_a_broken_link_or_anchor_stops_the_rebuild_naming_the_file(
    server: tuple[Server, Path],
) -> None:
    running, project = server
    page = project / "docs" / "relasjoner" / "tillit.md"
    text = page.read_text(encoding="utf-8")
    # A heading that is not there, on a page this dirty rebuild does not render.
    seen = len(running.lines)
    page.write_text(text + "\nSe [lojalitet](../kunderelasjoner/lojalitet.md#finnes-ikke).\n")
    logged = running.wait_for("An error happened during the rebuild", after=seen)
    assert any(
        "Doc file 'relasjoner/tillit.md' contains a link '../kunderelasjoner/lojalitet.md"
        "#finnes-ikke', but the doc 'kunderelasjoner/lojalitet.md' does not contain an anchor "
        "'#finnes-ikke'." in line
        for line in logged
    ), logged
    assert any("Aborted with 1 warnings in strict mode" in line for line in logged), logged
    # A page that is not there.
    seen = len(running.lines)
    page.write_text(text + "\nSe [siden](finnes-ikke.md).\n")
    logged = running.wait_for("An error happened during the rebuild", after=seen)
    assert any(
        "relasjoner/tillit.md" in line and "finnes-ikke.md" in line and "WARNING" in line
        for line in logged
    ), logged
    # Fixed: the page is rebuilt and the browsers reload.
    seen = len(running.lines)
    page.write_text(text + "\nSe [lojalitet](../kunderelasjoner/lojalitet.md).\n")
    running.wait_for(RELOADED, after=seen)
