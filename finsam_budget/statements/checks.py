"""The identities the statements must satisfy, each with the difference found.

* every account with an amount belongs to a line of the mapping;
* where the file has both, #RES 0 equals the vouchers' sum for every result account;
* assets = equity + provisions + liabilities, at each year end shown;
* opening equity + årets resultat = closing equity;
* opening cash + årets kassaflöde = kassa och bank at the year's end.
"""

from __future__ import annotations

from decimal import Decimal

from finsam_budget.constants import ZERO
from finsam_budget.mapping import RR_GROUPS
from finsam_budget.money import format_amount
from finsam_budget.statements.context import LAST, THIS, Context
from finsam_budget.statements.model import Check
from finsam_budget.tables import Add, Derived, Ref

LISTED = 10  # accounts named in a message before "…"


def kr(amount: Decimal) -> str:
    return f"{format_amount(amount)} kr"


def _listed(items: list[str]) -> str:
    return ", ".join(items[:LISTED]) + (" …" if len(items) > LISTED else "")


def run_checks(ctx: Context) -> list[Check]:
    checks = [_unmapped(ctx)]
    vouchers = _res_against_vouchers(ctx)
    if vouchers is not None:
        checks.append(vouchers)
    br, kf = ctx.tables["br"], ctx.tables["kf"]
    for heading, column in ((c.heading, c.key) for c in br.columns):
        book = ctx.book(column)
        difference = br.amount("check", column) or ZERO
        detail = (
            f"tillgångar {kr(br.amount('assets', column) or ZERO)}, eget kapital, avsättningar och skulder "
            f"{kr(br.amount('equity_and_liabilities', column) or ZERO)}"
        )
        if difference and not book.result_booked:
            detail += (
                f"; balanskontona summerar till {kr(book.unbalanced)} (ett ej bokfört resultat) men årets resultat "
                f"är {kr(book.result)}" + ("" if book.has_results else " (filen saknar #RES för året)")
            )
        name = f"Balansräkningen {heading}: tillgångar = eget kapital, avsättningar och skulder"
        checks.append(Check(name, difference, detail, _cells(difference, (1, Ref("br", "check", column)))))
    if br.has_column(LAST):
        opening, closing = br.amount("equity", LAST) or ZERO, br.amount("equity", THIS) or ZERO
        result = ctx.tables["rr"].amount("result", THIS) or ZERO
        other = kf.amount("other_equity", THIS) or ZERO
        difference = opening + result + other - closing
        terms = [(1, Ref("br", "equity", LAST)), (1, Ref("rr", "result", THIS))]
        name = "Eget kapital: ingående + årets resultat = utgående"
        detail = f"ingående {kr(opening)} + årets resultat {kr(result)}, utgående {kr(closing)}"
        if other:
            # A dividend, a withdrawal or a correction of the opening balance: shown, not an error.
            terms.append((1, Ref("kf", "other_equity", THIS)))
            name = "Eget kapital: ingående + årets resultat + övriga förändringar = utgående"
            detail = (
                f"ingående {kr(opening)} + årets resultat {kr(result)} + övriga förändringar {kr(other)}, "
                f"utgående {kr(closing)}"
            )
            ctx.warn(
                f"eget kapital har ändrats med {kr(other)} utöver årets resultat (en utdelning, ett uttag eller "
                "en rättelse av ingående balans); beloppet redovisas på raden \"Övriga förändringar av eget "
                "kapital\" i kassaflödesanalysen"
            )
        checks.append(Check(name, difference, detail, _cells(difference, *terms, (-1, Ref("br", "equity", THIS)))))
    for column in (c.key for c in kf.columns):
        difference = kf.amount("check", column) or ZERO
        year = "" if column == THIS else f" ({ctx.book(column).data.year})"
        checks.append(
            Check(
                "Kassaflödet: likvida medel vid årets början + årets kassaflöde = kassa och bank vid årets slut"
                + year,
                difference,
                f"likvida medel vid årets slut enligt kassaflödesanalysen {kr(kf.amount('cash_end', column) or ZERO)}",
                _cells(difference, (1, Ref("kf", "check", column))),
            )
        )
    return checks


def _cells(difference: Decimal, *terms: tuple[int, Ref]) -> Derived:
    """The difference as the signed sum of the statement cells it comes from."""
    return Derived(Add(tuple(terms)), difference)


def is_statistical(account: str) -> bool:
    """Class 0 and 9: statistical and internal accounts outside the statements (BAS, Kommun-Bas)."""
    return account[:1] in ("0", "9")


def _unmapped(ctx: Context) -> Check:
    found: dict[str, Decimal] = {}
    for index in sorted(ctx.books, reverse=True):
        book = ctx.books[index]
        statistical = {a: amount for a, amount in book.unmapped.items() if is_statistical(a)}
        if statistical and sum(statistical.values(), ZERO) == 0:
            listed = [f"{account} ({kr(amount)})" for account, amount in statistical.items()]
            ctx.info(
                f"{book.data.year}: statistikkonton (klass 0 och 9) som summerar till 0 hör inte till bokslutet "
                f"och räknas inte i kontrollen av mappningen: {_listed(listed)}"
            )
        else:
            statistical = {}
        for account, amount in book.unmapped.items():
            if account not in statistical:
                found.setdefault(account, amount)
    listed = [f"{account} ({kr(amount)})" for account, amount in sorted(found.items())]
    return Check(
        f"Alla konton med belopp hör till en rad ({ctx.mapping.source})",
        sum((abs(a) for a in found.values()), ZERO),
        f"konton utan rad: {_listed(listed)}; lägg till dem i en mappningsfil (--mapping)" if found else "",
    )


def _res_against_vouchers(ctx: Context) -> Check | None:
    sie = ctx.sie
    res = {account: amount for (year, account), amount in sie.res.items() if year == 0}
    if not res or not sie.voucher_count:
        return None
    differences = []
    total = ZERO
    for account in sorted(set(res) | set(sie.transactions)):
        line = ctx.mapping.line_for(account)
        if line is None or line.group not in RR_GROUPS:
            continue
        difference = res.get(account, ZERO) - sie.transactions.get(account, ZERO)
        if difference:
            total += abs(difference)
            differences.append(f"{account} ({kr(difference)})")
    return Check(
        "Resultatkontona: #RES 0 = verifikationernas summa",
        total,
        f"konton där #RES 0 och verifikationerna skiljer sig: {_listed(differences)}" if differences else "",
    )
