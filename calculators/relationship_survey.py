"""Teamets vurdering av en relasjon: the calculator for several raters' 1–7 scores.

The counting is in :mod:`calculators.team_scores`; this module is the calculator: its
fields, outputs, chart, table and worked steps.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from calculators import charts, relationship_flower, relationship_focus, samples, sources
from calculators.numbers import format_value
from calculators.self_assessment import SCALE_HIGH
from calculators.spec import Calculator, Field, Output, Table
from calculators.table_report import lower_first
from calculators.team_scores import (
    DIMENSIONS,
    MODELS,
    Rated,
    columns,
    model_inputs,
    rated,
    relationship_survey,
)

if TYPE_CHECKING:
    from calculators.spec import Inputs, Results

LISTED_ANSWERS = 8


def _answer(value: float, decimals: int = 1) -> str:
    return format_value(value, "score", 0 if float(value).is_integer() else decimals)


def spread_chart(inputs: Inputs, results: Results) -> str:
    """Each dimension's scores as dots on 1–7 with the mean and ± one standard deviation."""
    del results
    rows = []
    for r in rated(inputs):
        spread = "ett svar" if r.deviation is None else f"standardavvik {_answer(r.deviation, 2)}"
        label = f"{r.dimension.label}: snitt {_answer(r.mean, 2)}, {spread}"
        rows.append((label, r.scores, r.mean, r.deviation or 0.0))
    return charts.spread_chart(
        title="Vurderingene per dimensjon",
        desc=". ".join(label for label, _, _, _ in rows) + ".",
        rows=rows,
    )


def _need(r: Rated) -> float:
    return r.importance * (SCALE_HIGH - r.mean)


def dimensions_table(inputs: Inputs, results: Results) -> Table:
    """One row per dimension, largest improvement need first, with the spread of the scores."""
    del results
    raw: list[tuple[float | str | None, ...]] = [
        (
            r.dimension.label,
            float(len(r.scores)),
            r.mean,
            r.deviation,
            min(r.scores),
            max(r.scores),
            r.importance,
            _need(r),
        )
        for r in sorted(rated(inputs), key=lambda r: -_need(r))
    ]
    rows = tuple(
        (
            str(label),
            format_value(float(n or 0), "count"),
            format_value(float(mean or 0), "score", 2),
            "–" if sd is None else format_value(float(sd), "score", 2),
            f"{_answer(float(low or 0))}–{_answer(float(high or 0))}",
            format_value(float(weight or 0), "score", 2),
            format_value(float(need or 0), "score", 1),
        )
        for label, n, mean, sd, low, high, weight, need in raw
    )
    return Table(
        caption=(
            "Størst behov først. Snitt og viktighet er fra 1 til 7; standardavviket og "
            "spennet mellom laveste og høyeste vurdering viser hvor uenige dere er. Behov er "
            "viktighet ganger avstanden fra snittet opp til 7."
        ),
        columns=("Dimensjon", "Svar", "Snitt", "Standardavvik", "Spenn", "Viktighet", "Behov"),
        rows=rows,
        raw_rows=tuple(raw),
        units=("", "antall", "1–7", "", "", "1–7", ""),
    )


def _mean_step(r: Rated) -> str:
    n = len(r.scores)
    if n <= LISTED_ANSWERS:
        summed = " + ".join(_answer(s) for s in r.scores)
        return (
            f"Snitt for {lower_first(r.dimension.label)}: ({summed}) / {n} = {_answer(r.mean, 2)}"
        )
    total = format_value(math.fsum(r.scores), "count", 1)
    return f"Snitt for {lower_first(r.dimension.label)}: {total} / {n} = {_answer(r.mean, 2)}"


def survey_steps(inputs: Inputs, results: Results) -> tuple[str, ...]:
    """Worked steps: each mean, the widest spread, then the self-assessment on the means."""
    found = rated(inputs)
    lines = [_mean_step(r) for r in found]
    widest = next((r for r in found if r.dimension.name == results["widest_disagreement"]), None)
    if widest is not None and widest.deviation is not None:
        n, mean = len(widest.scores), _answer(widest.mean, 2)
        if n <= LISTED_ANSWERS:
            terms = " + ".join(f"({_answer(s)} − {mean})²" for s in widest.scores)
        else:
            terms = f"summen av (vurdering − {mean})²"
        lines.append(
            f"Størst uenighet, {lower_first(widest.dimension.label)}: standardavvik "
            f"√(({terms}) / ({n} − 1)) = {_answer(widest.deviation, 2)}"
        )
    model, _ = MODELS[str(inputs["model"])]
    means = model_inputs(found)
    if model.steps is not None:
        lines.extend(model.steps(means, model.formula(means)))
    return tuple(lines)


