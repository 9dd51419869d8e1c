"""SIE 4 files for tests, written from plain data: a chart, balances and vouchers.

``Ledger`` keeps the books the way an accounting system does: opening balances,
vouchers, and from them the closing balances and year results, so the file it
writes always satisfies IB + transactions = UB. ``close_year`` books the result
to equity (the closing entry on 8999 against 2099) for the "result booked" case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ZERO = Decimal(0)


def amount_text(amount: Decimal) -> str:
    return f"{Decimal(amount):.2f}"


def quoted(text: str) -> str:
    """A string field: in quotes, with \\ and \" escaped as the standard says."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def is_balance(account: str) -> bool:
    return account[:1] in ("1", "2")


@dataclass
class Ledger:
    """One year's books (year 0) and, optionally, earlier years' closing figures."""

    name: str = "Samordningsförbundet Test"
    program: str = "finsam-tester"
    year: int = 2022
    accounts: dict[str, str] = field(default_factory=dict)
    opening: dict[str, Decimal] = field(default_factory=dict)  # #IB 0, file signs
    vouchers: list[tuple[str, str, list[tuple[str, Decimal]]]] = field(default_factory=list)
    earlier_ub: dict[int, dict[str, Decimal]] = field(default_factory=dict)  # year index -> #UB
    earlier_res: dict[int, dict[str, Decimal]] = field(default_factory=dict)  # year index -> #RES
    extra: list[str] = field(default_factory=list)  # raw lines added after the chart

    def voucher(self, date: str, text: str, *rows: tuple[str, Decimal | int | str]) -> None:
        parsed = [(account, Decimal(str(amount))) for account, amount in rows]
        assert sum((a for _, a in parsed), ZERO) == 0, f"voucher {text} does not balance"
        self.vouchers.append((date, text, parsed))

    def movements(self) -> dict[str, Decimal]:
        moved: dict[str, Decimal] = {}
        for _, _, rows in self.vouchers:
            for account, amount in rows:
                moved[account] = moved.get(account, ZERO) + amount
        return moved

    def closing(self) -> dict[str, Decimal]:
        balances = dict(self.opening)
        for account, amount in self.movements().items():
            if is_balance(account):
                balances[account] = balances.get(account, ZERO) + amount
        return balances

    def results(self) -> dict[str, Decimal]:
        return {a: m for a, m in self.movements().items() if not is_balance(a)}

    def profit(self) -> Decimal:
        """The year's result as a positive profit (income − costs)."""
        return -sum((a for acc, a in self.results().items() if not acc.startswith("89")), ZERO)

    def close_year(self, date: str | None = None) -> None:
        """Book the result to equity: 8999 Årets resultat against 2099."""
        profit = self.profit()
        self.accounts.setdefault("8999", "Årets resultat")
        self.accounts.setdefault("2099", "Årets resultat")
        self.voucher(
            date or f"{self.year}1231", "Bokslut: årets resultat", ("8999", profit), ("2099", -profit)
        )

    def text(self, *, res: bool = True, ub: bool = True, vouchers: bool = True) -> str:
        lines = [
            "#FLAGGA 0",
            f"#PROGRAM {quoted(self.program)} 1.0",
            "#FORMAT PC8",
            f"#GEN {self.year + 1}0215",
            f"#SIETYP {4 if vouchers and self.vouchers else 3}",
            f"#FNAMN {quoted(self.name)}",
            "#ORGNR 222000-0000",
        ]
        indexes = sorted(
            {0, *self.earlier_ub, *self.earlier_res, *([-1] if self.opening else [])}, reverse=True
        )
        for index in indexes:
            year = self.year + index
            lines.append(f"#RAR {index} {year}0101 {year}1231")
        lines.append('#KPTYP "Kommun-Bas 19"')
        for account, name in sorted(self.accounts.items()):
            lines.append(f"#KONTO {account} {quoted(name)}")
        lines += self.extra
        for account, amount in sorted(self.opening.items()):
            lines.append(f"#IB 0 {account} {amount_text(amount)}")
        if ub:
            for account, amount in sorted(self.closing().items()):
                lines.append(f"#UB 0 {account} {amount_text(amount)}")
        for index, balances in sorted(self.earlier_ub.items(), reverse=True):
            for account, amount in sorted(balances.items()):
                lines.append(f"#UB {index} {account} {amount_text(amount)}")
        if res:
            for account, amount in sorted(self.results().items()):
                lines.append(f"#RES 0 {account} {amount_text(amount)}")
        for index, results in sorted(self.earlier_res.items(), reverse=True):
            for account, amount in sorted(results.items()):
                lines.append(f"#RES {index} {account} {amount_text(amount)}")
        if vouchers:
            for number, (date, text, rows) in enumerate(self.vouchers, start=1):
                lines.append(f"#VER A {number} {date} {quoted(text)}")
                lines.append("{")
                for account, amount in rows:
                    lines.append(f"   #TRANS {account} {{}} {amount_text(amount)}")
                lines.append("}")
        return "\r\n".join(lines) + "\r\n"

    def write(self, folder: Path, name: str = "bok.se", encoding: str = "cp437", **options) -> Path:
        path = Path(folder) / name
        path.write_bytes(self.text(**options).encode(encoding))
        return path
