"""The receivables workbook shows the ledger (issue 12 item 8): Kunder filled from the
open-items exports with what the user typed winning, Innbetalinger listing every payment read
with the unmatched ones highlighted, and the Purreliste keeping the history of sent notices.

Inputs are written here as the systems write them: an open-items export from the accounting
system (semicolons, decimal comma, dd.mm.yyyy) and a payments list from the online bank.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from vareflyt.config import default_toml
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.jobs.dunning_marks import read_marks
from vareflyt.jobs.import_payments import import_payments
from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.jobs.ledger_tables import refresh_ledger
from vareflyt.jobs.run_dunning import run_dunning
from vareflyt.workspace import init_workspace

CONFIG = default_toml().replace('bank_account = ""   # 11 siffer', 'bank_account = "12345678903"')
FIRST, SECOND, THIRD, FOURTH = date(2024, 3, 8), date(2024, 3, 25), date(2024, 4, 20), date(2024, 5, 10)

HEAD = (
    "Kundenr;Kundenavn;Kundetype;Org.nr;Adresse;Postnr;Poststed;E-post;Kredittgrense;"
    "Fakturanr;Fakturadato;Forfallsdato;Beløp;Betalt;KID\n"
)
OPEN_ITEMS = HEAD + (
    "20001;Fjordbygg AS;Bedrift;923609016;Kaigata 3;5016;Bergen;faktura@fjordbygg.no;50 000,00;"
    "5001;15.11.2023;01.12.2023;10 000,00;0,00;0005001003\n"
    "20002;Kari Nordmann;Privat;;Solveien 7;0870;Oslo;kari@example.no;;"
    "5002;01.02.2024;15.02.2024;2 000,00;0,00;0005002001\n"
    "9;Hytteservice Nord AS;Bedrift;;Storgata 10;9008;Tromsø;post@hytteservice.no;;"
    "5003;02.01.2024;15.01.2024;5 000,00;0,00;0005003009\n"
)
# the accounting system a month later: Fjordbygg and Kari Nordmann have moved, Kari has a new
# e-mail address; the bank payments are not booked there yet
MOVED = (
    OPEN_ITEMS.replace("Kaigata 3", "Kaigata 5")
    .replace("Solveien 7", "Solveien 9")
    .replace("kari@example.no", "kari.nordmann@example.no")
)
PAYMENTS = (
    "Bokføringsdato;Beløp;KID;Betaler;Arkivreferanse\n"
    "04.03.2024;5 000,00;0005003009;Hytteservice Nord AS;9901\n"
    "05.03.2024;1 234,00;;Ola Uten Kid;9902\n"
    "06.03.2024;500,00;0005002001;Kari Nordmann;9903\n"
)


@pytest.fixture
def ws(tmp_path):
    ws = init_workspace(tmp_path / "ws", config_text=CONFIG)
    export = tmp_path / "apne-poster-mars.csv"
    export.write_text(OPEN_ITEMS, encoding="utf-8")
    import_receivables(ws, export, as_of=date(2024, 3, 1))
    bank = tmp_path / "innbetalinger-mars.csv"
    bank.write_text(PAYMENTS, encoding="utf-8")
    import_payments(ws, bank)
    yield ws
    ws.close()


def _table(ws, key: str):
    with OpenpyxlWorkbook(ws.receivables_workbook, "receivables") as book:
        return book.read_table(key)


def _edit(ws, table: str, key: str, value: str, values: dict) -> None:
    """Type into the row of ``table`` whose ``key`` column holds ``value``, as a user does."""
    book = OpenpyxlWorkbook(ws.receivables_workbook, "receivables")
    frame = book.read_table(table)
    book.set_values(table, int(frame.index[frame[key] == value][0]), values)
    book.save()


def _letter(ws, result, customer: str) -> str:
    letter = next(r["letter"] for r in result.extra["reminders"] if r["customer"] == customer)
    return (ws.root / letter).with_suffix(".html").read_text(encoding="utf-8")


def _reminded(result) -> set[str]:
    return {no for r in result.extra["reminders"] for no in r["invoices"]}


def test_kunder_is_filled_from_the_export_and_keeps_the_users_own_columns(ws):
    book = OpenpyxlWorkbook(ws.receivables_workbook, "receivables")
    book.replace_rows(
        "customers",
        [
            {"customer_no": "30001", "name": "Kontantkunde Hansen", "phone": "99 88 77 66"},
            {"customer_no": "20002", "phone": "900 00 000", "terms_days": 10, "ehf": False},
        ],
    )
    book.save()
    run_dunning(ws, on=FIRST)
    kunder = _table(ws, "customers").set_index("customer_no")
    assert list(kunder.index) == ["9", "20001", "20002", "30001"]  # by number: 9 before 20001
    fjord = kunder.loc["20001"]
    assert (
        fjord["name"],
        fjord["orgnr"],
        fjord["kind"],
        fjord["address"],
        fjord["postcode"],
        fjord["city"],
        fjord["email"],
        fjord["credit_limit"],
    ) == (
        "Fjordbygg AS",
        "923609016",
        "B2B",
        "Kaigata 3",
        "5016",
        "Bergen",
        "faktura@fjordbygg.no",
        Decimal("50000"),
    )
    kari = kunder.loc["20002"]
    assert (kari["name"], kari["kind"], kari["address"], kari["postcode"], kari["city"]) == (
        "Kari Nordmann",
        "B2C",
        "Solveien 7",
        "0870",
        "Oslo",
    )
    assert (kari["phone"], kari["terms_days"], bool(kari["ehf"])) == (
        "900 00 000",
        10,
        False,
    )  # the user's own
    assert kari["credit_limit"] is None
    assert kunder.loc["9", "city"] == "Tromsø"
    alone = kunder.loc["30001"]  # typed by the user, not in any export: kept as typed
    assert (alone["name"], alone["phone"], alone["address"]) == ("Kontantkunde Hansen", "99 88 77 66", None)


def test_typed_values_win_export_changes_reach_filled_cells_and_emptied_cells_revert(ws, tmp_path):
    run_dunning(ws, on=FIRST)
    _edit(ws, "customers", "customer_no", "20001", {"address": "Postboks 44", "name": "Fjordbygg Vest AS"})
    second = run_dunning(ws, on=SECOND)
    html = _letter(ws, second, "20001")
    assert "Postboks 44<br>5016 Bergen" in html and "Fjordbygg Vest AS" in html
    fjord = _table(ws, "customers").set_index("customer_no").loc["20001"]
    assert (fjord["address"], fjord["postcode"], fjord["name"]) == (
        "Postboks 44",
        "5016",
        "Fjordbygg Vest AS",
    )

    moved = tmp_path / "apne-poster-april.csv"
    moved.write_text(MOVED, encoding="utf-8")
    assert import_receivables(ws, moved, as_of=date(2024, 4, 1)).ok
    _edit(ws, "customers", "customer_no", "20001", {"name": None})  # the user empties the name again
    third = run_dunning(ws, on=THIRD)
    kunder = _table(ws, "customers").set_index("customer_no")
    # typed address kept over the export's new one; the emptied name is the export's again
    assert (kunder.loc["20001", "address"], kunder.loc["20001", "name"]) == ("Postboks 44", "Fjordbygg AS")
    html = _letter(ws, third, "20001")
    assert "Postboks 44<br>5016 Bergen" in html and "Kaigata" not in html and "Fjordbygg Vest" not in html
    # cells vareflyt filled follow the export: Kari's new address and e-mail, in the sheet and the letter
    assert (kunder.loc["20002", "address"], kunder.loc["20002", "email"]) == (
        "Solveien 9",
        "kari.nordmann@example.no",
    )
    assert "Solveien 9<br>0870 Oslo" in _letter(ws, third, "20002")
    # and on the next read only the address block counts as typed
    with OpenpyxlWorkbook(ws.receivables_workbook, "receivables") as book:
        marks = read_marks(book, ws)
    assert marks.customers["20001"] == {"address": "Postboks 44, 5016 Bergen"}
    assert marks.customers["20002"] == {} and marks.customers["9"] == {}


def test_innbetalinger_lists_every_payment_newest_first_with_the_unmatched_highlighted(ws):
    run_dunning(ws, on=FIRST)
    paid = _table(ws, "payments")
    assert list(paid["date"]) == [date(2024, 3, 6), date(2024, 3, 5), date(2024, 3, 4)]
    assert list(paid["amount"]) == [Decimal("500"), Decimal("1234"), Decimal("5000")]
    assert list(paid["kid"]) == ["0005002001", None, "0005003009"]
    assert list(paid["invoice_no"]) == ["5002", None, "5003"]
    assert list(paid["customer_no"]) == ["20002", None, "9"]
    assert list(paid["payer"]) == ["Kari Nordmann", "Ola Uten Kid", "Hytteservice Nord AS"]
    assert list(paid["reference"]) == ["9903", "9902", "9901"]
    assert [bool(m) for m in paid["matched"]] == [True, False, True]
    assert set(paid["file"]) == {"innbetalinger-mars.csv"}
    sheet = openpyxl.load_workbook(ws.receivables_workbook)["Innbetalinger"]
    heading = {c.value: c.column_letter for c in sheet[1]}
    for row, unmatched in ((2, False), (3, True), (4, False)):
        for column in ("Beløp", "Avstemt"):
            cell = sheet[f"{heading[column]}{row}"]
            assert (cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb == "FFFFEB9C") is unmatched, (
                row,
                column,
            )
    assert "Ikke avstemt" in sheet[f"{heading['Avstemt']}3"].comment.text
    assert sheet[f"{heading['Avstemt']}2"].comment is None


def test_purreliste_keeps_the_history_newest_first_with_this_runs_notices_marked(ws):
    preview = run_dunning(ws, on=FIRST, preview=True)
    listed = _table(ws, "dunning_list")
    assert _reminded(preview) == {"5001", "5002"}  # a preview is marked too, though not recorded
    assert list(listed["invoice_no"]) == ["5001", "5002"] and listed["this_run"].tolist() == [True, True]
    for day in (FIRST, SECOND, THIRD):
        run_dunning(ws, on=day)
    listed = _table(ws, "dunning_list")
    assert list(zip(listed["sent_on"], listed["invoice_no"], listed["level"])) == [
        (THIRD, "5001", "inkassovarsel"),
        (THIRD, "5002", "inkassovarsel"),
        (SECOND, "5001", "purring"),
        (SECOND, "5002", "purring"),
        (FIRST, "5001", "påminnelse"),
        (FIRST, "5002", "påminnelse"),
    ]
    assert listed["this_run"].fillna(False).tolist() == [True, True, False, False, False, False]
    fjord = listed[listed["invoice_no"] == "5001"]
    # fees claimed on the invoice up to each notice: none, 35 (1/20 of 700), 35 + 35
    assert list(fjord["fee"]) == [Decimal("70"), Decimal("35"), Decimal("0")]
    # the purring of 25.03.2024 as its letter said (see tests/dunning/test_run.py): 10 000 due 01.12.2023,
    # interest 30 d at 11.75 %/365 + 85 d at 12.50 %/366 = 386.88, fee 35, compensation 460 (H2 2023) - 35
    # = 425, total 10 000 + 386.88 + 35 + 425 = 10 846.88; deadline 14 days on: 08.04.2024
    purring = fjord.iloc[1]
    assert (purring["interest"], purring["compensation"], purring["total"], purring["deadline"]) == (
        Decimal("386.88"),
        Decimal("425"),
        Decimal("10846.88"),
        date(2024, 4, 8),
    )
    assert purring["letter"].startswith("letters/2024-03-25/") and purring["days_overdue"] == 115
    again = run_dunning(ws, on=THIRD)  # nothing new: the same list, nothing marked
    assert again.extra["reminders"] == []
    relisted = _table(ws, "dunning_list")
    assert list(relisted["invoice_no"]) == list(listed["invoice_no"]) and not relisted["this_run"].any()


def test_a_tick_in_any_history_row_holds_and_unticking_the_held_row_releases(ws):
    run_dunning(ws, on=FIRST)
    run_dunning(ws, on=SECOND)
    book = OpenpyxlWorkbook(ws.receivables_workbook, "receivables")
    listed = book.read_table("dunning_list")
    oldest = listed[(listed["invoice_no"] == "5001") & (listed["sent_on"] == FIRST)].index[0]
    book.set_values("dunning_list", int(oldest), {"hold": True, "comment": "Avtalt nedbetaling"})
    book.save()
    third = run_dunning(ws, on=THIRD)
    assert _reminded(third) == {"5002"}
    listed = _table(ws, "dunning_list")
    rows = listed[listed["invoice_no"] == "5001"]
    assert list(rows["level"]) == ["holdt", "purring", "påminnelse"]
    assert rows["hold"].fillna(False).tolist() == [True, False, False]  # only the held row is ticked
    assert rows.iloc[0]["comment"] == "Avtalt nedbetaling"
    _edit(ws, "dunning_list", "level", "holdt", {"hold": False})
    fourth = run_dunning(ws, on=FOURTH)
    assert "5001" in _reminded(fourth)
    assert any(i.code == "dunning.holds" and "1 er frigitt" in i.message for i in fourth.issues)


def test_refresh_ledger_writes_kunder_and_innbetalinger_without_a_run(ws):
    result = refresh_ledger(ws)
    assert result.counts == {"customers": 3, "payments": 3, "unmatched": 1}
    assert list(_table(ws, "customers")["customer_no"]) == ["9", "20001", "20002"]
    assert len(_table(ws, "payments")) == 3 and _table(ws, "dunning_list").empty
    lock = ws.receivables_workbook.with_name("~$" + ws.receivables_workbook.name)
    lock.write_text("owner", encoding="utf-8")
    locked = refresh_ledger(ws)
    assert [i.code for i in locked.issues] == ["workbook.locked"]


def test_a_kunder_cell_that_cannot_be_read_leaves_the_sheet_as_it_is(ws):
    run_dunning(ws, on=FIRST)
    sheet_path: Path = ws.receivables_workbook
    wb = openpyxl.load_workbook(sheet_path)
    sheet = wb["Kunder"]
    heading = {c.value: c.column_letter for c in sheet[1]}
    sheet[f"{heading['Kredittgrense']}3"] = "femti tusen"  # row 3: customer 20001
    wb.save(sheet_path)
    result = run_dunning(ws, on=SECOND)
    assert any(i.code == "receivables.customers_kept" and i.source.sheet == "Kunder" for i in result.issues)
    assert openpyxl.load_workbook(sheet_path)["Kunder"][f"{heading['Kredittgrense']}3"].value == "femti tusen"


def test_the_ribbon_refreshes_the_ledger_after_an_import_but_not_after_a_rejected_one(ws):
    from datetime import datetime

    from vareflyt.addin.button_call import ButtonCall
    from vareflyt.addin.refresh import refresh_ledger_tables
    from vareflyt.domain.issues import JobResult

    def context():
        return ButtonCall(
            ws=ws,
            caller=OpenpyxlWorkbook(ws.receivables_workbook),
            ui=None,
            progress=None,
            now=datetime(2024, 3, 8, 9),
        )

    rejected = refresh_ledger_tables(context(), JobResult(ok=False))
    assert rejected.outputs == [] and _table(ws, "customers").empty
    imported = refresh_ledger_tables(context(), JobResult())
    assert imported.outputs == ["Kundereskontro.xlsx"] and imported.issues == []
    assert list(_table(ws, "customers")["customer_no"]) == ["9", "20001", "20002"]
    assert list(_table(ws, "payments")["reference"]) == ["9903", "9902", "9901"]


def test_address_block_and_sheet_rows_by_hand():
    import pandas as pd

    from vareflyt.domain.receivables import Customer, CustomerKind
    from vareflyt.excel.schemas import table_schema
    from vareflyt.jobs.customer_sheet import sheet_rows, split_address, typed_cells

    assert split_address("Storgata 1, 0155 Oslo") == ("Storgata 1", "0155", "Oslo")
    assert split_address("c/o Hansen, Postboks 7700, 5020 Bergen") == (
        "c/o Hansen, Postboks 7700",
        "5020",
        "Bergen",
    )
    assert split_address("Gamle Strandvei 2") == ("Gamle Strandvei 2", "", "")
    assert split_address("Box 12, SE-111 22 Stockholm") == ("Box 12, SE-111 22 Stockholm", "", "")
    wrote = {"address": "Kaigata 3", "postcode": "5016", "city": "Bergen", "name": "Fjordbygg AS"}
    # a new street makes the whole block the user's: the postcode and city beside it come along
    assert typed_cells(
        {"address": "Postboks 44", "postcode": "5016", "city": "Bergen", "name": "Fjordbygg AS"}, wrote
    ) == {"address": "Postboks 44", "postcode": "5016", "city": "Bergen"}
    assert typed_cells({"address": "Kaigata 3", "postcode": "5016", "city": "Bergen"}, wrote) == {}

    keys = table_schema("customers").keys
    frame = pd.DataFrame(
        [
            dict.fromkeys(keys)
            | {
                "customer_no": "20001",
                "address": "Postboks 44",
                "postcode": "5016",
                "city": "Bergen",
                "name": "Fjordbygg AS",
                "phone": "55 00 00 00",
            },
            dict.fromkeys(keys) | {"customer_no": "20001", "name": "Skrevet to ganger"},
            dict.fromkeys(keys) | {"name": "Uten nummer"},
        ],
        columns=keys,
    )
    moved = {
        "20001": Customer("20001", "Fjordbygg ASA", CustomerKind.B2B, address="Kaigata 5, 5016 Bergen"),
        "100": Customer("100", "Ny Kunde", CustomerKind.B2C, address="Torget 1"),
    }
    out = sheet_rows(frame, {"20001": wrote}, moved)
    assert [r["customer_no"] for r in out.rows] == ["100", "20001", "20001", None]
    fjord = out.rows[1]
    assert (
        fjord["name"],
        fjord["address"],
        fjord["postcode"],
        fjord["city"],
        fjord["kind"],
        fjord["phone"],
    ) == ("Fjordbygg ASA", "Postboks 44", "5016", "Bergen", "B2B", "55 00 00 00")
    # remembered: the new name written, the block's untyped postcode and city; the typed street is not
    assert out.memory["20001"] == {
        "name": "Fjordbygg ASA",
        "kind": "B2B",
        "postcode": "5016",
        "city": "Bergen",
    }
    assert out.memory["100"] == {"name": "Ny Kunde", "kind": "B2C", "address": "Torget 1"}
    assert out.rows[2]["name"] == "Skrevet to ganger" and out.rows[3]["name"] == "Uten nummer"
