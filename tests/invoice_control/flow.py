"""A small workspace for job-level tests: our company, one EDI supplier with a price list, an
order for three articles (25 % and 15 % VAT), packing slips, and invoices dropped into inbox/
(``invoic_text`` writes an INVOIC by hand, segment by segment, as a supplier's system does)."""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal as D

from vareflyt.demo.ehf_writer import ehf_xml
from vareflyt.domain.catalogue import CatalogueArticle, CatalogueKind
from vareflyt.domain.despatch import DespatchAdvice, DespatchLine, Package
from vareflyt.domain.invoices import Invoice, InvoiceKind, InvoiceLine, PaymentTerms
from vareflyt.domain.orders import PartyRef
from vareflyt.edi.mappings import desadv, invoic
from vareflyt.edi.writer import write_interchange
from vareflyt.jobs.read_inbox import read_inbox
from vareflyt.rules.invoice_control import complete
from vareflyt.rules.order_status import LineState, line_status
from vareflyt.store import price_list_rows, prices, purchase_orders
from vareflyt.workspace import init_workspace

OUR = "7080000000012"
SUPPLIER = "7080000000029"
ORDER = "100001"
ON = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 12, 0)
CONFIG = f'''
[company]
name = "Byggmester Test AS"
gln = "{OUR}"
orgnr = "923609016"

[partners."{SUPPLIER}"]
name = "Trelast Vest AS"
edi = true
'''
ARTICLES = [
    ("T100", "7040000000016", "MTR", D("45.50"), D(25)),
    ("T200", "7040000000023", "EA", D("89.00"), D(25)),
    ("KF-500", None, "EA", D("54.90"), D(15)),
]
QTY = {1: D(10), 2: D(6), 3: D(4)}
_TICK = [0]


def setup(ws, *, campaign: D | None = None) -> None:
    with ws.store.transaction() as conn:
        version = prices.add_version(
            conn,
            supplier=SUPPLIER,
            kind=CatalogueKind.NEW,
            valid_from=date(2026, 1, 1),
            file_name=None,
            file_hash=None,
            counts={},
            at=NOW,
        )
        rows = [
            CatalogueArticle(a, f"Vare {a}", gtin=g, unit=u, net=p, vat_pct=v) for a, g, u, p, v in ARTICLES
        ]
        if campaign is not None:
            rows[0] = replace(
                rows[0], campaign_net=campaign, campaign_from=date(2026, 2, 25), campaign_to=date(2026, 3, 1)
            )
        price_list_rows.add_rows(conn, version, [(None, a) for a in rows])
        lines = [
            LineState(n, QTY[n], a, g, None, f"Vare {a}", u, p)
            for n, (a, g, u, p, _) in enumerate(ARTICLES, 1)
        ]
        purchase_orders.insert_order(
            conn,
            lines,
            status_of=line_status,
            supplier_gln=SUPPLIER,
            number=ORDER,
            order_date=date(2026, 3, 1),
            status="sent",
            format="edifact",
            sent_at=datetime(2026, 3, 1, 9),
        )


@contextmanager
def workspace(path, *, config_text: str = CONFIG, delivered: bool = True):
    """A workspace with the supplier, its price list and the order, delivered on PS1."""
    ws = init_workspace(path, config_text=config_text)
    try:
        setup(ws)
        if delivered:
            deliver(ws, "PS1", QTY)
        yield ws
    finally:
        ws.close()


def _arrive(path):
    _TICK[0] += 1
    stamp = (1_770_000_000 + _TICK[0]) * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))
    return path


def deliver(ws, number: str, quantities: dict[int, D], final: bool = True) -> None:
    lines = tuple(
        DespatchLine(
            i,
            q,
            ARTICLES[n - 1][2],
            ARTICLES[n - 1][1],
            ARTICLES[n - 1][0],
            order_no=ORDER,
            order_line=str(n),
            sscc="370123450000000014",
        )
        for i, (n, q) in enumerate(sorted(quantities.items()), 1)
    )
    doc = DespatchAdvice(
        number,
        ON,
        PartyRef(gln=SUPPLIER),
        PartyRef(gln=OUR),
        lines,
        (Package("370123450000000014", "PX"),),
        order_no=ORDER,
        despatch_date=ON,
        final_delivery=final,
    )
    data = write_interchange(SUPPLIER, OUR, [("DESADV", desadv.to_segments(doc))], "D1", NOW)
    (ws.inbox / f"DESADV_{number}.edi").write_bytes(data)
    _arrive(ws.inbox / f"DESADV_{number}.edi")
    read_inbox(ws, on=ON, now=NOW)


