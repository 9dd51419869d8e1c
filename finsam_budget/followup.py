"""Participant follow-up (uppföljning) per insats: the model only.

A follow-up file (format 1, ``kind = "uppfoljning"``) holds the participant figures
a federation publishes per insats and period: the flow (active at the start, new,
participants, exits, active at the end), exits by reason (optionally by sex), other
published distributions of a count (age, time in the insats) and the insats's goals.
Every figure is kept as published, with where it stands in the file, so that the
checks (``finsam_budget.outcomes``) can say which figure does not add up.
Files are read by ``finsam_budget.readers.uppfoljning``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from finsam_budget.model import frozen_map

#: The flow of a period, in the order it is told.
FLOW = ("aktiva_start", "nya", "deltagare", "avslutade", "aktiva_slut")
FLOW_LABELS = {
    "aktiva_start": "Aktiva vid periodens början",
    "nya": "Nya deltagare",
    "deltagare": "Deltagare under perioden",
    "avslutade": "Avslutade",
    "aktiva_slut": "Aktiva vid periodens slut",
}
#: The counts a distribution may distribute.
DISTRIBUTED = ("nya", "avslutade", "deltagare")

#: Exit reasons, in the order every output shows them, with their Swedish labels.
EXIT_REASONS = (
    "arbete_studier",
    "fortsatt_rehabilitering",
    "sjukdom",
    "ater_remittent",
    "flytt",
    "foraldraledighet",
    "ovrigt",
)
EXIT_LABELS = {
    "arbete_studier": "Arbete eller studier",
    "fortsatt_rehabilitering": "Fortsatt rehabilitering",
    "sjukdom": "Sjukdom",
    "ater_remittent": "Åter till remittent",
    "flytt": "Flytt",
    "foraldraledighet": "Föräldraledighet",
    "ovrigt": "Övrigt",
}
#: Sex splits of the exits: the parts and the published totals.
SEXES = ("kvinnor", "man")
SEX_LABELS = {"kvinnor": "kvinnor", "man": "män", "totalt": "totalt"}
#: Goals compare a share of the exits with a limit: at least (">=") or at most ("<=").
AT_LEAST, AT_MOST = ">=", "<="
MAX_COUNT = 10_000_000  # more participants than Sweden has people is a typing error


@dataclass(frozen=True)
class Goal:
    """A goal of an insats: the share of exits with ``reason`` at least or at most ``percent``."""

    reason: str
    comparison: str
    percent: Decimal
    key: str

    @property
    def share(self) -> Fraction:
        return Fraction(self.percent) / 100

    def met_by(self, share: Fraction) -> bool:
        return share >= self.share if self.comparison == AT_LEAST else share <= self.share

    @property
    def text(self) -> str:
        """``minst 20 % arbete eller studier``."""
        word = "minst" if self.comparison == AT_LEAST else "högst"
        percent = format(self.percent.normalize(), "f").replace(".", ",")
        return f"{word} {percent} % {EXIT_LABELS[self.reason].lower()}"


@dataclass(frozen=True)
class Distribution:
    """A published distribution of one of the period's counts (``of``) over categories.

    ``procent`` are the published whole percentages per category, ``summa`` the
    published total and ``saknas`` how many participants lack the figure. ``key``
    is the distribution's key path in the file, ``name`` how messages call it.
    """

    name: str
    of: str
    categories: Mapping[str, int]
    key: str
    procent: Mapping[str, int] = field(default_factory=frozen_map)
    summa: int | None = None
    saknas: int | None = None

    def __post_init__(self) -> None:
        for name in ("categories", "procent"):
            object.__setattr__(self, name, frozen_map(getattr(self, name)))

    @property
    def total(self) -> int:
        """What the categories add up to."""
        return sum(self.categories.values())


@dataclass(frozen=True)
class Exits:
    """Exits by reason: the totals (published or, without a split, the one table) and the split by sex.

    ``by_sex`` has ``kvinnor`` and ``man`` when the file splits by sex; ``totals``
    then holds the published ``totalt`` (or, without one, kvinnor + män per reason).
    ``stated_totals`` tells whether the totals were published.
    """

    distribution: Distribution
    by_sex: Mapping[str, Mapping[str, int]] = field(default_factory=frozen_map)
    stated_totals: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_sex", frozen_map({k: frozen_map(v) for k, v in self.by_sex.items()}))

    @property
    def totals(self) -> Mapping[str, int]:
        return self.distribution.categories

    def count(self, reason: str) -> int:
        return self.totals.get(reason, 0)


@dataclass(frozen=True)
class FollowupPeriod:
    """One period of an insats: a year (``2023``) or a span (``2019-2023``), as published."""

    label: str
    first_year: int
    last_year: int
    counts: Mapping[str, int]
    key: str
    exits: Exits | None = None
    distributions: tuple[Distribution, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "counts", frozen_map(self.counts))

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.first_year, self.last_year + 1))

    @property
    def year(self) -> int | None:
        """The year of a one-year period (findings carry it), ``None`` for a span."""
        return self.first_year if self.first_year == self.last_year else None

    def count(self, name: str) -> int | None:
        return self.counts.get(name)

    def exit_base(self) -> int | None:
        """What a share of exits is taken of: the exits as published, else the exits by reason."""
        published = self.count("avslutade")
        if published is not None:
            return published
        return None if self.exits is None else self.exits.distribution.total

    def all_distributions(self) -> tuple[Distribution, ...]:
        """The exits by reason first (when given), then the other distributions in file order."""
        return ((self.exits.distribution,) if self.exits is not None else ()) + self.distributions


@dataclass(frozen=True)
class Insats:
    """An insats (project or structural effort) followed up: its periods and goals.

    ``line`` is the scenario line that pays for it (``projects.steget``), if any.
    """

    id: str
    name: str
    key: str
    periods: tuple[FollowupPeriod, ...]
    line: str | None = None
    goals: tuple[Goal, ...] = ()


@dataclass(frozen=True)
class Followup:
    """A follow-up file: the federation, where the figures were published, and every insats."""

    source: str
    federation: str
    insatser: tuple[Insats, ...]
    published: str | None = None

    def insats(self, insats_id: str) -> Insats | None:
        return next((i for i in self.insatser if i.id == insats_id), None)


def percent_of(count: int, base: int) -> int | None:
    """A count as a whole percent of ``base``, rounded half up as published; ``None`` for base 0."""
    if base <= 0:
        return None
    whole, rest = divmod(count * 100, base)
    return whole + (1 if 2 * rest >= base else 0)
