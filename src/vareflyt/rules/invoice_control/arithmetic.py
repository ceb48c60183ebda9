"""Invoice arithmetic with Decimal and the rounding rules, shared by checks p–w and by anyone
who builds an invoice (the demo supplier, tests, the benchmark).

* net line amount = quantity × net price / price basis, rounded to øre (half up), minus line
  allowances plus line charges (PEPPOL BIS 3 BR-24/BR-CO-10; NeB MOA+203);
* VAT per rate: taxable amount = line amounts at that rate − header allowances + header
  charges at that rate; VAT = taxable × rate / 100 rounded to øre (BR-CO-17);
* invoice total (tax inclusive) = line total − allowances + charges + VAT; the amount to pay
  may be rounded to whole kroner (øreavrunding, MOA+165 / PayableRoundingAmount).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from ...domain.invoices import AllowanceCharge, Invoice, InvoiceLine, InvoiceTotals, VatBreakdown
from ...domain.money import ORE, to_ore

ZERO = Decimal(0)
ONE = Decimal(1)


def line_amount(line: InvoiceLine) -> Decimal | None:
    """The net amount the line should have, or None when the line gives no price."""
    if line.net_price is None:
        return None
    base = line.price_base_qty
    gross = line.quantity * line.net_price
    amount = to_ore(gross if not base or base == ONE else gross / base)
    for ac in line.allowances_charges:
        amount = amount + ac.amount if ac.is_charge else amount - ac.amount
    return amount


def rate_key(category: str | None, rate: Decimal | None) -> tuple[str, Decimal]:
    """A VAT bucket: category (S when missing) and rate (Decimal: 25 and 25.00 are one key)."""
    return (category or "S"), ZERO if rate is None else rate


def vat_buckets(invoice: Invoice) -> dict[tuple[str, Decimal], tuple[Decimal, Decimal]]:
    """(category, rate) -> (taxable amount, VAT) computed from the lines and header charges."""
    taxable: dict[tuple[str, Decimal], Decimal] = {}
    for line in invoice.lines:
        key = rate_key(line.vat_category, line.vat_rate)
        taxable[key] = taxable.get(key, ZERO) + line.line_amount
    for ac in invoice.allowances_charges:
        key = rate_key(ac.vat_category, ac.vat_rate)
        taxable[key] = taxable.get(key, ZERO) + (ac.amount if ac.is_charge else -ac.amount)
    return {key: (base, to_ore(base * key[1] / 100)) for key, base in taxable.items()}


def header_sums(acs: Iterable[AllowanceCharge]) -> tuple[Decimal, Decimal]:
    """(sum of header allowances, sum of header charges)."""
    allowances = charges = ZERO
    for ac in acs:
        if ac.is_charge:
            charges += ac.amount
        else:
            allowances += ac.amount
    return allowances, charges


def nearest_krone(amount: Decimal) -> Decimal:
    return amount.quantize(ONE, rounding=ROUND_HALF_UP).quantize(ORE)


def rounding_ok(tax_inclusive: Decimal, rounding: Decimal, credit: bool, mode: str = "krone") -> bool:
    """Øreavrunding: none at all, the nearest whole krone, or a whole krone in the buyer's favour
    (down on an invoice, up on a credit note) — never a krone or more."""
    if rounding == 0:
        return True
    if mode == "none" or abs(rounding) >= 1:
        return False
    payable = tax_inclusive + rounding
    if payable != payable.to_integral_value():
        return False
    return rounding == nearest_krone(tax_inclusive) - tax_inclusive or (rounding > 0) == credit


def complete(invoice: Invoice, *, round_krone: bool = True, line_amounts: bool = True) -> Invoice:
    """The invoice with line amounts (unless ``line_amounts`` is False), VAT breakdown and totals
    computed from quantities and prices (lines without a price keep their amount). For the demo
    supplier, tests and the benchmark."""
    lines = tuple(
        replace(ln, line_amount=amount) if line_amounts and (amount := line_amount(ln)) is not None else ln
        for ln in invoice.lines
    )
    invoice = replace(invoice, lines=lines)
    buckets = vat_buckets(invoice)
    line_total = sum((ln.line_amount for ln in lines), ZERO)
    allowances, charges = header_sums(invoice.allowances_charges)
    tax_exclusive = line_total - allowances + charges
    vat = sum((v for _, v in buckets.values()), ZERO)
    inclusive = tax_exclusive + vat
    rounding = nearest_krone(inclusive) - inclusive if round_krone else ZERO
    breakdown = tuple(
        VatBreakdown(cat, rate, base, tax) for (cat, rate), (base, tax) in sorted(buckets.items())
    )
    totals = InvoiceTotals(
        line_total=line_total,
        allowance_total=allowances or None,
        charge_total=charges or None,
        tax_exclusive=tax_exclusive,
        vat_total=vat,
        tax_inclusive=inclusive,
        rounding=rounding if rounding else None,
        payable=inclusive + rounding,
    )
    return replace(invoice, vat_breakdown=breakdown, totals=totals)
