"""The cases the Pyodide parity test runs on both sides.

Every calculator's defaults and empty inputs, a hand-picked table (Norwegian typing, edge
cases, errors), seeded random cases typed as readers type them, and comparisons with a
baseline (scenario A), as :func:`case_table` hands them to Node.
"""

from __future__ import annotations

import json
import math
import random
from typing import TYPE_CHECKING, Any

from calculators import CATALOGUE
from calculators.numbers import MINUS, NBSP
from tests.build_scripts.parity_data_cases import DATA_CASES
from tests.strategies import EN_DASH, NNBSP, THIN, random_number_style, write_number

if TYPE_CHECKING:
    from collections.abc import Iterator

    from calculators.spec import Field, Unit

SEED = 4_2025
RANDOM_CASES_PER_CALCULATOR = 5

Inputs = dict[str, Any]

SCORES = (1, 2, 3, 4, 5, 6, 7)

HAND_PICKED: dict[str, dict[str, Any]] = {
    "retention_rate": {
        "typed_grouping": {"customers_start": "1 000", "customers_end": "1 050"},
        "nbsp_and_narrow_nbsp": {
            "customers_start": f"10{NBSP}000",
            "customers_end": f"9{NNBSP}500",
            "new_customers": f"1{THIN}200",
        },
        "churn_zero_lifetime_unlimited": {
            "customers_start": 1000,
            "customers_end": 1100,
            "new_customers": 100,
        },
        "everyone_lost": {"customers_start": "250", "customers_end": "0", "new_customers": "0"},
        "floats_as_numbers": {
            "customers_start": 1000.0,
            "customers_end": 990.0,
            "new_customers": 40.0,
        },
        "junk_and_empty": {"customers_start": "mange", "customers_end": ""},
        "not_whole_and_negative": {"customers_start": "10,5", "new_customers": f"{MINUS}5"},
        "above_maximum": {"customers_start": "2 000 000 000"},
        "huge_at_maximum": {
            "customers_start": "1 000 000 000",
            "customers_end": "999 999 999",
            "new_customers": "1",
        },
        "more_end_than_possible": {
            "customers_start": 100,
            "customers_end": 500,
            "new_customers": 10,
        },
        "unknown_field_and_bool": {"customers_start": True, "gammel_lenke": "1"},
        "nan_and_infinity_numbers": {"customers_end": math.nan, "new_customers": math.inf},
    },
    "customer_lifetime_value": {
        "typed_kr_and_percent": {
            "margin_per_period": "2 500 kr",
            "retention_rate": "12,5 %",
            "discount_rate": "10%",
        },
        "negative_margin_unicode_minus": {"margin_per_period": f"{MINUS}1 500 kr"},
        "negative_margin_en_dash_start": {
            "margin_per_period": f"{EN_DASH}750,25",
            "margin_timing": "start",
        },
        "timing_by_label_with_horizon": {
            "margin_timing": "Starten av perioden",
            "horizon_periods": "24",
        },
        "empty_optional_horizon": {"horizon_periods": "  "},
        "horizon_out_of_range": {"horizon_periods": "0", "margin_timing": "midt i"},
        "full_retention_no_discount_no_horizon": {
            "retention_rate": "100 %",
            "discount_rate": "0",
            "horizon_periods": "",
        },
        "full_retention_no_discount_horizon": {
            "retention_rate": 100,
            "discount_rate": 0,
            "horizon_periods": 1000,
        },
        "full_retention_with_discount": {"retention_rate": "100", "discount_rate": "0,5"},
        "huge_margin": {
            "margin_per_period": "1 000 000 000 000 kr",
            "retention_rate": "99,9",
            "discount_rate": "0",
        },
        "dot_decimal_and_plus": {"margin_per_period": "+999.99", "retention_rate": "85.5"},
        "retention_zero": {"retention_rate": "0 %", "margin_timing": "start"},
        "junk": {"margin_per_period": "tusen", "retention_rate": "80 %%", "discount_rate": "1,2,3"},
    },
    "acquisition_vs_retention": {
        "typed_values": {
            "customers": "1 200",
            "churn_rate": "12,5 %",
            "acquisition_cost": "7 500 kr",
            "retention_cost": f"1{NBSP}250,50 kr",
        },
        "churn_zero": {"churn_rate": "0"},
        "churn_hundred": {"churn_rate": "100 %"},
        "cheapest_costs": {"acquisition_cost": "0,01", "retention_cost": "0.01"},
        "zero_cost_rejected": {"acquisition_cost": "0", "retention_cost": f"{MINUS}1"},
        "huge_numbers": {
            "customers": "1 000 000 000",
            "churn_rate": "99,99",
            "acquisition_cost": "1 000 000 000 000",
            "retention_cost": "1 000 000 000 000",
        },
        "one_customer": {"customers": 1, "churn_rate": 33.3},
        "junk_and_empty": {"customers": "", "churn_rate": "femten"},
        "above_percent": {"churn_rate": "100,1 %"},
    },
    "cac_payback": {
        "typed_values": {
            "sales_marketing_cost": "500 000 kr",
            "new_customers": f"1{NNBSP}250",
            "monthly_revenue_per_customer": "799,90 kr",
            "gross_margin": "62,5 %",
            "monthly_churn": "2,5 %",
        },
        "churn_zero_ltv_unlimited": {"monthly_churn": "0"},
        "no_margin_never_pays_back": {"gross_margin": "0 %"},
        "no_revenue": {"monthly_revenue_per_customer": "0 kr"},
        "free_acquisition": {"sales_marketing_cost": "0"},
        "everyone_churns": {"monthly_churn": "100"},
        "huge_numbers": {
            "sales_marketing_cost": "1 000 000 000 000",
            "new_customers": "1",
            "monthly_revenue_per_customer": "0,01",
            "gross_margin": "0,1",
        },
        "junk_negative_empty": {
            "sales_marketing_cost": f"{MINUS}5",
            "new_customers": "",
            "gross_margin": "seksti",
        },
        "numbers_as_floats": {"gross_margin": 59.95, "monthly_churn": 1.75},
    },
    "retention_uplift": {
        "typed_values": {
            "customers": "2 000",
            "margin_per_period": "1 500 kr",
            "retention_rate": "80 %",
            "retention_increase": "5 prosentpoeng",
            "discount_rate": "8,5 %",
        },
        "reaches_exactly_hundred": {"retention_rate": "95", "retention_increase": "5 pp"},
        "over_hundred_rejected": {"retention_rate": "96", "retention_increase": "5"},
        "full_retention_no_discount": {
            "retention_rate": "100",
            "retention_increase": "0",
            "discount_rate": "0",
        },
        "no_increase": {"retention_increase": "0"},
        "zero_margin": {"margin_per_period": "0"},
        "from_zero_retention": {"retention_rate": "0", "retention_increase": "100"},
        "huge_numbers": {
            "customers": "1 000 000 000",
            "margin_per_period": "1 000 000 000 000",
            "retention_rate": "99",
            "retention_increase": "1",
            "discount_rate": "0",
        },
        "junk_and_negative": {"customers": "mange", "margin_per_period": f"{MINUS}100"},
    },
    "nps": {
        "typed_grouping": {
            "promoters": "1 200",
            "passives": f"3{NBSP}400",
            "detractors": f"5{NNBSP}600",
        },
        "no_answers": {"promoters": "0", "passives": "0", "detractors": "0"},
        "only_promoters": {"promoters": 10, "passives": 0, "detractors": 0},
        "only_detractors": {"promoters": 0, "passives": 0, "detractors": 1},
        "one_passive": {"promoters": 0, "passives": 1, "detractors": 0},
        "huge_counts": {
            "promoters": "1 000 000 000",
            "passives": "1 000 000 000",
            "detractors": "999 999 999",
        },
        "not_whole_and_junk": {"promoters": "2,5", "passives": "noen"},
        "empty_field": {"detractors": ""},
    },
    "csat": {
        "typed_grouping": {
            "score_1": "1 000",
            "score_2": f"2{NBSP}000",
            "score_3": "0",
            "score_4": f"4{NNBSP}000",
            "score_5": "5 000",
        },
        "no_answers": {f"score_{i}": 0 for i in range(1, 6)},
        "all_very_satisfied": {"score_1": 0, "score_2": 0, "score_3": 0, "score_4": 0},
        "one_answer": {
            "score_1": "1",
            "score_2": "0",
            "score_3": "0",
            "score_4": "0",
            "score_5": 0,
        },
        "huge_counts": {f"score_{i}": "1 000 000 000" for i in range(1, 6)},
        "junk_negative_empty": {"score_1": "fem", "score_2": f"{MINUS}1", "score_3": ""},
    },
}
HAND_PICKED |= DATA_CASES


