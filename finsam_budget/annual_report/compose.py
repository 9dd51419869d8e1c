"""Assemble the årsredovisning: chapters in the order of LKBR and RKR R15, from the computations.

Every table is a table the statements or drift workbook shows (or a derivation
over them, ``annual_report.tables``); every figure in a sentence is read from
those tables. What only the federation can write comes from the side file
(``ReportDetails``) or stays a ``Prompt``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from finsam_budget.annual_report import sentences as say
from finsam_budget.annual_report.model import (
    AnnualReport,
    Block,
    Paragraph,
    Part,
    Prompt,
    Section,
    Signatures,
    TableBlock,
)
from finsam_budget.annual_report.tables import (
    ACTUAL_SHARE,
    BUDGET_SHARE,
    balanskrav_table,
    cost_shares,
)
from finsam_budget.drift.model import COST, Driftsredovisning
from finsam_budget.drift.tables import ACTUAL, BUDGET, DEVIATION, PREVIOUS, DriftTables, drift_tables
from finsam_budget.model import Scenario
from finsam_budget.money import format_percent
from finsam_budget.report_details import ReportDetails
from finsam_budget.statements import Statements
from finsam_budget.statements.context import THIS

#: The largest deviations named in the förvaltningsberättelse.
MOST_DEVIATIONS = 5
LAW = "lagen (2003:1210) om finansiell samordning av rehabiliteringsinsatser"
MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)


def compose_annual_report(
    statements: Statements,
    report: Driftsredovisning,
    scenario: Scenario,
    details: ReportDetails | None = None,
    *,
    organisation_number: str | None = None,
) -> AnnualReport:
    """The draft årsredovisning of ``statements.year``; ``report`` is the same year's driftsredovisning."""
    details = details or ReportDetails()
    drift = drift_tables(report)
    adopted: Part = swedish_date(details.adopted) if details.adopted else Prompt("datum då styrelsen fastställde")
    sections = (
        *_management_report(statements, report, drift, scenario, details, organisation_number),
        *_drift_chapter(statements, report, drift),
        Section("3", "Resultaträkning", (TableBlock(statements.table("rr")),)),
        Section("4", "Balansräkning", (TableBlock(statements.table("br")),)),
        Section("5", "Kassaflödesanalys", (TableBlock(statements.table("kf")),)),
        Section("6", "Redovisningsprinciper", tuple(_principles(details))),
        Section("7", "Noter", tuple(TableBlock(statements.table(k)) for k in ("not_bidrag", "not_kostnader"))),
        Section("8", "Styrelsens underskrift", _signatures(statements, details, adopted)),
    )
    return AnnualReport(
        federation=statements.federation,
        year=statements.year,
        organisation_number=organisation_number,
        source=statements.source,
        sections=sections,
        adopted=adopted,
    )


def swedish_date(day: object) -> str:
    """``16 mars 2023``."""
    from datetime import date

    assert isinstance(day, date)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _p(*parts: Part) -> Paragraph:
    return Paragraph(tuple(parts))


def _text_or_prompt(text: str | None, prompt: str) -> list[Paragraph]:
    """The side file's text, a paragraph per blank-line-separated part; else a prompt."""
    if not text:
        return [_p(Prompt(prompt))]
    return [_p(part.strip()) for part in text.split("\n\n") if part.strip()]


def _amount(statements: Statements, table: str, row: str, column: str = THIS) -> Decimal:
    found = statements.table(table)
    amount = found.amount(row, column) if found.has_row(row) and found.has_column(column) else None
    return amount if amount is not None else Decimal(0)


# --- 1 Förvaltningsberättelse -----------------------------------------------------


def _management_report(
    statements: Statements,
    report: Driftsredovisning,
    drift: DriftTables,
    scenario: Scenario,
    details: ReportDetails,
    organisation_number: str | None,
) -> list[Section]:
    year = statements.year
    number = f" ({organisation_number})" if organisation_number else ""
    intro = _p(
        f"Styrelsen för {statements.federation}{number} avger härmed årsredovisning för räkenskapsåret {year}."
    )
    return [
        Section("1", "Förvaltningsberättelse", (intro,)),
        Section("1.1", "Organisation och medlemmar", tuple(_organisation(scenario, details))),
        Section("1.2", "Uppdrag", tuple(_mission(details))),
        Section(
            "1.3",
            "Årets viktiga händelser",
            tuple(_text_or_prompt(details.events, "årets viktiga händelser: beslut, nya och avslutade insatser")),
        ),
        Section(
            "1.4",
            "God ekonomisk hushållning, måluppfyllelse och ekonomisk ställning",
            tuple(_economy(statements, report, drift, details)),
        ),
        Section("1.5", "Balanskravsresultat", tuple(_balanskrav(statements, details))),
        Section(
            "1.6",
            "Personal",
            tuple(_text_or_prompt(details.personnel, "antal anställda, tjänstgöringsgrad och sjukfrånvaro")),
        ),
        Section(
            "1.7",
            "Förväntad utveckling",
            tuple(_text_or_prompt(details.outlook, "förväntad utveckling: budget och insatser kommande år")),
        ),
    ]


