"""Shared fixtures: one real strict build of the site and a local host serving it.

The build and the server are session-scoped: every site and browser test looks at the same
built site, exactly as a reader would get it.
"""

from __future__ import annotations

import contextlib
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
