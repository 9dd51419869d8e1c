"""`finsam-budget arsredovisning`: the årsredovisning draft as a Word document (and PDF).

Thin like every command: read the SIE file, the scenario, the mapping and the
side file, compute the statements and the driftsredovisning exactly as the
`statements` and `drift` commands do, compose the report, write the .docx and,
with --pdf, convert it with LibreOffice (checked before anything is written).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from finsam_budget.cli.commands import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, _fail_input, _load_plan, _write, main
from finsam_budget.cli.options import FILE, file_option, force_option, output_option, rules_option, strict_option
from finsam_budget.cli.output import safe_echo

if TYPE_CHECKING:
    from finsam_budget.actuals import Actuals
    from finsam_budget.annual_report.insatser import InsatsFollowup
    from finsam_budget.followup import Followup
    from finsam_budget.model import Scenario
    from finsam_budget.problems import Problem
    from finsam_budget.report_details import ReportDetails



@main.command()
@click.argument("sie_file", metavar="SIE-FIL", type=FILE)
@file_option(
    "--scenario",
    "scenario_path",
    required=True,
    help="Scenario med radernas konton (accounts): budget, medlemmar och taket.",
)
@file_option(
    "--previous",
    "previous_path",
    help="Föregående års bokslut (utfallsfil) för driftsredovisningens kolumn Bokslut helår "
        "(standard: SIE-filens föregående år när filen har det).",
)
@file_option(
    "--mapping",
    "mapping_path",
    help="Mappningsfil (TOML) som ersätter standardmappningen av konton till rader.",
)
@file_option(
    "--uppgifter",
    "details_path",
    help='Förbundets egna uppgifter (TOML, kind = "arsredovisning"): styrelse, datum, mål och texter.',
)
@file_option(
    "--uppfoljning",
    "followup_path",
    help="Uppföljningsfil (deltagare per insats): ger bilagan Insatser – pengar och deltagare.",
)
@output_option("Dokument att skriva (standard: workbooks/<SIE-fil>-arsredovisning.docx).")
@force_option()
@click.option("--pdf", "as_pdf", is_flag=True, help="Skriv också en PDF bredvid dokumentet (kräver LibreOffice).")
@strict_option("Slutkod 1 också vid en varning.")
@rules_option("Regelfil (TOML) vars tabell för tak för eget kapital ger taket.")
def arsredovisning(
    sie_file: Path,
    scenario_path: Path,
    previous_path: Path | None,
    mapping_path: Path | None,
    details_path: Path | None,
    followup_path: Path | None,
    output: Path | None,
    force: bool,
    as_pdf: bool,
    strict: bool,
    rules_path: Path | None,
) -> None:
    """Skriv ett utkast till årsredovisning (Word, .docx) ur en SIE-fil och budgeten.

    Kapitlen följer LKBR och RKR R15: förvaltningsberättelse, driftsredovisning
    (med investeringsredovisning), resultaträkning, balansräkning,
    kassaflödesanalys, redovisningsprinciper, noter och styrelsens underskrift.
    Tabellerna är desamma som i `statements` och `drift`; det förbundet själv
    måste skriva är markerat [Skriv: …] eller hämtas ur --uppgifter. Med
    --uppfoljning följer en bilaga efter noterna: per insats radens budget och
    utfall, deltagare, avslut efter orsak, målen och kostnad per deltagare, och
    uppföljningsfilens fel och varningar (samma kontroller som `uppfoljning`).

    Slutkod 1 när en identitet i bokslutet inte stämmer eller uppföljningsfilen
    har ett fel (och med --strict vid en varning), 2 när en fil inte kan läsas
    eller skrivas.

    \b
    Exempel:
      finsam-budget arsredovisning scenarios/exempel-sodra-2022.se \\
          --scenario scenarios/exempel-sodra-2022.toml --uppgifter scenarios/exempel-sodra-2022-arsredovisning.toml
      finsam-budget arsredovisning bok.se --scenario budget.toml -o arsredovisning.docx --force --pdf
    """
    from finsam_budget.annual_report import compose_annual_report
    from finsam_budget.cli.commands import _load_rules
    from finsam_budget.drift import compute_drift
    from finsam_budget.drift.sie_actuals import actuals_from_sie, read_actuals_for
    from finsam_budget.mapping import DEFAULT_MAPPING
    from finsam_budget.problems import InputError
    from finsam_budget.readers.sie.reader import read_sie
    from finsam_budget.statements import compute_statements
    from finsam_budget.writers.xlsx_common import OutputError, check_target

    target = output if output is not None else _default_output(sie_file)
    pdf_target = target.with_suffix(".pdf")
    if output is None:
        _make_folder(target.parent)
    if as_pdf:  # before anything is read or written: LibreOffice must be there, the PDF free
        from finsam_budget.writers.pdf import require_soffice

        try:
            require_soffice(pdf_target)
            check_target(pdf_target, force)
        except OutputError as exc:
            safe_echo(f"Fel: {exc}", err=True)
            sys.exit(EXIT_INPUT)

    problems: list[Problem] = []
    mapping = DEFAULT_MAPPING
    details: ReportDetails | None = None
    followup: Followup | None = None
    try:
        sie = read_sie(sie_file)
    except InputError as exc:
        _fail_input(exc.problems)
    if mapping_path is not None:
        from finsam_budget.readers.mapping_file import load_mapping

        try:
            mapping = load_mapping(mapping_path)
        except InputError as exc:
            problems += exc.problems
    if details_path is not None:
        from finsam_budget.readers.arsredovisning_file import read_report_details

        try:
            details = read_report_details(details_path)
        except InputError as exc:
            problems += exc.problems
    if followup_path is not None:
        from finsam_budget.readers.uppfoljning import read_followup

        try:
            followup = read_followup(followup_path)
        except InputError as exc:
            problems += exc.problems
    if problems:
        _fail_input(problems)
    cap_bands = _load_rules(rules_path)
    plan = _load_plan(scenario_path, cap_bands)
    try:
        statements = compute_statements(sie, mapping, plan, cap_bands=cap_bands)
        actuals = actuals_from_sie(sie, plan.scenario, statements.year)
        previous: Actuals | None = None
        if previous_path is not None:
            previous = read_actuals_for(previous_path, plan.scenario, year=statements.year - 1, role="bokslut")
        elif statements.has_last_year:
            previous = actuals_from_sie(sie, plan.scenario, statements.year - 1)
        report = compute_drift(plan, actuals, year=statements.year, previous=previous)
    except InputError as exc:
        _fail_input(exc.problems)
    warnings = list(statements.warnings)
    warnings += [w for w in report.warnings if w not in warnings]
    insatser = None
    if followup is not None:
        insatser = _insatser(followup, plan.scenario, {statements.year: actuals}, str(sie_file))
        warnings += list(insatser.costs.notes)
    for warning in warnings:
        safe_echo(warning.labelled, err=True)

    document = compose_annual_report(
        statements, report, plan.scenario, details, organisation_number=sie.orgnr, insatser=insatser
    )
    from finsam_budget.writers.arsredovisning_docx import write_annual_report_docx

    written = _write(write_annual_report_docx, document, target, force=force)
    prompts = sum(1 for _ in document.prompts())
    safe_echo(f"{document.federation}: {document.title}, {len(document.sections)} avsnitt, "
              f"{prompts} markerade ställen [Skriv: …] att fylla i")
    for check in statements.failed_checks:
        safe_echo(f"Fel: {check.name} stämmer inte (differens {check.difference})", err=True)
    followup_failed = False
    if insatser is not None:
        from finsam_budget.labels import counts_text
        from finsam_budget.rules import count_by_severity, exit_code

        counts = counts_text(count_by_severity(list(insatser.findings)))
        safe_echo(f"Uppföljningsfilen: {counts} (fel och varningar står i bilagan under Kontroll av uppgifterna)")
        followup_failed = exit_code(list(insatser.findings), strict=strict) != EXIT_OK
    safe_echo(f"Skrev {written}")
    if as_pdf:
        from finsam_budget.writers.pdf import convert_to_pdf

        pdf = _write(convert_to_pdf, written, pdf_target, force=force, title=document.title)
        safe_echo(f"Skrev {pdf}")
    failed = bool(statements.failed_checks) or followup_failed or (strict and bool(warnings))
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


def _insatser(followup: Followup, scenario: Scenario, actuals: dict[int, Actuals], source: str) -> InsatsFollowup:
    """The appendix's input: the same findings and cost figures as `uppfoljning` computes."""
    from finsam_budget.annual_report.insatser import InsatsFollowup
    from finsam_budget.outcomes import run_outcome_rules
    from finsam_budget.outcomes.costs import outcome_costs

    costs = outcome_costs(followup, scenario, actuals, source)
    return InsatsFollowup(followup, tuple(run_outcome_rules(followup)), costs)


def _default_output(sie_file: Path) -> Path:
    return Path("workbooks") / f"{sie_file.stem}-arsredovisning.docx"


def _make_folder(folder: Path) -> None:
    """The default folder is created when missing; a file in its place is exit 2."""
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        safe_echo(f"Fel: {folder}: mappen kan inte skapas; ange dokumentet med -o", err=True)
        sys.exit(EXIT_INPUT)
