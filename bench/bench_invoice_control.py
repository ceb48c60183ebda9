"""Benchmark: reconcile N supplier invoices × 20 lines (checks a–w) against their orders,
receipts and price versions in the store. Parsing is excluded: orders, packing slips, price
lists and invoices are written straight into a fresh SQLite store; the timed part is
``reconcile_invoices(ws, workbook=False)`` (load from the store, checks, outcome, save results),
best of three runs on the same store (statuses, findings and owed notices reset in between).

    .venv/bin/python bench/bench_invoice_control.py [N ...]     # default: 10000 20000
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal as D
from pathlib import Path

from stdnum import ean

from vareflyt.domain.catalogue import CatalogueArticle, CatalogueKind
from vareflyt.domain.invoices import Invoice, InvoiceKind, InvoiceLine, PaymentTerms
from vareflyt.domain.orders import PartyRef
from vareflyt.jobs.invoices.run import reconcile_invoices
from vareflyt.rules.invoice_control import complete
from vareflyt.store import invoice_storage, prices
from vareflyt.store.tables.invoices import invoice_findings, invoice_notices, supplier_invoices
from vareflyt.store.tables.purchasing import despatch_advices, purchase_order_lines, purchase_orders, receipts
from vareflyt.workspace import init_workspace

OUR = "7080000000012"
SUPPLIERS = 20
ARTICLES = 1000
LINES = 20
REPEAT = 3


def gln(n: int) -> str:
    body = f"70800{n:07d}"
    return body + ean.calc_check_digit(body)


def build(root: Path, n: int) -> object:
    config = f'[company]\nname = "Bench AS"\ngln = "{OUR}"\n' + "".join(
        f'[partners."{gln(100 + s)}"]\nname = "Lev {s}"\nedi = true\n' for s in range(SUPPLIERS))
    ws = init_workspace(root, config_text=config)
    now = datetime(2026, 3, 1, 12)
    catalogue = {}
    with ws.store.transaction() as conn:
        for s in range(SUPPLIERS):
            supplier = gln(100 + s)
            v1 = prices.add_version(conn, supplier=supplier, kind=CatalogueKind.NEW, valid_from=date(2026, 1, 1),
                                    file_name=None, file_hash=None, counts={}, at=now)
            arts = [CatalogueArticle(f"A{s}-{a}", f"Vare {a}", unit="EA", net=D(10 + a % 90) + D("0.90"),
                                     vat_pct=D(15) if a % 10 == 0 else D(25)) for a in range(ARTICLES)]
            prices.add_rows(conn, v1, [(None, a) for a in arts])
            v2 = prices.add_version(conn, supplier=supplier, kind=CatalogueKind.CHANGE, valid_from=date(2026, 2, 1),
                                    file_name=None, file_hash=None, counts={}, at=now)
            changed = [replace(a, net=a.net + 1) for a in arts[::20]]
            prices.add_rows(conn, v2, [(None, a) for a in changed])
            catalogue[supplier] = (arts, {a.article_no: a for a in changed})
    orders, lines, slips, got, heads = [], [], [], [], []
    parts = []
    for i in range(n):
        supplier = gln(100 + i % SUPPLIERS)
        arts, changed = catalogue[supplier]
        day = date(2026, 1, 5) + timedelta(days=i % 50)
        number = f"{200000 + i}"
        orders.append({"id": i + 1, "supplier_gln": supplier, "number": number, "order_date": day, "status": "delivered",
                       "format": "edifact", "sent_at": datetime.combine(day, datetime.min.time())})
        slips.append({"id": i + 1, "supplier_gln": supplier, "number": f"PS{number}", "issue_date": day,
                      "final": True, "received_at": now})
        inv_lines = []
        for k in range(LINES):
            a = arts[(i * 7 + k * 13) % ARTICLES]
            price = changed[a.article_no].net if day >= date(2026, 2, 1) and a.article_no in changed else a.net
            qty = D(1 + (i + k) % 9)
            lines.append({"order_id": i + 1, "line_no": k + 1, "article_no": a.article_no, "unit": "EA",
                          "net_price": price, "ordered_qty": qty, "delivered_qty": qty, "status": "delivered"})
            got.append({"despatch_id": i + 1, "despatch_line": k + 1, "order_id": i + 1, "order_no": number,
                        "order_line": k + 1, "article_no": a.article_no, "unit": "EA", "despatched_qty": qty})
            if i % 50 == 7 and k == 3:
                price += 2                                       # planted: 2 % of invoices priced too high
            inv_lines.append(InvoiceLine(str(k + 1), qty, D(0), unit="EA", order_no=number, order_line=str(k + 1),
                                         seller_article_no=a.article_no, net_price=price, price_base_qty=D(1),
                                         vat_category="S", vat_rate=a.vat_pct))
        inv = complete(Invoice(InvoiceKind.INVOICE, f"F{number}", day + timedelta(days=3), PartyRef(gln=supplier),
                               PartyRef(gln=OUR), tuple(inv_lines), due_date=day + timedelta(days=33), currency="NOK",
                               order_refs=(number,), despatch_refs=(f"PS{number}",),
                               payment_terms=PaymentTerms(30, "30 dager netto")))
        heads.append({"id": i + 1, "format": "edifact", "received_at": now, **invoice_storage._invoice_values(inv)})
        parts.append((i + 1, inv))
    with ws.store.transaction() as conn:
        for table, rows in ((purchase_orders, orders), (purchase_order_lines, lines), (despatch_advices, slips),
                            (receipts, got), (supplier_invoices, heads)):
            for start in range(0, len(rows), 20000):
                conn.execute(table.insert(), rows[start:start + 20000])
        invoice_storage.add_parts(conn, parts)
    return ws


def main(sizes: list[int]) -> None:
    times = {}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            ws = build(Path(tmp) / "ws", n)
            setup = time.perf_counter() - t0
            runs = []
            for _ in range(REPEAT):                     # best of REPEAT: the machine is shared
                with ws.store.transaction() as conn:
                    conn.execute(invoice_findings.delete())
                    conn.execute(invoice_notices.delete())
                    conn.execute(supplier_invoices.update().values(status="new", checked_on=None))
                t0 = time.perf_counter()
                result = reconcile_invoices(ws, on=date(2026, 3, 10), now=datetime(2026, 3, 10, 12), workbook=False)
                runs.append(time.perf_counter() - t0)
            times[n] = min(runs)
            ws.close()
        c = result.counts
        print(f"{n} invoices × {LINES} lines: reconcile {times[n]:.2f} s (runs {', '.join(f'{t:.2f}' for t in runs)}; "
              f"setup {setup:.1f} s); approved {c['approved']}, deviation {c['deviation']}, "
              f"rejected {c['rejected']}, waiting {c['waiting']}")
    if len(sizes) == 2:
        a, b = sizes
        print(f"ratio {b}/{a}: {times[b] / times[a]:.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10000, 20000])
