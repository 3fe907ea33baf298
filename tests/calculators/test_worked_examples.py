"""Worked examples, computed by hand, for every calculator (SOURCES.md's among them)."""

from __future__ import annotations

import math

import pytest

from calculators import CATALOGUE, compute
from tests.tables import missing_rows

INF = math.inf
ALL_SEVEN: dict[str, object] = dict.fromkeys(
    (
        "balance",
        "trust",
        "credibility",
        "legitimacy",
        "openness",
        "mutual_satisfaction",
        "mutual_understanding",
    ),
    7,
)

# (inputs, expected outputs); inputs not listed take their defaults.
EXAMPLES: dict[str, list[tuple[dict[str, object], dict[str, float | str]]]] = {
    "retention_rate": [
        (
            {},
            {
                "retention_rate": 90,
                "churn_rate": 10,
                "customers_lost": 100,
                "expected_lifetime": 10,
            },
        ),
        (
            {"customers_start": 200, "customers_end": 180, "new_customers": 0},
            {"retention_rate": 90, "churn_rate": 10, "customers_lost": 20, "expected_lifetime": 10},
        ),
        (
            {"customers_start": 100, "customers_end": 100, "new_customers": 0},
            {"retention_rate": 100, "churn_rate": 0, "customers_lost": 0, "expected_lifetime": INF},
        ),
        (
            {"customers_start": 100, "customers_end": 20, "new_customers": 20},
            {"retention_rate": 0, "churn_rate": 100, "customers_lost": 100, "expected_lifetime": 1},
        ),
        (
            {"customers_start": 3, "customers_end": 2, "new_customers": 0},
            {
                "retention_rate": 200 / 3,
                "churn_rate": 100 / 3,
                "customers_lost": 1,
                "expected_lifetime": 3,
            },
        ),
    ],
    "customer_lifetime_value": [
        # SOURCES.md: m = 1000, r = 0.8, d = 0.1 → 2666.67 (end) and 3666.67 (start).
        ({}, {"clv": 2666.6667, "margin_multiple": 2.6666667, "expected_lifetime": 5}),
        ({"margin_timing": "start"}, {"clv": 3666.6667, "margin_multiple": 3.6666667}),
        ({"horizon_periods": 1}, {"clv": 727.27273}),
        ({"horizon_periods": 1, "margin_timing": "start"}, {"clv": 1000}),
        # 1000 · (0.8/1.1 + 0.8²/1.1² + 0.8³/1.1³)
        ({"horizon_periods": 3}, {"clv": 1640.8715}),
        # 1000 · (1 + 0.8/1.1 + 0.8²/1.1²)
        ({"horizon_periods": 3, "margin_timing": "start"}, {"clv": 2256.1983}),
        (
            {"retention_rate": 100, "discount_rate": 0, "horizon_periods": 5},
            {"clv": 5000, "margin_multiple": 5, "expected_lifetime": INF},
        ),
        ({"retention_rate": 100}, {"clv": 10000, "expected_lifetime": INF}),
        ({"margin_per_period": -500}, {"clv": -1333.3333, "margin_multiple": 2.6666667}),
        ({"retention_rate": 0}, {"clv": 0, "margin_multiple": 0, "expected_lifetime": 1}),
        ({"retention_rate": 0, "margin_timing": "start"}, {"clv": 1000}),
        ({"margin_per_period": 0}, {"clv": 0, "margin_multiple": 2.6666667}),
        ({"horizon_periods": ""}, {"clv": 2666.6667}),
    ],
    "acquisition_vs_retention": [
        (
            {},
            {
                "customers_lost": 75,
                "replacement_cost": 375_000,
                "retention_budget": 500_000,
                "cost_ratio": 5,
                "break_even_churn_reduction": 20,
            },
        ),
        (
            {"customers": 1000, "churn_rate": 10, "acquisition_cost": 2000, "retention_cost": 100},
            {
                "customers_lost": 100,
                "replacement_cost": 200_000,
                "retention_budget": 100_000,
                "cost_ratio": 20,
                "break_even_churn_reduction": 5,
            },
        ),
        ({"churn_rate": 0}, {"customers_lost": 0, "replacement_cost": 0}),
    ],
    "cac_payback": [
        (
            {},
            {
                "cac": 5000,
                "monthly_margin": 480,
                "payback_months": 10.416667,
                "ltv": 24000,
                "ltv_to_cac": 4.8,
            },
        ),
        ({"monthly_churn": 0}, {"ltv": INF, "ltv_to_cac": INF, "payback_months": 10.416667}),
        (
            {"gross_margin": 0},
            {"monthly_margin": 0, "payback_months": INF, "ltv": 0, "ltv_to_cac": 0},
        ),
        (
            {"sales_marketing_cost": 0},
            {"cac": 0, "payback_months": 0, "ltv": 24000, "ltv_to_cac": INF},
        ),
        (
            {"sales_marketing_cost": 0, "gross_margin": 0},
            {"payback_months": 0, "ltv": 0, "ltv_to_cac": 0},
        ),
        ({"gross_margin": 0, "monthly_churn": 0}, {"ltv": 0, "ltv_to_cac": 0}),
        (
            {
                "sales_marketing_cost": 120_000,
                "new_customers": 10,
                "monthly_revenue_per_customer": 1000,
                "gross_margin": 50,
                "monthly_churn": 5,
            },
            {
                "cac": 12000,
                "monthly_margin": 500,
                "payback_months": 24,
                "ltv": 10000,
                "ltv_to_cac": 0.8333333,
            },
        ),
    ],
    "retention_uplift": [
        (
            {},
            {
                "clv_before": 4545.4545,
                "clv_after": 5714.2857,
                "equity_before": 4_545_454.5,
                "equity_after": 5_714_285.7,
                "equity_increase": 1_168_831.2,
                "equity_increase_pct": 25.714286,
            },
        ),
        (
            {"retention_rate": 0, "retention_increase": 10, "discount_rate": 10},
            {
                "clv_before": 0,
                "clv_after": 200,
                "equity_increase": 200_000,
                "equity_increase_pct": INF,
            },
        ),
        ({"margin_per_period": 0}, {"equity_increase": 0, "equity_increase_pct": 0}),
        ({"retention_increase": 0}, {"equity_increase": 0, "equity_increase_pct": 0}),
        (
            {"retention_rate": 90, "retention_increase": 10, "discount_rate": 10},
            {"clv_before": 9000, "clv_after": 20000, "equity_increase_pct": 122.22222},
        ),
        ({"retention_rate": "70,1", "retention_increase": "29,9"}, {"clv_after": 25000}),
    ],
    "nps": [
        (
            {},
            {
                "nps": 30,
                "promoters_share": 50,
                "passives_share": 30,
                "detractors_share": 20,
                "margin_of_error": 15.308089,
                "respondents": 100,
            },
        ),
        ({"promoters": 10, "passives": 0, "detractors": 0}, {"nps": 100, "margin_of_error": 0}),
        ({"promoters": 0, "passives": 0, "detractors": 4}, {"nps": -100, "margin_of_error": 0}),
        (
            {"promoters": 1, "passives": 1, "detractors": 1},
            {"nps": 0, "margin_of_error": 92.395286},
        ),
        ({"promoters": 0, "passives": 5, "detractors": 0}, {"nps": 0, "passives_share": 100}),
    ],
    "csat": [
        ({}, {"csat": 65, "mean_score": 3.7, "margin_of_error": 9.3486042, "respondents": 100}),
        (
            {"score_1": 0, "score_2": 0, "score_3": 0, "score_4": 0, "score_5": 10},
            {"csat": 100, "mean_score": 5, "margin_of_error": 0},
        ),
        (
            {"score_1": 1, "score_2": 1, "score_3": 1, "score_4": 1, "score_5": 1},
            {"csat": 40, "mean_score": 3, "margin_of_error": 42.941449, "respondents": 5},
        ),
    ],
    "relationship_flower": [
        ({}, {"index": 50, "priority": "social_competence", "competence_score": 50}),
        (
            {
                "social_competence": 7,
                "social_competence_importance": 1,
                "competence": 1,
                "competence_importance": 7,
            },
            {
                "index": 35,
                "priority": "competence",
                "social_competence_score": 100,
                "competence_score": 0,
            },
        ),
    ],
    "relationship_importance": [
        (
            ALL_SEVEN,
            {"index": 100, "priority": "balance", "trust_score": 100},
        ),
        ({"trust": 1, "trust_importance": 7}, {"priority": "trust", "trust_score": 0}),
    ],
    "relationship_focus": [
        ({}, {"index": 50, "priority": "accuracy", "next_focus": "accuracy"}),
        ({"accuracy": 6}, {"next_focus": "availability", "accuracy_score": 250 / 3}),
        ({"accuracy": 5, "availability": 5, "adaptation": 5, "advice": 5}, {"next_focus": ""}),
        ({"advice": "1", "advice_importance": "7"}, {"priority": "advice", "index": 600 / 19}),
    ],
}

