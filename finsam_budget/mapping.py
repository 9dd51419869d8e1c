"""Which accounts make up which line of the resultaträkning and balansräkning.

An account is a string of digits (``"1930"``, ``"35110"``). A range is written
``"3500-3599"`` or as one account ``"3511"``, and covers its sub-accounts too: the
numbers are compared as if padded to six digits, the low end with zeros and the
high end with nines, so ``"3511"`` covers 3511 and 35110–35119, and
``"3500-3599"`` covers every account from 3500 to 359999.

The groups are fixed by the statements' structure (LKBR); the lines inside a group
are free. When ranges of several lines cover an account, the narrowest range
wins; the mapping reader refuses two lines whose equally narrow ranges overlap.
``DEFAULT_MAPPING`` follows Kommun-Bas (see the README's table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WIDTH = 6  # digits every account and range end is padded to
_RANGE = re.compile(r"([0-9]{1,6})(?:[ \t]*-[ \t]*([0-9]{1,6}))?", re.ASCII)

#: Groups of the resultaträkning, in statement order, with their Swedish headings.
RR_GROUPS = {
    "income": "Verksamhetens intäkter",
    "costs": "Verksamhetens kostnader",
    "financial_income": "Finansiella intäkter",
    "financial_costs": "Finansiella kostnader",
}
#: Groups of the balansräkning, in statement order.
BR_GROUPS = {
    "fixed_assets": "Anläggningstillgångar",
    "inventory": "Förråd",
    "receivables": "Kortfristiga fordringar",
    "short_term_investments": "Kortfristiga placeringar",
    "cash": "Kassa och bank",
    "equity": "Eget kapital",
    "provisions": "Avsättningar",
    "long_term_liabilities": "Långfristiga skulder",
    "short_term_liabilities": "Kortfristiga skulder",
}
#: Accounts that carry the year's result over to equity (BAS 8999 "Årets resultat"):
#: neither statement counts them, or a booked result would be counted twice.
CLOSING_GROUP = "closing"
GROUPS = {**RR_GROUPS, **BR_GROUPS, CLOSING_GROUP: "Årets resultat (bokslutskonto, räknas inte)"}

ASSET_GROUPS = ("fixed_assets", "inventory", "receivables", "short_term_investments", "cash")
CURRENT_ASSET_GROUPS = ASSET_GROUPS[1:]
LIABILITY_GROUPS = ("long_term_liabilities", "short_term_liabilities")


def account_number(account: str) -> int | None:
    """An account as a six-digit number (``"1930"`` → 193000); None for anything but digits."""
    text = account.strip()
    if not text.isascii() or not text.isdigit():
        return None
    return int(text[:WIDTH].ljust(WIDTH, "0"))


@dataclass(frozen=True)
class AccountRange:
    """Accounts from ``low`` to ``high`` inclusive, as six-digit numbers; ``text`` as written."""

    text: str
    low: int
    high: int

    @property
    def width(self) -> int:
        return self.high - self.low

    def covers(self, account: str) -> bool:
        number = account_number(account)
        return number is not None and self.low <= number <= self.high

    def overlaps(self, other: AccountRange) -> bool:
        return self.low <= other.high and other.low <= self.high

    def contains(self, other: AccountRange) -> bool:
        return self.low <= other.low and other.high <= self.high

    def __str__(self) -> str:
        return self.text


def parse_range(text: str) -> AccountRange:
    """``"3511"`` or ``"4610-4619"`` as an ``AccountRange``; ValueError with a Swedish message."""
    # A value that is not text is refused with the same ValueError: every caller reports its message.
    match = _RANGE.fullmatch(text.strip()) if isinstance(text, str) else None
    if not match:
        shown = f'"{text}"' if isinstance(text, str) else repr(text)
        raise ValueError(f'väntade ett konto eller ett intervall som "4610-4619", fick {shown}')
    first, last = match.group(1), match.group(2) or match.group(1)
    low = int(first.ljust(WIDTH, "0"))
    high = int(last.ljust(WIDTH, "9"))
    if high < low:
        raise ValueError(f'intervallet "{text}" slutar före det börjar')
    shown = first if last == first else f"{first}-{last}"
    return AccountRange(shown, low, high)


def parse_ranges(texts: tuple[str, ...] | list[str]) -> tuple[AccountRange, ...]:
    return tuple(parse_range(text) for text in texts)


DEFAULT_MEMBER_CONTRIBUTIONS = parse_range("3500-3589")


@dataclass(frozen=True)
class MappingLine:
    """One line of a statement: a name, its group and the account ranges it sums.

    ``contributions`` marks an income line as erhållna driftbidrag (the "varav" of
    verksamhetens intäkter, and the contributions behind the equity cap).
    """

    id: str
    name: str
    group: str
    ranges: tuple[AccountRange, ...]
    contributions: bool = False

    def match_width(self, account: str) -> int | None:
        """The width of this line's narrowest range covering ``account``, or None."""
        widths = [r.width for r in self.ranges if r.covers(account)]
        return min(widths) if widths else None


