"""The `finsam-budget` command line. Thin: parse options, call library code, print, exit.

Exit codes: 0 no errors (warnings allowed), 1 a rule found an error (or a warning
with --strict), 2 unreadable or invalid input and usage errors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from finsam_budget import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def _fail_input(problems) -> None:
    """Print every located problem in Swedish on stderr and exit 2."""
    for problem in problems:
        click.echo(f"Fel: {problem}", err=True)
    sys.exit(EXIT_INPUT)


def _output_path(output: Path | None, scenario: Path, suffix: str = "") -> Path:
    """``-o`` as given, or ``workbooks/<scenario stem><suffix>.xlsx`` (the folder is created when missing)."""
    if output is not None:
        return output
    folder = Path("workbooks")
    folder.mkdir(exist_ok=True)
    return folder / f"{scenario.stem}{suffix}.xlsx"


def _write(write, *args, **kwargs) -> Path:
    """Run a workbook writer; a target that cannot be written is exit 2 with a Swedish message."""
    from finsam_budget.writers.xlsx_common import OutputError

    try:
        return write(*args, **kwargs)
    except OutputError as exc:
        click.echo(f"Fel: {exc}", err=True)
        sys.exit(EXIT_INPUT)


def _load_plan(scenario_path: Path, rules_path: Path | None = None):
    from finsam_budget.engine import compute_plan
    from finsam_budget.problems import InputError
    from finsam_budget.readers.scenario import load_scenario

    try:
        scenario = load_scenario(scenario_path)
        cap_bands = None
        if rules_path is not None:
            from finsam_budget.readers.rules_file import load_rules

            cap_bands = load_rules(rules_path)
    except InputError as exc:
        _fail_input(exc.problems)
    return compute_plan(scenario, cap_bands)


def run() -> None:
    """The console script: click's own messages in Swedish, then the commands."""
    from finsam_budget import cli_swedish

    cli_swedish.install()
    try:
        main(prog_name="finsam-budget")
    except Exception as exc:  # a bug must still end in Swedish with exit 2, not a traceback
        if os.environ.get("FINSAM_DEBUG"):
            raise
        click.echo(
            f"Fel: ett oväntat internt fel ({type(exc).__name__}: {exc}). Inget har skrivits över. "
            "Kör igen med FINSAM_DEBUG=1 för detaljer och rapportera felet.",
            err=True,
        )
        sys.exit(EXIT_INPUT)


