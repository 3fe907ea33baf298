"""Command line for maintainers: ``python -m calculators <id> field=value …``.

Prints each output's label and formatted value. Bad input prints the Norwegian messages to
standard error and exits with status 2; so does an unknown calculator or field.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from calculators.api import display_value, run
from calculators.catalogue import CATALOGUE
from calculators.errors import ValidationError

if TYPE_CHECKING:
    from collections.abc import Sequence

USAGE_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m calculators",
        description=(
            "Regn ut en kalkulator og skriv ut resultatene slik siden viser dem. "
            "Felt du ikke oppgir, får standardverdien."
        ),
        epilog="Kalkulatorer: " + ", ".join(CATALOGUE),
    )
    parser.add_argument("calculator_id", nargs="?", help="kalkulatorens id; utelat for en liste")
    parser.add_argument(
        "assignments", nargs="*", metavar="felt=verdi", help='for eksempel retention_rate="80 %%"'
    )
    return parser


def _say(line: str) -> None:
    sys.stdout.write(f"{line}\n")


def _complain(*lines: str) -> None:
    sys.stderr.write("".join(f"{line}\n" for line in lines))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name; ``None`` reads ``sys.argv``.

    Returns:
        0 on success, 2 on bad input, an unknown calculator or an unknown field.

    """
    args = _parser().parse_args(argv)
    if args.calculator_id is None:
        for calculator in CATALOGUE.values():
            _say(f"{calculator.id}: {calculator.title}")
        return 0
    if args.calculator_id not in CATALOGUE:
        _complain(f"Ukjent kalkulator «{args.calculator_id}». Kjente kalkulatorer:", *CATALOGUE)
        return USAGE_ERROR
    calculator = CATALOGUE[args.calculator_id]
    names = [f.name for f in calculator.fields]
    inputs: dict[str, str] = {}
    for assignment in args.assignments:
        name, equals, value = assignment.partition("=")
        if not equals or name not in names:
            _complain(
                f"Ukjent felt eller mangler «=»: «{assignment}».",
                f"Felt i {calculator.id}: {', '.join(names)}",
            )
            return USAGE_ERROR
        inputs[name] = value
    try:
        _, results = run(calculator, inputs)
    except ValidationError as error:
        _complain(*(f"{name}: {message}" for name, message in error.errors.items()))
        return USAGE_ERROR
    for output in calculator.outputs:
        _say(f"{output.label}: {display_value(calculator, output, results[output.name])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
