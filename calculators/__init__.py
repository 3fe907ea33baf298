"""Calculators for customer economics and relationship self-assessments.

Pure Python, standard library only: the same code runs at build time on CPython and in the
reader's browser on Pyodide. Public API::

    from calculators import CATALOGUE, compute, evaluate, check_answer, ValidationError

See ``calculators.api`` for ``compute``/``evaluate``, ``calculators.exercises`` for
``check_answer`` (calculation tasks), ``calculators.export`` for ``table_csv`` (a result
table for Norwegian Excel) and ``calculators.numbers`` for the one Norwegian number parser
and formatter.
"""

from __future__ import annotations

from calculators.api import compute, evaluate
from calculators.catalogue import CATALOGUE
from calculators.errors import ValidationError
from calculators.exercises import check_answer
from calculators.export import table_csv
from calculators.numbers import format_input_value, format_value, parse_number
from calculators.spec import Calculator, Field, Output

__all__ = [
    "CATALOGUE",
    "Calculator",
    "Field",
    "Output",
    "ValidationError",
    "check_answer",
    "compute",
    "evaluate",
    "format_input_value",
    "format_value",
    "parse_number",
    "table_csv",
]