def _outputs() -> tuple[Output, ...]:
    labels = tuple((d.name, d.label) for d in DIMENSIONS)
    focus = relationship_focus.CALCULATOR
    outputs = [
        focus.outputs[0],
        Output(
            name="priority",
            label="Prioriter først",
            unit="dimension",
            help=focus.outputs[1].help,
            value_labels=labels,
        ),
        Output(
            name="next_focus",
            label="Neste fokusområde (bare fire fokusområder)",
            unit="dimension",
            help=(
                "For de fire fokusområdene: det første området med snitt under 5. «Ingen» for "
                "de andre modellene, eller når alle snittene er 5 eller mer."
            ),
            value_labels=labels,
        ),
        Output(
            name="raters",
            label="Antall som har vurdert",
            unit="count",
            help="Rader med minst én vurdering som kunne leses.",
        ),
        Output(
            name="invalid_rows",
            label="Linjer som ikke kunne leses",
            unit="count",
            help="Linjer der en vurdering ikke er et tall fra 1 til 7; hele linjen er utelatt.",
        ),
        Output(
            name="widest_disagreement",
            label="Størst uenighet",
            unit="dimension",
            help=(
                "Dimensjonen der vurderingene spriker mest (størst standardavvik). Snakk om "
                "den før dere bestemmer hva som skal gjøres."
            ),
            value_labels=labels,
        ),
    ]
    for d in DIMENSIONS:
        outputs.append(
            Output(
                name=f"{d.name}_mean",
                label=f"{d.label}: snitt (1–7)",
                unit="score",
                decimals=2,
                help="Gjennomsnittet av vurderingene.",
                shown_in_table=True,
                may_be_empty=True,
            )
        )
        outputs.append(
            Output(
                name=f"{d.name}_sd",
                label=f"{d.label}: standardavvik",
                unit="score",
                decimals=2,
                help="Utvalgsstandardavviket (n − 1): hvor mye vurderingene spriker.",
                shown_in_table=True,
                may_be_empty=True,
            )
        )
    return tuple(outputs)


CALCULATOR = Calculator(
    id="relationship_survey",
    title="Teamets vurdering av en relasjon",
    intro=(
        "Har flere i teamet vurdert relasjonen til samme kunde? Lim inn vurderingene, én rad "
        "per person, så ser du indeksen for snittet, hva som bør prioriteres, og hvor dere er "
        "mest uenige."
    ),
    fields=(
        Field(
            name="model",
            label="Modell",
            unit="choice",
            default="relationship_flower",
            help="Hvilken egenvurdering kolonnene følger.",
            choices=tuple((model, calc.title) for model, (calc, _) in MODELS.items()),
        ),
        Field(
            name="answers",
            label="Vurderingene (lim inn fra regnearket)",
            unit="data",
            default=samples.RELATIONSHIP_SCORES,
            help=(
                "Én rad per person og én kolonne per dimensjon, med dimensjonens navn som "
                "overskrift og vurderinger fra 1 til 7. Kolonner med overskriften «Viktighet: "
                "<dimensjon>» er valgfrie."
            ),
            columns=columns(),
            column_choice="model",
            samples=(
                ("relationship_flower", samples.RELATIONSHIP_SCORES),
                ("relationship_importance", samples.IMPORTANCE_SCORES),
                ("relationship_focus", samples.FOCUS_SCORES),
            ),
        ),
    ),
    outputs=_outputs(),
    formulas=(
        (
            r"\bar{s}_{i} = \frac{1}{n}\sum_{k} s_{ik}, \quad "
            r"\text{sd}_{i} = \sqrt{\frac{\sum_{k} (s_{ik} - \bar{s}_{i})^{2}}{n - 1}}"
        ),
        *relationship_flower.CALCULATOR.formulas,
    ),
    method=(
        "*s*ᵢₖ er vurderingen person *k* ga dimensjon *i* (1–7), og *n* antall som vurderte "
        "den. Snittet per dimensjon settes inn i egenvurderingen du har valgt, som om én "
        "person hadde gitt snittet: indeksen er et veid gjennomsnitt med snittet av "
        "viktighetene som vekt (alle veier likt uten kolonner for viktighet), og det største "
        "forbedringsbehovet avgjør hva som bør prioriteres. Standardavviket (med *n* − 1) "
        "viser hvor mye vurderingene spriker; der det er størst, er dere mest uenige.\n\n"
        "En linje med en vurdering som ikke er et tall fra 1 til 7, utelates i sin helhet og "
        "listes med linjenummer. En tom celle betyr at personen ikke vurderte den dimensjonen."
    ),
    sources=(sources.RELATIONSHIP_FLOWER, sources.GRUNIG_2012, sources.BERG_2009),
    caveats=(
        sources.SELF_ASSESSMENT,
        sources.SELF_ASSESSMENT_WEIGHTS,
        (
            "Et snitt skjuler uenighet: to som gir 1 og 7, får samme snitt som to som gir 4. "
            "Se derfor på standardavviket og spennet før dere bestemmer hva som skal gjøres."
        ),
        sources.OWN_DATA,
    ),
    formula=relationship_survey,
    chart=spread_chart,
    table=dimensions_table,
    steps=survey_steps,
)
