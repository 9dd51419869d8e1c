"""`finsam-budget uppfoljning`: check a follow-up file and set the money against the outcomes.

Thin like every command: read the files, run the outcome rules, build the cost
figures, print, write the workbook, exit with the same codes as `check`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from finsam_budget.cli.commands import EXIT_FINDINGS, _fail_input, _load_plan, _write, main
from finsam_budget.cli.options import FILE, file_option, force_option, output_option, strict_option
from finsam_budget.cli.output import safe_echo
from finsam_budget.cli.params import YEAR

if TYPE_CHECKING:
    from finsam_budget.actuals import Actuals
    from finsam_budget.followup import Followup
    from finsam_budget.model import Scenario
    from finsam_budget.problems import Problem



@main.command()
@click.argument("followup_path", metavar="FIL", type=FILE)
@file_option(
    "--scenario",
    "scenario_path",
    help="Scenario vars rader (line) betalar insatserna: budget per deltagare och per avslut.",
)
@file_option(
    "--actuals",
    "actuals_path",
    help="Utfallsfil (TOML, CSV, xlsx eller SIE) för utfall per deltagare; kräver --scenario.",
)
@click.option("--year", type=YEAR, metavar="ÅÅÅÅ",
              help="År som utfallet gäller (standard: utfallsfilens år; för SIE varje år filen har).")
@output_option("Skriv också arbetsboken Insatser (xlsx) hit.")
@force_option()
@strict_option()
@click.option("--json", "as_json", is_flag=True, help="Skriv fynden som JSON (som check --json).")
def uppfoljning(
    followup_path: Path,
    scenario_path: Path | None,
    actuals_path: Path | None,
    year: int | None,
    output: Path | None,
    force: bool,
    strict: bool,
    as_json: bool,
) -> None:
    """Kontrollera en uppföljningsfil (deltagare per insats) och räkna kostnad per deltagare.

    Flödet (aktiva + nya = deltagare, deltagare − avslutade = aktiva vid slutet),
    summor, procent, kvinnor + män = totalt och insatsernas mål kontrolleras med
    samma fynd och slutkoder som `check`. Med --scenario (och --actuals) visas
    budget och utfall per deltagare och per avslut till arbete eller studier.

    \b
    Exempel:
      finsam-budget uppfoljning scenarios/exempel-uppfoljning-2022.toml
      finsam-budget uppfoljning scenarios/exempel-uppfoljning-2022.toml \\
          --scenario scenarios/exempel-bokslut-2022.toml --actuals scenarios/exempel-bokslut-2022.se -o insatser.xlsx
    """
    from finsam_budget.actuals import SIE
    from finsam_budget.outcomes import run_outcome_rules
    from finsam_budget.outcomes.costs import outcome_costs
    from finsam_budget.outcomes.tables import followup_tables
    from finsam_budget.problems import InputError
    from finsam_budget.readers.uppfoljning import read_followup
    from finsam_budget.rules import exit_code
    from finsam_budget.writers.report import findings_json, findings_text, summary_text
    from finsam_budget.writers.uppfoljning_text import costs_text

    if actuals_path is not None and scenario_path is None:
        raise click.UsageError("--actuals kräver --scenario (scenariots rader ger insatsernas utfall)")
    try:
        followup = read_followup(followup_path)
    except InputError as exc:
        _fail_input(exc.problems)
    findings = run_outcome_rules(followup)
    costs = None
    warnings: list[Problem] = []
    if scenario_path is not None:
        scenario = _load_plan(scenario_path).scenario
        actuals = _read_actuals(actuals_path, scenario, followup, year) if actuals_path is not None else {}
        # An SIE file's warnings concern the whole book (accounts no line lists), not the insatser.
        warnings += [w for a in actuals.values() if a.kind != SIE for w in a.warnings]
        costs = outcome_costs(followup, scenario, actuals, None if actuals_path is None else str(actuals_path))
        warnings += costs.notes
    for problem in _unique(warnings):
        safe_echo(problem.labelled, err=True)
    if as_json:
        safe_echo(findings_json(findings))
    else:
        safe_echo(f"{followup.federation}: uppföljning av insatserna ({followup_path})")
        for line in findings_text(findings):
            safe_echo(line)
        safe_echo(summary_text(findings))
        if costs is not None and costs.periods:
            safe_echo("")
            for line in costs_text(followup_tables(followup, costs), costs):
                safe_echo(line)
    if output is not None:
        from finsam_budget.writers.uppfoljning_workbook import write_uppfoljning_workbook

        target = _write(write_uppfoljning_workbook, followup, findings, output, costs=costs,
                        problems=_unique(warnings), force=force)
        if not as_json:
            safe_echo(f"Skrev {target}")
    code = exit_code(findings, strict=strict)
    if strict and warnings:
        code = EXIT_FINDINGS
    sys.exit(code)


def _unique(problems: list[Problem]) -> list[Problem]:
    """Each warning once (an SIE file's warning comes once per year read)."""
    seen: set[str] = set()
    kept = []
    for problem in problems:
        if problem.labelled not in seen:
            seen.add(problem.labelled)
            kept.append(problem)
    return kept


def _read_actuals(path: Path, scenario: Scenario, followup: Followup, year: int | None) -> dict[int, Actuals]:
    """Actuals per year: from an SIE file every year it has that a period needs (or ``year``), else the file's year."""
    from finsam_budget.drift.sie_actuals import actuals_from_sie, read_actuals_for
    from finsam_budget.problems import InputError
    from finsam_budget.readers.registry import is_sie
    from finsam_budget.readers.sie.reader import read_sie

    try:
        if not is_sie(path):
            actuals = read_actuals_for(path, scenario, year=year)
            return {actuals.year or year or scenario.budget_year: actuals}
        sie = read_sie(path)
        has = sorted({end.year for _, end in sie.rar.values()}) if sie.rar else [scenario.budget_year]
        needed = {y for insats in followup.insatser for p in insats.periods for y in p.years}
        years = [year] if year is not None else [y for y in has if y in needed]
        return {y: actuals_from_sie(sie, scenario, y) for y in years}
    except InputError as exc:
        _fail_input(exc.problems)
