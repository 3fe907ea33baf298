"""Worked steps of the analyses of the reader's own data, checked by hand (see test_steps).

Expected lines write the no-break space as ``~``; ``−`` is U+2212 and ``·`` U+00B7.
"""

from __future__ import annotations

DATA_EXAMPLES: dict[str, list[tuple[dict[str, object], list[str]]]] = {
    "nps_survey": [
        (
            {
                "answers": "Dato;Svar\n05.01.2025;10\n06.01.2025;10\n07.01.2025;0\n"
                "01.02.2025;10\n02.02.2025;9\n03.02.2025;9\n28.02.2025;8\n"
            },
            [
                "NPS: 71,4~% − 14,3~% = 57",
                "Antall svar: 5 + 1 + 1 = 7",
                "Andel ambassadører: 5 / 7 = 71,4~%",
                "Andel passive: 1 / 7 = 14,3~%",
                "Andel kritikere: 1 / 7 = 14,3~%",
                "Feilmargin: 1,96 · √((0,7143 + 0,1429 − (0,7143 − 0,1429)²) / 7) · 100 = 54,0",
                # January 33,3 (Var 0,2963), February 75 (Var 0,046875), in points².
                "Endring fra januar 2025 til februar 2025: 75,0 − 33,3 = 41,7 poeng",
                "Støy: z = 41,7 / √(2~963,0 + 468,8) = 0,71, mindre enn 1,96 i tallverdi",
            ],
        ),
    ],
    "csat_survey": [
        (
            {"answers": "Svar\n5\n5\n4\n3\n1\n"},
            [
                "CSAT: (1 + 2) / 5 = 60,0~%",
                "Antall svar: 1 + 0 + 1 + 1 + 2 = 5",
                "Gjennomsnitt: (1 · 1 + 2 · 0 + 3 · 1 + 4 · 1 + 5 · 2) / 5 = 3,60",
                (
                    "Wilsons intervall: (0,60 + 1,96² / (2 · 5) ± 1,96 · √(0,60 · (1 − 0,60) / 5 "
                    "+ 1,96² / (4 · 5²))) / (1 + 1,96² / 5) = 23,1~% til 88,2~%"
                ),
                "Feilmargin: (88,2~% − 23,1~%) / 2 = 32,6~prosentpoeng",
            ],
        ),
    ],
    "relationship_survey": [
        (
            {
                "model": "relationship_focus",
                "answers": "Navn;Nøyaktighet;Tilgjengelighet;Tilpasning;Rådgivning\n"
                "A;6;4;5;5\nB;4;4;6;5\n",
            },
            [
                "Snitt for nøyaktighet: (6 + 4) / 2 = 5",
                "Snitt for tilgjengelighet: (4 + 4) / 2 = 4",
                "Snitt for tilpasning: (5 + 6) / 2 = 5,50",
                "Snitt for rådgivning: (5 + 5) / 2 = 5",
                (
                    "Størst uenighet, nøyaktighet: standardavvik √(((6 − 5)² + (4 − 5)²) / "
                    "(2 − 1)) = 1,41"
                ),
                "Indeks: (4 · 4 + 4 · 3 + 4 · 4,5 + 4 · 4) / (6 · (4 + 4 + 4 + 4)) · 100 = 65",
                "Poeng for tilgjengelighet: (4 − 1) / 6 · 100 = 50",
                "Størst behov (prioriter først): tilgjengelighet, 4 · (7 − 4) = 12",
                "Neste fokusområde: tilgjengelighet (vurdering 4), det første området under 5",
            ],
        ),
    ],
    "cohort_retention": [
        (
            {
                "customers": "Kunde;Startdato;Sluttdato\nA;01.01.2024;\nB;15.02.2024;01.04.2024\n"
                "C;01.01.2024;01.04.2024\nD;10.01.2024;20.02.2024\nE;01.03.2024;01.02.2024\n"
                "F;01.07.2024;\n",
                "as_of": "31.12.2024",
            },
            [
                "Kundebevaring: 4 / 5 = 80,0~%",
                "Kundefrafall: 100~% − 80,0~% = 20,0~%",
                "Forventet levetid: 1 / 0,20 = 5,0~kvartaler",
                (
                    "Perioder regnet med: 1. kvartal 2024 til 3. kvartal 2024, 3~kvartaler, "
                    "per 31.12.2024"
                ),
                (
                    "Siste periode, 3. kvartal 2024: 2 kunder 01.07.2024, og 2 av dem var fortsatt "
                    "kunder 01.10.2024"
                ),
            ],
        ),
    ],
}
