"""The purchasing workbook's tables: refreshing what vareflyt writes from the store (orders,
order lines, receipts, deviations, log), with the Nøkkeltall sheet and its charts. What users
type there (order entry, article settings, manual receipts) is read by ``jobs.purchasing_entries``.

Derived tables are rebuilt whole from the store, so they can always be regenerated. Before
the receipts table is rewritten, a received quantity the user changed there is recorded as a
manual receipt (it confirms or corrects the packing slip's quantity). A workbook open in Excel
is not overwritten: the store stands, a warning says so, the next run refreshes the tables.
Orders still waiting for a response after their partner's ``response_hours`` are overdue.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..domain.issues import JobResult, Source, WorkbookLocked, warning
from ..rules.order_status import STATUS_LABELS, is_overdue, overdue_hours, response_due
from ..store import log
from ..store.outbox_ledger import order_words
from ..store.purchasing_sheet_rows import table_rows
from .purchasing_entries import take_manual_receipts
from .suppliers import supplier_names

if TYPE_CHECKING:
    from ..workspace import Workspace

DEFAULT_RESPONSE_HOURS = 24
KIND_LABELS = {"ordresvar": "Ordresvar", "pakkseddel": "Pakkseddel"}
SEVERITY_LABELS = {"error": "feil", "warning": "advarsel", "info": "info"}
DEV_STATUS = {"open": "åpen", "info": "til info", "done": "lukket"}


SOURCE_LABELS = {"own": "egen", "unsolicited": "uoppfordret"}


def response_hours(ws: Workspace, gln: str) -> int:
    settings = ws.config.partners.get(gln)
    return settings.response_hours if settings else DEFAULT_RESPONSE_HOURS


def overdue_orders(ws: Workspace, now: datetime) -> list[dict]:
    """Our own EDI orders without an order response after the partner's agreed hours (a
    printable order gets its confirmation outside vareflyt, so it is not monitored)."""
    with ws.store.connect() as conn:
        orders = table_rows(conn).orders
    out = []
    for o in orders:
        hours = response_hours(ws, o.supplier_gln)
        if (
            o.format == "edifact"
            and o.status == "sent"
            and not o.closed
            and o.sent_at is not None
            and is_overdue(o.sent_at, bool(o.response_no), hours, now)
        ):
            out.append(
                {
                    "number": o.number,
                    "supplier_gln": o.supplier_gln,
                    "sent": o.sent_at.isoformat(),
                    "due": response_due(o.sent_at, hours).isoformat(),
                    "hours_late": overdue_hours(o.sent_at, hours, now),
                }
            )
    return out


def _day(value):
    return value.date() if isinstance(value, datetime) else value


def build_rows(ws: Workspace, now: datetime) -> dict[str, list[dict]]:
    """Rows per workbook table key (schema column keys) from the store."""
    with ws.store.connect() as conn:
        data = table_rows(conn)
        logged = log.recent(conn, limit=5000)
        sending = order_words(conn)  # "sendt" only once a channel confirmed it (jobs.sending)
    names = supplier_names(ws)
    late = {o["number"] for o in overdue_orders(ws, now)}
    orders = []
    for o in data.orders:
        status = STATUS_LABELS.get(o.status, o.status)
        if o.status == "sent":
            status = sending.get(f"{o.supplier_gln}/{o.number}", status)
        if o.number in late and o.source == "own":
            status = "svar forsinket"
        orders.append(
            {
                "order_no": o.number,
                "order_date": o.order_date,
                "supplier_gln": o.supplier_gln,
                "supplier_name": names.get(o.supplier_gln, ""),
                "delivery_gln": o.delivery_gln,
                "delivery_date": _day(o.requested_delivery),
                "project": o.project,
                "end_customer": o.end_customer,
                "pickup": bool(o.pickup),
                "lines": o.line_count,
                "amount": o.amount,
                "status": status,
                "sent": o.sent_at,
                "response": o.response_no,
                "source": SOURCE_LABELS.get(o.source, o.source),
                "format": o.format,
                "confirmed_date": o.confirmed_date,
                "replaces": o.replaces,
            }
        )
    lines = []
    for ln in data.order_lines:
        price, qty = (
            ln.net_price,
            ln.confirmed_qty if ln.confirmed_qty is not None else ln.ordered_qty,
        )
        lines.append(
            {
                "order_no": ln.order_no,
                "line_no": ln.line_no,
                "article_no": ln.article_no,
                "gtin": ln.gtin,
                "name": ln.name,
                "quantity": ln.ordered_qty,
                "unit": ln.unit,
                "net": price,
                "amount": None if price is None else (price * qty).quantize(price.__class__("0.01")),
                "confirmed_qty": ln.confirmed_qty,
                "confirmed_date": ln.confirmed_date,
                "backorder_qty": ln.backorder_qty,
                "backorder_date": ln.backorder_date,
                "delivered_qty": ln.received_qty if ln.received_qty is not None else ln.delivered_qty,
                "invoiced_qty": ln.invoiced_qty,
                "status": STATUS_LABELS.get(ln.status, ln.status)
                + (" (lagt til av lev.)" if ln.added else ""),
            }
        )
    receipts = [
        {
            "despatch_no": r.despatch_no,
            "order_no": r.order_no,
            "line_no": r.order_line,
            "article_no": r.article_no,
            "gtin": r.gtin,
            "name": r.name,
            "despatched_qty": r.despatched_qty,
            "received_qty": r.received_qty if r.received_qty is not None else r.despatched_qty,
            "unit": r.unit,
            "sscc": r.sscc,
            "despatch_date": _day(r.despatch_date),
            "received_date": r.received_date or _day(r.received_at),
            "final": bool(r.final),
            "status": "ukjent linje"
            if r.order_line is None
            else (
                "korrigert"
                if r.received_qty is not None and r.received_qty != r.despatched_qty
                else "mottatt"
            ),
        }
        for r in data.receipts
    ]
    deviations = [
        {
            "date": d.date,
            "supplier_name": None if d.supplier_gln is None else names.get(d.supplier_gln, d.supplier_gln),
            "kind": KIND_LABELS.get(d.kind, d.kind),
            "document": d.document,
            "order_no": d.order_no,
            "line_no": d.line_no,
            "article_no": d.article_no,
            "code": d.code,
            "severity": SEVERITY_LABELS.get(d.severity, d.severity),
            "message": d.message,
            "status": DEV_STATUS.get(d.status, d.status),
        }
        for d in data.deviations
    ]
    log_rows = [
        {
            "time": r.at,
            "job": r.job,
            "direction": "ut" if r.direction == "out" else "inn",
            "document_type": r.doc_type,
            "partner": r.partner and names.get(r.partner, r.partner),
            "reference": r.doc_number,
            "file": r.file_name,
            "status": r.status,
            "message": r.message,
        }
        for r in logged
    ]
    return {
        "orders": orders,
        "order_lines": lines,
        "receipts": receipts,
        "deviations": deviations,
        "log": log_rows,
    }


def refresh_tables(
    ws: Workspace, *, book=None, now: datetime | None = None, result: JobResult | None = None
) -> JobResult:
    """Carry approved invoices over to the order lines, take in manual receipts, then rewrite
    the purchasing tables and the key figures (``jobs.key_figures``) from the store."""
    from .key_figures import purchasing_figures, write_sheets
    from .order_lines import sync_invoiced

    now = now or datetime.now()
    result = result or JobResult()
    with ws.store.transaction() as conn:
        result.counts["orders_invoiced_changed"] = sync_invoiced(conn)
    path = ws.purchasing_workbook
    own = book is None
    if own:
        if not path.exists():
            result.add(
                warning(
                    "workbook.missing",
                    f"Fant ikke {path.name}; tabellene ble ikke oppdatert.",
                    Source(file=path.name),
                )
            )
            return result
        from ..excel.openpyxl_adapter import OpenpyxlWorkbook

        book = OpenpyxlWorkbook(path)
    try:
        result.counts["manual_receipts"] = take_manual_receipts(ws, book, now.date(), result)
        for key, rows in build_rows(ws, now).items():
            book.replace_rows(key, rows)
        write_sheets(book, purchasing_figures(ws, now.date()))  # Nøkkeltall with charts
        book.save()
        if own:
            result.outputs.append(str(path))
    except WorkbookLocked:
        result.add(
            warning(
                "workbook.locked",
                f"{path.name} er åpen i Excel; innkjøpstabellene ble ikke oppdatert. "
                "Lukk arbeidsboken og kjør på nytt.",
                Source(file=path.name),
            )
        )
    finally:
        if own:
            book.close()
    return result
