"""Noter: erhållna driftbidrag per member, verksamhetens kostnader per line or project.

With a scenario, Not 1 shows each member's contributions (the accounts of the
member's income lines) and Not 2 each cost line of the scenario (its accounts),
by section, with budget, this year and last year; costs are positive here, as in
a budget. When the scenario maps objects (projects), a line of objects shows this
year's bookings that carry its objects, and each object no line names a row. A
last row, the costs on accounts no scenario line lists, makes the
note add up to the resultaträkning. Without a scenario the notes show the
accounts behind the driftbidrag and cost lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from finsam_budget.constants import ZERO
from finsam_budget.mapping import AccountRange
from finsam_budget.model import COST_SECTIONS, SECTION_LABELS, Line
from finsam_budget.money import format_amount
from finsam_budget.scenario_accounts import ObjectAllocation, ScenarioAccounts, allocate_objects
from finsam_budget.statements.context import BUDGET, LAST, THIS, Context
from finsam_budget.statements.income import line_key
from finsam_budget.tables import Ref, Table, TableBuilder


def _account_label(ctx: Context, account: str) -> str:
    known = ctx.sie.accounts.get(account)
    return f"{account} {known.name}" if known is not None and known.name else account


def _covered(ctx: Context, column: str, ranges: Sequence[AccountRange]) -> Decimal:
    """The file's sum (debit +) of the result accounts of ``column``'s year that ``ranges`` cover."""
    total = ZERO
    book = ctx.book(column)
    for accounts in book.result_accounts.values():
        for account, amount in accounts:
            if any(r.covers(account) for r in ranges):
                total -= amount  # result_accounts holds the statement's sign
    return total


def build_contributions_note(ctx: Context) -> Table:
    columns = ctx.result_columns()
    t = TableBuilder("not_bidrag", "Not 1 Erhållna driftbidrag", columns, ctx.lookup)
    actual_columns = [c.key for c in columns if c.key != BUDGET]
    if ctx.plan is not None and ctx.scenario_accounts is not None:
        plan, accounts = ctx.plan, ctx.scenario_accounts
        figures = plan.year(ctx.year) if ctx.year in plan.scenario.years else None
        rows = []
        for member in plan.scenario.members:
            ranges = [
                r
                for line in plan.scenario.income
                if line.member == member.id
                for r in accounts.ranges_of(line.key)
            ]
            amounts: dict[str, Decimal | None] = {
                c: -_covered(ctx, c, ranges) if ranges else None for c in actual_columns
            }
            amounts[BUDGET] = figures.contributions.get(member.id) if figures is not None else None
            t.values(f"member:{member.id}", member.name, amounts)
            rows.append(f"member:{member.id}")
        t.sum("total", "Summa medlemsbidrag", [(1, k) for k in rows])
        _compare_with_statement(ctx, t.build(), actual_columns)
    else:
        rows = []
        for line in ctx.mapping.lines:
            if not line.contributions:
                continue
            for account in _accounts_of(ctx, line.id, actual_columns):
                amounts = {c: _account_amount(ctx, c, line.id, account) for c in actual_columns}
                t.values(f"account:{account}", _account_label(ctx, account), amounts)
                rows.append(f"account:{account}")
        t.sum("total", "Summa erhållna driftbidrag", [(1, k) for k in rows], columns=actual_columns)
    return ctx.add(t.build())


def _compare_with_statement(ctx: Context, note: Table, columns: list[str]) -> None:
    """Warn when the members' contributions differ from the resultaträkning's driftbidrag."""
    rr = ctx.tables["rr"]
    lines = [line_key(line.id) for line in ctx.mapping.lines if line.contributions]
    for column in columns:
        statement = sum((rr.amount(k, column) or ZERO for k in lines), ZERO)
        members = note.amount("total", column) or ZERO
        if statement != members:
            year = ctx.book(column).data.year
            ctx.warn(
                f"{year}: medlemmarnas bidrag enligt scenariots konton ({format_amount(members)} kr) skiljer sig "
                f"från erhållna driftbidrag i resultaträkningen ({format_amount(statement)} kr)"
            )


def _accounts_of(ctx: Context, line_id: str, columns: list[str]) -> list[str]:
    found: set[str] = set()
    for column in columns:
        found.update(account for account, _ in ctx.book(column).result_accounts.get(line_id, ()))
    return sorted(found)


def _account_amount(ctx: Context, column: str, line_id: str, account: str) -> Decimal:
    return sum((a for acc, a in ctx.book(column).result_accounts.get(line_id, ()) if acc == account), ZERO)


def _allocation(ctx: Context, column: str) -> ObjectAllocation | None:
    """The column's bookings shared out to the scenario's lines of objects (``allocate_objects``).

    Only year 0 has vouchers, the only bookings that carry objects: ``None`` for
    last year, and when the scenario names no objects.
    """
    accounts = ctx.scenario_accounts
    if accounts is None or not accounts.object_lines or column != THIS:
        return None
    results = {account: -amount for found in ctx.book(column).result_accounts.values() for account, amount in found}
    return allocate_objects(accounts, results, ctx.sie.object_transactions.items())


def _own_accounts(accounts: ScenarioAccounts, line: Line) -> bool:
    """The line lists accounts and no other line's accounts overlap them: its bookings without objects."""
    ranges = accounts.ranges_of(line.key)
    others = [r for e in accounts.lines if e.line.key != line.key for r in e.ranges]
    return bool(ranges) and not any(a.low <= b.high and b.low <= a.high for a in ranges for b in others)


