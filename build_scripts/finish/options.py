"""The finishing step's options, read from the calculators plugin's block in ``mkdocs.yml``.

MkDocs validates them as the plugin's options; an engine without MkDocs' plugins (Zensical)
ignores the block, but ``python -m build_scripts finish`` reads it from the same file, so
one ``mkdocs.yml`` configures both.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from pathlib import Path

#: The Cache Storage name unless ``mkdocs.yml`` sets ``cache_name``.
DEFAULT_CACHE_NAME = "kunderelasjoner-v1"
#: The plugin's name in ``mkdocs.yml``.
PLUGIN = "calculators"
#: The plugin's options for MkDocs' own part (the switch, the link previews).
MKDOCS_ONLY = frozenset({"enabled", "calculators_section"})


@dataclass(frozen=True, slots=True, kw_only=True)
class FinishOptions:
    """What the finishing step may be told.

    Attributes:
        runtime_path: Site folder the Pyodide runtimes are published in.
        cache_dir: Where finished runtimes are cached between builds, relative to
            ``mkdocs.yml``.
        start_when_loaded: Pages (Markdown sources) that start Python once loaded: pages
            that lead to calculators.
        cache_name: The browser's Cache Storage name for pages, runtime and snapshot.
        memory_snapshot: Whether the calculators' worker keeps a copy of Python's memory for
            repeat visits (the shared names carry it as ``memorySnapshot``); off only to
            measure what the snapshot buys.
        start_hints: Whether pages start Python by themselves (from ``<head>`` on calculator
            pages, once loaded on ``start_when_loaded``); off, Python starts on a reader's
            intent only, as on a page without a calculator.

    """

    runtime_path: str = "assets/pyodide/"
    cache_dir: str = ".cache/runtime"
    start_when_loaded: tuple[str, ...] = ()
    cache_name: str = DEFAULT_CACHE_NAME
    memory_snapshot: bool = True
    start_hints: bool = True


class _Loader(yaml.SafeLoader):
    """Reads ``mkdocs.yml``: its ``!ENV`` and ``!!python/…`` tags become plain values."""


def _any_tag(loader: _Loader, _suffix: str, node: yaml.Node) -> Any:  # noqa: ANN401 - YAML
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_Loader.add_multi_constructor("!", _any_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def read_options(config_file: Path) -> FinishOptions:
    """Return the options of the calculators plugin in ``config_file``, defaults otherwise.

    Raises:
        ValueError: An option the finishing step does not know.

    """
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506 - a SafeLoader
    block: dict[str, Any] = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and PLUGIN in plugin:
            block = plugin[PLUGIN] or {}
    known = {f.name for f in fields(FinishOptions)}
    values = {k: v for k, v in block.items() if k not in MKDOCS_ONLY}
    unknown = set(values) - known
    if unknown:
        msg = f"ukjent innstilling for {PLUGIN} i {config_file.name}: {', '.join(sorted(unknown))}"
        raise ValueError(msg)
    if "start_when_loaded" in values:
        values["start_when_loaded"] = tuple(values["start_when_loaded"])
    return FinishOptions(**values)
