"""Open-items import: rows checked, re-import updates amounts and closes vanished invoices."""

from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.store.tables.receivables import customer_invoices, customers

HEAD = "Kundenr;Kundenavn;Kundetype;Orgnr;Fakturanr;Fakturadato;Forfall;Beløp;Betalt;KID\n"


def _invoices(ws):
    with ws.store.connect() as conn:
        return {r.invoice_no: r for r in conn.execute(sa.select(customer_invoices))}


def test_import_creates_customers_and_invoices(workspace, data_dir):
    result = import_receivables(workspace, data_dir / "open_items.csv", as_of=date(2024, 3, 1))
    assert result.ok and result.counts == {
        "rows_read": 4,
        "imported": 4,
        "rejected": 0,
        "new": 4,
        "changed": 0,
        "unchanged": 0,
        "expired": 0,
        "reopened": 0,
        "credit_notes": 0,
        "customers_new": 3,
        "customers_changed": 0,
        "rows_with_errors": 0,
    }
    rows = _invoices(workspace)
    assert rows["5002"].amount == Decimal("2500.00") and rows["5002"].paid == Decimal("500.00")
    assert rows["5001"].kid == "0005001003"
    with workspace.store.connect() as conn:
        kinds = dict(conn.execute(sa.select(customers.c.customer_no, customers.c.kind)).all())
    assert kinds == {"10001": "b2b", "10002": "b2c", "10003": "public"}
    again = import_receivables(workspace, data_dir / "open_items.csv", as_of=date(2024, 3, 1))
    assert set(again.counts.values()) == {0} and again.issues[0].code == "receivables.already_imported"
    assert list(again.counts)[:7] == [
        "rows_read",
        "imported",
        "rejected",
        "new",
        "changed",
        "unchanged",
        "expired",
    ]


def test_reimport_updates_amounts_and_closes_paid_invoices(workspace, tmp_path):
    first = tmp_path / "apne_poster_1.csv"
    first.write_text(
        HEAD + "K1;Ola AS;B2B;923609016;1;01.01.2024;31.01.2024;1000,00;0;\n"
        "K1;Ola AS;B2B;923609016;2;02.01.2024;01.02.2024;2000,00;0;\n",
        encoding="utf-8",
    )
    second = tmp_path / "apne_poster_2.csv"
    second.write_text(
        HEAD + "K1;Ola AS;B2B;923609016;2;02.01.2024;01.02.2024;2000,00;750,00;\n", encoding="utf-8"
    )
    import_receivables(workspace, first, as_of=date(2024, 2, 1))
    result = import_receivables(workspace, second, as_of=date(2024, 2, 10))
    assert result.counts["expired"] == 1 and result.counts["changed"] == 1
    rows = _invoices(workspace)
    assert rows["1"].status == "closed" and rows["1"].closed_at == date(2024, 2, 10)
    assert rows["1"].amount == Decimal("1000.00")  # history kept
    assert rows["2"].status == "open" and rows["2"].paid == Decimal("750.00")


def test_broken_row_rejects_whole_file_and_closes_nothing(workspace, tmp_path):
    good = tmp_path / "a.csv"
    good.write_text(HEAD + "K1;Ola AS;B2B;;1;01.01.2024;31.01.2024;1000,00;0;\n", encoding="utf-8")
    import_receivables(workspace, good, as_of=date(2024, 2, 1))
    bad = tmp_path / "b.csv"
    bad.write_text(HEAD + "K1;Ola AS;B2B;;1;01.01.2024;ikke en dato;1000,00;0;\n", encoding="utf-8")
    result = import_receivables(workspace, bad, as_of=date(2024, 2, 2))
    assert not result.ok
    assert any(i.source.row == 2 and i.is_error for i in result.issues)
    assert _invoices(workspace)["1"].status == "open"
    assert (workspace.root / "quarantine").iterdir()


def test_invalid_kid_and_orgnr_are_flagged(workspace, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        HEAD + "K1;Ola AS;B2B;923609017;1;01.01.2024;31.01.2024;1000,00;0;1234567890\n", encoding="utf-8"
    )
    result = import_receivables(workspace, path, as_of=date(2024, 2, 1))
    codes = {i.code for i in result.issues}
    assert result.ok and {"receivables.kid", "receivables.org_number"} <= codes


def test_xlsx_export_keeps_kid_as_text_and_reads_numbers(workspace, tmp_path):
    import openpyxl

    path = tmp_path / "apne_poster.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        [
            "Kundenummer",
            "Navn",
            "Type",
            "Fakturanummer",
            "Fakturadato",
            "Forfallsdato",
            "Fakturabeløp",
            "Restbeløp",
            "KID-nummer",
        ]
    )
    sheet.append(
        ["K7", "Per Privat", "B2C", "77", date(2024, 1, 2), date(2024, 1, 16), 1234.5, 1000, "0000770008"]
    )
    book.save(path)
    result = import_receivables(workspace, path, as_of=date(2024, 2, 1))
    assert result.ok, [i.render() for i in result.issues]
    row = _invoices(workspace)["77"]
    assert (row.amount, row.paid, row.kid) == (Decimal("1234.5"), Decimal("234.5"), "0000770008")
    assert not [i for i in result.issues if i.code == "receivables.kid"]


def test_empty_export_closes_nothing(workspace, tmp_path):
    good = tmp_path / "a.csv"
    good.write_text(HEAD + "K1;Ola AS;B2B;;1;01.01.2024;31.01.2024;1000,00;0;\n", encoding="utf-8")
    import_receivables(workspace, good, as_of=date(2024, 2, 1))
    empty = tmp_path / "tom.csv"
    empty.write_text(HEAD, encoding="utf-8")
    result = import_receivables(workspace, empty, as_of=date(2024, 2, 2))
    assert not result.ok and _invoices(workspace)["1"].status == "open"
