"""New scenarios: a fresh one for ``init`` and next year's from last year's plan (roll-forward). Pure: no I/O.

``new_scenario`` builds a scenario that passes ``check`` at once: the members
with their shares, the members' total per year (split by the shares in the
engine), a few cost lines at 0 kr to fill in, opening equity and a reserve of
0 kr for every year.

``roll_forward`` makes next year's scenario from last year's computed plan:

* the budget year moves one year on; last year's budget year becomes the first
  column (the comparison), and as many plan years follow the new budget year as
  before, the last of them new;
* every amount of the kept years is copied as it stood (quarters and months too);
  the new last year is a copy of the old last year, with ``uplift`` percent on the
  member contributions (the total, or the members' lines together, split by the
  shares again) and on the costs, rounded to whole kronor half up; other income and
  the reserve are copied as they are;
* opening equity of the first year is last plan's opening equity that year, and
  of the new budget year last plan's equity carried into it (its ``carry``);
* ``[stated]`` and the lines' published totals are emptied (they belong to last
  year's document), custom column headings are dropped;
* ``notes`` says, for each moved figure, where it came from (a comment in the file).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from finsam_budget.constants import SHARE_PLACES, ZERO
from finsam_budget.model import COST_SECTIONS, Line, Member, Scenario, frozen_map
from finsam_budget.money import format_amount, format_percent, fraction_to_decimal
from finsam_budget.plan.adjust import round_krona
from finsam_budget.plan.contributions import split_by_shares
from finsam_budget.plan.engine import Plan

KeyPath = tuple[str, ...]

#: The cost lines a new scenario starts with (section, id, name).
STARTER_LINES = (
    ("admin", "kansli", "Kansli: förbundschef och administration"),
    ("admin", "revision", "Revision"),
    ("development", "insatser", "Strukturinriktade insatser"),
    ("projects", "projekt1", "Projekt 1 (byt namn)"),
)


#: ``--medlemmar``: the presets of who pays what (state, region, municipalities).
PRESETS = {"50/50": (Fraction(1, 2), Fraction(1, 2), Fraction(0)),
           "50/25/25": (Fraction(1, 2), Fraction(1, 4), Fraction(1, 4))}
STATE = "Försäkringskassan"


def member_id(name: str, taken: set[str]) -> str:
    """An id from a name: ``Region Jönköpings län`` → ``region-jonkopings-lan`` (unique among ``taken``)."""
    plain = name.lower().translate(str.maketrans("åäöéü", "aaoeu"))
    base = "-".join("".join(c if c.isascii() and c.isalnum() else " " for c in plain).split()) or "medlem"
    found, number = base, 2
    while found in taken:
        found, number = f"{base}-{number}", number + 1
    taken.add(found)
    return found


def federation_members(
    preset: str, region: str, municipalities: Sequence[tuple[str, Fraction | int]]
) -> tuple[tuple[Member, ...], dict[KeyPath, str]]:
    """The members of a preset and a note per member on how its share was found.

    A municipality's value is its part of the municipalities' share (a fraction;
    together they make 1) or its population (an int): the part is then its
    population over all the municipalities' population. Raises ``ValueError``
    (Swedish) when the values do not fit the preset.
    """
    state_share, region_share, municipal_share = PRESETS[preset]
    if municipal_share == 0 and municipalities:
        raise ValueError(f"--kommun passar inte med --medlemmar {preset}; använd 50/25/25")
    if municipal_share and not municipalities:
        raise ValueError("--medlemmar 50/25/25 behöver minst en --kommun NAMN=ANDEL")
    taken = {"fk", "region"}
    members = [Member("fk", STATE, state_share), Member("region", region, region_share)]
    notes: dict[KeyPath, str] = {
        ("members", "fk"): f"Staten (via {STATE}) betalar {_percent(state_share)}.",
        ("members", "region"): f"Regionen betalar {_percent(region_share)}.",
    }
    kinds = {isinstance(value, int) for _, value in municipalities}
    if len(kinds) > 1:
        raise ValueError("ange alla kommuners --kommun som andelar (1/2, 25%) eller alla som invånarantal")
    if municipalities and kinds == {True}:
        people = sum(int(value) for _, value in municipalities)
        if people <= 0:
            raise ValueError("invånarantalen måste vara större än 0")
        for name, value in municipalities:
            part = Fraction(int(value), people)
            member = Member(member_id(name, taken), name, municipal_share * part)
            members.append(member)
            notes[("members", member.id)] = (
                f"{format_amount(Decimal(int(value)))} av kommunernas {format_amount(Decimal(people))} invånare: "
                f"{int(value) * municipal_share.numerator}/{people * municipal_share.denominator} "
                "av alla medlemsbidrag."
            )
    elif municipalities:
        total = sum((Fraction(value) for _, value in municipalities), Fraction(0))
        if total != 1:
            raise ValueError(f"kommunernas andelar (av kommunernas del) summerar till {_percent(total)}, inte 100 %")
        for name, value in municipalities:
            member = Member(member_id(name, taken), name, municipal_share * Fraction(value))
            members.append(member)
            notes[("members", member.id)] = f"{Fraction(value)} av kommunernas {_percent(municipal_share)}."
    return tuple(members), notes


def _percent(share: Fraction) -> str:
    places = 0 if (share * 100).denominator == 1 else 2
    return format_percent(fraction_to_decimal(share, SHARE_PLACES), places)


def scenario_years(budget_year: int, plan_years: int) -> tuple[int, ...]:
    """Last year's budget (the comparison), the budget year and ``plan_years`` years after it."""
    return tuple(range(budget_year - 1, budget_year + plan_years + 1))


