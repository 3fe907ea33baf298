"""The calculators' options: declared once, read the same by MkDocs and the finishing step."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pytest

from build_scripts.finish.options import FinishOptions, read_options
from build_scripts.mkdocs_plugin.plugin import CalculatorsConfig

if TYPE_CHECKING:
    from pathlib import Path


def write_config(folder: Path, block: str) -> Path:
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Test\nsite_url: !ENV [SITE_URL, 'http://x/']\n"
        f"plugins:\n  - search\n  - calculators:\n{block}",
        encoding="utf-8",
    )
    return config


def test_mkdocs_validates_exactly_the_declared_options_with_the_same_defaults() -> None:
    config = CalculatorsConfig()
    config.load_dict({})
    failed, warnings = config.validate()
    assert (failed, warnings) == ([], [])
    declared = {f.name: f.default for f in dataclasses.fields(FinishOptions)}
    values = {name: config[name] for name in declared}
    assert FinishOptions.from_mapping(values, source="mkdocs.yml") == FinishOptions()


def test_the_finishing_step_reads_the_plugins_block(tmp_path: Path) -> None:
    config = write_config(
        tmp_path, "      start_when_loaded: [kalkulatorer/index.md]\n      cache_name: x-v2\n"
    )
    options = read_options(config)
    assert options.start_when_loaded == ("kalkulatorer/index.md",)
    assert options.cache_name == "x-v2"
    assert options.runtime_path == FinishOptions().runtime_path


def test_mkdocs_yml_tags_do_not_stop_the_finishing_step(tmp_path: Path) -> None:
    """MkDocs' own YAML tags, in each shape a node takes: read as plain values, not run."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Test\n"
        "site_url: !ENV SITE_URL\n"
        "edit_uri: !ENV [EDIT_URI, 'https://example.org/edit/']\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "  - pymdownx.snippets:\n"
        "      base_path: !relative {path: docs}\n"
        "plugins:\n  - calculators:\n      cache_name: tags-v1\n",
        encoding="utf-8",
    )
    assert read_options(config).cache_name == "tags-v1"


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("      colour: red\n", "ukjent innstilling for calculators i mkdocs.yml: colour"),
        ("      cache_name: 7\n", "calculators: cache_name i mkdocs.yml må være en tekst"),
        ("      enabled: ja\n", "calculators: enabled i mkdocs.yml må være true eller false"),
        (
            "      start_when_loaded: index.md\n",
            "calculators: start_when_loaded i mkdocs.yml må være en liste med tekster",
        ),
    ],
)
def test_a_mistake_in_the_block_is_named(tmp_path: Path, block: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_options(write_config(tmp_path, block))
