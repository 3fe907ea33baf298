"""The calculators' options, declared once: the ``calculators`` block in ``mkdocs.yml``.

::

    plugins:
      - calculators:
          start_when_loaded: [kalkulatorer/index.md]

:class:`FinishOptions` is the one declaration. MkDocs validates the block against a config
class the plugin builds from these fields; an engine without MkDocs'
plugins (Zensical) ignores the block, but ``python -m build_scripts finish`` reads it from
the same file with :func:`read_options`. Adding an option is adding a field here, with its
default and a comment on what it does.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

#: The Cache Storage name unless ``mkdocs.yml`` sets ``cache_name``.
DEFAULT_CACHE_NAME = "kunderelasjoner-v1"
#: The plugin's name in ``mkdocs.yml``.
PLUGIN = "calculators"


@dataclass(frozen=True, slots=True, kw_only=True)
class FinishOptions:
    """Everything the ``calculators`` block in ``mkdocs.yml`` may say.

    Attributes:
        enabled: Whether the MkDocs plugin runs at all (MkDocs only).
        runtime_path: Site folder the Pyodide runtimes are published in; the worker expects
            it next to ``javascripts/`` (``../assets/pyodide/`` relative to the worker).
        cache_dir: Where finished runtimes are cached between builds, relative to
            ``mkdocs.yml``.
        start_when_loaded: Pages (Markdown sources) that start Python once loaded: pages
            that lead to calculators, so a reader who then opens one finds it ready.
        cache_name: The browser's Cache Storage name for pages, runtime and memory
            snapshot; the browser code gets it from the shared names (:mod:`.names`).
        memory_snapshot: Whether the calculators' worker keeps a copy of Python's memory for
            repeat visits (the shared names carry it as ``memorySnapshot``); off only to
            measure what the snapshot buys.
        start_hints: Whether pages start Python by themselves (from ``<head>`` on calculator
            pages, once loaded on ``start_when_loaded``); off, Python starts on a reader's
            intent only, as on a page without a calculator.
        calculators_section: The navigation section whose pages with a calculator are that
            calculator's own page: link previews call them web applications (MkDocs only).
        calculators_folder: The folder (below the site root) of the calculators' own pages:
            a link that opens a calculator with numbers filled in (an exercise's "Åpne
            kalkulatoren") leads to its page there.

    """

    enabled: bool = True
    runtime_path: str = "assets/pyodide/"
    cache_dir: str = ".cache/runtime"
    start_when_loaded: tuple[str, ...] = ()
    cache_name: str = DEFAULT_CACHE_NAME
    memory_snapshot: bool = True
    start_hints: bool = True
    calculators_section: str = "Kalkulatorer"
    calculators_folder: str = "kalkulatorer/"

    @classmethod
    def from_mapping(cls, values: Mapping[str, object], *, source: str) -> FinishOptions:
        """Return the options in ``values``, checking names and types.

        Args:
            values: Option name → value, as YAML (or MkDocs' validated config) gives them.
            source: Where the values come from, for the message.

        Raises:
            ValueError: An option that does not exist, or a value of the wrong type.

        """
        declared = {option.name: option.default for option in fields(cls)}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            msg = f"ukjent innstilling for {PLUGIN} i {source}: {', '.join(unknown)}"
            raise ValueError(msg)
        checked: dict[str, Any] = {
            name: _checked(name, value, declared[name], source) for name, value in values.items()
        }
        return cls(**checked)


def _checked(name: str, value: object, default: object, source: str) -> object:
    """Return ``value`` as the option wants it (a list becomes a tuple), or say what is wrong.

    Raises:
        ValueError: The value is not of the option's type.

    """
    if isinstance(default, tuple):
        if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
            return tuple(value)
        wanted = "en liste med tekster"
    elif isinstance(value, type(default)):
        return value
    else:
        wanted = "true eller false" if isinstance(default, bool) else "en tekst"
    # A ValueError, like an unknown option: both are mistakes in mkdocs.yml, caught as one.
    msg = f"{PLUGIN}: {name} i {source} må være {wanted}"
    raise ValueError(msg)


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
        ValueError: An option that does not exist, or a value of the wrong type.

    """
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506 - a SafeLoader
    block: dict[str, Any] = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and PLUGIN in plugin:
            block = plugin[PLUGIN] or {}
    return FinishOptions.from_mapping(block, source=config_file.name)
