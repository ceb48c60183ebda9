"""The named rows the receivables store takes and hands out (issue 18 item 2).

``store.receivables`` and ``store.receivables_ledger`` take and return these NamedTuples, never
loose dicts or positional tuples, so a caller reads ``payment.paid_on``, not ``payment[2]`` or
``payment["paid_on"]``. Each field has the type of its column: amounts are Decimal, days are
``date``, an unmatched payment's invoice number is None. The open items an export lists are a
domain value (``domain.receivables.ExportedItem``): the rules check them before they are stored.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

__all__ = [
    "SyncCounts",
    "NewPayment",
    "PaymentsAdded",
    "StoredPayment",
    "PaymentRead",
    "NewNotice",
    "RecordedNotice",
    "InvoiceFacts",
]


class SyncCounts(NamedTuple):
    """What ``sync_invoices`` did with a complete open-items export."""

    new: int  # invoices not seen before
    updated: int  # open ones whose amounts, dates or KID changed
    closed: int  # open ones missing from the export (paid)
    reopened: int  # closed ones that are back
    unchanged: int


class NewPayment(NamedTuple):
    """A payment read from the bank, to be recorded (``add_payments``)."""

    payment_key: str  # hash of the payment's identity: the same payment twice is one
    paid_on: date
    amount: Decimal
    kid: str
    invoice_no: str | None  # the invoice it was matched to; None: unmatched
    matched_by: str  # kid | invoice | none
    payer: str
    reference: str
    file_hash: str | None  # the archived file it came in


class PaymentsAdded(NamedTuple):
    """How many payments ``add_payments`` recorded, and how many it had seen before."""

    inserted: int
    duplicates: int


class StoredPayment(NamedTuple):
    """A recorded payment as it is stored (``unmatched_payments``)."""

    id: int
    payment_key: str
    paid_on: date
    amount: Decimal
    kid: str
    invoice_no: str | None
    matched_by: str
    payer: str
    reference: str
    file_hash: str | None
    imported_at: datetime


class PaymentRead(NamedTuple):
    """A recorded payment as the Innbetalinger sheet shows it (``payments_read``)."""

    id: int
    paid_on: date
    amount: Decimal
    kid: str
    invoice_no: str | None  # None: unmatched
    payer: str
    reference: str
    matched_by: str
    customer_no: str | None  # the customer of the matched invoice
    file: str | None  # the name of the file it came in; None when that file is not archived


class NewNotice(NamedTuple):
    """One invoice's part of a dunning notice sent, to be recorded (``record_events``)."""

    invoice_no: str
    customer_no: str
    level: str  # reminder | dunning | inkassovarsel | collection (``domain.receivables.Level``)
    sent_on: date
    deadline: date
    principal: Decimal
    interest: Decimal
    fee: Decimal  # the new fee this notice claims on this invoice
    compensation: Decimal
    letter: str  # the letter's path relative to the workspace ("" when none)


class RecordedNotice(NamedTuple):
    """A dunning event as stored (``events_on``, ``notices_sent``)."""

    id: int
    invoice_no: str
    customer_no: str
    level: str
    sent_on: date
    deadline: date
    principal: Decimal
    interest: Decimal
    fee: Decimal
    compensation: Decimal
    letter: str
    created_at: datetime


class InvoiceFacts(NamedTuple):
    """Who an invoice (open or closed) is to, and its due date as written on it."""

    customer_no: str
    due_date: date
