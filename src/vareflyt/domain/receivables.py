"""Customer receivables as frozen domain values: customers, their open invoices, payments,
the dunning notices already sent, and the reminders a dunning run decides to send.

Amounts are Decimal kroner. ``Level`` is ordered (reminder < dunning < inkassovarsel <
betalingsoppfordring < collection); its value is the word used in ``dunning run --json``,
``label_nb`` the heading of the letter and ``file_word`` the Norwegian word in file names.
A credit note is an open item with a negative amount; ``credit_for`` names the invoice it
credits, if any. ``credited`` on an invoice is the credit set against it (named or not).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import NamedTuple

from .money import ZERO


class CustomerKind(str, Enum):
    B2B = "b2b"  # business: standardkompensasjon applies
    B2C = "b2c"  # consumer: consumer protections, no compensation
    PUBLIC = "public"  # public body: like business for compensation

    @property
    def is_business(self) -> bool:
        return self is not CustomerKind.B2C

    @classmethod
    def parse(cls, value: str | None) -> CustomerKind | None:
        """Read the customer type as written in exports: B2B, B2C, public/offentlig, ..."""
        text = (value or "").strip().lower().replace(" ", "")
        aliases = {
            "b2b": cls.B2B,
            "bedrift": cls.B2B,
            "business": cls.B2B,
            "næring": cls.B2B,
            "b2c": cls.B2C,
            "privat": cls.B2C,
            "forbruker": cls.B2C,
            "consumer": cls.B2C,
            "public": cls.PUBLIC,
            "offentlig": cls.PUBLIC,
            "b2g": cls.PUBLIC,
            "kommune": cls.PUBLIC,
        }
        return aliases.get(text)


class Level(str, Enum):
    REMINDER = "reminder"  # betalingspåminnelse uten gebyr
    DUNNING = "dunning"  # purring med purregebyr
    INKASSOVARSEL = "inkassovarsel"  # inkassoloven § 9
    BETALINGSOPPFORDRING = "betalingsoppfordring"  # inkassoloven § 10, sent by the shop itself
    COLLECTION = "collection"  # overført til inkasso

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label_nb(self) -> str:
        return {
            "reminder": "Betalingspåminnelse",
            "dunning": "Purring",
            "inkassovarsel": "Inkassovarsel",
            "betalingsoppfordring": "Betalingsoppfordring",
            "collection": "Til inkasso",
        }[self.value]

    @property
    def name_nb(self) -> str:
        """The level as a bookkeeper says it (lists, messages): påminnelse, purring, ..."""
        return {
            "reminder": "påminnelse",
            "dunning": "purring",
            "inkassovarsel": "inkassovarsel",
            "betalingsoppfordring": "betalingsoppfordring",
            "collection": "inkasso",
        }[self.value]

    @property
    def file_word(self) -> str:
        """The level in file names: Norwegian, ASCII only (travels through mail and shares)."""
        return {
            "reminder": "paminnelse",
            "dunning": "purring",
            "inkassovarsel": "inkassovarsel",
            "betalingsoppfordring": "betalingsoppfordring",
            "collection": "inkasso",
        }[self.value]


_RANK = {
    Level.REMINDER: 1,
    Level.DUNNING: 2,
    Level.INKASSOVARSEL: 3,
    Level.BETALINGSOPPFORDRING: 4,
    Level.COLLECTION: 5,
}


@dataclass(frozen=True)
class Customer:
    number: str
    name: str
    kind: CustomerKind = CustomerKind.B2B
    orgnr: str = ""
    address: str = ""
    email: str = ""
    language: str = "nb"  # nb | en
    hold: str = ""  # reason dunning is held (disputed, payment plan); "" = not held
    no_fees: bool = False  # never charge reminder fees or compensation
    credit_limit: Decimal | None = None


@dataclass(frozen=True)
class Payment:
    """Money received for an invoice (a matched bank payment)."""

    paid_on: date
    amount: Decimal
    kid: str = ""
    invoice_no: str = ""
    reference: str = ""


@dataclass(frozen=True)
class SentNotice:
    """A dunning notice already sent for an invoice (from the store)."""

    level: Level
    sent_on: date
    deadline: date
    fee: Decimal = ZERO  # reminder fee claimed on this invoice by this notice
    compensation: Decimal = ZERO  # standardkompensasjon claimable after fees, as of this notice
    interest: Decimal = ZERO  # interest stated in the notice (> 0: interest was claimed)


@dataclass(frozen=True)
class StoredItem:
    """An open item vareflyt already knows (any status), as the open-items import sees it."""

    customer_no: str
    amount: Decimal
    status: str  # open | closed


class ExportedItem(NamedTuple):
    """One open item as an open-items export lists it, checked and ready to store: read by
    ``jobs.open_items_rows``, its credit reference checked by ``rules.open_items``, stored by
    ``store.receivables.sync_invoices``. A NamedTuple: an export has tens of thousands."""

    invoice_no: str
    customer_no: str
    invoice_date: date
    due_date: date  # as written on the invoice
    amount: Decimal  # negative: a credit note (what is left of it)
    paid: Decimal  # paid according to the export
    kid: str
    currency: str
    credit_for: str = ""  # a credit note: the invoice it credits


@dataclass(frozen=True)
class OpenInvoice:
    """A customer invoice as the dunning rules see it."""

    invoice_no: str
    customer_no: str
    invoice_date: date
    due_date: date  # as written on the invoice (not moved for holidays)
    amount: Decimal
    paid_unknown_date: Decimal = ZERO  # paid according to the export, date unknown
    payments: tuple[Payment, ...] = ()  # dated payments matched from the bank
    kid: str = ""
    currency: str = "NOK"
    history: tuple[SentNotice, ...] = ()
    hold: str = ""  # reason this invoice is held (e.g. disputed); "" = not held
    credit_for: str = ""  # credit note: the invoice it credits ("" = not named)
    credited: Decimal = ZERO  # credit notes set against this invoice (positive)
    credit_notes: tuple[str, ...] = ()  # their numbers

    @property
    def is_credit(self) -> bool:
        """A credit note (or other negative item: an unapplied payment, a prepayment)."""
        return self.amount < 0

    @property
    def paid(self) -> Decimal:
        return self.paid_unknown_date + sum((p.amount for p in self.payments), ZERO)

    @property
    def principal(self) -> Decimal:
        """The claim after credit notes: what the customer owes before payments."""
        return self.amount - self.credited

    @property
    def outstanding(self) -> Decimal:
        return self.amount - self.credited - self.paid

    @property
    def last_notice(self) -> SentNotice | None:
        return max(self.history, key=lambda n: (n.level.rank, n.sent_on), default=None)

    @property
    def fees_claimed(self) -> Decimal:
        return sum((n.fee for n in self.history), ZERO)


@dataclass(frozen=True)
class InvoiceCharge:
    """One invoice's figures in a notice, as of the sending date."""

    invoice_no: str
    due_date: date  # effective due date (moved to a business day)
    days_overdue: int
    principal: Decimal  # outstanding amount
    interest: Decimal
    interest_rate: Decimal  # percent p.a. in force on the sending date
    interest_from: date | None
    fee: Decimal  # new fee claimed by this notice (allocated to one invoice)
    earlier_fees: Decimal  # fees claimed by earlier notices
    compensation: Decimal
    kid: str = ""
    rate_periods: tuple[tuple[date, Decimal], ...] = ()  # (first day, percent) for each rate used
    interest_through: date | None = None  # last day interest is computed for (< sending date: rate missing)
    credited: Decimal = ZERO  # credit notes set against the invoice (already out of principal)
    credit_notes: tuple[str, ...] = ()
    paid: Decimal = ZERO  # payments received on the invoice so far
    amount: Decimal = ZERO  # the invoice as issued

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.fee + self.earlier_fees + self.compensation


