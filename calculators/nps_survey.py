"""NPS from a survey's own answers (0–10), with the margin and the change over time."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from calculators import charts, nps, samples, sources
from calculators.dates import Period, period_name
from calculators.errors import ValidationError
from calculators.numbers import format_value
from calculators.spec import Calculator, Column, Field, Output, Table
from calculators.survey import (
    DETRACTORS,
    PASSIVES,
    PERIOD_CHOICES,
    PROMOTERS,
    Change,
    Groups,
    by_period,
    change,
    choose_period,
    groups,
    trend_text,
)
from calculators.validation import table

if TYPE_CHECKING:
    from calculators.spec import Inputs, Results
    from calculators.table_data import DataTable

#: The periods table shows at most this many periods, the latest.
TABLE_PERIODS = 36
ANSWER = Column(
    role="answer",
    label="Svar (0–10)",
    names=(
        "svar",
        "score",
        "poeng",
        "anbefale",
        "anbefaling",
        "sannsynlig",
        "nps",
        "karakter",
        "answer",
        "response",
        "recommend",
        "likelihood",
        "rating",
    ),
    kind="integer",
    minimum=0,
    maximum=10,
)
DATE = Column(
    role="date",
    label="Dato",
    names=(
        "dato",
        "svardato",
        "besvart",
        "tidspunkt",
        "tid",
        "opprettet",
        "levert",
        "date",
        "time",
        "timestamp",
        "submitted",
        "created",
    ),
    kind="date",
    optional=True,
)


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the answers say: counts per answer, the groups, and per period when dated."""

    counts: dict[int, int]
    groups: Groups
    period: Period | None
    periods: dict[int, Groups]
    change: Change | None


def analyse(inputs: Inputs) -> Analysis:
    """Count the answers (once per table; the chart, table and steps reuse it)."""
    answers = table(inputs, "answers")
    key = f"nps:{inputs['period']}"
    found = answers.memo.get(key)
    if isinstance(found, Analysis):
        return found
    values = answers.values["answer"]
    counts = {int(a): n for a, n in Counter(values).items() if isinstance(a, int)}
    dates = answers.values.get("date")
    period: Period | None = None
    periods: dict[int, Groups] = {}
    if dates is not None and any(d is not None for d in dates):
        period = choose_period(str(inputs["period"]), _dates(dates), len(values))
        periods = {
            index: groups({int(a): n for a, n in c.items() if isinstance(a, int)})
            for index, c in by_period(dates, values, period).items()
        }
    analysis = Analysis(
        counts=counts,
        groups=groups(counts),
        period=period,
        periods=periods,
        change=change(periods),
    )
    answers.memo[key] = analysis
    return analysis


def _dates(dates: list[object]) -> list[int]:
    return [d for d in set(dates) if isinstance(d, int)]


def no_answers(answers: DataTable) -> ValidationError:
    """Return the error for a table without one answer from 0 to 10 in the column used."""
    msg = (
        f"Fant ingen svar fra 0 til 10 i kolonnen {answers.column_text('answer')}. Lim inn en "
        "kolonne med svar, eller velg en annen kolonne."
    )
    return ValidationError({"answers": msg})


def nps_survey(inputs: Inputs) -> Results:
    """Compute NPS and its margin from the answers, and the change over time.

    Returns:
        The counts calculator's outputs for these answers, ``invalid_rows``, the change
        in points from the first period to the last (``""`` without two periods) and
        ``trend``, whether that change is larger than the noise.

    Raises:
        ValidationError: (on ``answers``) if no answer from 0 to 10 was found.

    """
    answers = table(inputs, "answers")
    analysis = analyse(inputs)
    if analysis.groups.respondents == 0:
        raise no_answers(answers)
    dated = analysis.period is not None
    if dated and len(analysis.periods) > 1:
        answers.notes.append(
            f"Svarene er delt i {len(analysis.periods)} perioder etter datoen; "
            "se tabellen under resultatene."
        )
    trend_period = analysis.period or "month"
    return {
        **analysis.groups.results(),
        "invalid_rows": float(answers.invalid_count),
        "period_change": analysis.change.points if analysis.change else "",
        "trend": trend_text(analysis.change, trend_period, dated=dated),
    }


