"""Stock figures from the Artikler table, and the goods received since each was counted.

The user types the stock in Artikler now and then; vareflyt does not see sales. So that a
reorder suggestion does not come back once its order has been delivered but before the user
has typed a new stock figure, each figure is remembered with the time vareflyt first saw it
(``stock_counts``), and the quantities on packing slips that came in after that time are
added to it (``rules.ordering.reorder_suggestions``). A changed figure is a new count.

A figure typed shortly before a packing slip came in, but first seen after it, leaves that
slip out: the stock then reads low, which errs towards ordering, never towards double stock
in the figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa

from .tables.purchasing import despatch_advices, receipts, stock_counts
from .tables.purchasing import purchase_order_lines as pol

Key = tuple[str, str]  # (supplier GLN, or as typed; article no)


def note_counts(
    conn: sa.Connection, figures: Iterable[tuple[str, str, Decimal]], now: datetime
) -> dict[Key, datetime]:
    """(supplier, article no, stock as typed now) -> when each figure was counted: a figure
    seen for the first time, or changed since it was last seen, is counted ``now``."""
    wanted = {(supplier, article): stock for supplier, article, stock in figures}
    if not wanted:
        return {}
    known = {(r.supplier, r.article_no): r for r in conn.execute(sa.select(stock_counts))}
    out: dict[Key, datetime] = {}
    for (supplier, article), stock in wanted.items():
        row = known.get((supplier, article))
        if row is not None and row.stock == stock:
            out[(supplier, article)] = row.counted_at
            continue
        if row is None:
            conn.execute(
                stock_counts.insert().values(
                    supplier=supplier, article_no=article, stock=stock, counted_at=now
                )
            )
        else:
            conn.execute(
                stock_counts.update()
                .where(stock_counts.c.supplier == supplier, stock_counts.c.article_no == article)
                .values(stock=stock, counted_at=now)
            )
        out[(supplier, article)] = now
    return out


def received_since(conn: sa.Connection, counted: Mapping[Key, datetime]) -> dict[Key, Decimal]:
    """(supplier GLN, article no) -> quantity on packing slips that came in after the article's
    count (the quantity received when the workbook says so, else the quantity despatched).
    The article is the order line's supplier article number, else the packing slip's."""
    if not counted:
        return {}
    query = (
        sa.select(
            despatch_advices.c.supplier_gln,
            despatch_advices.c.received_at,
            pol.c.article_no.label("order_article"),
            receipts.c.article_no.label("slip_article"),
            receipts.c.received_qty,
            receipts.c.despatched_qty,
        )
        .select_from(
            receipts.join(despatch_advices, despatch_advices.c.id == receipts.c.despatch_id).outerjoin(
                pol, sa.and_(pol.c.order_id == receipts.c.order_id, pol.c.line_no == receipts.c.order_line)
            )
        )
        .where(despatch_advices.c.received_at > min(counted.values()))
    )
    out: dict[Key, Decimal] = {}
    for r in conn.execute(query):
        key = (r.supplier_gln, r.order_article or r.slip_article)
        since = counted.get(key)
        if since is None or r.received_at <= since:
            continue
        qty = r.received_qty if r.received_qty is not None else r.despatched_qty
        out[key] = out.get(key, Decimal(0)) + qty
    return out
