"""orders make: grouping, numbering, EDIFACT vs printable, reasons, idempotency."""

from datetime import date, datetime
from decimal import Decimal as D

import sqlalchemy as sa

from vareflyt.edi.mappings import orders as orders_map
from vareflyt.edi.reader import read_interchanges
from vareflyt.jobs.make_orders import make_orders
from vareflyt.rules.ordering import EntryLine
from vareflyt.store.tables.purchasing import purchase_order_lines, purchase_orders

from .conftest import EDI_SUPPLIER, OUR, PAPER_SUPPLIER, SITE, lookup

ON = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, 0)


def entries():
    return [
        EntryLine("Trelast Vest AS", "T100", D(120), delivery_date=date(2026, 3, 10), delivery_time="07:00"),
        EntryLine(EDI_SUPPLIER, "7040000000023", D(30), delivery_date=date(2026, 3, 10)),
        EntryLine(EDI_SUPPLIER, "51234567", D(1)),  # freight by NOBB number
        EntryLine(EDI_SUPPLIER, "T100", D(50), delivery_gln=SITE, project="P-77", end_customer="Hansen Bygg"),
        EntryLine(
            EDI_SUPPLIER, "T200", D(5), pickup=True, delivery_date=date(2026, 3, 4), delivery_time="14:30"
        ),
        EntryLine(PAPER_SUPPLIER, "P1", D(10)),
        EntryLine(EDI_SUPPLIER, "T300", D(1)),
        EntryLine(EDI_SUPPLIER, "T400", D(1)),
        EntryLine(EDI_SUPPLIER, "NOPE", D(1)),
        EntryLine("Ukjent AS", "T100", D(1)),
        EntryLine("7080000000013", "T100", D(1)),  # GLN with a wrong check digit
        EntryLine(EDI_SUPPLIER, "T100", None),
    ]


def test_orders_grouped_numbered_and_written(ws):
    res = make_orders(ws, entries=entries(), on=ON, now=NOW, catalogue=lookup)
    orders = res.extra["orders"]
    assert [(o["supplier_gln"], o["delivery_gln"], o["lines"], o["format"]) for o in orders] == [
        (EDI_SUPPLIER, OUR, 3, "edifact"),
        (EDI_SUPPLIER, SITE, 1, "edifact"),
        (EDI_SUPPLIER, EDI_SUPPLIER, 1, "edifact"),
        (PAPER_SUPPLIER, OUR, 1, "pdf"),
    ]
    assert [o["number"] for o in orders] == ["100001", "100002", "100003", "100004"]
    assert sorted(i.code for i in res.issues) == [
        "order.article",
        "order.expired",
        "order.pickup_address",
        "order.price",
        "order.quantity",
        "order.supplier",
        "order.supplier",
    ]  # pickup place: no stored address
    first = read_interchanges(open(orders[0]["file"], "rb").read())
    assert first.ok and first.interchanges[0].receiver == EDI_SUPPLIER
    order, issues = orders_map.from_segments(first.messages[0].body)
    assert order.number == "100001" and order.requested_delivery == datetime(2026, 3, 10, 7, 0)
    assert [(ln.seller_article_no, ln.quantity) for ln in order.lines] == [
        ("T100", D(120)),
        ("T200", D(30)),
        ("FRAKT", D(1)),
    ]
    assert order.lines[2].delivery is None or order.lines[2].delivery == order.requested_delivery
    site = orders_map.from_segments(read_interchanges(open(orders[1]["file"], "rb").read()).messages[0].body)[
        0
    ]
    assert site.delivery_party.gln == SITE and site.project_ref == "P-77"
    assert site.ultimate_customer.name == "Hansen Bygg"
    pickup = orders_map.from_segments(
        read_interchanges(open(orders[2]["file"], "rb").read()).messages[0].body
    )[0]
    assert pickup.pickup and pickup.pickup_place.gln == EDI_SUPPLIER
    assert orders[3]["file"].endswith(".pdf") and open(orders[3]["file"], "rb").read(4) == b"%PDF"
    html = open(orders[3]["file"][:-4] + ".html", encoding="utf-8").read()
    assert "Bestilling 100004" in html and "129,90" in html


def test_second_run_orders_nothing_twice(ws):
    make_orders(ws, entries=entries(), on=ON, now=NOW, catalogue=lookup)
    again = make_orders(ws, entries=entries(), on=ON, now=NOW, catalogue=lookup)
    assert again.extra["orders"] == [] and again.counts["already_ordered"] == 6
    with ws.store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(purchase_orders)).scalar_one() == 4
        assert conn.execute(sa.select(sa.func.count()).select_from(purchase_order_lines)).scalar_one() == 6


def test_two_identical_lines_are_both_ordered_once(ws):
    twice = [EntryLine(EDI_SUPPLIER, "T100", D(1)), EntryLine(EDI_SUPPLIER, "T100", D(1))]
    assert make_orders(ws, entries=twice, on=ON, now=NOW, catalogue=lookup).counts["lines"] == 2
    assert make_orders(ws, entries=twice, on=ON, now=NOW, catalogue=lookup).counts["lines"] == 0


def test_prices_from_the_price_store_on_the_order_date(ws, tmp_path):
    from vareflyt.jobs.import_prices import import_prices

    plist = tmp_path / "prisliste.csv"
    plist.write_text(
        "Varenr;GTIN;Varenavn;Enhet;Bruttopris;Rabatt;Nettopris;Gyldig til\n"
        "T100;7040000000016;Konstruksjonsvirke;m;50,00;10;45,00;\n"
        "T300;;Utgått lekt;m;5,00;0;5,00;01.01.2026\n",
        encoding="utf-8",
    )
    assert import_prices(ws, plist, EDI_SUPPLIER, "new", date(2026, 1, 1)).ok
    res = make_orders(
        ws,
        entries=[
            EntryLine(EDI_SUPPLIER, "7040000000016", D(3)),
            EntryLine(EDI_SUPPLIER, "T300", D(1)),
            EntryLine(EDI_SUPPLIER, "T999", D(1)),
        ],
        on=ON,
        now=NOW,
    )
    assert res.counts["orders"] == 1 and sorted(i.code for i in res.issues) == [
        "order.article",
        "order.expired",
    ]
    with ws.store.connect() as conn:
        price = conn.execute(sa.select(purchase_order_lines.c.net_price)).scalar_one()
    assert price == D("45.00")


def test_written_orders_pass_the_neb_guide(ws):
    from vareflyt.edi.validate import validate_message

    res = make_orders(ws, entries=entries(), on=ON, now=NOW, catalogue=lookup)
    for info in res.extra["orders"]:
        if info["format"] == "edifact":
            read = read_interchanges(open(info["file"], "rb").read(), file=info["file"])
            assert read.ok and not [i for m in read.messages for i in validate_message(m) if i.is_error]
