"""The options every command shares where they mean something: one definition each.

``-o/--output``, ``--force``, ``--strict`` and ``--rules`` are made by the
factories below, so that their names, types and metavars cannot drift apart
between commands; only the help text may differ, through the factory's parameter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

#: A file named on the command line (not a folder); every file option and argument uses it.
FILE = click.Path(path_type=Path, dir_okay=False)

OUTPUT_HELP = "Skriv också en arbetsbok (xlsx) hit."
STRICT_HELP = "Behandla varningar som fel (slutkod 1)."
RULES_HELP = "Regelfil (TOML) med en egen tabell för tak för eget kapital."
FORCE_HELP = "Skriv över en befintlig fil."


def output_option(help: str = OUTPUT_HELP, *, required: bool = False) -> Callable[[F], F]:
    """``-o/--output FIL``: the file to write (the parameter ``output``)."""
    return click.option("-o", "--output", metavar="FIL", type=FILE, required=required, help=help)


def file_option(flag: str, parameter: str, help: str, *, required: bool = False) -> Callable[[F], F]:
    """``--flag FIL``: an input file (the parameter ``parameter``), shown as FIL in the help."""
    return click.option(flag, parameter, metavar="FIL", type=FILE, required=required, help=help)


def force_option(help: str = FORCE_HELP) -> Callable[[F], F]:
    """``--force``: overwrite an existing file (the parameter ``force``)."""
    return click.option("--force", is_flag=True, help=help)


def strict_option(help: str = STRICT_HELP) -> Callable[[F], F]:
    """``--strict``: warnings give exit code 1 too (the parameter ``strict``)."""
    return click.option("--strict", is_flag=True, help=help)


def rules_option(help: str = RULES_HELP) -> Callable[[F], F]:
    """``--rules FIL``: a rules file whose cap table replaces the scenario's (the parameter ``rules_path``)."""
    return click.option("--rules", "rules_path", metavar="FIL", type=FILE, help=help)


PDF_HELP = "Skriv också arbetsboken som PDF (NAMN.pdf bredvid den), med LibreOffice."


def pdf_option(help: str = PDF_HELP) -> Callable[[F], F]:
    """``--pdf``: also write the workbook as PDF beside it (the parameter ``pdf``)."""
    return click.option("--pdf", is_flag=True, help=help)
