"""``vareflyt demo`` after the imports: the nightly batch over several simulated days.

The demo drives the ordinary jobs (``run_batch`` and the public functions it calls) and plays
the outside world around them; jobs never import the demo.

Each day: what the outside world sends lands in ``inbox/`` (the open-items export on the
first day, the bank's camt.054 payments, the simulated suppliers' order responses, packing
slips and invoices from the day before), order-entry rows are typed into the workbook on
some days, and ``run_batch`` runs for that date as it would at night. The suppliers
(``demo.simulated_supplier.SimulatedSupplier``, ``demo.invoicing.SimulatedInvoicer``) answer after
the run, so their files are read the next night. Days already run are skipped, so running
the demo again changes nothing.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.issues import JobResult
from ..domain.wording import date_text, plural
from ..files import write_text

if TYPE_CHECKING:
    from ..workspace import Workspace

STATE = "demo_days.json"


def _state(ws: Workspace) -> dict:
    try:
        return json.loads((ws.private / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"done": [], "invoiced": []}


def _save(ws: Workspace, state: dict) -> None:
    write_text(ws.private / STATE, json.dumps(state, indent=1))


def _arrived(path: Path, when: datetime) -> None:
    stamp = int(when.timestamp()) * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def _type_order_entry(ws: Workspace, day: date, first: bool) -> int:
    """Order-entry rows as a buyer types them (the purchasing demo's choice of articles)."""
    from ..excel.openpyxl_adapter import OpenpyxlWorkbook
    from .purchasing import order_entry_rows

    rows, settings = order_entry_rows(ws, day)
    if not first:  # a smaller top-up order later in the week
        rows = [
            dict(r, quantity=r["quantity"] + 2)
            for r in rows
            if r.get("delivery_gln") is None
            and not r.get("pickup")
            and not str(r.get("article_no", "")).startswith("FINNES")
        ][:6]
        settings = []
    book = OpenpyxlWorkbook(ws.purchasing_workbook)
    try:
        old = book.read_table("order_entry")
        kept = (
            []
            if first
            else [
                {k: (None if v is None or str(v) == "<NA>" else v) for k, v in r.items()}
                for _, r in old.iterrows()
            ]
        )
        book.replace_rows("order_entry", kept + rows)
        if first:
            book.replace_rows("article_settings", settings)
        book.save()
    finally:
        book.close()
    return len(rows)


def _answer_orders(ws: Workspace, day: date, went_out: list[dict], offset: int) -> int:
    """The suppliers answer the EDI orders the night's run sent (ORDRSP, DESADV into inbox/)."""
    from ..edi.mappings import orders as orders_map
    from ..edi.reader import read_interchanges
    from .identifiers import demo_codes
    from .simulated_supplier import PLANTS, SimulatedSupplier

    supplier = SimulatedSupplier(ws.inbox, day)
    sent = []
    for item in went_out:
        link = item.get("link") or ""
        if item["kind"] == "ordre" and link.endswith(".edi") and (ws.root / link).is_file():
            read = read_interchanges((ws.root / link).read_bytes())
            sent.append(orders_map.from_segments(read.messages[0].body, codes=demo_codes())[0])
    for k, order in enumerate(sent):
        supplier.answer(order, "clean" if order.pickup else PLANTS[(k + offset) % len(PLANTS)])
    if sent and offset == 0:
        supplier.unsolicited(sent[0])
    return supplier.count


def _invoice_deliveries(ws: Workspace, day: date, state: dict) -> int:
    """The suppliers invoice what they delivered (INVOIC, EHF for every third), once per order;
    the first invoice is 7 % above the agreed price (invoice control flags check l)."""
    from .invoicing import (
        SimulatedInvoicer,
        above_agreement,
        delivered_orders,
        invoice_lines,
        price_rows,
        received_by_line,
    )

    sim = SimulatedInvoicer(ws, day)
    done = set(state["invoiced"])
    prices: dict = {}
    with ws.store.connect() as conn:
        for k, (order, lines, slips) in enumerate(delivered_orders(ws)):
            if order.number in done or not slips or order.pickup:
                continue
            key = (order.supplier_gln, order.order_date or day)
            if key not in prices:
                prices[key] = price_rows(conn, *key)
            inv_lines = invoice_lines(
                order, lines, received_by_line(slips), prices[key], order.order_date or day
            )
            if not inv_lines:
                continue
            if not state["invoiced"] and not done - set(state["invoiced"]):
                inv_lines[0] = above_agreement(inv_lines[0])
            sim.drop(sim.invoice(f"F{order.number}", order, inv_lines, sorted(slips)), ehf=k % 3 == 2)
            done.add(order.number)
    state["invoiced"] = sorted(done)
    return sim.count


def run_days(ws: Workspace, first: date, days: int, customers=None) -> JobResult:
    """Run the batch for ``days`` nights starting ``first``; returns what each night did."""
    from ..jobs.nightly.runner import run_batch

    state = _state(ws)
    nights, attention = [], 0
    for n in range(days):
        day = first + timedelta(days=n)
        if day.isoformat() in state["done"]:
            continue
        morning = datetime.combine(day, time(6, 0))
        if customers is not None and n == 0:
            _arrived(customers.write_open_items(ws.inbox, day), morning - timedelta(hours=5))
        elif customers is not None:  # yesterday's payments (the export already has earlier ones)
            payments = customers.write_payments(
                ws.inbox, day - timedelta(days=1), ws.config.company.bank_account
            )
            if payments is not None:
                _arrived(payments, morning - timedelta(hours=4))
        if n in (0, 2):
            _type_order_entry(ws, day, first=n == 0)
        result = run_batch(ws, on=day, now=datetime.combine(day, time(2, 30)), force=True)
        answered = _answer_orders(ws, day, result.extra["went_out"], offset=n)
        invoiced = _invoice_deliveries(ws, day, state) if n >= 1 else 0
        nights.append(
            {
                "date": day.isoformat(),
                "came_in": len(result.extra["came_in"]),
                "went_out": len(result.extra["went_out"]),
                "attention": len(result.extra["attention"]),
                "exit_code": result.extra["exit_code"],
                "supplier_files": answered + invoiced,
                "report": result.outputs[0] if result.outputs else None,
            }
        )
        attention += len(result.extra["attention"])
        state["done"].append(day.isoformat())
        _save(ws, state)
    out = JobResult(counts={"nights": len(nights), "attention": attention}, extra={"nights": nights})
    out.summary = "\n".join(
        f"  Natt {date_text(date.fromisoformat(x['date']))}: {x['came_in']} inn, "
        f"{x['went_out']} ut, {x['attention']} til oppfølging; leverandørene sendte "
        f"{plural(x['supplier_files'], 'fil', 'filer')}"
        for x in nights
    )
    return out