def _organisation(scenario: Scenario, details: ReportDetails) -> list[Block]:
    members = [f"{m.name} ({_share_text(m.share)})" for m in scenario.members]
    listed = members[0] if len(members) == 1 else ", ".join(members[:-1]) + " och " + members[-1] if members else ""
    blocks: list[Block] = []
    if listed:
        blocks.append(
            _p(
                f"Förbundet är ett samordningsförbund enligt {LAW}. Medlemmar och deras andel av "
                f"medlemsbidragen är {listed}."
            )
        )
    blocks += _text_or_prompt(details.organisation, "styrelsens sammansättning, kansliet och beredningsgrupp")
    if details.board:
        blocks.append(_p("Styrelsen under året:"))
        for member in details.board:
            represents = f" ({member.represents})" if member.represents else ""
            blocks.append(Paragraph((f"{member.name}, {member.role}{represents}",), bullet=True))
    return blocks


def _share_text(share: object) -> str:
    from fractions import Fraction

    assert isinstance(share, Fraction)
    percent = share * 100
    return format_percent(share, 0 if percent.denominator == 1 else 1)


def _mission(details: ReportDetails) -> list[Paragraph]:
    standard = _p(
        f"Förbundets uppdrag enligt {LAW} är att stödja samverkan mellan medlemmarna och finansiera "
        "samordnade rehabiliteringsinsatser, så att personer som behöver dem uppnår eller förbättrar "
        "sin förmåga att försörja sig genom förvärvsarbete."
    )
    return [standard, *_text_or_prompt(details.mission, "förbundets egna prioriteringar för året")]


def _economy(
    statements: Statements, report: Driftsredovisning, drift: DriftTables, details: ReportDetails
) -> list[Block]:
    year = statements.year
    result = report.result
    blocks: list[Block] = [
        _p(say.result_sentence(year, result.actual), " ", say.budget_sentence(result.actual, result.budget))
    ]
    found = largest_deviations(report)
    blocks.append(_p(say.deviations_intro(report.thresholds.describe(), len(found))))
    blocks += [Paragraph((say.deviation_sentence(d),), bullet=True) for d in found]
    if found:
        blocks.append(_p(Prompt("förklaring till de större avvikelserna")))

    shares = cost_shares(report, drift)
    blocks.append(
        _p(
            say.shares_sentence(
                shares.amount("admin", ACTUAL_SHARE) or Decimal(0),
                shares.amount("development", ACTUAL_SHARE) or Decimal(0),
                shares.amount("projects", ACTUAL_SHARE) or Decimal(0),
                shares.amount("admin", BUDGET_SHARE) if report.costs.budget else None,
            )
        )
    )
    blocks.append(TableBlock(shares))

    blocks.append(_p("Måluppfyllelse:"))
    if details.goals:
        for goal in details.goals:
            status = f" Målet är {goal.status}." if goal.status else ""
            outcome = goal.outcome if goal.outcome.endswith(".") else goal.outcome + "."
            blocks.append(Paragraph((f"{goal.goal}: {outcome}{status}",), bullet=True))
    else:
        blocks.append(_p(Prompt("årets mål, utfallet och om målen är uppfyllda")))
    blocks.append(_p(Prompt("styrelsens bedömning av om förbundet har haft en god ekonomisk hushållning")))

    blocks.append(_p("Ekonomisk ställning:"))
    if statements.table("nyckeltal").has_row("cap") and statements.table("nyckeltal").amount("cap", THIS) is not None:
        cap = say.cap_sentences(
            year,
            _amount(statements, "nyckeltal", "equity"),
            _amount(statements, "nyckeltal", "contributions"),
            _amount(statements, "nyckeltal", "cap_share"),
            _amount(statements, "nyckeltal", "cap"),
        )
        blocks.append(_p(" ".join(cap)))
        if _amount(statements, "nyckeltal", "headroom") < 0:
            blocks.append(_p(Prompt("hur och när det egna kapitalet över den rekommenderade nivån ska användas")))
    blocks.append(TableBlock(statements.table("nyckeltal")))

    femar = statements.table("femar")
    columns = list(reversed(femar.columns))  # oldest first
    years = [int(c.heading) for c in columns]
    results = [femar.amount("result", c.key) or Decimal(0) for c in columns]
    equity = [femar.amount("equity", c.key) for c in columns]
    blocks.append(_p(say.five_year_sentence(years, results, equity)))
    blocks.append(TableBlock(femar))
    return blocks


