"""Kundens livstidsverdi (CLV): today's value of the margins a customer will bring."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from calculators import charts, sources
from calculators.errors import ValidationError
from calculators.numbers import (
    NBSP,
    format_compact,
    format_given,
    format_share,
    format_value,
    superscript,
)
from calculators.spec import Calculator, Field, Mistake, Output, Table
from calculators.validation import number

if TYPE_CHECKING:
    from calculators.spec import Inputs, Results

MAX_KR = 1e12
MAX_HORIZON_PERIODS = 1000
TABLE_ROWS_UNLIMITED = 10
TABLE_ROWS_MAX = 60
CHART_PERIODS_MAX = 100
# Chart labels write larger values briefly ("2,5 mrd. kr") so they fit a phone.
CHART_EXACT_BELOW = 1e9
# Below this, 1 + d − r is zero in all but name: the value would be astronomically large.
SMALLEST_DENOMINATOR = 1e-9
DIVERGES = (
    "Med så høy kundebevaring og 0 % diskonteringsrente blir verdien uendelig stor. "
    "Sett en tidshorisont (antall perioder) eller en diskonteringsrente over 0 %."
)


def lifetime_factor(
    retention_share: float, discount_share: float, timing: str, horizon: float | None
) -> float:
    """How many periods' margin one customer is worth today (CLV divided by the margin).

    Args:
        retention_share: r, 0–1.
        discount_share: d, 0–1.
        timing: ``"end"`` if the margin comes at the end of each period, else ``"start"``.
        horizon: Number of periods T, or ``None`` for no horizon.

    Returns:
        r / (1 + d − r) (end) or (1 + d) / (1 + d − r) (start) without a horizon; the
        finite sum of survival times discount factor with one.

    Raises:
        ValidationError: (on ``horizon_periods``) if the sum has no finite limit.

    """
    if horizon is not None:
        return sum(
            share
            for _, share, _ in period_factors(retention_share, discount_share, timing, horizon)
        )
    denominator = (1 - retention_share) + discount_share
    if denominator < SMALLEST_DENOMINATOR:
        raise ValidationError({"horizon_periods": DIVERGES})
    numerator = retention_share if timing == "end" else 1 + discount_share
    return numerator / denominator


def period_factors(
    retention_share: float, discount_share: float, timing: str, count: float
) -> list[tuple[int, float, float]]:
    """Per period t = 1 … count: (t, survival × discount factor, survival share).

    With the margin at the end of period t the customer must survive t renewals and the
    money is discounted t periods; at the start it is t − 1 of each.
    """
    ratio = retention_share / (1 + discount_share)
    shift = 0 if timing == "end" else 1
    return [
        (t, ratio ** (t - shift), retention_share ** (t - shift)) for t in range(1, int(count) + 1)
    ]


def customer_lifetime_value(inputs: Inputs) -> Results:
    """Compute CLV, the margin multiple and the expected lifetime.

    Args:
        inputs: ``margin_per_period`` (kr), ``retention_rate`` and ``discount_rate`` (%),
            ``margin_timing`` (``"end"``/``"start"``), ``horizon_periods`` (or ``None``).

    Returns:
        ``clv`` (kr), ``margin_multiple`` (CLV / margin) and ``expected_lifetime`` (periods,
        ``math.inf`` at 100 % retention).

    Raises:
        ValidationError: at 100 % retention, 0 % discount rate and no horizon.

    """
    retention = number(inputs, "retention_rate") / 100
    factor = lifetime_factor(
        retention,
        number(inputs, "discount_rate") / 100,
        str(inputs["margin_timing"]),
        None if inputs["horizon_periods"] is None else number(inputs, "horizon_periods"),
    )
    return {
        "clv": number(inputs, "margin_per_period") * factor,
        "margin_multiple": factor,
        "expected_lifetime": math.inf if retention == 1 else 1 / (1 - retention),
    }


def whole_number_rates(inputs: Inputs, results: Results) -> float | None:
    """Return the CLV one gets with the rates as whole numbers: 80 instead of 0,80.

    Only for the closed formula (no horizon, margin at the end of the period), which is the
    one students compute by hand; ``None`` otherwise or where it is not defined.
    """
    del results
    if inputs["horizon_periods"] is not None or inputs["margin_timing"] != "end":
        return None
    retention, discount = number(inputs, "retention_rate"), number(inputs, "discount_rate")
    denominator = 1 + discount - retention
    if denominator == 0:
        return None
    return number(inputs, "margin_per_period") * retention / denominator


WHOLE_NUMBER_RATES = Mistake(
    output="clv",
    hint=(
        "Det ser ut som du har satt inn prosentene som hele tall (80 i stedet for 0,80). "
        "Gjør om kundebevaringen og renten til desimaltall før du setter dem inn i formelen."
    ),
    wrong_answer=whole_number_rates,
)


def _power(base: str, exponent: int | str) -> str:
    """Write ``base`` raised to ``exponent`` with superscript digits (``0,80²⁴``)."""
    return f"{base}{superscript(str(exponent))}"


def value_steps(inputs: Inputs, results: Results) -> tuple[str, ...]:
    """Worked steps: the CLV formula for the chosen timing and horizon, then the lifetime."""
    margin = format_given(number(inputs, "margin_per_period"), "kr")
    retention_pct, discount_pct = number(inputs, "retention_rate"), number(inputs, "discount_rate")
    r, d = format_share(retention_pct), format_share(discount_pct)
    clv = format_value(results["clv"], "kr")
    multiple = format_value(results["margin_multiple"], "ratio", 2)
    end = inputs["margin_timing"] == "end"
    if inputs["horizon_periods"] is None:
        numerator = r if end else f"(1 + {d})"
        lines = [
            f"CLV: {margin} · {numerator} / (1 + {d} − {r}) = {clv}",
            f"Antall perioders dekningsbidrag: {numerator} / (1 + {d} − {r}) = {multiple}",
        ]
    else:
        horizon = int(number(inputs, "horizon_periods"))
        growth = format_share(discount_pct, plus_one=True)
        shift = 0 if end else 1
        factors = period_factors(
            retention_pct / 100, discount_pct / 100, str(inputs["margin_timing"]), horizon
        )
        first, last = 1 - shift, horizon - shift
        span = f"t = {first}" if first == last else f"t = {first} … {last}"
        lines = [
            f"CLV: summen for {span} av {margin} · {_power(r, 't')} / {_power(growth, 't')} = {clv}"
        ]
        lines.extend(
            f"Periode {period}: {margin} · {_power(r, period - shift)} / "
            f"{_power(growth, period - shift)} = "
            f"{format_value(number(inputs, 'margin_per_period') * factor, 'kr')}"
            for period, factor, _ in (factors[0], factors[-1])[: min(horizon, 2)]
        )
        lines.append(
            f"Antall perioders dekningsbidrag: summen av {_power(r, 't')} / "
            f"{_power(growth, 't')} = {multiple}"
        )
    if results["expected_lifetime"] == math.inf:
        lines.append(
            f"Forventet levetid: ingen slutter (100{NBSP}% kundebevaring), så levetiden er "
            "ubegrenset"
        )
    else:
        lines.append(
            f"Forventet levetid: 1 / (1 − {r}) = "
            f"{format_value(results['expected_lifetime'], 'periods')}"
        )
    return tuple(lines)


def _cumulative(inputs: Inputs, count: int) -> list[tuple[int, float, float, float]]:
    """Rows (t, survival share, discounted margin, cumulative value) for t = 1 … count."""
    margin = number(inputs, "margin_per_period")
    rows, total = [], 0.0
    for period, factor, survival in period_factors(
        number(inputs, "retention_rate") / 100,
        number(inputs, "discount_rate") / 100,
        str(inputs["margin_timing"]),
        count,
    ):
        total += margin * factor
        rows.append((period, survival, margin * factor, total))
    return rows


def value_table(inputs: Inputs, results: Results) -> Table:
    """Per-period table: survival share, discounted margin and cumulative value."""
    horizon = inputs["horizon_periods"]
    clv = format_value(results["clv"], "kr")
    if horizon is None:
        count = TABLE_ROWS_UNLIMITED
        caption = (
            f"De første {count} periodene. Uten tidshorisont fortsetter summen å vokse mot "
            f"livstidsverdien {clv}."
        )
    else:
        count = min(int(number(inputs, "horizon_periods")), TABLE_ROWS_MAX)
        caption = f"Alle {count} periodene. Summen er livstidsverdien {clv}."
        if count < number(inputs, "horizon_periods"):
            horizon_text = format_value(number(inputs, "horizon_periods"), "count")
            caption = f"De første {count} av {horizon_text} periodene."
    return Table(
        caption=caption,
        columns=("Periode", "Andel kunder igjen", "Diskontert dekningsbidrag", "Akkumulert verdi"),
        rows=tuple(
            (str(t), format_value(s * 100, "%"), format_value(m, "kr"), format_value(c, "kr"))
            for t, s, m, c in _cumulative(inputs, count)
        ),
    )


def value_chart(inputs: Inputs, results: Results) -> str:
    """Draw the cumulative value curve, with the limit as a dashed line when there is no horizon."""
    clv = float(results["clv"])
    if inputs["horizon_periods"] is None:
        rows = _cumulative(inputs, CHART_PERIODS_MAX)
        close = next((r[0] for r in rows if abs(clv - r[3]) <= abs(clv) / 100), CHART_PERIODS_MAX)
        rows = rows[: max(close, TABLE_ROWS_UNLIMITED)]
        limit = (
            format_value(clv, "kr") if abs(clv) < CHART_EXACT_BELOW else format_compact(clv, "kr")
        )
        reference = (clv, f"Livstidsverdi {limit}")
    else:
        rows = _cumulative(inputs, int(number(inputs, "horizon_periods")))
        reference = None
    values = [0.0, *(r[3] for r in rows)]
    shown = sorted({p for p in (1, 5, 10, len(rows)) if p <= len(rows)})
    steps = ", ".join(
        f"etter {p} {'periode' if p == 1 else 'perioder'} {format_value(values[p], 'kr')}"
        for p in shown
    )
    return charts.line_chart(
        title="Akkumulert livstidsverdi per periode",
        desc=(
            f"Summen av diskontert dekningsbidrag: {steps}. "
            f"Livstidsverdien er {format_value(clv, 'kr')}."
        ),
        values=values,
        x_label="Periode",
        tick_text=lambda value: format_compact(value, "kr"),
        reference=reference,
    )


CALCULATOR = Calculator(
    id="customer_lifetime_value",
    title="Kundens livstidsverdi (CLV)",
    intro=(
        "Hva er en kunde verdt i dag, når du regner med alt dekningsbidraget kunden gir så lenge "
        "kunden blir? Kalkulatoren tar hensyn til at noen kunder slutter og at kroner i "
        "framtiden er mindre verdt enn kroner i dag."
    ),
    fields=(
        Field(
            name="margin_per_period",
            label="Dekningsbidrag per kunde per periode",
            unit="kr",
            default=1000,
            help="Inntekt minus variable kostnader for én kunde i én periode. Kan være negativt.",
            minimum=-MAX_KR,
            maximum=MAX_KR,
        ),
        Field(
            name="retention_rate",
            label="Kundebevaring per periode",
            unit="%",
            default=80,
            help="Andelen kunder som blir med videre fra én periode til den neste.",
            minimum=0,
            maximum=100,
        ),
        Field(
            name="discount_rate",
            label="Diskonteringsrente per periode",
            unit="%",
            default=10,
            help=(
                "Avkastningen du krever på pengene; brukes til å regne framtidige kroner om "
                "til nåverdi."
            ),
            minimum=0,
            maximum=100,
        ),
        Field(
            name="margin_timing",
            label="Når kommer dekningsbidraget?",
            unit="choice",
            default="end",
            help="Velg starten hvis kunden betaler på forskudd, for eksempel et abonnement.",
            choices=(("end", "slutten av perioden"), ("start", "starten av perioden")),
        ),
        Field(
            name="horizon_periods",
            label="Tidshorisont (antall perioder)",
            unit="count",
            default=None,
            help="La feltet stå tomt for å regne uten tidshorisont.",
            minimum=1,
            maximum=MAX_HORIZON_PERIODS,
            integer=True,
            optional=True,
        ),
    ),
    outputs=(
        Output(
            name="clv",
            label="Kundens livstidsverdi",
            unit="kr",
            help=(
                "Nåverdien av alt dekningsbidraget én kunde gir. Det er omtrent det du kan "
                "bruke på å skaffe eller beholde en slik kunde uten å tape penger."
            ),
        ),
        Output(
            name="margin_multiple",
            label="Livstidsverdi i antall perioders dekningsbidrag",
            unit="ratio",
            decimals=2,
            help=(
                "Livstidsverdien delt på dekningsbidraget per periode: 2,67 : 1 betyr at kunden "
                "i dag er verdt 2,67 perioders dekningsbidrag."
            ),
        ),
        Output(
            name="expected_lifetime",
            label="Forventet kundelevetid",
            unit="periods",
            help=(
                "Én delt på kundefrafallet: hvor mange perioder en kunde blir i snitt. "
                "Tidshorisonten endrer ikke dette tallet."
            ),
            infinite_text="ubegrenset",
        ),
    ),
    formulas=(
        r"\text{CLV}_{\text{slutt}} = \frac{m \cdot r}{1 + d - r}",
        r"\text{CLV}_{\text{start}} = \frac{m \cdot (1 + d)}{1 + d - r}",
        r"\text{CLV}_{T} = \sum_{t=1}^{T} \frac{m \cdot r^{t}}{(1 + d)^{t}}",
        r"\text{CLV}_{T,\text{start}} = \sum_{t=0}^{T-1} \frac{m \cdot r^{t}}{(1 + d)^{t}}",
    ),
    method=(
        "*m* er dekningsbidraget per periode, *r* kundebevaringen og *d* diskonteringsrenten, "
        "begge som andeler (80 % = 0,8). En kunde som fortsatt er med etter *t* perioder, gir "
        "*m*, men bare en andel *rᵗ* av kundene er igjen, og hver krone diskonteres med "
        "*(1 + d)ᵗ*. Uten tidshorisont summeres rekken til uendelig, og summen har de lukkede "
        "formene over (Gupta og Lehmann 2003). Med tidshorisont *T* summeres bare de *T* "
        "første periodene.\n\n"
        "Med 1 000 kr, 80 % og 10 % blir livstidsverdien 2 666,67 kr når bidraget kommer ved "
        "slutten av perioden, og 3 666,67 kr når det kommer ved starten."
    ),
    sources=(sources.GUPTA_LEHMANN_2003, sources.GUPTA_LEHMANN_STUART_2004),
    caveats=(
        sources.SAME_PERIOD,
        "Modellen antar samme dekningsbidrag, kundebevaring og rente i alle perioder.",
        (
            "Er dekningsbidraget negativt, taper du penger på kunden hver periode, og "
            "livstidsverdien blir negativ: jo bedre kundebevaringen er, desto større blir tapet. "
            "Da hjelper det ikke å beholde kunden lenger; se på pris og kostnader først."
        ),
        (
            "Med 100 % kundebevaring og 0 % rente vokser verdien uten grense. Sett da en "
            "tidshorisont eller en diskonteringsrente."
        ),
    ),
    formula=customer_lifetime_value,
    table=value_table,
    chart=value_chart,
    steps=value_steps,
    mistakes=(WHOLE_NUMBER_RATES,),
)
