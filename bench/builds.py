"""How long the site takes to build: without the calculators, in full, again, and from cold.

``mkdocs build`` with the calculators plugin switched off, a full build, a rebuild with no
change, and a first build with an empty runtime cache (the standard library compiled and
measured inside Pyodide), the kinds alternating round by round.
"""

from __future__ import annotations

import shutil
import sys
from typing import TYPE_CHECKING, Final

import yaml

from bench.site import PROJECT_ROOT, mkdocs

if TYPE_CHECKING:
    from pathlib import Path

#: The kinds of build, in the order each round makes them, with their names in the report.
KINDS: Final = {
    "without_calculators": "bygg uten kalkulatorer",
    "full": "fullt bygg",
    "rebuild_no_change": "bygg uten endring",
    "first_build_empty_cache": "første bygg, tom hurtigbuffer",
}


class _AnyTagLoader(yaml.SafeLoader):
    """YAML's safe loader, reading ``!ENV`` and other tags (not about plugins) as null."""


_AnyTagLoader.add_multi_constructor("!", lambda _loader, _suffix, _node: None)


def with_calculators_plugin(options: dict[str, object]) -> str:
    """Return a config inheriting mkdocs.yml, with ``options`` for the calculators plugin.

    ``INHERIT`` replaces the whole ``plugins`` list, so it is copied, every other plugin as
    configured there.
    """
    text = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.load(text, _AnyTagLoader)  # noqa: S506 - a SafeLoader subclass
    plugins = []
    for entry in config["plugins"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        settings = {} if isinstance(entry, str) else entry[name] or {}
        plugins.append({name: {**settings, **options} if name == "calculators" else settings})
    return yaml.safe_dump({"INHERIT": "mkdocs.yml", "plugins": plugins}, allow_unicode=True)


def measure_builds(scratch: Path, port: int, rounds: int) -> dict[str, list[float]]:
    """Time every kind of build ``rounds`` times, alternating them round by round."""
    without = with_calculators_plugin({"enabled": False})
    builds: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for number in range(rounds):
        sys.stdout.write(f"  bygg, runde {number + 1}/{rounds}\n")
        fresh = scratch / f"build-{number}"
        builds["without_calculators"].append(mkdocs(fresh / "without", port, config=without))
        builds["full"].append(mkdocs(fresh / "full", port))
        builds["rebuild_no_change"].append(mkdocs(fresh / "full", port))
        cold = with_calculators_plugin({"cache_dir": str(fresh / "runtime-cache")})
        builds["first_build_empty_cache"].append(mkdocs(fresh / "cold", port, config=cold))
        shutil.rmtree(fresh, ignore_errors=True)
    return builds
