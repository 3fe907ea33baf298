"""Kundebevaring og kundefrafall: how many of the customers you started with are still there."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from calculators import sources
from calculators.errors import ValidationError
from calculators.numbers import NBSP, format_share, format_value
from calculators.spec import Calculator, Field, Output
from calculators.validation import number

if TYPE_CHECKING:
    from calculators.spec import Inputs, Results

MAX_CUSTOMERS = 1e9


def retention_rate(inputs: Inputs) -> Results:
    """Compute retention, churn, customers lost and expected lifetime.

    Args:
        inputs: ``customers_start`` (S), ``customers_end`` (E) and ``new_customers`` (N).

    Returns:
        ``retention_rate`` = (E − N) / S in %, ``churn_rate`` in %, ``customers_lost`` and
        ``expected_lifetime`` = 1 / churn in periods (``math.inf`` when nobody left).

    Raises:
        ValidationError: if E − N is negative or larger than S.

    """
    start = number(inputs, "customers_start")
    end = number(inputs, "customers_end")
    new = number(inputs, "new_customers")
    kept = end - new
    if kept < 0:
        raise ValidationError(
            {
                "new_customers": "Det kan ikke være flere nye kunder enn kunder ved slutten av "
                "perioden. Sjekk de to tallene."
            }
        )
    if kept > start:
        raise ValidationError(
            {
                "customers_end": "Kunder ved slutten minus nye kunder kan ikke være flere enn "
                f"kundene ved start ({format_value(start, 'count')}). Har du glemt noen nye "
                "kunder?"
            }
        )
    lost = start - kept
    churn = lost / start
    return {
        "retention_rate": kept / start * 100,
        "churn_rate": churn * 100,
        "customers_lost": lost,
        "expected_lifetime": math.inf if churn == 0 else 1 / churn,
    }


def retention_steps(inputs: Inputs, results: Results) -> tuple[str, ...]:
    """Worked steps: retention from the counts, then churn, customers lost and lifetime."""
    start, end, new = (
        format_value(number(inputs, name), "count")
        for name in ("customers_start", "customers_end", "new_customers")
    )
    retention = format_value(results["retention_rate"], "%")
    churn = format_value(results["churn_rate"], "%")
    if results["expected_lifetime"] == math.inf:
        lifetime = "Forventet levetid: ingen sluttet, så levetiden er ubegrenset"
    else:
        lifetime = (
            f"Forventet levetid: 1 / {format_share(float(results['churn_rate']), most_decimals=4)}"
            f" = {format_value(results['expected_lifetime'], 'periods')}"
        )
    return (
        f"Kundebevaring: ({end} − {new}) / {start} = {retention}",
        f"Kundefrafall: 100{NBSP}% − {retention} = {churn}",
        (
            f"Tapte kunder: {start} − ({end} − {new}) = "
            f"{format_value(results['customers_lost'], 'count')}"
        ),
        lifetime,
    )


CALCULATOR = Calculator(
    id="retention_rate",
    title="Kundebevaring og kundefrafall",
    intro=(
        "Hvor mange av kundene du hadde ved starten av perioden, har du fortsatt ved slutten? "
        "Kalkulatoren regner ut kundebevaring, kundefrafall og hvor lenge en kunde i snitt blir."
    ),
    fields=(
        Field(
            name="customers_start",
            label="Kunder ved start av perioden",
            unit="count",
            default=1000,
            help="Antall kunder den første dagen i perioden.",
            minimum=1,
            maximum=MAX_CUSTOMERS,
            integer=True,
        ),
        Field(
            name="customers_end",
            label="Kunder ved slutten av perioden",
            unit="count",
            default=1050,
            help="Antall kunder den siste dagen i perioden, også de som er nye.",
            minimum=0,
            maximum=MAX_CUSTOMERS,
            integer=True,
        ),
        Field(
            name="new_customers",
            label="Nye kunder i perioden",
            unit="count",
            default=150,
            help="Kunder som kom til i løpet av perioden og fortsatt er kunder ved slutten.",
            minimum=0,
            maximum=MAX_CUSTOMERS,
            integer=True,
        ),
    ),
    outputs=(
        Output(
            name="retention_rate",
            label="Kundebevaring",
            unit="%",
            help="Andelen av kundene ved start som fortsatt er kunder ved slutten av perioden.",
        ),
        Output(
            name="churn_rate",
            label="Kundefrafall",
            unit="%",
            help="Andelen av kundene ved start som har sluttet i løpet av perioden.",
        ),
        Output(
            name="customers_lost",
            label="Tapte kunder",
            unit="count",
            help="Hvor mange av kundene ved start som har sluttet.",
        ),
        Output(
            name="expected_lifetime",
            label="Forventet kundelevetid",
            unit="periods",
            help=(
                "Hvor mange perioder en kunde blir i snitt hvis frafallet holder seg. "
                "«Ubegrenset» betyr at ingen sluttet i perioden."
            ),
            infinite_text="ubegrenset",
        ),
    ),
    formulas=(
        r"\text{kundebevaring} = \frac{E - N}{S} \cdot 100",
        r"\text{kundefrafall} = 100 - \text{kundebevaring}",
        r"\text{forventet levetid} = \frac{1}{\text{kundefrafall som andel}}",
    ),
    method=(
        "*S* er kunder ved start, *E* kunder ved slutten og *N* nye kunder i perioden. "
        "Nye kunder trekkes fra, så bare kundene du hadde fra før teller med. "
        "Kundefrafallet er resten, og forventet levetid er én delt på frafallet: "
        "mister du 20 % per år, blir en kunde i snitt i fem år."
    ),
    sources=(sources.GUPTA_LEHMANN_2003, sources.REICHHELD_SASSER_1990),
    caveats=(
        sources.SAME_PERIOD,
        (
            "Forventet levetid forutsetter at frafallet er det samme hvert år. I praksis slutter "
            "nye kunder oftere enn kunder som har vært lenge hos deg."
        ),
        "Kunder som både kom til og sluttet i samme periode, er ikke med i noen av tallene.",
    ),
    formula=retention_rate,
    steps=retention_steps,
)
