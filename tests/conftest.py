"""Shared fixtures: one real strict build of the site, a local server and Chromium.

The build and the server are session-scoped: every site and browser test looks at the same
built site, exactly as a reader would get it.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

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
    "tests/bench/test_throttled_host.py": "throttled-host",
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


class _SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site with the MIME types a static host must get right."""

    extensions_map = {  # noqa: RUF012 - class attribute mirrors the standard library's
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
    }

    #: Headers the site's ``_headers`` file asks a host to send with every response.
    site_headers: tuple[tuple[str, str], ...] = ()

    def end_headers(self) -> None:
        """Send the site's own headers, as a host that reads ``_headers`` would."""
        for name, value in self.site_headers:
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        """Keep test output quiet."""


def read_headers_file(path: Path) -> tuple[tuple[str, str], ...]:
    """Read the ``/*`` block of a Netlify/Cloudflare ``_headers`` file."""
    if not path.exists():
        return ()
    headers: list[tuple[str, str]] = []
    in_catch_all = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace():
            in_catch_all = line.strip() == "/*"
        elif in_catch_all and ":" in line:
            name, value = line.strip().split(":", 1)
            headers.append((name.strip(), value.strip()))
    return tuple(headers)


@contextlib.contextmanager
def serve_site(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (any free port by default), with its ``_headers``."""
    handler_class = type(
        "SiteHandler",
        (_SiteRequestHandler,),
        {"site_headers": read_headers_file(directory / "_headers")},
    )
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite, site_port: int) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 for the whole session."""
    with serve_site(built_site.directory, site_port) as url:
        yield url
