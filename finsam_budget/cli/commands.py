"""The `finsam-budget` command line. Thin: parse options, call library code, print, exit.

Exit codes: 0 no errors (warnings allowed), 1 a rule found an error (or a warning
with --strict), 2 unreadable or invalid input and usage errors. For `drift` the
rules that count are those of the reported year, and with --strict a missing
actual (a warning) counts too.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from finsam_budget import __version__
from finsam_budget.cli.options import (
    FILE,
    file_option,
    force_option,
    output_option,
    pdf_option,
    rules_option,
    strict_option,
)
from finsam_budget.cli.output import safe_echo
from finsam_budget.cli.params import KRONOR, MONTH, PERCENT, YEAR

if TYPE_CHECKING:
    from finsam_budget.model import CapBand
    from finsam_budget.plan.engine import Plan
    from finsam_budget.problems import Problem

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def _fail_input(problems: Iterable[Problem]) -> NoReturn:
    """Print every located problem in Swedish on stderr and exit 2."""
    for problem in problems:
        safe_echo(problem.labelled, err=True)
    sys.exit(EXIT_INPUT)


def _output_path(output: Path | None, scenario: Path, suffix: str = "") -> Path:
    """``-o`` as given, or ``workbooks/<scenario stem><suffix>.xlsx`` (the folder is created when missing)."""
    if output is not None:
        return output
    folder = Path("workbooks")
    try:
        folder.mkdir(exist_ok=True)
    except FileExistsError:
        safe_echo(f"Fel: {folder}: är en fil, inte en mapp; flytta den eller ange arbetsboken med -o", err=True)
        sys.exit(EXIT_INPUT)
    except OSError as exc:
        from finsam_budget.readers.source_file import reason_text

        safe_echo(
            f"Fel: {folder}: mappen kan inte skapas ({reason_text(exc)}); ange arbetsboken med -o", err=True
        )
        sys.exit(EXIT_INPUT)
    return folder / f"{scenario.stem}{suffix}.xlsx"


def _write(write: Callable[..., Path], *args: Any, pdf: bool = False, **kwargs: Any) -> Path:
    """Run a workbook writer (the target is its last positional argument), with ``pdf`` also the PDF
    beside it; a target that cannot be written, or LibreOffice missing for the PDF, is exit 2 with a
    Swedish message, found before anything is written."""
    from finsam_budget.writers.xlsx_common import OutputError

    try:
        force = bool(kwargs.get("force"))
        pdf_target = Path(args[-1]).with_suffix(".pdf")
        if pdf:  # LibreOffice must be there and the PDF free before anything is written
            from finsam_budget.writers.pdf import CALC_PACKAGE, require_soffice
            from finsam_budget.writers.xlsx_common import check_target

            require_soffice(pdf_target, CALC_PACKAGE)
            check_target(pdf_target, force)
        target = write(*args, **kwargs)
        if pdf:
            from finsam_budget.writers.pdf import convert_to_pdf

            safe_echo(f"Skrev {convert_to_pdf(target, pdf_target, force=force)}")
        return target
    except OutputError as exc:
        safe_echo(f"Fel: {exc}", err=True)
        sys.exit(EXIT_INPUT)


def _pdf_needs_output(pdf: bool, output: Path | None) -> None:
    """``--pdf`` converts the workbook, so compare and overview need ``-o`` with it."""
    if pdf and output is None:
        safe_echo("Fel: --pdf skriver arbetsboken som PDF och behöver -o FIL.xlsx", err=True)
        sys.exit(EXIT_INPUT)


def _load_rules(rules_path: Path | None) -> tuple[CapBand, ...] | None:
    """The cap table of a rules file (None without one); exit 2 when it cannot be read."""
    if rules_path is None:
        return None
    from finsam_budget.problems import InputError
    from finsam_budget.readers.rules_file import load_rules

    try:
        return load_rules(rules_path)
    except InputError as exc:
        _fail_input(exc.problems)


def _load_plan(scenario_path: Path, cap_bands: tuple[CapBand, ...] | None = None) -> Plan:
    """The computed plan of a scenario file, with a rules file's cap table when given; exit 2 when unreadable."""
    from finsam_budget.plan.engine import compute_plan
    from finsam_budget.problems import InputError
    from finsam_budget.readers.scenario import load_scenario

    try:
        scenario = load_scenario(scenario_path)
    except InputError as exc:
        _fail_input(exc.problems)
    return compute_plan(scenario, cap_bands)