def _objects_text(line: Line) -> str:
    return ", ".join(f"{dim} {code}" for dim, codes in sorted(line.objects.items()) for code in codes)


def build_costs_note(ctx: Context) -> Table:
    """Not 2: per cost line of the scenario (per project when it maps objects), else per account.

    A line of objects shows the bookings that carry its objects (``allocate_objects``,
    as the driftsredovisning takes them), a line of accounts alone what is left on
    its accounts; objects no line names get a row each. Last year has no vouchers:
    a line of objects then takes its accounts when they are its own, else its
    amount is left to the row of other costs, with a warning.
    """
    columns = ctx.result_columns()
    t = TableBuilder("not_kostnader", "Not 2 Verksamhetens kostnader", columns, ctx.lookup)
    column_keys = [c.key for c in columns]
    actual_columns = [c for c in column_keys if c != BUDGET]
    sections: list[str] = []
    if ctx.plan is not None and ctx.scenario_accounts is not None:
        scenario, accounts = ctx.plan.scenario, ctx.scenario_accounts
        shared = {c: _allocation(ctx, c) for c in actual_columns}
        unsplit: list[str] = []  # lines of objects whose last year cannot be told apart
        for section in COST_SECTIONS:
            t.heading(f"h_{section}", SECTION_LABELS[section])
            rows = []
            for line in scenario.section(section):
                ranges = accounts.ranges_of(line.key)
                amounts: dict[str, Decimal | None] = {}
                for c in actual_columns:
                    allocation = shared[c]
                    if line.objects and allocation is not None:
                        amounts[c] = allocation.by_line.get(line.key, ZERO)
                    elif line.objects:  # last year: by its accounts when they are its own
                        amounts[c] = _covered(ctx, c, ranges) if _own_accounts(accounts, line) else None
                        unsplit += [line.key] if amounts[c] is None else []
                    elif not ranges:
                        amounts[c] = None
                    elif allocation is not None:
                        amounts[c] = sum(
                            (
                                a
                                for account, a in allocation.remaining.items()
                                if any(r.covers(account) for r in ranges)
                            ),
                            ZERO,
                        )
                    else:
                        amounts[c] = _covered(ctx, c, ranges)
                amounts[BUDGET] = line.amount(ctx.year)
                label = f"{line.name} (objekt {_objects_text(line)})" if line.objects else line.name
                t.values(f"line:{line.key}", label, amounts)
                rows.append(f"line:{line.key}")
            t.sum(f"section:{section}", f"Summa {SECTION_LABELS[section].lower()}", [(1, k) for k in rows])
            sections.append(f"section:{section}")
        sections += _unnamed_object_rows(ctx, t, shared, actual_columns)
        if unsplit:
            ctx.warn(
                f"Not 2: kostnaderna {ctx.book(LAST).data.year} kan inte delas per projekt (objekt), eftersom "
                "filen har verifikationer bara för räkenskapsåret och raderna delar konton med andra rader; "
                f"beloppen för {', '.join(unsplit)} ingår det året i Övriga kostnader"
            )
        # The budget column has none: a budget belongs to a scenario line or nowhere.
        other = {
            c: [(-1, Ref("rr", "costs", c))] + [(-1, Ref("not_kostnader", s, c)) for s in sections]
            for c in actual_columns
        }
        t.sum("other", "Övriga kostnader (konton utan rad i scenariot)", other, kind="line")
        sections.append("other")
    else:
        for cost_line in ctx.mapping.lines_in("costs"):
            found = _accounts_of(ctx, cost_line.id, actual_columns)
            if not found:
                continue
            t.heading(f"h_{cost_line.id}", cost_line.name)
            rows = []
            for account in found:
                figures = {c: -_account_amount(ctx, c, cost_line.id, account) for c in actual_columns}
                t.values(f"account:{account}", _account_label(ctx, account), figures)
                rows.append(f"account:{account}")
            t.sum(f"section:{cost_line.id}", f"Summa {cost_line.name.lower()}", [(1, k) for k in rows])
            sections.append(f"section:{cost_line.id}")
    t.sum("total", "Summa verksamhetens kostnader", [(1, k) for k in sections])
    return ctx.add(t.build())


def _unnamed_object_rows(
    ctx: Context, t: TableBuilder, shared: dict[str, ObjectAllocation | None], columns: list[str]
) -> list[str]:
    """A row per object no line names, with its costs (``ObjectAllocation.by_object``); their keys."""
    cost_accounts = {
        account for line in ctx.mapping.lines_in("costs") for account in _accounts_of(ctx, line.id, columns)
    }
    found: dict[tuple[str, str], dict[str, Decimal]] = {}
    for column, allocation in shared.items():
        for (dim, code, account), amount in allocation.by_object.items() if allocation is not None else ():
            if account in cost_accounts:
                per_column = found.setdefault((dim, code), {})
                per_column[column] = per_column.get(column, ZERO) + amount
    keys = []
    for (dim, code), per_column in sorted(found.items()):
        name = ctx.sie.objects.get((dim, code), "")
        label = f"Objekt {dim} {code}{' ' + name if name else ''} (ingen rad i scenariot)"
        amounts: dict[str, Decimal | None] = {c: per_column.get(c) for c in columns}
        t.values(f"object:{dim}:{code}", label, amounts)
        keys.append(f"object:{dim}:{code}")
    return keys
