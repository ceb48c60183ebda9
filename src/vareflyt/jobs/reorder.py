"""Reorder suggestions for ``make_orders``: the stock typed in Artikler, plus what has come in
since that figure was counted, plus what is still on order, against the reorder point.

Without the receipts a suggestion would come back the night after its order was delivered
and closed, while the typed stock still showed the old figure: the batch would order the same
goods again every night until someone typed a new count. ``store.stock`` remembers when each
figure was first seen; packing slips after that are added. When that keeps an article from
being reordered, an info issue says why, so the owner sees the arithmetic.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..domain.issues import Issue, info
from ..domain.money import nb_number
from ..rules import ordering
from ..store import stock as stock_repo

if TYPE_CHECKING:
    from ..workspace import Workspace


def reorder_entries(
    ws: Workspace, settings: list[ordering.ArticleSetting], on_order: dict, resolve_supplier, now: datetime
) -> tuple[list[ordering.EntryLine], list[Issue]]:
    """-> (entry lines for the articles to reorder, info issues for those that received goods
    keep from reordering). Records the stock figures as counted (see ``store.stock``)."""
    figures = [(*ordering.stock_key(s, resolve_supplier), s.stock) for s in settings if s.stock is not None]
    if not figures:
        return [], []
    with ws.store.transaction() as conn:
        counted = stock_repo.note_counts(conn, figures, now)
        received = stock_repo.received_since(conn, counted)
    entries = ordering.reorder_suggestions(settings, on_order, resolve_supplier, received)
    issues = []
    for setting in settings:  # only the articles whose receipts changed the answer
        key = ordering.stock_key(setting, resolve_supplier)
        if (
            key not in received
            or not ordering.reorder_suggestions([setting], on_order, resolve_supplier)
            or ordering.reorder_suggestions([setting], on_order, resolve_supplier, received)
        ):
            continue
        assert setting.stock is not None and setting.reorder_point is not None  # it was suggested above
        stock, came, point = (
            nb_number(v.normalize()) for v in (setting.stock, received[key], setting.reorder_point)
        )
        issues.append(
            info(
                "order.stock_received",
                f"{setting.article_no} bestilles ikke: lager {stock} (telt "
                f"{counted[key]:%d.%m.%Y}) + {came} mottatt siden er over bestillingspunktet {point}. "
                f"Skriv nytt lagertall i Artikler når varene er telt.",
                setting.source,
            )
        )
    return entries, issues
