"""Supplier invoices and credit notes (INVOIC, EHF/PEPPOL BIS 3) as frozen domain values.

Both EDIFACT INVOIC and EHF map into the same ``Invoice`` so the invoice control (checks
a–w, DOMAIN.md §2.5) treats them alike. Totals are positive; ``kind`` tells invoice from
credit note. Amounts, prices, quantities and rates are Decimal (rates in percent).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from .documents_json import from_jsonable, to_json_object
from .orders import PartyRef


class InvoiceKind(str, Enum):
    INVOICE = "invoice"  # BGM 380, UBL InvoiceTypeCode 380
    CREDIT_NOTE = "credit_note"  # BGM 381, UBL CreditNote
    DEBIT_NOTE = "debit_note"  # BGM 383


@dataclass(frozen=True)
class AllowanceCharge:
    """A discount (allowance) or fee (charge), on the header or on a line."""

    is_charge: bool
    amount: Decimal
    reason_code: str | None = None  # UNCL 7161 (charges, e.g. FC freight) / 5189 (allowances)
    reason: str | None = None
    percent: Decimal | None = None
    base_amount: Decimal | None = None
    vat_category: str | None = None  # header only: S, Z, E, AE, ...
    vat_rate: Decimal | None = None


@dataclass(frozen=True)
class VatBreakdown:
    category: str  # S standard, Z zero, E exempt, AE reverse charge
    rate: Decimal
    taxable_amount: Decimal
    tax_amount: Decimal
    # free text EHF carries and NeB INVOIC does not: not compared, so both formats stay equal
    exemption_reason: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class PaymentTerms:
    days: int | None = None  # net days from the invoice date (PAT+1++5:3:D:<n>)
    text: str | None = None  # free text (FTX+AAB, UBL PaymentTerms/Note)


@dataclass(frozen=True)
class InvoiceLine:
    line_no: str
    quantity: Decimal
    line_amount: Decimal  # net: quantity × price / base − allowances + charges
    unit: str | None = None
    order_no: str | None = None
    order_line: str | None = None
    despatch_ref: str | None = None
    seller_article_no: str | None = None
    gtin: str | None = None
    nobb: str | None = None
    name: str | None = None
    net_price: Decimal | None = None
    gross_price: Decimal | None = None
    price_base_qty: Decimal | None = None
    allowances_charges: tuple[AllowanceCharge, ...] = ()
    vat_category: str | None = None
    vat_rate: Decimal | None = None


@dataclass(frozen=True)
class InvoiceTotals:
    line_total: Decimal | None = None  # MOA+79  / LineExtensionAmount
    allowance_total: Decimal | None = None  # MOA+260 / AllowanceTotalAmount
    charge_total: Decimal | None = None  # MOA+259 / ChargeTotalAmount
    tax_exclusive: Decimal | None = None  # MOA+125 / TaxExclusiveAmount
    vat_total: Decimal | None = None  # MOA+176 / TaxTotal/TaxAmount
    tax_inclusive: Decimal | None = None  # MOA+77  / TaxInclusiveAmount
    prepaid: Decimal | None = None  # MOA+113 / PrepaidAmount
    rounding: Decimal | None = None  # MOA+165 / PayableRoundingAmount
    payable: Decimal | None = None  # MOA+9   / PayableAmount


@dataclass(frozen=True)
class Invoice:
    kind: InvoiceKind
    number: str
    issue_date: date | None
    supplier: PartyRef
    buyer: PartyRef
    lines: tuple[InvoiceLine, ...] = ()
    due_date: date | None = None
    delivery_date: date | None = None
    currency: str | None = None
    exchange_rate: Decimal | None = None  # to NOK, when currency is not NOK
    invoicee: PartyRef | None = None
    delivery_party: PartyRef | None = None
    order_refs: tuple[str, ...] = ()
    despatch_refs: tuple[str, ...] = ()
    contract_ref: str | None = None
    price_list_ref: str | None = None
    payment_terms: PaymentTerms | None = None
    bank_account: str | None = None  # 11-digit account or IBAN
    payment_ref: str | None = None  # KID
    credited_invoice: str | None = None  # credit notes: the invoice being credited
    allowances_charges: tuple[AllowanceCharge, ...] = ()
    vat_breakdown: tuple[VatBreakdown, ...] = ()
    totals: InvoiceTotals = InvoiceTotals()
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form (Decimals as strings, dates ISO); see ``documents_json``."""
        return to_json_object(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Invoice:
        return from_jsonable(cls, data)
