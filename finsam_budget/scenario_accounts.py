"""Which scenario line an account's actuals belong to, from the lines' ``accounts``.

A scenario line may list ``accounts = ["3511", "4610-4619"]``; the ranges follow
``mapping``'s rules (a single account covers its sub-accounts). An account may
belong to one line only: ranges of two lines that overlap are an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from finsam_budget.mapping import AccountRange, parse_range
from finsam_budget.model import Line, Scenario
from finsam_budget.problems import InputError, Problem


@dataclass(frozen=True)
class LineAccounts:
    """A scenario line and its parsed account ranges."""

    line: Line
    ranges: tuple[AccountRange, ...]

    def covers(self, account: str) -> bool:
        return any(r.covers(account) for r in self.ranges)


@dataclass(frozen=True)
class ScenarioAccounts:
    """Every scenario line that lists accounts; lines without accounts are in ``without``."""

    lines: tuple[LineAccounts, ...]
    without: tuple[Line, ...]

    def line_for(self, account: str) -> Line | None:
        for entry in self.lines:
            if entry.covers(account):
                return entry.line
        return None

    def ranges_of(self, key: str) -> tuple[AccountRange, ...]:
        for entry in self.lines:
            if entry.line.key == key:
                return entry.ranges
        return ()


def scenario_accounts(scenario: Scenario) -> ScenarioAccounts:
    """Parse every line's accounts; raise ``InputError`` when ranges of two lines overlap."""
    entries: list[LineAccounts] = []
    without: list[Line] = []
    problems: list[Problem] = []
    for line in scenario.lines():
        if not line.accounts:
            without.append(line)
            continue
        ranges = []
        for index, text in enumerate(line.accounts):
            try:
                ranges.append(parse_range(text))
            except ValueError as exc:  # the scenario reader already refuses these
                problems.append(Problem(scenario.source, str(exc), key=f"[{line.key}].accounts.{index}"))
        entries.append(LineAccounts(line, tuple(ranges)))
    for i, first in enumerate(entries):
        for second in entries[i + 1 :]:
            for a in first.ranges:
                for b in second.ranges:
                    if a.overlaps(b):
                        problems.append(
                            Problem(
                                scenario.source,
                                f'kontona "{b}" överlappar "{a}" på raden {first.line.key}; '
                                "ett konto kan bara höra till en rad",
                                key=f"[{second.line.key}].accounts",
                            )
                        )
    if problems:
        raise InputError(problems)
    return ScenarioAccounts(tuple(entries), tuple(without))