def invoice(number: str, quantities: dict[int, D] | None = None, slips=("PS1",), **kw) -> Invoice:
    quantities = quantities or QTY
    lines = [
        InvoiceLine(
            str(i),
            q,
            D(0),
            unit=ARTICLES[n - 1][2],
            order_no=ORDER,
            order_line=str(n),
            seller_article_no=ARTICLES[n - 1][0],
            gtin=ARTICLES[n - 1][1],
            name=f"Vare {ARTICLES[n - 1][0]}",
            net_price=ARTICLES[n - 1][3],
            price_base_qty=D(1),
            vat_category="S",
            vat_rate=ARTICLES[n - 1][4],
        )
        for i, (n, q) in enumerate(sorted(quantities.items()), 1)
    ]
    values = dict(
        kind=InvoiceKind.INVOICE,
        number=number,
        issue_date=date(2026, 3, 3),
        supplier=PartyRef(gln=SUPPLIER, name="Trelast Vest AS"),
        buyer=PartyRef(gln=OUR),
        lines=tuple(lines),
        due_date=date(2026, 4, 2),
        currency="NOK",
        order_refs=(ORDER,),
        despatch_refs=tuple(slips),
        payment_terms=PaymentTerms(30, "30 dager netto"),
    )
    values.update(kw)
    return complete(Invoice(**values))


def credit(number: str, credited: str, quantities: dict[int, D]) -> Invoice:
    return invoice(
        number, quantities, slips=(), kind=InvoiceKind.CREDIT_NOTE, credited_invoice=credited, due_date=None
    )


def send(ws, inv: Invoice, ehf: bool = False, read: bool = True):
    if ehf:
        path, data = ws.inbox / f"EHF_{inv.number}.xml", ehf_xml(inv)
    else:
        data = write_interchange(SUPPLIER, OUR, [("INVOIC", invoic.to_segments(inv))], "I1", NOW)
        path = ws.inbox / f"INVOIC_{inv.number}.edi"
    path.write_bytes(data)
    _arrive(path)
    return read_inbox(ws, on=ON, now=NOW + timedelta(hours=1)) if read else None


def invoic_text(
    number: str, order: str, lines: list[tuple[int, str, str, str, str]], slip: str | None = None
) -> bytes:
    """A NeB INVOIC (D.03A, UNOC) written segment by segment: ``lines`` are (order line,
    article no., quantity, unit, net price), 25 % VAT, issued 03.03.2026, due 30 days net."""
    body = (
        [f"BGM+380+{number}+9", "DTM+137:20260303:102", f"RFF+ON:{order}"]
        + ([f"RFF+DQ:{slip}"] if slip else [])
        + [
            f"NAD+SU+{SUPPLIER}::9++Trelast Vest AS",
            "RFF+VA:NO923609016MVA",
            f"NAD+BY+{OUR}::9",
            "CUX+2:NOK:9",
            "PAT+1++5:3:D:30",
            "DTM+13:20260402:102",
        ]
    )
    total = D(0)
    for n, (order_line, article, qty, unit, price) in enumerate(lines, 1):
        amount = (D(qty) * D(price)).quantize(D("0.01"))
        total += amount
        body += [
            f"LIN+{n}",
            f"PIA+1+{article}:SA",
            f"QTY+47:{qty}:{unit}",
            f"MOA+203:{amount}",
            f"PRI+AAA:{price}:::1:{unit}",
            f"RFF+ON:{order}:{order_line}",
            "TAX+7+VAT+++:::25+S",
        ]
    vat = (total * D("0.25")).quantize(D("0.01"))
    body += [
        "UNS+S",
        f"CNT+2:{len(lines)}",
        f"MOA+79:{total}",
        f"MOA+125:{total}",
        f"MOA+176:{vat}",
        f"MOA+77:{total + vat}",
        f"MOA+9:{total + vat}",
        "TAX+7+VAT+++:::25+S",
        f"MOA+125:{total}",
        f"MOA+124:{vat}",
    ]
    message = ["UNH+1+INVOIC:D:03A:UN", *body, f"UNT+{len(body) + 2}+1"]
    segments = [
        "UNA:+.? ",
        f"UNB+UNOC:3+{SUPPLIER}:14+{OUR}:14+260303:1205+I{number}",
        *message,
        f"UNZ+1+I{number}",
    ]
    return ("'".join(segments) + "'").encode("latin-1")


def drop(ws, name: str, data: bytes):
    """A file arriving in inbox/ (arrival order kept), read with ``edi read``."""
    path = ws.inbox / name
    path.write_bytes(data)
    _arrive(path)
    return read_inbox(ws, on=ON, now=NOW + timedelta(hours=1))
