"""Which dunning level is due next for one open invoice on a given date.

Rules, in order: nothing for a paid invoice, one not yet due, a customer on hold, or an amount
under the minimum; never the same level twice (levels only move forward, one per run); never a
level before the previous notice's deadline has passed; a fee only if the law allows it on that
date (at least 14 days after the due date, at most two fee-bearing notices, a second fee only
14 days after the first — otherwise the notice waits or goes without a fee); a
betalingsoppfordring only after an inkassovarsel whose deadline has passed (inkassoloven § 10),
with its own fee (3/20 of the inkassosats) that does not count among the two reminder fees;
collection only after an inkassovarsel whose deadline has passed (inkassoloven § 9), and after
the betalingsoppfordring's deadline when that level is used.

"Paid" and the minimum amount look at the principal still owed after credit notes and after
payments have covered costs and interest (``allocation.settle``), passed in as ``owed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum

from ...domain.receivables import Customer, Level, OpenInvoice
from .calendar import effective_due_date
from .fees import MAX_FEE_NOTICES, MIN_DAYS_BEFORE_FEE, MIN_DEADLINE_DAYS
from .policy import LevelRule, Policy

__all__ = ["Skip", "Decision", "next_level"]


class Skip(str, Enum):
    """Why an open invoice gets no notice today (counted in the run's result)."""

    PAID = "paid"
    NOT_DUE = "not_due"
    HOLD = "hold"
    BELOW_MINIMUM = "below_minimum"
    WAITING = "waiting"  # the next level is not due yet, or a deadline is running
    FINISHED = "finished"  # every level has been sent


@dataclass(frozen=True)
class Decision:
    invoice: OpenInvoice
    rule: LevelRule
    due: date  # effective due date
    days_overdue: int
    fee_allowed: bool


REMINDER_FEE_LEVELS = (Level.REMINDER, Level.DUNNING, Level.INKASSOVARSEL)


def _fee_allowed(
    invoice: OpenInvoice, customer: Customer, rule: LevelRule, on: date, days: int
) -> bool | None:
    """True/False whether this notice may carry a fee; None when it must wait for the law."""
    if not rule.fee or customer.no_fees:
        return False
    if rule.level is Level.BETALINGSOPPFORDRING:
        return True  # its own fee (inkassoforskriften), after the § 9 deadline
    fee_notices = [n for n in invoice.history if n.fee > 0 and n.level in REMINDER_FEE_LEVELS]
    if len(fee_notices) >= MAX_FEE_NOTICES:
        return False
    if days < MIN_DAYS_BEFORE_FEE:
        return None
    if fee_notices:
        previous = max(fee_notices, key=lambda n: n.sent_on)
        if on < previous.sent_on + timedelta(days=MIN_DEADLINE_DAYS) or on <= previous.deadline:
            return None
    return True


def next_level(
    invoice: OpenInvoice, customer: Customer, policy: Policy, on: date, owed: Decimal | None = None
) -> Decision | Skip:
    """``owed``: the principal still owed (default: the invoice's outstanding amount)."""
    owed = invoice.outstanding if owed is None else owed
    if invoice.is_credit or owed <= 0:
        return Skip.PAID
    due = effective_due_date(invoice.due_date)
    days = (on - due).days
    if days <= 0:
        return Skip.NOT_DUE
    if customer.hold or invoice.hold:
        return Skip.HOLD
    if owed < policy.minimum_amount:
        return Skip.BELOW_MINIMUM
    last = invoice.last_notice
    done_rank = last.level.rank if last else 0
    candidates = [r for r in policy.enabled if r.level.rank > done_rank]
    if not candidates:
        return Skip.FINISHED
    rule = candidates[0]
    if days < rule.days_after_due:
        return Skip.WAITING
    if last is not None and on <= last.deadline:
        return Skip.WAITING
    if rule.level in (Level.BETALINGSOPPFORDRING, Level.COLLECTION):
        warned = [n for n in invoice.history if n.level is Level.INKASSOVARSEL]
        if not warned or on <= max(n.deadline for n in warned):
            return Skip.WAITING
    if rule.level is Level.COLLECTION:
        return Decision(invoice, rule, due, days, False)
    fee = _fee_allowed(invoice, customer, rule, on, days)
    if fee is None:
        return Skip.WAITING
    return Decision(invoice, rule, due, days, fee)
