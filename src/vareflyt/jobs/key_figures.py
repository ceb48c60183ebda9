"""Key figures with their explanation, for the Nøkkeltall sheets and the morning report.

Two sets of figures, each gathered once from the store (or from what a job already holds) and
shown three ways: the *Nøkkeltall* sheet (each figure in one line with what it means and how
it was computed, for which period), native charts over the *Diagramgrunnlag* sheet
(``jobs.key_figures_sheet``), and inline SVG in the morning report
(``jobs.nightly.report_pictures``):

* receivables (``Kundereskontro.xlsx``): outstanding, overdue, DSO with the period and the
  amounts it was computed from, aged receivables in total and for the largest customers;
* purchasing (``Innkjop.xlsx``): the supplier scorecard of the last year (delivery precision
  and invoice accuracy against the targets 95 % / 98 %, price changes), and the outcome of
  invoice control per week for the last ``WEEKS`` weeks.

A run that shows the figures twice keeps them: inside ``keeping(kept)`` every set gathered here
is also stored in ``kept`` (``KeptFigures``), so the nightly batch's morning report draws the
figures its workbook steps computed instead of computing them again (``kept.on(date)``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from ..rules.dunning import AgingRow, aged_receivables, dso
from ..rules.invoice_control import LABELS
from ..rules.scorecard import Score

if TYPE_CHECKING:
    from ..workspace import Workspace

WEEKS = 12  # weeks of invoice control shown
TOP_CUSTOMERS = 10
OUTCOMES = ("approved", "deviation", "rejected", "waiting")  # the order of the series
OUTCOME_COLOURS = ("2E7D32", "F9A825", "C62828", "1565C0")  # green, amber, red, blue
DELIVERY_TARGET = Decimal(95)  # per cent, DOMAIN.md §6
INVOICE_TARGET = Decimal(98)
PRICE_CHANGE_LIMIT = Decimal(5)


@dataclass(frozen=True)
class ReceivablesFigures:
    on: date
    rows: tuple[AgingRow, ...]  # per customer
    total: AgingRow
    credit_sales: Decimal  # invoiced in the DSO period
    period_days: int
    first_invoice: date | None = None  # the oldest invoice date the store knows
    compensation: Decimal | None = None  # this dunning run's compensation, when there was one

    @property
    def period_start(self) -> date:
        return self.on - timedelta(days=self.period_days - 1)

    @property
    def dso(self) -> Decimal | None:
        return dso(self.total.total, self.credit_sales, self.period_days)

    @property
    def overdue(self) -> Decimal:
        return self.total.total - self.total.buckets["not_due"]

    def top(self, n: int = TOP_CUSTOMERS) -> list[AgingRow]:
        """The customers owing the most, largest first."""
        owing = [r for r in self.rows if r.total > 0]
        return sorted(owing, key=lambda r: (-r.total, r.customer_no))[:n]


@dataclass(frozen=True)
class WeekOutcome:
    year: int
    week: int
    counts: dict[str, int] = field(default_factory=dict)  # invoice status -> invoices

    @property
    def label(self) -> str:
        return f"Uke {self.week}"


@dataclass(frozen=True)
class PurchasingFigures:
    on: date
    start: date
    scores: tuple[Score, ...]
    names: dict[str, str]
    weeks: tuple[WeekOutcome, ...]

    def name(self, gln: str) -> str:
        return self.names.get(gln) or gln


@dataclass
class KeptFigures:
    """The newest figures of each set gathered inside ``keeping``."""

    receivables: ReceivablesFigures | None = None
    purchasing: PurchasingFigures | None = None

    def receivables_on(self, on: date) -> ReceivablesFigures | None:
        return self.receivables if self.receivables is not None and self.receivables.on == on else None

    def purchasing_on(self, on: date) -> PurchasingFigures | None:
        return self.purchasing if self.purchasing is not None and self.purchasing.on == on else None


_KEPT: ContextVar[KeptFigures | None] = ContextVar("vareflyt_kept_figures", default=None)
Figures = TypeVar("Figures", ReceivablesFigures, PurchasingFigures)


@contextmanager
def keeping(kept: KeptFigures) -> Iterator[KeptFigures]:
    """Keep every set of figures gathered inside in ``kept`` (the nightly run's context)."""
    token = _KEPT.set(kept)
    try:
        yield kept
    finally:
        _KEPT.reset(token)


def _kept(figures: Figures) -> Figures:
    kept = _KEPT.get()
    if kept is not None:
        if isinstance(figures, ReceivablesFigures):
            kept.receivables = figures
        else:
            kept.purchasing = figures
    return figures


def year_before(day: date) -> date:
    """The same date a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


# --- gathering ------------------------------------------------------------------------------


def receivables_with(
    ws: Workspace,
    on: date,
    rows,
    total: AgingRow,
    *,
    credit_sales: Decimal | None = None,
    compensation: Decimal | None = None,
) -> ReceivablesFigures:
    """The receivables figures for aged receivables a job has computed (``rows``, ``total``);
    the DSO period's sales (unless given) and the oldest invoice date come from the store."""
    from ..store import receivables as repo
    from .receivables_tables import DSO_DAYS

    start = on - timedelta(days=DSO_DAYS - 1)
    with ws.store.connect() as conn:
        if credit_sales is None:
            credit_sales = repo.invoiced_between(conn, start, on)
        known = [i.invoice_date for i in repo.load_invoices(conn, status=None) if i.invoice_date]
    return _kept(
        ReceivablesFigures(
            on, tuple(rows), total, credit_sales, DSO_DAYS, min(known, default=None), compensation
        )
    )


def receivables_figures(ws: Workspace, on: date) -> ReceivablesFigures:
    """The receivables figures on ``on`` from the store (names as the store has them)."""
    from ..store import receivables as repo

    with ws.store.connect() as conn:
        rows, total = aged_receivables(repo.load_invoices(conn), repo.load_customers(conn), on)
    return receivables_with(ws, on, rows, total)


def invoice_weeks(
    received: Iterable[tuple[datetime | date | None, str]], on: date, weeks: int = WEEKS
) -> tuple[WeekOutcome, ...]:
    """Invoices by the week they were received and controlled, for the ``weeks`` weeks up to
    and including ``on``'s week, by status; ``received`` holds (received at, status) per
    invoice (invoices not controlled yet are left out)."""
    monday = on - timedelta(days=on.weekday())
    first = monday - timedelta(weeks=weeks - 1)
    counts: dict[tuple[int, int], Counter] = {}
    for week in range(weeks):
        year, number, _ = (first + timedelta(weeks=week)).isocalendar()
        counts[(year, number)] = Counter()
    for when, status in received:
        day = when.date() if isinstance(when, datetime) else when
        if day is None or not first <= day <= on or status not in OUTCOMES:
            continue
        year, number, _ = day.isocalendar()
        counts[(year, number)][status] += 1
    return tuple(WeekOutcome(y, w, {s: c[s] for s in OUTCOMES}) for (y, w), c in counts.items())


def purchasing_figures(ws: Workspace, on: date) -> PurchasingFigures:
    """The supplier scorecard of the year up to ``on`` and invoice control per week."""
    from ..store import invoice_reading
    from .invoices.supplier_scores import scores
    from .suppliers import supplier_names

    start = year_before(on)
    with ws.store.connect() as conn:
        headers = invoice_reading.headers(conn)
    weeks = invoice_weeks([(h.received_at, h.status) for h in headers], on)
    return _kept(
        PurchasingFigures(on, start, tuple(scores(ws, start, on, headers)), supplier_names(ws), weeks)
    )


def outcome_label(status: str) -> str:
    return LABELS[status].capitalize()


# --- writing --------------------------------------------------------------------------------


def write_sheets(book, figures: ReceivablesFigures | PurchasingFigures) -> None:
    """Nøkkeltall and Diagramgrunnlag with their charts into the workbook the figures belong
    to, through the workbook port (saved by the caller with its other writes)."""
    from ..excel.charts import add_charts
    from .key_figures_sheet import layout_of

    layout = layout_of(figures)
    for name, rows in layout.sheets.items():
        book.add_sheet(name, rows)
    add_charts(book, layout.charts)
