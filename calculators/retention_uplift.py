"""Hva er bedre kundebevaring verdt? Customer equity before and after a retention uplift."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING

from calculators import sources
from calculators.customer_lifetime_value import lifetime_factor
from calculators.errors import ValidationError
from calculators.numbers import format_given, format_share, format_value
from calculators.spec import Calculator, Field, Output
from calculators.validation import number

if TYPE_CHECKING:
    from calculators.spec import Inputs, Results

MAX_CUSTOMERS = 1e9
MAX_KR = 1e12
# r + increase may land a hair above 100 through float addition (70,1 + 29,9).
ROUNDING_SLACK = 1e-9


def retention_uplift(inputs: Inputs) -> Results:
    """Compute CLV and customer equity before and after the retention increase.

    CLV uses the margin at the end of each period and no horizon: m · r / (1 + d − r).

    Args:
        inputs: ``customers``, ``margin_per_period`` (kr), ``retention_rate`` (%),
            ``retention_increase`` (percentage points) and ``discount_rate`` (%).

    Returns:
        ``clv_before``, ``clv_after``, ``equity_before``, ``equity_after`` and
        ``equity_increase`` (kr), and ``equity_increase_pct`` (% of the equity before;
        ``math.inf`` if the equity before is 0 and the increase is positive).

    Raises:
        ValidationError: if the retention rate plus the increase exceeds 100 %, or reaches
            100 % with a 0 % discount rate (the value would be unlimited).

    """
    retention = number(inputs, "retention_rate")
    increase = number(inputs, "retention_increase")
    if retention + increase > 100 + ROUNDING_SLACK:
        room = format_value(100 - retention, "pp")
        raise ValidationError(
            {
                "retention_increase": (
                    "Kundebevaringen pluss økningen kan ikke bli mer enn 100 %. "
                    f"Med kundebevaringen du har skrevet, kan økningen være høyst {room}."
                )
            }
        )
    discount = number(inputs, "discount_rate") / 100
    try:
        before = lifetime_factor(retention / 100, discount, "end", None)
        after = lifetime_factor(min(retention + increase, 100) / 100, discount, "end", None)
    except ValidationError:
        raise ValidationError(
            {
                "discount_rate": (
                    "Med 100 % kundebevaring (eller nesten) og 0 % diskonteringsrente blir "
                    "kundeverdien uendelig stor. Sett en diskonteringsrente over 0 % eller "
                    "en lavere kundebevaring."
                )
            }
        ) from None
    margin = number(inputs, "margin_per_period")
    customers = number(inputs, "customers")
    equity_before = customers * margin * before
    equity_after = customers * margin * after
    gain = equity_after - equity_before
    gain_pct = gain / equity_before * 100 if equity_before > 0 else math.inf if gain > 0 else 0.0
    return {
        "clv_before": margin * before,
        "clv_after": margin * after,
        "equity_before": equity_before,
        "equity_after": equity_after,
        "equity_increase": gain,
        "equity_increase_pct": gain_pct,
    }


def uplift_steps(inputs: Inputs, results: Results) -> tuple[str, ...]:
    """Worked steps: CLV before and after, customer equity, and the increase."""
    margin = format_given(number(inputs, "margin_per_period"), "kr")
    customers = format_value(number(inputs, "customers"), "count")
    d = format_share(number(inputs, "discount_rate"))
    retention = number(inputs, "retention_rate")
    increased = Decimal(repr(retention)) + Decimal(repr(number(inputs, "retention_increase")))
    after = float(min(increased, Decimal(100)))
    kr = {
        name: format_value(results[name], "kr") for name in results if name != "equity_increase_pct"
    }
    lines = [
        f"CLV {when}: {margin} · {r} / (1 + {d} − {r}) = {kr[f'clv_{key}']}"
        for when, key, r in (
            ("før", "before", format_share(retention)),
            ("etter", "after", format_share(after)),
        )
    ]
    lines += [
        f"Kundekapital før: {customers} · {kr['clv_before']} = {kr['equity_before']}",
        f"Kundekapital etter: {customers} · {kr['clv_after']} = {kr['equity_after']}",
        f"Økning: {kr['equity_after']} − {kr['equity_before']} = {kr['equity_increase']}",
    ]
    pct = format_value(results["equity_increase_pct"], "%")
    if results["equity_before"] != 0:
        lines.append(
            f"Økning i prosent: {kr['equity_increase']} / {kr['equity_before']} · 100 = {pct}"
        )
    elif results["equity_increase_pct"] == math.inf:
        lines.append(
            f"Økning i prosent: kundekapitalen før er {kr['equity_before']}, så økningen er "
            "ubegrenset"
        )
    else:
        lines.append(
            f"Økning i prosent: kundekapitalen er {kr['equity_before']} både før og etter: {pct}"
        )
    return tuple(lines)


CALCULATOR = Calculator(
    id="retention_uplift",
    title="Hva er bedre kundebevaring verdt?",
    intro=(
        "Hvor mye mer er kundemassen din verdt hvis du beholder noen flere kunder hver "
        "periode? Kalkulatoren sammenligner kundens livstidsverdi og kundekapitalen før og "
        "etter en økning i kundebevaringen."
    ),
    fields=(
        Field(
            name="customers",
            label="Antall kunder",
            unit="count",
            default=1000,
            help="Kundene du har i dag.",
            minimum=1,
            maximum=MAX_CUSTOMERS,
            integer=True,
        ),
        Field(
            name="margin_per_period",
            label="Dekningsbidrag per kunde per periode",
            unit="kr",
            default=2000,
            help="Inntekt minus variable kostnader for én kunde i én periode.",
            minimum=0,
            maximum=MAX_KR,
        ),
        Field(
            name="retention_rate",
            label="Kundebevaring i dag",
            unit="%",
            default=75,
            help="Andelen kunder som blir med fra én periode til den neste.",
            minimum=0,
            maximum=100,
        ),
        Field(
            name="retention_increase",
            label="Økning i kundebevaringen",
            unit="pp",
            default=5,
            help="Prosentpoeng du tror tiltaket løfter kundebevaringen med (75 % → 80 % er 5).",
            minimum=0,
            maximum=100,
        ),
        Field(
            name="discount_rate",
            label="Diskonteringsrente per periode",
            unit="%",
            default=8,
            help="Avkastningen du krever på pengene.",
            minimum=0,
            maximum=100,
        ),
    ),
    outputs=(
        Output(
            name="clv_before",
            label="Livstidsverdi før",
            unit="kr",
            help="Kundens livstidsverdi med dagens kundebevaring.",
        ),
        Output(
            name="clv_after",
            label="Livstidsverdi etter",
            unit="kr",
            help="Kundens livstidsverdi med den høyere kundebevaringen.",
        ),
        Output(
            name="equity_before",
            label="Kundekapital før",
            unit="kr",
            help="Livstidsverdien ganger antall kunder: hva kundemassen er verdt i dag.",
        ),
        Output(
            name="equity_after",
            label="Kundekapital etter",
            unit="kr",
            help="Kundekapitalen med den høyere kundebevaringen.",
        ),
        Output(
            name="equity_increase",
            label="Økning i kundekapital",
            unit="kr",
            help="Hvor mye mer kundemassen er verdt. Et tiltak som koster mindre, lønner seg.",
        ),
        Output(
            name="equity_increase_pct",
            label="Økning i kundekapital i prosent",
            unit="%",
            help=(
                "Økningen i prosent av kundekapitalen før. «Ubegrenset» betyr at kundemassen "
                "var verdt 0 kr før (0 % kundebevaring)."
            ),
            infinite_text="ubegrenset",
        ),
    ),
    formulas=(
        r"\text{CLV} = \frac{m \cdot r}{1 + d - r}",
        r"\text{kundekapital} = K \cdot \text{CLV}",
        r"\text{økning} = K \cdot (\text{CLV}_{\text{etter}} - \text{CLV}_{\text{før}})",
    ),
    method=(
        "Livstidsverdien regnes med dekningsbidraget *m* ved slutten av hver periode og uten "
        "tidshorisont, én gang med dagens kundebevaring *r* og én gang med *r* pluss økningen. "
        "Kundekapitalen er livstidsverdien ganger antall kunder *K*. Fordi *r* står både i "
        "telleren og nevneren, gir hvert prosentpoeng mer bevaring mer jo høyere bevaringen "
        "er fra før."
    ),
    sources=(
        sources.GUPTA_LEHMANN_2003,
        sources.GUPTA_LEHMANN_STUART_2004,
        sources.REICHHELD_SASSER_1990,
        sources.GALLO_2014,
    ),
    caveats=(
        sources.SAME_PERIOD,
        (
            "Tallene viser verdien av kundene du har i dag, ikke av nye kunder. Hvor mye "
            "tiltaket faktisk løfter kundebevaringen, må du anslå selv."
        ),
        (
            "Reichheld og Sasser (1990) beregnet at 5 prosentpoeng lavere kundefrafall kunne "
            "gi mye høyere overskudd, med store forskjeller mellom bransjer. Tallene er regnet "
            "ut fra tenkte eksempler, ikke målt, og gjelder ikke automatisk for din bedrift."
        ),
    ),
    formula=retention_uplift,
    steps=uplift_steps,
)
