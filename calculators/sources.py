"""References and caveats that several calculators share, written once.

References follow SOURCES.md. Where SOURCES.md marks a detail as not re-read, the reference
says so in Norwegian instead of guessing page numbers or editions.
"""

from __future__ import annotations

GUPTA_LEHMANN_2003 = (
    "Gupta, S. & Lehmann, D. R. (2003). Customers as Assets. "
    "Journal of Interactive Marketing, 17(1), 9–24."
)
GUPTA_LEHMANN_STUART_2004 = (
    "Gupta, S., Lehmann, D. R. & Stuart, J. A. (2004). Valuing Customers. "
    "Journal of Marketing Research, 41(1), 7–18."
)
REICHHELD_SASSER_1990 = (
    "Reichheld, F. F. & Sasser, W. E. (1990). Zero Defections: Quality Comes to Services. "
    "Harvard Business Review, 68(5), 105–111."
)
GALLO_2014 = (
    "Gallo, A. (2014, 29. oktober). The Value of Keeping the Right Customers. "
    "Harvard Business Review (HBR.org)."
)
SHARP = (
    "Byron Sharp om kundebevaring: han finner ingen data som viser at det generelt koster fem "
    "ganger så mye å skaffe en kunde som å beholde en, og viser at Reichheld og Sassers "
    "overskuddstall er regnet ut i et tankeeksperiment, ikke målt. Se Sharp, B. (2010). How "
    "Brands Grow. Oxford University Press (sidetall ikke kontrollert)."
)
SKOK = (
    "Skok, D. (u.å.). SaaS Metrics 2.0 – A Guide to Measuring and Improving What Matters. "
    "forEntrepreneurs.com."
)
REICHHELD_2003 = (
    "Reichheld, F. F. (2003). The One Number You Need to Grow. Harvard Business Review, "
    "81(12), 46–54."
)
FOURNIER_1998 = (
    "Fournier, S. (1998). Consumers and Their Brands: Developing Relationship Theory in "
    "Consumer Research. Journal of Consumer Research, 24(4), 343–373."
)
MORGAN_HUNT_1994 = (
    "Morgan, R. M. & Hunt, S. D. (1994). The Commitment-Trust Theory of Relationship "
    "Marketing. Journal of Marketing, 58(3), 20–38."
)
CROSBY_EVANS_COWLES_1990 = (
    "Crosby, L. A., Evans, K. R. & Cowles, D. (1990). Relationship Quality in Services "
    "Selling: An Interpersonal Influence Perspective. Journal of Marketing, 54(3), 68–81."
)
HON_GRUNIG_1999 = (
    "Hon, L. C. & Grunig, J. E. (1999). Guidelines for Measuring Relationships in Public "
    "Relations. Institute for Public Relations."
)
GRUNIG_2012 = (
    "Grunig, J. E. (2012), s. 84, slik det er gjengitt i kursmateriell om kunderelasjoner "
    "(fullstendig referanse ikke kontrollert)."
)
GRUNIG_GRUNIG_EHLING_1992 = (
    "Grunig, L. A., Grunig, J. E. & Ehling, W. P. (1992). I J. E. Grunig (red.), Excellence "
    "in Public Relations and Communication Management. Lawrence Erlbaum "
    "(sannsynlig opphav til de sju aspektene, ikke kontrollert)."
)
BERG_2009 = (
    "Berg (2009), s. 254, slik det er gjengitt i kursmateriell om kunderelasjoner "
    "(fullstendig referanse ikke kontrollert)."
)
BUCKINGHAM_COFFMAN_1999 = (
    "Buckingham, M. & Coffman, C. (1999). First, Break All the Rules: What the World's "
    "Greatest Managers Do Differently. Simon & Schuster. (Gallups hierarki av "
    "kundeforventninger: nøyaktighet, tilgjengelighet, partnerskap, rådgivning.)"
)
RELATIONSHIP_FLOWER = (
    "Relasjonsblomsten slik den er beskrevet i kursmateriell om kunderelasjoner; vi har ikke "
    "funnet en primærkilde. Ikke forveksle den med Lovelocks «Flower of Service» med åtte "
    "kronblad."
)
WILSON_1927 = (
    "Wilson, E. B. (1927). Probable Inference, the Law of Succession, and Statistical "
    "Inference. Journal of the American Statistical Association, 22(158), 209–212."
)
FADER_HARDIE_2007 = (
    "Fader, P. S. & Hardie, B. G. S. (2007). How to Project Customer Retention. Journal of "
    "Interactive Marketing, 21(1), 76–90 (ikke kontrollert mot originalen)."
)
TWO_SAMPLE_Z = (
    "Forskjellen mellom to perioder er testet med en z-test for to uavhengige utvalg "
    "(normaltilnærming, 95 %, grense 1,96)."
)
NORMAL_APPROXIMATION = (
    "Feilmarginen bruker normaltilnærmingen for en andel (Wald-intervall, 95 %, z = 1,96)."
)

SAME_PERIOD = (
    "Alle satser gjelder samme periode (for eksempel ett år eller én måned). Blander du "
    "årstall og månedstall, blir svaret feil."
)
SELF_ASSESSMENT = (
    "Dette er et verktøy for egenvurdering, ikke en validert måleskala. Bruk resultatet som "
    "utgangspunkt for en samtale, gjerne sammen med kundens egne svar."
)
SELF_ASSESSMENT_WEIGHTS = (
    "Indeksen veier hver dimensjon med hvor viktig du mener den er for kunden. Ulike "
    "vekter gir ulike svar, så skriv ned hvorfor du valgte dem."
)
FIVE_TIMES_RULE = (
    "Påstanden om at det koster minst fem ganger så mye å skaffe en ny kunde som å beholde "
    "en eksisterende, er en tommelfingerregel. Forholdet varierer mye mellom bransjer, og "
    "Byron Sharp har påpekt at det ikke finnes data som viser regelen generelt. Bruk dine "
    "egne tall."
)
SMALL_SAMPLE = (
    "Med få svar er feilmarginen stor og normaltilnærmingen unøyaktig; tolk små utvalg "
    "med forsiktighet."
)
OWN_DATA = (
    "Resultatet er aldri bedre enn tabellen: sjekk at riktige kolonner er brukt, og se på "
    "linjene som ikke kunne leses. Eksempeldataene på siden er oppdiktet."
)
FADER_HARDIE_HETEROGENEITY = (
    "Kundebevaringen for alle kundene under ett stiger gjerne jo lenger kundene har vært "
    "kunder. Det betyr ikke nødvendigvis at hver kunde blir mer lojal: de som lett slutter, "
    "forsvinner tidlig, og de som blir igjen, er de mest lojale fra starten (Fader og Hardie "
    "kaller det heterogenitet). En gammel kundemasse gir derfor høyere tall enn en ny."
)
