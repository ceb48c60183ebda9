"""What the invoice checks a–w receive and return: a frozen ``ControlContext`` and ``Finding``s.

The job (``jobs.invoices``) builds one context per invoice from the store: the
invoice, the order(s) it refers to with their lines and order dates, quantities received per
order line and per packing slip, what other invoices already invoiced, the price row that
applied to each invoice line on the *order date* (campaign price included), the agreement
with the supplier and the settings (tolerances, blocking checks). The checks never look
anything up themselves; the as-of date is ``ctx.today``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

# The agreement terms live in the domain (config reads them without rules); re-exported here.
from ...domain.invoice_terms import CHECK_LETTERS as CHECK_LETTERS
from ...domain.invoice_terms import LINE_AMOUNT as LINE_AMOUNT
from ...domain.invoice_terms import PLAUSIBLE_NOK_RATES as PLAUSIBLE_NOK_RATES
from ...domain.invoice_terms import Agreement as Agreement
from ...domain.invoice_terms import ControlSettings as ControlSettings
from ...domain.invoice_terms import Tolerance as Tolerance
from ...domain.invoices import Invoice, InvoiceKind, InvoiceLine
from ...domain.money import format_kr

ZERO = Decimal(0)


@dataclass(frozen=True)
class Finding:
    """One failed check: ``check`` is its letter (DOMAIN.md §2.5), ``line`` the invoice line."""

    check: str
    message: str
    line: str | None = None
    expected: str | None = None
    actual: str | None = None
    difference: Decimal | None = None  # amount in NOK the deviation is worth, when known
    blocking: bool = True
    waits: bool = False  # may resolve by itself (goods or papers not arrived yet)

    def to_dict(self) -> dict[str, str | None]:
        return {
            "check": self.check,
            "line": self.line,
            "expected": self.expected,
            "actual": self.actual,
            "message": self.message,
        }


@dataclass(frozen=True)
class OrderLineInfo:
    line_no: int
    article_no: str | None
    gtin: str | None = None
    nobb: str | None = None
    unit: str | None = None
    ordered_qty: Decimal = ZERO
    expected_qty: Decimal = ZERO  # confirmed + backorder (ordered when no response)
    received_qty: Decimal = ZERO  # all deliveries, manual receipts win over packing slips
    net_price: Decimal | None = None  # price on the order (or announced by the response)
    added: bool = False  # added by the supplier in the order response
    rejected: bool = False
    closed: bool = False


@dataclass(frozen=True)
class OrderInfo:
    number: str
    supplier_gln: str
    order_date: date | None
    lines: Mapping[int, OrderLineInfo]
    buyer_gln: str | None = None
    delivery_gln: str | None = None
    agreement_ref: str | None = None  # RFF+CT the order carried
    pickup: bool = False  # TOD+4: we fetch the goods, no freight (check f)
    closed: bool = False
    price_list_ref: str | None = None  # RFF+PL the order carried
    replaced: tuple[str, ...] = ()  # numbers of earlier orders this one replaced (orders change)

    @property
    def received_any(self) -> bool:
        return any(ln.received_qty > 0 for ln in self.lines.values())


@dataclass(frozen=True)
class PriceRow:
    """The master-data price of an article on the order date."""

    net: Decimal | None
    vat_pct: Decimal | None = None
    gross: Decimal | None = None
    discount_pct: Decimal | None = None
    fees: Decimal | None = None
    basis: Decimal | None = None  # price per this many units
    unit: str | None = None
    campaign: bool = False
    version: int | None = None


@dataclass(frozen=True)
class ControlContext:
    invoice: Invoice
    our_gln: str
    today: date
    orders: Mapping[str, OrderInfo] = field(default_factory=dict)
    prices: Mapping[str, PriceRow | None] = field(default_factory=dict)  # invoice line no -> row
    has_price_list: bool = True  # a version valid on the order date
    received_by_despatch: Mapping[tuple[str, str, int], Decimal] = field(default_factory=dict)
    known_despatches: frozenset[str] = frozenset()
    invoiced_elsewhere: Mapping[tuple[str, int], Decimal] = field(default_factory=dict)
    duplicate_of: str | None = None  # earlier invoice this one repeats
    credited_known: bool = True  # credit notes: the credited invoice is stored
    agreement: Agreement = Agreement()
    settings: ControlSettings = ControlSettings()
    received_on: date | None = None  # when the invoice arrived (for waiting)
    price_list_refs: frozenset[str] = frozenset()  # refs of the supplier's approved, not withdrawn lists
    party_labels: Mapping[str, str] = field(
        default_factory=dict
    )  # GLN -> "Name (GLN)", the supplier directory's

    def party(self, gln: str | None) -> str:
        """A party for a person: its name with the GLN beside it, the bare GLN when unnamed."""
        return self.party_labels.get(gln or "", gln or "mangler")

    @property
    def is_credit(self) -> bool:
        return self.invoice.kind is InvoiceKind.CREDIT_NOTE

    @cached_property
    def vat(self) -> dict[tuple[str, Decimal], tuple[Decimal, Decimal]]:
        """(category, rate) -> (taxable, VAT) computed from the invoice (``arithmetic.vat_buckets``)."""
        from .arithmetic import vat_buckets

        return vat_buckets(self.invoice)

    @cached_property
    def resolved(self) -> tuple[tuple[InvoiceLine, str | None, OrderInfo | None, OrderLineInfo | None], ...]:
        """Each invoice line with its order number, order and order line (None when unknown)."""
        out = []
        for line in self.invoice.lines:
            number = line_order_no(self.invoice, line)
            order = self.orders.get(number or "")
            no = as_int(line.order_line)
            out.append((line, number, order, None if order is None or no is None else order.lines.get(no)))
        return tuple(out)


def line_order_no(invoice: Invoice, line: InvoiceLine) -> str | None:
    """The order a line belongs to: its own reference, else the invoice's only order."""
    if line.order_no:
        return line.order_no
    return invoice.order_refs[0] if len(invoice.order_refs) == 1 else None


def as_int(value: str | int | None) -> int | None:
    if value is None:
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def show(value: object) -> str | None:
    """Decimal/int/date -> plain text for expected/actual (no exponent, no trailing zeros in prices)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".") if len(text.split(".")[1]) > 2 else text
        return text
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def nb(value: object) -> str:
    """A number for a message, as Norwegians write it: the digits ``show`` keeps, grouped, with a
    decimal comma.

    >>> nb(Decimal("20000")), nb(Decimal("0.3500")), nb(Decimal("-0.04"))
    ('20 000', '0,35', '-0,04')
    """
    text = show(value)
    if text is None:
        return ""
    return format(Decimal(text), ",f").replace(",", " ").replace(".", ",")


def kr(value: Decimal | None) -> str:
    """An amount for a message.

    >>> kr(Decimal("1277"))
    '1 277,00 kr'
    """
    return f"{format_kr(value)} kr"
