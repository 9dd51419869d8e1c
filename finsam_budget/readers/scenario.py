"""Reading scenario files (format 1) into a ``Scenario``, with every problem located.

The loader never stops at the first problem: it collects them all, each with
the file, the key path, the line where one can be found, and what was expected.
``extends`` chains are merged first (``scenario_chain``, keeping for every value
the file it came from), then the merged data is validated once, here.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from finsam_budget.model import (
    CARRY_CONVENTIONS,
    COST_SECTIONS,
    DEFAULT_CAP_BANDS,
    PAYMENT_SCHEDULES,
    SECTIONS,
    STATED_LABELS,
    CapBand,
    CashPlan,
    Line,
    Member,
    Period,
    Scenario,
    frozen_map,
)
from finsam_budget.money import (
    AmountError,
    parse_amount,
    parse_share,
)
from finsam_budget.problems import InputError, Problem, in_file_order, shown_value
from finsam_budget.readers.adjustments import read_adjustments
from finsam_budget.readers.registry import scenario_reader
from finsam_budget.readers.scenario_chain import (
    Origins,
    extend_chain,
    load_chain,
    problem_at,
)
from finsam_budget.readers.toml_fields import FORMAT, Fields
from finsam_budget.readers.toml_source import parse_toml
from finsam_budget.scenario_checks import semantic_errors, shares_problem

ACCOUNT_PATTERN = re.compile(r"([0-9]{1,6})(?:[ \t]*-[ \t]*([0-9]{1,6}))?", re.ASCII)
ACCOUNTS_EXPECTED = 'en lista med konton som strängar, t.ex. ["3511", "4610-4619"]'

TOP_KEYS = {
    "format", "federation", "title", "years", "budget_year", "extends", "columns",
    "members", "equity", "stated", "equity_cap", "cash", *SECTIONS,
    "adjust",  # what-if adjustments: readers/adjustments.py
    "contributions",  # the members' total, split by the shares: plan/contributions.py
}
CONTRIBUTION_KEYS = {"total"}
MEMBER_KEYS = {"name", "share", "remove"}
LINE_KEYS = {"name", "amounts", "quarters", "months", "stated", "note", "remove", "accounts", "objects"}
INCOME_LINE_KEYS = LINE_KEYS | {"member"}
PROJECT_LINE_KEYS = LINE_KEYS | {"period", "granted", "budget_factor"}
PERIOD_KEYS = {"start", "end"}
#: key → (how many amounts a year, what one is called, how the list is described)
PERIOD_TABLES = {
    "quarters": (4, "kvartal", "ett per kvartal"),
    "months": (12, "månad", "ett per månad"),
}
CASH_KEYS = {"opening", "contributions", "other_income"}
SCHEDULE_HINT = '"quarterly-in-advance", "monthly", "yearly-january" eller en lista med månader, t.ex. [1, 7]'
EQUITY_KEYS = {"opening", "reserve", "carry"}
CAP_BAND_KEYS = {"up_to", "share"}

Path_ = tuple[str, ...]


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario file; raise ``InputError`` with every problem found."""
    scenario, problems = read_scenario(path)
    if scenario is None:
        raise InputError(problems)
    return scenario


def read_scenario(path: str | Path) -> tuple[Scenario | None, list[Problem]]:
    """Read a scenario file; return the scenario (or ``None``) and all problems."""
    path = Path(path)
    problems: list[Problem] = []
    merged = load_chain(path, str(path), [], problems)
    return _built(merged, str(path), problems)


def read_scenario_file_data(path: str | Path) -> tuple[dict[str, Any] | None, tuple[int, ...], list[Problem]]:
    """A scenario file's own data (its base not merged in), read only when the whole scenario has
    no error, and the scenario's years: what ``convert`` writes in the other format."""
    scenario, problems = read_scenario(path)
    if scenario is None:
        return None, (), problems
    data, _, found = scenario_reader(path).load(Path(path), str(path))
    return data, scenario.years, problems + found