def _random_table(field: Field, rng: random.Random) -> str:
    """Some of the sample's rows, in their order, sometimes tab-separated."""
    header, *rows = str(field.default).splitlines()
    kept = sorted(rng.sample(range(len(rows)), rng.randint(1, len(rows))))
    text = "\n".join([header, *(rows[i] for i in kept)]) + "\n"
    return text.replace(";", "\t") if rng.random() < 0.3 and '"' not in text else text


def _self_assessment_cases(calculator_id: str) -> dict[str, Inputs]:
    """Score patterns for a self-assessment: extremes, ties, weights, typed and bad values."""
    dims = [f.name for f in CATALOGUE[calculator_id].fields if not f.name.endswith("_importance")]
    rotation = {d: SCORES[i % 7] for i, d in enumerate(dims)}
    return {
        "all_lowest": dict.fromkeys(dims, 1) | {f"{d}_importance": 7 for d in dims},
        "all_highest": dict.fromkeys(dims, "7"),
        "rotating_scores_reverse_weights": rotation
        | {f"{d}_importance": 8 - s for d, s in rotation.items()},
        "tie_on_priority": dict.fromkeys(dims, 3) | {f"{d}_importance": 5 for d in dims},
        "one_weak_heavy_dimension": {dims[-1]: "2", f"{dims[-1]}_importance": "7"}
        | dict.fromkeys(dims[:-1], "6"),
        "all_at_least_five": {d: 5 + i % 3 for i, d in enumerate(dims)},
        "typed_decimals": {d: f"{4 + i % 3},5" for i, d in enumerate(dims)}
        | {f"{dims[0]}_importance": "1.5"},
        "minimal_weights": {f"{d}_importance": "1" for d in dims} | {dims[0]: "1"},
        "out_of_range_and_junk": {dims[0]: "0", dims[1]: "8", f"{dims[2]}_importance": "høy"},
        "empty_score": {dims[0]: "", f"{dims[0]}_importance": " "},
    }


