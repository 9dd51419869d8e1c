"""Semantic checks of a ``Scenario``, however it was made: read from a file or built in code.

A reader checks the text (syntax, types, unknown keys); these checks are about
what the figures mean together: the years follow each other, the budget year is
one of them, the members' shares add up to exactly 1, every amount belongs to a
year of the plan and is a sane amount of kronor, an income line names a member
that exists. ``validate`` returns every problem found, each with the scenario key
it concerns, in the same Swedish words the scenario reader uses; the engine
refuses a scenario with errors (``require_valid``) instead of failing later with
a ``KeyError``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

from finsam_budget.constants import MAX_AMOUNT, SHARE_PLACES, ZERO
from finsam_budget.model import (
    ADJUST_MEMBERS,
    CARRY_CONVENTIONS,
    COST_SECTIONS,
    SECTIONS,
    STATED_LABELS,
    Member,
    Scenario,
)
from finsam_budget.money import (
    AmountError,
    check_amount,
    format_percent,
    fraction_to_decimal,
)
from finsam_budget.problems import InputError, Problem, key_path

#: A line or member id: what other files (actuals, mappings) name it by.
ID_PATTERN = re.compile(r"[a-z0-9_-]+", re.ASCII)
FIRST_YEAR, LAST_YEAR = 1900, 2200


def percent_text(share: Fraction) -> str:
    """A share in percent with as few decimals as it needs (at most four): ``50 %``, ``33,3333 %``."""
    places = next((d for d in range(5) if (share * 100 * 10**d).denominator == 1), 4)
    return format_percent(fraction_to_decimal(share, SHARE_PLACES), places)


KeyPath = tuple[str, ...]


def shares_problem(members: Iterable[Member]) -> str | None:
    """The message when the members' shares do not add up to exactly 1, else None."""
    listed = list(members)
    total = sum((m.share for m in listed), Fraction(0))
    if total == 1:
        return None
    shown = ", ".join(f"{m.id} {percent_text(m.share)}" for m in listed)
    return (
        f"medlemmarnas andelar måste summera till exakt 1 (100 %), men de summerar till "
        f"{percent_text(total)} ({shown}); skriv andelar som "
        'inte går jämnt upp som bråk, t.ex. "59000/675600" (invånare / alla invånare)'
    )


