# click.ParamType is generic only from click 8.2 on; the package supports 8.1.
# mypy: disable-error-code="type-arg"
"""``finsam-budget init`` and ``convert``: start, roll forward and convert a scenario. Thin, like every command.

``init`` writes a new scenario (TOML with Swedish comments, or with ``--xlsx`` a
workbook template) that passes ``check`` at once; ``init --from`` makes next
year's from last year's (``plan.authoring.roll_forward``). ``convert`` writes a
scenario in the other format (TOML ↔ xlsx), losslessly.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from finsam_budget.cli.commands import EXIT_INPUT, _fail_input, _write, main
from finsam_budget.cli.options import FILE, force_option, output_option
from finsam_budget.cli.output import safe_echo
from finsam_budget.cli.params import KRONOR, PERCENT, YEAR


class Municipality(click.ParamType):
    """``NAMN=ANDEL``: a share of the municipalities' part (``1/2``, ``25%``) or a population (``141000``)."""

    name = "NAMN=ANDEL"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, Any]:
        if isinstance(value, tuple):
            return value
        text = str(value)
        name, eq, share = text.rpartition("=")
        if not eq or not name.strip() or not share.strip():
            self.fail(f'väntade NAMN=ANDEL, t.ex. "Habo=11900" (invånare) eller "Habo=1/4", fick "{text}"', param, ctx)
        share = share.strip().replace(" ", "")
        if share.isdigit():
            return name.strip(), int(share)
        from finsam_budget.money import AmountError, parse_share

        try:
            return name.strip(), parse_share(share.replace(",", "."))
        except AmountError:
            self.fail(f'väntade en andel ("1/4", "25%") eller ett invånarantal efter =, fick "{share}"', param, ctx)


MUNICIPALITY = Municipality()


def _year_default() -> int:
    import datetime

    return datetime.date.today().year + 1


@main.command("init")
@click.option("--forbund", "federation", metavar="NAMN", help="Förbundets namn.")
@click.option("--medlemmar", "preset", type=click.Choice(["50/50", "50/25/25"]), default="50/50", show_default=True,
              help="Staten och regionen 50/50, eller staten, regionen och kommunerna 50/25/25.")
@click.option("--region", default="Regionen", show_default=True, metavar="NAMN", help="Regionens namn.")
@click.option("--kommun", "municipalities", multiple=True, type=MUNICIPALITY, metavar="NAMN=ANDEL",
              help="En kommun (flera gånger) med 50/25/25: dess del av kommunernas fjärdedel som andel "
                   "(1/4, 25%) eller invånarantal (141000).")
@click.option("--budgetar", "budget_year", type=YEAR, metavar="ÅÅÅÅ", help="Budgetåret (standard: nästa år).")
@click.option("--planar", "plan_years", type=click.IntRange(0, 10), default=2, show_default=True, metavar="N",
              help="Antal planår efter budgetåret.")
@click.option("--total", type=KRONOR, metavar="KR", help="Medlemmarnas bidrag totalt per år; delas efter andelarna.")
@click.option("--eget-kapital", "opening", type=KRONOR, metavar="KR", help="Ingående eget kapital första året.")
@click.option("--from", "previous", type=FILE, metavar="FÖRRA.toml",
              help="Gör nästa års scenario av förra årets (TOML eller xlsx).")
@click.option("--uplift", type=PERCENT, metavar="PROCENT",
              help="Med --from: uppräkning av medlemsbidrag och kostnader i det nya sista året, t.ex. 2.")
