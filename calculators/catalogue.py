"""The catalogue: every calculator by id, in the order of DESIGN.md's table.

The analyses of the reader's own data (a table pasted or picked) come last.

Adding a calculator means writing its module and adding one line here.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

from calculators import (
    acquisition_vs_retention,
    cac_payback,
    cohort_retention,
    csat,
    csat_survey,
    customer_lifetime_value,
    nps,
    nps_survey,
    relationship_flower,
    relationship_focus,
    relationship_importance,
    relationship_survey,
    retention_rate,
    retention_uplift,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from calculators.spec import Calculator

CATALOGUE: Mapping[str, Calculator] = MappingProxyType(
    {
        module.CALCULATOR.id: module.CALCULATOR
        for module in (
            retention_rate,
            customer_lifetime_value,
            acquisition_vs_retention,
            cac_payback,
            retention_uplift,
            nps,
            csat,
            relationship_flower,
            relationship_importance,
            relationship_focus,
            nps_survey,
            csat_survey,
            relationship_survey,
            cohort_retention,
        )
    }
)
