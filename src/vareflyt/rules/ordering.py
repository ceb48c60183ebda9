"""Making purchase orders from order-entry lines: resolution, reorder suggestions, grouping.

DOMAIN.md §2.2: one delivery place per order (several places = several orders); prices are
those valid on the order date; services (freight, crane lift) are ordinary lines with their
own article numbers; pickup orders carry TOD code 4 and the pickup place. Lines are grouped
into one order per supplier, delivery place, pickup or not, project and end customer (an
order names one project and one end customer). Lines that cannot be resolved keep a reason.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from ..domain.catalogue import CatalogueArticle
from ..domain.issues import Source
from .order_refs import PriceSource

SupplierResolver = Callable[[str], str | None]  # the supplier as typed -> its GLN (None: unknown)

REASONS = {
    "supplier": "Ukjent leverandør",
    "article": "Ukjent artikkel hos leverandøren",
    "expired": "Artikkelen er utgått",
    "price": "Ingen pris på ordredatoen",
    "quantity": "Antall mangler eller er ikke større enn null",
    "place": "Leveringssted mangler (oppgi GLN, eller sett eget GLN i [company])",
    "time": "Klokkeslett må skrives TT:MM",
}


@dataclass(frozen=True)
class EntryLine:
    """One wanted line, from the order-entry table, a file or a reorder suggestion."""

    supplier: str | None
    article: str | None
    quantity: Decimal | None
    unit: str | None = None
    delivery_date: date | None = None
    delivery_time: str | None = None
    delivery_gln: str | None = None
    project: str | None = None
    end_customer: str | None = None
    pickup: bool = False
    row: int | None = None  # row index in the order-entry table (None for files)
    source: Source = Source()
    origin: str = "entry"  # entry | file | reorder
    changes_order: str | None = None  # "Endrer ordre": the number of a sent order this line changes

    def key(self, occurrence: int = 0) -> str:
        """Content key: the same line entered again is recognised (idempotent ordering)."""
        parts = [
            self.supplier,
            self.article,
            self.quantity and format(self.quantity.normalize(), "f"),
            self.unit,
            self.delivery_date,
            self.delivery_time,
            self.delivery_gln,
            self.project,
            self.end_customer,
            self.pickup,
            self.origin,
            occurrence,
        ]
        if self.changes_order:  # only then: keys of plain lines stay as earlier versions made them
            parts.append(f"endrer:{self.changes_order}")
        text = "\x1f".join("" if p is None else str(p).strip().lower() for p in parts)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Resolved:
    article_no: str
    net_price: Decimal
    gtin: str | None = None
    nobb: str | None = None
    name: str | None = None
    unit: str | None = None
    price_source: PriceSource | None = None  # the price-list version the price came from, when known


@dataclass(frozen=True)
class PlannedLine:
    line_no: int
    entry: EntryLine
    article: Resolved
    key: str | None  # None: a line carried over from the order a change replaces
    delivery: datetime | date | None = None


@dataclass(frozen=True)
class PlannedOrder:
    supplier_gln: str
    delivery_gln: str
    pickup: bool
    project: str | None
    end_customer: str | None
    requested_delivery: datetime | date | None
    lines: tuple[PlannedLine, ...]


@dataclass(frozen=True)
class ArticleSetting:
    article_no: str
    supplier: str | None
    stock: Decimal | None
    reorder_point: Decimal | None
    reorder_qty: Decimal | None
    source: Source = Source()
    row: int | None = None


def parse_time(text: str | None) -> time | None | str:
    """'7:30', '07.30', '0730' -> time; '' -> None; anything else -> 'time' (reason key)."""
    if text is None or not str(text).strip():
        return None
    raw = str(text).strip().replace(".", ":").replace(" ", "")
    if raw.isdigit() and len(raw) in (3, 4):
        raw = raw[:-2] + ":" + raw[-2:]
    try:
        hh, mm = (int(x) for x in raw.split(":")[:2])
        return time(hh, mm)
    except (ValueError, TypeError):
        return "time"


def wanted_delivery(day: date | None, at: time | None) -> datetime | date | None:
    if day is None:
        return None
    return datetime.combine(day, at) if at else day


def is_valid_on(art: CatalogueArticle, on: date) -> bool:
    return (art.valid_from is None or art.valid_from <= on) and (art.valid_to is None or on <= art.valid_to)


def unit_price(art: CatalogueArticle, on: date) -> Decimal | None:
    """Net unit price on a date: a running campaign, else net, else gross less discount."""
    basis = art.price_basis or Decimal(1)
    if (
        art.campaign_net is not None
        and (art.campaign_from is None or art.campaign_from <= on)
        and (art.campaign_to is None or on <= art.campaign_to)
    ):
        return art.campaign_net / basis
    if art.net is not None:
        return art.net / basis
    if art.gross is not None:
        return art.gross * (1 - (art.discount_pct or 0) / Decimal(100)) / basis
    return None


def resolve(candidates: list[CatalogueArticle], on: date) -> Resolved | str:
    """The catalogue article to order from the candidates matching the entry, or a reason key."""
    if not candidates:
        return "article"
    live = [a for a in candidates if not a.expired and is_valid_on(a, on)]
    if not live:
        return "expired"
    for art in live:
        price = unit_price(art, on)
        if price is not None:
            return Resolved(art.article_no, price, art.gtin, art.nobb, art.name or None, art.unit)
    return "price"


def stock_key(setting: ArticleSetting, resolve_supplier: SupplierResolver) -> tuple[str, str]:
    """(supplier GLN, else the supplier as typed, else ""; article no) of an article setting."""
    gln = resolve_supplier(setting.supplier) if setting.supplier else None
    return gln or setting.supplier or "", setting.article_no


def reorder_suggestions(
    settings: list[ArticleSetting],
    on_order: dict[tuple[str, str], Decimal],
    resolve_supplier: SupplierResolver,
    received: dict[tuple[str, str], Decimal] | None = None,
) -> list[EntryLine]:
    """Entry lines for articles at or below their reorder point, less what is already on order.

    ``on_order`` maps (supplier GLN, article no) to the quantity still to come on open orders;
    ``received`` (same keys, see ``stock_key``) to what came in since the stock was counted,
    which is added to the typed stock; ``resolve_supplier`` turns the setting's supplier text
    into a GLN (or None).
    """
    out = []
    received = received or {}
    for s in settings:
        if s.stock is None or s.reorder_point is None or not s.reorder_qty or s.reorder_qty <= 0:
            continue
        gln = resolve_supplier(s.supplier) if s.supplier else None
        pending = on_order.get((gln or "", s.article_no), Decimal(0))
        stock = s.stock + received.get(stock_key(s, resolve_supplier), Decimal(0))
        if stock + pending <= s.reorder_point:
            out.append(
                EntryLine(
                    supplier=gln or s.supplier,
                    article=s.article_no,
                    quantity=s.reorder_qty,
                    source=s.source,
                    origin="reorder",
                )
            )
    return out


def _date_key(d: datetime | date) -> tuple[date, int, time]:
    """Earliest first; on the same day a date with a time wins over a bare date."""
    if isinstance(d, datetime):
        return (d.date(), 0, d.time())
    return (d, 1, time())


def group(
    lines: list[tuple[EntryLine, Resolved, str, str, datetime | date | None, str]],
) -> list[PlannedOrder]:
    """Group (entry, resolved, supplier GLN, delivery GLN, wanted delivery, key) into orders.

    Within an order lines are numbered 1..n in input order; the order's requested delivery is
    the earliest line date, and lines keep their own date.
    """
    buckets: dict[
        tuple[str, str, bool, str | None, str | None],
        list[tuple[EntryLine, Resolved, datetime | date | None, str]],
    ] = defaultdict(list)
    for entry, art, supplier_gln, place, when, key in lines:
        k = (supplier_gln, place, bool(entry.pickup), entry.project or None, entry.end_customer or None)
        buckets[k].append((entry, art, when, key))
    orders = []
    for (supplier_gln, place, pickup, project, customer), items in buckets.items():
        dates = [w for _, _, w, _ in items if w is not None]
        first = min(dates, key=_date_key) if dates else None
        planned = tuple(PlannedLine(n, e, a, k, w) for n, (e, a, w, k) in enumerate(items, start=1))
        orders.append(PlannedOrder(supplier_gln, place, pickup, project, customer, first, planned))
    return orders