def largest_deviations(report: Driftsredovisning) -> list[say.Deviation]:
    """The detail lines whose deviation, favourable or not, is beyond the thresholds; largest first."""
    found = []
    for row in report.detail_lines():
        # The thresholds mark shortfalls only; judged by size, a saving is named as well.
        if report.thresholds.marks(-abs(row.deviation), row.budget):
            found.append(
                say.Deviation(row.label, row.kind == COST, row.actual, row.budget, row.deviation, row.deviation_share)
            )
    found.sort(key=lambda d: (-abs(d.deviation), d.label))
    return found[:MOST_DEVIATIONS]


def _balanskrav(statements: Statements, details: ReportDetails) -> list[Block]:
    table = balanskrav_table(statements)
    balanskrav = table.amount("balanskrav", THIS) or Decimal(0)
    words = say.balanskrav_sentences(
        statements.year,
        table.amount("result", THIS) or Decimal(0),
        -(table.amount("gains", THIS) or Decimal(0)),
        balanskrav,
    )
    blocks: list[Block] = [TableBlock(table), _p(" ".join(words))]
    if balanskrav < 0:
        blocks += _text_or_prompt(
            details.deficit_plan,
            "hur och när underskottet återställs, eller de synnerliga skäl som gör att det inte återställs",
        )
    return blocks


# --- 2 Driftsredovisning, investeringsredovisning ---------------------------------


def _drift_chapter(statements: Statements, report: Driftsredovisning, drift: DriftTables) -> list[Section]:
    columns = (ACTUAL, BUDGET, DEVIATION, PREVIOUS)
    intro = _p(
        f"Driftsredovisningen jämför utfallet för {report.year} med den aktuella budgeten. "
        "En positiv avvikelse är gynnsam: lägre kostnader eller högre intäkter än budgeterat."
    )
    return [
        Section("2", "Driftsredovisning", (intro,)),
        Section("2.1", "Sammandrag", (TableBlock(drift.summary, columns, title=f"Driftsredovisning {report.year}"),)),
        Section("2.2", "Specifikation", (TableBlock(drift.detail, columns),)),
        Section("2.3", "Investeringsredovisning", tuple(_investments(statements))),
    ]


def _investments(statements: Statements) -> Iterable[Block]:
    invested = _amount(statements, "kf", "investments")
    fixed = statements.table("br").has_row("fixed_assets")
    if invested == 0 and not fixed:
        yield _p(
            f"Förbundet har inte gjort några investeringar under {statements.year} och har inga "
            "anläggningstillgångar. Investeringsredovisningen har därför inga belopp."
        )
        return
    if invested == 0:
        yield _p(f"Förbundet har inte gjort några investeringar under {statements.year}.")
    else:
        yield _p(
            f"Förbundets investeringar i anläggningstillgångar under {statements.year} uppgick netto till "
            f"{say.kr(invested)} enligt kassaflödesanalysen."
        )
        yield _p(Prompt("vilka investeringar som gjorts, mot budget"))
    yield TableBlock(statements.table("kf"), (THIS,), title="Investeringsverksamheten (ur kassaflödesanalysen)")


# --- 6 Redovisningsprinciper, 8 Underskrifter -------------------------------------


def _principles(details: ReportDetails) -> Iterable[Paragraph]:
    yield _p(
        "Årsredovisningen är upprättad enligt lagen (2018:597) om kommunal bokföring och redovisning "
        "och Rådet för kommunal redovisnings rekommendationer, i den utsträckning de är tillämpliga "
        "för ett samordningsförbund."
    )
    yield _p(
        "Intäkter och kostnader redovisas det år de avser. Medlemmarnas driftbidrag intäktsförs det år "
        "de avser. Upplupna kostnader, bland dem semesterlöneskuld och sociala avgifter, är skulder vid "
        "årets slut. Fordringar tas upp till det belopp som beräknas bli betalt."
    )
    yield _p("Alla belopp är i kronor.")
    yield _p(Prompt("avvikelser från RKR:s rekommendationer, om några"))


def _signatures(statements: Statements, details: ReportDetails, adopted: Part) -> tuple[Block, ...]:
    place: Part = details.place or Prompt("ort")
    signers: tuple[tuple[Part, Part], ...]
    if details.board:
        signers = tuple((m.name, m.role) for m in details.board)
    else:
        signers = tuple((Prompt("namn"), role) for role in ("ordförande", "vice ordförande", "ledamot", "ledamot"))
    intro = _p(
        f"Styrelsen för {statements.federation} fastställde årsredovisningen för {statements.year} den ", adopted, "."
    )
    return (intro, Signatures(place, adopted, signers))
