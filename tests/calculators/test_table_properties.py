"""Hypothesis: the table parser survives anything, and reads what Norwegians write."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import CATALOGUE, ValidationError, evaluate
from calculators.dates import DateError, parse_date
from calculators.numbers import parse_number
from calculators.spec import Column
from calculators.table_data import DataTable, read_table
from tests.strategies import random_number_style, table_texts, write_date, write_number

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DATA_CALCULATORS = [c for c in CATALOGUE.values() if any(f.unit == "data" for f in c.fields)]
CSV_ALPHABET = ';,\t\n\r" 0123456789.-/:+−aeæøåKkr%\ufeff\u00a0'
NUMBER = Column(role="x", label="Tall", names=("tall",), kind="number", minimum=-1e12, maximum=1e12)
WHEN = Column(role="when", label="Dato", names=("dato",), kind="date", optional=True)


def _read(
    raw: object, name: str, roles: tuple[Column, ...], overrides: dict[str, str]
) -> DataTable | ValidationError:
    """The table, or the ValidationError (so asserts stay outside ``except``)."""
    try:
        return read_table(raw, name, roles, overrides)
    except ValidationError as error:
        return error


def _date(text: str) -> int | DateError:
    try:
        return parse_date(text)
    except DateError as error:
        return error


anything = st.one_of(
    st.text(alphabet=CSV_ALPHABET, max_size=400),
    st.text(max_size=200),
    st.binary(max_size=400),
    st.binary(max_size=50).map(lambda b: "Svar;Dato\n".encode("cp1252") + b),
)


@FUZZ
@given(raw=anything, choice=st.sampled_from(["", "0", "1", "2", "7", "x"]))
def test_only_validation_errors_escape_the_parser(raw: str | bytes, choice: str) -> None:
    for calculator in DATA_CALCULATORS:
        field = next(f for f in calculator.fields if f.unit == "data")
        roles = tuple(c for c in field.columns if not c.when or "relationship_flower" in c.when)
        overrides = {role.role: choice for role in roles}
        table = _read(raw, field.name, roles, overrides)
        if isinstance(table, ValidationError):
            assert set(table.errors) == {field.name}
            assert all(message.endswith((".", "?")) for message in table.errors.values())
            continue
        report = table.report()
        json.dumps(report)
        assert report["used"] + report["blank"] + report["invalid_count"] <= report["rows"]
        assert len(report["invalid"]) <= min(20, report["invalid_count"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=anything)
def test_evaluate_reports_what_it_read_and_never_raises(raw: str | bytes) -> None:
    for calculator in DATA_CALCULATORS:
        field = next(f for f in calculator.fields if f.unit == "data")
        result = evaluate(calculator.id, {field.name: raw})
        json.dumps(result)
        if not result["errors"]:
            assert set(result["data"]) == {field.name}


@FUZZ
@given(text=st.text(max_size=30))
def test_only_date_errors_escape_the_date_reader(text: str) -> None:
    value = _date(text)
    if isinstance(value, DateError):
        assert str(value).startswith("«")
        return
    assert 19000101 <= value <= 21991231


@FUZZ
@given(
    day=st.dates(dt.date(1970, 1, 1), dt.date(2069, 12, 31)),
    rng=st.randoms(use_true_random=False),
)
def test_dates_written_the_norwegian_way_read_back(day: dt.date, rng: object) -> None:
    written = write_date(day, rng)  # type: ignore[arg-type]
    assert parse_date(written) == day.year * 10000 + day.month * 100 + day.day


@FUZZ
@given(
    values=st.lists(
        st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
        min_size=1,
        max_size=20,
    ),
    rng=st.randoms(use_true_random=False),
    delimiter=st.sampled_from([";", "\t"]),
)
def test_norwegian_written_numbers_round_trip(
    values: list[object], rng: object, delimiter: str
) -> None:
    written = [
        write_number(float(v), random_number_style(rng, decimals=(None,)))  # type: ignore[arg-type]
        for v in values
    ]
    text = "Tall\n" + "\n".join(written) + "\n"
    table = read_table(text, "x", (NUMBER,), {})
    readable = []
    for cell in written:
        try:
            readable.append(parse_number(cell))
        except ValueError:
            continue
    # The table reader reads exactly what the site's one number parser reads ...
    assert table.values.get("x", []) == readable
    assert table.report()["invalid_count"] == len(written) - len(readable)
    # ... and with the decimal comma every number comes back as written.
    comma = [write_number(float(v), random_number_style(rng, decimals=(None,))) for v in values]  # type: ignore[arg-type]
    comma = [cell.replace(".", ",") if cell.count(".") == 1 else cell for cell in comma]
    table = read_table(
        delimiter.join(["Tall", "Dato"]) + "\n" + "\n".join(comma), "x", (NUMBER, WHEN), {}
    )
    assert table.values["x"] == [float(v) for v in values]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_tables_are_read_without_unreadable_lines(data: st.DataObject) -> None:
    calculator = CATALOGUE["nps_survey"]
    field = calculator.field("answers")
    text = data.draw(table_texts(field))
    table = read_table(text, "answers", field.columns, {})
    assert table.report()["invalid_count"] == 0
