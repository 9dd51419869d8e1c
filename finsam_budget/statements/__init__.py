"""The year-end statements from one SIE file: pure, no I/O.

``compute_statements(sie, mapping, plan)`` reads the file's years through the
account mapping (``ledger``), builds the resultaträkning, balansräkning,
kassaflödesanalys, noter and nyckeltal as tables whose totals carry their
derivation (``finsam_budget.tables``), and checks every identity (``checks``).
With a plan (a computed scenario) the statements get a budget column and the
notes show members and scenario lines. Raises ``InputError`` when the file
cannot give statements at all (no #RAR 0, no balances, a scenario without the year).
"""

from __future__ import annotations

from dataclasses import replace

from finsam_budget.constants import ZERO
from finsam_budget.labels import CAP_MARGIN, CAP_MARGIN_SHORT
from finsam_budget.mapping import DEFAULT_MAPPING, AccountMapping, MappingLine
from finsam_budget.model import DEFAULT_CAP_BANDS, CapBand
from finsam_budget.money import format_amount
from finsam_budget.plan.engine import Plan
from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.sie.model import SieData
from finsam_budget.scenario_accounts import scenario_accounts
from finsam_budget.statements.balance import build_balance_sheet, group_rows
from finsam_budget.statements.cash_flow import build_cash_flow
from finsam_budget.statements.checks import run_checks
from finsam_budget.statements.context import LAST, THIS, Context
from finsam_budget.statements.income import build_income_statement
from finsam_budget.statements.key_figures import (
    OVERVIEW_YEARS,
    build_five_year_overview,
    build_key_figures,
)
from finsam_budget.statements.ledger import Book, year_data
from finsam_budget.statements.model import Check, KeyFigure, Sheet, Statements
from finsam_budget.statements.notes import build_contributions_note, build_costs_note
from finsam_budget.tables import Ref

__all__ = ["Check", "KeyFigure", "Sheet", "Statements", "compute_statements"]



def compute_statements(
    sie: SieData,
    mapping: AccountMapping = DEFAULT_MAPPING,
    plan: Plan | None = None,
    *,
    cap_bands: tuple[CapBand, ...] | None = None,
) -> Statements:
    """Every statement of the file's year 0, with its identities checked.

    The cap (taket) follows ``cap_bands`` (a rules file's table) when given, else
    the plan's cap table, else the default one.
    """
    if 0 not in sie.rar:
        raise InputError(
            [
                Problem(
                    sie.file,
                    "filen saknar #RAR 0 (räkenskapsåret); bokslutet behöver veta vilket år filen gäller",
                )
            ]
        )
    first_year = sie.rar[0][1].year
    lines_of: dict[str, MappingLine | None] = {}
    books: dict[int, Book] = {}
    for index in OVERVIEW_YEARS:
        data = year_data(sie, index, first_year)
        if data.results is not None or data.balances is not None:
            books[index] = Book(mapping, data, lines_of)
    this = books.get(0)
    if this is None or not this.has_balances:
        raise InputError(
            [
                Problem(
                    sie.file,
                    "filen saknar balanser för räkenskapsåret (#UB 0, eller #IB 0 och verifikationer)",
                )
            ]
        )
    warnings = []
    if not this.has_results:
        # A year without result records or vouchers: nothing happened on the result accounts.
        books[0] = this = Book(mapping, replace(this.data, results={}, results_from="saknas"), lines_of)
        warnings.append(
            Problem(
                sie.file,
                "filen har varken #RES 0 eller verifikationer; årets resultat räknas som 0",
                severity="warning",
            )
        )
    accounts = None
    if plan is not None:
        if first_year not in plan.scenario.years:
            years = ", ".join(map(str, plan.scenario.years))
            raise InputError(
                [
                    Problem(
                        plan.scenario.source,
                        f"scenariot har inte år {first_year}, som SIE-filen gäller (years = [{years}])",
                    )
                ]
            )
        accounts = scenario_accounts(plan.scenario)
    bands = cap_bands or (plan.scenario.cap_bands if plan is not None else DEFAULT_CAP_BANDS)
    ctx = Context(sie, mapping, books, plan, accounts, warnings=warnings, cap_bands=tuple(bands))
    build_income_statement(ctx)
    build_balance_sheet(ctx)
    build_cash_flow(ctx)
    build_contributions_note(ctx)
    build_costs_note(ctx)
    build_key_figures(ctx)
    build_five_year_overview(ctx)
    concerns = _cap_warning(ctx, sie.file)
    t = ctx.tables
    sheets = (
        Sheet("Resultaträkning", (t["rr"],)),
        Sheet("Balansräkning", (t["br"],)),
        Sheet("Kassaflödesanalys", (t["kf"],)),
        Sheet("Noter", (t["not_bidrag"], t["not_kostnader"])),
        Sheet("Nyckeltal", (t["nyckeltal"], t["femar"])),
    )
    federation = sie.fnamn or (plan.scenario.federation if plan is not None else "") or "Samordningsförbundet"
    return Statements(
        source=sie.file,
        federation=federation,
        year=first_year,
        has_last_year=ctx.has_last_results,
        has_budget=plan is not None,
        sheets=sheets,
        checks=tuple(run_checks(ctx)),
        warnings=(*sie.warnings, *ctx.warnings),
        key_figures=_key_figures(ctx),
        concerns=concerns,
    )


