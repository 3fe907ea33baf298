"""Made-up sample data for the calculators that read a table: the page shows their results.

Every firm, person and number here is invented; the running case's firms (Vestvik
Emballasje and its customer Kvitholmen Sjømat) lend their names. Each sample is shaped like
a Norwegian Excel export (``;`` between cells, dates as ``31.12.2025``, a header row) and
holds a line or two the reader cannot use, so the page shows how such lines are listed.
"""

from __future__ import annotations

#: Vestvik Emballasje's customer survey, first half of 2025: 60 answers (30 per quarter),
#: one written in words and one left blank.
NPS_ANSWERS = """\
Besvart;Kunde;Hvor sannsynlig er det at du vil anbefale Vestvik Emballasje til en kollega?;Kommentar
01.01.2025;Bjørkely Bryggeri;5;
03.01.2025;Sjøbris Catering;10;Alltid presise
04.01.2025;Heggvik Dyrefôr;9;
06.01.2025;Nordvåg Fisk;7;
16.01.2025;Heggvik Dyrefôr;7;
18.01.2025;Brattli Bakeri;6;Eskene var for myke i kjølerommet
22.01.2025;Sjøbris Catering;8;
23.01.2025;Heggvik Dyrefôr;9;
28.01.2025;Sjøbris Catering;6;
01.02.2025;Nordvåg Fisk;8;
04.02.2025;Solstrand Kjøtt;10;
06.02.2025;Brattli Bakeri;10;
08.02.2025;Nordvåg Fisk;10;
12.02.2025;Storøy Fiskemottak;7;
13.02.2025;Havbris Røkeri;9;
14.02.2025;Rognstad Iskrem;ti;Skrev svaret med bokstaver
15.02.2025;Solstrand Kjøtt;7;
18.02.2025;Fjellstøl Meieri;4;
20.02.2025;Kvitholmen Sjømat;0;"Feil strekkode på eskene; pallene ble avvist"
20.02.2025;Osvik Mølle;9;
28.02.2025;Vassbotn Sylteri;6;
06.03.2025;Ytre Lia Gartneri;9;
09.03.2025;Granheim Pølsemakeri;7;
09.03.2025;Fjellstøl Meieri;9;
12.03.2025;Solstrand Kjøtt;7;
13.03.2025;Kvitholmen Sjømat;0;
13.03.2025;Nordvåg Fisk;3;
19.03.2025;Fjellstøl Meieri;7;
20.03.2025;Storøy Fiskemottak;9;
24.03.2025;Kvitholmen Sjømat;9;Feilen ble rettet over natta
26.03.2025;Lundevik Frukt;3;
01.04.2025;Vassbotn Sylteri;10;
04.04.2025;Granheim Pølsemakeri;9;
07.04.2025;Lundevik Frukt;9;
08.04.2025;Brattli Bakeri;9;
12.04.2025;Vassbotn Sylteri;7;
16.04.2025;Sjøbris Catering;10;
16.04.2025;Rognstad Iskrem;7;
17.04.2025;Kvitholmen Sjømat;10;Ny eske tåler fukten
17.04.2025;Fjellstøl Meieri;9;
18.04.2025;Lundevik Frukt;8;
20.04.2025;Vassbotn Sylteri;10;
23.04.2025;Lundevik Frukt;0;
23.04.2025;Heggvik Dyrefôr;9;
23.04.2025;Bjørkely Bryggeri;10;
25.04.2025;Lundevik Frukt;7;
26.04.2025;Sjøbris Catering;6;
07.05.2025;Solstrand Kjøtt;8;
10.05.2025;Brattli Bakeri;2;"Leveransen kom for sent,
så vi måtte utsette bakingen"
12.05.2025;Granheim Pølsemakeri;9;
15.05.2025;Vassbotn Sylteri;6;
16.05.2025;Ytre Lia Gartneri;8;
19.05.2025;Fjellstøl Meieri;10;
21.05.2025;Heggvik Dyrefôr;8;
24.05.2025;Ytre Lia Gartneri;8;
24.05.2025;Vassbotn Sylteri;10;
27.05.2025;Granheim Pølsemakeri;8;
02.06.2025;Bjørkely Bryggeri;;Hoppet over spørsmålet
11.06.2025;Storøy Fiskemottak;5;
12.06.2025;Fjellstøl Meieri;10;
12.06.2025;Vassbotn Sylteri;10;
20.06.2025;Heggvik Dyrefôr;9;
"""

#: Vestvik Emballasje's support cases, first quarter of 2025: 40 answers on 1–5 and one 6.
CSAT_ANSWERS = """\
Saksnummer;Lukket;Hvor fornøyd er du med hjelpen du fikk? (1–5)
S-2501;28.01.2025;4
S-2502;06.01.2025;4
S-2503;10.01.2025;2
S-2504;11.01.2025;4
S-2505;07.01.2025;5
S-2506;18.01.2025;4
S-2507;22.01.2025;5
S-2508;21.01.2025;5
S-2509;07.01.2025;4
S-2510;06.01.2025;3
S-2511;23.01.2025;4
S-2512;07.01.2025;5
S-2513;13.01.2025;5
S-2514;10.01.2025;5
S-2515;01.02.2025;2
S-2516;12.02.2025;4
S-2517;14.02.2025;3
S-2518;06.02.2025;3
S-2519;05.02.2025;4
S-2520;09.02.2025;3
S-2521;03.02.2025;1
S-2522;11.02.2025;5
S-2523;10.02.2025;4
S-2524;27.02.2025;5
S-2525;20.02.2025;4
S-2526;19.02.2025;4
S-2527;01.02.2025;3
S-2528;20.03.2025;5
S-2529;22.03.2025;5
S-2530;23.03.2025;4
S-2531;11.03.2025;5
S-2532;03.03.2025;3
S-2533;10.03.2025;2
S-2534;12.03.2025;4
S-2535;27.03.2025;5
S-2536;10.03.2025;1
S-2537;16.03.2025;5
S-2538;23.03.2025;4
S-2539;11.03.2025;4
S-2540;06.03.2025;5
S-2541;28.03.2025;6
"""

