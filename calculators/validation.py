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

from calculators.dates import EXAMPLE, DateError, iso, parse_date
from calculators.errors import ValidationError
from calculators.numbers import NBSP, AmbiguousNumberError, format_value, parse_number
from calculators.table_data import DataTable, read_table

if TYPE_CHECKING:
    from calculators.spec import Calculator, Column, Field, Inputs
    from calculators.table_report import DataReport

NOT_A_NUMBER = f"Skriv et tall, for eksempel 1{NBSP}000 eller 12,5."
AMBIGUOUS_DOT = (
    f"Mente du tusen eller én? Skriv 1{NBSP}000 (mellomrom mellom tusener) eller 1,000 "
    "(komma før desimalene)."
)
EMPTY = f"Feltet kan ikke stå tomt. Skriv et tall, for eksempel 1{NBSP}000 eller 12,5."
NOT_A_MAPPING = "Kalkulatoren fikk ingen skjemaverdier. Last inn siden på nytt og prøv igjen."
NOT_A_DATE = f"Skriv en dato, for eksempel {EXAMPLE}, eller la feltet stå tomt."
EMPTY_DATE = f"Feltet kan ikke stå tomt. Skriv en dato, for eksempel {EXAMPLE}."
#: Separates a data field's name from a column role in a raw input's key:
#: ``"answers:date"`` → ``"3"`` (use column 3 for the dates).
ROLE_SEPARATOR = ":"
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


def _date(field: Field, raw: object) -> str | None:
    """Turn one raw value into an ISO date (``2025-12-31``), or ``None`` if empty and allowed."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if field.optional:
            return None
        raise ValueError(EMPTY_DATE)
    if not isinstance(raw, str):
        raise TypeError(NOT_A_DATE)
    try:
        return iso(parse_date(raw))
    except DateError as error:
        msg = f"{str(error)[:1].upper()}{str(error)[1:]}. {NOT_A_DATE}"
        raise ValueError(msg) from None


def _value(field: Field, raw: object) -> float | str | None:
    if field.choices:
        return _choice(field, raw)
    if field.unit == "date":
        return _date(field, raw)
    return _number(field, raw)


def active_columns(field: Field, values: Mapping[str, object]) -> tuple[Column, ...]:
    """Return the columns a data field looks for, given the (parsed) choice that picks them."""
    if field.column_choice is None:
        return field.columns
    choice = values.get(field.column_choice)
    return tuple(c for c in field.columns if not c.when or choice in c.when)


def _table(field: Field, raw: object, inputs: Mapping[object, object], values: Inputs) -> DataTable:
    """Read a data field's table, the reader's column choices (``"<field>:<role>"``) included."""
    roles = active_columns(field, values)
    prefix = f"{field.name}{ROLE_SEPARATOR}"
    overrides = {role.role: inputs.get(f"{prefix}{role.role}") for role in roles}
    return read_table(raw, field.name, roles, overrides)


def parse_inputs(
    calculator: Calculator, inputs: object
) -> dict[str, float | str | DataTable | None]:
    """Validate every field of ``calculator`` against its spec.

    Data fields are read last, so the choice field that picks their columns is known.

    Args:
        calculator: The calculator whose fields decide the rules.
        inputs: Field name → a number or the text a reader typed; a missing field takes its
            default. Keys the calculator does not know are ignored (old share links), except
            ``"<data field>:<role>"``, the reader's choice of column for a data field.

    Returns:
        Field name → a finite float, a choice value, an ISO date, ``None`` for an empty
        optional field, or for a data field the :class:`~calculators.table_data.DataTable`.

    Raises:
        ValidationError: naming every field that is wrong, with a Norwegian message, and
            the report of every table read (``data``).

    """
    if not isinstance(inputs, Mapping):
        raise ValidationError({"": NOT_A_MAPPING})
    values: dict[str, float | str | DataTable | None] = {}
    errors: dict[str, str] = {}
    reports: dict[str, DataReport] = {}
    ordered = sorted(calculator.fields, key=lambda field: field.unit == "data")
    for field in ordered:
        raw = inputs.get(field.name, _MISSING)
        if raw is _MISSING:
            raw = field.default_for(values)  # after the choice a data field's sample follows
        try:
            if field.unit == "data":
                if field.column_choice in errors:
                    continue
                values[field.name] = _table(field, raw, inputs, values)
            else:
                values[field.name] = _value(field, raw)
        except (TypeError, ValueError) as error:
            errors[field.name] = str(error)
        except ValidationError as error:
            errors |= error.errors
            reports |= error.data
    if errors:
        read = {name: v.report() for name, v in values.items() if isinstance(v, DataTable)}
        raise ValidationError(errors, data=read | reports)
    return {field.name: values[field.name] for field in calculator.fields}


def number(inputs: Inputs, name: str) -> float:
    """Return a numeric input the formula may trust (validated by :func:`parse_inputs`)."""
    return cast("float", inputs[name])


def table(inputs: Inputs, name: str) -> DataTable:
    """Return a data field's table (read by :func:`parse_inputs`)."""
    value = inputs[name]
    if not isinstance(value, DataTable):  # pragma: no cover - parse_inputs guarantees it
        raise TypeError(name)
    return value
