"""Kundetilfredshet (CSAT): the share of satisfied answers on a 1–5 scale."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from calculators import sources
from calculators.errors import ValidationError
from calculators.numbers import format_share, format_value
from calculators.spec import Calculator, Field, Output
from calculators.validation import number

if TYPE_CHECKING:
    from calculators.spec import Inputs, Results

MAX_ANSWERS = 1e9
Z_95 = 1.96
SCALE = (
    (1, "svært misfornøyd"),
    (2, "misfornøyd"),
    (3, "verken eller"),
    (4, "fornøyd"),
    (5, "svært fornøyd"),
)
NO_ANSWERS = "Fyll inn antall svar for minst ett av alternativene; summen må være minst 1."


def csat(inputs: Inputs) -> Results:
    """Compute CSAT, the mean score and the 95 % margin of error.

    Args:
        inputs: ``score_1`` … ``score_5``: how many answered 1 (very dissatisfied) … 5.

    Returns:
        ``csat`` (share answering 4 or 5, %), ``mean_score``, ``margin_of_error``
        (1,96 · √(p(1 − p)/n) · 100, percentage points) and ``respondents``.

    Raises:
        ValidationError: (on ``score_1``) if nobody answered.

    """
    counts = {score: number(inputs, f"score_{score}") for score, _ in SCALE}
    respondents = sum(counts.values())
    if respondents < 1:
        raise ValidationError({"score_1": NO_ANSWERS})
    satisfied = (counts[4] + counts[5]) / respondents
    return {
        "csat": satisfied * 100,
        "mean_score": sum(score * count for score, count in counts.items()) / respondents,
        "margin_of_error": Z_95 * math.sqrt(satisfied * (1 - satisfied) / respondents) * 100,
        "respondents": respondents,
    }


def csat_steps(inputs: Inputs, results: Results) -> tuple[str, ...]:
    """Worked steps: CSAT from the counts, the number of answers, the mean, the margin."""
    counts = [format_value(number(inputs, f"score_{score}"), "count") for score, _ in SCALE]
    respondents = format_value(results["respondents"], "count")
    p = format_share(float(results["csat"]), most_decimals=4)
    mean = format_value(results["mean_score"], "score", 2)
    weighted = " + ".join(
        f"{score} · {count}" for (score, _), count in zip(SCALE, counts, strict=True)
    )
    return (
        f"CSAT: ({counts[3]} + {counts[4]}) / {respondents} = {format_value(results['csat'], '%')}",
        f"Antall svar: {' + '.join(counts)} = {respondents}",
        f"Gjennomsnitt: ({weighted}) / {respondents} = {mean}",
        (
            f"Feilmargin: 1,96 · √({p} · (1 − {p}) / {respondents}) · 100 = "
            f"{format_value(results['margin_of_error'], 'pp')}"
        ),
    )


CALCULATOR = Calculator(
    id="csat",
    title="Kundetilfredshet (CSAT)",
    intro=(
        "Hvor stor andel av kundene er fornøyde? Fyll inn hvor mange som svarte hvert "
        "alternativ på en skala fra 1 (svært misfornøyd) til 5 (svært fornøyd)."
    ),
    fields=tuple(
        Field(
            name=f"score_{score}",
            label=f"Svarte {score} ({text})",
            unit="count",
            default=default,
            help=f"Antall som svarte {score}.",
            minimum=0,
            maximum=MAX_ANSWERS,
            integer=True,
        )
        for (score, text), default in zip(SCALE, (5, 10, 20, 40, 25), strict=True)
    ),
    outputs=(
        Output(
            name="csat",
            label="Kundetilfredshet (CSAT)",
            unit="%",
            help="Andelen som svarte 4 eller 5, altså fornøyd eller svært fornøyd.",
        ),
        Output(
            name="mean_score",
            label="Gjennomsnittlig svar",
            unit="score",
            decimals=2,
            help="Gjennomsnittet på skalaen fra 1 til 5.",
        ),
        Output(
            name="margin_of_error",
            label="Feilmargin (95 %)",
            unit="pp",
            help=(
                "Den sanne andelen fornøyde ligger trolig innenfor pluss/minus så mange "
                "prosentpoeng fra CSAT-tallet."
            ),
        ),
        Output(name="respondents", label="Antall svar", unit="count", help="Alle som svarte."),
    ),
    formulas=(
        r"\text{CSAT} = \frac{n_{4} + n_{5}}{n} \cdot 100",
        r"\text{feilmargin} = 1{,}96 \cdot \sqrt{\frac{p \cdot (1 - p)}{n}} \cdot 100",
    ),
    method=(
        "*n₄* og *n₅* er antall som svarte 4 og 5, og *n* alle svar. *p* er andelen "
        "fornøyde. Feilmarginen er den vanlige normaltilnærmingen for en andel med 95 % "
        "konfidens."
    ),
    sources=(sources.NORMAL_APPROXIMATION,),
    caveats=(
        sources.SMALL_SAMPLE,
        (
            "Når nesten alle eller nesten ingen er fornøyde, blir feilmarginen for liten; "
            "med 100 % fornøyde viser den 0, selv om tallet er usikkert."
        ),
        "Spør likt hver gang; ordlyden i spørsmålet påvirker svarene.",
    ),
    formula=csat,
    steps=csat_steps,
)