def new_scenario(
    federation: str,
    members: Sequence[Member],
    budget_year: int,
    plan_years: int = 2,
    total: Decimal = ZERO,
    opening_equity: Decimal = ZERO,
    source: str = "ny.toml",
) -> Scenario:
    """A new scenario: the members' ``total`` every year, starter cost lines at 0 kr."""
    years = scenario_years(budget_year, plan_years)
    zero = frozen_map({year: ZERO for year in years})
    sections: dict[str, list[Line]] = {name: [] for name in COST_SECTIONS}
    for section, line_id, name in STARTER_LINES:
        sections[section].append(Line(section, line_id, name, zero))
    return Scenario(
        source=source,
        federation=federation,
        title=f"Budgetplan {budget_year}",
        years=years,
        budget_year=budget_year,
        columns=frozen_map({y: _heading(y, budget_year) for y in years}),
        members=tuple(members),
        income=(),
        admin=tuple(sections["admin"]),
        development=tuple(sections["development"]),
        projects=tuple(sections["projects"]),
        opening_equity=frozen_map({years[0]: opening_equity}),
        reserve=zero,
        member_total=frozen_map({year: total for year in years}),
    )


def _heading(year: int, budget_year: int) -> str:
    if year < budget_year:
        return f"Budget {year}"
    return f"Budgetplan {year}" if year == budget_year else f"Prognos {year}"


@dataclass(frozen=True)
class RolledScenario:
    """Next year's scenario and, per key path of its file, where the figures came from."""

    scenario: Scenario
    notes: Mapping[KeyPath, str]


