"""Reminder fees (purregebyr) and standardkompensasjon, as the law caps them.

* Purregebyr: inkassosats in force on the sending date divided by the fee rule's divisor
  (20 for claims due from 2020-10-01, 10 before; inkassoforskriften § 1-2). One fee per
  notice, never more than two fee-bearing notices per claim.
* Betalingsoppfordring sent by the creditor itself (inkassoloven § 10): 3/20 of the
  inkassosats in force on the sending date, once per notice; not one of the two reminder fees.
* Standardkompensasjon (forsinkelsesrenteloven § 3a): only for business and public debtors,
  the amount in force the day after the due date, less reminder fees already claimed on the
  same claim (never below zero).

>>> from datetime import date
>>> from decimal import Decimal
>>> from .rates import RateTable, HalfYear, Inkassosats, FeeRule
>>> t = RateTable((HalfYear(date(2024, 1, 1), Decimal("12.50"), Decimal("470")),),
...               (Inkassosats(date(2024, 1, 1), Decimal("700")),),
...               (FeeRule(date(2000, 1, 1), 10), FeeRule(date(2020, 10, 1), 20)))
>>> reminder_fee(date(2024, 3, 1), [date(2024, 1, 15)], t)
Decimal('35.00')
>>> payment_demand_fee(date(2024, 3, 1), t)
Decimal('105.00')
>>> compensation(True, date(2024, 1, 15), Decimal("35"), t)
Decimal('435.00')
>>> compensation(False, date(2024, 1, 15), Decimal("0"), t)
Decimal('0.00')
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from ...domain.money import ZERO, to_ore
from .rates import RateTable

__all__ = [
    "MAX_FEE_NOTICES",
    "MIN_DAYS_BEFORE_FEE",
    "MIN_DEADLINE_DAYS",
    "reminder_fee",
    "payment_demand_fee",
    "compensation",
]

MAX_FEE_NOTICES = 2  # two reminders, or one reminder + one inkassovarsel (inkassoforskriften § 1-2)
MIN_DAYS_BEFORE_FEE = 14  # a fee only for a reminder sent at least 14 days after the due date
MIN_DEADLINE_DAYS = 14  # inkassovarsel and fee-bearing notices give at least 14 days


def reminder_fee(sent_on: date, due_dates: Iterable[date], table: RateTable) -> Decimal:
    """The fee for one notice sent ``sent_on`` covering claims with ``due_dates``.

    When the claims straddle a fee-rule change, the lowest fee applies (never overcharge).
    """
    sats = table.inkassosats(sent_on).amount
    divisor = max(table.fee_divisor(due) for due in due_dates)
    return to_ore(sats / divisor)


def payment_demand_fee(sent_on: date, table: RateTable) -> Decimal:
    """The fee for a betalingsoppfordring the creditor sends itself: 3/20 of the inkassosats."""
    return to_ore(table.inkassosats(sent_on).amount * 3 / 20)


def compensation(is_business: bool, due: date, fees_claimed: Decimal, table: RateTable) -> Decimal:
    """Standardkompensasjon still claimable on one claim, after fees already claimed."""
    if not is_business:
        return to_ore(ZERO)
    amount = table.compensation(due + timedelta(days=1)) - fees_claimed
    return to_ore(max(amount, ZERO))
