"""The books behind scenarios/exempel-bokslut-2022.se: a small federation's full year.

Samordningsförbundet Exempeldalen (fictitious): four members, two projects, a
chief and an administrator. The file is an export made before the closing entry,
so the year's result (171 953,10 kr) is not yet booked to equity; 2021 was
closed and its result is moved to balanserat eget kapital in April. Earlier
years back to 2018 are there as closing figures for the five-year overview.

    python -m tests.example_bokslut    # rewrites the shipped file
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.sie_factory import Ledger

EXAMPLE = Path(__file__).resolve().parents[1] / "scenarios" / "exempel-bokslut-2022.se"

ACCOUNTS = {
    "1510": "Kundfordringar",
    "1790": "Förutbetalda kostnader och upplupna intäkter",
    "1930": "Bankkonto",
    "2010": "Balanserat eget kapital",
    "2099": "Årets resultat",
    "2440": "Leverantörsskulder",
    "2710": "Personalens källskatt",
    "2730": "Lagstadgade sociala avgifter",
    "2920": "Upplupna semesterlöner",
    "2990": "Övriga upplupna kostnader",
    "3450": "Försäljning av tjänster till andra förbund",
    "3511": "Driftbidrag Försäkringskassan",
    "3512": "Driftbidrag Region Exempel",
    "3513": "Driftbidrag Ådals kommun",
    "3514": "Driftbidrag Örby kommun",
    "4611": "Projekt JobbVägen",
    "4612": "Projekt Hälsosteget",
    "4631": "Metodutbildningar (MI, IPS)",
    "4632": "Föreläsningar och frukostmöten",
    "5111": "Månadslöner",
    "5510": "Lagstadgade arbetsgivaravgifter",
    "5710": "Pensionskostnader",
    "6110": "Lokalhyra",
    "6410": "Kontorsmateriel",
    "6570": "Bankavgifter",
    "7310": "Köpta ekonomitjänster",
    "7320": "Revision",
    "7520": "Kurser och konferenser",
    "8420": "Ränteintäkter",
    "8520": "Räntekostnader",
}

OPENING = {  # #IB 0 = #UB -1: 2021 closed, its result still on 2099
    "1510": "30000",
    "1790": "24000",
    "1930": "897000",
    "2010": "-605000",
    "2099": "-95000",
    "2440": "-85000",
    "2710": "-28000",
    "2730": "-30000",
    "2920": "-60000",
    "2990": "-48000",
}

RESULTS_2021 = {
    "3450": "-80000",
    "3511": "-1950000",
    "3512": "-975000",
    "3513": "-487500",
    "3514": "-487500",
    "4611": "1250000",
    "4612": "600000",
    "4631": "150000",
    "4632": "55000",
    "5111": "1100000",
    "5510": "345620",
    "5710": "90000",
    "6110": "94000",
    "6410": "12980",
    "6570": "2200",
    "7310": "105000",
    "7320": "48000",
    "7520": "32800",
    "8420": "-600",
}

# Earlier years, closed: (contributions, other income, costs, equity at the year's end).
EARLIER = {
    -4: ("3800000", "0", "3900000", "540000"),
    -3: ("3900000", "40000", "3880000", "600000"),
    -2: ("3900000", "60000", "3955000", "605000"),
}

MEMBERS = (("3511", "1/2"), ("3512", "1/4"), ("3513", "1/8"), ("3514", "1/8"))


def _split(total: Decimal) -> dict[str, Decimal]:
    shares = {"1/2": Decimal("0.5"), "1/4": Decimal("0.25"), "1/8": Decimal("0.125")}
    return {account: total * shares[share] for account, share in MEMBERS}


def example_ledger() -> Ledger:
    ledger = Ledger(
        name="Samordningsförbundet Exempeldalen", program="Exempelbokföring", year=2022, accounts=dict(ACCOUNTS)
    )
    ledger.opening = {a: Decimal(v) for a, v in OPENING.items()}
    ledger.earlier_ub[-1] = dict(ledger.opening)
    ledger.earlier_res[-1] = {a: Decimal(v) for a, v in RESULTS_2021.items()}
    for index, (paid, other, costs, equity) in EARLIER.items():
        paid_, other_, costs_, equity_ = map(Decimal, (paid, other, costs, equity))
        result = paid_ + other_ - costs_
        results = {a: -v for a, v in _split(paid_).items()}
        if other_:
            results["3450"] = -other_
        results.update(
            {
                "4611": costs_ * Decimal("0.45"),
                "5111": costs_ * Decimal("0.40"),
                "7310": costs_ * Decimal("0.15"),
            }
        )
        ledger.earlier_res[index] = results
        liabilities = Decimal("150000")
        ledger.earlier_ub[index] = {
            "1930": equity_ + liabilities,
            "2010": -(equity_ - result),
            "2099": -result,
            "2440": -liabilities,
        }
    v = ledger.voucher
    # Contributions, quarterly in advance.
    for month in ("01", "04", "07", "10"):
        for account, amount in _split(Decimal("1000000")).items():
            v(f"2022{month}05", f"Driftbidrag {ACCOUNTS[account][12:]}", ("1930", amount), (account, -amount))
    # Sold staff time to a neighbouring federation.
    v("20220120", "Inbetalning faktura december 2021", ("1930", 30000), ("1510", -30000))
    for month in ("03", "06", "09"):
        v(f"2022{month}28", "Försäljning av handledartid", ("1930", 25000), ("3450", -25000))
    v("20221220", "Faktura handledartid hösten", ("1510", 45000), ("3450", -45000))
    # Salaries, employer's fees and pensions; tax and fees paid the month after.
    paid_tax, paid_fees = Decimal(28000), Decimal(30000)
    for month in range(1, 13):
        m = f"{month:02d}"
        v(
            f"2022{m}12",
            "Skatt och arbetsgivaravgifter",
            ("2710", paid_tax),
            ("2730", paid_fees),
            ("1930", -(paid_tax + paid_fees)),
        )
        paid_tax, paid_fees = Decimal(28500), Decimal(29849)
        v(f"2022{m}25", "Löner", ("5111", 95000), ("2710", -28500), ("1930", -66500))
        v(f"2022{m}25", "Arbetsgivaravgifter", ("5510", 29849), ("2730", -29849))
        v(f"2022{m}25", "Pensionspremie", ("5710", 8000), ("1930", -8000))
    v("20221231", "Semesterlöneskuld", ("5111", 4000), ("2920", -4000))
    # Premises: rent quarterly in advance; Q1 2022 was paid in December 2021.
    v("20220101", "Återföring förutbetald hyra", ("6110", 24000), ("1790", -24000))
    for month in ("04", "07", "10"):
        v(f"2022{month}01", "Lokalhyra kvartal", ("6110", 24000), ("1930", -24000))
    v("20221228", "Lokalhyra kvartal 1 2023", ("1790", 24000), ("1930", -24000))
    # Projects and development work, bought from the members.
    v("20220115", "Betalning JobbVägen kvartal 4 2021", ("2440", 85000), ("1930", -85000))
    for month in ("03", "06", "09"):
        v(f"2022{month}30", "JobbVägen kvartal", ("4611", 290000), ("1930", -290000))
    v("20221231", "JobbVägen kvartal 4", ("4611", 290000), ("2440", -290000))
    for month in ("06", "12"):
        v(f"2022{month}20", "Hälsosteget halvår", ("4612", 320000), ("1930", -320000))
    for date, amount in (("20220310", 60000), ("20220915", "62500"), ("20221110", 60000)):
        v(date, "Metodutbildning MI och IPS", ("4631", amount), ("1930", f"-{amount}"))
    v("20220520", "Frukostmöten våren", ("4632", "31850"), ("1930", "-31850"))
    v("20221020", "Föreläsning hösten", ("4632", "32500"), ("1930", "-32500"))
    # Administration.
    for date, amount in (("20220210", "4312.40"), ("20220615", "6120.00"), ("20221108", "4444.00")):
        v(date, "Kontorsmateriel", ("6410", amount), ("1930", f"-{amount}"))
    for month, amount in (("03", "592.81"), ("06", "592.81"), ("09", "592.81"), ("12", "592.82")):
        v(f"2022{month}30", "Bankavgifter", ("6570", amount), ("1930", f"-{amount}"))
    for month in ("03", "06", "09", "12"):
        v(f"2022{month}15", "Ekonomitjänster kvartal", ("7310", 27500), ("1930", -27500))
    v("20220101", "Återföring upplupen revision 2021", ("2990", 48000), ("7320", -48000))
    v("20220420", "Revision 2021", ("7320", 48000), ("1930", -48000))
    v("20221231", "Upplupen revision 2022", ("7320", 49500), ("2990", -49500))
    v("20220505", "Konferens Finsam", ("7520", 12400), ("1930", -12400))
    v("20221012", "Utbildning styrelsen", ("7520", 18800), ("1930", -18800))
    v("20221231", "Ränta bankkonto", ("1930", "1250.75"), ("8420", "-1250.75"))
    v("20220830", "Dröjsmålsränta", ("8520", 312), ("1930", -312))
    # The 2021 result to balanserat eget kapital (the board's decision in April).
    v("20220425", "Föregående års resultat balanseras", ("2099", 95000), ("2010", -95000))
    return ledger


if __name__ == "__main__":  # pragma: no cover
    EXAMPLE.write_bytes(example_ledger().text().encode("cp437"))
    print(f"Skrev {EXAMPLE}")
