"""The numbers every layer agrees on: zero, one öre, the share precision, the amount limit."""

from __future__ import annotations

from decimal import Decimal

ZERO = Decimal(0)
#: One öre: amounts are exact to the öre.
ONE_ORE = Decimal("0.01")
#: Shares (ratios, percentages) are kept and cached with 12 decimals: exact to anything a sheet shows.
SHARE_PLACES = 12
SHARE_QUANTUM = Decimal(1).scaleb(-SHARE_PLACES)
#: Amounts beyond ±10^12 kr are refused by every reader.
MAX_AMOUNT = Decimal(10) ** 12