def loads_scenario(text: str, *, name: str = "scenario.toml", folder: str | Path = ".") -> Scenario:
    """A scenario from TOML text; ``extends`` is read relative to ``folder``, messages name ``name``.

    Raises ``InputError`` with every problem, exactly as ``load_scenario`` does for a file.
    """
    problems: list[Problem] = []
    data, source, found = parse_toml(text, name)
    problems.extend(found)
    merged = None
    if data is not None:
        merged = extend_chain(data, source, Path(folder) / name, [], problems)
    scenario, problems = _built(merged, name, problems)
    if scenario is None:
        raise InputError(problems)
    return scenario


def _built(
    merged: tuple[dict[str, Any], Origins] | None, shown: str, problems: list[Problem]
) -> tuple[Scenario | None, list[Problem]]:
    """The scenario from merged data, checked by the readers' fields and then by ``scenario_checks``."""
    if merged is None:
        return None, problems
    data, origins = merged
    builder = _Builder(data, origins, problems)
    scenario = builder.build(shown)
    if scenario is not None:
        # The semantic checks every scenario gets, however it was made; the fields
        # above already report most of them with their line, these catch the rest.
        reported = {(p.key, p.message) for p in problems}
        for path, message in semantic_errors(scenario):
            problem = problem_at(origins.source(path), path, message)
            if (problem.key, problem.message) not in reported:
                problems.append(problem)
    problems[:] = in_file_order(problems)  # read top to bottom, as the user fixes them
    if any(p.severity == "error" for p in problems):
        return None, problems
    return scenario, problems


# ---------------------------------------------------------------------------
# validation of the merged data


