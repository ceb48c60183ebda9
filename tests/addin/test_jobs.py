"""Every ribbon button, run through ``dispatch.run`` on the openpyxl adapter over a workspace
made from the workbook templates: the effect on the workbook tables and the store, and the
message the user gets."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa

from vareflyt import __version__
from vareflyt.addin import run
from vareflyt.addin.ui import ScriptedUI
from vareflyt.domain.orders import LineAction, ResponseLine
from vareflyt.store import purchase_orders as purchasing_repo

from .conftest import DATA, DUNNING_DAY, SUPPLIER, purchasing, receivables, table, with_receivables

NOW = datetime.now().replace(microsecond=0)  # price lists are valid from today


def _import_everything(ws, party_file):
    run("import_parties", purchasing(ws), answers={"file": party_file}, now=NOW)
    run(
        "import_prices",
        purchasing(ws),
        answers={"file": DATA / "prices" / "jernvare.csv", "supplier": SUPPLIER},
        now=NOW,
    )


def _order(ws, party_file) -> str:
    _import_everything(ws, party_file)
    book = purchasing(ws)
    book.replace_rows(
        "order_entry",
        [
            {"supplier": SUPPLIER, "article_no": "J-001", "quantity": Decimal(3)},
            {"supplier": SUPPLIER, "article_no": "FINNES-IKKE", "quantity": Decimal(1)},
        ],
    )
    book.save()
    result = run("make_orders", purchasing(ws), now=NOW)
    return result.extra["orders"][0]["number"]


def test_import_parties_fills_parties_table_and_says_so(ws, party_file):
    book = purchasing(ws)
    result = run("import_parties", book, answers={"file": party_file}, now=NOW)
    assert result.counts["imported"] == 2
    parties = table(ws.purchasing_workbook, "parties")
    assert sorted(parties["name"]) == ["Rørgrossisten AS", "Trelast Vest AS"]
    assert list(parties.loc[parties["name"] == "Rørgrossisten AS", "gln"]) == [SUPPLIER]
    assert (
        len(book.messages) == 1
        and "importert 2, avvist 0, nye 2" in book.messages[0]
        and "Innkjop.xlsx" in book.messages[0]
    )


def test_import_prices_asks_file_and_supplier_and_fills_catalogue(ws, party_file):
    run("import_parties", purchasing(ws), answers={"file": party_file}, now=NOW)
    book = purchasing(ws)
    result = run(
        "import_prices",
        book,
        answers={"file": DATA / "prices" / "jernvare.csv", "supplier": f" {SUPPLIER} "},
        now=NOW,
    )
    assert result.extra["supplier"] == SUPPLIER and result.counts["imported"] == 4
    catalogue = table(ws.purchasing_workbook, "catalogue")
    assert "J-001" in set(catalogue["article_no"]) and set(catalogue["supplier_name"]) == {"Rørgrossisten AS"}
    assert "prislisteversjon 1" in book.messages[0]


def test_approve_prices_asks_supplier_and_confirms_the_oldest_waiting_list(ws, party_file):
    text = ws.config_path.read_text(encoding="utf-8")
    ws.config_path.write_text(
        text.replace("approve_before_use = false", "approve_before_use = true"), encoding="utf-8"
    )
    ws.__dict__.pop("config", None)
    _import_everything(ws, party_file)
    assert "J-001" not in set(table(ws.purchasing_workbook, "catalogue")["article_no"])  # waits
    assert (
        run("approve_prices", purchasing(ws), answers={"supplier": SUPPLIER, "confirm": False}, now=NOW)
        is None
    )
    book = purchasing(ws)
    result = run("approve_prices", book, answers={"supplier": SUPPLIER, "confirm": True}, now=NOW)
    assert result.counts == {"approved": 1} and "er godkjent" in book.messages[0]
    assert "J-001" in set(table(ws.purchasing_workbook, "catalogue")["article_no"])
    again = run("approve_prices", purchasing(ws), answers={"supplier": SUPPLIER, "confirm": True}, now=NOW)
    assert again.summary.startswith("Ingen prislister")


def test_make_orders_writes_status_back_and_refreshes_orders(ws, party_file):
    number = _order(ws, party_file)
    entry = table(ws.purchasing_workbook, "order_entry")
    assert list(entry["status"]) == ["Bestilt", "Ikke bestilt"] and entry.at[0, "order_no"] == number
    orders = table(ws.purchasing_workbook, "orders")
    assert list(orders["order_no"]) == [number] and orders.at[0, "supplier_name"] == "Rørgrossisten AS"
    assert len(list(ws.outbox.rglob("*.edi"))) == 1


def test_read_inbox_applies_response_and_open_deviations_counts_it(ws, party_file):
    from tests.purchasing.docs import drop, response

    number = _order(ws, party_file)
    drop(
        ws,
        response(number, ResponseLine(1, LineAction.NOT_ACCEPTED, ordered_qty=Decimal(3), reason="Utgått")),
    )
    book = purchasing(ws)
    result = run("read_inbox", book, now=NOW)
    assert result.counts["accepted"] == 1 and "1 godtatt" in book.messages[0]
    with ws.store.connect() as conn:
        assert purchasing_repo.find_order(conn, SUPPLIER, number).response_no == "R-1"
    assert len(table(ws.purchasing_workbook, "deviations")) >= 1

    ui = ScriptedUI()
    book = purchasing(ws)
    result = run("open_deviations", book, ui=ui, now=NOW)
    assert result.counts["open"] >= 1 and ui.sheets == ["Avvik"]
    assert f"{result.counts['open']} avvik venter" in book.messages[0]


def test_reconcile_invoices_runs_the_invoice_control_job(ws):
    book = purchasing(ws)
    result = run("reconcile_invoices", book, now=NOW)
    assert result is not None, book.messages
    assert result.counts["invoices"] == 0 and [i.code for i in result.issues] == ["invoice.none"]
    assert table(ws.purchasing_workbook, "invoice_control").empty
    assert (
        book.messages[0].startswith("0 fakturaer kontrollert")
        and "Ingen leverandørfakturaer" in book.messages[0]
    )


def test_dunning_preview_writes_list_and_letters_but_records_nothing(ws):
    from vareflyt.store.tables.receivables import dunning_events

    with_receivables(ws)
    book = receivables(ws)
    result = run("dunning_preview", book, now=datetime.combine(DUNNING_DAY, datetime.min.time()))
    assert result.extra["preview"] is True and result.counts["letters"] == 2
    assert sorted(table(ws.receivables_workbook, "dunning_list")["invoice_no"]) == ["5001", "5002", "5004"]
    with ws.store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(dunning_events)).scalar() == 0
    assert (
        "letters/2024-03-08/forhandsvisning/ (" in book.messages[0] and "Forhåndsvisning" in book.messages[0]
    )


def test_dunning_send_asks_first_and_records(ws):
    from vareflyt.store.tables.receivables import dunning_events

    with_receivables(ws)
    day = datetime.combine(DUNNING_DAY, datetime.min.time())
    book = receivables(ws)
    assert run("dunning_send", book, answers={"confirm": False}, now=day) is None and book.messages == []
    assert not (ws.letters / "2024-03-08").exists()
    result = run("dunning_send", receivables(ws), answers={"confirm": True}, now=day)
    assert result.extra["preview"] is False
    with ws.store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(dunning_events)).scalar() == 3


def test_aged_receivables_fills_aging_only(ws):
    with_receivables(ws)
    book = receivables(ws)
    result = run("aged_receivables", book, now=datetime(2024, 3, 8, 12))
    aging = table(ws.receivables_workbook, "aging")
    total = aging[aging["customer_name"] == "Sum"].iloc[0]
    # open on 08.03.2024 (no payments imported): 5001 10 000 (98 days), 5002 2 000 of 2 500 (53 days),
    # 5003 1 250.50 (not due), 5004 40 000 (7 days)
    assert total["total"] == Decimal("53250.50") and total["days_over_90"] == Decimal("10000.00")
    assert total["days_31_60"] == Decimal("2000.00") and total["not_due"] == Decimal("1250.50")
    assert (
        table(ws.receivables_workbook, "dunning_list").empty
        and not ws.letters.joinpath("2024-03-08").exists()
    )
    assert result.counts["customers"] == 3 and "53 250,50 kr" in book.messages[0]


def test_workspace_settings_checks_and_opens_the_config(ws):
    ui = ScriptedUI()
    book = purchasing(ws)
    result = run("workspace_settings", book, ui=ui, now=NOW)
    assert result.ok and ui.opened == [ws.config_path] and "gyldige" in book.messages[0]
    ws.config_path.write_text(
        ws.config_path.read_text(encoding="utf-8") + "\n[ukjent]\nx = 1\n", encoding="utf-8"
    )
    ui, book = ScriptedUI(), purchasing(ws)
    result = run("workspace_settings", book, ui=ui, now=NOW)
    assert not result.ok and ui.opened == [ws.config_path] and "ukjent" in book.messages[0]


def test_about_names_version_workspace_and_store(ws):
    book = receivables(ws)
    result = run("about", book, now=NOW)
    text = book.messages[0]
    assert result.extra["version"] == __version__ and f"Vareflyt {__version__}" in text
    assert str(ws.root) in text and "store.db" in text and "Kundereskontro.xlsx" in text


def test_dates_come_from_now(ws):
    with_receivables(ws)
    run("dunning_preview", receivables(ws), now=datetime(2024, 3, 25, 8))
    assert (ws.letters / date(2024, 3, 25).isoformat()).is_dir()


def test_reconcile_invoices_fills_invoice_control_from_the_store(tmp_path):
    from tests.invoice_control import flow
    from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
    from vareflyt.workspace import init_workspace

    ws = init_workspace(tmp_path / "ws", config_text=flow.CONFIG)
    try:
        flow.setup(ws)
        flow.deliver(ws, "PS1", flow.QTY)
        good = flow.invoice("F-1")
        line = good.lines[0]
        flow.send(
            ws,
            flow.invoice(
                "F-1",
                lines=(line.__class__(**{**line.__dict__, "net_price": Decimal("49.00")}),) + good.lines[1:],
            ),
        )
        book = OpenpyxlWorkbook(ws.purchasing_workbook)
        result = run("reconcile_invoices", book, now=datetime(2026, 3, 4, 9))
        assert result.counts["checked"] == 1 and result.counts["deviation"] == 1
        rows = table(ws.purchasing_workbook, "invoice_control")
        head = rows[rows["check"].isna()]
        assert list(head["invoice_no"]) == ["F-1"] and list(head["result"]) == ["avvik"]
        assert book.messages[0].startswith("1 faktura kontrollert: 0 godkjent, 1 med avvik")
    finally:
        ws.close()


def test_writing_buttons_wait_for_the_run_lock_like_their_commands(ws, party_file):
    """The nightly batch (or another desk on a shared store) holds the run lock: the ribbon's
    writing buttons stop with the holder's name instead of writing beside it, and make no order."""
    from vareflyt.jobs.nightly.lock import run_lock

    _import_everything(ws, party_file)
    entry = purchasing(ws)
    entry.replace_rows("order_entry", [{"supplier": SUPPLIER, "article_no": "J-001", "quantity": Decimal(3)}])
    entry.save()
    with run_lock(ws, 0, job="nattkjøring"):
        for button_id in ("make_orders", "read_inbox", "reconcile_invoices"):
            book = purchasing(ws)
            assert run(button_id, book, now=NOW) is None, button_id
            assert len(book.messages) == 1 and "nattkjøring" in book.messages[0], (button_id, book.messages)
    with ws.store.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM purchase_orders")).scalar_one() == 0
    result = run("make_orders", purchasing(ws), now=NOW)  # free again: the order is made
    assert result is not None and result.counts["orders"] == 1
    assert result.summary == "1 ordre laget, 0 linjer kunne ikke bestilles."
