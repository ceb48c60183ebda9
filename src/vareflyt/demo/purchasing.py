"""The demo's purchasing loop: order entry, our orders, a simulated supplier that answers with
order responses and packing slips carrying planted deviations, and the result in the workbook.

``run_purchasing_demo(ws, today)`` runs on a demo workspace whose parties and price lists are
imported: it types order-entry rows (and two article settings below their reorder point) into
Innkjop.xlsx, runs ``orders make``, lets ``SimulatedSupplier`` answer every EDIFACT order, runs
``edi read`` and refreshes the tables. Planted, one per order in turn: changed quantity,
backorder with date, rejected line, added freight line, over-delivery, split delivery (two
packing slips); plus one unsolicited packing slip for a pickup order we never sent.
Deterministic for a given workspace and date.

The simulated supplier itself (``SimulatedSupplier``, ``PLANTS``) is ``simulated_supplier``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.issues import JobResult
from ..domain.wording import plural
from ..edi.mappings import orders as orders_map
from ..edi.reader import read_interchanges
from .identifiers import demo_codes
from .simulated_supplier import PLANTS, SimulatedSupplier

if TYPE_CHECKING:
    from ..workspace import Workspace

D = Decimal


def _articles(ws: Workspace, today: date, supplier: str, n: int):
    from ..jobs.effective_prices import effective_on

    with ws.store.connect() as conn:
        found = effective_on(conn, supplier, today)
    arts = [a for _, a in (found[k] for k in sorted(found)) if a.net is not None and not a.expired]
    return arts[:n]


def order_entry_rows(ws: Workspace, today: date, *, suppliers: int = 7) -> tuple[list[dict], list[dict]]:
    """(order-entry rows, article-settings rows) for the demo shop's workbook."""
    from ..store.parties import load_parties
    from ..store.prices import suppliers as priced

    partners = ws.config.partners
    with ws.store.connect() as conn:
        glns = priced(conn)
        sites = [
            p.gln
            for p in load_parties(conn, active_only=True)
            if p.gln and "DP" in p.roles and p.gln != ws.config.company.gln
        ]
    edi = [g for g in glns if partners.get(g) and partners[g].edi][:suppliers]
    paper = [g for g in glns if not (partners.get(g) and partners[g].edi)][:1]
    when = today + timedelta(days=7)
    rows, settings = [], []
    for i, gln in enumerate(edi):
        for j, art in enumerate(_articles(ws, today, gln, 3)):
            rows.append(
                {
                    "supplier": partners[gln].name or gln,
                    "article_no": art.article_no,
                    "quantity": D(10 + 5 * j),
                    "unit": art.unit,
                    "delivery_date": when,
                    "delivery_time": "07:00" if i == 0 else None,
                }
            )
    if edi:
        first = _articles(ws, today, edi[0], 5)
        if len(first) > 3:
            rows.append(
                {
                    "supplier": edi[0],
                    "article_no": first[3].article_no,
                    "quantity": D(4),
                    "pickup": True,
                    "delivery_date": today + timedelta(days=1),
                    "delivery_time": "14:30",
                }
            )
        if sites and len(first) > 4:
            rows.append(
                {
                    "supplier": edi[0],
                    "article_no": first[4].article_no,
                    "quantity": D(24),
                    "delivery_gln": sites[0],
                    "project": "P-2024-17",
                    "end_customer": "Hansen Bygg AS",
                    "delivery_date": when,
                }
            )
        rows.append({"supplier": edi[0], "article_no": "FINNES-IKKE-1", "quantity": D(1)})
    for gln in paper:
        arts = _articles(ws, today, gln, 3)
        rows += [
            {"supplier": gln, "article_no": a.article_no, "quantity": D(6), "delivery_date": when}
            for a in arts[:2]
        ]
        if len(arts) > 2:
            settings.append(
                {
                    "article_no": arts[2].article_no,
                    "supplier": gln,
                    "stock": D(2),
                    "reorder_point": D(5),
                    "reorder_qty": D(30),
                }
            )
    if len(edi) > 1:
        extra = _articles(ws, today, edi[1], 4)
        if len(extra) > 3:
            settings.append(
                {
                    "article_no": extra[3].article_no,
                    "supplier": edi[1],
                    "stock": D(0),
                    "reorder_point": D(10),
                    "reorder_qty": D(50),
                }
            )
    return rows, settings


def run_purchasing_demo(ws: Workspace, today: date) -> JobResult:
    """Order entry -> orders -> supplier answers -> edi read -> workbook tables."""
    from ..excel.openpyxl_adapter import OpenpyxlWorkbook
    from ..jobs.make_orders import make_orders
    from ..jobs.purchasing_tables import refresh_tables
    from ..jobs.read_inbox import read_inbox

    rows, settings = order_entry_rows(ws, today)
    book = OpenpyxlWorkbook(ws.purchasing_workbook)
    try:
        book.replace_rows("order_entry", rows)
        book.replace_rows("article_settings", settings)
        book.save()
    finally:
        book.close()
    made = make_orders(ws, on=today, now=datetime.combine(today, time(8, 0)))
    supplier = SimulatedSupplier(ws.inbox, today)
    sent = []
    for info in made.extra["orders"]:
        if info["format"] == "edifact":
            read = read_interchanges(Path(info["file"]).read_bytes())
            sent.append(orders_map.from_segments(read.messages[0].body, codes=demo_codes())[0])
    for k, order in enumerate(o for o in sent if not o.pickup):
        supplier.answer(order, PLANTS[k % len(PLANTS)])
    for order in (o for o in sent if o.pickup):
        supplier.answer(order, "clean")
    if sent:
        supplier.unsolicited(sent[0])
    read = read_inbox(ws, on=today, now=datetime.combine(today, time(12, 0)))
    result = JobResult(
        counts={
            "orders": made.counts.get("orders", 0),
            "order_lines": made.counts.get("lines", 0),
            "documents": read.counts.get("documents", 0),
            "accepted": read.counts.get("accepted", 0),
            "rejected": read.counts.get("rejected", 0),
        }
    )
    result.extend(made.issues)
    result.extend(read.issues)
    refresh_tables(ws, now=datetime.combine(today, time(12, 5)), result=result)
    result.extra.update(orders=made.extra["orders"], documents=read.extra["documents"])
    result.summary = (
        f"Innkjøp: {plural(result.counts['orders'], 'ordre', 'ordrer')} laget, "
        f"{result.counts['documents']} ordresvar og "
        f"pakksedler lest ({result.counts['rejected']} avvist); se Ordrer, Avvik og Mottak i "
        f"{ws.purchasing_workbook.name}."
    )
    return result