class _Checker:
    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.problems: list[tuple[KeyPath, str]] = []

    def error(self, key: str, message: str) -> None:
        self.problems.append((tuple(key.split(".")), message))

    def run(self) -> list[tuple[KeyPath, str]]:
        s = self.scenario
        self.types()
        if self.problems:  # the checks below compute with these values
            return self.problems
        self.years()
        if s.budget_year not in s.years:
            self.error("budget_year", f"budgetåret {s.budget_year} finns inte bland years")
        for year in s.columns:
            if year not in s.years:
                self.error(f"columns.{year}", f"året {year} finns inte bland years ({self.years_text()})")
        for year in s.years:
            if year not in s.columns:
                self.error(f"columns.{year}", f"året {year} saknar kolumnrubrik")
        self.members()
        self.lines()
        self.equity()
        self.stated()
        self.cap_bands()
        self.cash()
        self.adjustments()
        self.member_total()
        if not self.problems:
            self.computed_in_range()
        return self.problems

    def types(self) -> None:
        """What a scenario built in code can get wrong that a reader never lets through."""
        s = self.scenario
        if not all(_is_int(y) for y in s.years) or not _is_int(s.budget_year):
            self.error("years", "årtalen (years, budget_year) måste vara heltal, t.ex. 2022")
        for member in s.members:
            if not isinstance(member.share, Fraction):
                self.error(
                    f"members.{member.id}.share",
                    f"väntade andelen som ett exakt bråk (Fraction), fick {type(member.share).__name__}",
                )
        for line in s.lines():
            if isinstance(line.accounts, str) or not all(isinstance(a, str) for a in line.accounts):
                self.error(f"{line.section}.{line.id}.accounts", 'väntade en lista med kontonummer, t.ex. ("5010",)')
            if not isinstance(line.budget_factor, Fraction):
                self.error(f"{line.section}.{line.id}.budget_factor", "väntade budgetfaktorn som ett exakt bråk")
        for index, band in enumerate(s.cap_bands):
            if not isinstance(band.share, Fraction):
                self.error(f"equity_cap.{index}.share", "väntade andelen som ett exakt bråk (Fraction)")

    def years_text(self) -> str:
        return ", ".join(str(y) for y in self.scenario.years)

    def years(self) -> None:
        years = self.scenario.years
        if not years:
            self.error("years", "saknas (väntade en lista med årtal, t.ex. [2021, 2022, 2023])")
        elif any(y < FIRST_YEAR or y > LAST_YEAR for y in years):
            self.error("years", f"årtalen måste ligga mellan {FIRST_YEAR} och {LAST_YEAR}")
        elif any(b != a + 1 for a, b in pairwise(years)):
            self.error("years", "åren måste följa på varandra i stigande ordning, t.ex. [2021, 2022, 2023]")

    def members(self) -> None:
        members = self.scenario.members
        if not members:
            self.error("members", "saknas: minst en medlem med name och share behövs")
            return
        seen: set[str] = set()
        for member in members:
            key = f"members.{member.id}"
            self.check_id(member.id, key)
            if member.id in seen:
                self.error(key, "medlemmen finns två gånger")
            seen.add(member.id)
            if not 0 < member.share <= 1:
                shown = percent_text(member.share)
                self.error(f"{key}.share", f"andelen måste vara större än 0 och högst 1, fick {shown}")
        message = shares_problem(members)
        if message is not None:
            self.error("members", message)

    def check_id(self, value: str, key: str) -> None:
        if not ID_PATTERN.fullmatch(value):
            self.error(key, "id får bara innehålla a–z, 0–9, _ och - (små bokstäver, utan å/ä/ö)")

    def lines(self) -> None:
        s = self.scenario
        member_ids = {m.id for m in s.members}
        for section in SECTIONS:
            seen: set[str] = set()
            for line in s.section(section):
                key = f"{section}.{line.id}"
                if line.section != section:
                    self.error(key, f'raden ligger under [{section}] men säger section = "{line.section}"')
                self.check_id(line.id, key)
                if line.id in seen:
                    self.error(key, "raden finns två gånger")
                seen.add(line.id)
                if not line.name.strip():
                    self.error(f"{key}.name", "saknas (väntade en text)")
                if line.member is not None and line.member not in member_ids:
                    known = ", ".join(sorted(member_ids)) or "inga"
                    self.error(f"{key}.member", f'medlemmen "{line.member}" finns inte under [members] ({known})')
                if line.member is not None and section in COST_SECTIONS:
                    self.error(f"{key}.member", "bara intäktsrader kan höra till en medlem")
                self.year_amounts(line.amounts, f"{key}.amounts")
                self.year_amounts(line.stated, f"{key}.stated")
                self.year_amounts(line.granted, f"{key}.granted")
                if line.granted_total is not None:
                    self.amount(line.granted_total, f"{key}.granted_total")
                if line.budget_factor <= 0:
                    self.error(f"{key}.budget_factor", "budgetfaktorn måste vara större än 0")
                if line.period is not None and line.period.start > line.period.end:
                    self.error(f"{key}.period", "periodens start måste ligga före dess slut")

    def year_amounts(self, amounts: Mapping[int, Decimal], key: str) -> None:
        for year, amount in amounts.items():
            if year not in self.scenario.years:
                self.error(f"{key}.{year}", f"året {year} finns inte bland years ({self.years_text()})")
            self.amount(amount, f"{key}.{year}")

    def amount(self, amount: Decimal, key: str) -> None:
        if not isinstance(amount, Decimal):
            self.error(key, f"väntade ett belopp som Decimal, fick {type(amount).__name__}")
            return
        try:
            check_amount(amount)
        except AmountError as exc:
            self.error(key, str(exc))

    def equity(self) -> None:
        s = self.scenario
        if s.carry not in CARRY_CONVENTIONS:
            self.error("equity.carry", f'väntade "reserve" eller "closing", fick "{s.carry}"')
        if s.years and s.years[0] not in s.opening_equity:
            self.error("equity.opening", f"ingående eget kapital för första året ({s.years[0]}) saknas")
        self.year_amounts(s.opening_equity, "equity.opening")
        self.year_amounts(s.reserve, "equity.reserve")

    def computed_in_range(self) -> None:
        """Every adjusted amount, and every sum the plan makes of them, stays within ±10^12 kr.

        The plan's sums (section totals, results, equity carried from year to year) are all
        bounded by the opening equity plus every amount's absolute value over the years, so
        that bound is checked; the first line and year that pass it are named.
        """
        s = self.scenario
        adjustments = () if s.adjusted else s.adjustments
        lines = [line for section in SECTIONS for line in s.section(section)]
        first_year = s.years[0] if s.years else None
        running = abs(Fraction(s.opening_equity.get(first_year, ZERO))) if first_year is not None else Fraction(0)
        for year in s.years:
            member_lines = [ln for ln in lines if ln.member is not None]
            member_total = Fraction(sum((ln.amount(year) for ln in member_lines), ZERO))
            for line in lines:
                reaching = [(i, a) for i, a in enumerate(adjustments) if a.reaches(line)]
                factor = Fraction(1)
                for _, adjustment in reaching:
                    factor *= adjustment.factor(year)
                value = Fraction(line.amount(year)) * factor
                total = member_total * factor if line.member is not None else value
                if abs(total) >= MAX_AMOUNT and reaching:
                    index = next(i for i, a in reaching if a.factor(year) != 1)
                    shown = "medlemsbidragen" if line.member is not None else line.key
                    self.error(
                        f"adjust.{index}.percent",
                        f"justeringen ger {shown} år {year} ett belopp på {_magnitude(total)} kr, över gränsen "
                        "±10^12 kr; minska procentsatsen eller låt den gälla färre år",
                    )
                    return
                running += abs(value)
                if running + abs(Fraction(s.member_total.get(year, ZERO))) >= MAX_AMOUNT:
                    self.error(
                        f"{line.section}.{line.id}.amounts.{year}",
                        f"beloppen summerar till mer än gränsen ±10^12 kr (alla rader och år till och med {year} "
                        "och ingående eget kapital); planens summor och eget kapital skulle bli orimliga",
                    )
                    return

    def cap_bands(self) -> None:
        bands = self.scenario.cap_bands
        if not bands:
            self.error("equity_cap", "minst ett band behövs (utan up_to för alla förbund)")
            return
        for index, band in enumerate(bands):
            if not 0 <= band.share <= 1:
                shown = percent_text(band.share)
                self.error(f"equity_cap.{index}.share", f"andelen måste ligga mellan 0 och 100 %, fick {shown}")
        limits = [b.up_to for b in bands if b.up_to is not None]
        if limits != sorted(limits) or len(set(limits)) != len(limits):
            self.error("equity_cap", "banden måste stå i stigande ordning efter up_to")
        if bands[-1].up_to is not None:
            self.error("equity_cap", "det sista bandet ska sakna up_to (gäller alla större förbund)")

    def cash(self) -> None:
        cash = self.scenario.cash
        if cash is None:
            return
        self.amount(cash.opening, "cash.opening")
        for key, months in (("contributions", cash.contribution_months), ("other_income", cash.other_income_months)):
            if not months or any(not _is_int(m) or not 1 <= m <= 12 for m in months):
                self.error(f"cash.{key}", "väntade minst en månad, och månaderna 1–12")

    def adjustments(self) -> None:
        s = self.scenario
        if s.adjusted:
            return
        targets = {ADJUST_MEMBERS, *COST_SECTIONS} | {line.key for line in s.lines()}
        for index, adjustment in enumerate(s.adjustments):
            if adjustment.target not in targets:
                self.error(f"adjust.{index}.target", f'raden "{adjustment.target}" finns inte')
            if adjustment.start not in s.years:
                shown = self.years_text()
                self.error(f"adjust.{index}.start", f"året {adjustment.start} finns inte bland years ({shown})")

    def stated(self) -> None:
        for name, amounts in self.scenario.stated.items():
            if name not in STATED_LABELS:
                self.error(f"stated.{name}", "okänd publicerad summa (tillåtna: " + ", ".join(STATED_LABELS) + ")")
                continue
            self.year_amounts(amounts, f"stated.{name}")

    def member_total(self) -> None:
        """``[contributions] total``: whole kronor, not negative, and no member amount for the same year."""
        s = self.scenario
        if not s.member_total:
            return
        self.year_amounts(s.member_total, "contributions.total")
        for year, total in s.member_total.items():
            if isinstance(total, Decimal) and (total < 0 or total != total.to_integral_value()):
                self.error(
                    f"contributions.total.{year}",
                    "medlemmarnas total delas i hela kronor och kan inte vara negativ; skriv den i hela kronor, "
                    't.ex. 6680000',
                )
        for member in s.members:
            lines = [ln for ln in s.income if ln.member == member.id]
            if len(lines) > 1:
                self.error(
                    f"income.{lines[1].id}.member",
                    f"medlemmen {member.id} har redan inkomstraden income.{lines[0].id}; med [contributions] total "
                    "får varje medlem högst en inkomstrad",
                )
            for line in lines:
                for year in line.amounts:
                    if year in s.member_total:
                        self.error(
                            f"income.{line.id}.amounts.{year}",
                            f"året {year} anges redan som medlemmarnas total i [contributions] total, som delas "
                            "efter andelarna; ta bort beloppet här eller året ur total",
                        )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _magnitude(value: Fraction) -> str:
    """A huge amount as the messages show it: ``2,36 × 10^21``."""
    number = abs(value)
    digits = len(str(int(number)))
    if digits <= 15:
        return str(round(value))
    mantissa = Decimal(int(number)).scaleb(-(digits - 1)).quantize(Decimal("0.01"))
    sign = "-" if value < 0 else ""
    return f"{sign}{str(mantissa).replace('.', ',')} × 10^{digits - 1}"


#: Where a scenario keeps its own checks: a ``Scenario`` is immutable (frozen, its maps
#: read-only), so they are made once, not again by ``compute_plan`` after the reader.
_CHECKED = "_semantic_errors"


def semantic_errors(scenario: Scenario) -> list[tuple[KeyPath, str]]:
    """Every semantic error as (key path, Swedish message); a reader adds the file's line."""
    checked: tuple[tuple[KeyPath, str], ...] | None = scenario.__dict__.get(_CHECKED)
    if checked is None:
        checked = tuple(_Checker(scenario).run())
        object.__setattr__(scenario, _CHECKED, checked)  # not a field: equality and replace() ignore it
    return list(checked)


def validate(scenario: Scenario) -> list[Problem]:
    """Every semantic problem of ``scenario`` (empty when it can be computed)."""
    return [Problem(scenario.source, message, key=key_path(path)) for path, message in semantic_errors(scenario)]


def require_valid(scenario: Scenario) -> Scenario:
    """``scenario`` itself, or ``InputError`` with every problem when it has errors."""
    problems = [p for p in validate(scenario) if p.severity == "error"]
    if problems:
        raise InputError(problems)
    return scenario

