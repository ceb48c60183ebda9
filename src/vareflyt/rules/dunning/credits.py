"""Credit notes reduce what a customer owes, before anything is aged or dunned.

An open item with a negative amount is a credit note (or an unapplied payment, a prepayment).
A credit note that names an invoice of the same customer (``credit_for``) is set against that
invoice, up to what the invoice still has outstanding; what is left of it, and every credit
note that names no open invoice, is set against the customer's other invoices, the oldest due
first. Credit left after that stays on the credit note: the customer is in credit. The credit
set against an invoice is taken out of its principal from the start, so no interest or fee
is ever computed on money the customer does not owe.

>>> from datetime import date
>>> from decimal import Decimal as D
>>> from ...domain.receivables import OpenInvoice
>>> items = [OpenInvoice("1", "K", date(2026, 1, 1), date(2026, 1, 15), D("10000")),
...          OpenInvoice("2", "K", date(2026, 2, 1), date(2026, 2, 15), D("500")),
...          OpenInvoice("KN1", "K", date(2026, 1, 20), date(2026, 1, 20), D("-2000"), credit_for="1"),
...          OpenInvoice("KN2", "K", date(2026, 2, 3), date(2026, 2, 3), D("-700"))]
>>> [(i.invoice_no, i.outstanding, i.credit_notes)
...  for i in apply_credits(items)]  # doctest: +NORMALIZE_WHITESPACE
[('1', Decimal('7300'), ('KN1', 'KN2')), ('2', Decimal('500'), ()),
 ('KN1', Decimal('0'), ()), ('KN2', Decimal('0'), ())]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from ...domain.money import ZERO
from ...domain.receivables import OpenInvoice
from .calendar import effective_due_date

__all__ = ["apply_credits", "customer_balances"]


def _set_against(
    invoice: OpenInvoice, credit: OpenInvoice, available: Decimal
) -> tuple[OpenInvoice, Decimal]:
    """Set up to ``available`` of ``credit`` against ``invoice``; returns it and the amount used."""
    used = min(available, max(invoice.outstanding, ZERO))
    if used <= 0:
        return invoice, ZERO
    return replace(
        invoice, credited=invoice.credited + used, credit_notes=invoice.credit_notes + (credit.invoice_no,)
    ), used


def apply_credits(items: Iterable[OpenInvoice]) -> list[OpenInvoice]:
    """The items (same order) with credit set against invoices: ``credited`` grows on invoices,
    and a credit note's used part is in its own ``credited`` (negative), so its
    ``outstanding`` is the credit still left (zero or negative)."""
    items = list(items)
    by_no = {i.invoice_no: index for index, i in enumerate(items)}
    credits = [index for index, i in enumerate(items) if i.is_credit and i.outstanding < 0]
    if not credits:
        return items
    out = list(items)
    left: dict[int, Decimal] = {index: -items[index].outstanding for index in credits}
    # 1. credit notes that name an open invoice of the same customer
    for index in credits:
        credit = items[index]
        target = by_no.get(credit.credit_for) if credit.credit_for else None
        if target is None or out[target].is_credit or out[target].customer_no != credit.customer_no:
            continue
        out[target], used = _set_against(out[target], credit, left[index])
        left[index] -= used
    # 2. what is left: the customer's invoices, the oldest due first
    invoices_of: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(out):
        if not item.is_credit:
            invoices_of[item.customer_no].append(index)
    for index in sorted(credits, key=lambda k: (items[k].invoice_date, items[k].invoice_no)):
        credit = items[index]
        queue = sorted(
            invoices_of.get(credit.customer_no, ()),
            key=lambda k: (effective_due_date(out[k].due_date), out[k].invoice_no),
        )
        for target in queue:
            if left[index] <= 0:
                break
            out[target], used = _set_against(out[target], credit, left[index])
            left[index] -= used
    for index in credits:
        used = -items[index].outstanding - left[index]
        out[index] = replace(items[index], credited=items[index].credited - used)
    return out


def customer_balances(items: Iterable[OpenInvoice]) -> dict[str, Decimal]:
    """What each customer owes in all (negative: the customer is in credit)."""
    balances: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for item in items:
        balances[item.customer_no] += item.amount - item.paid
    return dict(balances)