#: Five colleagues at Vestvik Emballasje score the relationship with Kvitholmen Sjømat on
#: the relationship flower; they disagree most on the economic terms.
RELATIONSHIP_SCORES = """\
Vurdert av;Sosial kompetanse;Kompetanse;Tilgjengelighet;Produkter og tjenester;\
Økonomiske betingelser;Viktighet: sosial kompetanse;Viktighet: kompetanse;\
Viktighet: tilgjengelighet;Viktighet: produkter og tjenester;Viktighet: økonomiske betingelser
Salg;6;6;5;5;3;5;6;4;6;7
Kundeservice;5;6;4;5;4;5;6;5;6;6
Produksjon;6;7;5;6;2;4;6;4;7;7
Logistikk;5;6;3;5;5;5;5;6;6;6
Økonomi;6;5;5;6;6;5;6;4;6;7
"""

#: The same five colleagues on Grunig's seven aspects of the relationship, without
#: importance columns (so every aspect weighs the same); openness divides them most.
IMPORTANCE_SCORES = """\
Vurdert av;Balanse;Tillit;Troverdighet;Legitimitet;Åpenhet;Gjensidig tilfredshet;\
Gjensidig forståelse
Salg;6;6;6;7;6;6;5
Kundeservice;5;6;6;7;4;5;5
Produksjon;5;5;6;6;3;5;4
Logistikk;4;5;5;6;2;4;4
Økonomi;6;6;7;7;5;6;5
"""

#: The same five colleagues on the four focus areas, with how much each area matters to
#: the customer; they disagree most on accuracy (logistics sees the late deliveries).
FOCUS_SCORES = """\
Vurdert av;Nøyaktighet;Tilgjengelighet;Tilpasning;Rådgivning;Viktighet: nøyaktighet;\
Viktighet: tilgjengelighet;Viktighet: tilpasning;Viktighet: rådgivning
Salg;6;5;6;5;7;6;5;6
Kundeservice;5;4;5;5;7;7;5;5
Produksjon;6;5;4;4;6;6;5;5
Logistikk;2;5;4;4;7;6;4;5
Økonomi;5;6;5;3;6;5;4;5
"""

#: Vestvik Emballasje's customer list from the CRM: 40 customers since 2022 and two
#: lines that cannot be used (a date that does not exist, an end before its start).
CUSTOMERS = """\
Kundenr;Kunde;Kunde siden;Sluttet
K-1001;Kvitholmen Sjømat;25.09.2024;
K-1002;Brattli Bakeri;01.04.2025;
K-1003;Nordvåg Fisk;05.02.2023;21.05.2025
K-1004;Sjøbris Catering;15.10.2022;
K-1005;Ytre Lia Gartneri;01.10.2023;
K-1006;Fjellstøl Meieri;01.01.2022;11.03.2022
K-1007;Havbris Røkeri;17.10.2024;22.09.2025
K-1008;Solstrand Kjøtt;14.08.2022;
K-1009;Lundevik Frukt;25.12.2022;01.11.2023
K-1010;Bjørkely Bryggeri;01.07.2022;28.11.2022
K-1011;Storøy Fiskemottak;01.04.2022;
K-1012;Granheim Pølsemakeri;13.07.2024;
K-1013;Vassbotn Sylteri;03.11.2023;25.01.2024
K-1014;Heggvik Dyrefôr;01.03.2022;16.06.2022
K-1015;Rognstad Iskrem;15.11.2023;
K-1016;Osvik Mølle;04.07.2023;
K-1017;Tindeland Te;26.01.2023;
K-1018;Kråkenes Smoothie;01.04.2022;
K-1019;Hestnes Hermetikk;07.01.2022;
K-1020;Leirvåg Sjokolade;10.10.2022;
K-1021;Moldstad Ost;01.02.2022;
K-1022;Fagerli Saft;20.10.2022;
K-1023;Nesheim Rakfisk;01.10.2024;
K-1024;Aurvoll Kaffe;27.05.2023;
K-1025;Skarstein Potetgull;18.03.2023;20.05.2024
K-1026;Vikna Tare;01.07.2022;08.01.2024
K-1027;Birkeland Baker;20.05.2024;
K-1028;Dalsfjord Laks;03.03.2025;
K-1029;Eikrem Egg;01.05.2022;
K-1030;Flåm Honning;15.02.2022;01.05.2022
K-1031;Gjerde Grønt;05.09.2024;11.03.2025
K-1032;Hovda Hvetemel;01.03.2025;
K-1033;Innvik Is;02.12.2024;
K-1034;Jølster Juice;05.12.2022;
K-1035;Kaupanger Kjeks;24.08.2022;05.09.2024
K-1036;Lærdal Lefse;01.06.2024;
K-1037;Myklebust Müsli;01.07.2022;
K-1038;Nordfjord Nøtter;13.10.2022;
K-1039;Olden Olivenolje;01.02.2022;24.12.2022
K-1040;Prestvik Pasta;23.07.2024;
K-1041;Stryn Snacks;12.05.2024;30.02.2025
K-1042;Tafjord Taco;15.03.2024;01.02.2024
"""