@dataclass(frozen=True)
class Notice:
    """One letter: a customer's invoices at one level, with its amounts."""

    customer: Customer
    level: Level
    sent_on: date
    deadline: date
    lines: tuple[InvoiceCharge, ...]
    letter: str = ""  # file name of the rendered letter (PDF)
    warnings: tuple[str, ...] = field(default=())

    @property
    def principal(self) -> Decimal:
        return sum((c.principal for c in self.lines), ZERO)

    @property
    def interest(self) -> Decimal:
        return sum((c.interest for c in self.lines), ZERO)

    @property
    def fee(self) -> Decimal:
        """Every reminder fee claimed so far and not yet paid, this notice's own included."""
        return sum((c.fee + c.earlier_fees for c in self.lines), ZERO)

    @property
    def new_fee(self) -> Decimal:
        """This notice's own fee."""
        return sum((c.fee for c in self.lines), ZERO)

    @property
    def compensation(self) -> Decimal:
        return sum((c.compensation for c in self.lines), ZERO)

    @property
    def days_overdue(self) -> int:
        return max((c.days_overdue for c in self.lines), default=0)

    @property
    def credited(self) -> Decimal:
        return sum((c.credited for c in self.lines), ZERO)

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.fee + self.compensation

    @property
    def interest_through(self) -> date | None:
        """The last day interest is computed for, when a missing rate cut it short; else None."""
        cut = [
            c.interest_through
            for c in self.lines
            if c.interest_through is not None and c.interest_through < self.sent_on
        ]
        return min(cut) if cut else None
