"""The published FinsamGotland budget plan 2022, figure by figure (shared/reference).

Transcribed here so that the tests run without shared/. Each row: the label the
plan workbook uses for that row → {year: published figure}.
"""

ROWS = {
    "Försäkringskassan": {2021: 2162000, 2022: 2162000, 2023: 2130000, 2024: 2120000},
    "Region Gotland": {2021: 2162000, 2022: 2162000, 2023: 2130000, 2024: 2120000},
    "Eget kapital/sparade medel (ingående)": {2021: 1921312, 2022: 1828177, 2023: 650000, 2024: 600000},
    "TOTALT: Intäkter och eget kapital": {2021: 6248312, 2022: 6152177, 2023: 4910000, 2024: 4840000},
    "Beredande tjänsteman 1.0, administratör (deltid)": {2021: 1175652, 2022: 900000, 2023: 920000, 2024: 940000},
    "Revisionskostnader": {2021: 47600, 2022: 47600, 2023: 47600, 2024: 47600},
    "Telefoni, webbplats, databehandling": {2021: 30000, 2022: 35000, 2023: 35000, 2024: 35000},
    "Kurser, konferenser, resor": {2021: 60000, 2022: 70000, 2023: 70000, 2024: 70000},
    "Avgifter: bank, fakturering mm": {2021: 5200, 2022: 5200, 2023: 5200, 2024: 5200},
    "Förbrukning: lokaler, böcker, tidskrifter, kontorsmaterial mm": {2021: 45000, 2022: 45000, 2023: 45000, 2024: 45000},
    "Medlems- och serviceavgifter (Pacta, NNS)": {2021: 20180, 2022: 21180, 2023: 21180, 2024: 21180},
    "Inköpta tjänster: ekonomi": {2021: 100000, 2022: 100000, 2023: 100000, 2024: 100000},
    "Inköpta tjänster: lönehantering": {2021: 6000, 2022: 6000, 2023: 6000, 2024: 6000},
    "Styrelsen": {2021: 30000, 2022: 30000, 2023: 30000, 2024: 30000},
    "Representation, intern och extern": {2021: 15000, 2022: 20000, 2023: 20000, 2024: 20000},
    "TOTALT: Kostnader administration": {2021: 1534632, 2022: 1279980, 2023: 1299980, 2024: 1319980},
    "Inspiration Finsam och övriga föreläsningar": {2021: 180000, 2022: 200000, 2023: 150000, 2024: 150000},
    "Frukostmöten": {2021: 40000, 2022: 70000, 2023: 60000, 2024: 60000},
    "Metodutbildningar: ex MI, IPS, BIP (inkl. utvecklingsnätverk)": {2021: 250000, 2022: 250000, 2023: 150000, 2024: 150000},
    "Indikatorerna och övriga verktyg för utveckling": {2021: 10000, 2022: 10000, 2023: 11000, 2024: 11000},
    "Konsulttjänster: utveckling av ny verksamhet, utvärdering": {2021: 100000, 2022: 200000, 2023: 50000, 2024: 50000},
    "Finsams pris, dialogmöten och övriga samverkansinsatser": {2021: 165000, 2022: 170000, 2023: 75000, 2024: 50000},
    "Kostnader: utvecklingsinsatser": {2021: 745000, 2022: 900000, 2023: 496000, 2024: 471000},
    "JobbSam 3.0": {2021: 2203500, 2022: 2185000, 2023: 2250550, 2024: 2320000},
    "Hälsobalans": {2021: 560000},
    "JobbSam 3.0: Språkstöd": {2022: 50000, 2023: 25000},
    "Kostnader: projekt": {2021: 2763500, 2022: 2235000, 2023: 2275550, 2024: 2320000},
    "TOTALT: Kostnader verksamhet (utvecklingsinsatser och projekt)": {2021: 3508500, 2022: 3135000, 2023: 2771550, 2024: 2791000},
    "TOTALT: Kostnader administration och verksamhet": {2021: 5043132, 2022: 4414980, 2023: 4071530, 2024: 4110980},
    "Utrymme för ny verksamhet (rimligt överskott till kommande år)": {2021: 1205180, 2022: 1087197, 2023: 238470, 2024: 129020},
    "Reserv: eget kapital som behålls till nästa år": {2022: 650000, 2023: 600000, 2024: 600000},
}

#: The published totals that do not add up to their own lines: (row, year) → computed value.
WRONG = {
    ("TOTALT: Intäkter och eget kapital", 2021): 6245312,
    ("Utrymme för ny verksamhet (rimligt överskott till kommande år)", 2021): 1202180,
}