class Interrupted(BaseException):
    """SIGINT or SIGTERM: unwinds like KeyboardInterrupt (so a workbook being written is removed),
    past click's own handling, to the exit code 128 + the signal's number (130, 143)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.code = 128 + signum
        self.name = signal.Signals(signum).name


def _interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def run() -> None:
    """The console script: click's own messages in Swedish, then the commands."""
    from finsam_budget.cli import swedish as cli_swedish

    cli_swedish.install()
    signal.signal(signal.SIGTERM, _interrupted)
    signal.signal(signal.SIGINT, _interrupted)
    try:
        main(prog_name="finsam-budget")
    except Interrupted as stop:  # the workbook writer has removed its temporary file on the way out
        safe_echo(f"Avbrutet ({stop.name}); ingen ofullständig arbetsbok har lämnats kvar.", err=True)
        sys.exit(stop.code)
    except Exception as exc:  # a bug must still end in Swedish with exit 2, not a traceback
        if os.environ.get("FINSAM_DEBUG"):
            raise
        safe_echo(
            f"Fel: ett oväntat internt fel ({type(exc).__name__}: {exc}). Inget har skrivits över. "
            "Kör igen med FINSAM_DEBUG=1 för detaljer och rapportera felet.",
            err=True,
        )
        sys.exit(EXIT_INPUT)


class _Command(click.Command):
    """A command whose usage line is Swedish."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
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
      finsam-budget plan scenarios/gotland-2022.toml
      finsam-budget check scenarios/gotland-2022.toml
      finsam-budget drift scenarios/gotland-2022.toml --actuals scenarios/exempel-drift-2022.toml
      finsam-budget statements scenarios/exempel-bokslut-2022.se
      finsam-budget compare scenarios/gotland-2022.toml scenarios/gotland-2022-utan-jobbsam.toml
      finsam-budget uppfoljning scenarios/exempel-uppfoljning-2022.toml --scenario scenarios/exempel-bokslut-2022.toml

    Slutkod 0: inga fel; 1: en regel hittade fel; 2: indata kan inte läsas eller kommandot användes fel.
    """
    from finsam_budget.readers.source_file import forget_inputs

    forget_inputs()  # the inputs that may not be overwritten are this command's own


@main.command()
@click.argument("scenario", type=FILE)
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@strict_option()
@rules_option()
def check(scenario: Path, as_json: bool, strict: bool, rules_path: Path | None) -> None:
    """Kontrollera ett scenario mot reglerna och de publicerade summorna.

    \b
    Exempel:
      finsam-budget check scenarios/gotland-2022.toml
      finsam-budget check --json scenarios/gotland-2022.toml
    """
    from finsam_budget.rules import exit_code, run_rules
    from finsam_budget.writers.report import findings_json, findings_text, summary_text

    plan = _load_plan(scenario, _load_rules(rules_path))
    findings = run_rules(plan)
    if as_json:
        safe_echo(findings_json(findings))
    else:
        s = plan.scenario
        safe_echo(f"{s.federation}: {s.title} ({scenario})")
        for line in findings_text(findings):
            safe_echo(line)
        safe_echo(summary_text(findings))
    sys.exit(exit_code(findings, strict=strict))


