"""The årsredovisning's appendix on the insatser: money and participants in the report's year.

Given a follow-up file, its findings and the cost figures of `uppfoljning`
(``outcomes.costs.outcome_costs`` over the same actuals as the
driftsredovisning), each insats gets a sentence and two tables: participants and
exits by reason with shares and goals ("Antal"), and its line's budget and actual
with the cost per participant and per exit to work or studies ("Belopp i kronor").
Every cell links to the insats's table of ``outcomes.tables`` (the `uppfoljning`
workbook's), so no figure is computed twice. The file's errors and warnings close
the appendix ("Kontroll av uppgifterna").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from finsam_budget.annual_report import sentences as say
from finsam_budget.annual_report.model import COUNT_HEADING, Block, Paragraph, Section, TableBlock
from finsam_budget.followup import AT_LEAST, EXIT_LABELS, FLOW, Followup, FollowupPeriod, Goal
from finsam_budget.labels import SEVERITY_LABEL, severity_rank
from finsam_budget.model import Finding, Scenario
from finsam_budget.outcomes import goals as goal_rule
from finsam_budget.outcomes.costs import ACTUAL, BUDGET, WORK, OutcomeCosts
from finsam_budget.outcomes.tables import (
    EXITS_SUM,
    InsatsTable,
    followup_tables,
    goal_row,
    money_row,
    per_participant_row,
    per_work_row,
    share_row,
)
from finsam_budget.problems import Problem
from finsam_budget.tables import Column, Ratio, Ref, Table, TableBuilder, lookup_in

TITLE = "Bilaga: Insatser – pengar och deltagare"
CHECK_TITLE = "Kontroll av uppgifterna"
COUNT, SHARE = "antal", "andel"
#: The flow of the report's year, as the appendix names it.
YEAR_FLOW_LABELS = {
    "aktiva_start": "Aktiva vid årets början",
    "nya": "Nya deltagare",
    "deltagare": "Deltagare under året",
    "avslutade": "Avslutade",
    "aktiva_slut": "Aktiva vid årets slut",
}


@dataclass(frozen=True)
class InsatsFollowup:
    """What the appendix is made of: the follow-up file, its findings and its cost figures."""

    followup: Followup
    findings: tuple[Finding, ...]
    costs: OutcomeCosts


def insatser_appendix(given: InsatsFollowup, scenario: Scenario, year: int, number: str) -> list[Section]:
    """The appendix chapter ``number``: an introduction, a section per insats, then the file's findings."""
    followup = given.followup
    tables = followup_tables(followup, given.costs)
    source = followup.published or followup.source.rsplit("/", 1)[-1]
    intro = Paragraph((
        f"Bilagan ställer insatsernas pengar mot deras deltagare {year}. Deltagaruppgifterna kommer ur "
        f"{source}, budgeten ur scenariot och utfallet ur bokföringen, samma belopp som i "
        "driftsredovisningen. Kostnaden per deltagare är insatsens kostnad för året delad med antalet "
        "deltagare under året; kostnaden per avslut till arbete eller studier är den delad med antalet "
        "sådana avslut. Båda är avrundade till hela kronor.",
    ),)
    check_number = f"{number}.{len(tables) + 1}"
    sections = [Section(number, TITLE, (intro,))]
    for index, item in enumerate(tables, start=1):
        blocks = _insats_blocks(item, scenario, year, given.findings, f"{check_number} {CHECK_TITLE}")
        sections.append(Section(f"{number}.{index}", item.insats.name, tuple(blocks)))
    sections.append(Section(check_number, CHECK_TITLE, tuple(_checks(given))))
    return sections


def _year_period(item: InsatsTable, year: int) -> FollowupPeriod | None:
    return next((p for p in item.insats.periods if p.first_year == p.last_year == year), None)