@dataclass(frozen=True)
class AccountMapping:
    """Statement lines in order, plus the accounts the cash flow and balanskrav need.

    ``accumulated_depreciation``: balance accounts holding accumulated depreciation
    (their change is the year's depreciation, a non-cash cost). ``realisation_gains``:
    result accounts of gains on sold fixed assets, taken out of the balanskravsresultat.
    ``member_contributions``: the income accounts of the members' contributions, the
    base of the equity cap when no scenario names the members' accounts; by default
    3500-3589, so that other grants booked on 3590-3599 (bidrag för personal,
    lönebidrag) do not raise the cap.
    """

    source: str
    lines: tuple[MappingLine, ...]
    accumulated_depreciation: tuple[AccountRange, ...] = ()
    realisation_gains: tuple[AccountRange, ...] = ()
    member_contributions: tuple[AccountRange, ...] = (DEFAULT_MEMBER_CONTRIBUTIONS,)

    def line_for(self, account: str) -> MappingLine | None:
        """The line whose narrowest covering range is narrowest of all; None when none covers it."""
        best: MappingLine | None = None
        best_width = None
        for line in self.lines:
            width = line.match_width(account)
            if width is not None and (best_width is None or width < best_width):
                best, best_width = line, width
        return best

    def lines_in(self, group: str) -> tuple[MappingLine, ...]:
        return tuple(line for line in self.lines if line.group == group)

    def line(self, line_id: str) -> MappingLine:
        return next(line for line in self.lines if line.id == line_id)

    def is_accumulated_depreciation(self, account: str) -> bool:
        return any(r.covers(account) for r in self.accumulated_depreciation)

    def is_realisation_gain(self, account: str) -> bool:
        return any(r.covers(account) for r in self.realisation_gains)

    def is_member_contribution(self, account: str) -> bool:
        return any(r.covers(account) for r in self.member_contributions)


def ambiguous_overlaps(
    lines: tuple[MappingLine, ...],
) -> list[tuple[MappingLine, AccountRange, MappingLine, AccountRange]]:
    """Pairs of ranges of different lines that overlap and are equally narrow.

    For such an account neither line is more specific, so the mapping is ambiguous.
    Ranges of one width are sorted by their start, so each is compared only with the
    ranges that start before it ends: n log n for a mapping of thousands of lines.
    """
    by_width: dict[int, list[tuple[int, int, int, int]]] = {}
    for i, line in enumerate(lines):
        for k, found_range in enumerate(line.ranges):
            by_width.setdefault(found_range.width, []).append((found_range.low, found_range.high, i, k))
    pairs: list[tuple[int, int, int, int]] = []
    for ranges in by_width.values():
        ranges.sort()
        for position, (_, high, i, k) in enumerate(ranges):
            for low2, _, j, m in ranges[position + 1 :]:
                if low2 > high:
                    break
                if i != j:
                    pairs.append((i, k, j, m) if i < j else (j, m, i, k))
    pairs.sort(key=lambda pair: (pair[0], pair[2], pair[1], pair[3]))  # the lines' order, then the ranges'
    return [(lines[i], lines[i].ranges[k], lines[j], lines[j].ranges[m]) for i, k, j, m in pairs]


def _line(line_id: str, name: str, group: str, *ranges: str, contributions: bool = False) -> MappingLine:
    return MappingLine(line_id, name, group, parse_ranges(list(ranges)), contributions)


# Accumulated depreciation and write-downs of fixed assets sit on the accounts that
# end in 8 or 9 of each Kommun-Bas/BAS account group 100–139 (1019, 1229, 1239 …).
_DEPRECIATION = tuple(parse_range(f"{group}8-{group}9") for group in range(100, 140))

DEFAULT_MAPPING = AccountMapping(
    source="standardmappning (Kommun-Bas)",
    lines=(
        _line("driftbidrag", "Erhållna driftbidrag", "income", "3500-3599", contributions=True),
        _line("ovriga_intakter", "Övriga verksamhetsintäkter", "income", "3000-3499", "3600-3999"),
        _line("kop_av_verksamhet", "Köp av verksamhet, material och lämnade bidrag", "costs", "4000-4999"),
        _line("personal", "Personalkostnader", "costs", "5000-5999"),
        _line("ovriga_kostnader", "Övriga verksamhetskostnader", "costs", "6000-7999"),
        _line("finansiella_intakter", "Finansiella intäkter", "financial_income", "8400-8499"),
        _line("finansiella_kostnader", "Finansiella kostnader", "financial_costs", "8500-8599"),
        _line("arets_resultat_bokslut", "Årets resultat (bokslutskonto)", CLOSING_GROUP, "8900-8999"),
        _line("immateriella", "Immateriella anläggningstillgångar", "fixed_assets", "1000-1099"),
        _line("materiella", "Materiella anläggningstillgångar", "fixed_assets", "1100-1299"),
        _line("finansiella_anl", "Finansiella anläggningstillgångar", "fixed_assets", "1300-1399"),
        _line("forrad", "Förråd", "inventory", "1400-1499"),
        _line("fordringar", "Kortfristiga fordringar", "receivables", "1500-1699"),
        _line(
            "forutbetalda",
            "Förutbetalda kostnader och upplupna intäkter",
            "receivables",
            "1700-1799",
        ),
        _line("placeringar", "Kortfristiga placeringar", "short_term_investments", "1800-1899"),
        _line("kassa_bank", "Kassa och bank", "cash", "1900-1999"),
        _line("eget_kapital", "Eget kapital", "equity", "2000-2099"),
        _line("avsattningar", "Avsättningar", "provisions", "2200-2299"),
        _line("langfristiga_skulder", "Långfristiga skulder", "long_term_liabilities", "2300-2399"),
        _line("kortfristiga_skulder", "Kortfristiga skulder", "short_term_liabilities", "2400-2999"),
    ),
    accumulated_depreciation=_DEPRECIATION,
)
