"""Which scenario line an account's actuals belong to, from the lines' ``accounts``.

A scenario line may list ``accounts = ["3511", "4610-4619"]``; the ranges follow
``mapping``'s rules (a single account covers its sub-accounts). An account may
belong to one line only: ranges of two lines that overlap are an error.

A line may also name SIE objects per dimension (``objects = { 6 = ["ENTER"] }``):
its bookings are then those carrying one of its objects, on its accounts when it
lists accounts too. Such a line takes its bookings before the lines of accounts
alone, so its accounts may overlap theirs (all projects are often booked on one
cost account).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from finsam_budget.constants import ZERO
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

    @property
    def objects(self) -> frozenset[tuple[str, str]]:
        return frozenset((dim, code) for dim, codes in self.line.objects.items() for code in codes)

    def takes(self, account: str, objects: tuple[tuple[str, str], ...]) -> bool:
        """A booking with ``objects`` on ``account`` belongs to this object line."""
        return (not self.ranges or self.covers(account)) and not self.objects.isdisjoint(objects)


@dataclass(frozen=True)
class ScenarioAccounts:
    """Every scenario line that lists accounts; lines without accounts are in ``without``."""

    lines: tuple[LineAccounts, ...]
    without: tuple[Line, ...]

    def line_for(self, account: str) -> Line | None:
        """The line of accounts alone that holds ``account``."""
        for entry in self.lines:
            if not entry.line.objects and entry.covers(account):
                return entry.line
        return None

    @property
    def object_lines(self) -> tuple[LineAccounts, ...]:
        return tuple(entry for entry in self.lines if entry.line.objects)

    @property
    def dimensions(self) -> frozenset[str]:
        """The dimensions the scenario's lines name objects in."""
        return frozenset(dim for entry in self.object_lines for dim in entry.line.objects)

    @cached_property
    def _by_key(self) -> dict[str, tuple[AccountRange, ...]]:
        found: dict[str, tuple[AccountRange, ...]] = {}
        for entry in self.lines:
            found.setdefault(entry.line.key, entry.ranges)
        return found

    def ranges_of(self, key: str) -> tuple[AccountRange, ...]:
        return self._by_key.get(key, ())


def scenario_accounts(scenario: Scenario) -> ScenarioAccounts:
    """Parse every line's accounts; raise ``InputError`` when ranges of two lines overlap."""
    entries: list[LineAccounts] = []
    without: list[Line] = []
    problems: list[Problem] = []
    for line in scenario.lines():
        if not line.accounts and not line.objects:
            without.append(line)
            continue
        ranges = []
        for index, text in enumerate(line.accounts):
            try:
                ranges.append(parse_range(text))
            except ValueError as exc:  # the scenario reader already refuses these
                problems.append(Problem(scenario.source, str(exc), key=f"[{line.key}].accounts.{index}"))
        entries.append(LineAccounts(line, tuple(ranges)))
    for i, a, j, b in _overlapping([e if not e.line.objects else LineAccounts(e.line, ()) for e in entries]):
        problems.append(
            Problem(
                scenario.source,
                f'kontona "{b}" överlappar "{a}" på raden {entries[i].line.key}; '
                "ett konto kan bara höra till en rad",
                key=f"[{entries[j].line.key}].accounts",
            )
        )
    if problems:
        raise InputError(problems)
    return ScenarioAccounts(tuple(entries), tuple(without))


def _overlapping(entries: list[LineAccounts]) -> list[tuple[int, AccountRange, int, AccountRange]]:
    """Overlapping ranges of two different lines, in the lines' order: ranges sorted by their
    start are each compared only with those that start before they end (n log n, not n²)."""
    ranges = sorted(
        (r.low, r.high, i, k, r) for i, entry in enumerate(entries) for k, r in enumerate(entry.ranges)
    )
    pairs: list[tuple[int, int, int, int, AccountRange, AccountRange]] = []
    for position, (_, high, i, k, a) in enumerate(ranges):
        for low2, _, j, m, b in ranges[position + 1 :]:
            if low2 > high:
                break
            if i != j:
                pairs.append((i, j, k, m, a, b) if i < j else (j, i, m, k, b, a))
    pairs.sort(key=lambda pair: pair[:4])
    return [(i, a, j, b) for i, j, _, _, a, b in pairs]


ObjectList = tuple[tuple[str, str], ...]  # ((dimension, object), ...), as the SIE reader gives them


@dataclass(frozen=True)
class ObjectAllocation:
    """Bookings with objects shared out to the scenario's lines (amounts in the file's signs).

    ``by_line``: what each line of objects takes; ``by_object``: per (dimension,
    object, account) what no line takes, on an account no line of accounts alone
    holds, in a dimension the scenario maps (a row of its own); ``remaining``: each
    account's amount less both, for the lines of accounts alone.
    """

    by_line: dict[str, Decimal]
    by_object: dict[tuple[str, str, str], Decimal]
    remaining: dict[str, Decimal]


def allocate_objects(
    accounts: ScenarioAccounts,
    results: Mapping[str, Decimal],
    bookings: Iterable[tuple[tuple[str, ObjectList], Decimal]],
) -> ObjectAllocation:
    """Share ``bookings`` ((account, objects) → amount) of the accounts in ``results`` out.

    A booking goes to the first line of objects that takes it (``LineAccounts.takes``),
    else, when no line of accounts alone holds its account, to a row of its first
    object in a mapped dimension; otherwise it stays with its account.
    """
    by_line: dict[str, Decimal] = {}
    by_object: dict[tuple[str, str, str], Decimal] = {}
    remaining = dict(results)
    object_lines = accounts.object_lines
    dimensions = accounts.dimensions
    for (account, objects), amount in bookings:
        if account not in remaining:
            continue
        entry = next((e for e in object_lines if e.takes(account, objects)), None)
        if entry is not None:
            by_line[entry.line.key] = by_line.get(entry.line.key, ZERO) + amount
        elif accounts.line_for(account) is None and (mapped := [p for p in objects if p[0] in dimensions]):
            dim, code = mapped[0]
            by_object[(dim, code, account)] = by_object.get((dim, code, account), ZERO) + amount
        else:
            continue
        remaining[account] -= amount
    return ObjectAllocation(by_line, by_object, remaining)
