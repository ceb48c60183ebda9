"""One supplier directory (issue 18 item 4): a supplier named differently by the party register,
vareflyt.toml, its price list's title and its invoice's NAD is named by the register everywhere a
person reads it — the Katalog table, Fakturakontroll, the scorecard sheet and the CLI."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.jobs.import_parties import import_parties
from vareflyt.jobs.import_prices import import_prices
from vareflyt.jobs.invoices.run import reconcile_invoices
from vareflyt.jobs.suppliers import Suppliers
from vareflyt.rules.order_status import LineState, line_status
from vareflyt.store import purchase_orders
from vareflyt.workspace import init_workspace

from ..invoice_control import flow
from ..prices.supplier_files import xlsx_with_title

SUPPLIER = flow.SUPPLIER
REGISTER = "Trelast Vest Norge AS"  # the party register's name: it wins
SETTING = "Trelast (innstilling)"  # [partners] name in vareflyt.toml
TITLE = "Trelast Vestlandet Engros AS"  # the price list's title
ON_INVOICE = "TV Fakturering AS"  # NAD+SU on the invoice
LABEL = f"{REGISTER} ({SUPPLIER})"
OTHERS = (SETTING, TITLE, ON_INVOICE)
PARTIES = (
    "Partnernr;Navn;GLN;Org.nr.;Roller;EDI;Aktiv\r\n"
    f"1002;{REGISTER};{SUPPLIER};987654325;Leverandør;ja;ja\r\n"
)
HEAD = ["Varenr", "EAN", "Varebeskrivelse", "Enhet", "Nettopris"]
ROWS = [
    ["T100", "7040000000016", "Vare T100", "MTR", 45.5],
    ["T200", "7040000000023", "Vare T200", "EA", 89],
    ["KF-500", None, "Vare KF-500", "EA", 54.9],
]
RUN = datetime(2026, 3, 4, 9)


@pytest.fixture
def shop(tmp_path):
    ws = init_workspace(
        tmp_path / "ws", config_text=flow.CONFIG.replace('name = "Trelast Vest AS"', f'name = "{SETTING}"')
    )
    try:
        (tmp_path / "parter.csv").write_bytes(PARTIES.encode("utf-8"))
        assert import_parties(ws, tmp_path / "parter.csv", now=RUN).ok
        price_list = xlsx_with_title(
            tmp_path / "prisliste.xlsx", [[TITLE], ["Prisliste gyldig fra 01.01.2026"]], HEAD, ROWS
        )
        imported = import_prices(ws, price_list, SUPPLIER, "new", date(2026, 1, 1), today=date(2026, 1, 1))
        assert imported.ok, imported.issues
        ws.said_on_import = imported.summary  # the import's own message, for the test
        with ws.store.transaction() as conn:
            lines = [
                LineState(n, flow.QTY[n], a, g, None, f"Vare {a}", u, p)
                for n, (a, g, u, p, _) in enumerate(flow.ARTICLES, 1)
            ]
            purchase_orders.insert_order(
                conn,
                lines,
                status_of=line_status,
                supplier_gln=SUPPLIER,
                number=flow.ORDER,
                order_date=date(2026, 3, 1),
                status="sent",
                format="edifact",
                sent_at=datetime(2026, 3, 1, 9),
            )
        flow.deliver(ws, "PS1", flow.QTY)
        text = flow.invoic_text(
            "F-1",
            flow.ORDER,
            [(1, "T100", "10", "MTR", "45.50"), (2, "T200", "6", "EA", "89.00")],
            slip="PS1",
        ).replace(b"++Trelast Vest AS", f"++{ON_INVOICE}".encode("latin-1"))
        flow.drop(ws, "INVOIC_F-1.edi", text)
        reconcile_invoices(ws, on=RUN.date(), now=RUN)
        yield ws
    finally:
        ws.close()


def _table(ws, key: str):
    with OpenpyxlWorkbook(ws.purchasing_workbook) as book:
        return book.read_table(key)


def test_the_register_name_wins_over_the_setting_the_title_and_the_invoice(shop):
    assert set(_table(shop, "catalogue")["supplier_name"]) == {REGISTER}  # Katalog
    control = _table(shop, "invoice_control")
    assert len(control) and set(control["supplier_name"]) == {REGISTER}  # Fakturakontroll
    assert set(_table(shop, "supplier_invoices")["supplier_name"]) == {REGISTER}
    book = openpyxl.load_workbook(shop.purchasing_workbook, read_only=True)
    try:
        score = [str(c) for row in book["Leverandørscore"].iter_rows(values_only=True) for c in row if c]
    finally:
        book.close()
    assert any(REGISTER in c for c in score) and not any(o in c for c in score for o in OTHERS)
    assert Suppliers(shop).label(SUPPLIER) == LABEL


def test_the_cli_names_the_supplier_as_the_sheets_do(shop):
    scorecard = CliRunner().invoke(
        app, ["invoices", "scorecard", "--to", "2026-03-04", "--workspace", str(shop.root)]
    )
    assert scorecard.exit_code == 0, scorecard.output
    assert f"{LABEL}  levering" in scorecard.output
    lookup = CliRunner().invoke(
        app,
        [
            "prices",
            "lookup",
            "--supplier",
            SUPPLIER,
            "--article",
            "FINNES-IKKE",
            "--date",
            "2026-03-04",
            "--workspace",
            str(shop.root),
        ],
    )
    assert lookup.exit_code == 1, lookup.output
    assert f"Fant ingen pris for FINNES-IKKE fra {LABEL}" in " ".join(lookup.output.split())
    assert not any(o in scorecard.output + lookup.output for o in OTHERS)
    assert f"for {LABEL}," in shop.said_on_import
