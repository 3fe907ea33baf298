"""Scenario B against scenario A: each output's difference B − A, in Norwegian words.

A page lets the reader keep one set of inputs as scenario A and change them into B; the
difference is written with an explicit sign in the unit the reader thinks in. Percentages
differ by percentage points, a categorical output either stays or is "endret", and an
unlimited value cannot be subtracted, so it says so in words instead of a number.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from calculators.numbers import MINUS, NBSP, format_value

if TYPE_CHECKING:
    from collections.abc import Mapping

    from calculators.spec import Output, Unit

CHANGED = "endret"
UNCHANGED = "ingen endring"
NOT_COMPARABLE = "kan ikke sammenlignes"
#: Units whose difference is written in another unit: shares differ by percentage points,
#: and NPS points and index values read better with the word after them.
_DIFFERENCE_UNIT: dict[str, Unit] = {"%": "pp"}
_DIFFERENCE_SUFFIX: dict[str, str] = {"points": f"{NBSP}poeng"}


def format_difference(output: Output, after: float | str, before: float | str) -> str:
    """Write how much ``output`` changes from scenario A (``before``) to B (``after``).

    Args:
        output: The output both values belong to (its unit and decimals decide the text).
        after: The value in scenario B.
        before: The value in scenario A.

    Returns:
        ``"+1 250,00 kr"``, ``"−3,0 prosentpoeng"`` (for a ``%`` output), ``"+12"``,
        ``"+5 poeng"``, ``"0,00 kr"`` (no sign on a zero as shown); for categorical
        outputs ``""`` when equal and ``"endret"`` when not; ``"ingen endring"`` when both
        are unlimited and ``"kan ikke sammenlignes (ubegrenset)"`` when only one is.

    """
    if isinstance(after, str) or isinstance(before, str):
        return "" if after == before else CHANGED
    unlimited = output.infinite_text or "ubegrenset"
    if math.isinf(after) or math.isinf(before):
        return UNCHANGED if after == before else f"{NOT_COMPARABLE} ({unlimited})"
    difference = after - before
    if not math.isfinite(difference):
        return NOT_COMPARABLE
    unit = _DIFFERENCE_UNIT.get(output.unit, output.unit)
    text = format_value(difference, unit, output.decimals)
    if unit == "ratio":
        text = text.removesuffix(f"{NBSP}:{NBSP}1")
    text += _DIFFERENCE_SUFFIX.get(unit, "")
    # A difference that rounds to zero is written without a sign, as format_value does.
    if text.startswith(MINUS) or not any(ch in "123456789" for ch in text):
        return text
    return f"+{text}"


def differences(
    outputs: tuple[Output, ...],
    after: Mapping[str, float | str],
    before: Mapping[str, float | str],
) -> dict[str, str]:
    """Return output name → :func:`format_difference` for every output, in display order."""
    return {o.name: format_difference(o, after[o.name], before[o.name]) for o in outputs}
