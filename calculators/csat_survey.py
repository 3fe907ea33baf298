"""Kundetilfredshet (CSAT) from a survey's own answers (1–5), with Wilson's interval."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from calculators import charts, csat, samples, sources
from calculators.errors import ValidationError
from calculators.numbers import format_share, format_value
from calculators.spec import Calculator, Column, Field, Output, Table
from calculators.survey import wilson
from calculators.validation import table

if TYPE_CHECKING:
    from calculators.spec import Inputs, Results

ANSWER = Column(
    role="answer",
    label="Svar (1–5)",
    names=(
        "svar",
        "score",
        "poeng",
        "fornøyd",
        "fornøydhet",
        "tilfreds",
        "tilfredshet",
        "csat",
        "karakter",
        "vurdering",
        "answer",
        "response",
        "satisfaction",
        "satisfied",
        "rating",
    ),
    kind="integer",
    minimum=1,
    maximum=5,
)


def counts_of(inputs: Inputs) -> dict[int, int]:
    """Answer (1–5) → how many gave it (counted once per table)."""
    answers = table(inputs, "answers")
    found = answers.memo.get("csat")
    if isinstance(found, dict):
        return found
    tally = Counter(answers.values["answer"])
    counts = {score: tally.get(score, 0) for score, _ in csat.SCALE}
    answers.memo["csat"] = counts
    return counts


def csat_survey(inputs: Inputs) -> Results:
    """Compute CSAT, the mean and Wilson's 95 % interval from the answers.

    Returns:
        ``csat`` (share answering 4 or 5, %), ``mean_score``, ``margin_of_error`` (half
        the width of Wilson's interval, percentage points), ``interval_low`` and
        ``interval_high`` (%), ``respondents`` and ``invalid_rows``.

    Raises:
        ValidationError: (on ``answers``) if no answer from 1 to 5 was found.

    """
    answers = table(inputs, "answers")
    counts = counts_of(inputs)
    respondents = sum(counts.values())
    if respondents == 0:
        msg = (
            f"Fant ingen svar fra 1 til 5 i kolonnen {answers.column_text('answer')}. Lim inn "
            "en kolonne med svar, eller velg en annen kolonne."
        )
        raise ValidationError({"answers": msg})
    results = csat.csat({f"score_{score}": float(n) for score, n in counts.items()})
    low, high = wilson(counts[4] + counts[5], respondents)
    return {
        "csat": results["csat"],
        "mean_score": results["mean_score"],
        "margin_of_error": (high - low) / 2 * 100,
        "interval_low": low * 100,
        "interval_high": high * 100,
        "respondents": results["respondents"],
        "invalid_rows": float(answers.invalid_count),
    }


_GROUPS = (
    ("Fornøyde (4–5)", "positive", (5, 4)),
    ("Verken eller (3)", "neutral", (3,)),
    ("Misfornøyde (1–2)", "negative", (2, 1)),
)


def distribution_chart(inputs: Inputs, results: Results) -> str:
    """Draw the answers 1–5 as bars under their groups' headings."""
    counts = counts_of(inputs)
    respondents = float(results["respondents"])
    drawn = [
        (
            f"{name}: {format_value(sum(counts[s] for s in scores) / respondents * 100, '%')}",
            colour,
            [(str(s), float(counts[s])) for s in scores],
        )
        for name, colour, scores in _GROUPS
    ]
    listed = ", ".join(f"{s}: {counts[s]}" for s in range(1, 6))
    return charts.grouped_bars(
        title="Svarene fra 1 til 5",
        desc=(
            f"Antall svar per svaralternativ: {listed}. "
            + ". ".join(heading for heading, _, _ in drawn)
            + f". CSAT er {format_value(results['csat'], '%')}."
        ),
        groups=drawn,
    )


def answers_table(inputs: Inputs, results: Results) -> Table:
    """One row per answer, 5 first: what it means, how many gave it, their share."""
    counts = counts_of(inputs)
    respondents = float(results["respondents"])
    raw = tuple(
        (float(score), text, float(counts[score]), counts[score] / respondents * 100)
        for score, text in reversed(csat.SCALE)
    )
    return Table(
        caption="Antall svar per svaralternativ. CSAT er andelen som svarte 4 eller 5.",
        columns=("Svar", "Betydning", "Antall", "Andel"),
        rows=tuple(
            (format_value(s, "count"), t, format_value(n, "count"), format_value(p, "%"))
            for s, t, n, p in raw
        ),
        raw_rows=raw,
        units=("", "", "antall", "%"),
    )


def csat_steps(inputs: Inputs, results: Results) -> tuple[str, ...]:
    """Worked steps: CSAT and the mean from the counts, then Wilson's interval."""
    counts = [format_value(n, "count") for n in counts_of(inputs).values()]
    n = format_value(results["respondents"], "count")
    p = format_share(float(results["csat"]), most_decimals=4)
    weighted = " + ".join(f"{score} · {count}" for score, count in enumerate(counts, start=1))
    low, high = (format_value(results[k], "%") for k in ("interval_low", "interval_high"))
    return (
        f"CSAT: ({counts[3]} + {counts[4]}) / {n} = {format_value(results['csat'], '%')}",
        f"Antall svar: {' + '.join(counts)} = {n}",
        f"Gjennomsnitt: ({weighted}) / {n} = {format_value(results['mean_score'], 'score', 2)}",
        (
            f"Wilsons intervall: ({p} + 1,96² / (2 · {n}) ± 1,96 · √({p} · (1 − {p}) / {n} + "
            f"1,96² / (4 · {n}²))) / (1 + 1,96² / {n}) = {low} til {high}"
        ),
        (f"Feilmargin: ({high} − {low}) / 2 = {format_value(results['margin_of_error'], 'pp')}"),
    )


CALCULATOR = Calculator(
    id="csat_survey",
    title="CSAT fra svarene i en undersøkelse",
    intro=(
        "Lim inn svarene fra en undersøkelse om kundetilfredshet (1–5) eller velg filen, så "
        "regner kalkulatoren ut andelen fornøyde kunder med et usikkerhetsintervall som også "
        "holder for få svar."
    ),
    fields=(
        Field(
            name="answers",
            label="Svarene (lim inn fra regnearket)",
            unit="data",
            default=samples.CSAT_ANSWERS,
            help=(
                "Merk kolonnene i Excel, Google Sheets eller Numbers og lim dem inn, med "
                "overskriftsraden. Kalkulatoren finner kolonnen med svar fra 1 til 5 selv."
            ),
            columns=(ANSWER,),
        ),
    ),
    outputs=(
        csat.CALCULATOR.outputs[0],
        csat.CALCULATOR.outputs[1],
        Output(
            name="margin_of_error",
            label="Feilmargin (95 %, Wilson)",
            unit="pp",
            help=(
                "Halve bredden av Wilson-intervallet under. Den er aldri 0, heller ikke når "
                "alle er fornøyde."
            ),
        ),
        Output(
            name="interval_low",
            label="Andel fornøyde, nedre grense (95 %)",
            unit="%",
            help="Den sanne andelen fornøyde ligger trolig over dette tallet.",
        ),
        Output(
            name="interval_high",
            label="Andel fornøyde, øvre grense (95 %)",
            unit="%",
            help="Den sanne andelen fornøyde ligger trolig under dette tallet.",
        ),
        csat.CALCULATOR.outputs[3],
        Output(
            name="invalid_rows",
            label="Linjer som ikke kunne leses",
            unit="count",
            help="Linjer med et svar som ikke er et helt tall fra 1 til 5.",
        ),
    ),
    formulas=(
        csat.CALCULATOR.formulas[0],
        (
            r"\frac{p + \frac{z^{2}}{2n} \pm z \sqrt{\frac{p(1-p)}{n} + \frac{z^{2}}{4n^{2}}}}"
            r"{1 + \frac{z^{2}}{n}}, \quad z = 1{,}96"
        ),
    ),
    method=(
        "*n₄* og *n₅* er antall som svarte 4 og 5, *n* alle svar og *p* andelen fornøyde. "
        "Usikkerheten er Wilsons intervall med 95 % konfidens. Det er bedre enn den vanlige "
        "normaltilnærmingen (Wald) når det er få svar eller nesten alle eller ingen er "
        "fornøyde: da kan Wald-intervallet bli altfor smalt, mens Wilson-intervallet aldri går "
        "under 0 % eller over 100 %. Feilmarginen er halve bredden av intervallet; intervallet "
        "ligger ikke alltid likt på hver side av CSAT.\n\n"
        "Tomme svarceller teller ikke. Linjer som ikke kan leses, telles og listes med "
        "linjenummer, og de er ikke med i resultatet."
    ),
    sources=(sources.WILSON_1927,),
    caveats=(
        sources.OWN_DATA,
        "Spør likt hver gang; ordlyden i spørsmålet påvirker svarene.",
    ),
    formula=csat_survey,
    chart=distribution_chart,
    table=answers_table,
    steps=csat_steps,
)
