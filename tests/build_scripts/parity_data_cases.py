"""Hand-picked parity cases for the analyses of the reader's own data (see parity_cases).

Tables typed or pasted as text, files as bytes (written for JSON, see
``parity_codec.revive``), column choices, and the errors with their reports.
"""

from __future__ import annotations

from typing import Any

from calculators import samples


def as_file(text: str, encoding: str = "cp1252", *, bom: bool = False) -> dict[str, str]:
    """A table as the bytes of a file, written for JSON (see ``parity_codec.revive``)."""
    data = (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", "\r\n").encode(encoding)
    return {"$bytes": data.decode("latin-1")}


EDGE_CUSTOMERS = (
    "Kunde;Startdato;Sluttdato\nA;01.01.2024;\nB;15.02.2024;01.04.2024\n"
    "C;01.01.2024;01.04.2024\nD;10.01.2024;20.02.2024\nE;01.03.2024;01.02.2024\n"
    "F;01.07.2024;\n"
)
FOCUS_SCORES = (
    "Navn\tNøyaktighet\tTilgjengelighet\tTilpasning\tRådgivning\tViktighet: rådgivning\n"
    "A\t6\t4\t5\t5\t7\nB\t4\t4\t6,5\t5\t6\nC\tåtte\t4\t5\t5\t5\n"
)
DATA_CASES: dict[str, dict[str, Any]] = {
    "nps_survey": {
        "crlf_text": {"answers": samples.NPS_ANSWERS.replace("\n", "\r\n")},
        "windows_1252_file": {"answers": as_file(samples.NPS_ANSWERS)},
        "utf8_bom_file": {"answers": as_file(samples.NPS_ANSWERS, "utf-8", bom=True)},
        "google_sheets_tabs": {
            "answers": "Timestamp\tHow likely are you to recommend us?\n"
            "14/03/2025 10:22\t10\n15/04/2025 08:01\t0\n16/04/2025 09:00\t9\n"
        },
        "by_month": {"period": "måned"},
        "by_year": {"period": "year"},
        "column_chosen": {"answers": samples.NPS_ANSWERS, "answers:answer": "1"},
        "no_date_column": {"answers": samples.NPS_ANSWERS, "answers:date": "0"},
        "no_valid_answers": {"answers": "Kunde;Svar\nA;ti\nB;elleve\n"},
        "empty_table": {"answers": ""},
        "no_header": {"answers": "9\n10\n7\n0\n"},
    },
    "csat_survey": {
        "windows_1252_file": {"answers": as_file(samples.CSAT_ANSWERS)},
        "all_satisfied": {"answers": "Svar\n5\n5\n4\n"},
        "one_answer": {"answers": "Svar\n1\n"},
        "out_of_range_only": {"answers": "Svar\n0\n6\n"},
        "decimals_rejected": {"answers": "Svar\n4,5\n4\n"},
    },
    "relationship_survey": {
        "focus_model_tabs": {"model": "relationship_focus", "answers": FOCUS_SCORES},
        "model_by_label": {
            "model": "Fire fokusområder for relasjonsbygging",
            "answers": FOCUS_SCORES,
        },
        "columns_missing": {"model": "relationship_importance"},
        "one_rater": {
            "answers": "Sosial kompetanse;Kompetanse;Tilgjengelighet;Produkter og tjenester;"
            "Økonomiske betingelser\n6;5;4;3;2\n"
        },
        "utf8_bom_file": {"answers": as_file(samples.RELATIONSHIP_SCORES, "utf-8", bom=True)},
    },
    "cohort_retention": {
        "edges_by_quarter": {"customers": EDGE_CUSTOMERS, "as_of": "31.12.2024"},
        "edges_by_month": {"customers": EDGE_CUSTOMERS, "as_of": "2024-12-31", "period": "month"},
        "by_year": {"period": "år"},
        "as_of_typed": {"as_of": "31.12.24"},
        "as_of_impossible": {"as_of": "31.02.2025"},
        "windows_1252_file": {"customers": as_file(samples.CUSTOMERS)},
        "no_end_column": {"customers": samples.CUSTOMERS, "customers:end": "0"},
        "no_churn": {
            "customers": "Kunde;Startdato\nA;01.01.2024\nB;02.01.2024\n",
            "as_of": "01.01.2025",
        },
        "no_whole_period": {"customers": "Kunde;Startdato\nA;10.01.2024\n", "period": "year"},
    },
}