def _cap_warning(ctx: Context, source: str) -> tuple[tuple[Ref, Problem], ...]:
    """Equity over the cap is a warning, as `check` reports it (rule equity-cap), on the margin's cell."""
    figures = ctx.tables["nyckeltal"]
    headroom = figures.amount("headroom", THIS) if figures.has_row("headroom") else None
    if headroom is None or headroom >= 0:
        return ()
    cap, equity = figures.amount("cap", THIS), figures.amount("equity", THIS)
    problem = Problem(
        source,
        f"Eget kapital {format_amount(equity or ZERO)} kr överstiger taket {format_amount(cap or ZERO)} kr "
        f"med {format_amount(-headroom)} kr; statens tilldelning kan minskas",
        severity="warning",
    )
    ctx.warnings.append(problem)
    return ((Ref("nyckeltal", "headroom", THIS), problem),)


def _key_figures(ctx: Context) -> tuple[KeyFigure, ...]:
    t = ctx.tables

    def pick(table: str, row: str, unit: str = "amount") -> KeyFigure:
        found = t[table]
        values = [
            found.amount(row, c) if found.has_column(c) and found.has_row(row) else None for c in (THIS, LAST)
        ]
        return KeyFigure(found.row(row).label if found.has_row(row) else row, unit, values[0], values[1])

    br = t["br"]
    cash_rows = group_rows(br, ctx, "cash")
    cash = [
        sum((br.amount(r, c) or ZERO for r in cash_rows), ZERO) if br.has_column(c) else None
        for c in (THIS, LAST)
    ]
    figures = [
        pick("rr", "income"),
        pick("rr", "costs"),
        pick("rr", "result"),
        pick("br", "assets"),
        pick("br", "equity"),
        KeyFigure("Likvida medel (kassa och bank)", "amount", cash[0], cash[1]),
        pick("nyckeltal", "solidity", "percent"),
        pick("nyckeltal", "balanskrav"),
        pick("nyckeltal", "cap"),
        pick("nyckeltal", "headroom"),
    ]
    return tuple(KeyFigure(_short(f.label), f.unit, f.this_year, f.last_year) for f in figures)


def _short(label: str) -> str:
    return {
        "SUMMA TILLGÅNGAR": "Summa tillgångar",
        "Summa verksamhetens intäkter": "Verksamhetens intäkter",
        "Summa verksamhetens kostnader": "Verksamhetens kostnader",
        "Summa eget kapital": "Eget kapital",
        "Soliditet (eget kapital / summa tillgångar)": "Soliditet",
        CAP_MARGIN: CAP_MARGIN_SHORT,
    }.get(label, label)
