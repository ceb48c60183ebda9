"""Payments: camt.054 and sheets, matched by KID then invoice number and amount."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa

from vareflyt.domain.issues import VareflytError
from vareflyt.edi.camt054 import parse_camt054, read_camt054
from vareflyt.jobs.import_payments import import_payments
from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.store import receivables as repo
from vareflyt.store.tables.receivables import customer_payments


def pay_from(workspace, data_dir, tmp_path, name: str, text: str):
    """The fixture's open items, then the payments file ``name`` as a bank or a person wrote it:
    (its path, the import's result)."""
    import_receivables(workspace, data_dir / "open_items.csv", as_of=date(2024, 3, 1))
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, import_payments(workspace, path)


def test_camt054_reader_takes_credits_with_structured_kid(data_dir):
    payments, issues = read_camt054(data_dir / "camt054.xml")
    assert [(p.amount, p.kid, p.payer) for p in payments] == [
        (Decimal("2000.00"), "0005002001", "Ødegård Bygg AS"),
        (Decimal("1000.00"), "9999999999", "Ukjent Betaler"),
    ]
    assert payments[0].paid_on == date(2024, 3, 4) and payments[0].reference == "TX-0001"
    assert issues == []


def test_camt054_refuses_doctype_and_non_camt():
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Document>&e;</Document>'
    )
    with pytest.raises(VareflytError, match="DOCTYPE"):
        parse_camt054(evil, "evil.xml")
    with pytest.raises(VareflytError, match="camt.054"):
        parse_camt054(b"<Document><Other/></Document>", "x.xml")


def test_camt_payment_matched_by_kid_unmatched_listed_and_idempotent(workspace, data_dir):
    import_receivables(workspace, data_dir / "open_items.csv", as_of=date(2024, 3, 1))
    result = import_payments(workspace, data_dir / "camt054.xml")
    assert result.counts["matched_kid"] == 1 and result.counts["unmatched"] == 1
    assert result.extra["unmatched"][0]["kid"] == "9999999999"
    with workspace.store.connect() as conn:
        invoices = {i.invoice_no: i for i in repo.load_invoices(conn)}
    assert invoices["5002"].outstanding == 0  # 500 paid per export + 2000 from the bank after it
    again = import_payments(workspace, data_dir / "camt054.xml")
    assert again.counts["new"] == 0 and again.counts["unchanged"] == 2


def test_sheet_part_payment_by_invoice_number_and_amount(workspace, data_dir, tmp_path):
    import_receivables(workspace, data_dir / "open_items.csv", as_of=date(2024, 3, 1))
    sheet = tmp_path / "innbetalinger.csv"
    sheet.write_text(
        "Dato;Beløp;Fakturanr;Innbetaler;Referanse\n"
        "05.03.2024;4 000,00;5001;Ødegård Bygg AS;R1\n"
        "05.03.2024;99 000,00;5004;Bergen kommune;R2\n",
        encoding="utf-8",
    )
    result = import_payments(workspace, sheet)
    assert result.counts["matched_invoice"] == 1 and result.counts["part_payments"] == 1
    assert result.counts["unmatched"] == 1  # more than outstanding: not matched on number
    with workspace.store.connect() as conn:
        invoices = {i.invoice_no: i for i in repo.load_invoices(conn)}
        stored = conn.execute(sa.select(customer_payments.c.invoice_no, customer_payments.c.matched_by)).all()
    assert invoices["5001"].outstanding == Decimal("6000.00")
    assert invoices["5001"].payments[0].paid_on == date(2024, 3, 5)
    assert sorted(stored, key=str) == sorted([("5001", "invoice"), (None, "none")], key=str)


