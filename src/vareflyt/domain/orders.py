"""Purchase orders and order responses (ORDERS / ORDRSP) as frozen domain values.

Also holds ``PartyRef``, the small party reference (GLN, organisation number, VAT number,
name) that orders, despatch advices and invoices carry. Quantities and prices are Decimal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from .documents_json import from_jsonable, to_json_object


@dataclass(frozen=True)
class PartyRef:
    """A party as a document names it; any identifier may be missing."""

    gln: str | None = None  # GS1 location number, 13 digits
    orgnr: str | None = None  # Norwegian organisation number, 9 digits
    vat_no: str | None = None  # e.g. "NO987654325MVA"
    name: str | None = None


class OrderPurpose(str, Enum):
    ORIGINAL = "original"  # BGM 1225 = 9
    REPLACE = "replace"  # 5: replaces an earlier order (new number, refers to the old one)
    CANCEL = "cancel"  # 1


@dataclass(frozen=True)
class OrderLine:
    line_no: int
    quantity: Decimal
    unit: str | None = None  # UN/ECE Rec 20, e.g. "EA", "MTR"
    gtin: str | None = None
    seller_article_no: str | None = None
    nobb: str | None = None
    name: str | None = None
    net_price: Decimal | None = None  # only when agreed (PRI+AAA)
    delivery: datetime | date | None = None  # line-level requested delivery (DTM+2)


@dataclass(frozen=True)
class Order:
    number: str
    order_date: date | None
    buyer: PartyRef
    supplier: PartyRef
    lines: tuple[OrderLine, ...] = ()
    purpose: OrderPurpose = OrderPurpose.ORIGINAL
    requested_delivery: datetime | date | None = None
    delivery_party: PartyRef | None = None
    invoicee: PartyRef | None = None
    ultimate_customer: PartyRef | None = None
    pickup_place: PartyRef | None = None  # NAD+SF, with pickup=True (TOD+4)
    pickup: bool = False
    agreement_ref: str | None = None  # RFF+CT
    price_list_ref: str | None = None  # RFF+PL
    previous_order_no: str | None = None  # RFF+PW: the order this one replaces
    project_ref: str | None = None  # RFF+AEP
    currency: str | None = None
    note: str | None = None  # FTX

    def to_dict(self) -> dict[str, Any]:
        """JSON form (Decimals as strings, dates ISO); see ``documents_json``."""
        return to_json_object(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Order:
        return from_jsonable(cls, data)


class ResponseStatus(str, Enum):
    ACCEPTED = "accepted"  # BGM 4343/1225 29
    CHANGED = "changed"  # 4
    REJECTED = "rejected"  # 27


class LineAction(str, Enum):
    ACCEPTED = "accepted"  # LIN 1229 = 5
    CHANGED = "changed"  # 3
    NOT_ACCEPTED = "not_accepted"  # 7
    ADDED = "added"  # 1
    DELETED = "deleted"  # 2


@dataclass(frozen=True)
class ResponseLine:
    line_no: int  # the order's line number (or a new one if added)
    action: LineAction
    gtin: str | None = None
    seller_article_no: str | None = None
    nobb: str | None = None
    name: str | None = None
    unit: str | None = None
    ordered_qty: Decimal | None = None  # QTY+21
    confirmed_qty: Decimal | None = None  # QTY+113 to be delivered
    backorder_qty: Decimal | None = None  # QTY+83 restnotert
    backorder_date: date | None = None  # DTM+69 right after QTY+83: expected date
    delivery_date: date | None = None  # DTM+2 / DTM+69 promised date for this line
    net_price: Decimal | None = None
    reason: str | None = None  # FTX+ACD free text reason


@dataclass(frozen=True)
class OrderResponse:
    number: str
    order_no: str | None  # None: response to an order made by phone/pickup
    issue_date: date | None
    status: ResponseStatus
    supplier: PartyRef
    buyer: PartyRef
    lines: tuple[ResponseLine, ...] = ()
    delivery_date: datetime | date | None = None  # new date for the whole order
    delivery_party: PartyRef | None = None
    currency: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form (Decimals as strings, dates ISO); see ``documents_json``."""
        return to_json_object(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OrderResponse:
        return from_jsonable(cls, data)
