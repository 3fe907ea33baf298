"""Kundeanskaffelseskostnad og tilbakebetalingstid for abonnement (CAC, LTV, LTV:CAC)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from calculators import sources
from calculators.numbers import NBSP, format_given, format_share, format_value
from calculators.spec import Calculator, Field, Output
from calculators.validation import number

if TYPE_CHECKING:
    from calculators.spec import Inputs, Results

MAX_CUSTOMERS = 1e9
MAX_KR = 1e12


def cac_payback(inputs: Inputs) -> Results:
    """Compute CAC, monthly margin, payback time, simple LTV and LTV:CAC.

    Args:
        inputs: ``sales_marketing_cost`` (kr), ``new_customers``,
            ``monthly_revenue_per_customer`` (kr), ``gross_margin`` and ``monthly_churn`` (%).

    Returns:
        ``cac`` and ``monthly_margin`` (kr); ``payback_months`` (``math.inf`` when the
        margin is 0 and there is a cost to earn back); ``ltv`` (kr, ``math.inf`` at 0 %
        churn with a positive margin); ``ltv_to_cac`` (``math.inf`` when CAC is 0 and LTV is
        positive, 0 when both are 0).

    """
    cac = number(inputs, "sales_marketing_cost") / number(inputs, "new_customers")
    margin = number(inputs, "monthly_revenue_per_customer") * number(inputs, "gross_margin") / 100
    churn = number(inputs, "monthly_churn") / 100
    payback = 0.0 if cac == 0 else math.inf if margin == 0 else cac / margin
    ltv = (math.inf if margin > 0 else 0.0) if churn == 0 else margin / churn
    ratio = (math.inf if ltv > 0 else 0.0) if cac == 0 else ltv / cac
    return {
        "cac": cac,
        "monthly_margin": margin,
        "payback_months": payback,
        "ltv": ltv,
        "ltv_to_cac": ratio,
    }


def _payback_step(results: Results) -> str:
    cac, margin = format_value(results["cac"], "kr"), format_value(results["monthly_margin"], "kr")
    if results["cac"] == 0:
        return (
            f"Tilbakebetalingstid: CAC er {cac}, så det er ingenting å betale tilbake: "
            f"{format_value(results['payback_months'], 'months')}"
        )
    if results["payback_months"] == math.inf:
        return (
            f"Tilbakebetalingstid: dekningsbidraget er {margin}, så kostnaden betales aldri tilbake"
        )
    return (
        f"Tilbakebetalingstid: {cac} / {margin} = "
        f"{format_value(results['payback_months'], 'months')}"
    )


def _ltv_step(inputs: Inputs, results: Results) -> str:
    margin = format_value(results["monthly_margin"], "kr")
    if number(inputs, "monthly_churn") > 0:
        return (
            f"LTV: {margin} / {format_share(number(inputs, 'monthly_churn'))} = "
            f"{format_value(results['ltv'], 'kr')}"
        )
    if results["ltv"] == math.inf:
        return f"LTV: ingen sier opp (0{NBSP}% kundefrafall), så livstidsverdien er ubegrenset"
    return f"LTV: dekningsbidraget er {margin}, så livstidsverdien er {format_value(0.0, 'kr')}"


def _ratio_step(results: Results) -> str:
    ratio = format_value(results["ltv_to_cac"], "ratio")
    if results["ltv"] == math.inf:
        return "LTV:CAC: livstidsverdien er ubegrenset, og da er forholdet også ubegrenset"
    if results["cac"] == 0:
        if results["ltv_to_cac"] == math.inf:
            return f"LTV:CAC: CAC er {format_value(0.0, 'kr')}, så forholdet er ubegrenset"
        return f"LTV:CAC: både LTV og CAC er {format_value(0.0, 'kr')}, så forholdet er {ratio}"
    return (
        f"LTV:CAC: {format_value(results['ltv'], 'kr')} / {format_value(results['cac'], 'kr')} "
        f"= {ratio}"
    )


def payback_steps(inputs: Inputs, results: Results) -> tuple[str, ...]:
    """Worked steps: CAC, monthly margin, payback time, LTV and LTV:CAC, in words at 0 and ∞."""
    return (
        (
            f"CAC: {format_given(number(inputs, 'sales_marketing_cost'), 'kr')} / "
            f"{format_value(number(inputs, 'new_customers'), 'count')} = "
            f"{format_value(results['cac'], 'kr')}"
        ),
        (
            f"Dekningsbidrag per måned: "
            f"{format_given(number(inputs, 'monthly_revenue_per_customer'), 'kr')} · "
            f"{format_share(number(inputs, 'gross_margin'))} = "
            f"{format_value(results['monthly_margin'], 'kr')}"
        ),
        _payback_step(results),
        _ltv_step(inputs, results),
        _ratio_step(results),
    )


CALCULATOR = Calculator(
    id="cac_payback",
    title="Kundeanskaffelseskostnad og tilbakebetalingstid",
    intro=(
        "Hvor mye koster det å skaffe en ny abonnementskunde, hvor mange måneder tar det før "
        "kunden har betalt det tilbake, og hvor mye er kunden verdt sammenlignet med kostnaden?"
    ),
    fields=(
        Field(
            name="sales_marketing_cost",
            label="Kostnader til salg og markedsføring",
            unit="kr",
            default=500_000,
            help="Alt du brukte på salg og markedsføring i perioden, også lønn.",
            minimum=0,
            maximum=MAX_KR,
        ),
        Field(
            name="new_customers",
            label="Nye kunder i samme periode",
            unit="count",
            default=100,
            help="Kundene disse kostnadene skaffet.",
            minimum=1,
            maximum=MAX_CUSTOMERS,
            integer=True,
        ),
        Field(
            name="monthly_revenue_per_customer",
            label="Månedlig inntekt per kunde",
            unit="kr",
            default=800,
            help="Gjennomsnittlig inntekt per kunde per måned (ARPU).",
            minimum=0,
            maximum=MAX_KR,
        ),
        Field(
            name="gross_margin",
            label="Dekningsgrad",
            unit="%",
            default=60,
            help="Andelen av inntekten som er igjen etter de variable kostnadene.",
            minimum=0,
            maximum=100,
        ),
        Field(
            name="monthly_churn",
            label="Kundefrafall per måned",
            unit="%",
            default=2,
            help="Andelen kunder som sier opp hver måned.",
            minimum=0,
            maximum=100,
        ),
    ),
    outputs=(
        Output(
            name="cac",
            label="Kundeanskaffelseskostnad (CAC)",
            unit="kr",
            help="Hva én ny kunde koster å skaffe.",
        ),
        Output(
            name="monthly_margin",
            label="Dekningsbidrag per kunde per måned",
            unit="kr",
            help="Månedlig inntekt ganger dekningsgrad.",
        ),
        Output(
            name="payback_months",
            label="Tilbakebetalingstid",
            unit="months",
            help=(
                "Måneder før dekningsbidraget har betalt tilbake anskaffelseskostnaden. "
                "En vanlig tommelfingerregel for abonnement er under 12 måneder. «Aldri» "
                "betyr at kunden ikke gir noe dekningsbidrag."
            ),
            infinite_text="aldri",
        ),
        Output(
            name="ltv",
            label="Kundens livstidsverdi (LTV)",
            unit="kr",
            help=(
                "Månedlig dekningsbidrag delt på kundefrafallet, uten diskontering. "
                "«Ubegrenset» betyr at ingen kunder sier opp."
            ),
            infinite_text="ubegrenset",
        ),
        Output(
            name="ltv_to_cac",
            label="LTV:CAC",
            unit="ratio",
            help=(
                "Livstidsverdi delt på anskaffelseskostnad. En vanlig tommelfingerregel for "
                "abonnement er minst 3 : 1."
            ),
            infinite_text="ubegrenset",
        ),
    ),
    formulas=(
        r"\text{CAC} = \frac{\text{kostnader til salg og markedsføring}}{\text{nye kunder}}",
        r"\text{tilbakebetalingstid} = \frac{\text{CAC}}{\text{ARPU} \cdot \text{dekningsgrad}}",
        r"\text{LTV} = \frac{\text{ARPU} \cdot \text{dekningsgrad}}{\text{kundefrafall}}",
    ),
    method=(
        "Anskaffelseskostnaden er kostnadene delt på nye kunder. Dekningsbidraget per måned er "
        "inntekten per kunde (ARPU) ganger dekningsgraden. Tilbakebetalingstiden er hvor mange "
        "slike måneder som trengs for å dekke anskaffelseskostnaden, og livstidsverdien er "
        "dekningsbidraget delt på det månedlige frafallet (en kunde blir i snitt "
        "1 / frafall måneder). Denne enkle livstidsverdien diskonteres ikke."
    ),
    sources=(sources.SKOK, sources.GUPTA_LEHMANN_2003),
    caveats=(
        (
            "Grensene 3 : 1 og 12 måneder er tommelfingerregler fra programvare som tjeneste "
            "(SaaS), ikke naturlover. De passer dårligere for andre bransjer."
        ),
        (
            "Den enkle livstidsverdien tar ikke hensyn til renter; bruk kalkulatoren for "
            "kundens livstidsverdi hvis pengenes tidsverdi betyr noe."
        ),
        "Kostnader og nye kunder må gjelde samme periode.",
    ),
    formula=cac_payback,
    steps=payback_steps,
)
