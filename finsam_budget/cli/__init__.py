"""The `finsam-budget` command line: thin click commands over the library."""

from finsam_budget.cli.commands import main, run

__all__ = ["main", "run"]