class _Command(click.Command):
    """A command whose usage line is Swedish."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[FLAGGOR]")
        super().__init__(*args, **kwargs)


class _Group(click.Group):
    command_class = _Command


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar="[FLAGGOR]",
    subcommand_metavar="KOMMANDO [ARGUMENT]...",
)
@click.version_option(
    __version__, "--version", prog_name="finsam-budget", message="%(prog)s %(version)s",
    help="Visa versionen och avsluta.",
)
def main() -> None:
    """finsam-budget: budget och redovisning för samordningsförbund (Finsam).

    \b
    Exempel:
      finsam-budget check scenarios/gotland-2022.toml
    """


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.option("--strict", is_flag=True, help="Behandla varningar som fel (slutkod 1).")
@click.option(
    "--rules",
    "rules_path",
    metavar="FIL",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Regelfil (TOML) med en egen tabell för tak för eget kapital.",
)
def check(scenario: Path, as_json: bool, strict: bool, rules_path: Path | None) -> None:
    """Kontrollera ett scenario mot reglerna och de publicerade summorna.

    \b
    Exempel:
      finsam-budget check scenarios/gotland-2022.toml
      finsam-budget check --json scenarios/gotland-2022.toml
    """
    from finsam_budget.rules import exit_code, run_rules
    from finsam_budget.writers.report import findings_json, findings_text, summary_text

    plan = _load_plan(scenario, rules_path)
    findings = run_rules(plan)
    if as_json:
        click.echo(findings_json(findings))
    else:
        s = plan.scenario
        click.echo(f"{s.federation}: {s.title} ({scenario})")
        for line in findings_text(findings):
            click.echo(line)
        click.echo(summary_text(findings))
    sys.exit(exit_code(findings, strict=strict))


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", metavar="FIL", type=click.Path(path_type=Path, dir_okay=False), help="Arbetsbok att skriva (standard: workbooks/<scenario>.xlsx).")
@click.option("--force", is_flag=True, help="Skriv över en befintlig fil.")
@click.option("--strict", is_flag=True, help="Behandla varningar som fel (slutkod 1).")
def plan(scenario: Path, output: Path | None, force: bool, strict: bool) -> None:
    """Skriv budgetplanen som arbetsbok (Budgetplan, Nyckeltal, Kontroller).

    \b
    Exempel:
      finsam-budget plan scenarios/gotland-2022.toml
      finsam-budget plan scenarios/gotland-2022.toml -o budget.xlsx --force
    """
    from finsam_budget.rules import exit_code, run_rules
    from finsam_budget.writers.plan_workbook import write_plan_workbook
    from finsam_budget.writers.report import plan_summary_text

    computed = _load_plan(scenario)
    findings = run_rules(computed)
    target = _write(write_plan_workbook, computed, findings, _output_path(output, scenario), force=force)
    for line in plan_summary_text(computed, findings):
        click.echo(line)
    click.echo(f"Skrev {target}")
    sys.exit(exit_code(findings, strict=strict))


@main.command()
@click.argument("sie_file", metavar="SIE-FIL", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--scenario",
    "scenario_path",
    metavar="FIL",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Scenario med radernas konton (accounts): budgetkolumn, medlemmarnas bidrag och taket.",
)
@click.option(
    "--mapping",
    "mapping_path",
    metavar="FIL",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Mappningsfil (TOML) som ersätter standardmappningen av konton till rader.",
)
@click.option("-o", "--output", metavar="FIL", type=click.Path(path_type=Path, dir_okay=False), help="Arbetsbok att skriva (standard: workbooks/<SIE-fil>-bokslut.xlsx).")
@click.option("--force", is_flag=True, help="Skriv över en befintlig fil.")
def statements(sie_file: Path, scenario_path: Path | None, mapping_path: Path | None, output: Path | None, force: bool) -> None:
    """Skriv årets bokslut ur en SIE-fil: resultaträkning, balansräkning,
    kassaflödesanalys, noter och nyckeltal.

    Slutkod 1 när en identitet inte stämmer (t.ex. tillgångar = eget kapital och
    skulder), med differensen; 2 när filen inte kan läsas.

    \b
    Exempel:
      finsam-budget statements scenarios/exempel-bokslut-2022.se
      finsam-budget statements scenarios/exempel-bokslut-2022.se --scenario scenarios/exempel-bokslut-2022.toml
    """
    from finsam_budget.mapping import DEFAULT_MAPPING
    from finsam_budget.problems import InputError
    from finsam_budget.readers.sie import read_sie
    from finsam_budget.statements import compute_statements
    from finsam_budget.writers.statements_text import statements_summary_text
    from finsam_budget.writers.statements_workbook import write_statements_workbook

    try:
        sie = read_sie(sie_file)
        mapping = DEFAULT_MAPPING
        if mapping_path is not None:
            from finsam_budget.readers.mapping_file import load_mapping

            mapping = load_mapping(mapping_path)
    except InputError as exc:
        _fail_input(exc.problems)
    computed = _load_plan(scenario_path) if scenario_path is not None else None
    try:
        result = compute_statements(sie, mapping, computed)
    except InputError as exc:
        _fail_input(exc.problems)
    for problem in (*sie.warnings, *result.warnings):
        click.echo(str(problem), err=True)
    target = _write(write_statements_workbook, result, _output_path(output, sie_file, "-bokslut"), force=force)
    for line in statements_summary_text(result):
        click.echo(line)
    click.echo(f"Skrev {target}")
    sys.exit(EXIT_FINDINGS if result.failed_checks else EXIT_OK)
