"""The scenario model: small immutable records, money as ``Decimal``.

A ``Scenario`` is what a scenario file says after ``extends`` is resolved and
every value is checked. Readers build it; the engine and the rules only read it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from finsam_budget.constants import ZERO

#: The three cost sections, in the order every output shows them.
COST_SECTIONS = ("admin", "development", "projects")
#: Every section a line can belong to.
SECTIONS = ("income",) + COST_SECTIONS

SECTION_LABELS = {
    "income": "Intäkter",
    "admin": "Administration",
    "development": "Utvecklingsinsatser",
    "projects": "Projekt",
}

#: Keys of ``[stated]``: published totals the tool checks against its own sums.
STATED_LABELS = {
    "member_contributions": "Medlemsbidrag totalt",
    "other_income": "Övriga intäkter",
    "income": "Intäkter totalt",
    "income_and_equity": "Intäkter och eget kapital",
    "admin": "Kostnader administration",
    "development": "Kostnader utvecklingsinsatser",
    "projects": "Kostnader projekt",
    "activities": "Kostnader verksamhet (utvecklingsinsatser och projekt)",
    "costs": "Kostnader administration och verksamhet",
    "result": "Årets resultat",
    "closing_equity": "Utgående eget kapital",
    "room": "Utrymme för ny verksamhet",
}

CARRY_CONVENTIONS = ("reserve", "closing")


def frozen_map(items: Mapping[Any, Any] | None = None) -> Mapping[Any, Any]:
    """A read-only copy of a mapping (order kept)."""
    return MappingProxyType(dict(items or {}))


@dataclass(frozen=True)
class Member:
    """A member of the federation and its share of all member contributions."""

    id: str
    name: str
    share: Fraction


@dataclass(frozen=True)
class Period:
    """A project's period, first and last day inclusive (e.g. 2020-09-01 – 2023-08-31)."""

    start: date
    end: date

    def covers_year(self, year: int) -> bool:
        return self.start.year <= year <= self.end.year

    def __str__(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


@dataclass(frozen=True)
class Line:
    """One income or cost line with its amount per year (a missing year is 0).

    ``amounts`` holds every year figure: given as one figure, or the sum of the
    year's ``quarters`` (4 amounts) or ``months`` (12 amounts), which are kept as
    written. A project line may carry a ``period``, a grant (``granted`` per year
    or ``granted_total`` for the whole period) and a ``budget_factor``; the
    engine derives the budget of years without a figure from them
    (``derived_years`` names the years it filled in).
    """

    section: str
    id: str
    name: str
    amounts: Mapping[int, Decimal] = field(default_factory=frozen_map)
    member: str | None = None
    note: str | None = None
    accounts: tuple[str, ...] = ()
    quarters: Mapping[int, tuple[Decimal, ...]] = field(default_factory=frozen_map)
    months: Mapping[int, tuple[Decimal, ...]] = field(default_factory=frozen_map)
    stated: Mapping[int, Decimal] = field(default_factory=frozen_map)
    period: Period | None = None
    granted: Mapping[int, Decimal] = field(default_factory=frozen_map)
    granted_total: Decimal | None = None
    budget_factor: Fraction = Fraction(1)
    derived_years: tuple[int, ...] = ()
    # SIE objects per dimension (``{"6": ("ENTER",)}``): the line's bookings are those with
    # one of these objects (and, with ``accounts`` too, on one of its accounts).
    objects: Mapping[str, tuple[str, ...]] = field(default_factory=frozen_map)

    @property
    def has_grant(self) -> bool:
        return self.granted_total is not None or bool(self.granted)

    @property
    def key(self) -> str:
        """The line's id as other files name it, e.g. ``projects.jobbsam``."""
        return f"{self.section}.{self.id}"

    def amount(self, year: int) -> Decimal:
        return self.amounts.get(year, ZERO)


@dataclass(frozen=True)
class CapBand:
    """One band of the equity-cap table: federations with member contributions up
    to ``up_to`` (inclusive; ``None`` = no upper bound) may keep ``share`` of them."""

    up_to: Decimal | None
    share: Fraction


@dataclass(frozen=True)
class Adjustment:
    """A what-if change from ``[[adjust]]``: ``percent`` on a target from year ``start`` on.

    ``target`` is ``"members"`` (all member contributions, kept split by the shares),
    a cost section (``"admin"``, ``"development"``, ``"projects"``) or one line
    (``"projects.jobbsam"``, ``"income.forsaljning"``). With ``compound`` the change
    repeats every year: year n gets (1 + percent/100) ** (n − start + 1).
    The arithmetic is in ``finsam_budget.plan.adjust``.
    """

    target: str
    percent: Decimal
    start: int
    compound: bool = False
    note: str | None = None

    def factor(self, year: int) -> Fraction:
        """The exact factor in ``year``: 1 before ``start``; compounded when asked."""
        if year < self.start:
            return Fraction(1)
        step = 1 + Fraction(self.percent) / 100
        if self.compound:
            return step ** (year - self.start + 1)
        return step

    def reaches(self, line: Line) -> bool:
        """Whether this adjustment changes ``line`` (member lines only through ``"members"``)."""
        if self.target == ADJUST_MEMBERS:
            return line.section == "income" and line.member is not None
        if line.member is not None:
            return False
        if self.target in COST_SECTIONS:
            return line.section == self.target
        return line.key == self.target


#: The adjustment target that changes all member contributions together.
ADJUST_MEMBERS = "members"


#: Nationella rådet's recommendation for a federation of about 6–7 MSEK: 20 %.
DEFAULT_CAP_BANDS = (CapBand(up_to=None, share=Fraction(1, 5)),)


#: Payment schedules of ``[cash] contributions`` / ``other_income``: the months paid in.
PAYMENT_SCHEDULES = {
    "quarterly-in-advance": (1, 4, 7, 10),
    "monthly": tuple(range(1, 13)),
    "yearly-january": (1,),
}


@dataclass(frozen=True)
class CashPlan:
    """``[cash]``: opening cash of the first year and when income is paid.

    A schedule is the months (1–12) in which a line's year amount is paid, in equal
    parts; ``*_schedule`` keeps its name as written (``None`` for an explicit list).
    """

    opening: Decimal
    contribution_months: tuple[int, ...]
    other_income_months: tuple[int, ...] = PAYMENT_SCHEDULES["monthly"]
    contributions_schedule: str | None = "quarterly-in-advance"
    other_income_schedule: str | None = "monthly"


@dataclass(frozen=True)
class Scenario:
    """One federation's multi-year plan, fully resolved and validated."""

    source: str
    federation: str
    title: str
    years: tuple[int, ...]
    budget_year: int
    columns: Mapping[int, str]
    members: tuple[Member, ...]
    income: tuple[Line, ...]
    admin: tuple[Line, ...]
    development: tuple[Line, ...]
    projects: tuple[Line, ...]
    opening_equity: Mapping[int, Decimal]
    reserve: Mapping[int, Decimal]
    carry: str = "reserve"
    stated: Mapping[str, Mapping[int, Decimal]] = field(default_factory=frozen_map)
    cap_bands: tuple[CapBand, ...] = DEFAULT_CAP_BANDS
    cash: CashPlan | None = None
    #: What-if adjustments as read; ``adjust.apply_adjustments`` applies them to the
    #: amounts and sets ``adjusted`` (``compute_plan`` does this first).
    adjustments: tuple[Adjustment, ...] = ()
    adjusted: bool = False
    #: ``[contributions] total``: the members' total per year, split by the shares in
    #: whole kronor (``plan.contributions``); a member's income line then has no amount that year.
    member_total: Mapping[int, Decimal] = field(default_factory=frozen_map)

    def section(self, name: str) -> tuple[Line, ...]:
        if name not in SECTIONS:
            raise KeyError(f"okänd sektion {name!r}")
        lines: tuple[Line, ...] = getattr(self, name)
        return lines

    def lines(self) -> Iterator[Line]:
        """Every line, income first, then the cost sections in order."""
        for name in SECTIONS:
            yield from self.section(name)

    def line(self, key: str) -> Line | None:
        section, _, line_id = key.partition(".")
        if section not in SECTIONS:
            return None
        return next((ln for ln in self.section(section) if ln.id == line_id), None)

    def member(self, member_id: str) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)

    def column_heading(self, year: int) -> str:
        return self.columns[year]


@dataclass(frozen=True)
class Finding:
    """One result of a rule: what, where (year, scenario key), how bad, and the amounts."""

    rule: str
    severity: str  # "error", "warning" or "info"
    year: int | None
    key: str | None
    message: str
    amounts: Mapping[str, Decimal] = field(default_factory=frozen_map)


