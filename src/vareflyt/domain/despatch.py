"""Despatch advices / packing slips (DESADV) as frozen domain values.

A despatch advice lists packages (each with an SSCC) and the delivered lines; every line
says which order and order line it delivers, and (optionally) in which package it is.
The delivered quantity becomes the received quantity that invoice control uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .documents_json import from_jsonable, to_json_object
from .orders import PartyRef


@dataclass(frozen=True)
class Package:
    sscc: str | None  # 18 digits, GS1 check digit (GIN+BJ)
    package_type: str | None = None  # PAC 7065, e.g. "PK", "PX" (pallet), "CT"
    count: int = 1  # PAC number of packages


@dataclass(frozen=True)
class DespatchLine:
    line_no: int
    quantity: Decimal  # QTY+12 despatched
    unit: str | None = None
    gtin: str | None = None
    seller_article_no: str | None = None
    nobb: str | None = None
    name: str | None = None
    order_no: str | None = None  # RFF+ON:<order>:<line>
    order_line: str | None = None
    sscc: str | None = None  # the package the line is packed in
    ordered_qty: Decimal | None = None  # QTY+21 when sent


@dataclass(frozen=True)
class DespatchAdvice:
    number: str
    issue_date: date | None
    supplier: PartyRef
    buyer: PartyRef
    lines: tuple[DespatchLine, ...] = ()
    packages: tuple[Package, ...] = ()
    order_no: str | None = None  # header RFF+ON (one order per packing slip)
    despatch_date: datetime | date | None = None  # DTM+11
    delivery_date: datetime | date | None = None  # DTM+17 estimated delivery
    delivery_party: PartyRef | None = None
    consignment_ref: str | None = None  # RFF+CN (waybill / fraktbrev)
    final_delivery: bool = False  # closes the order

    def to_dict(self) -> dict[str, Any]:
        """JSON form (Decimals as strings, dates ISO); see ``documents_json``."""
        return to_json_object(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DespatchAdvice:
        return from_jsonable(cls, data)


def delivered_by_order_line(advice: DespatchAdvice) -> dict[tuple[str | None, str | None], Decimal]:
    """Despatched quantity per (order number, order line), summed over packages.

    A line without its own order number belongs to the advice's header order. This is the
    received quantity invoice control compares with the invoiced quantity (check m).
    """
    out: dict[tuple[str | None, str | None], Decimal] = {}
    for line in advice.lines:
        key = (line.order_no or advice.order_no, line.order_line)
        out[key] = out.get(key, Decimal(0)) + line.quantity
    return out


def lines_in_package(advice: DespatchAdvice, sscc: str) -> tuple[DespatchLine, ...]:
    """The lines packed in the package with this SSCC."""
    return tuple(line for line in advice.lines if line.sscc == sscc)