@main.command()
@click.argument("scenario", type=FILE)
@output_option("Arbetsbok att skriva (standard: workbooks/<scenario>.xlsx).")
@force_option()
@pdf_option()
@strict_option()
@rules_option()
def plan(
    scenario: Path, output: Path | None, force: bool, pdf: bool, strict: bool, rules_path: Path | None
) -> None:
    """Skriv budgetplanen som arbetsbok (Budgetplan, Nyckeltal, Kontroller).

    Bladet Kontroller har samma fynd som `check` med samma --rules.

    \b
    Exempel:
      finsam-budget plan scenarios/gotland-2022.toml
      finsam-budget plan scenarios/gotland-2022.toml -o budget.xlsx --force
      finsam-budget plan scenarios/gotland-2022.toml --rules regler.toml
    """
    from finsam_budget.plan.tables import plan_tables
    from finsam_budget.rules import exit_code, run_rules
    from finsam_budget.writers.plan_text import plan_summary_text
    from finsam_budget.writers.plan_workbook import write_plan_workbook

    computed = _load_plan(scenario, _load_rules(rules_path))
    findings = run_rules(computed)
    tables = plan_tables(computed)  # one build for the workbook and the summary
    target = _write(
        write_plan_workbook, computed, findings, _output_path(output, scenario), force=force, pdf=pdf, tables=tables
    )
    for line in plan_summary_text(computed, tables, findings):
        safe_echo(line)
    safe_echo(f"Skrev {target}")
    sys.exit(exit_code(findings, strict=strict))


