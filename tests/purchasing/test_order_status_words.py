"""Honest status words: an order vareflyt only wrote to outbox/ reads "klar til sending", never
"sendt" — nothing has confirmed that it reached the supplier. The stored status stays "sent"
(the JSON contract of ``orders list``); only the words people read change."""

from datetime import date, datetime
from decimal import Decimal as D

from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.jobs.make_orders import make_orders
from vareflyt.jobs.purchasing_tables import refresh_tables
from vareflyt.rules.ordering import EntryLine
from vareflyt.store.purchasing_sheet_rows import table_rows

from .conftest import EDI_SUPPLIER, PAPER_SUPPLIER, lookup

ON = date(2026, 3, 2)


def test_written_orders_are_ready_to_send_not_sent(ws):
    entries = [EntryLine(EDI_SUPPLIER, "T100", D(12)), EntryLine(PAPER_SUPPLIER, "P1", D(3))]
    make_orders(ws, entries=entries, on=ON, now=datetime(2026, 3, 2, 8), catalogue=lookup)
    refresh_tables(ws, now=datetime(2026, 3, 2, 9))
    book = OpenpyxlWorkbook(ws.purchasing_workbook)
    try:
        orders, lines = book.read_table("orders"), book.read_table("order_lines")
    finally:
        book.close()
    assert list(orders["status"]) == ["klar til sending"] * 2
    words = [str(v).lower() for table in (orders, lines) for v in table["status"]]
    assert words and not any("sendt" in w for w in words)
    with ws.store.connect() as conn:  # the stored value, which the JSON shows, is unchanged
        assert {o.status for o in table_rows(conn).orders} == {"sent"}