def roll_forward(plan: Plan, read: Scenario, uplift: Decimal = ZERO, origin: str = "förra planen") -> RolledScenario:
    """Next year's scenario from last year's: ``read`` as read from the file, ``plan`` its computed plan.

    ``origin`` names last year's file in the notes.
    """
    old = read
    budget_year = old.budget_year + 1
    after = old.years[-1] - old.budget_year
    years = tuple(range(old.budget_year, budget_year + max(after, 0) + 1))
    last_old = old.years[-1]
    new_last = years[-1]
    kept = [y for y in years if y in old.years]
    factor = 1 + Fraction(uplift) / 100
    percent = format_amount(uplift) if uplift else ""
    kept_text = _span(kept)
    notes: dict[KeyPath, str] = {}

    def moved(values: Mapping[int, Decimal], uplifted: bool) -> dict[int, Decimal]:
        result = {y: values[y] for y in kept if y in values}
        if last_old in values and new_last not in old.years:
            value = values[last_old]
            result[new_last] = round_krona(Fraction(value) * factor) if uplifted and uplift else value
        return result

    def note(path: KeyPath, uplifted: bool, values: Mapping[int, Decimal]) -> None:
        parts = [f"{kept_text} från {origin}"] if any(y in values for y in kept) else []
        if last_old in values and new_last not in old.years:
            if uplifted and uplift:
                parts.append(f"{new_last} = {last_old} ({format_amount(values[last_old])} kr) + {percent} %, "
                             "avrundat till hela kronor")
            else:
                parts.append(f"{new_last} kopierat från {last_old}")
        if parts:
            notes[path] = "; ".join(parts)

    sections: dict[str, tuple[Line, ...]] = {}
    for section in ("income", *COST_SECTIONS):
        lines = []
        for line in old.section(section):
            uplifted = section != "income" or line.member is not None
            periods = set(line.quarters) | set(line.months)
            amounts = moved(line.amounts, uplifted)
            # a kept year given as quarters or months stays so; the new year is one amount
            quarters = {y: q for y, q in line.quarters.items() if y in kept}
            months = {y: m for y, m in line.months.items() if y in kept}
            note((section, line.id, "amounts"), uplifted,
                 {y: a for y, a in line.amounts.items() if y not in periods or y == last_old})
            lines.append(replace(
                line,
                amounts=frozen_map(amounts),
                quarters=frozen_map(quarters),
                months=frozen_map(months),
                stated=frozen_map(),
                granted=frozen_map({y: g for y, g in line.granted.items() if y in years}),
            ))
        sections[section] = tuple(lines)
    sections["income"] = _members_uplifted_together(old, sections["income"], last_old, new_last, factor)
    member_total = moved(old.member_total, True)
    note(("contributions", "total"), True, old.member_total)
    reserve = moved(old.reserve, False)
    note(("equity", "reserve"), False, old.reserve)
    first = plan.year(old.budget_year)
    opening = {old.budget_year: first.opening_equity}
    if budget_year in old.years:
        opening[budget_year] = plan.year(budget_year).opening_equity
        carried = f"{budget_year}: ingående eget kapital {budget_year} i {origin}"
    else:
        opening[budget_year] = first.carried_equity(old.carry)
        carried = f"{budget_year}: eget kapital som förs vidare från {old.budget_year} i {origin} (carry)"
    notes[("equity", "opening")] = (
        f"{old.budget_year}: ingående eget kapital {old.budget_year} i {origin}; {carried}. "
        "Byt mot bokslutets eller prognosens siffra när den finns."
    )
    if old.cash is not None:
        notes[("cash", "opening")] = (f"kassan vid början av {old.years[0]} i {origin}: byt mot kassan vid början "
                                      f"av {years[0]}")
    adjustments = tuple(replace(a, start=max(a.start, years[0])) for a in old.adjustments)
    new = replace(
        old,
        title=f"Budgetplan {budget_year}",
        years=years,
        budget_year=budget_year,
        columns=frozen_map({y: _heading(y, budget_year) for y in years}),
        income=sections["income"],
        admin=sections["admin"],
        development=sections["development"],
        projects=sections["projects"],
        opening_equity=frozen_map(opening),
        reserve=frozen_map(reserve),
        stated=frozen_map(),
        member_total=frozen_map(member_total),
        adjustments=adjustments,
        adjusted=False,
    )
    return RolledScenario(new, frozen_map(notes))


def _members_uplifted_together(
    old: Scenario, income: tuple[Line, ...], last_old: int, new_last: int, factor: Fraction
) -> tuple[Line, ...]:
    """The new year's member contributions uplifted as a whole and split by the shares (as ``[[adjust]]``
    does), so that the member-split rule finds them right; only when each member has one income line."""
    if factor == 1 or new_last in old.years:
        return income
    lines = {m.id: [ln for ln in income if ln.member == m.id] for m in old.members}
    if not old.members or any(len(found) != 1 or last_old not in found[0].amounts for found in lines.values()):
        return income
    total = sum((found[0].amounts[last_old] for found in lines.values()), ZERO)
    parts = split_by_shares(int(round_krona(Fraction(total) * factor)), [m.share for m in old.members])
    new = {lines[m.id][0].id: Decimal(part) for m, part in zip(old.members, parts)}
    return tuple(
        replace(ln, amounts=frozen_map({**ln.amounts, new_last: new[ln.id]})) if ln.id in new else ln
        for ln in income
    )


def _span(years: Sequence[int]) -> str:
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


__all__ = ["STARTER_LINES", "RolledScenario", "new_scenario", "roll_forward", "scenario_years"]
