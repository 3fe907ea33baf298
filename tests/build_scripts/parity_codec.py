"""How the Pyodide parity test encodes a result on both sides and says where two differ.

:func:`run_case` runs here in CPython and, shipped as source text (:data:`CODEC`), in the
site's Pyodide: both sides encode results with the same code, so they can be compared as
exact JSON text; :func:`describe_differences` says where each differing case first differs.
"""

from __future__ import annotations

import inspect
import json
import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping


# --- The codec: the same source runs in CPython and (shipped as text) in Pyodide. ------------


def plain(value: object) -> object:
    """Return a JSON-ready copy: non-finite floats become ``"inf"``, ``"-inf"`` or ``"nan"``."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def revive(value: object) -> object:
    """Turn ``{"$bytes": text}`` (each character one byte, 0–255) back into ``bytes``.

    JSON carries no bytes; a file the browser hands over as bytes is written so in a case.
    """
    if isinstance(value, dict):
        if list(value) == ["$bytes"] and isinstance(value["$bytes"], str):
            return value["$bytes"].encode("latin-1")
        return {key: revive(item) for key, item in value.items()}
    return value


def run_case(
    evaluate: Callable[..., object], calculator_id: object, inputs: object, baseline: object = None
) -> str:
    """Evaluate one case (against ``baseline`` if given) and encode the result as JSON text.

    Inputs written ``{"$bytes": …}`` become bytes first (see :func:`revive`). An exception
    is encoded too, escaped, so a broken contract shows as a difference.
    """
    inputs = revive(inputs)
    try:
        if baseline is None:
            result = plain(evaluate(calculator_id, inputs))
        else:
            result = plain(evaluate(calculator_id, inputs, baseline=baseline))
    except Exception as error:  # noqa: BLE001 - evaluate never raises by contract; show it
        result = {"exception": f"{type(error).__name__}: {error}"}
    return json.dumps(result, ensure_ascii=False, allow_nan=False)


CODEC = "\n\n".join(inspect.getsource(f) for f in (plain, revive, run_case))


# --- Describing differences. ------------------------------------------------------------------


def _text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _describe_mapping(where: str, want: dict[str, object], got: dict[str, object]) -> str:
    """Say where two JSON objects first differ: an extra key, a value, or the key order."""
    for key, value in [*((k, v) for k, v in got.items() if k not in want), *want.items()]:
        if key not in want or key not in got:
            side = "CPython" if key in want else "Pyodide"
            return f"{where}{key}: only {side} has it: {_text(value)[:300]}"
        if _text(want[key]) != _text(got[key]):
            return _describe(f"{where}{key}.", want[key], got[key])
    return f"{where[:-1] or 'keys'}: order CPython {list(want)} != Pyodide {list(got)}"


def _describe(where: str, want: object, got: object) -> str:
    """Say where two JSON values first differ (their JSON texts are known to differ)."""
    if isinstance(want, dict) and isinstance(got, dict):
        return _describe_mapping(where, want, got)
    if isinstance(want, list) and isinstance(got, list):
        for index, (left, right) in enumerate(zip(want, got, strict=False)):
            if _text(left) != _text(right):
                return _describe(f"{where}{index}.", left, right)
        return f"{where[:-1]}: {len(want)} items in CPython, {len(got)} in Pyodide"
    if isinstance(want, str) and isinstance(got, str):
        at = next(
            (i for i, (a, b) in enumerate(zip(want, got, strict=False)) if a != b),
            min(len(want), len(got)),
        )
        start = max(0, at - 40)
        return (
            f"{where[:-1]}: strings differ at character {at}: "
            f"CPython …{want[start : at + 40]!r} != Pyodide …{got[start : at + 40]!r}"
        )
    return f"{where[:-1]}: CPython {_text(want)[:300]} != Pyodide {_text(got)[:300]}"


def _first_difference(expected_json: str, actual_json: str) -> str | None:
    """Describe the first place the two results differ, or ``None`` if they are identical."""
    if expected_json == actual_json:
        return None
    return _describe("", json.loads(expected_json), json.loads(actual_json))


def describe_differences(
    expected: Mapping[str, str], actual: Mapping[str, str], case_ids: list[str]
) -> list[str]:
    """Say, for each case in ``case_ids``, that Pyodide has no result or where it differs."""
    found = []
    for case_id in case_ids:
        if case_id not in actual:
            found.append(f"{case_id}: no Pyodide result")
            continue
        difference = _first_difference(expected[case_id], actual[case_id])
        if difference is not None:
            found.append(f"{case_id}: {difference}")
    return found
