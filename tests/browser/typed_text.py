"""What the fuzz test types into a field: hostile text, other scripts and odd numbers.

Seeded with a ``random.Random``, so a failure names a seed that reproduces it.
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING

from tests.strategies import ANY_DECIMALS, NUMERIC_UNITS, random_number_style, write_number

if TYPE_CHECKING:
    import random

    from calculators.spec import Field

# What people paste, what attackers type, what keyboards in other scripts produce.
HOSTILE = (
    "",
    " ",
    "tja",
    "1e308",
    "-1e308",
    "1e-308",
    "9" * 400,
    "-" + "9" * 400,
    "0," + "0" * 400 + "1",
    "1.000,50 kr",
    "1.000",
    "1,000.50",
    "١٢٣",
    "١٢٣٫٥",
    "１２３",
    "１２３，５",
    "१२३",
    "๑๒๓",
    "-0",
    "−0",
    "+0",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "∞",
    "½",
    "1/2",
    "0x1F",
    "1_000",
    "1e3",
    "1 000 000 000 000 000 000",
    "12,5,5",
    "--5",
    "5-",
    "(5)",
    "'5'",
    "5 %%",
    "kr",
    "%",
    "null",
    "undefined",
    "None",
    "true",
    "[]",
    "{}",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE kunder; --",
    "${7*7}",
    "{{7*7}}",
    "__import__('os')",
    "😀",
    "1😀",
    "👍🏽 12",
    "שלום 12",
    "مرحبا ١٢",
    "\u202e123",
    "\u200b12\u200b",
    "1\u00a0000",
    "1\u202f000",
    "1\u2009000",
    "\t12\t",
    "a" * 5000,
    "1" * 5000,
)
UNICODE_POOL = (
    string.digits
    + string.ascii_letters
    + string.punctuation
    + " \u00a0\u202f\u2009\u2212\u2013,."
    + "٠١٢٣٤٥٦٧٨٩٫٬"  # Arabic-Indic digits and separators
    + "０１２３４５６７８９"  # full width
    + "߀߁߂𝟎𝟏𝟐"  # NKo and mathematical digits
    + "æøåÆØÅéü€£$¥%‰"
    + "\u200e\u200f\u202a\u202e"  # direction marks and overrides
    + "😀🎉🇳🇴"
)


def _number_text(rng: random.Random, spec: Field) -> str:
    """A number inside (or just outside) the field's bounds, written as Norwegians might."""
    low = spec.minimum if spec.minimum is not None else -1e6
    high = spec.maximum if spec.maximum is not None else 1e6
    low, high = max(low, -1e7), min(high, 1e7)
    if rng.random() < 0.2:
        value = rng.choice([low - 1, high + 1, low, high])
    else:
        value = rng.uniform(low, high)
    # Any unit: the parser takes "kr" in a percentage field, as a reader might type it.
    style = random_number_style(
        rng, unit=rng.choice(NUMERIC_UNITS), decimals=(0,) if spec.integer else ANY_DECIMALS
    )
    text = write_number(value, style)
    if rng.random() < 0.1:
        text += " stk"  # a unit the parser does not know
    return text


def random_text(rng: random.Random, spec: Field) -> str:
    """One thing to type into a numeric field."""
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(HOSTILE)
    if roll < 0.65:
        return _number_text(rng, spec)
    if roll < 0.85:
        return "".join(rng.choices(UNICODE_POOL, k=rng.randint(1, 24)))
    if roll < 0.95:
        return _number_text(rng, spec) + rng.choice(UNICODE_POOL)
    return "".join(rng.choices(UNICODE_POOL, k=rng.randint(500, 3000)))
