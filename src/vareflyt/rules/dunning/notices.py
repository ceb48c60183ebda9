"""From decisions to notices: one letter per customer and level, with each invoice's
principal, interest, fee and compensation computed for the sending date.

``plan_notices`` is the whole decision of a dunning run, pure: open items, customers, policy,
rate table and the date in; notices, per-reason skip counts, and what a person must know out.
Credit notes are set against invoices first (``credits``); each invoice is settled against its
payments (``allocation``), so the principal, the unpaid fees and the interest are what the
customer really owes. A rate the table does not have is never guessed: interest is claimed
through the last day with a known rate, a fee-bearing notice waits for a missing inkassosats,
standardkompensasjon is left out for a half-year without a row — and ``Plan.missing`` names
each gap once, so the run can say how to fill it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ...domain.money import ZERO, to_ore
from ...domain.receivables import Customer, InvoiceCharge, Level, Notice, OpenInvoice
from .allocation import Settlement, fees_claimed, settle
from .calendar import deadline_from, effective_due_date
from .credits import apply_credits
from .fees import payment_demand_fee, reminder_fee
from .interest import Segment
from .levels import Decision, Skip, next_level
from .policy import Policy
from .rates import RateTable, half_year_start

__all__ = ["Plan", "OpenAfterPayment", "plan_notices", "charge_for"]


@dataclass(frozen=True)
class OpenAfterPayment:
    """An invoice whose payments left costs or interest open (or, costs first, some principal)."""

    invoice_no: str
    customer_no: str
    principal: Decimal
    fees: Decimal  # reminder fees and compensation still open
    interest: Decimal  # interest claimed and still open
    to_costs: Decimal  # what payments covered of costs and interest
    to_interest: Decimal


@dataclass
class Plan:
    notices: list[Notice] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    unconfirmed: list[str] = field(default_factory=list)  # unconfirmed rates relied on
    missing: set[tuple[str, date]] = field(
        default_factory=set
    )  # ("interest" | "compensation" | "inkassosats", start)
    open_after_payment: list[OpenAfterPayment] = field(default_factory=list)


def charge_for(
    decision: Decision,
    settlement: Settlement,
    customer: Customer,
    on: date,
    table: RateTable,
    new_fee: Decimal = ZERO,
    missing: set[tuple[str, date]] | None = None,
) -> InvoiceCharge:
    """One invoice's figures for a notice sent ``on``."""
    invoice, rule = decision.invoice, decision.rule
    missing = set() if missing is None else missing
    interest = rule.interest and settlement.interest_from is not None
    if interest and settlement.missing_from:
        missing.add(("interest", settlement.missing_from))
    comp = ZERO
    if rule.compensation and customer.kind.is_business and not customer.no_fees:
        claimable = table.known_compensation(decision.due + timedelta(days=1))
        if claimable is None:
            missing.add(("compensation", half_year_start(decision.due + timedelta(days=1))))
            comp = settlement.compensation
        else:
            fees_total = fees_claimed(invoice.history, on) + new_fee
            comp = max(claimable - fees_total - settlement.to_compensation, ZERO)
    return InvoiceCharge(
        invoice_no=invoice.invoice_no,
        due_date=decision.due,
        days_overdue=decision.days_overdue,
        principal=to_ore(max(settlement.principal, ZERO)),
        interest=to_ore(settlement.interest) if interest else to_ore(ZERO),
        interest_rate=(settlement.rate or ZERO) if interest else ZERO,
        interest_from=settlement.interest_from if interest else None,
        fee=to_ore(new_fee),
        earlier_fees=to_ore(settlement.fees),
        compensation=to_ore(comp),
        kid=invoice.kid,
        rate_periods=_rate_periods(settlement.segments) if interest else (),
        interest_through=settlement.through if interest else None,
        credited=to_ore(invoice.credited),
        credit_notes=invoice.credit_notes,
        paid=to_ore(invoice.paid),
        amount=to_ore(invoice.amount),
    )


def _rate_periods(segments: Iterable[Segment]) -> tuple[tuple[date, Decimal], ...]:
    periods: list[tuple[date, Decimal]] = []
    for segment in segments:
        if not periods or periods[-1][1] != segment.rate:
            periods.append((segment.first, segment.rate))
    return tuple(periods)