def test_unmatched_payment_is_matched_when_its_invoice_arrives(workspace, data_dir, tmp_path):
    import_receivables(workspace, data_dir / "open_items.csv", as_of=date(2024, 3, 1))
    import_payments(workspace, data_dir / "camt054.xml")  # KID 9999999999 unknown so far
    export = tmp_path / "ny_eksport.csv"
    export.write_text(
        (data_dir / "open_items.csv").read_text(encoding="utf-8").rstrip("\n")
        + "\n10002;Åse Hansen;B2C;;;;5009;01.02.2024;01.03.2024;1000,00;0;9999999999;NOK\n",
        encoding="utf-8",
    )
    import_receivables(workspace, export, as_of=date(2024, 3, 2))
    sheet = tmp_path / "tom.csv"
    sheet.write_text("Dato;Beløp;KID\n06.03.2024;10,00;0005001003\n", encoding="utf-8")
    result = import_payments(workspace, sheet)
    assert result.counts["earlier_now_matched"] == 1
    with workspace.store.connect() as conn:
        invoices = {i.invoice_no: i for i in repo.load_invoices(conn)}
    assert invoices["5009"].outstanding == 0


def test_netbank_export_text_with_kid_or_invoice_number_is_matched(workspace, data_dir, tmp_path):
    """DNB's account export has one text column, "Forklaring", where the payer's KID or invoice
    number stands, and money in and out in columns of their own."""
    _, result = pay_from(
        workspace,
        data_dir,
        tmp_path,
        "dnb.csv",
        '"Dato";"Forklaring";"Rentedato";"Ut fra konto";"Inn på konto"\r\n'
        '"05.03.2024";"Giro 0005002001 Ødegård Bygg AS";"05.03.2024";"";"2000,00"\r\n'
        '"05.03.2024";"Varekjøp";"05.03.2024";"35,80";""\r\n'
        '"06.03.2024";"Overføring faktura 5001";"06.03.2024";"";"4000,00"\r\n',
    )
    counts = result.counts
    assert (counts["matched_kid"], counts["matched_invoice"], counts["unmatched"]) == (1, 1, 0)
    # the purchase (35,80 in "Ut fra konto", nothing in "Inn på konto") is money out, no broken row
    assert not [i for i in result.issues if i.is_error]
    assert [i.code for i in result.issues if i.code.startswith("payments.")] == ["payments.money_out"]
    assert result.summary.endswith("; 1 rad med penger ut er ikke innbetalinger.")
    with workspace.store.connect() as conn:
        invoices = {i.invoice_no: i for i in repo.load_invoices(conn)}
    assert invoices["5002"].outstanding == 0 and invoices["5001"].outstanding == Decimal("6000.00")


def test_a_nets_ocr_file_is_refused_saying_what_to_fetch_instead(workspace, tmp_path):
    ocr = tmp_path / "OCR.D050324.txt"
    ocr.write_text(
        "NY000010000080080000000100008080" + "0" * 48 + "\n"
        "NY090020000080080000001280000000" + "0" * 48 + "\n"
        "NY0910300000000105032400000000000000000000200000000000000000000000005002001000\n"
        "NY000089000000010000000300000000" + "0" * 48 + "\n",
        encoding="ascii",
    )
    with pytest.raises(VareflytError) as err:
        import_payments(workspace, ocr)
    assert "OCR-fil fra Nets" in str(err.value) and "camt.054" in str(err.value)
    assert err.value.issues[0].code == "payments.ocr"


def test_one_transfer_naming_two_invoices_pays_each_in_full(workspace, data_dir, tmp_path):
    """A customer pays 5001 (10 000,00 open) and 5002 (2 000,00 open) in one netbank transfer and
    writes both numbers in the message."""
    sheet, result = pay_from(
        workspace,
        data_dir,
        tmp_path,
        "nettbank.csv",
        "Dato;Beløp;Melding;Innbetaler\n05.03.2024;12 000,00;Faktura 5001 og 5002;Ødegård Bygg AS\n",
    )
    assert (result.counts["new"], result.counts["matched_invoice"], result.counts["unmatched"]) == (1, 1, 0)
    assert result.summary.startswith("nettbank.csv: 1 innbetaling, 1 nye, 1 avstemt")
    (shared,) = [i for i in result.issues if i.code == "payments.shared"]
    assert "faktura 5001 (10 000,00 kr), faktura 5002 (2 000,00 kr)" in shared.message
    with workspace.store.connect() as conn:
        invoices = {i.invoice_no: i for i in repo.load_invoices(conn)}
    assert invoices["5001"].outstanding == 0 and invoices["5002"].outstanding == 0
    again = import_payments(workspace, sheet)
    assert (again.counts["new"], again.counts["unchanged"], again.counts["unmatched"]) == (0, 1, 0)
    with workspace.store.connect() as conn:
        assert len(conn.execute(sa.select(customer_payments.c.payment_key)).all()) == 2