def _insats_blocks(
    item: InsatsTable, scenario: Scenario, year: int, findings: Sequence[Finding], check_heading: str
) -> list[Block]:
    insats = item.insats
    period = _year_period(item, year)
    if period is None:
        published = ", ".join(p.label.replace("-", "–") for p in insats.periods) or "inga perioder"
        return [Paragraph((
            f"Uppföljningsfilen har inga uppgifter om {insats.name} för just {year} (den har {published}).",
        ),)]
    people = people_table(item, period.label, year)
    money = money_table(item, period.label, year, scenario)
    # The sentences stay on the page of the tables they speak of.
    blocks: list[Block] = [Paragraph((_sentences(item, period.label, people, money, year),), keep=True)]
    prefix = period.key.removesuffix("]")
    errors = sum(1 for f in findings if f.severity == "error" and (f.key or "").startswith(prefix))
    if errors:
        blocks.append(Paragraph((
            f"Uppgifterna för {year} hänger inte ihop på {errors} "
            f"{'ställe' if errors == 1 else 'ställen'}; se {check_heading}.",
        ), keep=True))
    blocks.append(TableBlock(flow_table(item, period.label, year), unit_heading=COUNT_HEADING))
    blocks.append(TableBlock(people, unit_heading=COUNT_HEADING))
    if money is not None:
        blocks.append(TableBlock(money))
    return blocks


def _sentences(item: InsatsTable, period: str, people: Table, money: Table | None, year: int) -> str:
    """The insats's sentence, then one for each of its other goals; every figure from the tables."""
    flow = flow_table(item, period, year)

    def counted(row: str) -> int | None:
        table = flow if flow.has_row(row) else people
        amount = table.amount(row, COUNT) if table.has_row(row) else None
        return None if amount is None else int(amount)

    def shared(row: str) -> Decimal | None:
        return people.amount(row, SHARE) if people.has_row(row) else None

    goals = {goal_row(g): g for g in item.insats.goals}
    judged = {s.row: s.met for s in item.goals if s.period == period and people.has_row(f"mal:{s.row}")}
    work_goal = next((g for g in item.insats.goals if g.reason == WORK and g.comparison == AT_LEAST), None)
    if work_goal is None:
        work_goal = next((g for g in item.insats.goals if g.reason == WORK), None)
    side = ACTUAL if money is not None and money.has_column(ACTUAL) and _has(money, ACTUAL) else BUDGET
    first = say.insats_sentence(say.InsatsYear(
        name=item.insats.name,
        year=year,
        participants=counted("deltagare"),
        exits=counted("avslutade") if flow.has_row("avslutade") else counted(EXITS_SUM),
        to_work=counted(WORK),
        work_share=shared(WORK),
        work_goal=None if work_goal is None or goal_row(work_goal) not in judged
        else (_limit(work_goal), judged[goal_row(work_goal)]),
        per_participant=_cost(money, "per_deltagare", side),
        per_work_exit=_cost(money, "per_arbete_studier", side),
        actual=side == ACTUAL,
    ))
    others = [
        say.goal_sentence(goals[key].text.replace(" %", say.NBSP + "%"), share, met)
        for key, met in judged.items()
        if goals[key] is not work_goal and (share := shared(goals[key].reason)) is not None
    ]
    return " ".join([first, *others])


def _limit(goal: Goal) -> str:
    """``minst 20 %``."""
    return f"{'minst' if goal.comparison == AT_LEAST else 'högst'} {say.percent(goal.percent / 100)}"


def _has(table: Table, column: str) -> bool:
    return any(table.amount(r.key, column) is not None for r in table.rows if r.kind != "heading")


def _cost(money: Table | None, row: str, side: str) -> Decimal | None:
    if money is None or not money.has_row(row) or not money.has_column(side):
        return None
    return money.amount(row, side)


def _cell(source: Table, row: str, period: str) -> Ref | None:
    """A reference to the insats table's cell, when it has one."""
    return Ref(source.key, row, period) if source.has_row(row) and source.amount(row, period) is not None else None


def flow_table(item: InsatsTable, period: str, year: int) -> Table:
    """The participants of the report's year as published: active at the start, new, participants, exits, active."""
    source = item.table
    t = TableBuilder(f"bilaga.{source.key}.deltagare", f"{item.insats.name} {year}: deltagare",
                     (Column(COUNT, str(year), unit="count"),), lookup_in([source]))
    for name in FLOW:
        if (ref := _cell(source, name, period)) is not None:
            t.link(name, YEAR_FLOW_LABELS[name], {COUNT: ref})
    return t.build()


