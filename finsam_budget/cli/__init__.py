"""The `finsam-budget` command line: thin click commands over the library."""

from finsam_budget.cli import (
    export_command,  # noqa: F401 - registers export-sie
    init_command,  # noqa: F401 - registers init and convert
)
from finsam_budget.cli.commands import main, run

__all__ = ["main", "run"]
