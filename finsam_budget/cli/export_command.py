"""``export-sie``: the adopted budget year as an SIE file (#PBUDGET) for the accounting system."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from finsam_budget.cli.commands import EXIT_INPUT, _load_plan, main
from finsam_budget.cli.options import FILE, force_option, output_option
from finsam_budget.cli.output import safe_echo
from finsam_budget.cli.params import YEAR


@main.command("export-sie")
@click.argument("scenario", type=FILE)
@click.option("--year", type=YEAR, metavar="ÅÅÅÅ", help="Budgetåret som skrivs (standard: scenariots budget_year).")
@output_option("SIE-filen att skriva, t.ex. budget.se.", required=True)
@force_option()
def export_sie(scenario: Path, year: int | None, output: Path, force: bool) -> None:
    """Skriv budgetåret som SIE-fil (#PBUDGET per konto och månad) för bokföringsprogrammet.

    \b
    Exempel:
      finsam-budget export-sie scenarios/exempel-bokslut-2022.toml -o budget-2022.se
    """
    from finsam_budget.writers.sie_export import budget_sie_text, write_budget_sie
    from finsam_budget.writers.xlsx_common import OutputError

    plan = _load_plan(scenario)
    chosen = year if year is not None else plan.scenario.budget_year
    if chosen not in plan.scenario.years:
        years = ", ".join(map(str, plan.scenario.years))
        safe_echo(f"Fel: {scenario}: scenariot har inte år {chosen} (years = [{years}])", err=True)
        sys.exit(EXIT_INPUT)
    text, warnings = budget_sie_text(plan.scenario, chosen)
    if "#PBUDGET" not in text:
        for warning in warnings:
            safe_echo(warning.labelled, err=True)
        safe_echo(
            f"Fel: {scenario}: ingen rad har konton (accounts), så det finns ingen budget att exportera för {chosen}; "
            'ange bokföringens konton på raderna, t.ex. accounts = ["5010"]. Ingen fil skrevs.',
            err=True,
        )
        sys.exit(EXIT_INPUT)
    try:
        target = write_budget_sie(output, text, force=force)
    except OutputError as exc:
        safe_echo(f"Fel: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    for warning in warnings:
        safe_echo(warning.labelled, err=True)
    safe_echo(f"Skrev {target}")
