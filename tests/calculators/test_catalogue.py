"""The catalogue is the one DESIGN.md describes, and every spec is complete Norwegian text."""

from __future__ import annotations

import re
from types import MappingProxyType

import pytest
from latex2mathml import converter

import calculators
from calculators import CATALOGUE, Calculator, evaluate, samples
from calculators.relationship_survey import DIMENSIONS as ALL_DIMENSIONS
from tests.tables import missing_rows

FLOWER = ("social_competence", "competence", "availability", "products_services", "economic_terms")
IMPORTANCE = (
    "balance",
    "trust",
    "credibility",
    "legitimacy",
    "openness",
    "mutual_satisfaction",
    "mutual_understanding",
)
FOCUS = ("accuracy", "availability", "adaptation", "advice")


def _self_assessment(dimensions: tuple[str, ...]) -> dict[str, object]:
    return {d: 4 for name in dimensions for d in (name, f"{name}_importance")}


# id → (field → default, output names) in the catalogue's order (DESIGN.md, «The catalogue»;
# the generated docs/kalkulatorer/referanse.md lists every field and output).
DESIGN: dict[str, tuple[dict[str, object], tuple[str, ...]]] = {
    "retention_rate": (
        {"customers_start": 1000, "customers_end": 1050, "new_customers": 150},
        ("retention_rate", "churn_rate", "customers_lost", "expected_lifetime"),
    ),
    "customer_lifetime_value": (
        {
            "margin_per_period": 1000,
            "retention_rate": 80,
            "discount_rate": 10,
            "margin_timing": "end",
            "horizon_periods": None,
        },
        ("clv", "margin_multiple", "expected_lifetime"),
    ),
    "acquisition_vs_retention": (
        {"customers": 500, "churn_rate": 15, "acquisition_cost": 5000, "retention_cost": 1000},
        (
            "customers_lost",
            "replacement_cost",
            "retention_budget",
            "cost_ratio",
            "break_even_churn_reduction",
        ),
    ),
    "cac_payback": (
        {
            "sales_marketing_cost": 500_000,
            "new_customers": 100,
            "monthly_revenue_per_customer": 800,
            "gross_margin": 60,
            "monthly_churn": 2,
        },
        ("cac", "monthly_margin", "payback_months", "ltv", "ltv_to_cac"),
    ),
    "retention_uplift": (
        {
            "customers": 1000,
            "margin_per_period": 2000,
            "retention_rate": 75,
            "retention_increase": 5,
            "discount_rate": 8,
        },
        (
            "clv_before",
            "clv_after",
            "equity_before",
            "equity_after",
            "equity_increase",
            "equity_increase_pct",
        ),
    ),
    "nps": (
        {"promoters": 50, "passives": 30, "detractors": 20},
        (
            "nps",
            "promoters_share",
            "passives_share",
            "detractors_share",
            "margin_of_error",
            "respondents",
        ),
    ),
    "csat": (
        {"score_1": 5, "score_2": 10, "score_3": 20, "score_4": 40, "score_5": 25},
        ("csat", "mean_score", "margin_of_error", "respondents"),
    ),
    "relationship_flower": (
        _self_assessment(FLOWER),
        ("index", "priority", *(f"{d}_score" for d in FLOWER)),
    ),
    "relationship_importance": (
        _self_assessment(IMPORTANCE),
        ("index", "priority", *(f"{d}_score" for d in IMPORTANCE)),
    ),
    "relationship_focus": (
        _self_assessment(FOCUS),
        ("index", "priority", "next_focus", *(f"{d}_score" for d in FOCUS)),
    ),
    # The analyses of the reader's own data (DESIGN.md, «The reader's own data»): contract
    # names first.
    "nps_survey": (
        {"answers": samples.NPS_ANSWERS, "period": "auto"},
        (
            "nps",
            "promoters_share",
            "passives_share",
            "detractors_share",
            "margin_of_error",
            "respondents",
            "invalid_rows",
            "period_change",
            "trend",
        ),
    ),
    "csat_survey": (
        {"answers": samples.CSAT_ANSWERS},
        (
            "csat",
            "mean_score",
            "margin_of_error",
            "interval_low",
            "interval_high",
            "respondents",
            "invalid_rows",
        ),
    ),
    "relationship_survey": (
        {"model": "relationship_flower", "answers": samples.RELATIONSHIP_SCORES},
        (
            "index",
            "priority",
            "next_focus",
            "raters",
            "invalid_rows",
            "widest_disagreement",
            *(f"{d.name}_{stat}" for d in ALL_DIMENSIONS for stat in ("mean", "sd")),
        ),
    ),
    "cohort_retention": (
        {"customers": samples.CUSTOMERS, "period": "quarter", "as_of": None},
        (
            "retention_rate",
            "churn_rate",
            "expected_lifetime",
            "customers",
            "invalid_rows",
            "customers_counted",
            "customers_kept",
            "periods_counted",
            "as_of_used",
        ),
    ),
}
DATA_CALCULATORS = ("nps_survey", "csat_survey", "relationship_survey", "cohort_retention")


def test_public_api() -> None:
    assert sorted(calculators.__all__) == sorted(
        [
            "CATALOGUE",
            "compute",
            "evaluate",
            "check_answer",
            "table_csv",
            "ValidationError",
            "Calculator",
            "Field",
            "Output",
            "parse_number",
            "format_value",
            "format_input_value",
        ]
    )
    assert isinstance(CATALOGUE, MappingProxyType)