def _spec_cases(calculator_id: str) -> dict[str, Inputs]:
    """Cases the spec itself gives, for a calculator without hand-picked ones.

    A self-assessment (every answer a 1–7 score) gets its score patterns; any other every
    field at its smallest and at its largest value, and its defaults as a Norwegian types
    them. So a new calculator is compared in both Pythons without a row of its own.
    """
    fields = CATALOGUE[calculator_id].fields
    if all(field.unit == "score" for field in fields):
        return _self_assessment_cases(calculator_id)
    numeric = [f for f in fields if not f.choices and f.unit not in {"data", "date", "text"}]
    rng = random.Random(f"{SEED}/{calculator_id}")  # noqa: S311 - reproducible, not secret
    return {
        "smallest": {f.name: f.minimum for f in numeric if f.minimum is not None},
        "largest": {f.name: f.maximum for f in numeric if f.maximum is not None},
        "defaults_typed": {
            f.name: _typed(float(f.default), rng, f.unit)
            for f in numeric
            if isinstance(f.default, int | float)
        },
    }


def _typed(value: float, rng: random.Random, unit: Unit) -> object:
    """Return ``value`` as a number or as text a Norwegian reader might type."""
    if rng.randrange(4) == 0:
        return value
    # Only the decimals the value has: the drawn values are already rounded as typed.
    return write_number(value, random_number_style(rng, unit=unit, decimals=(None,)))


def _random_number(field: Field, rng: random.Random) -> float:
    """Draw a plausible value for a numeric field."""
    if field.unit == "score":
        return rng.choice([rng.randint(1, 7), rng.randint(2, 14) / 2])
    if field.unit == "count":
        return rng.randint(int(field.minimum or 0), rng.choice([60, 5_000, 5_000, 2_000_000]))
    if field.unit == "%":
        return round(rng.uniform(0, 100), rng.choice([0, 1, 2]))
    if field.unit == "pp":
        return round(rng.uniform(0, 10), 1)
    low = -5_000.0 if (field.minimum or 0) < 0 else 0.01  # kr
    return round(rng.uniform(low, rng.choice([2_000.0, 1_000_000.0])), 2)


