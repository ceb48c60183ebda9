"""The shared layout as the jobs use it: ``orders make`` and invoice control write their PDFs
with the workspace's ``logo.png``, the supplier's stored address (from a party list exported
by an ERP as CSV, imported with ``parties import``) in the envelope window, the delivery place
by name, and a deviation notice titled with the supplier's name and GLN. A logo that cannot
be read leaves the documents without it and says so; the run goes on."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal as D

import pypdf

from vareflyt.domain.catalogue import CatalogueArticle
from vareflyt.jobs.import_parties import import_parties
from vareflyt.jobs.invoices.run import reconcile_invoices
from vareflyt.jobs.make_orders import make_orders
from vareflyt.rules.ordering import EntryLine
from vareflyt.workspace import init_workspace

from ..invoice_control import flow
from .reading import WINDOW, find, images_on, pieces, text_of, write_logo

PAPER, SITE = "7080000000036", "7080000000043"
CONFIG = f'''
[company]
name = "Byggmester Test AS"
gln = "7080000000012"
orgnr = "923609016"

[partners."{PAPER}"]
name = "Papir Leverandør AS"
edi = false
'''
HEADER = [
    "Partnernr",
    "Navn",
    "GLN",
    "Org.nr.",
    "MVA-nr",
    "Roller",
    "Adresse",
    "Postnr",
    "Poststed",
    "E-post",
    "Kontonr",
    "EDI",
    "Aktiv",
]


def party_list(path, rows) -> None:
    """A party list as an ERP exports it: semicolons, Windows line ends."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows([HEADER, *rows])
    path.write_bytes(out.getvalue().encode("utf-8"))


def in_window(found, text) -> bool:
    left, top, right, bottom = WINDOW
    p = find(found, text)
    return left <= p.x and p.right <= right and top <= p.top and p.bottom <= bottom


def test_orders_make_draws_the_logo_the_suppliers_address_and_the_delivery_place(tmp_path):
    ws = init_workspace(tmp_path / "ws", config_text=CONFIG)
    try:
        party_list(
            tmp_path / "parter.csv",
            [
                [
                    "2001",
                    "Papir Leverandør AS",
                    PAPER,
                    "",
                    "",
                    "SU",
                    "Postboks 40; Lagerveien 2",
                    "0581",
                    "Oslo",
                    "",
                    "",
                    "nei",
                    "ja",
                ],
                [
                    "3001",
                    "Byggeplass Nord",
                    SITE,
                    "",
                    "",
                    "DP",
                    "Storgata 9",
                    "9008",
                    "Tromsø",
                    "",
                    "",
                    "nei",
                    "ja",
                ],
            ],
        )
        import_parties(ws, tmp_path / "parter.csv")
        write_logo(ws.root / "logo.png")
        article = CatalogueArticle("P1", "Skruer 5x50", unit="PK", net=D("129.90"))
        result = make_orders(
            ws,
            entries=[EntryLine(PAPER, "P1", D("3E+1"), delivery_gln=SITE)],
            on=date(2026, 3, 2),
            now=datetime(2026, 3, 2, 9),
            catalogue=lambda gln, key, on: [article] * (key == "P1"),
        )
        [order] = result.extra["orders"]
        pdf = open(order["file"], "rb").read()
    finally:
        ws.close()
    found = pieces(pdf)
    assert all(
        in_window(found, t) for t in ("Papir Leverandør AS", "Postboks 40", "Lagerveien 2", "0581 Oslo")
    )
    assert len(images_on(pdf)) == 1
    text = text_of(pdf)
    assert f"Leveringssted: Byggeplass Nord, Storgata 9, 9008 Tromsø (GLN {SITE})" in text
    assert "Side 1 av 1" in text and "3E+1" not in text


def test_a_deviation_notice_names_the_supplier_and_a_broken_logo_only_gives_a_warning(tmp_path):
    day = date(2026, 3, 4)
    with flow.workspace(tmp_path / "ws") as ws:
        party_list(
            tmp_path / "parter.csv",
            [
                [
                    "1001",
                    "Trelast Vest AS",
                    flow.SUPPLIER,
                    "",
                    "",
                    "SU",
                    "Kaigaten 1",
                    "5015",
                    "Bergen",
                    "",
                    "",
                    "ja",
                    "ja",
                ]
            ],
        )
        import_parties(ws, tmp_path / "parter.csv")
        (ws.root / "logo.png").write_bytes(b"GIF89a - ikke en hel fil")
        flow.drop(
            ws,
            "INVOIC_F-1.edi",
            flow.invoic_text("F-1", flow.ORDER, [(1, "T100", "10", "MTR", "49.00")], "PS1"),
        )
        result = reconcile_invoices(ws, on=day, now=datetime.combine(day, datetime.min.time()))
        pdf = (ws.letters / day.isoformat() / f"fakturaavvik-{flow.SUPPLIER}.pdf").read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == f"Fakturaavvik – Trelast Vest AS ({flow.SUPPLIER})"
    found = pieces(pdf)
    assert all(in_window(found, t) for t in ("Trelast Vest AS", "Kaigaten 1", "5015 Bergen"))
    assert images_on(pdf) == []
    [logo] = [i for i in result.issues if i.code == "documents.logo"]
    assert "logo.png" in logo.message and "uten logo" in logo.message