def test_catalogue_order_matches_design() -> None:
    assert list(CATALOGUE) == list(DESIGN), (
        missing_rows(
            DESIGN,
            CATALOGUE,
            where="DESIGN i tests/calculators/test_catalogue.py",
            row="feltene med startverdier og resultatenes navn, i katalogens rekkefølge",
        )
        or "DESIGN i tests/calculators/test_catalogue.py står ikke i katalogens rekkefølge"
    )


@pytest.mark.parametrize("calculator_id", DESIGN)
def test_fields_defaults_and_outputs_match_design(calculator_id: str) -> None:
    calculator = CATALOGUE[calculator_id]
    defaults, outputs = DESIGN[calculator_id]
    assert calculator.id == calculator_id
    assert calculator.defaults() == defaults
    assert tuple(o.name for o in calculator.outputs) == outputs
    assert tuple(compute_keys(calculator)) == outputs


def compute_keys(calculator: Calculator) -> list[str]:
    return list(calculators.compute(calculator.id, {}))


NORWEGIAN = re.compile(r"[æøåÆØÅ]|\b(og|er|en|et|av|på|med|som|for|kunde\w*)\b")


@pytest.mark.parametrize("calculator_id", DESIGN)
def test_spec_text_is_complete(calculator_id: str) -> None:
    calculator = CATALOGUE[calculator_id]
    for text in (calculator.title, calculator.intro, calculator.method):
        assert text.strip()
    assert NORWEGIAN.search(calculator.intro)
    assert calculator.sources
    assert calculator.caveats
    assert calculator.formulas
    for field in calculator.fields:
        assert field.label
        assert field.help
        if field.unit == "data":
            assert field.columns
            assert isinstance(field.default, str)
            continue
        if field.unit == "date":
            continue
        assert not field.columns
        assert field.choices or (field.minimum is not None and field.maximum is not None)
        assert field.unit != "choice" or field.choices
        assert field.optional == (field.default is None)
    for output in calculator.outputs:
        assert output.label
        assert output.help
    assert len({f.name for f in calculator.fields}) == len(calculator.fields)
    with pytest.raises(KeyError):
        calculator.field("no_such_field")


@pytest.mark.parametrize("calculator_id", DATA_CALCULATORS)
def test_data_fields_have_made_up_samples_shaped_like_norwegian_excel(calculator_id: str) -> None:
    calculator = CATALOGUE[calculator_id]
    data = [f for f in calculator.fields if f.unit == "data"]
    assert len(data) == 1
    sample = str(data[0].default)
    header, *rows = sample.splitlines()
    assert ";" in header or len(data[0].columns) == 1
    assert rows
    assert "oppdiktet" in " ".join(calculator.caveats)
    roles = [column.role for column in data[0].columns]
    assert len(roles) == len(set(roles))
    for column in data[0].columns:
        assert column.label
        assert column.names
        assert column.kind in {"integer", "number", "date", "text"}
        if column.kind in {"integer", "number"}:
            assert column.minimum is not None
            assert column.maximum is not None
        if column.when:
            choice = calculator.field(str(data[0].column_choice))
            assert set(column.when) <= {value for value, _ in choice.choices}


def test_self_assessments_say_they_are_not_validated() -> None:
    for calculator_id in ("relationship_flower", "relationship_importance", "relationship_focus"):
        assert any("ikke en validert" in c for c in CATALOGUE[calculator_id].caveats)


def test_five_times_rule_carries_the_caveat() -> None:
    assert any("Byron Sharp" in c for c in CATALOGUE["acquisition_vs_retention"].caveats)


@pytest.mark.parametrize("calculator_id", DESIGN)
def test_formulas_convert_to_mathml(calculator_id: str) -> None:
    for formula in CATALOGUE[calculator_id].formulas:
        mathml = converter.convert(formula)
        assert mathml.startswith("<math")
        assert "\\" not in mathml


def _followed_choices() -> list[tuple[str, str, str]]:
    """(calculator, choice value, sample) for each data field whose sample follows a choice."""
    return [
        (calculator.id, value, sample)
        for calculator in CATALOGUE.values()
        for field in calculator.fields
        for value, sample in field.samples
    ]


def test_a_sample_per_choice_only_where_the_columns_follow_one() -> None:
    assert _followed_choices(), "no calculator has a sample per choice"
    for calculator in CATALOGUE.values():
        for field in calculator.fields:
            if not field.samples:
                continue
            assert field.unit == "data"
            assert field.column_choice is not None
            choice = calculator.field(field.column_choice)
            assert [value for value, _ in field.samples] == [value for value, _ in choice.choices]
            # The page's own sample is the one for the choice it opens with.
            assert dict(field.samples)[str(choice.default)] == field.default


@pytest.mark.parametrize(("calculator_id", "value", "sample"), _followed_choices())
def test_each_choice_gets_a_sample_with_its_columns(
    calculator_id: str, value: str, sample: str
) -> None:
    calculator = CATALOGUE[calculator_id]
    (field,) = [f for f in calculator.fields if f.samples]
    chosen = {field.column_choice: value}
    assert calculator.defaults(chosen)[field.name] == sample
    assert field.default_for(chosen) == sample
    # A link or a page that sets only the choice gets that choice's sample, and no error.
    result = evaluate(calculator_id, chosen)
    assert result["errors"] == {}
    assert result["data"][field.name]["invalid_count"] == 0
    assert evaluate(calculator_id, {**chosen, field.name: sample}) == result