@main.command()
@click.argument("scenario", type=FILE)
@file_option(
    "--actuals",
    "actuals_path",
    required=True,
    help=(
        "Utfallsfil: TOML, CSV eller xlsx (kolumnerna line och amount), "
        "eller en SIE-fil (.se) när scenariots rader har konton (accounts)."
    ),
)
@click.option(
    "--year", type=YEAR, metavar="ÅÅÅÅ", help="År som redovisas (standard: utfallsfilens år, annars budgetåret)."
)
@file_option(
    "--previous",
    "previous_path",
    help="Föregående års bokslut (utfallsfil för helår) för kolumnen Bokslut helår.",
)
@click.option(
    "--through",
    type=MONTH,
    metavar="ÅÅÅÅ-MM",
    help="Utfallet gäller till och med denna månad (delårsrapport), för CSV och xlsx; TOML anger through i filen.",
)
@file_option(
    "--budget-sie",
    "budget_sie_path",
    help=(
        "SIE-fil med bokföringens budget (#PBUDGET, t.ex. från export-sie): jämförs rad för rad med "
        "scenariots budget för perioden; varje skillnad blir en varning under Kontroller."
    ),
)
@output_option(
    "Arbetsbok att skriva (standard: workbooks/<scenario>-drift-<år>.xlsx, "
    "för en delårsrapport <scenario>-drift-<år>-<MM>.xlsx)."
)
@force_option()
@pdf_option()
@strict_option("Behandla varningar (t.ex. saknat utfall) som fel (slutkod 1).")
@rules_option(
    "Regelfil (TOML) med en egen tabell för tak för eget kapital; reglerna för det redovisade året ger fynden."
)
@click.option(
    "--threshold-percent",
    "threshold_share",
    default="10",
    show_default=True,
    type=PERCENT,
    metavar="PROCENT",
    help="Markera ogynnsamma avvikelser över denna procent av budgeten (och över beloppet).",
)
@click.option(
    "--threshold-amount",
    default="50000",
    show_default=True,
    type=KRONOR,
    metavar="KRONOR",
    help="Markera ogynnsamma avvikelser över detta belopp i kronor (och över procenten).",
)
def drift(
    scenario: Path,
    actuals_path: Path,
    year: int | None,
    previous_path: Path | None,
    through: tuple[int, int] | None,
    budget_sie_path: Path | None,
    output: Path | None,
    force: bool,
    pdf: bool,
    strict: bool,
    rules_path: Path | None,
    threshold_share: Decimal,
    threshold_amount: Decimal,
) -> None:
    """Skriv driftsredovisningen: budget mot utfall för ett år, som arbetsbok.

    \b
    Exempel:
      finsam-budget drift scenarios/gotland-2022.toml --actuals scenarios/exempel-drift-2022.toml
      finsam-budget drift scenarios/gotland-2022.toml --actuals utfall-aug.csv --through 2022-08
      finsam-budget drift budget.toml --actuals utfall-2023.xlsx --year 2023 --previous bokslut-2022.toml -o drift.xlsx
      finsam-budget drift budget.toml --actuals bokforing.se --budget-sie budget.se
    """
    from finsam_budget.drift import Thresholds, compute_drift, drift_year, previous_year
    from finsam_budget.drift.sie_actuals import read_actuals_for
    from finsam_budget.drift.sie_budget import read_booked_budget
    from finsam_budget.problems import InputError
    from finsam_budget.rules import exit_code, run_rules
    from finsam_budget.writers.drift_text import drift_summary_text
    from finsam_budget.writers.drift_workbook import write_drift_workbook

    computed = _load_plan(scenario, _load_rules(rules_path))
    problems = []
    actuals = previous = None
    try:
        actuals = read_actuals_for(actuals_path, computed.scenario, year=year)
    except InputError as exc:
        problems += exc.problems
    if previous_path is not None:
        try:
            previous = read_actuals_for(
                previous_path, computed.scenario, year=previous_year(computed, actuals, year), role="bokslut"
            )
        except InputError as exc:
            problems += exc.problems
    booked = None
    if budget_sie_path is not None and actuals is not None:
        try:
            booked = read_booked_budget(budget_sie_path, computed.scenario, drift_year(computed, actuals, year))
        except InputError as exc:
            problems += exc.problems
    if problems or actuals is None:
        _fail_input(problems)
    try:
        report = compute_drift(
            computed,
            actuals,
            year=year,
            previous=previous,
            through=through,
            thresholds=Thresholds(share=threshold_share, amount=threshold_amount),
            booked_budget=booked,
        )
    except InputError as exc:
        # The report (and with it the files' warnings) is not made: say them here.
        for warning in dict.fromkeys(w for a in (actuals, previous) if a is not None for w in a.warnings):
            safe_echo(warning.labelled, err=True)
        _fail_input(exc.problems)
    findings = [f for f in run_rules(computed) if f.year in (None, report.year)]
    target = _write(
        write_drift_workbook,
        report,
        findings,
        _output_path(output, scenario, report.workbook_suffix),
        force=force,
        pdf=pdf,
    )
    for line in drift_summary_text(report, findings):
        safe_echo(line)
    safe_echo(f"Skrev {target}")
    code = exit_code(findings, strict=strict)
    if strict and any(w.severity != "info" for w in report.warnings):  # an info is not a warning
        code = EXIT_FINDINGS
    sys.exit(code)


