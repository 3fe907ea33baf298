"""What the Lighthouse benchmark keeps from a report, and the table it prints.

Lighthouse itself runs only in ``make bench``; these tests feed the reader a report shaped
like Lighthouse 12's JSON (only the parts it reads).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from bench import lighthouse
from bench.lighthouse import CATEGORIES, LighthouseResults, failures, read_report, table

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def _report(*, performance: float, tbt: float, lcp: float) -> dict[str, Any]:
    """A Lighthouse 12 JSON report cut down to what the benchmark reads."""
    scores = {"performance": performance, "accessibility": 1.0, "best-practices": 1.0, "seo": 1}
    audits: dict[str, Any] = {
        "total-blocking-time": {"numericValue": tbt, "score": 0.5},
        "largest-contentful-paint": {"numericValue": lcp, "score": 1},
        "cumulative-layout-shift": {"numericValue": 0.0, "score": 1},
        "first-contentful-paint": {"numericValue": 900.0, "score": 1},
        "speed-index": {"numericValue": 1100.0, "score": 1},
        "interactive": {"numericValue": 3000.0, "score": 1},
        "dom-size": {"numericValue": 1234, "score": 1},
        "mainthread-work-breakdown": {
            "numericValue": 2000.0,
            "details": {
                "items": [
                    {"group": "styleLayout", "duration": 800.04},
                    {"group": "scriptEvaluation", "duration": 500.0},
                    {"group": "scriptParseCompile", "duration": 20.0},
                ]
            },
        },
        "bootup-time": {
            "details": {
                "items": [{"url": "http://127.0.0.1:8000/assets/bundle.js", "total": 340.0}]
            }
        },
        "long-tasks": {
            "details": {
                "items": [
                    {
                        "url": "http://127.0.0.1:8000/assets/bundle.js",
                        "duration": 90.4,
                        "startTime": 1200.2,
                    },
                    {"url": "Unattributable", "duration": 300.0, "startTime": 800.0},
                ]
            }
        },
    }
    refs = {
        "performance": [
            {"id": "total-blocking-time", "weight": 30},
            {"id": "largest-contentful-paint", "weight": 25},
        ],
        "accessibility": [{"id": "dom-size", "weight": 0}],
        "best-practices": [],
        "seo": [],
    }
    categories = {name: {"score": scores[name], "auditRefs": refs[name]} for name in CATEGORIES}
    return {"audits": audits, "categories": categories}


def test_a_report_gives_the_scores_figures_main_thread_and_what_fell_short() -> None:
    run = read_report(_report(performance=0.89, tbt=411.0, lcp=1920.0))
    assert run.scores == {
        "performance": 89.0,
        "accessibility": 100.0,
        "best-practices": 100.0,
        "seo": 100.0,
    }
    assert run.metrics["tbt_ms"] == 411.0
    assert run.metrics["lcp_ms"] == 1920.0
    assert run.metrics["dom_elements"] == 1234.0
    assert run.main_thread == {
        "styleLayout": 800.0,
        "scriptEvaluation": 500.0,
        "scriptParseCompile": 20.0,
    }
    # Scripts by path, the longest tasks first.
    assert run.scripts == {"/assets/bundle.js": 340.0}
    assert run.long_tasks == [("Unattributable", 300, 800), ("/assets/bundle.js", 90, 1200)]
    # Only audits that count towards a category and scored below full.
    assert run.failed == {"performance": ["total-blocking-time"]}


def test_the_table_gives_medians_per_page_and_site_in_norwegian(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = {
        site: {
            "calculator": [
                read_report(_report(performance=p / 100, tbt=t, lcp=1400.0))
                for p, t in ((89, 411.0), (91, 1_366.0), (90, 380.0))
            ]
        }
        for site in ("nå", "main")
    }
    results = LighthouseResults(
        started="2026-12-07T08:21:23+00:00",
        version=lighthouse.VERSION,
        rounds=3,
        sites={"nå": "site", "main": "site-main"},
        pages={"calculator": "kalkulatorer/livstidsverdi/"},
        runs=runs,
    )
    lines = table(results).splitlines()
    assert lines[0].startswith("| Side | Ytelse | Tilgjengelighet |")
    # The median, not the mean: one slow run does not move it.
    assert lines[2] == (
        "| kalkulatorside (nå) | 90 | 100 | 100 | 100 | 411\u00a0ms | 1,40\u00a0s | 0,000 "
        "| 800\u00a0ms | 520\u00a0ms | 1\u00a0234 |"
    )
    assert lines[3].startswith("| kalkulatorside (main) | 90 |")
    assert failures(results) == [
        "nå calculator: performance: total-blocking-time",
        "main calculator: performance: total-blocking-time",
    ]

    monkeypatch.setattr(lighthouse, "RESULTS_DIR", tmp_path)
    written = json.loads(lighthouse.write(results).read_text(encoding="utf-8"))
    assert written["medians"]["nå"]["calculator"]["tbt_ms"] == 411.0
    assert len(written["runs"]["main"]["calculator"]) == 3
