"""Checks across a whole SIE file, run after reading: IB + transactions = UB."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from finsam_budget.constants import ZERO
from finsam_budget.money import format_amount
from finsam_budget.problems import Problem


def kr(amount: Decimal) -> str:
    """An amount for a message: ``1 500,00 kr``."""
    return f"{format_amount(amount, ore=True)} kr"


def is_balance_account(account: str) -> bool:
    """Class 1 (assets) and class 2 (equity and liabilities) carry balances between years."""
    return account[:1] in ("1", "2")


def balance_account_problems(
    file: str,
    ib: Mapping[tuple[int, str], Decimal],
    ub: Mapping[tuple[int, str], Decimal],
    ub_lines: Mapping[str, int],
    transactions: Mapping[str, Decimal],
) -> list[Problem]:
    """Every balance account whose year-0 IB plus transactions is not its UB.

    A missing #IB or #UB counts as zero, as the standard says of missing balances.
    """
    accounts = {a for (year, a) in ib if year == 0} | {a for (year, a) in ub if year == 0}
    accounts |= set(transactions)
    problems = []
    for account in sorted(a for a in accounts if is_balance_account(a)):
        opening = ib.get((0, account), ZERO)
        moved = transactions.get(account, ZERO)
        closing = ub.get((0, account), ZERO)
        difference = opening + moved - closing
        if difference:
            shown_ub = kr(closing) if (0, account) in ub else "0 (saknas)"
            problems.append(
                Problem(
                    file,
                    f"konto {account}: IB {kr(opening)} + transaktioner {kr(moved)} "
                    f"= {kr(opening + moved)}, men #UB är {shown_ub}: differens {kr(difference)}",
                    line=ub_lines.get(account),
                )
            )
    return problems
