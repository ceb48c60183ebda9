"""What is still owed on one invoice after its payments: principal, interest and costs.

A payment made after the due date is allocated, when the debtor has not said otherwise, to
the costs claimed so far (reminder fees, standardkompensasjon), then to the interest claimed,
then to the principal (``COSTS_FIRST``: the creditor's choice when the debtor has not chosen);
``PRINCIPAL_FIRST`` is the other policy. Costs and interest count only once a notice sent on or
before the payment day has claimed them — a payment before any notice goes to the principal.
Payments up to the due date, and those the export reports without a date, reduce the principal
from the start (the debtor's favour). Interest runs on the principal only (never on interest or
costs), from the day after the due date, through the given day or the last day with a known rate.

A payment of exactly the principal after a fee has been claimed therefore leaves part of the
principal open under ``COSTS_FIRST``, and the fee and interest open under ``PRINCIPAL_FIRST``;
either way ``Settlement`` shows it, and nothing is written off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ...domain.money import ZERO, to_ore
from ...domain.receivables import OpenInvoice, SentNotice
from .interest import Segment, late_interest
from .rates import RateTable

__all__ = [
    "COSTS_FIRST",
    "PRINCIPAL_FIRST",
    "ORDERS",
    "Settlement",
    "allocate",
    "settle",
    "fees_claimed",
    "compensation_claimed",
]

COSTS_FIRST = "costs_first"
PRINCIPAL_FIRST = "principal_first"
ORDERS = (COSTS_FIRST, PRINCIPAL_FIRST)


@dataclass(frozen=True)
class Settlement:
    principal: Decimal  # principal still owed (negative: paid more than owed)
    interest: Decimal  # interest accrued and not paid, exact (round for letters)
    fees: Decimal  # reminder fees claimed and not paid
    compensation: Decimal  # standardkompensasjon claimed and not paid
    interest_from: date | None  # first interest day (day after the due date)
    through: date | None  # last day interest is computed for
    missing_from: date | None  # first day of a half-year without a rate, if that cut it short
    segments: tuple[Segment, ...]  # the interest periods, for the letter's rates
    to_costs: Decimal = ZERO  # what payments covered of costs, interest and principal
    to_interest: Decimal = ZERO
    to_principal: Decimal = ZERO
    to_compensation: Decimal = ZERO  # the part of ``to_costs`` that covered compensation
    interest_claimed: bool = False  # a notice sent so far claimed interest

    @property
    def costs(self) -> Decimal:
        return self.fees + self.compensation

    @property
    def rate(self) -> Decimal | None:
        return self.segments[-1].rate if self.segments else None


def fees_claimed(history: tuple[SentNotice, ...], on: date) -> Decimal:
    """Reminder fees claimed by notices sent on or before ``on``."""
    return sum((n.fee for n in history if n.sent_on <= on), ZERO)


def compensation_claimed(history: tuple[SentNotice, ...], on: date) -> Decimal:
    """Standardkompensasjon as the latest notice sent on or before ``on`` stated it."""
    sent = [n for n in history if n.sent_on <= on]
    return max(sent, key=lambda n: (n.sent_on, n.level.rank)).compensation if sent else ZERO


def _interest_claimed(history: tuple[SentNotice, ...], on: date) -> bool:
    return any(n.interest > 0 for n in history if n.sent_on <= on)


def allocate(
    amount: Decimal, costs: Decimal, interest: Decimal, principal: Decimal, order: str = COSTS_FIRST
) -> tuple[Decimal, Decimal, Decimal]:
    """One payment split into (to costs, to interest, to principal); the principal takes what
    is left over, so an overpayment shows as a negative principal.

    >>> allocate(Decimal("10000"), Decimal("35"), Decimal("12.30"), Decimal("10000"))
    (Decimal('35'), Decimal('12.30'), Decimal('9952.70'))
    >>> allocate(Decimal("10000"), Decimal("35"), Decimal("12.30"), Decimal("10000"), PRINCIPAL_FIRST)
    (Decimal('0'), Decimal('0'), Decimal('10000'))
    """
    if order == COSTS_FIRST:
        to_costs = min(amount, costs)
        to_interest = min(amount - to_costs, interest)
        return to_costs, to_interest, amount - to_costs - to_interest
    to_principal = min(amount, max(principal, ZERO))
    to_interest = min(amount - to_principal, interest)
    to_costs = min(amount - to_principal - to_interest, costs)
    return to_costs, to_interest, amount - to_costs - to_interest


def settle(
    invoice: OpenInvoice, due: date, on: date, table: RateTable, order: str = COSTS_FIRST
) -> Settlement:
    """``invoice`` (due ``due``, already moved to a business day) as it stands on ``on``."""
    principal = invoice.principal - invoice.paid_unknown_date
    late = []
    for payment in sorted(invoice.payments, key=lambda p: p.paid_on):
        if payment.paid_on <= due:
            principal -= payment.amount
        elif payment.paid_on <= on:
            late.append(payment)
    history = invoice.history
    segments: list[Segment] = []
    accrued = paid_costs = paid_interest = paid_principal = ZERO
    last, missing = due, None

    def accrue(until: date) -> None:
        nonlocal accrued, missing
        if missing is not None or until <= last or principal <= 0:
            return
        result = late_interest(principal, last, until, (), table)
        segments.extend(result.segments)
        accrued += result.exact
        missing = result.missing_from

    for payment in late:
        accrue(payment.paid_on)
        last = max(last, payment.paid_on)
        day = payment.paid_on
        open_costs = max(fees_claimed(history, day) + compensation_claimed(history, day) - paid_costs, ZERO)
        open_interest = (
            max(to_ore(accrued) - paid_interest, ZERO) if _interest_claimed(history, day) else ZERO
        )
        costs, interest, to_principal = allocate(payment.amount, open_costs, open_interest, principal, order)
        paid_costs += costs
        paid_interest += interest
        paid_principal += to_principal
        principal -= to_principal
    accrue(on)
    through = missing - timedelta(days=1) if missing else on
    fees = fees_claimed(history, on)
    to_fees = min(paid_costs, fees)
    return Settlement(
        principal=principal,
        interest=max(accrued - paid_interest, ZERO),
        fees=fees - to_fees,
        compensation=max(compensation_claimed(history, on) - (paid_costs - to_fees), ZERO),
        interest_from=due + timedelta(days=1),
        through=through,
        missing_from=missing,
        segments=tuple(segments),
        to_costs=paid_costs,
        to_interest=paid_interest,
        to_principal=paid_principal,
        to_compensation=paid_costs - to_fees,
        interest_claimed=_interest_claimed(history, on),
    )