@main.command()
@click.argument(
    "scenarios", nargs=-1, required=True, metavar="SCENARIO...", type=FILE
)
@output_option()
@force_option()
@pdf_option()
@strict_option()
@rules_option("Regelfil (TOML) med en egen tabell för tak för eget kapital; varje scenario kontrolleras med den.")
@file_option(
    "--uppfoljning",
    "followup_path",
    help="Uppföljningsfil: visa också budget per deltagare för varje insats, per scenario.",
)
def compare(
    scenarios: tuple[Path, ...],
    output: Path | None,
    force: bool,
    pdf: bool,
    strict: bool,
    rules_path: Path | None,
    followup_path: Path | None = None,
) -> None:
    """Jämför prognosscenarier sida vid sida, år för år.

    Det första scenariot är grundscenariot: differenserna är de andras siffror
    minus dess. Varje scenario kontrolleras som med `check`; slutkoden är 1 om
    något scenario har fel, 2 om någon fil inte kan läsas. Med -o skrivs också
    en arbetsbok: Jämförelse, Diagram och varje scenarios Budgetplan.

    \b
    Exempel:
      finsam-budget compare scenarios/gotland-2022.toml \\
          scenarios/gotland-2022-utan-jobbsam.toml scenarios/gotland-2022-minskade-bidrag.toml
      finsam-budget compare scenarios/gotland-2022*.toml -o jamforelse.xlsx --force
    """
    from finsam_budget.board.compare import compare_plans
    from finsam_budget.plan.engine import compute_plan
    from finsam_budget.readers.scenario_files import read_scenarios
    from finsam_budget.rules import exit_code
    from finsam_budget.writers.compare_text import comparison_text

    _pdf_needs_output(pdf, output)
    if len(scenarios) < 2:
        raise click.UsageError("ange minst två scenariofiler att jämföra")
    cap_bands = _load_rules(rules_path)
    read = read_scenarios(scenarios)
    problems = [p for _, _, found in read for p in found]
    if any(s is None for _, s, _ in read):
        _fail_input(problems)
    for problem in problems:  # warnings only
        safe_echo(problem.labelled, err=True)
    comparison = compare_plans([compute_plan(s, cap_bands) for _, s, _ in read if s is not None])
    sources = [str(p) for p in scenarios]
    for line in comparison_text(comparison, sources):
        safe_echo(line)
    if followup_path is not None:
        _compare_costs(followup_path, [(c.title, s) for c, (_, s, _) in zip(comparison.scenarios, read)])
    if output is not None:
        from finsam_budget.writers.compare_workbook import write_comparison_workbook

        target = _write(write_comparison_workbook, comparison, output, sources=sources, force=force, pdf=pdf)
        safe_echo(f"Skrev {target}")
    sys.exit(max(exit_code(list(c.findings), strict=strict) for c in comparison.scenarios))


def _compare_costs(followup_path: Path, scenarios: list[tuple[str, Any]]) -> None:
    """`compare --uppfoljning`: budget per participant per insats and period, a column per scenario."""
    from finsam_budget.outcomes.costs import outcome_costs
    from finsam_budget.outcomes.tables import followup_tables
    from finsam_budget.problems import InputError
    from finsam_budget.readers.uppfoljning import read_followup
    from finsam_budget.writers.uppfoljning_text import compare_costs_text

    try:
        followup = read_followup(followup_path)
    except InputError as exc:
        _fail_input(exc.problems)
    per_scenario = [(title, followup_tables(followup, outcome_costs(followup, s))) for title, s in scenarios]
    safe_echo("")
    for line in compare_costs_text(per_scenario):
        safe_echo(line)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILER_ELLER_MAPPAR...", type=click.Path(path_type=Path))
@output_option()
@force_option()
@pdf_option()
@strict_option()
@rules_option("Regelfil (TOML) med en egen tabell för tak för eget kapital; varje scenario kontrolleras med den.")
def overview(
    paths: tuple[Path, ...], output: Path | None, force: bool, pdf: bool, strict: bool, rules_path: Path | None
) -> None:
    """Översikt över många förbunds scenarier: budgetårets nyckeltal, en rad per scenario.

    Mappar läses med alla *.toml-filer i dem (även i undermappar; filer med
    kind = "actuals" eller "rules" hoppas över). En fil som inte kan läsas
    listas med sitt fel och hindrar inte de andra. Slutkoden är 2 om
    någon fil inte kunde läsas, annars 1 om något scenario har fel, annars 0.
    Med -o skrivs också en arbetsbok med tabellen, summorna och ett diagram
    (ingen arbetsbok om ingen fil kunde läsas).

    \b
    Exempel:
      finsam-budget overview scenarios/
      finsam-budget overview lan/uppsala/ lan/vastmanland/ extra/nytt-forbund.toml -o oversikt.xlsx
    """
    from finsam_budget.board.overview import Unreadable, build_overview
    from finsam_budget.plan.engine import compute_plan
    from finsam_budget.readers.scenario_files import read_scenarios, scenario_paths
    from finsam_budget.rules import exit_code
    from finsam_budget.writers.overview_text import overview_text

    _pdf_needs_output(pdf, output)

    cap_bands = _load_rules(rules_path)
    files, found = scenario_paths(paths)
    skipped = [p for p in found if p.severity == "warning"]
    for note in skipped:
        safe_echo(f"Obs: {note.file}: {note.message}", err=True)
    plans = []
    unreadable = [Unreadable(p.file, (p,)) for p in found if p.severity == "error"]
    for path, scenario, problems in read_scenarios(files):
        if scenario is None:
            unreadable.append(Unreadable(str(path), tuple(problems)))
        else:
            plans.append((str(path), compute_plan(scenario, cap_bands)))
    result = build_overview(plans, unreadable, skipped)
    for line in overview_text(result):
        safe_echo(line)
    if output is not None and result.rows:
        from finsam_budget.writers.overview_workbook import write_overview_workbook

        target = _write(write_overview_workbook, result, output, force=force, pdf=pdf)
        safe_echo(f"Skrev {target}")
    if unreadable:
        sys.exit(EXIT_INPUT)
    sys.exit(max((exit_code(list(r.findings), strict=strict) for r in result.rows), default=EXIT_OK))


