"""Shared machinery for the three relationship self-assessments.

Each dimension has a score (1–7: how well you do today) and an importance (1–7: how much
the customer cares). ``index = Σ wᵢ·(sᵢ − 1)/6 / Σ wᵢ · 100``; ``<dim>_score = (sᵢ − 1)/6 ·
100``; ``priority`` is the dimension with the largest wᵢ·(7 − sᵢ), the first in listed order
on ties.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from calculators import charts, sources
from calculators.numbers import format_value
from calculators.spec import Calculator, Field, Output, Table
from calculators.validation import number

if TYPE_CHECKING:
    from calculators.spec import Inputs, Results

SCALE_LOW, SCALE_HIGH, SCALE_DEFAULT = 1, 7, 4
FOCUS_THRESHOLD = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class Dimension:
    """One dimension of a self-assessment.

    Attributes:
        name: Field name of the score; the importance field is ``<name>_importance``.
        label: Norwegian name of the dimension, shown wherever the dimension is named.
        question: Norwegian help text for the score: what to ask yourself.

    """

    name: str
    label: str
    question: str


def _evaluate(dimensions: tuple[Dimension, ...], inputs: Inputs) -> dict[str, float | str]:
    """Compute index, priority and the per-dimension scores."""
    scores = [number(inputs, d.name) for d in dimensions]
    weights = [number(inputs, f"{d.name}_importance") for d in dimensions]
    shares = [(s - SCALE_LOW) / (SCALE_HIGH - SCALE_LOW) for s in scores]
    gaps = [w * (SCALE_HIGH - s) for s, w in zip(scores, weights, strict=True)]
    largest = max(gaps)
    results: dict[str, float | str] = {
        "index": sum(w * s for w, s in zip(weights, shares, strict=True)) / sum(weights) * 100,
        "priority": next(d.name for d, gap in zip(dimensions, gaps, strict=True) if gap == largest),
    }
    results |= {f"{d.name}_score": s * 100 for d, s in zip(dimensions, shares, strict=True)}
    return results


def _answer(value: float) -> str:
    """Format a 1–7 answer (or a product of two): whole numbers without decimals."""
    return format_value(value, "score", 0 if float(value).is_integer() else 1)


def _need(inputs: Inputs, dimension: Dimension) -> float:
    """Improvement need wᵢ · (7 − sᵢ): importance times the distance up to 7."""
    weight = number(inputs, f"{dimension.name}_importance")
    return weight * (SCALE_HIGH - number(inputs, dimension.name))


def _table(dimensions: tuple[Dimension, ...], inputs: Inputs) -> Table:
    """One row per dimension, largest improvement need first (ties in listed order)."""
    rows = []
    for d in sorted(dimensions, key=lambda d: -_need(inputs, d)):
        score, weight = number(inputs, d.name), number(inputs, f"{d.name}_importance")
        rows.append(
            (
                d.label,
                _answer(score),
                _answer(weight),
                format_value((score - SCALE_LOW) / (SCALE_HIGH - SCALE_LOW) * 100, "points"),
                _answer(_need(inputs, d)),
            )
        )
    return Table(
        caption=(
            "Størst behov først: det øverste bør prioriteres. Vurdering og viktighet er fra "
            "1 til 7, poeng fra 0 til 100. Behov er viktighet ganger avstanden opp til 7."
        ),
        columns=("Dimensjon", "Vurdering", "Viktighet", "Poeng", "Behov"),
        rows=tuple(rows),
    )


def _chart(dimensions: tuple[Dimension, ...], title: str, results: Results) -> str:
    """One horizontal bar per dimension, in listed order: the score, 0–100."""
    values = [float(results[f"{d.name}_score"]) for d in dimensions]
    desc = "; ".join(
        f"{d.label}: {format_value(v, 'points')} av 100"
        for d, v in zip(dimensions, values, strict=True)
    )
    index = format_value(results["index"], "points")
    return charts.bar_chart(
        title=f"{title}: poeng per dimensjon",
        desc=f"{desc}. Samlet indeks: {index} av 100.",
        bars=[
            (d.label, v, format_value(v, "points")) for d, v in zip(dimensions, values, strict=True)
        ],
    )


def _steps(dimensions: tuple[Dimension, ...], inputs: Inputs, results: Results) -> tuple[str, ...]:
    """Worked steps: the weighted index, the priority's score and its improvement need."""
    scores = [number(inputs, d.name) for d in dimensions]
    weights = [number(inputs, f"{d.name}_importance") for d in dimensions]
    weighted = " + ".join(
        f"{_answer(w)} · {_answer(s - SCALE_LOW)}" for s, w in zip(scores, weights, strict=True)
    )
    total = " + ".join(_answer(w) for w in weights)
    index = format_value(results["index"], "points")
    priority = next(d for d in dimensions if d.name == results["priority"])
    score, weight = number(inputs, priority.name), number(inputs, f"{priority.name}_importance")
    lines = [
        f"Indeks: ({weighted}) / (6 · ({total})) · 100 = {index}",
        (
            f"Poeng for {priority.label.lower()}: ({_answer(score)} − 1) / 6 · 100 = "
            f"{format_value(results[f'{priority.name}_score'], 'points')}"
        ),
        (
            f"Størst behov (prioriter først): {priority.label.lower()}, "
            f"{_answer(weight)} · (7 − {_answer(score)}) = "
            f"{_answer(_need(inputs, priority))}"
        ),
    ]
    if "next_focus" in results:
        focus = next((d for d in dimensions if d.name == results["next_focus"]), None)
        lines.append(
            f"Neste fokusområde: {focus.label.lower()} (vurdering "
            f"{_answer(number(inputs, focus.name))}), det første området under {FOCUS_THRESHOLD}"
            if focus
            else f"Neste fokusområde: ingen, alle vurderingene er {FOCUS_THRESHOLD} eller mer"
        )
    return tuple(lines)


