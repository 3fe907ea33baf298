"""Worked steps: the formula with the reader's numbers, checked by hand, for every calculator.

Expected lines write the no-break space as ``~`` (it goes before units and between groups
of three digits); ``−`` is U+2212 and ``·`` U+00B7 throughout.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import CATALOGUE, evaluate
from calculators.api import worked_steps
from tests.calculators.data_steps import DATA_EXAMPLES
from tests.strategies import valid_inputs_for
from tests.tables import missing_rows

STEPS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FORBIDDEN = ("inf", "nan", "e+", "none", "undefined")

# (inputs, expected lines); fields not listed take their defaults.
EXAMPLES: dict[str, list[tuple[dict[str, object], list[str]]]] = {
    "retention_rate": [
        (
            {},
            [
                "Kundebevaring: (1~050 − 150) / 1~000 = 90,0~%",
                "Kundefrafall: 100~% − 90,0~% = 10,0~%",
                "Tapte kunder: 1~000 − (1~050 − 150) = 100",
                "Forventet levetid: 1 / 0,10 = 10,0~perioder",
            ],
        ),
        (
            {"customers_end": 1150},
            [
                "Kundebevaring: (1~150 − 150) / 1~000 = 100,0~%",
                "Kundefrafall: 100~% − 100,0~% = 0,0~%",
                "Tapte kunder: 1~000 − (1~150 − 150) = 0",
                "Forventet levetid: ingen sluttet, så levetiden er ubegrenset",
            ],
        ),
        (
            {"customers_start": 3, "customers_end": 2, "new_customers": 0},
            [
                "Kundebevaring: (2 − 0) / 3 = 66,7~%",
                "Kundefrafall: 100~% − 66,7~% = 33,3~%",
                "Tapte kunder: 3 − (2 − 0) = 1",
                "Forventet levetid: 1 / 0,3333 = 3,0~perioder",
            ],
        ),
    ],
    "customer_lifetime_value": [
        (
            {},
            [
                "CLV: 1~000~kr · 0,80 / (1 + 0,10 − 0,80) = 2~666,67~kr",
                "Antall perioders dekningsbidrag: 0,80 / (1 + 0,10 − 0,80) = 2,67~:~1",
                "Forventet levetid: 1 / (1 − 0,80) = 5,0~perioder",
            ],
        ),
        (
            # The example: margin at period end.
            {"margin_per_period": "1 500", "retention_rate": 70, "discount_rate": 12},
            [
                "CLV: 1~500~kr · 0,70 / (1 + 0,12 − 0,70) = 2~500,00~kr",
                "Antall perioders dekningsbidrag: 0,70 / (1 + 0,12 − 0,70) = 1,67~:~1",
                "Forventet levetid: 1 / (1 − 0,70) = 3,3~perioder",
            ],
        ),
        (
            {"margin_timing": "start"},
            [
                "CLV: 1~000~kr · (1 + 0,10) / (1 + 0,10 − 0,80) = 3~666,67~kr",
                "Antall perioders dekningsbidrag: (1 + 0,10) / (1 + 0,10 − 0,80) = 3,67~:~1",
                "Forventet levetid: 1 / (1 − 0,80) = 5,0~perioder",
            ],
        ),
        (
            # 1000 · (0,8/1,1 + 0,8²/1,1² + 0,8³/1,1³) = 727,27 + 528,93 + 384,68
            {"horizon_periods": 3},
            [
                "CLV: summen for t = 1 … 3 av 1~000~kr · 0,80ᵗ / 1,10ᵗ = 1~640,87~kr",
                "Periode 1: 1~000~kr · 0,80¹ / 1,10¹ = 727,27~kr",
                "Periode 3: 1~000~kr · 0,80³ / 1,10³ = 384,67~kr",
                "Antall perioders dekningsbidrag: summen av 0,80ᵗ / 1,10ᵗ = 1,64~:~1",
                "Forventet levetid: 1 / (1 − 0,80) = 5,0~perioder",
            ],
        ),
        (
            {"horizon_periods": 1, "margin_timing": "start", "margin_per_period": "-999,9"},
            [
                "CLV: summen for t = 0 av −999,90~kr · 0,80ᵗ / 1,10ᵗ = −999,90~kr",
                "Periode 1: −999,90~kr · 0,80⁰ / 1,10⁰ = −999,90~kr",
                "Antall perioders dekningsbidrag: summen av 0,80ᵗ / 1,10ᵗ = 1,00~:~1",
                "Forventet levetid: 1 / (1 − 0,80) = 5,0~perioder",
            ],
        ),
        (
            {"retention_rate": 100, "discount_rate": "0,5"},
            [
                "CLV: 1~000~kr · 1,00 / (1 + 0,005 − 1,00) = 200~000,00~kr",
                "Antall perioders dekningsbidrag: 1,00 / (1 + 0,005 − 1,00) = 200,00~:~1",
                (
                    "Forventet levetid: ingen slutter (100~% kundebevaring), så levetiden er "
                    "ubegrenset"
                ),
            ],
        ),
    ],
    "acquisition_vs_retention": [
        (
            {},
            [
                "Tapte kunder: 500 · 0,15 = 75",
                "Erstatningskostnad: 500 · 0,15 · 5~000~kr = 375~000,00~kr",
                "Bevaringsbudsjett: 500 · 1~000~kr = 500~000,00~kr",
                "Anskaffelse mot bevaring: 5~000~kr / 1~000~kr = 5,0~:~1",
                (
                    "Nødvendig reduksjon: (500 · 1~000~kr) / (500 · 5~000~kr) · 100 = "
                    "20,0~prosentpoeng"
                ),
            ],
        ),
        (
            {"customers": 1200, "churn_rate": "12,5", "retention_cost": "1 250,5"},
            [
                "Tapte kunder: 1~200 · 0,125 = 150",
                "Erstatningskostnad: 1~200 · 0,125 · 5~000~kr = 750~000,00~kr",
                "Bevaringsbudsjett: 1~200 · 1~250,50~kr = 1~500~600,00~kr",
                "Anskaffelse mot bevaring: 5~000~kr / 1~250,50~kr = 4,0~:~1",
                (
                    "Nødvendig reduksjon: (1~200 · 1~250,50~kr) / (1~200 · 5~000~kr) · 100 = "
                    "25,0~prosentpoeng"
                ),
            ],
        ),
    ],
    "cac_payback": [
        (
            {},
            [
                "CAC: 500~000~kr / 100 = 5~000,00~kr",
                "Dekningsbidrag per måned: 800~kr · 0,60 = 480,00~kr",
                "Tilbakebetalingstid: 5~000,00~kr / 480,00~kr = 10,4~måneder",
                "LTV: 480,00~kr / 0,02 = 24~000,00~kr",
                "LTV:CAC: 24~000,00~kr / 5~000,00~kr = 4,8~:~1",
            ],
        ),
        (
            {"monthly_churn": 0},
            [
                "CAC: 500~000~kr / 100 = 5~000,00~kr",
                "Dekningsbidrag per måned: 800~kr · 0,60 = 480,00~kr",
                "Tilbakebetalingstid: 5~000,00~kr / 480,00~kr = 10,4~måneder",
                "LTV: ingen sier opp (0~% kundefrafall), så livstidsverdien er ubegrenset",
                "LTV:CAC: livstidsverdien er ubegrenset, og da er forholdet også ubegrenset",
            ],
        ),
        (
            {"gross_margin": 0},
            [
                "CAC: 500~000~kr / 100 = 5~000,00~kr",
                "Dekningsbidrag per måned: 800~kr · 0,00 = 0,00~kr",
                (
                    "Tilbakebetalingstid: dekningsbidraget er 0,00~kr, så kostnaden betales aldri "
                    "tilbake"
                ),
                "LTV: 0,00~kr / 0,02 = 0,00~kr",
                "LTV:CAC: 0,00~kr / 5~000,00~kr = 0,0~:~1",
            ],
        ),
        (
            {"sales_marketing_cost": 0},
            [
                "CAC: 0~kr / 100 = 0,00~kr",
                "Dekningsbidrag per måned: 800~kr · 0,60 = 480,00~kr",
                (
                    "Tilbakebetalingstid: CAC er 0,00~kr, så det er ingenting å betale tilbake: "
                    "0,0~måneder"
                ),
                "LTV: 480,00~kr / 0,02 = 24~000,00~kr",
                "LTV:CAC: CAC er 0,00~kr, så forholdet er ubegrenset",
            ],
        ),
        (
            {"sales_marketing_cost": 0, "gross_margin": 0, "monthly_churn": 0},
            [
                "CAC: 0~kr / 100 = 0,00~kr",
                "Dekningsbidrag per måned: 800~kr · 0,00 = 0,00~kr",
                (
                    "Tilbakebetalingstid: CAC er 0,00~kr, så det er ingenting å betale tilbake: "
                    "0,0~måneder"
                ),
                "LTV: dekningsbidraget er 0,00~kr, så livstidsverdien er 0,00~kr",
                "LTV:CAC: både LTV og CAC er 0,00~kr, så forholdet er 0,0~:~1",
            ],
        ),
    ],
    "retention_uplift": [
        (
            {},
            [
                "CLV før: 2~000~kr · 0,75 / (1 + 0,08 − 0,75) = 4~545,45~kr",
                "CLV etter: 2~000~kr · 0,80 / (1 + 0,08 − 0,80) = 5~714,29~kr",
                "Kundekapital før: 1~000 · 4~545,45~kr = 4~545~454,55~kr",
                "Kundekapital etter: 1~000 · 5~714,29~kr = 5~714~285,71~kr",
                "Økning: 5~714~285,71~kr − 4~545~454,55~kr = 1~168~831,17~kr",
                "Økning i prosent: 1~168~831,17~kr / 4~545~454,55~kr · 100 = 25,7~%",
            ],
        ),
        (
            # 70,1 + 29,9 adds up to a hair above 100 in floats; the step says 1,00.
            {"retention_rate": "70,1", "retention_increase": "29,9", "discount_rate": 1},
            [
                "CLV før: 2~000~kr · 0,701 / (1 + 0,01 − 0,701) = 4~537,22~kr",
                "CLV etter: 2~000~kr · 1,00 / (1 + 0,01 − 1,00) = 200~000,00~kr",
                "Kundekapital før: 1~000 · 4~537,22~kr = 4~537~216,83~kr",
                "Kundekapital etter: 1~000 · 200~000,00~kr = 200~000~000,00~kr",
                "Økning: 200~000~000,00~kr − 4~537~216,83~kr = 195~462~783,17~kr",
                "Økning i prosent: 195~462~783,17~kr / 4~537~216,83~kr · 100 = 4~308,0~%",
            ],
        ),
        (
            {"retention_rate": 0},
            [
                "CLV før: 2~000~kr · 0,00 / (1 + 0,08 − 0,00) = 0,00~kr",
                "CLV etter: 2~000~kr · 0,05 / (1 + 0,08 − 0,05) = 97,09~kr",
                "Kundekapital før: 1~000 · 0,00~kr = 0,00~kr",
                "Kundekapital etter: 1~000 · 97,09~kr = 97~087,38~kr",
                "Økning: 97~087,38~kr − 0,00~kr = 97~087,38~kr",
                "Økning i prosent: kundekapitalen før er 0,00~kr, så økningen er ubegrenset",
            ],
        ),
        (
            {"margin_per_period": 0},
            [
                "CLV før: 0~kr · 0,75 / (1 + 0,08 − 0,75) = 0,00~kr",
                "CLV etter: 0~kr · 0,80 / (1 + 0,08 − 0,80) = 0,00~kr",
                "Kundekapital før: 1~000 · 0,00~kr = 0,00~kr",
                "Kundekapital etter: 1~000 · 0,00~kr = 0,00~kr",
                "Økning: 0,00~kr − 0,00~kr = 0,00~kr",
                "Økning i prosent: kundekapitalen er 0,00~kr både før og etter: 0,0~%",
            ],
        ),
    ],
    "nps": [
        (
            {},
            [
                "NPS: 50,0~% − 20,0~% = 30",
                "Antall svar: 50 + 30 + 20 = 100",
                "Andel ambassadører: 50 / 100 = 50,0~%",
                "Andel passive: 30 / 100 = 30,0~%",
                "Andel kritikere: 20 / 100 = 20,0~%",
                # √((0,7 − 0,09) / 100) · 1,96 = 0,1531
                "Feilmargin: 1,96 · √((0,50 + 0,20 − (0,50 − 0,20)²) / 100) · 100 = 15,3",
            ],
        ),
        (
            {"promoters": 1, "passives": 0, "detractors": 2},
            [
                "NPS: 33,3~% − 66,7~% = −33",
                "Antall svar: 1 + 0 + 2 = 3",
                "Andel ambassadører: 1 / 3 = 33,3~%",
                "Andel passive: 0 / 3 = 0,0~%",
                "Andel kritikere: 2 / 3 = 66,7~%",
                "Feilmargin: 1,96 · √((0,3333 + 0,6667 − (0,3333 − 0,6667)²) / 3) · 100 = 106,7",
            ],
        ),
    ],
    "csat": [
        (
            {},
            [
                "CSAT: (40 + 25) / 100 = 65,0~%",
                "Antall svar: 5 + 10 + 20 + 40 + 25 = 100",
                "Gjennomsnitt: (1 · 5 + 2 · 10 + 3 · 20 + 4 · 40 + 5 · 25) / 100 = 3,70",
                # √(0,65 · 0,35 / 100) · 1,96 = 0,0935
                "Feilmargin: 1,96 · √(0,65 · (1 − 0,65) / 100) · 100 = 9,3~prosentpoeng",
            ],
        ),
        (
            {"score_1": 0, "score_2": 0, "score_3": 0, "score_4": 1000, "score_5": 0},
            [
                "CSAT: (1~000 + 0) / 1~000 = 100,0~%",
                "Antall svar: 0 + 0 + 0 + 1~000 + 0 = 1~000",
                "Gjennomsnitt: (1 · 0 + 2 · 0 + 3 · 0 + 4 · 1~000 + 5 · 0) / 1~000 = 4,00",
                "Feilmargin: 1,96 · √(1,00 · (1 − 1,00) / 1~000) · 100 = 0,0~prosentpoeng",
            ],
        ),
    ],
    "relationship_flower": [
        (
            {},
            [
                (
                    "Indeks: (4 · 3 + 4 · 3 + 4 · 3 + 4 · 3 + 4 · 3) / (6 · (4 + 4 + 4 + 4 + 4)) "
                    "· 100 = 50"
                ),
                "Poeng for sosial kompetanse: (4 − 1) / 6 · 100 = 50",
                "Størst behov (prioriter først): sosial kompetanse, 4 · (7 − 4) = 12",
            ],
        ),
        (
            # (7·5 + 4·3 + 4·1,5 + 4·3 + 2·6) / (6 · 21) · 100 = 77 / 126 · 100 = 61,1
            {
                "social_competence": 6,
                "social_competence_importance": 7,
                "economic_terms": 7,
                "economic_terms_importance": 2,
                "availability": "2,5",
            },
            [
                (
                    "Indeks: (7 · 5 + 4 · 3 + 4 · 1,5 + 4 · 3 + 2 · 6) / (6 · (7 + 4 + 4 + 4 + 2)) "
                    "· 100 = 61"
                ),
                "Poeng for tilgjengelighet: (2,5 − 1) / 6 · 100 = 25",
                "Størst behov (prioriter først): tilgjengelighet, 4 · (7 − 2,5) = 18",
            ],
        ),
    ],
    "relationship_importance": [
        (
            {},
            [
                (
                    "Indeks: (4 · 3 + 4 · 3 + 4 · 3 + 4 · 3 + 4 · 3 + 4 · 3 + 4 · 3) / "
                    "(6 · (4 + 4 + 4 + 4 + 4 + 4 + 4)) · 100 = 50"
                ),
                "Poeng for balanse: (4 − 1) / 6 · 100 = 50",
                "Størst behov (prioriter først): balanse, 4 · (7 − 4) = 12",
            ],
        ),
        (
            # 6 · 4 · 3 / (6 · 31) · 100 = 72 / 186 · 100 = 38,7
            {"trust": 1, "trust_importance": 7},
            [
                (
                    "Indeks: (4 · 3 + 7 · 0 + 4 · 3 + 4 · 3 + 4 · 3 + 4 · 3 + 4 · 3) / "
                    "(6 · (4 + 7 + 4 + 4 + 4 + 4 + 4)) · 100 = 39"
                ),
                "Poeng for tillit: (1 − 1) / 6 · 100 = 0",
                "Størst behov (prioriter først): tillit, 7 · (7 − 1) = 42",
            ],
        ),
    ],
    "relationship_focus": [
        (
            {},
            [
                "Indeks: (4 · 3 + 4 · 3 + 4 · 3 + 4 · 3) / (6 · (4 + 4 + 4 + 4)) · 100 = 50",
                "Poeng for nøyaktighet: (4 − 1) / 6 · 100 = 50",
                "Størst behov (prioriter først): nøyaktighet, 4 · (7 − 4) = 12",
                "Neste fokusområde: nøyaktighet (vurdering 4), det første området under 5",
            ],
        ),
        (
            {"accuracy": 6, "availability": 5, "adaptation": 7, "advice": 5},
            [
                "Indeks: (4 · 5 + 4 · 4 + 4 · 6 + 4 · 4) / (6 · (4 + 4 + 4 + 4)) · 100 = 79",
                "Poeng for tilgjengelighet: (5 − 1) / 6 · 100 = 67",
                "Størst behov (prioriter først): tilgjengelighet, 4 · (7 − 5) = 8",
                "Neste fokusområde: ingen, alle vurderingene er 5 eller mer",
            ],
        ),
    ],
}

EXAMPLES |= DATA_EXAMPLES


@pytest.mark.parametrize(
    ("calculator_id", "inputs", "expected"),
    [(c, inputs, lines) for c, cases in EXAMPLES.items() for inputs, lines in cases],
)
def test_steps_by_hand(calculator_id: str, inputs: dict[str, object], expected: list[str]) -> None:
    result = evaluate(calculator_id, inputs)
    assert result["errors"] == {}
    assert result["steps"] == [line.replace("~", "\u00a0") for line in expected]


def test_every_calculator_has_steps_and_examples() -> None:
    assert set(EXAMPLES) == set(CATALOGUE), missing_rows(
        EXAMPLES,
        CATALOGUE,
        where="EXAMPLES i tests/calculators/test_steps.py",
        row="inndata og linjene «Slik regnet vi det» skal vise for dem",
    )
    assert all(calculator.steps is not None for calculator in CATALOGUE.values())


def test_steps_are_empty_on_errors_and_without_a_step_function() -> None:
    assert evaluate("nps", {"promoters": "mange"})["steps"] == []
    assert evaluate("ukjent", {})["steps"] == []
    bare = dataclasses.replace(CATALOGUE["nps"], steps=None)
    assert worked_steps(bare, {}, {}) == []


@pytest.mark.parametrize("calculator_id", CATALOGUE)
@STEPS
@given(data=st.data())
def test_steps_are_plain_norwegian_for_any_valid_input(
    calculator_id: str, data: st.DataObject
) -> None:
    result = evaluate(calculator_id, data.draw(valid_inputs_for(CATALOGUE[calculator_id])))
    if result["errors"]:
        return
    steps = result["steps"]
    assert steps
    for line in steps:
        assert line.strip() == line
        assert line
        assert "Infinity" not in line
        assert not any(word in line.casefold() for word in FORBIDDEN), line
        assert "-" not in line, line  # only the real minus sign
        assert "  " not in line
