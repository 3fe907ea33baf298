"""Validation at the boundary: raw form values in, typed values or Norwegian messages out.

This is the only place that looks at what people typed. The formula functions receive
finite floats within the field bounds (or a valid choice, or ``None`` for an empty optional
field) and only check rules that involve several fields.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from numbers import Real
from typing import TYPE_CHECKING, cast

from calculators.errors import ValidationError
from calculators.numbers import NBSP, AmbiguousNumberError, format_value, parse_number

if TYPE_CHECKING:
    from calculators.spec import Calculator, Field, Inputs

NOT_A_NUMBER = f"Skriv et tall, for eksempel 1{NBSP}000 eller 12,5."
AMBIGUOUS_DOT = (
    f"Mente du tusen eller én? Skriv 1{NBSP}000 (mellomrom mellom tusener) eller 1,000 "
    "(komma før desimalene)."
)
EMPTY = f"Feltet kan ikke stå tomt. Skriv et tall, for eksempel 1{NBSP}000 eller 12,5."
NOT_A_MAPPING = "Kalkulatoren fikk ingen skjemaverdier. Last inn siden på nytt og prøv igjen."
_MISSING = object()


def bound_text(value: float) -> str:
    """Format a field bound for a message: grouped, only the decimals it needs."""
    number = float(value)  # int has no is_integer() before Python 3.12
    exponent = Decimal(repr(number)).as_tuple().exponent
    places = 0 if number.is_integer() or not isinstance(exponent, int) else -exponent
    return format_value(value, "count", places)


def range_message(field: Field) -> str:
    """Return the Norwegian message for a number outside the field's bounds (or not whole)."""
    kind = "et helt tall" if field.integer else "et tall"
    if field.minimum is not None and field.maximum is not None:
        return f"Må være {kind} mellom {bound_text(field.minimum)} og {bound_text(field.maximum)}."
    if field.minimum is not None:
        return f"Må være {kind} som er minst {bound_text(field.minimum)}."
    if field.maximum is not None:
        return f"Må være {kind} som er høyst {bound_text(field.maximum)}."
    return f"Må være {kind}."


def _choice(field: Field, raw: object) -> str:
    """Return the choice value ``raw`` names, accepting its value or its label."""
    if isinstance(raw, str):
        wanted = raw.strip().casefold()
        for value, label in field.choices:
            if wanted in {value.casefold(), label.casefold()}:
                return value
    options = " eller ".join(f"«{label}»" for _, label in field.choices)
    msg = f"Velg {options}."
    raise ValueError(msg)


def _number(field: Field, raw: object) -> float | None:
    """Turn one raw value into a float within the field's rules.

    Raises:
        ValueError: with the Norwegian message for the reader.
        TypeError: for values that are neither text nor a real number.

    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if field.optional:
            return None
        raise ValueError(EMPTY)
    if isinstance(raw, str):
        try:
            value = parse_number(raw)
        except AmbiguousNumberError:
            raise ValueError(AMBIGUOUS_DOT) from None
        except ValueError:
            raise ValueError(NOT_A_NUMBER) from None
    elif isinstance(raw, Real) and not isinstance(raw, bool):
        try:
            value = float(raw)
        except OverflowError:
            raise ValueError(range_message(field)) from None
    else:
        raise TypeError(NOT_A_NUMBER)
    if math.isnan(value):
        raise ValueError(NOT_A_NUMBER)
    too_small = field.minimum is not None and value < field.minimum
    too_large = field.maximum is not None and value > field.maximum
    if math.isinf(value) or too_small or too_large or (field.integer and not value.is_integer()):
        raise ValueError(range_message(field))
    return value


def parse_inputs(calculator: Calculator, inputs: object) -> dict[str, float | str | None]:
    """Validate every field of ``calculator`` against its spec.

    Args:
        calculator: The calculator whose fields decide the rules.
        inputs: Field name → a number or the text a reader typed; a missing field takes its
            default. Keys the calculator does not know are ignored (old share links).

    Returns:
        Field name → a finite float, a choice value, or ``None`` for an empty optional field.

    Raises:
        ValidationError: naming every field that is wrong, with a Norwegian message.

    """
    if not isinstance(inputs, Mapping):
        raise ValidationError({"": NOT_A_MAPPING})
    values: dict[str, float | str | None] = {}
    errors: dict[str, str] = {}
    for field in calculator.fields:
        raw = inputs.get(field.name, _MISSING)
        if raw is _MISSING:
            raw = field.default
        try:
            values[field.name] = _choice(field, raw) if field.choices else _number(field, raw)
        except (TypeError, ValueError) as error:
            errors[field.name] = str(error)
    if errors:
        raise ValidationError(errors)
    return values


def number(inputs: Inputs, name: str) -> float:
    """Return a numeric input the formula may trust (validated by :func:`parse_inputs`)."""
    return cast("float", inputs[name])
