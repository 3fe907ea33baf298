"""Shared fixtures: one real strict build of the site and a local host serving it.

The build and the server are session-scoped: every site and browser test looks at the same
built site, exactly as a reader would get it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bench.host import serve

if TYPE_CHECKING:
    from collections.abc import Iterator

PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: Fixtures that stand for a real build: the built site, the Pyodide runtime.
BUILD_FIXTURES = frozenset({"built_site", "runtime"})
#: Test files that must not run while another file of their group runs in the other
#: pytest-xdist worker (``make test`` runs two, ``--dist loadfile``: a file's tests stay in
#: one worker, so a module fixture is set up once).
SERIAL_GROUPS = {
    # Timings on the throttled host: not two at once.
    "tests/bench/test_host_network.py": "throttled-host",
    "tests/browser/test_real_networks.py": "throttled-host",
    # Runtimes built into the shared cache, which prunes its oldest entries after a build.
    "tests/build_scripts/test_runtime_builder.py": "runtime-builds",
    "tests/build_scripts/test_serve_reload.py": "runtime-builds",
    "tests/browser/test_add_calculator.py": "runtime-builds",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``build`` every test that needs the built site or the runtime, even indirectly.

    Tests that run a build of their own carry the mark themselves.
    """
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


@pytest.fixture(scope="module", autouse=True)
def _one_file_of_the_group_at_a_time(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Hold the group's lock (:data:`SERIAL_GROUPS`) while this file runs in an xdist worker.

    The lock file lies in the run's own temporary folder, which the workers share; without
    xdist there is nobody to wait for. (pytest-xdist's own ``xdist_group`` mark does not
    group under pytest 9.2: pytest-dev/pytest-xdist#1386.)
    """
    group = SERIAL_GROUPS.get(request.path.relative_to(PROJECT_ROOT).as_posix())
    if group is None or "PYTEST_XDIST_WORKER" not in os.environ:
        yield
        return
    lock = tmp_path_factory.getbasetemp().parent / f"{group}.lock"
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        yield


@dataclass(frozen=True, slots=True)
class BuiltSite:
    """A site built with ``mkdocs build --strict`` and what the build printed."""

    directory: Path
    log: str


@pytest.fixture(scope="session")
def site_port() -> int:
    """A free port on 127.0.0.1 for the test server.

    The site is built for the address it is served from: Material's instant navigation
    only intercepts links whose host and port match ``site_url``, as on a real host.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def build_site(site_dir: Path, site_url: str) -> BuiltSite:
    """Build the whole site strictly into ``site_dir``, for a host at ``site_url``."""
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
        # Material 9's end-of-life banner would otherwise fill every build log.
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url},
    )
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{log}")
    return BuiltSite(directory=site_dir, log=log)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> BuiltSite:
    """Build the whole site once, strictly, into a temporary directory."""
    return build_site(tmp_path_factory.mktemp("site"), f"http://127.0.0.1:{site_port}/")


@contextlib.contextmanager
def serve_site(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (any free port by default) as a host would.

    The benchmark's host at its ``loopback`` profile (full speed): ``_headers`` applied,
    text gzipped, revalidations answered, the MIME types a static host must get right.
    """
    with serve(directory, port=port) as host:
        yield host.url


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite, site_port: int) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 for the whole session."""
    with serve_site(built_site.directory, site_port) as url:
        yield url
