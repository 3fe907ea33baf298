"""Kundebevaring fra en kundeliste: retention per period, cohorts and the retention curve.

The counting is in :mod:`calculators.cohorts`; this module is the calculator: its fields,
outputs, table, chart and worked steps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from calculators import charts, samples, sources
from calculators.cohorts import (
    TABLE_COHORTS,
    TABLE_STEPS,
    Cohorts,
    analyse,
    cohort_retention,
    first_days,
)
from calculators.dates import PERIOD_WORDS, norwegian, period_name
from calculators.numbers import NBSP, format_share, format_value
from calculators.spec import Calculator, Column, Field, Output, Table

if TYPE_CHECKING:
    from calculators.spec import Inputs, Results

CUSTOMER = Column(
    role="id",
    label="Kunde",
    names=(
        "kunde",
        "kundenr",
        "kundenummer",
        "kunde id",
        "kundeid",
        "id",
        "customer",
        "customer id",
        "account",
        "navn",
        "name",
    ),
    kind="text",
    optional=True,
    guess=False,
)
START = Column(
    role="start",
    label="Startdato",
    names=(
        "start",
        "startdato",
        "startet",
        "kunde siden",
        "kunde fra",
        "fra",
        "fra dato",
        "opprettet",
        "registrert",
        "innmeldt",
        "start date",
        "started",
        "signup",
        "signed up",
        "created",
        "since",
    ),
    kind="date",
    if_blank="list",
)
END = Column(
    role="end",
    label="Sluttdato",
    names=(
        "slutt",
        "sluttdato",
        "sluttet",
        "avsluttet",
        "oppsagt",
        "utmeldt",
        "til",
        "til dato",
        "end",
        "end date",
        "ended",
        "churned",
        "churn date",
        "cancelled",
        "canceled",
    ),
    kind="date",
    optional=True,
)


def _plural(cohorts: Cohorts) -> str:
    return PERIOD_WORDS[cohorts.period][1]


def cohort_table(inputs: Inputs, results: Results) -> Table:
    """Each cohort (start period) and the share of it still customers after 1, 2, … periods."""
    del results
    cohorts = analyse(inputs)
    shown = sorted(cohorts.sizes)[-TABLE_COHORTS:]
    steps = min(TABLE_STEPS, max((cohorts.last - c for c in shown), default=0))
    raw: list[tuple[float | str | None, ...]] = []
    for cohort in shown:
        size = cohorts.sizes[cohort]
        shares: list[float | None] = [
            cohorts.still_there(cohort, k) / size * 100 if cohort + k <= cohorts.last else None
            for k in range(1, steps + 1)
        ]
        raw.append((period_name(cohort, cohorts.period), float(size), *shares))
    rows = tuple(
        (
            str(row[0]),
            format_value(float(row[1] or 0), "count"),
            *("–" if share is None else format_value(float(share), "%", 0) for share in row[2:]),
        )
        for row in raw
    )
    caption = (
        f"Andelen av kundene som startet i hver periode, som fortsatt var kunder på første dag "
        f"1, 2, … {_plural(cohorts)} senere. «–»: den dagen var ikke kommet "
        f"{norwegian_as_of(cohorts)}."
    )
    if len(cohorts.sizes) > TABLE_COHORTS:
        caption = f"De siste {TABLE_COHORTS} startperiodene. {caption}"
    return Table(
        caption=caption,
        columns=("Startperiode", "Kunder", *(f"Etter {k}" for k in range(1, steps + 1))),
        rows=rows,
        raw_rows=tuple(raw),
        units=("", "antall", *("%" for _ in range(steps))),
    )


def norwegian_as_of(cohorts: Cohorts) -> str:
    """``per 22.09.2025``."""
    return f"per {norwegian(cohorts.as_of)}"


def retention_chart(inputs: Inputs, results: Results) -> str:
    """Draw the retention curve: the share still customers 0, 1, 2, … periods after start."""
    cohorts = analyse(inputs)
    curve = cohorts.curve()
    shown = sorted({k for k in (1, 2, 4, 8, len(curve) - 1) if 0 < k < len(curve)})
    words = PERIOD_WORDS[cohorts.period]
    steps = ", ".join(
        f"etter {k} {words[0] if k == 1 else words[1]} {format_value(curve[k], '%', 0)}"
        for k in shown
    )
    rate = format_value(results["retention_rate"], "%")
    return charts.line_chart(
        title="Andel kunder igjen etter start",
        desc=(
            f"Andel av kundene som fortsatt var kunder: {steps or 'ingen hele perioder ennå'}. "
            f"Kundebevaringen per {words[0]} er {rate}."
        ),
        values=curve,
        x_label=f"{words[1].capitalize()} etter start",
        tick_text=lambda value: format_value(value, "%", 0),
    )


def cohort_steps(inputs: Inputs, results: Results) -> tuple[str, ...]:
    """Worked steps: the pooled rate from the sums, churn, lifetime, the periods and one example."""
    cohorts = analyse(inputs)
    kept = format_value(results["customers_kept"], "count")
    counted = format_value(results["customers_counted"], "count")
    rate = format_value(results["retention_rate"], "%")
    churn = format_value(results["churn_rate"], "%")
    words = PERIOD_WORDS[cohorts.period]
    first, last = min(cohorts.starting), max(cohorts.starting)
    lines = [
        f"Kundebevaring: {kept} / {counted} = {rate}",
        f"Kundefrafall: 100{NBSP}% − {rate} = {churn}",
    ]
    if results["expected_lifetime"] == float("inf"):
        lines.append("Forventet levetid: ingen sluttet, så levetiden er ubegrenset")
    else:
        lines.append(
            f"Forventet levetid: 1 / {format_share(float(results['churn_rate']), most_decimals=4)}"
            f" = {format_value(results['expected_lifetime'], 'count', 1)}{NBSP}{words[1]}"
        )
    count = len(cohorts.starting)
    counted = f"{count}{NBSP}{words[0] if count == 1 else words[1]}"
    lines.append(
        f"Perioder regnet med: {period_name(first, cohorts.period)} til "
        f"{period_name(last, cohorts.period)}, {counted}, {norwegian_as_of(cohorts)}"
    )
    started, stayed = cohorts.starting[last], cohorts.staying[last]
    on, next_on = first_days(cohorts, last)
    lines.append(
        f"Siste periode, {period_name(last, cohorts.period)}: {format_value(started, 'count')} "
        f"kunder {on}, og {format_value(stayed, 'count')} av dem var fortsatt kunder {next_on}"
    )
    return tuple(lines)


def _count_output(name: str, label: str, help_text: str) -> Output:
    return Output(name=name, label=label, unit="count", help=help_text)


CALCULATOR = Calculator(
    id="cohort_retention",
    title="Kundebevaring fra kundelisten",
    intro=(
        "Lim inn kundelisten fra CRM-systemet, med startdato og eventuell sluttdato for hver "
        "kunde, så regner kalkulatoren ut kundebevaringen per periode og viser hvor mange av "
        "kundene fra hver startperiode som fortsatt er kunder."
    ),
    fields=(
        Field(
            name="customers",
            label="Kundelisten (lim inn fra regnearket)",
            unit="data",
            default=samples.CUSTOMERS,
            help=(
                "Én rad per kunde med startdato og sluttdato; la sluttdatoen stå tom for kunder "
                "som fortsatt er kunder. Datoer som 31.12.2025 eller 2025-12-31."
            ),
            columns=(CUSTOMER, START, END),
        ),
        Field(
            name="period",
            label="Periode",
            unit="choice",
            default="quarter",
            help="Kundebevaringen regnes per måned, kvartal eller år.",
            choices=(("month", "måned"), ("quarter", "kvartal"), ("year", "år")),
        ),
        Field(
            name="as_of",
            label="Per dato",
            unit="date",
            default=None,
            optional=True,
            help="Regn bare med perioder som er over per denne datoen. Tomt: siste dato i listen.",
        ),
    ),
    outputs=(
        Output(
            name="retention_rate",
            label="Kundebevaring per periode",
            unit="%",
            help=(
                "Av kundene på den første dagen i en periode: andelen som fortsatt var kunder "
                "på den første dagen i neste periode, regnet over alle hele periodene."
            ),
        ),
        Output(
            name="churn_rate",
            label="Kundefrafall per periode",
            unit="%",
            help="100 % minus kundebevaringen.",
        ),
        Output(
            name="expected_lifetime",
            label="Forventet kundelevetid",
            unit="periods",
            infinite_text="ubegrenset",
            help="Én delt på kundefrafallet: hvor mange perioder en kunde blir i snitt.",
        ),
        _count_output(
            "customers", "Kunder i listen", "Kunder med gyldige datoer som startet før per-datoen."
        ),
        _count_output(
            "invalid_rows",
            "Linjer som ikke kunne leses",
            "Linjer med en dato som ikke finnes, uten startdato, eller med slutt før start.",
        ),
        _count_output(
            "customers_counted",
            "Kunder ved periodestart, summert",
            "Summen av antall kunder på den første dagen i hver periode som er regnet med.",
        ),
        _count_output(
            "customers_kept",
            "Av dem fortsatt kunder neste periode",
            "Summen av dem som fortsatt var kunder på den første dagen i perioden etter.",
        ),
        _count_output(
            "periods_counted", "Perioder regnet med", "Hele perioder der neste periode har begynt."
        ),
        Output(
            name="as_of_used",
            label="Regnet per dato",
            unit="text",
            help="Datoen regnestykket gjelder; uten valgt dato den siste datoen i listen.",
        ),
    ),
    formulas=(
        r"\text{kundebevaring} = \frac{\sum_{p} R_{p}}{\sum_{p} S_{p}} \cdot 100",
        r"\text{levetid} = \frac{1}{1 - \text{kundebevaring}/100}",
    ),
    method=(
        "En kunde regnes som kunde på en dag når startdatoen er samme dag eller tidligere og "
        "sluttdatoen er senere eller mangler. For hver hele periode *p* (måned, kvartal eller "
        "år) der neste periode har begynt innen per-datoen, er *Sₚ* antall kunder på "
        "periodens første dag og *Rₚ* hvor mange av dem som fortsatt var kunder på første dag "
        "i neste periode. Kundebevaringen er summen av alle *Rₚ* delt på summen av alle *Sₚ*, "
        "altså et snitt veid med hvor mange kunder det var i hver periode.\n\n"
        "En kohort er kundene som startet i samme periode. Tabellen viser hvor stor andel av "
        "hver kohort som fortsatt var kunder på første dag 1, 2, 3 … perioder senere, og "
        "kurven viser det samme for alle kohortene sammen. Linjer med en dato som ikke "
        "finnes, uten startdato eller med sluttdato før startdato, telles og listes med "
        "linjenummer og er ikke med i resultatet."
    ),
    sources=(sources.FADER_HARDIE_2007, sources.GUPTA_LEHMANN_2003),
    caveats=(
        sources.FADER_HARDIE_HETEROGENEITY,
        (
            "En kunde som kommer tilbake etter å ha sluttet, står som to linjer og telles som "
            "to kundeforhold."
        ),
        sources.OWN_DATA,
    ),
    formula=cohort_retention,
    chart=retention_chart,
    table=cohort_table,
    steps=cohort_steps,
)
