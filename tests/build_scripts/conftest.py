"""The runtime the build tests look at: built once per session into the shared cache."""

from __future__ import annotations

import pytest

from build_scripts.runtime import Runtime, build_runtime
from tests.build_scripts.runtime_support import PROJECT_ROOT, RUNTIME_CACHE


@pytest.fixture(scope="session")
def runtime() -> Runtime:
    """The project's runtime, from the cache ``mkdocs build`` uses (a hit once either built it)."""
    return build_runtime(PROJECT_ROOT, RUNTIME_CACHE)
