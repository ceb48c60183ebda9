"""The morning report's pictures: the charts of the Nøkkeltall sheets as inline SVG.

The same figures as the workbooks' charts (``jobs.key_figures``), drawn by
``letters.svg_charts``: aged receivables in total and for the customers owing the most, the
supplier scorecard against its targets, invoice control per week and price changes per
supplier. A picture with nothing to show yet (no open invoices, no invoices controlled) is
left out. Each comes with a one-line caption saying what it shows, as the sheet does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ...domain.money import format_kr, nb_number
from ...excel.schemas import table_schema
from ...letters.svg_charts import Target, bar_chart
from ...rules.dunning import BUCKETS
from ..key_figures import (
    DELIVERY_TARGET,
    INVOICE_TARGET,
    OUTCOME_COLOURS,
    OUTCOMES,
    PRICE_CHANGE_LIMIT,
    WEEKS,
    KeptFigures,
    PurchasingFigures,
    ReceivablesFigures,
    outcome_label,
    purchasing_figures,
    receivables_figures,
)
from ..key_figures_sheet import dso_text

if TYPE_CHECKING:
    from ...workspace import Workspace


@dataclass(frozen=True)
class Picture:
    title: str
    svg: str  # an <svg> element, escaped text inside
    caption: str


def _kr(value: Decimal) -> str:
    return f"{format_kr(value)} kr"


def _pct(value: Decimal) -> str:
    return f"{nb_number(value)} %"


def _count(value: Decimal) -> str:
    return str(int(value))


def receivables_pictures(f: ReceivablesFigures) -> list[Picture]:
    if not f.rows:
        return []
    aging = table_schema("aging")
    series = [aging.column(b).heading for b in BUCKETS]
    title = "Utestående per aldersgruppe, alle kunder"
    pictures = [
        Picture(
            title,
            bar_chart(
                title, [("Alle kunder", [f.total.buckets[b] for b in BUCKETS])], series, value_text=_kr
            ),
            dso_text(f),
        )
    ]
    top = f.top()
    if top:
        title = f"De {len(top)} kundene som skylder mest"
        rows = [(r.customer_name or r.customer_no, [r.buckets[b] for b in BUCKETS]) for r in top]
        pictures.append(
            Picture(
                title,
                bar_chart(title, rows, series, value_text=_kr),
                f"Utestående per kunde fordelt på dager over forfall, per {f.on:%d.%m.%Y}.",
            )
        )
    return pictures


def purchasing_pictures(f: PurchasingFigures) -> list[Picture]:
    pictures = []
    period = f"{f.start:%d.%m.%Y}–{f.on:%d.%m.%Y}"
    measured = [s for s in f.scores if s.deliveries or s.invoices]
    if measured:
        title = "Leveringspresisjon og fakturapresisjon per leverandør"
        rows = [(f.name(s.supplier), [s.precision_pct, s.accuracy_pct]) for s in measured]
        targets = [
            Target(f"Mål levering {DELIVERY_TARGET} %", DELIVERY_TARGET),
            Target(f"Mål faktura {INVOICE_TARGET} %", INVOICE_TARGET),
        ]
        svg = bar_chart(
            title,
            rows,
            ["Leveringspresisjon %", "Fakturapresisjon %"],
            value_text=_pct,
            stacked=False,
            targets=targets,
            scale_max=Decimal(100),
        )
        pictures.append(
            Picture(
                title,
                svg,
                f"Levert senest på bekreftet dato, og fakturaer godkjent uten avvik, "
                f"{period}. «–»: ingen leveranser eller fakturaer ennå.",
            )
        )
    if any(w.counts.get(o) for w in f.weeks for o in OUTCOMES):
        title = f"Fakturakontroll per uke, siste {WEEKS} uker"
        rows = [(w.label, [Decimal(w.counts.get(o, 0)) for o in OUTCOMES]) for w in f.weeks]
        svg = bar_chart(
            title,
            rows,
            [outcome_label(o) for o in OUTCOMES],
            value_text=_count,
            colours=["#" + c for c in OUTCOME_COLOURS],
        )
        pictures.append(
            Picture(title, svg, "Fakturaer etter uken de kom inn og ble kontrollert, etter utfall.")
        )
    priced = [s for s in f.scores if s.price_change_pct is not None]
    if priced:
        title = "Prisendringer per leverandør (% av artiklene per år)"
        rows = [(f.name(s.supplier), [s.price_change_pct]) for s in priced]
        svg = bar_chart(
            title,
            rows,
            ["Prisendringer % per år"],
            value_text=_pct,
            stacked=False,
            targets=[Target(f"Grense {PRICE_CHANGE_LIMIT} %", PRICE_CHANGE_LIMIT)],
        )
        pictures.append(
            Picture(
                title, svg, f"Andelen av artiklene som har fått ny nettopris, {period}, regnet om til per år."
            )
        )
    return pictures


def report_pictures(ws: Workspace, on: date, kept: KeptFigures | None = None) -> list[Picture]:
    """Every picture for the morning report of ``on``: the figures the run ``kept`` for that
    date (computed by its workbook steps), else from the store."""
    kept = kept or KeptFigures()
    receivables = kept.receivables_on(on) or receivables_figures(ws, on)
    purchasing = kept.purchasing_on(on) or purchasing_figures(ws, on)
    return receivables_pictures(receivables) + purchasing_pictures(purchasing)