def distribution_chart(inputs: Inputs, results: Results) -> str:
    """Draw the answers 0–10 as bars under the three groups' headings."""
    analysis = analyse(inputs)
    parts = (
        ("Ambassadører", "9–10", "positive", (10, 9), "promoters_share"),
        ("Passive", "7–8", "neutral", (8, 7), "passives_share"),
        ("Kritikere", "0–6", "negative", (6, 5, 4, 3, 2, 1, 0), "detractors_share"),
    )
    groups_drawn = [
        (
            f"{name} ({span}): {format_value(results[share], '%')}",
            colour,
            [(str(a), float(analysis.counts.get(a, 0))) for a in answers],
        )
        for name, span, colour, answers, share in parts
    ]
    listed = ", ".join(f"{a}: {analysis.counts.get(a, 0)}" for a in range(11))
    return charts.grouped_bars(
        title="Svarene fra 0 til 10",
        desc=(
            f"Antall svar per svaralternativ: {listed}. "
            + ". ".join(heading for heading, _, _ in groups_drawn)
            + f". NPS er {format_value(results['nps'], 'points')}."
        ),
        groups=groups_drawn,
    )


def survey_table(inputs: Inputs, results: Results) -> Table:
    """NPS per period with each period's answers and margin; without dates, the answers 0–10."""
    analysis = analyse(inputs)
    if analysis.period is None or not analysis.periods:
        return _answers_table(analysis, results)
    period = analysis.period
    shown = list(analysis.periods.items())[-TABLE_PERIODS:]
    raw: list[tuple[float | str | None, ...]] = []
    for index, counted in shown:
        outcome = counted.results()
        raw.append(
            (
                period_name(index, period),
                float(counted.respondents),
                float(outcome["nps"]),
                float(outcome["margin_of_error"]),
                float(outcome["promoters_share"]),
                float(outcome["detractors_share"]),
            )
        )
    caption = (
        "NPS per periode med feilmargin (95 %). Perioder med få svar har stor feilmargin. "
        + str(results["trend"])
    )
    if len(analysis.periods) > TABLE_PERIODS:
        caption = f"De siste {TABLE_PERIODS} periodene. {caption}"
    return Table(
        caption=caption,
        columns=("Periode", "Svar", "NPS", "Feilmargin", "Ambassadører", "Kritikere"),
        rows=tuple(
            (
                str(name),
                format_value(float(n or 0), "count"),
                format_value(float(score or 0), "points"),
                f"±{format_value(float(margin or 0), 'points', 1)}",
                format_value(float(promoters or 0), "%"),
                format_value(float(detractors or 0), "%"),
            )
            for name, n, score, margin, promoters, detractors in raw
        ),
        raw_rows=tuple(raw),
        units=("", "antall", "poeng", "poeng", "%", "%"),
    )


def _answers_table(analysis: Analysis, results: Results) -> Table:
    respondents = float(results["respondents"])
    group_of = dict.fromkeys(DETRACTORS, "kritiker")
    group_of |= dict.fromkeys(PASSIVES, "passiv") | dict.fromkeys(PROMOTERS, "ambassadør")
    raw = tuple(
        (
            float(a),
            group_of[a],
            float(analysis.counts.get(a, 0)),
            analysis.counts.get(a, 0) / respondents * 100,
        )
        for a in range(10, -1, -1)
    )
    return Table(
        caption="Antall svar per svaralternativ, høyeste svar først.",
        columns=("Svar", "Gruppe", "Antall", "Andel"),
        rows=tuple(
            (format_value(a, "count"), g, format_value(n, "count"), format_value(s, "%"))
            for a, g, n, s in raw
        ),
        raw_rows=raw,
        units=("", "", "antall", "%"),
    )


def survey_steps(inputs: Inputs, results: Results) -> tuple[str, ...]:
    """Worked steps: the counts calculator's steps for these answers, then the change."""
    analysis = analyse(inputs)
    counted = analysis.groups
    lines = list(
        nps.nps_steps(
            {
                "promoters": float(counted.promoters),
                "passives": float(counted.passives),
                "detractors": float(counted.detractors),
            },
            results,
        )
    )
    found, period = analysis.change, analysis.period
    if found is not None and period is not None and found.z is not None:
        before, after = analysis.periods[found.first], analysis.periods[found.last]
        first_nps = format_value(before.results()["nps"], "points", 1)
        last_nps = format_value(after.results()["nps"], "points", 1)
        z = format_value(found.z, "ratio", 2).removesuffix("\u00a0:\u00a01")
        span = f"{period_name(found.first, period)} til {period_name(found.last, period)}"
        points = format_value(found.points, "points", 1)
        lines.append(f"Endring fra {span}: {last_nps} − {first_nps} = {points} poeng")
        variance = [format_value(g.variance() * 10000, "count", 1) for g in (before, after)]
        lines.append(
            f"Støy: z = {points} / √({variance[0]} + {variance[1]}) "
            f"= {z}, {'mer' if found.beyond_noise else 'mindre'} enn 1,96 i tallverdi"
        )
    return tuple(lines)


