"""Forsinkelsesrente (late-payment interest) by forsinkelsesrenteloven, per DOMAIN.md §5.

Simple interest on the outstanding amount for every day after the due date up to and
including the calculation (or payment) date. Each day uses the rate of its half-year and
counts as 1/365 of the annual rate (1/366 in a leap year). A payment reduces the amount that
earns interest from the day after it was paid. The exact sum is rounded once, to øre.

A half-year whose rate is not in the table is never guessed: the computation stops on the
last day before it, and the result says so (``through``, ``missing_from``), so a letter can
claim the interest known and say that interest runs on until payment.

>>> from datetime import date
>>> from decimal import Decimal
>>> from .rates import RateTable, HalfYear
>>> table = RateTable((HalfYear(date(2023, 7, 1), Decimal("11.75")),
...                    HalfYear(date(2024, 1, 1), Decimal("12.50"))), (), ())
>>> late_interest(Decimal("10000"), date(2023, 12, 1), date(2024, 3, 1), (), table).amount
Decimal('304.91')
>>> cut = late_interest(Decimal("10000"), date(2024, 6, 20), date(2024, 8, 1), (), table)
>>> cut.amount, cut.through, cut.missing_from      # 10 days at 12.50 %/366, then no rate for H2 2024
(Decimal('34.15'), datetime.date(2024, 6, 30), datetime.date(2024, 7, 1))
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ...domain.money import ZERO, to_ore
from .rates import RateTable, half_year_end, half_year_start

__all__ = ["Segment", "InterestResult", "late_interest"]

_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Segment:
    first: date  # first interest day of the segment
    last: date  # last interest day (inclusive)
    balance: Decimal  # amount earning interest
    rate: Decimal  # percent per year
    year_days: int  # 365 or 366
    exact: Decimal  # unrounded interest

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class InterestResult:
    amount: Decimal  # rounded to øre
    from_date: date | None  # first day interest runs (day after due date)
    rate: Decimal | None  # rate on the last day computed (for the letter)
    segments: tuple[Segment, ...]
    through: date | None = None  # last day computed (the requested day unless a rate is missing)
    missing_from: date | None = None  # first day of the half-year with no rate, if the computation stopped

    @property
    def exact(self) -> Decimal:
        return sum((s.exact for s in self.segments), ZERO)


def late_interest(
    amount: Decimal, due: date, through: date, payments: Iterable[tuple[date, Decimal]], table: RateTable
) -> InterestResult:
    """Interest on ``amount`` due ``due`` (already moved to a business day) for the days
    ``due + 1`` .. ``through``, with dated ``payments`` ``(paid_on, amount)``."""
    first = due + timedelta(days=1)
    if through < first:
        return InterestResult(ZERO, None, None, ())
    balance = amount
    changes: dict[date, Decimal] = {}
    for paid_on, paid in payments:
        if paid_on <= due:
            balance -= paid  # paid in time: never earned interest
        else:
            day_after = paid_on + timedelta(days=1)
            changes[day_after] = changes.get(day_after, ZERO) + paid
    segments: list[Segment] = []
    total = ZERO
    day = first
    pending = sorted(changes)
    missing: date | None = None
    while day <= through and balance > 0:
        while pending and pending[0] <= day:
            balance -= changes[pending.pop(0)]
        if balance <= 0:
            break
        end = min(through, half_year_end(half_year_start(day)))
        if pending and pending[0] - timedelta(days=1) < end:
            end = pending[0] - timedelta(days=1)
        row = table.known_half_year(day)
        if row is None:
            missing = half_year_start(day)
            break
        rate = row.interest
        year_days = 366 if calendar.isleap(day.year) else 365
        days = (end - day).days + 1
        exact = balance * rate * days / (_HUNDRED * year_days)
        segments.append(Segment(day, end, balance, rate, year_days, exact))
        total += exact
        day = end + timedelta(days=1)
    last_day = through if missing is None else missing - timedelta(days=1)
    rate_now = segments[-1].rate if segments else None
    return InterestResult(to_ore(total), first, rate_now, tuple(segments), last_day, missing)
