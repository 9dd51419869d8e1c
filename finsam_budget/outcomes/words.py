"""How findings about a follow-up name what they concern: the insats and period, a distribution."""

from __future__ import annotations

from decimal import Decimal

from finsam_budget.followup import EXIT_LABELS, FLOW_LABELS, Distribution, FollowupPeriod, Insats
from finsam_budget.model import frozen_map


def where(insats: Insats, period: FollowupPeriod) -> str:
    """``JobbVägen 2019–2022``."""
    return f"{insats.name} {period.label.replace('-', '–')}"


def count_name(name: str) -> str:
    """A flow count as a sentence names it: ``nya deltagare``."""
    return FLOW_LABELS[name].lower()


def distribution_name(distribution: Distribution) -> str:
    """``avslut efter orsak`` or ``fördelningen "alder"``."""
    if distribution.name == "avslut":
        return "avslut efter orsak"
    return f'fördelningen "{distribution.name}"'


def category_name(distribution: Distribution, category: str) -> str:
    """An exit reason's label, or a category as written."""
    if distribution.name == "avslut":
        return EXIT_LABELS.get(category, category).lower()
    return f'"{category}"'


def amounts(**counts: int | None) -> dict[str, Decimal]:
    """A finding's amounts: the counts it concerns, as Decimals (``None`` left out)."""
    return dict(frozen_map({k: Decimal(v) for k, v in counts.items() if v is not None}))


def signed(number: int) -> str:
    """A difference with its sign: ``+3``, ``-1``."""
    return f"{number:+d}".replace("-", "-")