class _Builder(Fields):
    """Turns merged TOML data into a ``Scenario``, collecting every problem."""

    def __init__(self, data: dict[str, Any], origins: Origins, problems: list[Problem]) -> None:
        super().__init__(self._report)
        self.data = data
        self.origins = origins
        self.problems = problems

    def _report(self, path: Path_, message: str) -> None:
        self.problems.append(problem_at(self.origins.source(path), path, message))

    # -- the scenario ---------------------------------------------------------
    def build(self, source_name: str) -> Scenario | None:
        data = self.data
        self.unknown_keys(data, TOP_KEYS, ())
        self.format_and_kind(data, None)
        federation = self.text(data.get("federation"), ("federation",), required=True)
        if "extends" in data and "title" not in data:
            # title is not inherited: the derived file (where extends stands) must name itself
            self.problems.append(problem_at(
                self.origins.source(("extends",)), ("title",),
                'saknas: ett härlett scenario (extends) ska ha en egen title, t.ex. title = "Utkast"',
            ))
            title = None
        else:
            title = self.text(data.get("title"), ("title",), required=True)
        self.years = self.build_years()
        budget_year = self.integer(data.get("budget_year"), ("budget_year",), required=True)
        if budget_year is not None and self.years and budget_year not in self.years:
            self.error(("budget_year",), f"budgetåret {budget_year} finns inte bland years")
        columns = self.build_columns(budget_year)
        members = self.build_members()
        sections = {name: self.build_lines(name, members) for name in SECTIONS}
        opening, reserve, carry = self.build_equity()
        stated = self.build_stated()
        cap_bands = self.build_cap_bands()
        cash = self.build_cash()
        member_total = self.build_member_total()
        adjustments = read_adjustments(
            data.get("adjust"), self.origins, self.problems, self.years, sections, members,
            member_total=bool(member_total),
        )
        if any(p.severity == "error" for p in self.problems):
            return None
        return Scenario(
            source=source_name,
            federation=federation or "",
            title=title or "",
            years=self.years,
            budget_year=budget_year or self.years[0],
            columns=frozen_map(columns),
            members=tuple(members.values()),
            income=sections["income"],
            admin=sections["admin"],
            development=sections["development"],
            projects=sections["projects"],
            opening_equity=frozen_map(opening),
            reserve=frozen_map(reserve),
            carry=carry,
            stated=frozen_map({k: frozen_map(v) for k, v in stated.items()}),
            cap_bands=cap_bands,
            cash=cash,
            adjustments=adjustments,
            member_total=frozen_map(member_total),
        )

    def build_member_total(self) -> dict[int, Decimal]:
        """``[contributions] total``: the members' total per year (split by the shares in the engine)."""
        path = ("contributions",)
        table = self.table(self.data.get("contributions"), path)
        if table is None:
            return {}
        self.unknown_keys(table, CONTRIBUTION_KEYS, path)
        return self.year_amounts(table.get("total"), path + ("total",))

    def build_years(self) -> tuple[int, ...]:
        value = self.data.get("years")
        path = ("years",)
        if value is None:
            self.error(path, "saknas (väntade en lista med årtal, t.ex. [2021, 2022, 2023])")
            return ()
        if not isinstance(value, list) or not value:
            self.error(path, f"väntade en lista med årtal, fick {shown_value(value)}")
            return ()
        if not all(isinstance(y, int) and not isinstance(y, bool) for y in value):
            self.error(path, "väntade en lista med årtal som heltal, t.ex. [2021, 2022]")
            return ()
        if any(y < 1900 or y > 2200 for y in value):
            self.error(path, "årtalen måste ligga mellan 1900 och 2200")
            return ()
        if any(b != a + 1 for a, b in itertools.pairwise(value)):
            self.error(path, "åren måste följa på varandra i stigande ordning, t.ex. [2021, 2022, 2023]")
            return ()
        return tuple(value)

    def build_columns(self, budget_year: int | None) -> dict[int, str]:
        columns: dict[int, str] = {}
        for year in self.years:
            if budget_year is None or year < budget_year:
                columns[year] = f"Budget {year}"
            elif year == budget_year:
                columns[year] = f"Budgetplan {year}"
            else:
                columns[year] = f"Prognos {year}"
        table = self.table(self.data.get("columns"), ("columns",)) or {}
        for key, value in table.items():
            column_year = self.year_key(key, ("columns",))
            heading = self.text(value, ("columns", str(key)), required=True)
            if column_year is not None and heading is not None:
                columns[column_year] = heading
        return columns

    def build_members(self) -> dict[str, Member]:
        path = ("members",)
        table = self.table(self.data.get("members"), path)
        if not table:
            if table is not None or self.data.get("members") is None:
                self.error(path, "saknas: minst en medlem med name och share behövs")
            return {}
        members: dict[str, Member] = {}
        for member_id, raw in table.items():
            sub = path + (member_id,)
            entry = self.table(raw, sub)
            if entry is None:
                continue
            self.identifier(member_id, sub)
            self.unknown_keys(entry, MEMBER_KEYS, sub)
            name = self.text(entry.get("name"), sub + ("name",), required=True)
            share = self.share(entry.get("share"), sub + ("share",))
            if name is not None and share is not None:
                members[member_id] = Member(member_id, name, share)
        if members and len(members) == len(table):
            message = shares_problem(members.values())
            if message is not None:
                self.error(path, message)
        return members

    def build_lines(self, section: str, members: dict[str, Member]) -> tuple[Line, ...]:
        path = (section,)
        table = self.table(self.data.get(section), path) or {}
        allowed = {"income": INCOME_LINE_KEYS, "projects": PROJECT_LINE_KEYS}.get(section, LINE_KEYS)
        lines = []
        for line_id, raw in table.items():
            sub = path + (line_id,)
            entry = self.table(raw, sub)
            if entry is None:
                continue
            self.identifier(line_id, sub)
            self.unknown_keys(entry, allowed, sub)
            name = self.text(entry.get("name"), sub + ("name",), required=True)
            amounts, quarters, months = self.year_figures(entry, sub)
            stated = self.year_amounts(entry.get("stated"), sub + ("stated",))
            period, granted, granted_total, factor = (
                self.project_grant(entry, sub) if section == "projects" else (None, {}, None, Fraction(1))
            )
            note = self.text(entry.get("note"), sub + ("note",))
            member = self.text(entry.get("member"), sub + ("member",))
            if member is not None and member not in members and self.data.get("members"):
                known = ", ".join(members) or "inga"
                self.error(sub + ("member",), f'medlemmen "{member}" finns inte under [members] ({known})')
            accounts = self.accounts(entry.get("accounts"), sub + ("accounts",))
            objects = self.objects(entry.get("objects"), sub + ("objects",))
            self.boolean(entry.get("remove"), sub + ("remove",))
            if name is not None:
                lines.append(
                    Line(
                        section,
                        line_id,
                        name,
                        frozen_map(amounts),
                        member,
                        note,
                        accounts,
                        quarters=frozen_map(quarters),
                        months=frozen_map(months),
                        stated=frozen_map(stated),
                        period=period,
                        granted=frozen_map(granted),
                        granted_total=granted_total,
                        budget_factor=factor,
                        objects=frozen_map(objects),
                    )
                )
        return tuple(lines)

    # -- a line's year figures: amounts, quarters, months ----------------------
    def year_figures(
        self, entry: dict[str, Any], path: Path_
    ) -> tuple[dict[int, Decimal], dict[int, tuple[Decimal, ...]], dict[int, tuple[Decimal, ...]]]:
        """The year figures (periods summed) and the quarters and months as written.

        A year may be given in only one of ``amounts``, ``quarters`` and ``months``.
        """
        amounts = self.year_amounts(entry.get("amounts"), path + ("amounts",))
        periods = {key: self.period_amounts(entry.get(key), path + (key,), key) for key in PERIOD_TABLES}
        given_in = {year: "amounts" for year in amounts}
        for key, per_year in periods.items():
            for year in list(per_year):
                if year in given_in:
                    self.error(
                        path + (key, str(year)),
                        f"året {year} anges redan i {given_in[year]}; "
                        "ett år anges antingen som årsbelopp (amounts), per kvartal (quarters) "
                        "eller per månad (months)",
                    )
                    del per_year[year]
                    continue
                given_in[year] = key
                amounts[year] = sum(per_year[year], Decimal(0))
        amounts = {year: amounts[year] for year in sorted(amounts)}
        return amounts, periods["quarters"], periods["months"]

    def period_amounts(self, value: Any, path: Path_, key: str) -> dict[int, tuple[Decimal, ...]]:
        """``{ 2021 = [q1, q2, q3, q4] }`` or 12 months: a list of exactly that many amounts a year."""
        count, word, described = PERIOD_TABLES[key]
        table = self.table(value, path)
        result: dict[int, tuple[Decimal, ...]] = {}
        for year_text, raw in (table or {}).items():
            year = self.year_key(year_text, path)
            sub = path + (str(year_text),)
            if not isinstance(raw, list):
                self.error(sub, f"väntade en lista med {count} belopp ({described}), fick {shown_value(raw)}")
                continue
            if len(raw) != count:
                self.error(sub, f"väntade {count} belopp ({described}), fick {len(raw)}")
                continue
            parts = []
            for number, item in enumerate(raw, start=1):
                try:
                    parts.append(parse_amount(item))
                except AmountError as exc:
                    self.error(sub, f"{word} {number}: {exc}")
            if year is not None and len(parts) == count:
                result[year] = tuple(parts)
        return result

    # -- a project's period, grant and budget factor ---------------------------
    def project_grant(
        self, entry: dict[str, Any], path: Path_
    ) -> tuple[Period | None, dict[int, Decimal], Decimal | None, Fraction]:
        period = self.period(entry.get("period"), path + ("period",))
        granted: dict[int, Decimal] = {}
        granted_total = None
        raw = entry.get("granted")
        if isinstance(raw, dict):
            granted = self.year_amounts(raw, path + ("granted",))
            for year, amount in granted.items():
                if amount < 0:
                    self.error(path + ("granted", str(year)), "ett beviljat belopp kan inte vara negativt")
        elif raw is not None:
            granted_total = self.amount(raw, path + ("granted",))
            if granted_total is not None and granted_total < 0:
                self.error(path + ("granted",), "ett beviljat belopp kan inte vara negativt")
            if "period" not in entry:
                self.error(
                    path + ("granted",),
                    "ett beviljat belopp för hela perioden kräver period = { start = 2020-09-01, end = 2023-08-31 }; "
                    "ange annars beviljat per år, t.ex. granted = { 2022 = 1000000 }",
                )
        factor = Fraction(1)
        if "budget_factor" in entry:
            factor = self.budget_factor(entry["budget_factor"], path + ("budget_factor",))
            if raw is None:
                self.error(path + ("budget_factor",), "budget_factor gäller ett beviljat belopp: ange också granted")
        return period, granted, granted_total, factor

    def period(self, value: Any, path: Path_) -> Period | None:
        table = self.table(value, path)
        if table is None:
            return None
        self.unknown_keys(table, PERIOD_KEYS, path)
        start = self.date(table.get("start"), path + ("start",))
        end = self.date(table.get("end"), path + ("end",))
        if start is None or end is None:
            return None
        if end < start:
            self.error(path, f"perioden slutar {end.isoformat()}, före sin början {start.isoformat()}")
            return None
        return Period(start, end)

    def budget_factor(self, value: Any, path: Path_) -> Fraction:
        """The standard deduction as the share of the grant the budget reserves, 0 < factor ≤ 1."""
        if self.inexact(value, path, "faktorn"):
            return Fraction(1)
        try:
            factor = parse_share(value)
        except AmountError:
            factor = None
        if factor is None or factor == 0:
            self.error(
                path, f'väntade en faktor större än 0 och högst 1, t.ex. "0.95" eller "95%", fick {shown_value(value)}'
            )
            return Fraction(1)
        return factor

    def accounts(self, value: Any, path: Path_) -> tuple[str, ...]:
        if value is None:
            return ()
        texts = self.strings(value, path, expected=ACCOUNTS_EXPECTED, empty=True)
        result = []
        for index, text in enumerate(texts or ()):
            match = ACCOUNT_PATTERN.fullmatch(text.strip())
            if not match or (match.group(2) and int(match.group(2)) < int(match.group(1))):
                self.error(
                    path + (str(index),), f'väntade ett konto eller ett intervall som "4610-4619", fick "{text}"'
                )
                continue
            result.append(text.strip().replace(" ", ""))
        return tuple(result)

    def objects(self, value: Any, path: Path_) -> dict[str, tuple[str, ...]]:
        """``objects = { 6 = ["ENTER"] }``: SIE objects per dimension number."""
        if value is None:
            return {}
        table = self.table(value, path)
        found: dict[str, tuple[str, ...]] = {}
        for dim, codes in (table or {}).items():
            if not (dim.isascii() and dim.isdigit()):
                self.error(path + (dim,), f'väntade ett dimensionsnummer som 6 (projekt) eller 1, fick "{dim}"')
                continue
            texts = self.strings(codes, path + (dim,), expected='en lista med objektkoder, t.ex. ["ENTER"]')
            if texts:
                found[dim] = tuple(texts)
        return found

    def build_equity(self) -> tuple[dict[int, Decimal], dict[int, Decimal], str]:
        path = ("equity",)
        table = self.table(self.data.get("equity"), path)
        if table is None:
            if self.data.get("equity") is None:
                self.error(path, "saknas: ingående eget kapital (opening) för första året behövs")
            return {}, {}, "reserve"
        self.unknown_keys(table, EQUITY_KEYS, path)
        opening = self.year_amounts(table.get("opening"), path + ("opening",))
        reserve = self.year_amounts(table.get("reserve"), path + ("reserve",))
        carry = self.choice(table.get("carry", "reserve"), path + ("carry",), CARRY_CONVENTIONS) or "reserve"
        given = table.get("opening")
        # An opening amount that is there but invalid (or not a table) already has its error:
        # it is not also missing.
        first = str(self.years[0]) if self.years else None
        written = given is not None and (not isinstance(given, dict) or first in {str(key) for key in given})
        if self.years and self.years[0] not in opening and not written:
            self.error(
                path + ("opening",),
                f"ingående eget kapital för första året ({self.years[0]}) saknas",
            )
        return opening, reserve, carry

    def build_stated(self) -> dict[str, dict[int, Decimal]]:
        path = ("stated",)
        table = self.table(self.data.get("stated"), path) or {}
        stated = {}
        for key, value in table.items():
            if key not in STATED_LABELS:
                self.error(path + (key,), "okänd publicerad summa (tillåtna: " + ", ".join(STATED_LABELS) + ")")
                continue
            amounts = self.year_amounts(value, path + (key,))
            if amounts:  # an empty table publishes nothing (an empty row in a workbook is the same)
                stated[key] = amounts
        return stated

    def build_cash(self) -> CashPlan | None:
        """``[cash]``: opening cash of the first year and the payment schedules."""
        path = ("cash",)
        table = self.table(self.data.get("cash"), path)
        if table is None:
            return None
        self.unknown_keys(table, CASH_KEYS, path)
        opening = None
        if "opening" in table:
            opening = self.amount(table["opening"], path + ("opening",))
        else:
            first = self.years[0] if self.years else "första året"
            self.error(
                path + ("opening",), f"saknas: kassan (likvida medel) vid början av {first}, t.ex. opening = 1500000"
            )
        if "contributions" not in table:
            self.error(path + ("contributions",), f"saknas: när medlemsbidragen betalas ({SCHEDULE_HINT})")
            contributions = None
        else:
            contributions = self.schedule(table["contributions"], path + ("contributions",))
        other_income = self.schedule(table.get("other_income", "monthly"), path + ("other_income",))
        if opening is None or contributions is None or other_income is None:
            return None
        return CashPlan(
            opening=opening,
            contribution_months=contributions[0],
            other_income_months=other_income[0],
            contributions_schedule=contributions[1],
            other_income_schedule=other_income[1],
        )

    def schedule(self, value: Any, path: Path_) -> tuple[tuple[int, ...], str | None] | None:
        """A payment schedule: a named one or an explicit list of months (1–12)."""
        if isinstance(value, str) and value in PAYMENT_SCHEDULES:
            return PAYMENT_SCHEDULES[value], value
        if isinstance(value, list) and value:
            if not all(isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 12 for m in value):
                self.error(path, f"månaderna skrivs som heltal 1–12, t.ex. [1, 7], fick {value!r}")
                return None
            if len(set(value)) != len(value):
                self.error(path, f"en månad står två gånger i {value!r}")
                return None
            return tuple(sorted(value)), None
        self.error(path, f"väntade {SCHEDULE_HINT}, fick {shown_value(value)}")
        return None

    def build_cap_bands(self) -> tuple[CapBand, ...]:
        value = self.data.get("equity_cap")
        if value is None:
            return DEFAULT_CAP_BANDS
        return parse_cap_bands(value, ("equity_cap",), self)