def _settlement(invoice: OpenInvoice, on: date, table: RateTable, policy: Policy) -> Settlement | None:
    due = effective_due_date(invoice.due_date)
    if invoice.is_credit or on <= due or (invoice.outstanding <= 0 and not invoice.history):
        return None
    return settle(invoice, due, on, table, policy.payment_allocation)


def _note_open(plan: Plan, invoice: OpenInvoice, s: Settlement) -> None:
    interest = to_ore(s.interest) if s.interest_claimed else ZERO
    left_open = s.principal <= 0 and (s.costs > 0 or interest > 0)
    covered_first = s.principal > 0 and (s.to_costs > 0 or s.to_interest > 0)
    if left_open or covered_first:
        plan.open_after_payment.append(
            OpenAfterPayment(
                invoice.invoice_no,
                invoice.customer_no,
                to_ore(max(s.principal, ZERO)),
                to_ore(s.costs),
                interest,
                to_ore(s.to_costs),
                to_ore(s.to_interest),
            )
        )


def plan_notices(
    invoices: Iterable[OpenInvoice],
    customers: Mapping[str, Customer],
    policy: Policy,
    on: date,
    table: RateTable,
) -> Plan:
    plan = Plan()
    items = apply_credits(invoices)  # a customer in credit has every invoice covered: no letter
    groups: dict[tuple[str, str], list[tuple[Decision, Settlement]]] = defaultdict(list)
    for invoice in items:
        if invoice.is_credit:
            plan.skipped["credit_note"] += 1
            continue
        customer = customers.get(invoice.customer_no) or Customer(invoice.customer_no, invoice.customer_no)
        settlement = _settlement(invoice, on, table, policy)
        if settlement is not None:
            _note_open(plan, invoice, settlement)
        owed = settlement.principal if settlement is not None else invoice.outstanding
        outcome = next_level(invoice, customer, policy, on, owed)
        if isinstance(outcome, Skip):
            plan.skipped[outcome.value] += 1
        else:
            # next_level decides only on an overdue invoice with principal owed: it has a settlement
            assert settlement is not None, invoice.invoice_no
            groups[(invoice.customer_no, outcome.rule.level.value)].append((outcome, settlement))
    if groups:
        plan.unconfirmed = table.unconfirmed_used([on])
    for (customer_no, _level), pairs in sorted(
        groups.items(), key=lambda kv: (kv[0][0], kv[1][0][0].rule.level.rank)
    ):
        notice = _notice(
            customers.get(customer_no) or Customer(customer_no, customer_no), pairs, on, table, plan
        )
        if notice is not None:
            plan.notices.append(notice)
    froms = [c.interest_from for n in plan.notices for c in n.lines if c.interest_from]
    if froms:
        plan.unconfirmed = sorted(
            set(plan.unconfirmed) | set(table.unconfirmed_used(_half_year_days(min(froms), on)))
        )
    return plan


def _notice(
    customer: Customer, pairs: list[tuple[Decision, Settlement]], on: date, table: RateTable, plan: Plan
) -> Notice | None:
    pairs.sort(key=lambda pair: (pair[0].due, pair[0].invoice.invoice_no))
    rule = pairs[0][0].rule
    fee_takers = [d for d, _ in pairs if d.fee_allowed]
    fee = ZERO
    if fee_takers:
        if table.known_inkassosats(on) is None:  # the fee is unknown: the notice waits, nothing guessed
            plan.missing.add(("inkassosats", date(on.year, 1, 1)))
            plan.skipped["rate_missing"] += len(pairs)
            return None
        fee = (
            payment_demand_fee(on, table)
            if rule.level is Level.BETALINGSOPPFORDRING
            else reminder_fee(on, [d.due for d in fee_takers], table)
        )
    fee_invoice = fee_takers[0].invoice.invoice_no if fee_takers else None
    lines = tuple(
        charge_for(
            d, s, customer, on, table, fee if d.invoice.invoice_no == fee_invoice else ZERO, plan.missing
        )
        for d, s in pairs
    )
    return Notice(
        customer=customer,
        level=rule.level,
        sent_on=on,
        deadline=deadline_from(on, rule.deadline_days),
        lines=lines,
    )


def _half_year_days(first: date, last: date) -> list[date]:
    """One day in every half-year from ``first`` to ``last`` (for the unconfirmed-rate check)."""
    days, day = [], half_year_start(first)
    while day <= last:
        days.append(max(day, first))
        day = date(day.year, 7, 1) if day.month == 1 else date(day.year + 1, 1, 1)
    return days
