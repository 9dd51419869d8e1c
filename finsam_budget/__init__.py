"""finsam-budget: budget- och redovisningsmotor för samordningsförbund.

The package is usable from Python, not only from the command line::

    import finsam_budget as fb

    scenario = fb.load_scenario("scenarios/gotland-2022.toml")
    plan = fb.compute_plan(scenario)
    findings = fb.run_rules(plan)
    fb.write_plan_workbook(plan, findings, "budget.xlsx", force=True)

A scenario built in code is checked like one read from a file: ``fb.validate``
returns its semantic problems, and ``fb.compute_plan`` refuses one with errors
(``fb.InputError``). Names are imported on first use, so ``import finsam_budget``
stays fast and loads no spreadsheet library.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Public name → the module that defines it (imported on first use).
_EXPORTS = {
    # model
    "Scenario": "finsam_budget.model",
    "Line": "finsam_budget.model",
    "Member": "finsam_budget.model",
    "Finding": "finsam_budget.model",
    "Problem": "finsam_budget.problems",
    "InputError": "finsam_budget.problems",
    # readers
    "load_scenario": "finsam_budget.readers.scenario",
    "loads_scenario": "finsam_budget.readers.scenario",
    "read_actuals": "finsam_budget.readers.actuals",
    "read_sie": "finsam_budget.readers.sie.reader",
    "load_mapping": "finsam_budget.readers.mapping_file",
    "load_rules": "finsam_budget.readers.rules_file",
    # engine and rules
    "validate": "finsam_budget.scenario_checks",
    "compute_plan": "finsam_budget.plan.engine",
    "Plan": "finsam_budget.plan.engine",
    "run_rules": "finsam_budget.rules",
    "exit_code": "finsam_budget.rules",
    "compute_drift": "finsam_budget.drift",
    "Thresholds": "finsam_budget.drift",
    "compute_statements": "finsam_budget.statements",
    "compare_plans": "finsam_budget.board.compare",
    "build_overview": "finsam_budget.board.overview",
    # workbooks
    "write_plan_workbook": "finsam_budget.writers.plan_workbook",
    "write_drift_workbook": "finsam_budget.writers.drift_workbook",
    "write_statements_workbook": "finsam_budget.writers.statements_workbook",
    "write_comparison_workbook": "finsam_budget.writers.compare_workbook",
    "write_overview_workbook": "finsam_budget.writers.overview_workbook",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:  # what a type checker and an editor see; at run time names load lazily
    from finsam_budget.board.compare import compare_plans
    from finsam_budget.board.overview import build_overview
    from finsam_budget.drift import Thresholds, compute_drift
    from finsam_budget.model import Finding, Line, Member, Scenario
    from finsam_budget.plan.engine import Plan, compute_plan
    from finsam_budget.problems import InputError, Problem
    from finsam_budget.readers.actuals import read_actuals
    from finsam_budget.readers.mapping_file import load_mapping
    from finsam_budget.readers.rules_file import load_rules
    from finsam_budget.readers.scenario import load_scenario, loads_scenario
    from finsam_budget.readers.sie.reader import read_sie
    from finsam_budget.rules import exit_code, run_rules
    from finsam_budget.scenario_checks import validate
    from finsam_budget.statements import compute_statements
    from finsam_budget.writers.compare_workbook import write_comparison_workbook
    from finsam_budget.writers.drift_workbook import write_drift_workbook
    from finsam_budget.writers.overview_workbook import write_overview_workbook
    from finsam_budget.writers.plan_workbook import write_plan_workbook
    from finsam_budget.writers.statements_workbook import write_statements_workbook


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'finsam_budget' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
