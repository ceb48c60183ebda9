"""Supplier scorecard for a period (DOMAIN.md §6): delivery precision, confirmation time,
invoice accuracy and price changes per year, per supplier. Pure: the job gathers the facts.

* delivery precision — share of deliveries (packing slips) that arrived on or before the
  order's confirmed date (target > 95 %);
* confirmation time — average hours from sending an order to its order response;
* invoice accuracy — share of controlled invoices approved with no finding at all (> 98 %);
  invoices still waiting for goods are not counted yet;
* price changes per year — share of the articles priced at the start of the period (or of the
  first price list in it) whose net price differs at its end; a period longer than a year is
  scaled down to one year, a shorter one is not scaled up (< 5 %).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

Article = TypeVar("Article")  # how the caller keys an article (e.g. supplier GLN and article no)

HEADINGS = (
    "Leverandør-GLN",
    "Leverandør",
    "Leveranser",
    "Levert på bekreftet dato",
    "Leveringspresisjon %",
    "Ordrer bekreftet",
    "Snitt bekreftelsestid timer",
    "Fakturaer kontrollert",
    "Uten avvik",
    "Fakturapresisjon %",
    "Prisendringer % per år",
)


@dataclass(frozen=True)
class Delivery:
    supplier: str
    confirmed: date | None
    delivered: date | None


@dataclass(frozen=True)
class Confirmation:
    supplier: str
    sent: datetime
    answered: datetime | None


@dataclass(frozen=True)
class ControlledInvoice:
    supplier: str
    status: str  # approved | deviation | rejected | waiting
    findings: int


@dataclass(frozen=True)
class Score:
    supplier: str
    deliveries: int = 0
    on_time: int = 0
    confirmations: int = 0
    confirm_hours: Decimal | None = None
    invoices: int = 0
    clean: int = 0
    price_change_pct: Decimal | None = None

    @property
    def precision_pct(self) -> Decimal | None:
        return _pct(self.on_time, self.deliveries)

    @property
    def accuracy_pct(self) -> Decimal | None:
        return _pct(self.clean, self.invoices)


def _pct(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def price_change_pct(
    before: Mapping[Article, Decimal | None], after: Mapping[Article, Decimal | None], days: int
) -> Decimal | None:
    """Share of the articles priced at the start whose net price changed (per year for long periods)."""
    if not before or days <= 0:
        return None
    changed = sum(1 for k, v in before.items() if k in after and after[k] != v)
    yearly = Decimal(changed) * 100 / len(before) * min(Decimal(1), Decimal(365) / Decimal(days))
    return yearly.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def scorecard(
    deliveries: Iterable[Delivery],
    confirmations: Iterable[Confirmation],
    invoices: Iterable[ControlledInvoice],
    price_changes: Mapping[str, Decimal | None],
) -> list[Score]:
    """One score per supplier that appears in any of the inputs, sorted by GLN."""
    acc: dict[str, _Tally] = {}

    def get(s: str) -> _Tally:
        return acc.setdefault(s, _Tally())

    for d in deliveries:
        a = get(d.supplier)
        a.deliveries += 1
        a.on_time += bool(d.delivered and d.confirmed and d.delivered <= d.confirmed)
    for c in confirmations:
        if c.answered is None:
            continue
        a = get(c.supplier)
        a.confirmations += 1
        a.hours += Decimal((c.answered - c.sent).total_seconds()) / 3600
    for inv in invoices:
        if inv.status == "waiting":
            continue
        a = get(inv.supplier)
        a.invoices += 1
        a.clean += inv.status == "approved" and inv.findings == 0
    for s in price_changes:
        get(s)
    return [
        Score(
            s,
            a.deliveries,
            a.on_time,
            a.confirmations,
            (a.hours / a.confirmations).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            if a.confirmations
            else None,
            a.invoices,
            a.clean,
            price_changes.get(s),
        )
        for s, a in sorted(acc.items())
    ]


@dataclass
class _Tally:
    """One supplier's counts while ``scorecard`` goes through its inputs."""

    deliveries: int = 0
    on_time: int = 0
    confirmations: int = 0
    hours: Decimal = field(default_factory=Decimal)
    invoices: int = 0
    clean: int = 0


def sheet_rows(scores: list[Score], names: Mapping[str, str]) -> list[Sequence[object]]:
    """Heading plus one row per supplier, for a plain report sheet."""
    return [list(HEADINGS)] + [
        [
            s.supplier,
            names.get(s.supplier, ""),
            s.deliveries,
            s.on_time,
            s.precision_pct,
            s.confirmations,
            s.confirm_hours,
            s.invoices,
            s.clean,
            s.accuracy_pct,
            s.price_change_pct,
        ]
        for s in scores
    ]


def to_dict(score: Score) -> dict[str, str | int | None]:
    def text(v: Decimal | None) -> str | None:
        return None if v is None else format(v, "f")

    return {
        "supplier_gln": score.supplier,
        "deliveries": score.deliveries,
        "on_time": score.on_time,
        "delivery_precision_pct": text(score.precision_pct),
        "confirmations": score.confirmations,
        "confirmation_hours": text(score.confirm_hours),
        "invoices": score.invoices,
        "invoices_without_deviation": score.clean,
        "invoice_accuracy_pct": text(score.accuracy_pct),
        "price_changes_pct_per_year": text(score.price_change_pct),
    }
