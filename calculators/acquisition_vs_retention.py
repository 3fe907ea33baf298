"""Skaffe nye eller beholde gamle: what churn costs and what retention must achieve."""

from __future__ import annotations

from typing import TYPE_CHECKING

from calculators import sources
from calculators.numbers import format_given, format_share, format_value
from calculators.spec import Calculator, Field, Output
from calculators.validation import number

if TYPE_CHECKING:
    from calculators.spec import Inputs, Results

MAX_CUSTOMERS = 1e9
MAX_KR = 1e12
ONE_ORE = 0.01


def acquisition_vs_retention(inputs: Inputs) -> Results:
    """Compare what lost customers cost to replace with what keeping everyone costs.

    Args:
        inputs: ``customers``, ``churn_rate`` (%), ``acquisition_cost`` (kr per new
            customer) and ``retention_cost`` (kr per customer per period).

    Returns:
        ``customers_lost``, ``replacement_cost`` and ``retention_budget`` (kr),
        ``cost_ratio`` (acquisition / retention) and ``break_even_churn_reduction`` (pp).

    """
    customers = number(inputs, "customers")
    acquisition_cost = number(inputs, "acquisition_cost")
    retention_cost = number(inputs, "retention_cost")
    lost = customers * number(inputs, "churn_rate") / 100
    retention_budget = customers * retention_cost
    return {
        "customers_lost": lost,
        "replacement_cost": lost * acquisition_cost,
        "retention_budget": retention_budget,
        "cost_ratio": acquisition_cost / retention_cost,
        "break_even_churn_reduction": retention_budget / (customers * acquisition_cost) * 100,
    }


def comparison_steps(inputs: Inputs, results: Results) -> tuple[str, ...]:
    """Worked steps: customers lost, their replacement, the budget and the break-even."""
    customers = format_value(number(inputs, "customers"), "count")
    churn = format_share(number(inputs, "churn_rate"))
    acquisition = format_given(number(inputs, "acquisition_cost"), "kr")
    retention = format_given(number(inputs, "retention_cost"), "kr")
    return (
        f"Tapte kunder: {customers} · {churn} = {format_value(results['customers_lost'], 'count')}",
        (
            f"Erstatningskostnad: {customers} · {churn} · {acquisition} = "
            f"{format_value(results['replacement_cost'], 'kr')}"
        ),
        (
            f"Bevaringsbudsjett: {customers} · {retention} = "
            f"{format_value(results['retention_budget'], 'kr')}"
        ),
        (
            f"Anskaffelse mot bevaring: {acquisition} / {retention} = "
            f"{format_value(results['cost_ratio'], 'ratio')}"
        ),
        (
            f"Nødvendig reduksjon: ({customers} · {retention}) / ({customers} · {acquisition})"
            f" · 100 = {format_value(results['break_even_churn_reduction'], 'pp')}"
        ),
    )


CALCULATOR = Calculator(
    id="acquisition_vs_retention",
    title="Skaffe nye kunder eller beholde dem du har?",
    intro=(
        "Hva koster det å erstatte kundene du mister, og hvor mye må et tiltak for "
        "kundebevaring redusere kundefrafallet for å betale seg? Bruk dine egne tall i stedet "
        "for tommelfingerregelen om «fem ganger så dyrt»."
    ),
    fields=(
        Field(
            name="customers",
            label="Antall kunder",
            unit="count",
            default=500,
            help="Kundene du har ved starten av perioden.",
            minimum=1,
            maximum=MAX_CUSTOMERS,
            integer=True,
        ),
        Field(
            name="churn_rate",
            label="Kundefrafall per periode",
            unit="%",
            default=15,
            help="Andelen kunder som slutter i løpet av perioden.",
            minimum=0,
            maximum=100,
        ),
        Field(
            name="acquisition_cost",
            label="Kundeanskaffelseskostnad per ny kunde",
            unit="kr",
            default=5000,
            help="Salg og markedsføring delt på antall nye kunder.",
            minimum=ONE_ORE,
            maximum=MAX_KR,
        ),
        Field(
            name="retention_cost",
            label="Kostnad for å beholde en kunde per periode",
            unit="kr",
            default=1000,
            help="Det du bruker på kundeoppfølging, service og lojalitetstiltak per kunde.",
            minimum=ONE_ORE,
            maximum=MAX_KR,
        ),
    ),
    outputs=(
        Output(
            name="customers_lost",
            label="Tapte kunder per periode",
            unit="count",
            help="Kundene du må erstatte hver periode for å holde kundetallet.",
        ),
        Output(
            name="replacement_cost",
            label="Kostnad for å erstatte tapte kunder",
            unit="kr",
            help="Tapte kunder ganger kundeanskaffelseskostnaden.",
        ),
        Output(
            name="retention_budget",
            label="Budsjett for å beholde alle kundene",
            unit="kr",
            help="Kostnaden for å følge opp alle kundene i én periode.",
        ),
        Output(
            name="cost_ratio",
            label="Anskaffelse mot bevaring",
            unit="ratio",
            help=(
                "Hvor mange ganger dyrere det er å skaffe en ny kunde enn å beholde en i én "
                "periode. 5,0 : 1 tilsvarer tommelfingerregelen."
            ),
        ),
        Output(
            name="break_even_churn_reduction",
            label="Nødvendig reduksjon i kundefrafallet",
            unit="pp",
            help=(
                "Så mange prosentpoeng må kundefrafallet gå ned for at de sparte "
                "anskaffelseskostnadene skal dekke budsjettet. Er tallet høyere enn "
                "kundefrafallet, kan budsjettet ikke betale seg på sparte anskaffelser alene."
            ),
        ),
    ),
    formulas=(
        r"\text{tapte kunder} = K \cdot c",
        r"\text{erstatningskostnad} = K \cdot c \cdot A",
        r"\text{bevaringsbudsjett} = K \cdot B",
        r"\text{nødvendig reduksjon} = \frac{K \cdot B}{K \cdot A} \cdot 100",
    ),
    method=(
        "*K* er antall kunder, *c* kundefrafallet som andel, *A* kundeanskaffelseskostnaden og "
        "*B* kostnaden for å beholde en kunde i én periode. Hvert prosentpoeng lavere frafall "
        "betyr *K* · 0,01 færre kunder å erstatte, og sparer *K* · 0,01 · *A* kroner. "
        "Budsjettet betaler seg når de sparte kronene er minst like store som *K* · *B*."
    ),
    sources=(sources.REICHHELD_SASSER_1990, sources.GALLO_2014, sources.SHARP),
    caveats=(
        sources.FIVE_TIMES_RULE,
        sources.SAME_PERIOD,
        (
            "Regnestykket ser bare på sparte anskaffelseskostnader. Kunder som blir, gir også "
            "dekningsbidrag, og det gjør bevaring mer lønnsomt enn tallet her viser; se "
            "kalkulatoren for kundens livstidsverdi."
        ),
    ),
    formula=acquisition_vs_retention,
    steps=comparison_steps,
)
