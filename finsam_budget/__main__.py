"""`python -m finsam_budget` runs the command-line tool."""

from finsam_budget.cli import run

run()