@main.command()
@click.argument("sie_file", metavar="SIE-FIL", type=FILE)
@file_option(
    "--scenario",
    "scenario_path",
    help="Scenario med radernas konton (accounts): budgetkolumn, medlemmarnas bidrag och taket.",
)
@file_option(
    "--mapping",
    "mapping_path",
    help="Mappningsfil (TOML) som ersätter standardmappningen av konton till rader.",
)
@output_option("Arbetsbok att skriva (standard: workbooks/<SIE-fil>-bokslut.xlsx).")
@force_option()
@pdf_option()
@strict_option()
@rules_option("Regelfil (TOML) vars tabell för tak för eget kapital ger taket i nyckeltalen.")
def statements(
    sie_file: Path,
    scenario_path: Path | None,
    mapping_path: Path | None,
    output: Path | None,
    force: bool,
    pdf: bool,
    strict: bool,
    rules_path: Path | None,
) -> None:
    """Skriv årets bokslut ur en SIE-fil: resultaträkning, balansräkning,
    kassaflödesanalys, noter, nyckeltal och kontroller (identiteter och varningar).

    Slutkod 1 när en identitet inte stämmer (t.ex. tillgångar = eget kapital och
    skulder), med differensen, och med --strict även vid en varning; 2 när filen
    inte kan läsas. Med --rules ger regelfilens tabell taket.

    \b
    Exempel:
      finsam-budget statements scenarios/exempel-bokslut-2022.se
      finsam-budget statements scenarios/exempel-bokslut-2022.se --scenario scenarios/exempel-bokslut-2022.toml
    """
    from finsam_budget.mapping import DEFAULT_MAPPING
    from finsam_budget.problems import InputError
    from finsam_budget.readers.sie.reader import read_sie
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
    cap_bands = _load_rules(rules_path)
    computed = _load_plan(scenario_path, cap_bands) if scenario_path is not None else None
    try:
        result = compute_statements(sie, mapping, computed, cap_bands=cap_bands)
    except InputError as exc:
        _fail_input(exc.problems)
    for problem in result.warnings:  # the reader's and the statements' own
        safe_echo(problem.labelled, err=True)
    target = _write(write_statements_workbook, result, _output_path(output, sie_file, "-bokslut"), force=force, pdf=pdf)
    for line in statements_summary_text(result):
        safe_echo(line)
    safe_echo(f"Skrev {target}")
    sys.exit(EXIT_FINDINGS if result.failed_checks or (strict and result.warnings) else EXIT_OK)


# Commands in their own modules register themselves on the group when imported.
from finsam_budget.cli import arsredovisning_command, uppfoljning_command  # noqa: E402,F401
