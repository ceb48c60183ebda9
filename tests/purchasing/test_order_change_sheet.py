"""The order-entry sheet's "Endrer ordre": a row naming a sent order makes a change order for it
when the orders are made; a change that cannot be made stays on its row with the reason."""

from datetime import date, datetime
from decimal import Decimal as D

import openpyxl
import sqlalchemy as sa

from vareflyt.jobs.make_orders import make_orders
from vareflyt.rules.ordering import EntryLine
from vareflyt.store.tables.purchasing import purchase_order_lines as pol
from vareflyt.store.tables.purchasing import purchase_orders as po

from .conftest import EDI_SUPPLIER, PAPER_SUPPLIER, lookup
from .edifact_text import header, lines
from .test_workbook import read, write_entry

ON = date(2026, 3, 2)


def type_column(ws, heading: str, values: list[str | None]) -> None:
    """Type into a column of *Bestilling* as a user does in Excel (by its heading)."""
    book = openpyxl.load_workbook(ws.purchasing_workbook)
    sheet = book["Bestilling"]
    column = next(c.column for c in sheet[1] if c.value == heading)
    for row, value in enumerate(values, start=2):
        sheet.cell(row, column).value = value
    book.save(ws.purchasing_workbook)


def test_endrer_ordre_rows_become_a_change_order(ws):
    first = make_orders(
        ws,
        entries=[EntryLine(EDI_SUPPLIER, "T100", D(120)), EntryLine(EDI_SUPPLIER, "T200", D(30))],
        on=ON,
        now=datetime(2026, 3, 2, 8),
        catalogue=lookup,
    )
    assert [o["number"] for o in first.extra["orders"]] == ["100001"]
    write_entry(
        ws,
        [
            {"supplier": "Trelast Vest AS", "article_no": "T200", "quantity": D(45)},
            {"article_no": "51234567", "quantity": D(1)},  # freight, added
            {"supplier": EDI_SUPPLIER, "article_no": "T100", "quantity": D(2)},
            {"supplier": EDI_SUPPLIER, "article_no": "T100", "quantity": D(5)},
        ],
    )
    type_column(ws, "Endrer ordre", ["100001", "100001", "424242", None])
    res = make_orders(ws, on=date(2026, 3, 3), now=datetime(2026, 3, 3, 8), catalogue=lookup)
    made = {o["number"]: o for o in res.extra["orders"]}
    assert sorted(made) == ["100002", "100003"] and made["100002"]["replaces"] == "100001"
    assert header(made["100002"]["file"])[0] == "BGM+220+100002+5" and "RFF+PW:100001" in header(
        made["100002"]["file"]
    )
    assert [s for s in lines(made["100002"]["file"]) if s.startswith(("LIN", "QTY"))] == [
        "LIN+1++7040000000016:EN",
        "QTY+21:120:MTR",
        "LIN+2++7040000000023:EN",
        "QTY+21:45:EA",
        "LIN+3",
        "QTY+21:1:EA",
    ]
    entry = read(ws, "order_entry")
    assert list(entry["status"]) == ["Bestilt", "Bestilt", "Ikke bestilt", "Bestilt"]
    assert list(entry["order_no"])[:2] == ["100002", "100002"] and entry["order_no"].iloc[3] == "100003"
    assert entry["reason"].iloc[2].startswith("Fant ingen ordre med nummer 424242")
    with ws.store.connect() as conn:
        assert conn.execute(sa.select(po.c.number, po.c.status, po.c.replaces).order_by(po.c.id)).all() == [
            ("100001", "replaced", None),
            ("100002", "sent", "100001"),
            ("100003", "sent", None),
        ]
        old = conn.execute(sa.select(pol.c.line_no, pol.c.ordered_qty).where(pol.c.order_id == 1)).all()
    assert old == [(1, D(120)), (2, D(30))]  # the replaced order keeps what it said
    again = make_orders(ws, on=date(2026, 3, 3), now=datetime(2026, 3, 3, 9), catalogue=lookup)
    assert again.extra["orders"] == []  # nothing ordered twice


def test_a_printable_change_order_says_what_it_replaces(ws):
    make_orders(
        ws,
        entries=[EntryLine(PAPER_SUPPLIER, "P1", D(10))],
        on=ON,
        now=datetime(2026, 3, 2, 8),
        catalogue=lookup,
    )
    write_entry(ws, [{"supplier": PAPER_SUPPLIER, "article_no": "P1", "quantity": D(25)}])
    type_column(ws, "Endrer ordre", ["100001"])
    res = make_orders(ws, on=date(2026, 3, 3), now=datetime(2026, 3, 3, 8), catalogue=lookup)
    (made,) = res.extra["orders"]
    html = open(made["file"][:-4] + ".html", encoding="utf-8").read()
    assert "Endringsordre: erstatter vår ordre 100001" in html and "<h1>Bestilling 100002</h1>" in html
    assert "<td>1</td><td>P1</td>" in html and ">25</td>" in html
