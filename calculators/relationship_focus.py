"""Berg's four focus areas for long-term relationships, as a self-assessment."""

from __future__ import annotations

from calculators import sources
from calculators.self_assessment import Dimension, build_self_assessment

DIMENSIONS = (
    Dimension(
        name="accuracy",
        label="Nøyaktighet",
        question="Får kunden det som er avtalt, riktig og til rett tid?",
    ),
    Dimension(
        name="availability",
        label="Tilgjengelighet",
        question="Er dere lette å få tak i når kunden trenger dere?",
    ),
    Dimension(
        name="adaptation",
        label="Tilpasning",
        question="Tilpasser dere tilbudet og samarbeidet til denne kunden?",
    ),
    Dimension(
        name="advice",
        label="Rådgivning",
        question="Gir dere råd som hjelper kunden å lykkes?",
    ),
)

CALCULATOR = build_self_assessment(
    calculator_id="relationship_focus",
    title="Fire fokusområder for relasjonsbygging",
    intro=(
        "Nøyaktighet, tilgjengelighet, tilpasning og rådgivning er fire kriterier for "
        "langsiktige relasjoner mellom kunde og leverandør (Berg 2009). Vurder hvor dere står, "
        "og finn ut hva dere bør ta tak i først."
    ),
    dimensions=DIMENSIONS,
    references=(sources.BERG_2009, sources.BUCKINGHAM_COFFMAN_1999),
    caveats=(
        (
            "Rekkefølgen er nettstedets egen lesning: i Gallups hierarki av kundeforventninger må "
            "nøyaktighet og tilgjengelighet være på plass før tilpasning og rådgivning skaper "
            "lojalitet, og vi antar at Berg bygger på det. Derfor peker «neste fokusområde» på "
            "det første området under 5, en tommelfingerregel vi har valgt selv."
        ),
    ),
    with_next_focus=True,
)
