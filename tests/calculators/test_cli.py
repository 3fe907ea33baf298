"""``python -m calculators``: the maintainers' command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from calculators.__main__ import main

NB = "\u00a0"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_prints_labels_and_formatted_values(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["customer_lifetime_value", "margin_timing=start", "retention_rate=80 %"]) == 0
    out = capsys.readouterr().out
    assert f"Kundens livstidsverdi: 3{NB}666,67{NB}kr\n" in out
    assert f"Forventet kundelevetid: 5,0{NB}perioder\n" in out


def test_lists_calculators_without_an_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    assert "nps: Net Promoter Score (NPS)" in capsys.readouterr().out


def test_bad_input_goes_to_stderr_with_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nps", "promoters=mange"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"promoters: Skriv et tall, for eksempel 1{NB}000 eller 12,5.\n"


def test_unknown_calculator_lists_the_valid_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clv"]) == 2
    err = capsys.readouterr().err
    assert "Ukjent kalkulator «clv»" in err
    assert "customer_lifetime_value" in err


@pytest.mark.parametrize("assignment", ["margin=5", "retention_rate"])
def test_unknown_field_or_missing_equals(
    assignment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["customer_lifetime_value", assignment]) == 2
    assert "Felt i customer_lifetime_value: margin_per_period" in capsys.readouterr().err


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    assert "felt=verdi" in capsys.readouterr().out


def test_runs_as_a_module() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "calculators",
            "nps",
            "promoters=10",
            "passives=20",
            "detractors=70",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr.decode()
    assert "NPS: \u221260\n" in result.stdout.decode()
    bad = subprocess.run(
        [sys.executable, "-m", "calculators", "nps", "promoters=0", "passives=0", "detractors=0"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert bad.returncode == 2
    assert "promoters: Fyll inn antall svar" in bad.stderr.decode()