def test_money_out_in_a_signed_amount_column_is_no_payment(workspace, data_dir, tmp_path):
    """Sbanken's business export has one signed "Beløp" column: a transfer back to a customer
    (with the KID in its text) is money out and must not raise what the customer owes."""
    _, result = pay_from(
        workspace,
        data_dir,
        tmp_path,
        "sbanken.csv",
        '"Bokført";"Rentedato";"Beskrivelse";"Beløp"\n'
        '"05.03.2024";"05.03.2024";"Giro 0005002001";"2000,00"\n'
        '"05.03.2024";"05.03.2024";"Tilbakebetaling KID 0005001003";"-1500,00"\n'
        '"06.03.2024";"06.03.2024";"Kortkjøp REMA 1000";"-84,90"\n',
    )
    assert (result.counts["rows_read"], result.counts["imported"], result.counts["rejected"]) == (3, 1, 2)
    assert result.summary.endswith("; 2 rader med penger ut er ikke innbetalinger.")
    (note,) = [i for i in result.issues if i.code == "payments.money_out"]
    assert note.message.startswith("2 rader med penger ut av kontoen") and not note.is_error
    with workspace.store.connect() as conn:
        invoices = {i.invoice_no: i for i in repo.load_invoices(conn)}
        amounts = [r.amount for r in conn.execute(sa.select(customer_payments.c.amount))]
    assert amounts == [Decimal("2000.00")]
    assert invoices["5001"].outstanding == Decimal("10000.00") and invoices["5002"].outstanding == 0


def test_a_kid_in_the_text_column_beside_an_archive_reference_is_found(workspace, data_dir, tmp_path):
    """Sbanken's and SpareBank 1's exports have both the bank's "Arkivreferanse" and the payer's
    "Tekst": the KID the payer typed stands in the text, the archive reference is the bank's own
    number. Both are read; the payment settles its invoice and keeps the archive reference."""
    _, result = pay_from(
        workspace,
        data_dir,
        tmp_path,
        "sbanken.csv",
        '"Bokført dato";"Rentedato";"Arkivreferanse";"Type";"Tekst";"Ut av konto";"Inn på konto"\n'
        '"05.03.2024";"05.03.2024";"90055512345";"Giro";"Betaling KID 0005002001 Ødegård Bygg";"";'
        '"2000,00"\n',
    )
    assert (result.counts["matched_kid"], result.counts["unmatched"]) == (1, 0)
    with workspace.store.connect() as conn:
        invoices = {i.invoice_no: i for i in repo.load_invoices(conn)}
        (reference,) = [r.reference for r in conn.execute(sa.select(customer_payments.c.reference))]
    assert invoices["5002"].outstanding == 0
    assert reference == "90055512345"


def test_a_payment_keeps_the_reference_its_key_was_made_from_before(workspace, data_dir, tmp_path):
    """With the text left of the archive reference, the text was the one column read (as the
    reference) before the text had a field of its own: it stays the reference, so a file imported
    then is known again (``payments.already_imported``), and the KID in it is matched as before."""
    text = (
        '"Dato";"Beskrivelse";"Arkivreferanse";"Beløp"\n'
        '"05.03.2024";"Betaling KID 0005002001";"90055512345";"2000,00"\n'
    )
    path, result = pay_from(workspace, data_dir, tmp_path, "eksport.csv", text)
    assert result.counts["matched_kid"] == 1
    with workspace.store.connect() as conn:
        (reference,) = [r.reference for r in conn.execute(sa.select(customer_payments.c.reference))]
    assert reference == "Betaling KID 0005002001"


