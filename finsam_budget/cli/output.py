"""Everything the command line prints goes through ``safe_echo``: no terminal control from an input file.

A scenario title, a line name, a CSV cell or an SIE ``#FNAMN`` can carry escape
sequences (``\\x1b]0;…\\x07`` retitles the window, ``\\x1b[1A\\x1b[2K`` erases the
line above, an ``Fel:`` line among them). Before a text reaches stdout or stderr
every control character except line break and tab (C0, DEL, C1) and every
bidirectional override is shown as a visible escape such as ``\\u001b``; the text is
otherwise unchanged. Workbooks keep such characters out on their own (``writers``).
"""

from __future__ import annotations

import re

import click

from finsam_budget.problems import displayable

# C0 controls except \t and \n, DEL, C1 controls, and the bidi embeddings, overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    # JSON's escape form: readable in a message, and it keeps ``--json`` output valid JSON
    # (the character comes back when the JSON is parsed).
    return f"\\u{ord(match.group()):04x}"


def terminal_text(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\u001b``, ``\\u202e``)."""
    return _CONTROL.sub(_visible, displayable(text))


def safe_echo(message: object = "", *, err: bool = False) -> None:
    """``click.echo`` of ``message`` as ``terminal_text``: the one way the commands print."""
    click.echo(terminal_text(str(message)), err=err)
