"""The benchmark's report and results: every figure on every profile, loopback included."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from bench import results as results_module
from bench.builds import KINDS
from bench.host import PROFILES
from bench.report import summary
from bench.results import ProfileResults, Results, write_results
from bench.visits import IndexVisit, Visit

if TYPE_CHECKING:
    from pathlib import Path

VISIT = Visit(
    live_ms=3000.0,
    wire_bytes=5_100_000,
    wire_bytes_visit=5_200_000,
    raw_bytes=12_000_000,
    gzip_bytes=5_100_000,
    responses=40,
    responses_visit=45,
    transfer_ms=0.0,
    last_byte_ms=900.0,
    fcp_ms=300.0,
    static_at_first_paint=True,
    lcp_ms=320.0,
    lcp_element="p",
    cls=0.0,
    shifts=0,
)
INDEX_VISIT = IndexVisit(
    live_after_click_ms=150.0,
    form_after_click_ms=90.0,
    navigation="instant",
    state_at_form="loading",
    runtime_bytes_before_click=4_900_000,
    runtime_requests_before_click=6,
    runtime_requests_after_click=0,
    wire_bytes=5_300_000,
)


def _profile(name: str) -> ProfileResults:
    profile = ProfileResults.on(PROFILES[name], rounds=2)
    transfer = profile.latency_s * 1000 + (
        0.0 if profile.bandwidth_bytes_per_s is None else 5e9 / profile.bandwidth_bytes_per_s
    )
    ours = replace(VISIT, transfer_ms=transfer)
    base = replace(ours, live_ms=6000.0, raw_bytes=12_900_000, gzip_bytes=6_340_000)
    never = replace(ours, live_ms=None)
    profile.visits = {
        "baseline_cold": [base, base],
        "baseline_warm": [replace(base, live_ms=4000.0)] * 2,
        "ours_cold": [ours, never],
        "ours_warm": [replace(ours, live_ms=1000.0, wire_bytes=0)] * 2,
        "stored_stdlib_cold": [ours, ours],
    }
    profile.index_visits = [INDEX_VISIT, INDEX_VISIT]
    profile.recompute_ms = [float(n % 20) for n in range(100)]
    profile.recompute_settled_ms = [float(n % 10) for n in range(100)]
    return profile


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_every_figure_is_reported_on_every_profile(name: str) -> None:
    results = Results(label="test", started="2026-12-07T04:00:00+00:00", page="kalkulatorer/x/")
    results.profiles[name] = _profile(name)
    results.builds = {kind: [3.0, 3.2, 3.1] for kind in KINDS}
    results.stdlib_bytes = {"deflated": 1_055_000, "stored": 3_055_000}
    text = summary(results)
    for expected in (
        "kald ms",  # live result, cold, against the baseline
        "varm ms",  # and warm
        "kB gzip",  # bytes as gzip would send them
        "MB nett",  # bytes on the wire
        "overf. ms",  # transfer time
        "siste byte",
        "rå byte, første besøk, vår / baseline: 0.93",
        "første innholdsmaling 300 ms; byggetidsresultater på plass før Python: 2/2",
        "LCP 320 ms (p), CLS 0.0000",
        "via kalkulatorer/: live 150 ms etter klikket",
        "omregning straks Python er klar: p50",
        "omregning etter 4 s: p50",
        "stdlib lagret / vår",
        "python_stdlib.zip: 1055 kB komprimert, 3055 kB lagret",
        "fullt bygg",
        "første bygg, tom hurtigbuffer",
        "fram",
        "1/2",  # the visit whose live result never came
        "mål:",
    ):
        assert expected in text, expected
    assert "nan" not in text
    if name == "loopback":
        assert "ingen struping" in text
        # No link time to divide by: a dash, not a division by zero.
        assert "–" in text


def test_results_are_written_as_plain_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(results_module, "RESULTS_DIR", tmp_path)
    results = Results(label="", started="2026-12-07T04:00:00+00:00", page="kalkulatorer/x/")
    results.profiles = {name: _profile(name) for name in PROFILES}
    out = write_results(results)
    assert out == tmp_path / "bench-2026-12-07T040000Z.json"
    # Strict JSON: an unthrottled link is null, not Infinity.
    data = json.loads(out.read_text(encoding="utf-8"), parse_constant=pytest.fail)
    assert data["profiles"]["loopback"]["bandwidth_bytes_per_s"] is None
    assert data["profiles"]["4g"]["bandwidth_bytes_per_s"] == 1_250_000
    assert data["profiles"]["4g"]["visits"]["ours_cold"][1]["live_ms"] is None
