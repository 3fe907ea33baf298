"""Grunig's seven aspects of a relationship's quality, as a self-assessment."""

from __future__ import annotations

from calculators import sources
from calculators.self_assessment import Dimension, build_self_assessment

DIMENSIONS = (
    Dimension(name="balance", label="Balanse", question="Får begge parter noe ut av relasjonen?"),
    Dimension(name="trust", label="Tillit", question="Stoler partene på hverandre?"),
    Dimension(
        name="credibility",
        label="Troverdighet",
        question="Oppfatter partene hverandre som troverdige?",
    ),
    Dimension(
        name="legitimacy",
        label="Legitimitet",
        question="Ser kunden dere som en legitim og seriøs aktør?",
    ),
    Dimension(name="openness", label="Åpenhet", question="Er partene åpne overfor hverandre?"),
    Dimension(
        name="mutual_satisfaction",
        label="Gjensidig tilfredshet",
        question="Er begge parter fornøyde med relasjonen?",
    ),
    Dimension(
        name="mutual_understanding",
        label="Gjensidig forståelse",
        question="Forstår partene hverandres behov og ståsted?",
    ),
)

CALCULATOR = build_self_assessment(
    calculator_id="relationship_importance",
    title="Relasjonskvalitet (Grunigs sju aspekter)",
    intro=(
        "Sju aspekter kjennetegner en god relasjon mellom to parter (Grunig). Vurder hvor godt "
        "relasjonen til en kunde står på hvert av dem, og hvor mye hvert aspekt teller i akkurat "
        "denne relasjonen."
    ),
    dimensions=DIMENSIONS,
    references=(
        sources.GRUNIG_2012,
        sources.GRUNIG_GRUNIG_EHLING_1992,
        sources.HON_GRUNIG_1999,
        sources.MORGAN_HUNT_1994,
    ),
    caveats=(
        (
            "Hon og Grunig (1999) måler relasjoner med spørreskjema til begge parter; her vurderer "
            "du bare din egen side."
        ),
    ),
)
