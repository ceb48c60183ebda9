"""From decisions to notices: one letter per customer and level, with each invoice's
principal, interest, fee and compensation computed for the sending date.

``plan_notices`` is the whole decision of a dunning run, pure: open invoices, customers,
policy, rate table and the date in; notices and per-reason skip counts out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Mapping

from ...domain.money import ZERO, to_ore
from ...domain.receivables import Customer, InvoiceCharge, Notice, OpenInvoice
from .calendar import deadline_from
from .fees import compensation, reminder_fee
from .interest import late_interest
from .levels import Decision, Skip, next_level
from .policy import Policy
from .rates import RateTable, half_year_start

__all__ = ["Plan", "plan_notices", "charge_for"]


@dataclass
class Plan:
    notices: list[Notice] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    unconfirmed: list[str] = field(default_factory=list)     # unconfirmed rates relied on


def _dated_payments(invoice: OpenInvoice) -> list[tuple[date, object]]:
    payments = [(p.paid_on, p.amount) for p in invoice.payments]
    if invoice.paid_unknown_date:
        payments.append((invoice.invoice_date, invoice.paid_unknown_date))   # date unknown: debtor's favour
    return payments


def charge_for(decision: Decision, customer: Customer, on: date, table: RateTable, new_fee=ZERO) -> InvoiceCharge:
    """One invoice's figures for a notice sent ``on``."""
    invoice, rule = decision.invoice, decision.rule
    interest = late_interest(invoice.amount, decision.due, on, _dated_payments(invoice), table) if rule.interest else None
    earlier = invoice.fees_claimed
    comp = ZERO
    if rule.compensation and customer.kind.is_business and not customer.no_fees:
        comp = compensation(True, decision.due, earlier + new_fee, table)
    return InvoiceCharge(
        invoice_no=invoice.invoice_no, due_date=decision.due, days_overdue=decision.days_overdue,
        principal=to_ore(invoice.outstanding),
        interest=interest.amount if interest else to_ore(ZERO),
        interest_rate=table.interest_rate(on) if interest else ZERO,
        interest_from=interest.from_date if interest else None,
        fee=to_ore(new_fee), earlier_fees=to_ore(earlier), compensation=comp, kid=invoice.kid,
        rate_periods=_rate_periods(interest.segments) if interest else (),
    )


def _rate_periods(segments) -> tuple:
    periods: list[tuple] = []
    for segment in segments:
        if not periods or periods[-1][1] != segment.rate:
            periods.append((segment.first, segment.rate))
    return tuple(periods)


def plan_notices(invoices: Iterable[OpenInvoice], customers: Mapping[str, Customer], policy: Policy,
                 on: date, table: RateTable) -> Plan:
    plan = Plan()
    groups: dict[tuple[str, str], list[Decision]] = defaultdict(list)
    for invoice in invoices:
        customer = customers.get(invoice.customer_no) or Customer(invoice.customer_no, invoice.customer_no)
        outcome = next_level(invoice, customer, policy, on)
        if isinstance(outcome, Skip):
            plan.skipped[outcome.value] += 1
        else:
            groups[(invoice.customer_no, outcome.rule.level.value)].append(outcome)
    if groups:
        plan.unconfirmed = table.unconfirmed_used([on])
    for (customer_no, _level), decisions in sorted(groups.items(), key=lambda kv: (kv[0][0], decisions_rank(kv[1]))):
        customer = customers.get(customer_no) or Customer(customer_no, customer_no)
        decisions.sort(key=lambda d: (d.due, d.invoice.invoice_no))
        rule = decisions[0].rule
        fee_takers = [d for d in decisions if d.fee_allowed]
        fee = reminder_fee(on, [d.due for d in fee_takers], table) if fee_takers else ZERO
        fee_invoice = fee_takers[0].invoice.invoice_no if fee_takers else None
        lines = tuple(charge_for(d, customer, on, table, fee if d.invoice.invoice_no == fee_invoice else ZERO)
                      for d in decisions)
        plan.notices.append(Notice(customer=customer, level=rule.level, sent_on=on,
                                   deadline=deadline_from(on, rule.deadline_days), lines=lines))
    froms = [c.interest_from for n in plan.notices for c in n.lines if c.interest_from]
    if froms:
        plan.unconfirmed = sorted(set(plan.unconfirmed) | set(table.unconfirmed_used(_half_year_days(min(froms), on))))
    return plan


def _half_year_days(first: date, last: date) -> list[date]:
    """One day in every half-year from ``first`` to ``last`` (for the unconfirmed-rate check)."""
    days, day = [], half_year_start(first)
    while day <= last:
        days.append(max(day, first))
        day = date(day.year, 7, 1) if day.month == 1 else date(day.year + 1, 1, 1)
    return days


def decisions_rank(decisions: list[Decision]) -> int:
    return decisions[0].rule.level.rank
