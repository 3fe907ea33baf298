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
