"""Credit notes and other negative items in the open-items export: stored with a negative
amount and, when they name an open invoice of the same customer in the export, its number in
``credit_for``; every doubtful reference is reported at its cell.

The XLSX is written with openpyxl the way a user's export from the accounting program looks: a
title and a blank row above the headings, dates as dates, amounts as numbers with a number
format, a document-type column and a "Gjelder faktura" column."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import openpyxl
import sqlalchemy as sa

from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.store.tables.receivables import customer_invoices

AS_OF = date(2026, 11, 30)
HEADINGS = [
    "Kundenr",
    "Kundenavn",
    "Bilagstype",
    "Fakturanr",
    "Fakturadato",
    "Forfallsdato",
    "Beløp",
    "Restbeløp",
    "Gjelder faktura",
    "KID",
]


def _xlsx(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Åpne poster"
    sheet.append(["Åpne poster kunder per 30.11.2026"])
    sheet.append([])
    sheet.append(HEADINGS)
    for r in rows:
        sheet.append(r)
    for row in sheet.iter_rows(min_row=4):
        for cell in row[4:6]:
            cell.number_format = "dd.mm.yyyy"
        for cell in row[6:8]:
            cell.number_format = "# ##0.00;-# ##0.00"
    book.save(path)
    return path


def _stored(ws) -> dict[str, tuple]:
    with ws.store.connect() as conn:
        rows = conn.execute(
            sa.select(
                customer_invoices.c.invoice_no,
                customer_invoices.c.amount,
                customer_invoices.c.paid,
                customer_invoices.c.credit_for,
            )
        )
        return {r.invoice_no: (r.amount, r.paid, r.credit_for) for r in rows}


def _issues(result) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for i in result.issues:
        out.setdefault(i.code, []).append(i.render())
    return out


D1, D2 = datetime(2026, 10, 15), datetime(2026, 11, 14)


def test_credit_notes_against_an_invoice_and_unassigned(workspace, tmp_path):
    path = _xlsx(
        tmp_path / "Kundereskontro åpne poster.xlsx",
        [
            ["K1", "Byggmester Hansen AS", "Faktura", "1001", D1, D2, 10000, 10000, None, None],
            ["K1", "Byggmester Hansen AS", "Kreditnota", "1002", D1, D2, -2000, -2000, "1001", None],
            [
                "K1",
                "Byggmester Hansen AS",
                "Kreditnota",
                "1003",
                D1,
                D2,
                500,
                500,
                None,
                None,
            ],  # sign as a total
            ["K2", "Per Privat", "Faktura", "1004", D1, D2, 3000, 3000, None, None],
            ["K2", "Per Privat", "KN", "1005", D1, D2, -4000, -4000, "1004", None],
            ["K2", "Per Privat", "Kreditnota", "1006", D1, D2, -100, -100, "9999", None],
            ["K1", "Byggmester Hansen AS", "Faktura", "1007", D1, D2, 800, 800, "1001", None],
            ["K2", "Per Privat", "Innbetaling", "1008", D1, D2, -250.5, -250.5, None, None],
            [
                "K1",
                "Byggmester Hansen AS",
                "Kreditnota",
                "1009",
                D1,
                D2,
                -2000,
                -500,
                None,
                None,
            ],  # 1 500 used
        ],
    )
    result = import_receivables(workspace, path, as_of=AS_OF)
    assert result.ok, [i.render() for i in result.issues]
    assert _stored(workspace) == {
        "1001": (Decimal("10000"), Decimal("0"), ""),
        "1002": (Decimal("-2000"), Decimal("0"), "1001"),  # set against 1001
        "1003": (Decimal("-500"), Decimal("0"), ""),  # unassigned, negated
        "1004": (Decimal("3000"), Decimal("0"), ""),
        "1005": (Decimal("-4000"), Decimal("0"), "1004"),  # larger than 1004: kept, excess warned
        "1006": (Decimal("-100"), Decimal("0"), ""),  # names an unknown invoice: unassigned
        "1007": (Decimal("800"), Decimal("0"), ""),  # a reference on an invoice is ignored
        "1008": (Decimal("-250.50"), Decimal("0"), ""),  # unapplied payment
        "1009": (Decimal("-500"), Decimal("0"), ""),  # what is left of a partly used credit note
    }
    assert result.counts["credit_notes"] == 6
    issues = _issues(result)
    where = "Kundereskontro åpne poster.xlsx:Åpne poster!"
    assert issues["receivables.credit_sign"] == [
        f"{where}G6: Bilagstype «Kreditnota» med positivt beløp "
        "(500,00 kr): lest som kreditnota på -500,00 kr."
    ]
    assert issues["receivables.credit_exceeds"] == [
        f"{where}I8: Kreditnota 1005 på 4 000,00 kr er større enn det "
        "som står igjen på faktura 1004 (3 000,00 kr). "
        f"Overskuddet, 1 000,00 kr, reduserer kundens saldo."
    ]
    assert issues["receivables.credit_unknown"] == [
        f"{where}I9: Kreditnota 1006 gjelder faktura 9999, som verken "
        "står i eksporten eller er kjent i vareflyt. "
        f"Kreditten regnes som ikke tilordnet og reduserer saldoen til kunde K2."
    ]
    assert issues["receivables.credit_positive"][0].startswith(f"{where}I10: Raden viser til faktura 1001")
    assert {i.severity.value for i in result.issues} == {"info", "warning"}


def _csv(path, body: str):
    path.write_bytes(
        ("Kundenr;Kundenavn;Fakturanr;Fakturadato;Forfall;Beløp;Krediterer\r\n" + body).encode("cp1252")
    )
    return path


def test_credit_note_naming_itself_or_another_credit_note_rejects_the_file(workspace, tmp_path):
    self_ref = _csv(
        tmp_path / "a.csv",
        "K1;Ola AS;1;01.11.2026;15.11.2026;1 000,00;\r\nK1;Ola AS;2;01.11.2026;15.11.2026;-200,00;2\r\n",
    )
    result = import_receivables(workspace, self_ref, as_of=AS_OF)
    assert not result.ok and _stored(workspace) == {}
    assert _issues(result)["receivables.credit_self"] == [
        "a.csv:a!G3: Kreditnota 2 viser til seg selv som kreditert "
        "faktura. Rett henvisningen i regnskapet og "
        "eksporter på nytt."
    ]
    to_credit = _csv(
        tmp_path / "b.csv",
        "K1;Ola AS;1;01.11.2026;15.11.2026;1 000,00;\r\n"
        "K1;Ola AS;2;01.11.2026;15.11.2026;-200,00;1\r\n"
        "K1;Ola AS;3;01.11.2026;15.11.2026;2.000,00-;2\r\n",
    )
    result = import_receivables(workspace, to_credit, as_of=AS_OF)
    assert not result.ok and _stored(workspace) == {}
    assert [i.render() for i in result.issues if i.is_error] == [
        "b.csv:b!G4: Kreditnota 3 viser til 2, som selv er en "
        "kreditnota. En kreditnota må gjelde en faktura; rett "
        "henvisningen og eksporter på nytt."
    ]


def test_reference_to_an_invoice_that_is_no_longer_open_or_of_another_customer(workspace, tmp_path):
    first = _csv(
        tmp_path / "1.csv",
        "K1;Ola AS;1;01.11.2026;15.11.2026;1 000,00;\r\nK2;Kari AS;2;01.11.2026;15.11.2026;3 000,00;\r\n",
    )
    import_receivables(workspace, first, as_of=AS_OF)
    second = _csv(
        tmp_path / "2.csv",
        "K2;Kari AS;2;01.11.2026;15.11.2026;3 000,00;\r\n"
        "K2;Kari AS;3;20.11.2026;04.12.2026;-1 000,00;1\r\n"
        "K1;Ola AS;4;20.11.2026;04.12.2026;-300,00;2\r\n",
    )
    result = import_receivables(workspace, second, as_of=AS_OF)
    assert result.ok
    issues = _issues(result)
    assert issues["receivables.credit_unknown"] == [
        "2.csv:2!G3: Kreditnota 3 gjelder faktura 1, som ikke står i "
        "eksporten og derfor lukkes som betalt nå. "
        "Kreditten regnes som ikke tilordnet og reduserer saldoen til kunde K2."
    ]
    assert issues["receivables.credit_customer"] == [
        "2.csv:2!G4: Kreditnota 4 er til kunde K1, men faktura 2 er til kunde K2. Kreditten regnes som ikke "
        "tilordnet og reduserer saldoen til kunde K1."
    ]
    stored = _stored(workspace)
    assert stored["3"] == (Decimal("-1000.00"), Decimal("0.00"), "") and stored["4"][2] == ""


def test_type_column_with_document_types_and_partly_used_credit(workspace, tmp_path):
    path = tmp_path / "eksport.csv"
    path.write_bytes(
        (
            "Kundenr;Navn;Type;Fakturanr;Fakturadato;Forfall;Beløp;Restbeløp;Gjelder faktura\r\n"
            "K1;Ola AS;Faktura;1;01.11.2026;15.11.2026;10 000,00;10 000,00;\r\n"
            "K1;Ola AS;Kreditnota;2;02.11.2026;16.11.2026;6 000,00;6 000,00;1\r\n"
            "K1;Ola AS;Kreditnota;3;03.11.2026;17.11.2026;-5 000,00;-5 000,00;1\r\n"
        ).encode()
    )
    result = import_receivables(workspace, path, as_of=AS_OF)
    assert result.ok
    assert not [i for i in result.issues if i.code == "receivables.type"]  # not read as a customer type
    assert _stored(workspace) == {
        "1": (Decimal("10000.00"), Decimal("0.00"), ""),
        "2": (Decimal("-6000.00"), Decimal("0.00"), "1"),
        "3": (Decimal("-5000.00"), Decimal("0.00"), "1"),
    }
    assert _issues(result)["receivables.credit_exceeds"] == [
        "eksport.csv:eksport!I4: Kreditnota 3 på 5 000,00 kr er større enn det som står igjen på faktura 1 "
        "(4 000,00 kr etter tidligere kreditnotaer i eksporten). "
        "Overskuddet, 1 000,00 kr, reduserer kundens saldo."
    ]


def test_a_credit_note_row_without_customer_details_keeps_those_of_the_invoice_row(workspace, tmp_path):
    from vareflyt.store.tables.receivables import customers

    path = tmp_path / "eksport.csv"
    path.write_bytes(
        (
            "Kundenr;Kundenavn;Kundetype;Orgnr;Adresse;Fakturanr;Fakturadato;Forfall;Beløp\r\n"
            "K1;Ola Bygg AS;Bedrift;923 609 016;Storgata 1;1;01.11.2026;15.11.2026;10 000,00\r\n"
            "K1;Ola Bygg AS;;;;2;02.11.2026;16.11.2026;-1 000,00\r\n"
        ).encode()
    )
    assert import_receivables(workspace, path, as_of=AS_OF).ok
    with workspace.store.connect() as conn:
        row = conn.execute(sa.select(customers)).one()
    assert (row.kind, row.orgnr, row.address) == ("b2b", "923609016", "Storgata 1")