def parse_cap_bands(value: Any, path: Path_, fields: Fields) -> tuple[CapBand, ...]:
    """The equity-cap table: ``[[equity_cap]]`` bands with ``up_to`` (except the last) and ``share``."""
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        fields.error(path, 'väntade en lista med band, t.ex. [[equity_cap]] up_to = 5000000, share = "25%"')
        return DEFAULT_CAP_BANDS
    bands = []
    for index, entry in enumerate(value):
        sub = path + (str(index),)
        fields.unknown_keys(entry, CAP_BAND_KEYS, sub)
        up_to = fields.amount(entry.get("up_to"), sub + ("up_to",))
        if "up_to" not in entry and index != len(value) - 1:
            fields.error(sub + ("up_to",), "saknas: bara det sista bandet får sakna up_to")
        share = fields.share(entry.get("share"), sub + ("share",))
        if share is not None:
            bands.append(CapBand(up_to, share))
    limits = [b.up_to for b in bands if b.up_to is not None]
    if limits != sorted(limits) or len(set(limits)) != len(limits):
        fields.error(path, "banden måste stå i stigande ordning efter up_to")
    if bands and bands[-1].up_to is not None:
        fields.error(path, "det sista bandet ska sakna up_to (gäller alla större förbund)")
    return tuple(bands) or DEFAULT_CAP_BANDS


__all__ = ["COST_SECTIONS", "FORMAT", "load_scenario", "parse_cap_bands", "read_scenario", "read_scenario_file_data"]

