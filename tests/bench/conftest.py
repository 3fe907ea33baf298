"""The benchmark host's tests share one made-up site and one host at the loopback profile."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bench.host import Host, serve
from tests.bench.helpers import make_site

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(tmp_path_factory.mktemp("host-site"))


@pytest.fixture(scope="module")
def host(site: Path) -> Iterator[Host]:
    """One host at the loopback profile for the tests that only look at what is sent."""
    with serve(site) as running:
        yield running
