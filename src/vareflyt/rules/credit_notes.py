"""A credit note whose system writes the credited amounts with a minus sign, read as the domain
states a credit note: positive amounts, the kind (BGM 381, UBL CreditNote) telling it credits.

``Invoice`` holds positive totals and lets ``kind`` tell an invoice from a credit note
(DOMAIN.md §1.5). Many accounting systems keep a credit note's amounts negative and write them
so (``MOA+9:-1378.00`` under ``BGM+381``); taken as written, invoice control would find every
line's amount off by its sign and the rounding on the wrong side. ``as_credited`` turns such a
document round: every amount changes sign, prices become positive unit prices and each line's
quantity takes the sign of its amount, so quantity × price still gives the line amount. A credit
note whose total is positive (or not stated) is left as it is, and so is any invoice: a negative
invoice (a PEPPOL correction by a negative 380) means what it says.
"""

from __future__ import annotations

from dataclasses import fields, replace
from decimal import Decimal

from vareflyt.domain.invoices import (
    AllowanceCharge,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceTotals,
    VatBreakdown,
)

ZERO = Decimal(0)


def stated_total(inv: Invoice) -> Decimal | None:
    """The document's total as it states it: amount due, else with VAT, else without, else the lines."""
    t = inv.totals
    return next(
        (v for v in (t.payable, t.tax_inclusive, t.tax_exclusive, t.line_total) if v is not None), None
    )


def written_negative(inv: Invoice) -> bool:
    """A credit note that states its total below zero (its system writes credits with a minus)."""
    total = stated_total(inv)
    return inv.kind is InvoiceKind.CREDIT_NOTE and total is not None and total < ZERO


def _neg(value: Decimal | None) -> Decimal | None:
    return None if value is None else -value


def _abs(value: Decimal | None) -> Decimal | None:
    return None if value is None else abs(value)


def _charge(ac: AllowanceCharge) -> AllowanceCharge:
    return replace(ac, amount=-ac.amount, base_amount=_neg(ac.base_amount))


def _line(line: InvoiceLine) -> InvoiceLine:
    amount = -line.line_amount
    quantity = line.quantity
    if amount != ZERO and quantity != ZERO and (amount < ZERO) != (quantity < ZERO):
        quantity = -quantity
    return replace(
        line,
        line_amount=amount,
        quantity=quantity,
        net_price=_abs(line.net_price),
        gross_price=_abs(line.gross_price),
        allowances_charges=tuple(_charge(ac) for ac in line.allowances_charges),
    )


def _vat(v: VatBreakdown) -> VatBreakdown:
    return replace(v, taxable_amount=-v.taxable_amount, tax_amount=-v.tax_amount)


def _totals(t: InvoiceTotals) -> InvoiceTotals:
    return InvoiceTotals(**{f.name: _neg(getattr(t, f.name)) for f in fields(InvoiceTotals)})


def as_credited(inv: Invoice) -> Invoice:
    """The credit note with positive amounts when it was written negative (see the module);
    anything else unchanged."""
    if not written_negative(inv):
        return inv
    return replace(
        inv,
        lines=tuple(_line(line) for line in inv.lines),
        allowances_charges=tuple(_charge(ac) for ac in inv.allowances_charges),
        vat_breakdown=tuple(_vat(v) for v in inv.vat_breakdown),
        totals=_totals(inv.totals),
    )


__all__ = ["as_credited", "written_negative", "stated_total"]