@click.option("--xlsx", "as_xlsx", is_flag=True, help="Skriv en arbetsbok (xlsx) att fylla i i stället för TOML.")
@output_option("Filen att skriva (standard: budget-ÅÅÅÅ.toml, med --xlsx .xlsx).")
@force_option()
def init(
    federation: str | None, preset: str, region: str, municipalities: tuple[tuple[str, Any], ...],
    budget_year: int | None, plan_years: int, total: Decimal | None, opening: Decimal | None,
    previous: Path | None, uplift: Decimal | None, as_xlsx: bool, output: Path | None, force: bool,
) -> None:
    """Skriv ett nytt scenario som klarar `check` direkt, eller nästa års av förra årets.

    \b
    Exempel:
      finsam-budget init --forbund "Samordningsförbundet Exempel" --region "Region Gotland" \\
          --budgetar 2025 --total 4324000 -o exempel-2025.toml
      finsam-budget init --forbund "Samordningsförbundet Södra Vätterbygden" --medlemmar 50/25/25 \\
          --region "Region Jönköpings län" --kommun Jönköping=141000 --kommun Habo=11900 \\
          --kommun Mullsjö=7200 --kommun Vaggeryd=14000 --budgetar 2025 --total 6680000 --xlsx -o svb-2025.xlsx
      finsam-budget init --from exempel-2025.toml --uplift 2 -o exempel-2026.toml
    """
    from finsam_budget.writers.scenario_data import scenario_data

    if previous is not None:
        scenario, notes, suffix_year = _rolled(previous, uplift)
        given = [n for n, v in (("--forbund", federation), ("--kommun", municipalities or None),
                                ("--budgetar", budget_year), ("--total", total), ("--eget-kapital", opening)) if v]
        if given:
            raise click.UsageError(f"{', '.join(given)} kan inte användas med --from (allt tas från förra årets fil)")
        heading: tuple[str, ...] = (f"{scenario.federation}: {scenario.title}, framrullad från {previous}.",)
    else:
        if uplift is not None:
            raise click.UsageError("--uplift gäller bara med --from")
        if not federation or not federation.strip():
            raise click.UsageError('ange förbundets namn med --forbund "Samordningsförbundet …"')
        from finsam_budget.plan.authoring import federation_members, new_scenario

        try:
            members, notes = federation_members(preset, region, list(municipalities))
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        suffix_year = budget_year or _year_default()
        scenario = new_scenario(federation.strip(), members, suffix_year, plan_years,
                                total or Decimal(0), opening or Decimal(0))
        heading = (f"{scenario.federation}: {scenario.title}. Skapad med finsam-budget init; fyll i beloppen",
                   "och kontrollera med  finsam-budget check FIL")
    target = output or Path(f"budget-{suffix_year}{'.xlsx' if as_xlsx else '.toml'}")
    if as_xlsx and target.suffix.lower() not in (".xlsx", ".xlsm"):
        raise click.UsageError(f"med --xlsx ska -o sluta på .xlsx, fick {target.name}")
    data = scenario_data(scenario)
    if as_xlsx or target.suffix.lower() in (".xlsx", ".xlsm"):
        from finsam_budget.writers.scenario_xlsx import write_scenario_workbook

        written = _write(write_scenario_workbook, data, target, years=scenario.years, force=force)
    else:
        from finsam_budget.writers.scenario_toml import write_scenario_toml

        written = _write(write_scenario_toml, data, target, force=force, comments=notes, heading=heading)
    safe_echo(f"Skrev {written}: {scenario.federation}, {scenario.title} ({scenario.years[0]}–{scenario.years[-1]})")
    safe_echo(f"Kontrollera:  finsam-budget check {written}")


def _rolled(previous: Path, uplift: Decimal | None) -> tuple[Any, dict[tuple[str, ...], str], int]:
    from finsam_budget.plan.authoring import roll_forward
    from finsam_budget.plan.engine import compute_plan
    from finsam_budget.problems import InputError
    from finsam_budget.readers.scenario import load_scenario

    try:
        read = load_scenario(previous)
    except InputError as exc:
        _fail_input(exc.problems)
    rolled = roll_forward(compute_plan(read), read, (uplift or Decimal(0)) * 100, origin=previous.name)
    return rolled.scenario, dict(rolled.notes), rolled.scenario.budget_year


@main.command("convert")
@click.argument("source", metavar="FRÅN", type=FILE)
@click.argument("target", metavar="TILL", type=FILE)
@force_option()
def convert(source: Path, target: Path, force: bool) -> None:
    """Skriv ett scenario i det andra formatet: TOML till xlsx eller xlsx till TOML, utan förlust.

    Scenariot kontrolleras först; ett scenario med fel skrivs inte. Kommentarerna i en
    TOML-fil följer inte med (arbetsboken har egna förklaringar).

    \b
    Exempel:
      finsam-budget convert scenarios/gotland-2022.toml gotland-2022.xlsx
      finsam-budget convert gotland-2022.xlsx gotland-2022-ny.toml
    """
    from finsam_budget.readers.scenario import read_scenario_file_data

    xlsx = (".xlsx", ".xlsm")
    if target.suffix.lower() not in (*xlsx, ".toml"):
        raise click.UsageError(f"TILL ska sluta på .toml eller .xlsx, fick {target.name}")
    if source.resolve() == target.resolve():
        raise click.UsageError("FRÅN och TILL är samma fil")
    data, years, problems = read_scenario_file_data(source)
    errors = [p for p in problems if p.severity == "error"]
    if data is None or errors:
        _fail_input(problems)
    if target.suffix.lower() in xlsx:
        from finsam_budget.writers.scenario_xlsx import write_scenario_workbook

        written = _write(write_scenario_workbook, data, target, years=years, force=force)
    else:
        from finsam_budget.writers.scenario_toml import write_scenario_toml

        heading = (f"Konverterad från {source.name} med finsam-budget convert.",)
        written = _write(write_scenario_toml, data, target, force=force, heading=heading)
    safe_echo(f"Skrev {written}")
    sys.exit(0)


__all__ = ["EXIT_INPUT", "MUNICIPALITY", "convert", "init"]
