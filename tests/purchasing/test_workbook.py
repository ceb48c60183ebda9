"""The purchasing workbook: order entry in, status written back, derived tables, manual receipts,
overdue responses."""

from datetime import date, datetime
from decimal import Decimal as D

from vareflyt.domain.despatch import DespatchLine
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.jobs.make_orders import make_orders
from vareflyt.jobs.purchasing_tables import overdue_orders, refresh_tables
from vareflyt.jobs.read_inbox import read_inbox
from vareflyt.store import purchase_orders as repo

from .conftest import EDI_SUPPLIER, PAPER_SUPPLIER, lookup
from .docs import despatch, drop

ON = date(2026, 3, 2)


def write_entry(ws, rows, settings=()):
    book = OpenpyxlWorkbook(ws.purchasing_workbook)
    book.replace_rows("order_entry", rows)
    book.replace_rows("article_settings", list(settings))
    book.save()
    book.close()


def read(ws, table):
    book = OpenpyxlWorkbook(ws.purchasing_workbook)
    try:
        return book.read_table(table)
    finally:
        book.close()


def test_order_entry_from_workbook_with_reorder_and_write_back(ws):
    write_entry(
        ws,
        [
            {
                "supplier": "Trelast Vest AS",
                "article_no": "T100",
                "quantity": D(12),
                "delivery_date": date(2026, 3, 9),
            },
            {"supplier": EDI_SUPPLIER, "article_no": "NOPE", "quantity": D(1)},
        ],
        [
            {
                "article_no": "P1",
                "supplier": PAPER_SUPPLIER,
                "stock": D(2),
                "reorder_point": D(5),
                "reorder_qty": D(40),
            },
            {
                "article_no": "T200",
                "supplier": EDI_SUPPLIER,
                "stock": D(50),
                "reorder_point": D(5),
                "reorder_qty": D(40),
            },
        ],
    )
    res = make_orders(ws, on=ON, now=datetime(2026, 3, 2, 8), catalogue=lookup)
    assert res.counts["orders"] == 2 and res.counts["reorder_suggestions"] == 1
    entry = read(ws, "order_entry")
    assert list(entry["status"]) == ["Bestilt", "Ikke bestilt"]
    assert (
        entry["order_no"].iloc[0] == "100001"
        and entry["reason"].iloc[1] == "Ukjent artikkel hos leverandøren"
    )
    again = make_orders(ws, on=ON, catalogue=lookup)
    assert again.counts["orders"] == 0  # row has an order number; reorder covered by the open order
    assert [o["number"] for o in overdue_orders(ws, datetime(2026, 3, 9))] == [
        "100001"
    ]  # not the printed one
    refresh_tables(ws, now=datetime(2026, 3, 2, 9))
    orders = read(ws, "orders")
    assert (
        list(orders["order_no"]) == ["100001", "100002"]
        and list(orders["status"]) == ["klar til sending"] * 2
    )
    lines = read(ws, "order_lines")
    assert list(lines["quantity"]) == [D(12), D(40)]


def test_a_cell_that_cannot_be_read_is_reported_with_its_place(ws):
    book = OpenpyxlWorkbook(ws.purchasing_workbook)
    book.replace_rows("order_entry", [{"supplier": EDI_SUPPLIER, "article_no": "T100", "quantity": D(12)}])
    book.replace_rows(
        "article_settings",
        [
            {
                "article_no": "T200",
                "supplier": EDI_SUPPLIER,
                "stock": D(1),
                "reorder_point": D(5),
                "reorder_qty": D(10),
            }
        ],
    )
    book.save()
    book.close()
    import openpyxl  # type text where a number belongs, as a user can

    wb = openpyxl.load_workbook(ws.purchasing_workbook)
    for sheet, heading, text in (("Bestilling", "Antall", "tolv"), ("Artikler", "Lager", "ti")):
        column = next(c.column for c in wb[sheet][1] if c.value == heading)
        wb[sheet].cell(2, column).value = text
    wb.save(ws.purchasing_workbook)
    res = make_orders(ws, on=ON, now=datetime(2026, 3, 2, 8), catalogue=lookup)
    bad = sorted(
        (i.source.sheet, i.source.row, i.source.field) for i in res.issues if i.code == "excel.bad_value"
    )
    assert bad == [("Artikler", 2, "stock"), ("Bestilling", 2, "quantity")]
    assert res.counts["orders"] == 0  # neither a guessed quantity nor a guessed stock


def test_overdue_orders_and_manual_receipt_correction(ws):
    write_entry(ws, [{"supplier": EDI_SUPPLIER, "article_no": "T100", "quantity": D(10)}])
    make_orders(ws, on=ON, now=datetime(2026, 3, 2, 8), catalogue=lookup)
    assert overdue_orders(ws, datetime(2026, 3, 2, 20)) == []
    late = overdue_orders(ws, datetime(2026, 3, 3, 10))
    assert [(o["number"], o["hours_late"]) for o in late] == [("100001", 2)]
    refresh_tables(ws, now=datetime(2026, 3, 3, 10))
    assert list(read(ws, "orders")["status"]) == ["svar forsinket"]
    drop(ws, despatch("P-1", DespatchLine(1, D(10), order_line="1"), order_no="100001"))
    read_inbox(ws)
    refresh_tables(ws, now=datetime(2026, 3, 5, 10))
    book = OpenpyxlWorkbook(ws.purchasing_workbook)
    assert list(book.read_table("receipts")["received_qty"]) == [D(10)]
    book.set_values("receipts", 0, {"received_qty": D(9)})
    book.save()
    book.close()
    res = refresh_tables(ws, now=datetime(2026, 3, 5, 11))
    assert res.counts["manual_receipts"] == 1
    with ws.store.connect() as conn:
        order = repo.find_order(conn, EDI_SUPPLIER, "100001")
        line = repo.load_lines(conn, order.id)[0]
    assert line.received_qty == D(9) and order.status == "partly_delivered"
    assert list(read(ws, "receipts")["status"]) == ["korrigert"]
    log = read(ws, "log")
    assert set(log["document_type"]) >= {"ORDERS", "DESADV"}


def test_order_file_plus_reorder_suggestions_from_the_workbook(ws, tmp_path):
    write_entry(
        ws,
        [],
        [
            {
                "article_no": "T200",
                "supplier": "Trelast Vest AS",
                "stock": D(1),
                "reorder_point": D(5),
                "reorder_qty": D(25),
            }
        ],
    )
    csv = tmp_path / "ordre.csv"
    csv.write_text("Leverandør;Artikkelnr;Antall\nTrelast Vest AS;T100;3\n", encoding="utf-8")
    res = make_orders(ws, from_file=csv, on=ON, catalogue=lookup)
    assert res.counts["orders"] == 1 and res.counts["lines"] == 2 and res.counts["reorder_suggestions"] == 1
    assert list(read(ws, "order_entry")["status"]) == []  # nothing to write back for a file
