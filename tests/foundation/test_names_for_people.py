"""Suppliers are named for people ("Rørgrossisten AS (7080000000029)") in messages and sheets,
and the ribbon's price-list buttons let the user pick the supplier by name (issue 16, item 4).
JSON keeps the bare GLN for machines."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from vareflyt.addin import run
from vareflyt.addin.ui import ScriptedUI
from vareflyt.cli.app import app
from vareflyt.jobs.suppliers import Suppliers, name_with_gln

from ..addin.conftest import DATA, SUPPLIER, party_file, purchasing, seed, ws  # noqa: F401 - fixtures

OTHER = "7080000000036"  # Trelast Vest AS in the party file
UNKNOWN = "7080000000043"  # no party has it
NOW = datetime.now().replace(microsecond=0)  # price lists are valid from today
RORGROSSISTEN = f"Rørgrossisten AS ({SUPPLIER})"
TRELAST = f"Trelast Vest AS ({OTHER})"


def _parties(ws, party_file):
    run("import_parties", purchasing(ws), answers={"file": party_file}, now=NOW)


def _prices(ws, supplier=SUPPLIER):
    ui = ScriptedUI({"file": DATA / "prices" / "jernvare.csv", "supplier": supplier})
    return run("import_prices", purchasing(ws), ui=ui, now=NOW), ui


def test_a_gln_is_named_with_the_gln_beside_it_and_bare_only_when_unknown(ws, party_file):
    _parties(ws, party_file)
    suppliers = Suppliers(ws)
    assert suppliers.label(OTHER) == TRELAST
    assert suppliers.label(UNKNOWN) == UNKNOWN
    assert name_with_gln(UNKNOWN, "  ") == UNKNOWN


def test_price_import_offers_the_suppliers_by_name_and_takes_the_picked_one(ws, party_file):
    _parties(ws, party_file)
    result, ui = _prices(ws, RORGROSSISTEN)
    assert ui.offered == [RORGROSSISTEN, TRELAST]  # sorted by name, GLN beside
    assert result.ok and result.extra["supplier"] == SUPPLIER  # JSON keeps the GLN
    assert f"for {RORGROSSISTEN}," in result.summary  # the message names it


def test_price_import_takes_a_typed_name_or_gln_instead(ws, party_file):
    _parties(ws, party_file)
    assert _prices(ws, "  trelast vest as ")[0].extra["supplier"] == OTHER
    assert _prices(ws, SUPPLIER)[0].extra["supplier"] == SUPPLIER


def test_price_import_refuses_text_that_is_no_supplier_and_imports_nothing(ws, party_file):
    _parties(ws, party_file)
    book = purchasing(ws)
    ui = ScriptedUI({"file": DATA / "prices" / "jernvare.csv", "supplier": "Ukjent Trelast"})
    assert run("import_prices", book, ui=ui, now=NOW) is None
    assert "«Ukjent Trelast» er verken en leverandør i partnerlisten eller et gyldig GLN" in book.messages[-1]
    assert "Traceback" not in book.messages[-1]


def test_withdraw_button_names_the_picked_supplier(ws, party_file):
    _parties(ws, party_file)
    ui = ScriptedUI({"supplier": TRELAST, "confirm": True})
    result = run("withdraw_prices", purchasing(ws), ui=ui, now=NOW)
    assert result.summary == f"Ingen prislister fra {TRELAST} å trekke tilbake."


def test_scorecard_lists_suppliers_by_name(ws, party_file):
    _parties(ws, party_file)
    _prices(ws, SUPPLIER)
    out = CliRunner().invoke(app, ["invoices", "scorecard", "--workspace", str(ws.root)])
    assert out.exit_code == 0, out.output
    assert f"{RORGROSSISTEN}  levering" in out.output
    as_json = CliRunner().invoke(app, ["invoices", "scorecard", "--workspace", str(ws.root), "--json"])
    assert [s["supplier_gln"] for s in json.loads(as_json.output)["suppliers"]] == [SUPPLIER]  # machines: GLN


PRICAT_FROM_TRELAST = (
    "UNA:+.? 'UNB+UNOC:3+7080000000036:14+7080000000012:14+261120:0815+1'UNH+1+PRICAT:D:03A:UN'"
    "BGM+9+PK-1+9'DTM+137:20261115:102'NAD+SU+7080000000036::9'NAD+BY+7080000000012::9'CUX+2:NOK:9'"
    "LIN+1++7012345000013:EN'PIA+1+GP-1:SA'IMD+F++:::Gipsplate 12,5'QTY+59:1'PRI+AAA:90.00:::1:EA'"
    "UNS+S'UNT+13+1'UNZ+1+1'"
)


def test_pricat_from_another_supplier_is_told_by_name(ws, party_file, tmp_path):
    from vareflyt.jobs.import_prices import import_prices

    _parties(ws, party_file)
    path = tmp_path / "katalog.edi"
    path.write_text(PRICAT_FROM_TRELAST, encoding="latin-1")
    result = import_prices(ws, path, SUPPLIER, "new")
    said = next(i.message for i in result.issues if i.code == "price.pricat_supplier")
    assert said.startswith(f"PRICAT-meldingen oppgir leverandør {TRELAST}, ikke {RORGROSSISTEN}")


def test_change_order_to_the_wrong_supplier_names_it_once_when_unknown(ws, party_file):
    from vareflyt.jobs.change_orders import ChangeRefused, change_order
    from vareflyt.rules.order_change import Wanted

    _parties(ws, party_file)
    _prices(ws, SUPPLIER)
    book = purchasing(ws)
    book.replace_rows(
        "order_entry", [{"supplier": "Rørgrossisten AS", "article_no": "J-001", "quantity": Decimal(3)}]
    )
    book.save()
    number = run("make_orders", purchasing(ws), now=NOW).extra["orders"][0]["number"]
    with pytest.raises(ChangeRefused) as refused:
        change_order(ws, number, [Wanted("J-001", Decimal(5))], supplier_gln=UNKNOWN)
    assert str(refused.value) == f"Ordre {number} gikk til {RORGROSSISTEN}, ikke til {UNKNOWN}."


def test_approve_and_withdraw_jobs_name_the_supplier(ws, party_file):
    from vareflyt.domain.issues import UsageError
    from vareflyt.jobs.approve_prices import approve_prices
    from vareflyt.jobs.withdraw_prices import withdraw_prices

    _parties(ws, party_file)
    assert approve_prices(ws, OTHER).summary == f"Ingen prislister fra {TRELAST} venter på godkjenning."
    with pytest.raises(UsageError) as refused:
        withdraw_prices(ws, OTHER, 9)
    assert str(refused.value).startswith(f"Leverandør {TRELAST} har ingen prislisteversjon 9.")


def _sent_order(ws, party_file) -> str:
    _parties(ws, party_file)
    _prices(ws, SUPPLIER)
    book = purchasing(ws)
    book.replace_rows(
        "order_entry", [{"supplier": "Rørgrossisten AS", "article_no": "J-001", "quantity": Decimal(3)}]
    )
    book.save()
    return run("make_orders", purchasing(ws), now=NOW).extra["orders"][0]["number"]


def test_overdue_order_list_names_the_supplier(ws, party_file):
    number = _sent_order(ws, party_file)
    later = (NOW + timedelta(days=3)).date().isoformat()  # Rørgrossisten answers within 24 hours
    out = CliRunner().invoke(app, ["orders", "overdue", "--date", later, "--workspace", str(ws.root)])
    assert out.exit_code == 0, out.output
    assert f"{number}  {RORGROSSISTEN}  svar skulle kommet" in out.output


def test_nightly_report_names_the_supplier_of_an_order_sent(ws, party_file):
    from vareflyt.jobs.nightly import run_batch

    _parties(ws, party_file)
    _prices(ws, SUPPLIER)
    book = purchasing(ws)
    book.replace_rows("order_entry", [{"supplier": SUPPLIER, "article_no": "J-001", "quantity": Decimal(3)}])
    book.save()
    went_out = run_batch(ws, on=NOW.date(), now=NOW).extra["went_out"]
    sent = [w for w in went_out if w["kind"] == "ordre"]
    assert (
        len(sent) == 1
        and f" til {RORGROSSISTEN}: 1 linjer" in sent[0]["what"]
        and sent[0]["partner"] == SUPPLIER
    )


def test_an_order_not_written_names_an_unnamed_supplier_once(ws):
    from vareflyt.jobs.import_prices import import_prices
    from vareflyt.jobs.make_orders import make_orders
    from vareflyt.workspace import Workspace

    with ws.config_path.open("a", encoding="utf-8") as toml:  # a partner without a name, broken setting
        toml.write(f'\n[partners."{UNKNOWN}"]\nedi = true\nextra_codes = "tull"\n')
    shop = Workspace(ws.root)
    try:
        import_prices(shop, DATA / "prices" / "jernvare.csv", UNKNOWN, "new")
        book = purchasing(shop)
        book.replace_rows(
            "order_entry", [{"supplier": UNKNOWN, "article_no": "J-001", "quantity": Decimal(3)}]
        )
        book.save()
        result = make_orders(shop, workbook=purchasing(shop), on=NOW.date(), now=NOW)
    finally:
        shop.close()
    said = next(i.message for i in result.issues if i.code == "order.not_written")
    assert said.startswith(f"Ordren til {UNKNOWN} ble ikke laget: ")  # not "GLN (GLN)"