def _random_inputs(calculator_id: str, rng: random.Random) -> Inputs:
    """Draw one case from sensible ranges (a few combinations are invalid, on purpose)."""
    fields = CATALOGUE[calculator_id].fields
    numeric = [f for f in fields if not f.choices and f.unit not in {"data", "date"}]
    numbers = {f.name: _random_number(f, rng) for f in numeric}
    if calculator_id == "retention_rate":  # mostly keep the customers we can account for
        possible = int(numbers["customers_start"] + numbers["new_customers"])
        numbers["customers_end"] = rng.randint(0, possible + possible // 20)
    inputs: Inputs = {}
    for field in fields:
        if field.choices:
            value, label = rng.choice(field.choices)
            inputs[field.name] = rng.choice([value, label, label.upper()])
        elif field.unit == "data":
            inputs[field.name] = _random_table(field, rng)
        elif field.unit == "date":
            inputs[field.name] = rng.choice(["", f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.2025"])
        elif field.optional and rng.random() < 0.5:
            inputs[field.name] = rng.choice(["", None])
        else:
            inputs[field.name] = _typed(numbers[field.name], rng, field.unit)
    return inputs


def _cases() -> Iterator[tuple[str, str, object, object]]:
    """Yield ``(case id, calculator id, inputs, baseline or None)`` for the whole table.

    Comparisons: every hand-picked and random case against the defaults as scenario A, the
    defaults against the first random case, and the defaults against junk (no comparison).
    """
    rng = random.Random(SEED)  # noqa: S311 - reproducible test data, not secrets
    for calculator_id, calculator in CATALOGUE.items():
        yield f"{calculator_id}/defaults", calculator_id, calculator.defaults(), None
        yield f"{calculator_id}/empty_inputs", calculator_id, {}, None
        picked = HAND_PICKED.get(calculator_id) or _spec_cases(calculator_id)
        randoms = {
            f"random_{number}": _random_inputs(calculator_id, rng)
            for number in range(RANDOM_CASES_PER_CALCULATOR)
        }
        for name, inputs in {**picked, **randoms}.items():
            yield f"{calculator_id}/{name}", calculator_id, inputs, None
            yield f"{calculator_id}/{name}/vs_defaults", calculator_id, inputs, {}
        yield (
            f"{calculator_id}/defaults/vs_random_0",
            calculator_id,
            calculator.defaults(),
            randoms["random_0"],
        )
        junk = {field.name: "ikke et tall" for field in calculator.fields}
        yield f"{calculator_id}/defaults/vs_junk", calculator_id, {}, junk
    yield "unknown_calculator", "ukjent_kalkulator", {}, None
    yield "inputs_not_a_mapping", "nps", [50, 30, 20], None
    yield "baseline_not_a_mapping", "nps", {}, [50, 30, 20]


def case_table() -> list[dict[str, object]]:
    """The cases as Node reads them; ``inputs_json`` may carry ``NaN``/``Infinity``.

    ``baseline_json`` is ``""`` when there is no baseline. ``worker_path`` marks the cases
    shaped like what the page posts to the worker: objects of strings (``field.value``), for
    the inputs and any baseline. Other shapes do not survive ``pyodide.toPy`` unchanged
    (JavaScript ``null`` becomes ``pyodide.ffi.jsnull``, not ``None``; ``80.0`` becomes ``80``;
    ``NaN`` is not JSON), so they run through ``json.loads`` only.
    """

    def strings_only(value: object) -> bool:
        return isinstance(value, dict) and all(isinstance(item, str) for item in value.values())

    return [
        {
            "id": case_id,
            "calculator": calculator_id,
            "inputs_json": json.dumps(inputs, ensure_ascii=False),
            "baseline_json": "" if baseline is None else json.dumps(baseline, ensure_ascii=False),
            "worker_path": strings_only(inputs) and (baseline is None or strings_only(baseline)),
        }
        for case_id, calculator_id, inputs, baseline in _cases()
    ]
