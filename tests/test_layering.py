"""Imports point down the layers only: model → readers → engine/rules → writers → cli.

Start-up stays lazy: importing the CLI must not import xlsxwriter or openpyxl.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "finsam_budget"

LAYERS = {
    "problems": 0, "money": 0, "constants": 0, "labels": 0,
    "model": 1, "scenario_checks": 1, "actuals": 1, "mapping": 1, "tables": 1, "scenario_accounts": 1,
    "readers": 2, "followup": 1, "report_details": 1,
    "plan": 3, "rules": 3, "drift": 3, "statements": 3, "board": 3, "outcomes": 3, "annual_report": 3,
    "writers": 4,
    "cli": 5, "__main__": 5,
}


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "finsam_budget" or len(parts) < 2:
        return None
    return LAYERS.get(parts[1])


def test_every_module_has_a_layer():
    names = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    names |= {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert sorted(n for n in names if n not in LAYERS) == []


def test_no_module_imports_from_a_layer_above_it():
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(relative.parts).removesuffix(".__init__")
        own = layer_of(name)
        if own is None:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level:
                wrong.append(f"{name}: relativ import (skriv finsam_budget.…)")
            elif isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module]
            for target in targets:
                other = layer_of(target)
                if other is not None and other > own:
                    wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_cli_start_up_does_not_import_heavy_libraries():
    code = (
        "import sys, finsam_budget.cli, finsam_budget.plan.engine, finsam_budget.rules;"
        "print(','.join(m for m in ('xlsxwriter', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_lazily_exported_name_points_to_a_module_that_defines_it():
    import importlib

    import finsam_budget

    missing = [
        f"{name} ← {module}"
        for name, module in finsam_budget._EXPORTS.items()
        if not hasattr(importlib.import_module(module), name)
    ]
    assert missing == []