def _fields(dimensions: tuple[Dimension, ...]) -> tuple[Field, ...]:
    """Build a score field and an importance field per dimension, in listed order."""
    fields: list[Field] = []
    for d in dimensions:
        fields.append(
            Field(
                name=d.name,
                label=d.label,
                unit="score",
                default=SCALE_DEFAULT,
                # The ends of the scale are named on the form's buttons, not repeated here.
                help=d.question,
                scale_ends=("svært dårlig", "svært godt"),
                minimum=SCALE_LOW,
                maximum=SCALE_HIGH,
            )
        )
        fields.append(
            Field(
                name=f"{d.name}_importance",
                label=f"Viktighet: {d.label[0].lower()}{d.label[1:]}",
                unit="score",
                default=SCALE_DEFAULT,
                # The ends of the scale are named on the form's buttons, not repeated here.
                help="Hvor viktig er dette for kunden?",
                scale_ends=("uviktig", "svært viktig"),
                minimum=SCALE_LOW,
                maximum=SCALE_HIGH,
            )
        )
    return tuple(fields)


def _outputs(dimensions: tuple[Dimension, ...], *, with_next_focus: bool) -> tuple[Output, ...]:
    """List index, priority (and next focus), then one score per dimension."""
    outputs = [
        Output(
            name="index",
            label="Relasjonsindeks (0–100)",
            unit="points",
            help=(
                "Vurderingene dine veid med hvor viktige de er for kunden: 0 betyr 1 på alt, "
                "100 betyr 7 på alt."
            ),
        ),
        Output(
            name="priority",
            label="Prioriter først",
            unit="dimension",
            help=(
                "Dimensjonen der viktighet ganger avstanden opp til 7 er størst: der gir en "
                "forbedring mest for kunden."
            ),
        ),
    ]
    if with_next_focus:
        outputs.append(
            Output(
                name="next_focus",
                label="Neste fokusområde",
                unit="dimension",
                help=(
                    "Det første området, i rekkefølgen over, med vurdering under 5. De første "
                    "nivåene må være på plass før de neste gir lojalitet. «Ingen» betyr at "
                    "alle er 5 eller mer."
                ),
            )
        )
    outputs.extend(
        Output(
            name=f"{d.name}_score",
            label=f"{d.label} (0–100)",
            unit="points",
            help="Vurderingen omregnet til 0–100.",
            shown_in_table=True,
        )
        for d in dimensions
    )
    return tuple(outputs)


FORMULAS = (
    r"\text{indeks} = \frac{\sum_{i} w_{i} \cdot \frac{s_{i} - 1}{6}}{\sum_{i} w_{i}} \cdot 100",
    r"\text{poeng}_{i} = \frac{s_{i} - 1}{6} \cdot 100",
    r"\text{prioritet} = \text{dimensjonen med størst } w_{i} \cdot (7 - s_{i})",
)
METHOD = (
    "*sᵢ* er vurderingen din av dimensjon *i* (1–7) og *wᵢ* hvor viktig den er for kunden "
    "(1–7). Hver vurdering regnes om til 0–100, og indeksen er et veid gjennomsnitt med "
    "viktigheten som vekt. Forbedringsbehovet er *wᵢ* · (7 − *sᵢ*): en viktig dimensjon med "
    "lav vurdering får høyest behov. Ved likt behov vinner den som står først."
)


def build_self_assessment(  # noqa: PLR0913 - every argument is page text the caller owns
    *,
    calculator_id: str,
    title: str,
    intro: str,
    dimensions: tuple[Dimension, ...],
    references: tuple[str, ...],
    caveats: tuple[str, ...] = (),
    with_next_focus: bool = False,
) -> Calculator:
    """Build a self-assessment calculator from its dimensions.

    Args:
        calculator_id: The calculator id.
        title: Norwegian title.
        intro: Norwegian intro.
        dimensions: The dimensions in listed order.
        references: Sources for the dimensions.
        caveats: Caveats beyond the shared ones about self-assessment.
        with_next_focus: Whether to add ``next_focus``: the first dimension scoring below 5.

    Returns:
        The calculator, with a per-dimension table, a bar chart and worked steps.

    """

    def formula(inputs: Inputs) -> Results:
        results = _evaluate(dimensions, inputs)
        if with_next_focus:
            below = (d.name for d in dimensions if number(inputs, d.name) < FOCUS_THRESHOLD)
            results["next_focus"] = next(below, "")
        return results

    return Calculator(
        id=calculator_id,
        title=title,
        intro=intro,
        fields=_fields(dimensions),
        outputs=_outputs(dimensions, with_next_focus=with_next_focus),
        formulas=FORMULAS,
        method=METHOD,
        sources=references,
        caveats=(sources.SELF_ASSESSMENT, sources.SELF_ASSESSMENT_WEIGHTS, *caveats),
        formula=formula,
        table=lambda inputs, _results: _table(dimensions, inputs),
        chart=lambda _inputs, results: _chart(dimensions, title, results),
        steps=lambda inputs, results: _steps(dimensions, inputs, results),
    )