CUSTOMERS = (
    "Kunde;Startdato;Sluttdato\nA;01.01.2024;\nB;15.02.2024;01.04.2024\nC;01.01.2024;01.04.2024\n"
    "D;10.01.2024;20.02.2024\nE;01.03.2024;01.02.2024\nF;01.07.2024;\n"
)
EXAMPLES |= {
    "nps_survey": [
        # 3 ambassadors, 2 passives, 2 critics.
        (
            {"answers": "Svar\n10\n9\n8\n7\n6\n0\n10\n"},
            {"nps": 100 / 7, "respondents": 7, "invalid_rows": 0, "period_change": ""},
        ),
        # January 33,3, February 75 (by month: 7 answers, too few for quarters).
        (
            {
                "answers": "Dato;Svar\n05.01.2025;10\n06.01.2025;10\n07.01.2025;0\n"
                "01.02.2025;10\n02.02.2025;9\n03.02.2025;9\n28.02.2025;8\n"
            },
            {"nps": 400 / 7, "period_change": 75 - 100 / 3},
        ),
        ({"answers": "Svar\n9\nni\n\n10\n"}, {"nps": 100, "respondents": 2, "invalid_rows": 1}),
    ],
    "csat_survey": [
        (
            {"answers": "Svar\n5\n5\n4\n3\n1\n"},
            {"csat": 60, "mean_score": 3.6, "respondents": 5, "margin_of_error": 32.583092},
        ),
        ({"answers": "Svar\n5\n5\n5\n5\n5\n"}, {"csat": 100, "interval_high": 100}),
    ],
    "relationship_survey": [
        (
            {},
            {
                "index": 113.8 / 6 / 28 * 100,
                "priority": "economic_terms",
                "widest_disagreement": "economic_terms",
                "raters": 5,
                "economic_terms_mean": 4,
            },
        ),
        (
            {
                "model": "relationship_focus",
                "answers": "Navn;Nøyaktighet;Tilgjengelighet;Tilpasning;Rådgivning\n"
                "A;6;4;5;5\nB;4;4;6;5\n",
            },
            {
                "index": 15.5 / 4 / 6 * 100,
                "priority": "availability",
                "next_focus": "availability",
                "widest_disagreement": "accuracy",
                "accuracy_sd": 2**0.5,
            },
        ),
    ],
    "cohort_retention": [
        (
            {"customers": CUSTOMERS, "as_of": "31.12.2024"},
            {
                "retention_rate": 80,
                "churn_rate": 20,
                "expected_lifetime": 5,
                "customers": 5,
                "invalid_rows": 1,
            },
        ),
        (
            {"customers": CUSTOMERS, "as_of": "31.12.2024", "period": "month"},
            # First days 1 Jan … 1 Nov: S = 2 (A, C) + 3 (A, C, D) + 3 (A, B, C) + 1 + 1 + 1 + 5 · 2
            # (A, F) = 21; kept a month later: 2 + 2 + 1 (A) + 1 + 1 + 1 + 5 · 2 = 18.
            {"customers_counted": 21, "customers_kept": 18, "periods_counted": 11},
        ),
        (
            {"customers": "Kunde;Startdato\nA;01.01.2024\nB;02.01.2024\n", "as_of": "01.01.2025"},
            {"retention_rate": 100, "expected_lifetime": INF},
        ),
    ],
}

CASES = [
    pytest.param(calculator_id, inputs, expected, id=f"{calculator_id}-{number}")
    for calculator_id, examples in EXAMPLES.items()
    for number, (inputs, expected) in enumerate(examples)
]


@pytest.mark.parametrize(("calculator_id", "inputs", "expected"), CASES)
def test_worked_example(
    calculator_id: str, inputs: dict[str, object], expected: dict[str, float | str]
) -> None:
    results = compute(calculator_id, inputs)
    for name, value in expected.items():
        if isinstance(value, str) or math.isinf(value):
            assert results[name] == value, name
        else:
            assert results[name] == pytest.approx(value, rel=1e-7, abs=1e-9), name


def test_every_calculator_has_worked_examples() -> None:
    assert set(EXAMPLES) == set(CATALOGUE), missing_rows(
        EXAMPLES,
        CATALOGUE,
        where="EXAMPLES i tests/calculators/test_worked_examples.py",
        row="regneeksempler fra en kilde eller regnet for hånd, med resultatene",
    )
