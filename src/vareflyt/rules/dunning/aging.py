"""Aged receivables, DSO and credit-limit use for the receivables overview.

Buckets by days past the (effective) due date: not due, 1–30, 31–60, 61–90, over 90.
DSO = outstanding receivables / credit sales in the period × days in the period.
Credit notes are set against invoices first (``credits.apply_credits``); credit a customer
still has after that is shown as a negative amount in the bucket of the credit note's date,
so a customer's total is what the customer owes.

>>> from datetime import date
>>> from decimal import Decimal
>>> bucket_of(0), bucket_of(1), bucket_of(30), bucket_of(31), bucket_of(91)
('not_due', 'days_1_30', 'days_1_30', 'days_31_60', 'days_over_90')
>>> dso(Decimal("50000"), Decimal("365000"), 365)
Decimal('50.0')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ...domain.money import ZERO, quantize
from ...domain.receivables import Customer, OpenInvoice
from .calendar import effective_due_date
from .credits import apply_credits

__all__ = ["BUCKETS", "bucket_of", "AgingRow", "aged_receivables", "dso", "credit_use"]

BUCKETS = ("not_due", "days_1_30", "days_31_60", "days_61_90", "days_over_90")


def bucket_of(days_overdue: int) -> str:
    if days_overdue <= 0:
        return "not_due"
    if days_overdue <= 30:
        return "days_1_30"
    if days_overdue <= 60:
        return "days_31_60"
    if days_overdue <= 90:
        return "days_61_90"
    return "days_over_90"


@dataclass
class AgingRow:
    customer_no: str
    customer_name: str
    buckets: dict[str, Decimal] = field(default_factory=lambda: {b: ZERO for b in BUCKETS})
    credit_limit: Decimal | None = None

    @property
    def total(self) -> Decimal:
        return sum(self.buckets.values(), ZERO)

    @property
    def credit_use_pct(self) -> Decimal | None:
        return credit_use(self.total, self.credit_limit)

    def to_dict(self) -> dict[str, str | Decimal | None]:
        out: dict[str, str | Decimal | None] = {
            "customer_no": self.customer_no,
            "customer_name": self.customer_name,
        }
        out.update({b: self.buckets[b] for b in BUCKETS})
        out.update(total=self.total, credit_limit=self.credit_limit, credit_use_pct=self.credit_use_pct)
        return out


def aged_receivables(
    invoices: Iterable[OpenInvoice], customers: Mapping[str, Customer], on: date
) -> tuple[list[AgingRow], AgingRow]:
    """Per-customer rows (sorted by customer number) and the total row."""
    rows: dict[str, AgingRow] = {}
    total = AgingRow("", "Sum")
    for invoice in apply_credits(invoices):
        outstanding = invoice.outstanding
        if outstanding == 0:
            continue
        customer = customers.get(invoice.customer_no)
        row = rows.get(invoice.customer_no)
        if row is None:
            row = rows[invoice.customer_no] = AgingRow(
                invoice.customer_no,
                customer.name if customer else "",
                credit_limit=customer.credit_limit if customer else None,
            )
        key = bucket_of((on - effective_due_date(invoice.due_date)).days)
        row.buckets[key] += outstanding
        total.buckets[key] += outstanding
    return [rows[k] for k in sorted(rows)], total


def dso(receivables: Decimal, credit_sales: Decimal, period_days: int) -> Decimal | None:
    """Days sales outstanding, one decimal; None without sales in the period."""
    if credit_sales <= 0:
        return None
    return quantize(receivables / credit_sales * period_days, 1)


def sales_in_period(invoices: Iterable[OpenInvoice], on: date, period_days: int) -> Decimal:
    """Invoiced amount with invoice date in the ``period_days`` up to and including ``on``."""
    start = on - timedelta(days=period_days - 1)
    return sum((i.amount for i in invoices if start <= i.invoice_date <= on), ZERO)


def credit_use(outstanding: Decimal, limit: Decimal | None) -> Decimal | None:
    """Outstanding as percent of the credit limit (one decimal); None without a limit."""
    if not limit or limit <= 0:
        return None
    return quantize(outstanding / limit * 100, 1)
