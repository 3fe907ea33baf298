"""The site the benchmark measures: built once for its host's origin, with the baseline beside it.

The calculator watched is the customer lifetime value: a value is typed into one field and
its live result recognised in one output (:func:`calculator_config`). The baseline is a page
that starts bare Pyodide from an untouched copy of the npm package's files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from build_scripts.runtime.builder import LOCK_FILE_NAME, PYODIDE_FILES
from calculators import evaluate

if TYPE_CHECKING:
    from collections.abc import Iterator

PROJECT_ROOT: Final = Path(__file__).resolve().parent.parent
BASELINE_SOURCES: Final = Path(__file__).with_name("baseline")
NPM_PYODIDE: Final = PROJECT_ROOT / "node_modules" / "pyodide"
#: What bare Pyodide needs from the npm package: the files the runtime builder takes too.
NPM_FILES: Final = (*PYODIDE_FILES, LOCK_FILE_NAME)
#: Where the baseline page is served, beside the site on the same host.
BASELINE_PREFIX: Final = "/__baseline/"

#: The calculator page, the field typed into and the output watched.
CALCULATOR: Final = "customer_lifetime_value"
FIELD: Final = "margin_per_period"
TYPED: Final = ("1 500", "1 600")
OUTPUT: Final = "clv"

_RUNTIME_META: Final = re.compile(r'<meta name="calculators-runtime" content="([^"]+)"')


def calculator_config(page: str) -> dict[str, str]:
    """Return what the page scripts need to type a value and recognise its live result."""
    return {
        "path": "/" + page,
        "calculator": CALCULATOR,
        "field": FIELD,
        "output": OUTPUT,
        "typed": TYPED[0],
        "expected": evaluate(CALCULATOR, {FIELD: TYPED[0]})["display"][OUTPUT],
        "staticText": evaluate(CALCULATOR, {})["display"][OUTPUT],
    }


def free_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def mkdocs(
    site_dir: Path, port: int, *, config: str | None = None, project: Path = PROJECT_ROOT
) -> float:
    """Run ``mkdocs build`` (from stdin's config if given); return its wall time in seconds.

    ``SITE_URL`` is the origin the site will be served from: Material's instant navigation
    only takes over links within it. ``project`` is the checkout built (its own
    ``build_scripts``, found from the working directory, as ``python -m`` puts it first).
    """
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site_dir)]
    if config is not None:
        command += ["--config-file", "-"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        command,
        cwd=project,
        input=config,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        msg = f"mkdocs build failed:\n{result.stdout}{result.stderr}"
        raise RuntimeError(msg)
    return elapsed


def build_revision(revision: str, site_dir: Path, port: int) -> Path:
    """Build the site as it was at a git ``revision`` (for a same-run before/after).

    The revision's files are exported beside ``site_dir`` and built with this checkout's
    Python and npm packages, as the revision's own ``make site`` would with the same lock.
    """
    source = site_dir.with_name(site_dir.name + "-source")
    source.mkdir(parents=True)
    archive = subprocess.run(  # noqa: S603 - fixed argv, no shell
        ["git", "archive", "--format=tar", revision],  # noqa: S607 - git from PATH
        cwd=PROJECT_ROOT,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(source, filter="data")
    (source / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")
    mkdocs(site_dir, port, project=source)
    return site_dir


def baseline(directory: Path) -> Path:
    """Put the baseline page beside an untouched copy of the npm package's files."""
    directory.mkdir(parents=True)
    for source in BASELINE_SOURCES.iterdir():
        shutil.copyfile(source, directory / source.name)
    for name in NPM_FILES:
        shutil.copyfile(NPM_PYODIDE / name, directory / name)
    return directory


def calculator_page(site_dir: Path) -> str:
    """Return the first page under kalkulatorer/ holding the benchmarked calculator."""
    for html in sorted((site_dir / "kalkulatorer").rglob("index.html")):
        if f'data-calculator="{CALCULATOR}"' in html.read_text(encoding="utf-8"):
            return html.parent.relative_to(site_dir).as_posix() + "/"
    msg = f"no page under kalkulatorer/ holds {CALCULATOR}"
    raise RuntimeError(msg)


def runtime_folder(site_dir: Path) -> str:
    """Return the runtime's folder as the built pages name it (``assets/pyodide/<hash>/``)."""
    match = _RUNTIME_META.search((site_dir / "index.html").read_text(encoding="utf-8"))
    if match is None:
        msg = "the built pages name no runtime folder"
        raise RuntimeError(msg)
    return match.group(1)


@dataclass(frozen=True, slots=True)
class Workspace:
    """A benchmark's scratch folder, with the site built in it and the baseline beside it."""

    scratch: Path
    site_dir: Path
    baseline_dir: Path
    page: str
    port: int
    started: str


@contextlib.contextmanager
def workspace(prefix: str) -> Iterator[Workspace]:
    """Build the site for a free port and lay out the baseline, in a folder removed after.

    The port is chosen first: the site is built for that origin, so Material's instant
    navigation takes over its links as on a real host.
    """
    port = free_port()
    with tempfile.TemporaryDirectory(prefix=prefix) as scratch_name:
        scratch = Path(scratch_name)
        site_dir = scratch / "site"
        sys.stdout.write("Bygger nettstedet …\n")
        mkdocs(site_dir, port)
        yield Workspace(
            scratch=scratch,
            site_dir=site_dir,
            baseline_dir=baseline(scratch / "baseline"),
            page=calculator_page(site_dir),
            port=port,
            started=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
