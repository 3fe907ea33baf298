"""Pyodide, booted from the built runtime under Node, computes exactly what CPython computes.

Every case of :mod:`tests.build_scripts.parity_cases` runs through ``calculators.evaluate``
here in CPython and, in one Node process, in the site's own Pyodide with the site's lock and
wheel. Both sides encode results with the same :func:`~tests.build_scripts.parity_codec.run_case`
(its source is shipped to Pyodide), so the comparison is of exact JSON text per key: values,
display strings, errors, svg, table, worked steps and the comparison.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from calculators import CATALOGUE, evaluate
from calculators.numbers import MINUS
from tests.build_scripts.parity_cases import case_table
from tests.build_scripts.parity_codec import CODEC, describe_differences, run_case

if TYPE_CHECKING:
    from build_scripts.runtime import Runtime

PARITY_SCRIPT = Path(__file__).with_name("pyodide_parity.mjs")
PYODIDE_PYTHON = "3.14"

pytestmark = pytest.mark.node


@pytest.fixture(scope="module")
def cases() -> list[dict[str, object]]:
    table = case_table()
    assert len({case["id"] for case in table}) == len(table), "case ids must be unique"
    return table


@pytest.fixture(scope="module")
def pyodide_report(
    runtime: Runtime, cases: list[dict[str, object]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    node = shutil.which("node")
    assert node is not None, "Node.js is needed to run the built runtime"
    cases_file = tmp_path_factory.mktemp("parity") / "cases.json"
    cases_file.write_text(
        json.dumps({"codec": CODEC, "cases": cases}, ensure_ascii=False), encoding="utf-8"
    )
    result = subprocess.run(  # noqa: S603 - a fixed command line
        [node, str(PARITY_SCRIPT), str(runtime.directory), str(cases_file)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


@pytest.fixture(scope="module")
def cpython_results(cases: list[dict[str, object]]) -> dict[str, str]:
    return {
        str(case["id"]): run_case(
            evaluate,
            case["calculator"],
            json.loads(str(case["inputs_json"])),
            json.loads(str(case["baseline_json"])) if case["baseline_json"] else None,
        )
        for case in cases
    }


def test_runs_in_pyodide_from_the_built_runtime(pyodide_report: dict[str, Any]) -> None:
    assert pyodide_report["platform"] == "emscripten"
    assert pyodide_report["python"].startswith(f"{PYODIDE_PYTHON}.")
    assert pyodide_report["calculators"] == ["/lib/python3.14/site-packages/calculators"]
    assert pyodide_report["messages"] == ["Loading calculators", "Loaded calculators"]


def test_table_covers_every_calculator_and_its_edges(cpython_results: dict[str, str]) -> None:
    for calculator_id in CATALOGUE:
        assert f"{calculator_id}/defaults" in cpython_results
        assert json.loads(cpython_results[f"{calculator_id}/defaults"])["errors"] == {}
    # The table reaches the parts of evaluate that differ most between platforms.
    outcomes = [json.loads(text) for text in cpython_results.values()]
    assert any("inf" in result.get("values", {}).values() for result in outcomes)
    assert any(result.get("errors") for result in outcomes)
    assert any(result.get("svg") for result in outcomes)
    assert any(result.get("table") for result in outcomes)
    assert all(result.get("steps") for result in outcomes if not result.get("errors"))
    compared = [
        json.loads(text)
        for case_id, text in cpython_results.items()
        if "/vs_" in case_id and not json.loads(text).get("errors")
    ]
    differences = [
        text
        for result in compared
        if result["comparison"]
        for text in result["comparison"]["differences"].values()
    ]
    assert any(text.startswith("kan ikke sammenlignes") for text in differences)
    assert any(text.startswith("+") for text in differences)
    assert any(text.startswith(MINUS) for text in differences)
    assert any(result["comparison"] is None for result in compared)  # the junk baselines
    assert not [text for text in cpython_results.values() if '"exception"' in text]


def test_pyodide_equals_cpython_for_every_case(
    cases: list[dict[str, object]],
    cpython_results: dict[str, str],
    pyodide_report: dict[str, Any],
) -> None:
    ids = [str(case["id"]) for case in cases]
    found = describe_differences(cpython_results, pyodide_report["results"], ids)
    assert not found, f"{len(found)} of {len(ids)} cases differ:\n" + "\n".join(found)


def test_worker_style_inputs_equal_cpython(
    cases: list[dict[str, object]],
    cpython_results: dict[str, str],
    pyodide_report: dict[str, Any],
) -> None:
    """Form values handed over as the worker does (``pyodide.toPy`` of a JS object) agree too."""
    ids = [str(case["id"]) for case in cases if case["worker_path"]]
    assert len(ids) >= 4 * len(CATALOGUE)
    found = describe_differences(cpython_results, pyodide_report["worker_results"], ids)
    assert not found, f"{len(found)} of {len(ids)} cases differ:\n" + "\n".join(found)
