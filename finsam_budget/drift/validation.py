"""What must hold before (and after) a driftsredovisning is made, as located problems.

The actuals may only name the scenario's lines; the reported year must be one
the scenario budgets; the actuals, ``--through`` and last year's bokslut must
agree about the period. Every problem names its file and key or row. After the
report is built, its budget column must add up to the plan's figures: a
difference there is a fault in the engine, raised as ``DriftConsistencyError``
(never an ``assert``, which ``python -O`` would remove).
"""

from __future__ import annotations

import difflib
from decimal import Decimal
from pathlib import Path

from finsam_budget.actuals import Actuals
from finsam_budget.model import Scenario
from finsam_budget.money import format_amount
from finsam_budget.plan.engine import Plan, YearFigures
from finsam_budget.problems import Problem


class DriftConsistencyError(RuntimeError):
    """The report's own figures disagree with the plan it was made from: a bug, not bad input."""


def check_actuals(scenario: Scenario, actuals: Actuals, *, role: str = "utfall") -> list[Problem]:
    """Every line id of ``actuals`` (amounts, rows and forecast) that the scenario does not declare.

    Each problem names the actuals file and the key (TOML) or row (CSV, xlsx).
    ``role`` is how the message names the file's figures ("utfall", "bokslut").
    The rows count too: a reader's partial actuals list there the lines whose
    amount could not be read.
    """
    known = [line.key for line in scenario.lines()]
    problems: list[Problem] = []
    amounts = dict.fromkeys([*actuals.amounts, *actuals.rows])
    for table, entries in (("amounts", amounts), ("forecast", actuals.forecast)):
        for line_id in entries:
            if scenario.line(line_id) is not None:
                continue
            if table == "forecast" and actuals.rows.get(line_id) is not None:
                continue  # a table file's row has both: reported once, for the amount
            message = (
                f"raden {line_id} finns inte i scenariot {Path(scenario.source).name}; {role} kan bara anges för "
                "scenariots rader (en ny rad läggs till i scenariot, med budget 0 om den saknar budget)"
            )
            close = difflib.get_close_matches(line_id, known, n=1, cutoff=0.85)
            if close:
                message += f"; menade du {close[0]}?"
            problems.append(_located(actuals, table, line_id, message))
    return problems


def _located(actuals: Actuals, table: str, line_id: str, message: str, severity: str = "error") -> Problem:
    row = actuals.rows.get(line_id)
    if row is not None:
        return Problem(actuals.source, message, row=row, severity=severity)
    line = actuals.lines.get((table, line_id))
    return Problem(actuals.source, message, key=f'[{table}]."{line_id}"', line=line, severity=severity)



def period_problems(
    plan: Plan, actuals: Actuals, year: int, previous: Actuals | None, through: tuple[int, int] | None
) -> list[Problem]:
    """Problems with the period: a year the scenario lacks, files and ``--through`` that disagree."""
    scenario = plan.scenario
    problems: list[Problem] = []
    if year not in scenario.years:
        years = ", ".join(map(str, scenario.years))
        problems.append(
            Problem(scenario.source, f"scenariot har ingen budget för {year} (åren är {years})", key="years")
        )
    if actuals.year is not None and actuals.year != year:
        problems.append(Problem(actuals.source, f"filen gäller år {actuals.year}, men år {year} redovisas", key="year"))
    if through is not None:
        if through[0] != year:
            problems.append(
                Problem(actuals.source, f"--through {through[0]}-{through[1]:02d} ligger inte i år {year}")
            )
        elif actuals.through is not None and actuals.through != through:
            problems.append(
                Problem(
                    actuals.source,
                    f"filen säger through = \"{actuals.through[0]}-{actuals.through[1]:02d}\", "
                    f"men --through {through[0]}-{through[1]:02d} angavs",
                    key="through",
                )
            )
    if previous is not None:
        if previous.year is not None and previous.year != year - 1:
            problems.append(
                Problem(
                    previous.source,
                    f"bokslutet gäller år {previous.year}, men föregående år är {year - 1}",
                    key="year",
                )
            )
        if previous.through is not None and previous.through[1] != 12:
            month = f"{previous.through[0]}-{previous.through[1]:02d}"
            problems.append(
                Problem(
                    previous.source,
                    f'bokslutet för föregående år ska gälla helår, men filen går till "{month}"',
                    key="through",
                )
            )
    return problems


def check_budget_totals(figures: YearFigures, totals: dict[str, Decimal]) -> None:
    """The detail's budget column adds up to the plan's figures (lines left out are all zero).

    ``totals`` maps ``income``, ``costs`` and ``result`` to the report's budget
    totals; raises ``DriftConsistencyError`` naming each that differs.
    """
    planned = {"income": figures.income, "costs": figures.costs, "result": figures.result}
    wrong = [
        f"{name}: raderna ger {format_amount(totals[name])} kr, planen {format_amount(planned[name])} kr"
        for name in planned
        if totals[name] != planned[name]
    ]
    if wrong:
        raise DriftConsistencyError(
            f"driftsredovisningens budget för {figures.year} stämmer inte med planen ({'; '.join(wrong)})"
        )