CALCULATOR = Calculator(
    id="nps_survey",
    title="NPS fra svarene i en undersøkelse",
    intro=(
        "Lim inn svarene fra en kundeundersøkelse (0–10) eller velg filen, så regner "
        "kalkulatoren ut NPS med feilmargin. Har svarene en dato, ser du også NPS per periode "
        "og om endringen er større enn støyen."
    ),
    fields=(
        Field(
            name="answers",
            label="Svarene (lim inn fra regnearket)",
            unit="data",
            default=samples.NPS_ANSWERS,
            help=(
                "Merk kolonnene i Excel, Google Sheets eller Numbers og lim dem inn, med "
                "overskriftsraden. Kalkulatoren finner kolonnen med svar fra 0 til 10 og en "
                "eventuell datokolonne selv."
            ),
            columns=(ANSWER, DATE),
        ),
        Field(
            name="period",
            label="NPS per",
            unit="choice",
            default="auto",
            help="Hvor lange perioder svarene deles i når de har en dato.",
            choices=PERIOD_CHOICES,
        ),
    ),
    outputs=(
        *nps.CALCULATOR.outputs,
        Output(
            name="invalid_rows",
            label="Linjer som ikke kunne leses",
            unit="count",
            help="Linjer med et svar som ikke er et helt tall fra 0 til 10, eller en ugyldig dato.",
        ),
        Output(
            name="period_change",
            label="Endring fra første til siste periode",
            unit="points",
            help="NPS i siste periode minus NPS i første. Se om den er større enn støyen.",
            may_be_empty=True,
        ),
        Output(
            name="trend",
            label="Er endringen større enn støyen?",
            unit="text",
            help=(
                "Endringen regnes som større enn støyen når z er over 1,96 i tallverdi, det "
                "vil si at den neppe skyldes tilfeldigheter i hvem som svarte."
            ),
        ),
    ),
    formulas=(
        *nps.CALCULATOR.formulas,
        (
            r"z = \frac{\text{NPS}_{2} - \text{NPS}_{1}}{\sqrt{\text{Var}_{1} + \text{Var}_{2}}},"
            r"\quad \text{Var} = \frac{p + d - (p - d)^{2}}{n}"
        ),
    ),
    method=(
        "Svarene 9 og 10 er ambassadører, 7 og 8 passive og 0–6 kritikere. *p* og *d* er "
        "andelene ambassadører og kritikere og *n* antall svar; NPS og feilmarginen regnes "
        "som i NPS-kalkulatoren. Har tabellen en datokolonne, deles svarene i perioder: "
        "måneder, kvartaler eller år, etter ditt valg eller slik at hver periode får minst 30 "
        "svar i snitt. Endringen fra første til siste periode sammenlignes med støyen: *z* er "
        "forskjellen i NPS (regnet fra −1 til 1) delt på roten av summen av de to "
        "variansene, og er *z* større enn 1,96 i tallverdi, er endringen større enn det "
        "tilfeldigheter i hvem som svarte, kan forklare (95 %).\n\n"
        "Tomme svarceller teller ikke. Linjer som ikke kan leses, telles og listes med "
        "linjenummer, og de er ikke med i resultatet."
    ),
    sources=(sources.REICHHELD_2003, sources.NORMAL_APPROXIMATION, sources.TWO_SAMPLE_Z),
    caveats=(
        sources.SMALL_SAMPLE,
        sources.OWN_DATA,
        (
            "Sammenligner du mange perioder, vil noen forskjeller se store ut av ren tilfeldighet. "
            "Se etter en utvikling over flere perioder, ikke bare første mot siste."
        ),
    ),
    formula=nps_survey,
    chart=distribution_chart,
    table=survey_table,
    steps=survey_steps,
)
