"""Relasjonsblomsten: five dimensions the customer cares about, as a self-assessment."""

from __future__ import annotations

from calculators import sources
from calculators.self_assessment import Dimension, build_self_assessment

DIMENSIONS = (
    Dimension(
        name="social_competence",
        label="Sosial kompetanse",
        question="Gir dere råd tilpasset hver kunde, og er dere gode til å samarbeide?",
    ),
    Dimension(
        name="competence",
        label="Kompetanse",
        question="Har dere kunnskapen kunden trenger, og viser dere den?",
    ),
    Dimension(
        name="availability",
        label="Tilgjengelighet",
        question="Når kunden dere lett på telefon, e-post og besøk (logistikk og distribusjon)?",
    ),
    Dimension(
        name="products_services",
        label="Produkter og tjenester",
        question="Passer produktene og tjenestene til kundens behov og ønsker?",
    ),
    Dimension(
        name="economic_terms",
        label="Økonomiske betingelser",
        question="Er prisene og betingelsene konkurransedyktige?",
    ),
)

CALCULATOR = build_self_assessment(
    calculator_id="relationship_flower",
    title="Relasjonsblomsten",
    intro=(
        "Hvor godt gjør dere det på de fem dimensjonene kunden er opptatt av? Vurder hver "
        "dimensjon fra 1 til 7, og hvor viktig den er for kunden, så ser du hva som bør "
        "prioriteres."
    ),
    dimensions=DIMENSIONS,
    references=(sources.RELATIONSHIP_FLOWER, sources.CROSBY_EVANS_COWLES_1990),
    caveats=(
        (
            "Vi har ikke funnet en forskningskilde for relasjonsblomsten; den er en praktisk "
            "sjekkliste, ikke en teori."
        ),
    ),
)