def test_a_nordea_netbank_export_with_slashed_dates_is_read(workspace, data_dir, tmp_path):
    """Nordea's netbank CSV writes its dates year first with slashes (2024/03/05)."""
    _, result = pay_from(
        workspace,
        data_dir,
        tmp_path,
        "nordea.csv",
        "Bokføringsdato;Beløp;Avsender;Mottaker;Navn;Tittel;Valuta;Betalingstype\n"
        "2024/03/05;2000,00;;;Ødegård Bygg AS;Giro 0005002001;NOK;Giro\n"
        "2024/03/06;-849,00;15032080119;;REMA 1000;Varekjøp;NOK;Kortkjøp\n",
    )
    assert not [i for i in result.issues if i.is_error]
    assert (result.counts["imported"], result.counts["matched_kid"]) == (1, 1)
    with workspace.store.connect() as conn:
        (invoice,) = [i for i in repo.load_invoices(conn) if i.invoice_no == "5002"]
    assert invoice.outstanding == 0 and invoice.payments[-1].paid_on == date(2024, 3, 5)


def test_the_totals_row_under_a_payments_list_is_no_payment(workspace, data_dir, tmp_path):
    """A payments list kept in Excel: a title, the rows, and "Sum" with the total under them."""
    import openpyxl

    import_receivables(workspace, data_dir / "open_items.csv", as_of=date(2024, 3, 1))
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["Innbetalinger mars 2024"])
    sheet.append([])
    sheet.append(["Dato", "Beløp", "KID", "Innbetaler"])
    sheet.append([datetime(2024, 3, 5), 2000.0, 5002001, "Ødegård Bygg AS"])  # KID typed as a number
    sheet.append([datetime(2024, 3, 6), 1250.5, "0005003009", "Åse Hansen"])
    sheet.append(["Sum", 3250.5, None, None])
    path = tmp_path / "innbetalinger.xlsx"
    wb.save(path)
    result = import_payments(workspace, path)
    assert not [i for i in result.issues if i.is_error]
    assert (result.counts["rows_read"], result.counts["rejected"], result.counts["matched_kid"]) == (2, 0, 2)


# a shop whose invoices carry a KID per customer (customer number 10001 + MOD10 check digit);
# 6003 is due first
CUSTOMER_KID = (
    "Kundenr;Kundenavn;Kundetype;Fakturanr;Fakturadato;Forfallsdato;Beløp;Betalt;KID\n"
    "10001;Ødegård Bygg AS;Bedrift;6001;01.02.2024;15.02.2024;10 000,00;0;0000100016\n"
    "10001;Ødegård Bygg AS;Bedrift;6002;15.02.2024;01.03.2024;2 500,00;0;0000100016\n"
    "10001;Ødegård Bygg AS;Bedrift;6003;27.01.2024;10.02.2024;700,00;0;0000100016\n"
)


@pytest.mark.parametrize(
    "amount,left,overpaid",
    [
        ("2 500,00", ("10000.00", "0.00", "700.00"), 0),  # the one invoice it pays exactly
        ("500,00", ("10000.00", "2500.00", "200.00"), 0),  # the oldest, in part
        ("4 000,00", ("6700.00", "2500.00", "0.00"), 0),  # the oldest, then the next
        ("13 200,00", ("0.00", "0.00", "0.00"), 0),  # all of them
        ("14 000,00", ("0.00", "-800.00", "0.00"), 1),  # all, and 800 too much on the last
    ],
)
def test_a_kid_per_customer_pays_its_invoices_oldest_first(workspace, tmp_path, amount, left, overpaid):
    export = tmp_path / "apne_poster.csv"
    export.write_text(CUSTOMER_KID, encoding="utf-8")
    assert import_receivables(workspace, export, as_of=date(2024, 3, 6)).ok
    sheet = tmp_path / "ocr.csv"
    sheet.write_text(f"Dato;Beløp;KID\n06.03.2024;{amount};0000100016\n", encoding="utf-8")
    result = import_payments(workspace, sheet)
    assert (result.counts["new"], result.counts["matched_kid"], result.counts["unmatched"]) == (1, 1, 0)
    assert len([i for i in result.issues if i.code == "payments.overpaid"]) == overpaid
    with workspace.store.connect() as conn:
        outstanding = {i.invoice_no: str(i.outstanding) for i in repo.load_invoices(conn)}
    assert (outstanding["6001"], outstanding["6002"], outstanding["6003"]) == left