def people_table(item: InsatsTable, period: str, year: int) -> Table:
    """Exits by reason in the report's year with their shares of the exits, and the goals met or not."""
    source = item.table
    columns = (Column(COUNT, str(year), unit="count"), Column(SHARE, "Andel av avslutade", unit="percent"))
    t = TableBuilder(f"bilaga.{source.key}.avslut", f"{item.insats.name} {year}: avslut och mål",
                     columns, lookup_in([source]))

    def there(row: str) -> Ref | None:
        return _cell(source, row, period)

    base = there("avslutade") or there(EXITS_SUM)
    reasons = [r for r in item.reasons if there(r) is not None]
    if reasons:
        t.heading("avslut", "Avslut efter orsak")
        for reason in reasons:
            spec: dict[str, Decimal | Ref | Ratio | None] = {COUNT: there(reason), SHARE: there(share_row(reason))}
            t.row(reason, EXIT_LABELS[reason], spec)
        total = there(EXITS_SUM)
        if total is not None:
            t.row(EXITS_SUM, "Summa avslut efter orsak",
                  {COUNT: total, SHARE: Ratio(total, base) if base is not None else None}, kind="total")
    statuses = {s.row: s.met for s in item.goals if s.period == period}
    goals = [g for g in item.insats.goals if goal_row(g) in statuses and there(share_row(g.reason)) is not None]
    if goals:
        t.heading("mal", "Mål (andel av avslutade)")
        for goal in goals:
            verdict = "uppfyllt" if statuses[goal_row(goal)] else "inte uppfyllt"
            label = f"{goal.text[0].upper()}{goal.text[1:]}: {verdict}".replace(" %", say.NBSP + "%")
            t.row(f"mal:{goal_row(goal)}", label,
                  {COUNT: there(goal.reason), SHARE: there(share_row(goal.reason))})
    return t.build()


def money_table(item: InsatsTable, period: str, year: int, scenario: Scenario) -> Table | None:
    """The line's budget and actual for the year and the cost per participant and per exit to work or studies."""
    source = item.table
    sides = [s for s in (BUDGET, ACTUAL) if source.has_row(money_row(s)) and source.amount(money_row(s), period)
             is not None]
    if not sides:
        return None
    headings = {BUDGET: f"Budget {year}", ACTUAL: f"Utfall {year}"}
    t = TableBuilder(f"bilaga.{source.key}.kostnad", f"{item.insats.name} {year}: kostnad",
                     tuple(Column(s, headings[s]) for s in sides), lookup_in([source]))
    line = scenario.line(item.insats.line) if item.insats.line else None
    what = f"Insatsens kostnad (raden {line.name})" if line is not None else "Insatsens kostnad"
    people = source.amount("deltagare", period) if source.has_row("deltagare") else None
    to_work = source.amount(WORK, period) if source.has_row(WORK) else None
    for key, label, row_of in (
        ("kostnad", what, money_row),
        ("per_deltagare", "Kostnad per deltagare" + (f" ({say.count(int(people))} deltagare)" if people else ""),
         per_participant_row),
        ("per_arbete_studier", "Kostnad per avslut till arbete eller studier"
         + (f" ({say.count(int(to_work))} avslut)" if to_work else ""), per_work_row),
    ):
        refs = {s: Ref(source.key, row_of(s), period) for s in sides
                if source.has_row(row_of(s)) and source.amount(row_of(s), period) is not None}
        if refs:
            t.link(key, label, refs)
    return t.build()


def _checks(given: InsatsFollowup) -> list[Paragraph]:
    """The file's errors and warnings, errors first; a goal not met is an outcome, not an error, and stays out."""
    listed = sorted(
        (f for f in given.findings if f.severity != "info" and f.rule != goal_rule.RULE),
        key=lambda f: severity_rank(f.severity),
    )
    notes: list[Problem] = list(given.costs.notes)
    name = given.followup.source.rsplit("/", 1)[-1]
    if not listed and not notes:
        return [Paragraph((
            f"Uppgifterna i {name} hänger ihop: flödet, summorna, procenten och fördelningen på kön stämmer.",
        ),)]
    intro = Paragraph((
        f"Kontrollen av {name} (samma som finsam-budget uppfoljning gör) visar uppgifter som inte stämmer "
        "med varandra. Listan gäller hela filen, också perioder som bilagan inte visar. Rätta uppgifterna "
        "i källan innan bilagan publiceras.",
    ),)
    lead = Paragraph(("Uppgifter som inte stämmer:",))
    items = [Paragraph((f"{SEVERITY_LABEL[f.severity]}: {f.message}",), bullet=True)
             for f in listed]
    items += [Paragraph((f"{SEVERITY_LABEL[p.severity]}: {p.message}",), bullet=True) for p in notes]
    return [intro, lead, *items]
