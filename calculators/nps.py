"""Net Promoter Score (NPS) with its 95 % margin of error."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from calculators import charts, sources
from calculators.errors import ValidationError
from calculators.numbers import format_share, format_value
from calculators.spec import Calculator, Field, Output
from calculators.validation import number

if TYPE_CHECKING:
    from calculators.spec import Inputs, Results

MAX_ANSWERS = 1e9
Z_95 = 1.96
GROUPS = ("promoters", "passives", "detractors")
GROUP_NAMES = {"promoters": "ambassadører", "passives": "passive", "detractors": "kritikere"}
NO_ANSWERS = "Fyll inn antall svar i minst én av de tre gruppene; summen må være minst 1."


def nps(inputs: Inputs) -> Results:
    """Compute NPS, the share of each group and the 95 % margin of error.

    Args:
        inputs: Counts of ``promoters`` (9–10), ``passives`` (7–8), ``detractors`` (0–6).

    Returns:
        ``nps`` in points (−100…100), the three shares in %, ``margin_of_error`` in points
        (1,96 · √((p + d − (p − d)²) / n) · 100) and ``respondents``.

    Raises:
        ValidationError: (on ``promoters``) if nobody answered.

    """
    promoters = number(inputs, "promoters")
    passives = number(inputs, "passives")
    detractors = number(inputs, "detractors")
    respondents = promoters + passives + detractors
    if respondents < 1:
        raise ValidationError({"promoters": NO_ANSWERS})
    p, d = promoters / respondents, detractors / respondents
    variance = max(0.0, p + d - (p - d) ** 2)
    return {
        "nps": (p - d) * 100,
        "promoters_share": p * 100,
        "passives_share": passives / respondents * 100,
        "detractors_share": d * 100,
        "margin_of_error": Z_95 * math.sqrt(variance / respondents) * 100,
        "respondents": respondents,
    }


def groups_chart(inputs: Inputs, results: Results) -> str:
    """Draw a stacked bar of ambassadors, passives and critics."""
    del inputs
    parts = [
        ("Ambassadører", float(results["promoters_share"]), "positive"),
        ("Passive", float(results["passives_share"]), "neutral"),
        ("Kritikere", float(results["detractors_share"]), "negative"),
    ]
    legends = [(f"{name} {format_value(share, '%')}", share, c) for name, share, c in parts]
    score = format_value(results["nps"], "points")
    return charts.stacked_bar(
        title="Fordeling av svarene",
        desc=", ".join(text for text, _, _ in legends) + f". NPS er {score}.",
        parts=legends,
    )


def nps_steps(inputs: Inputs, results: Results) -> tuple[str, ...]:
    """Worked steps: NPS from the shares, the shares from the counts, the margin of error."""
    counts = {g: format_value(number(inputs, g), "count") for g in GROUPS}
    respondents = format_value(results["respondents"], "count")
    shares = {g: format_value(results[f"{g}_share"], "%") for g in GROUPS}
    p = format_share(float(results["promoters_share"]), most_decimals=4)
    d = format_share(float(results["detractors_share"]), most_decimals=4)
    return (
        (
            f"NPS: {shares['promoters']} − {shares['detractors']} = "
            f"{format_value(results['nps'], 'points')}"
        ),
        (
            f"Antall svar: {counts['promoters']} + {counts['passives']} + {counts['detractors']} = "
            f"{respondents}"
        ),
        *(f"Andel {GROUP_NAMES[g]}: {counts[g]} / {respondents} = {shares[g]}" for g in GROUPS),
        (
            f"Feilmargin: 1,96 · √(({p} + {d} − ({p} − {d})²) / {respondents}) · 100 = "
            f"{format_value(results['margin_of_error'], 'points', 1)}"
        ),
    )


def _count_field(name: str, label: str, default: int, help_text: str) -> Field:
    return Field(
        name=name,
        label=label,
        unit="count",
        default=default,
        help=help_text,
        minimum=0,
        maximum=MAX_ANSWERS,
        integer=True,
    )


CALCULATOR = Calculator(
    id="nps",
    title="Net Promoter Score (NPS)",
    intro=(
        "Hvor mange av kundene dine ville anbefalt deg, og hvor sikkert er tallet? Fyll inn "
        "hvor mange som svarte i hver gruppe på spørsmålet «Hvor sannsynlig er det at du vil "
        "anbefale oss til en venn eller kollega?» (0–10)."
    ),
    fields=(
        _count_field(
            "promoters", "Ambassadører (svarte 9–10)", 50, "Antall som svarte 9 eller 10."
        ),
        _count_field("passives", "Passive (svarte 7–8)", 30, "Antall som svarte 7 eller 8."),
        _count_field("detractors", "Kritikere (svarte 0–6)", 20, "Antall som svarte fra 0 til 6."),
    ),
    outputs=(
        Output(
            name="nps",
            label="NPS",
            unit="points",
            help=(
                "Andelen ambassadører minus andelen kritikere, fra −100 (alle er kritikere) "
                "til 100 (alle er ambassadører). Over 0 betyr flere ambassadører enn kritikere."
            ),
        ),
        Output(
            name="promoters_share",
            label="Andel ambassadører",
            unit="%",
            help="Andelen som svarte 9 eller 10.",
        ),
        Output(
            name="passives_share",
            label="Andel passive",
            unit="%",
            help="Andelen som svarte 7 eller 8. De teller med i antallet, men ikke i NPS.",
        ),
        Output(
            name="detractors_share",
            label="Andel kritikere",
            unit="%",
            help="Andelen som svarte fra 0 til 6.",
        ),
        Output(
            name="margin_of_error",
            label="Feilmargin (95 %), NPS-poeng",
            unit="points",
            decimals=1,
            help=(
                "Den sanne NPS ligger trolig innenfor pluss/minus så mange poeng. To målinger "
                "som skiller seg mindre enn dette, er ikke sikkert forskjellige."
            ),
        ),
        Output(
            name="respondents",
            label="Antall svar",
            unit="count",
            help="Alle som svarte, også de passive.",
        ),
    ),
    formulas=(
        r"\text{NPS} = (p - d) \cdot 100",
        r"\text{feilmargin} = 1{,}96 \cdot \sqrt{\frac{p + d - (p - d)^{2}}{n}} \cdot 100",
    ),
    method=(
        "*p* er andelen ambassadører, *d* andelen kritikere og *n* antall svar. NPS er "
        "forskjellen mellom andelene, regnet i poeng. Feilmarginen bruker variansen til "
        "forskjellen mellom to andeler fra samme utvalg og en normaltilnærming med 95 % "
        "konfidens."
    ),
    sources=(sources.REICHHELD_2003, sources.NORMAL_APPROXIMATION),
    caveats=(
        sources.SMALL_SAMPLE,
        (
            "NPS sier hvor mange som vil anbefale deg, ikke hvorfor. Spør om begrunnelsen også, "
            "og sammenlign helst med deg selv over tid, ikke med andre bransjer."
        ),
    ),
    formula=nps,
    chart=groups_chart,
    steps=nps_steps,
)
