"""A team's scores of one relationship, read from a table: what ``relationship_survey`` counts.

Each row is one person, each column a dimension of the chosen model scored 1–7, matched by
the label the self-assessment's form shows; ``Viktighet: <dimensjon>`` columns are optional.
The index, the priority and the next focus are the chosen self-assessment's own formula
applied to the mean score and the mean importance of each dimension (importance 4 for all
without importance columns: equal weights). Mean and sample standard deviation (n − 1) per
dimension show where the raters disagree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from calculators import relationship_flower, relationship_focus, relationship_importance
from calculators.errors import ValidationError
from calculators.self_assessment import SCALE_DEFAULT, SCALE_HIGH, SCALE_LOW, Dimension
from calculators.spec import Calculator, Column
from calculators.table_report import lower_first
from calculators.validation import table

if TYPE_CHECKING:
    from calculators.spec import Inputs, Results

MODELS: dict[str, tuple[Calculator, tuple[Dimension, ...]]] = {
    "relationship_flower": (relationship_flower.CALCULATOR, relationship_flower.DIMENSIONS),
    "relationship_importance": (
        relationship_importance.CALCULATOR,
        relationship_importance.DIMENSIONS,
    ),
    "relationship_focus": (relationship_focus.CALCULATOR, relationship_focus.DIMENSIONS),
}
#: Every dimension of the three models once, in the models' order (``availability`` is in two).
DIMENSIONS: tuple[Dimension, ...] = tuple(
    {d.name: d for _, dims in MODELS.values() for d in dims}.values()
)
LISTED_ANSWERS = 8


def _models_with(name: str) -> tuple[str, ...]:
    return tuple(model for model, (_, dims) in MODELS.items() if name in {d.name for d in dims})


def columns() -> tuple[Column, ...]:
    """Return a score column and an optional importance column per dimension of all models."""
    found: list[Column] = []
    for d in DIMENSIONS:
        label = lower_first(d.label)
        found.append(
            Column(
                role=d.name,
                label=d.label,
                names=(d.label,),
                kind="number",
                minimum=SCALE_LOW,
                maximum=SCALE_HIGH,
                if_blank="keep",
                # Matched by the dimension's name only: a guess would score one dimension
                # with another's column.
                guess=False,
                when=_models_with(d.name),
            )
        )
        found.append(
            Column(
                role=f"{d.name}_importance",
                label=f"Viktighet: {label}",
                names=(f"viktighet {label}", f"{label} viktighet", f"importance {label}"),
                kind="number",
                minimum=SCALE_LOW,
                maximum=SCALE_HIGH,
                optional=True,
                guess=False,
                when=_models_with(d.name),
            )
        )
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Rated:
    """One dimension's answers: the scores given, their mean and spread, the importance."""

    dimension: Dimension
    scores: list[float]
    mean: float
    deviation: float | None
    importance: float
    weighed: bool


def _mean(values: list[float]) -> float:
    return math.fsum(values) / len(values)


def deviation(values: list[float]) -> float | None:
    """Sample standard deviation (n − 1); ``None`` for fewer than two values."""
    if len(values) < 2:  # noqa: PLR2004
        return None
    mean = _mean(values)
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1))


def rated(inputs: Inputs) -> list[Rated]:
    """Per dimension of the chosen model: the scores, mean, deviation and mean importance.

    Raises:
        ValidationError: (on ``answers``) for a dimension nobody scored.

    """
    answers = table(inputs, "answers")
    _, dims = MODELS[str(inputs["model"])]
    found: list[Rated] = []
    for d in dims:
        scores = [float(v) for v in answers.values.get(d.name, ()) if isinstance(v, (int, float))]
        if not scores:
            column = answers.column_text(d.name)
            where = f"kolonnen {column}" if column else "tabellen"
            msg = (
                f"Ingen har gitt «{d.label}» en vurdering fra 1 til 7 i {where}. Velg en annen "
                "kolonne, eller fyll inn vurderingene."
            )
            raise ValidationError({"answers": msg})
        weights = [
            float(v)
            for v in answers.values.get(f"{d.name}_importance", ())
            if isinstance(v, (int, float))
        ]
        found.append(
            Rated(
                dimension=d,
                scores=scores,
                mean=_mean(scores),
                deviation=deviation(scores),
                importance=_mean(weights) if weights else SCALE_DEFAULT,
                weighed=bool(weights),
            )
        )
    return found


def model_inputs(found: list[Rated]) -> dict[str, float | str | None]:
    """Return the self-assessment's inputs: each dimension's mean score and mean importance."""
    means: dict[str, float | str | None] = {r.dimension.name: r.mean for r in found}
    return means | {f"{r.dimension.name}_importance": r.importance for r in found}


def relationship_survey(inputs: Inputs) -> Results:
    """Apply the chosen self-assessment to the raters' mean scores and importances.

    Returns:
        ``index``, ``priority`` and ``next_focus`` (``""`` unless the focus model) as the
        self-assessment computes them, ``raters``, ``invalid_rows``,
        ``widest_disagreement`` (largest standard deviation, first on ties; ``""`` with one
        rater) and ``<dimension>_mean`` and ``<dimension>_sd`` for every dimension of the
        three models (``""`` where the chosen model lacks it or, for the deviation, with
        fewer than two scores).

    """
    answers = table(inputs, "answers")
    model, _ = MODELS[str(inputs["model"])]
    found = rated(inputs)
    model_results = model.formula(model_inputs(found))
    spread = [(r.deviation, r.dimension.name) for r in found if r.deviation is not None]
    # max() keeps the first of equal deviations: the dimension listed first wins a tie.
    widest = max(spread, key=lambda pair: pair[0])[1] if spread else ""
    weighed = [r for r in found if r.weighed]
    if not weighed:
        answers.notes.append(
            "Tabellen har ingen kolonner med viktighet, så alle dimensjonene veier likt."
        )
    elif len(weighed) < len(found):
        missing = ", ".join(lower_first(r.dimension.label) for r in found if not r.weighed)
        answers.notes.append(f"Uten viktighet for {missing}: regnet med {SCALE_DEFAULT} (middels).")
    raters = sum(
        any(isinstance(answers.values[r.dimension.name][row], (int, float)) for r in found)
        for row in range(len(answers.values[found[0].dimension.name]))
    )
    answers.used = raters
    by_name = {r.dimension.name: r for r in found}
    results: dict[str, float | str] = {
        "index": model_results["index"],
        "priority": model_results["priority"],
        "next_focus": model_results.get("next_focus", ""),
        "raters": float(raters),
        "invalid_rows": float(answers.invalid_count),
        "widest_disagreement": widest,
    }
    for d in DIMENSIONS:
        r = by_name.get(d.name)
        results[f"{d.name}_mean"] = r.mean if r else ""
        results[f"{d.name}_sd"] = r.deviation if r and r.deviation is not None else ""
    return results
