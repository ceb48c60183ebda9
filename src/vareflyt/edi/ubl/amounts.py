"""VAT, totals and payment terms of an EHF / PEPPOL BIS 3 document.

VAT rate: a missing ``Percent`` is never silently 0 %. EN 16931 / BIS 3 fix the rate only for
the zero categories: Z, E, AE, K and G "shall be 0" (BR-Z-05, BR-E-05, BR-AE-05, BR-IC-05,
BR-G-05) and O carries no rate at all (BR-O-05). For those a missing percent is certainly
0 %. For S (BR-S-05: greater than zero), L, M and any other code (UBL 2.0 files write e.g.
``A``) the rate is unknown, and the document is refused with the subtotal named.

Payment terms: the days are the due date minus the issue date whenever both exist. Only
without a due date are they taken from the terms text, and then only from a clause that is not
a cash-discount clause ("2 % discount if paid within 2 days", "2 % rabatt innen 10 dager"), or
from an explicit net term ("30 dager netto", "net 30").
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from vareflyt.domain.invoices import InvoiceTotals, PaymentTerms, VatBreakdown
from vareflyt.domain.money import format_kr

from .doc import NS, Doc

ZERO_RATE_CATEGORIES = frozenset({"Z", "E", "AE", "K", "G", "O"})

_NET = re.compile(
    r"(\d{1,3})\s*(?:dager|dagar|days|dg\.?)\s*(?:netto|net)\b|\b(?:netto|net)\s*(\d{1,3})\b", re.IGNORECASE
)
_DAYS = re.compile(r"(\d{1,3})\s*(?:dager|dagar|days|dg\b\.?)", re.IGNORECASE)
_DISCOUNT = re.compile(r"%|prosent|percent|rabatt|discount|skonto|rebate", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<!\d)[.;!?](?!\d)|\n")


def vat_rate(
    d: Doc, node, category_path: str, percent_path: str, what: str
) -> tuple[str | None, Decimal | None, bool]:
    """(category, rate, ok) for a tax category under ``node``; ``ok`` is False when the rate is
    missing and the category does not make 0 % certain (an error issue is added)."""
    category = d.text(node, category_path)
    rate = d.dec(node, percent_path, f"momssats ({what})")
    if rate is not None or category is None:
        return category, rate, True
    if category.upper() in ZERO_RATE_CATEGORIES:
        return category, Decimal("0"), True
    d.error(
        "ehf.vat_rate",
        f"{what}: momssats (Percent) mangler for momskategori {category}; 0 % kan bare antas "
        "for kategoriene Z, E, AE, K, G og O",
        percent_path.split("/")[-1],
        node,
    )
    return category, None, False


def tax_total(root, currency: str | None):
    """The TaxTotal in the document currency (BIS 3 may add one in the tax currency)."""
    totals = root.findall("cac:TaxTotal", NS)
    for total in totals:
        amount = total.find("cbc:TaxAmount", NS)
        if total.find("cac:TaxSubtotal", NS) is not None or (
            amount is not None and amount.get("currencyID") == currency
        ):
            return total
    return totals[0] if totals else None


def exchange_rate(d: Doc, root, currency: str | None) -> Decimal | None:
    """NOK per unit of the document currency. PEPPOL BIS 3 states no rate: when the tax currency
    (TaxCurrencyCode) is NOK it gives the VAT twice (BR-53), once in each currency, and the rate
    is their quotient (six decimals, as CUX in EDIFACT); otherwise the rate is unknown (None)."""
    tax_currency = (d.text(root, "cbc:TaxCurrencyCode") or "").upper()
    if not currency or currency.upper() == "NOK" or tax_currency != "NOK":
        return None
    in_document = in_nok = None
    for total in root.findall("cac:TaxTotal", NS):
        amount = total.find("cbc:TaxAmount", NS)
        if amount is None or not (amount.text or "").strip():
            continue
        unit = (amount.get("currencyID") or "").upper()
        try:
            value = Decimal(amount.text.strip())
        except ArithmeticError:
            continue
        if unit == "NOK":
            in_nok = value
        elif unit == currency.upper():
            in_document = value
    if not in_document or in_nok is None or not in_document.is_finite() or not in_nok.is_finite():
        return None
    return (in_nok / in_document).quantize(Decimal("0.000001"))


def vat_breakdown(d: Doc, total) -> list[VatBreakdown]:
    out = []
    for sub in total.findall("cac:TaxSubtotal", NS) if total is not None else []:
        taxable, tax = (
            d.dec(sub, "cbc:TaxableAmount", "momsgrunnlag"),
            d.dec(sub, "cbc:TaxAmount", "momsbeløp"),
        )
        if taxable is None or tax is None or d.text(sub, "cac:TaxCategory/cbc:ID") is None:
            d.error(
                "ehf.vat",
                "momsspesifikasjonen (TaxSubtotal) mangler grunnlag, beløp eller kategori",
                "TaxSubtotal",
                sub,
            )
            continue
        what = f"momsspesifikasjonen med grunnlag {format_kr(taxable)} og moms {format_kr(tax)}"
        category, rate, ok = vat_rate(d, sub, "cac:TaxCategory/cbc:ID", "cac:TaxCategory/cbc:Percent", what)
        if ok and rate is not None:
            out.append(
                VatBreakdown(
                    category=category,
                    rate=rate,
                    taxable_amount=taxable,
                    tax_amount=tax,
                    exemption_reason=d.text(sub, "cac:TaxCategory/cbc:TaxExemptionReason"),
                )
            )
    return out


def totals(d: Doc, root, total) -> InvoiceTotals:
    m = root.find("cac:LegalMonetaryTotal", NS)
    if m is None:
        d.error("ehf.totals_missing", "LegalMonetaryTotal (fakturaens summer) mangler", "LegalMonetaryTotal")
        return InvoiceTotals()
    fields = {
        "line_total": "LineExtensionAmount",
        "allowance_total": "AllowanceTotalAmount",
        "charge_total": "ChargeTotalAmount",
        "tax_exclusive": "TaxExclusiveAmount",
        "tax_inclusive": "TaxInclusiveAmount",
        "prepaid": "PrepaidAmount",
        "rounding": "PayableRoundingAmount",
        "payable": "PayableAmount",
    }
    values = {key: d.dec(m, f"cbc:{tag}", tag) for key, tag in fields.items()}
    if values["payable"] is None and d.text(m, "cbc:PayableAmount") is None:
        d.error("ehf.totals_missing", "beløp å betale (PayableAmount) mangler", "PayableAmount", m)
    vat_total = d.dec(total, "cbc:TaxAmount", "momsbeløp") if total is not None else None
    return InvoiceTotals(vat_total=vat_total, **values)


def days_in_text(note: str) -> int | None:
    """Net days named in a payment-terms text, never the period of a cash-discount clause.

    >>> days_in_text("30 dager netto"), days_in_text("2 % discount if paid within 2 days")
    (30, None)
    >>> days_in_text("Payment within 10 days, 2% discount"), days_in_text("2/10 net 30")
    (None, 30)
    >>> days_in_text("Betaling innen 14 dager. Ved forsinket betaling 10 % rente")
    14
    """
    net = _NET.search(note)
    if net:
        return int(net.group(1) or net.group(2))
    for sentence in _SENTENCE.split(note):
        if _DISCOUNT.search(sentence):
            continue
        found = _DAYS.search(sentence)
        if found:
            return int(found.group(1))
    return None


def payment_terms(d: Doc, note: str | None, issued: date | None, due: date | None) -> PaymentTerms | None:
    """Terms from the due date when the document has one, else from the text (see module doc)."""
    if issued is not None and due is not None:
        if due < issued:
            d.warning(
                "ehf.due_date",
                f"forfallsdatoen {due:%d.%m.%Y} er før fakturadatoen {issued:%d.%m.%Y}",
                "DueDate",
            )
            return PaymentTerms(days=None, text=note)
        return PaymentTerms(days=(due - issued).days, text=note)
    if note is None:
        return None
    return PaymentTerms(days=days_in_text(note), text=note)


__all__ = [
    "vat_rate",
    "tax_total",
    "vat_breakdown",
    "totals",
    "payment_terms",
    "days_in_text",
    "ZERO_RATE_CATEGORIES",
]
