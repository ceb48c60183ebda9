"""Orders the shop never sent (telephone or pickup orders, seed 004 §8): when an order response
or packing slip refers to an order vareflyt does not know, the order is recorded under the
supplier's number with the lines the document shows.

``lines_from_response`` and ``lines_from_despatch`` read those lines off the document;
``create_unsolicited`` stores the order (source ``unsolicited``) in the caller's transaction.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from ..domain.despatch import DespatchAdvice
from ..domain.order_lines import ZERO, LineState
from ..domain.orders import LineAction, OrderResponse
from .purchase_orders import OrderRow, StatusOf, get_order, insert_order


def create_unsolicited(
    conn: sa.Connection,
    supplier_gln: str,
    number: str,
    on: date,
    lines: list[LineState],
    *,
    status_of: StatusOf,
) -> OrderRow:
    """An order the shop never sent (telephone/pickup order), under the supplier's number."""
    order_id = insert_order(
        conn,
        lines,
        status_of=status_of,
        supplier_gln=supplier_gln,
        number=number,
        source="unsolicited",
        order_date=on,
        status="sent",
    )
    return get_order(conn, order_id)


def lines_from_response(doc: OrderResponse) -> list[LineState]:
    """Order lines for an unsolicited order response: what the supplier says was ordered."""
    return [
        LineState(
            line_no=rl.line_no,
            ordered_qty=rl.ordered_qty or rl.confirmed_qty or ZERO,
            article_no=rl.seller_article_no,
            gtin=rl.gtin,
            nobb=rl.nobb,
            name=rl.name,
            unit=rl.unit,
            net_price=rl.net_price,
        )
        for rl in doc.lines
        if rl.action is not LineAction.ADDED
    ]


def lines_from_despatch(doc: DespatchAdvice, order_no: str) -> list[LineState]:
    """Order lines for an unsolicited packing slip: what was despatched for that order."""
    mine = [ln for ln in doc.lines if (ln.order_no or doc.order_no) == order_no]
    out = []
    for n, ln in enumerate(mine, start=1):
        no = int(ln.order_line) if ln.order_line and ln.order_line.isdigit() else n
        out.append(
            LineState(
                line_no=no,
                ordered_qty=ln.quantity,
                article_no=ln.seller_article_no,
                gtin=ln.gtin,
                nobb=ln.nobb,
                name=ln.name,
                unit=ln.unit,
            )
        )
    return out
