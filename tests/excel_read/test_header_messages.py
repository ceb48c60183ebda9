"""Header mapping on whole sheets as other systems write them, and what it tells people: every
message names fields by their Norwegian label, ambiguity lists the candidates, and the advice a
message gives (map the column in vareflyt.toml by its label) works."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from vareflyt.domain.issues import VareflytError
from vareflyt.excel.headers import load_spec, match_heading
from vareflyt.excel.tabular import read_table

TABLES = ("prices", "parties", "receivables", "payments", "orders")


def _xlsx(path: Path, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ark1"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _messages(read) -> list[str]:
    return [i.message for i in read.issues]


def test_the_issues_payments_sheet_with_betalt_dato_is_imported(workspace, tmp_path):
    """The issue's case: "Betalt dato" failed with "Fant ingen kolonne for paid_on (påkrevd)"."""
    from vareflyt.jobs.import_payments import import_payments
    from vareflyt.jobs.import_receivables import import_receivables
    from vareflyt.store import receivables as repo

    open_items = Path(__file__).parents[1] / "data" / "receivables" / "open_items.csv"
    import_receivables(workspace, open_items, as_of=date(2024, 3, 1))
    sheet = tmp_path / "innbetalinger.csv"
    sheet.write_text(
        "Betalt dato;Beløp;Fakturanr;Innbetaler\n05.03.2024;4 000,00;5001;Ødegård Bygg AS\n", encoding="utf-8"
    )
    result = import_payments(workspace, sheet)
    assert result.ok and not [i for i in result.issues if i.code.startswith("header.")]
    with workspace.store.connect() as conn:
        invoice = {i.invoice_no: i for i in repo.load_invoices(conn)}["5001"]
    assert invoice.outstanding == Decimal("6000.00")  # 10 000,00 less 4 000,00
    assert invoice.payments[0].paid_on == date(2024, 3, 5)


def test_a_missing_column_is_named_in_norwegian_with_headings_that_would_work(tmp_path):
    path = tmp_path / "innbetalinger.csv"
    path.write_text("Beløp;KID;Melding\n4 000,00;0005001003;faktura 5001\n", encoding="utf-8")
    read = read_table(path, "payments")
    assert _messages(read) == [
        "Fant ingen kolonne for betalingsdato (påkrevd). Gi kolonnen en kjent overskrift, "
        "f.eks. «Betalingsdato» eller «Dato»."
    ]
    assert read.issues[0].is_error


def test_a_price_list_without_any_price_names_both_prices(tmp_path):
    path = _xlsx(tmp_path / "p.xlsx", [["Varenr", "Varenavn", "EAN"], ["A1", "Plank", "7031234567893"]])
    assert _messages(read_table(path, "prices")) == [
        "Fant ingen kolonne for bruttopris eller nettopris (minst én "
        "må finnes). Gi kolonnen en kjent overskrift, "
        "f.eks. «Bruttopris» eller «Nettopris», eller angi den under "
        '[partners."GLN".price_columns] i vareflyt.toml.'
    ]


def test_ambiguity_lists_the_candidates_and_the_advice_works(tmp_path):
    path = _xlsx(tmp_path / "p.xlsx", [["Varenr", "Kolli enhet", "Nettopris"], ["A1", 10, 5.5]])
    read = read_table(path, "prices")
    assert read.columns == {"article_no": 1, "net": 3}
    assert _messages(read) == [
        "Kolonnen «Kolli enhet» kan være enhet eller antall i pakning og ble ikke brukt. Angi feltet under "
        '[partners."GLN".price_columns] i vareflyt.toml, f.eks. "Kolli enhet" = "enhet".'
    ]
    # the shop says which it is, by the field's Norwegian name
    read = read_table(path, "prices", overrides={"Kolli enhet": "antall i pakning"})
    assert read.columns == {"article_no": 1, "pack_qty": 2, "net": 3} and not read.issues


def test_a_second_column_for_a_field_names_the_column_that_was_used(tmp_path):
    path = _xlsx(tmp_path / "p.xlsx", [["Varenr", "Nettopris", "Pris"], ["A1", 5.5, 6.0]])
    read = read_table(path, "prices")
    assert read.columns == {"article_no": 1, "net": 2}
    assert _messages(read) == [
        "Kolonnen «Pris» ble ikke brukt: nettopris er allerede hentet fra kolonnen «Nettopris»."
    ]


def test_an_unknown_field_in_vareflyt_toml_is_refused_with_the_labels(tmp_path):
    path = _xlsx(tmp_path / "p.xlsx", [["Vår kode", "Nettopris"], ["A1", 5.5]])
    with pytest.raises(VareflytError) as err:
        read_table(path, "prices", overrides={"Vår kode": "vårt nummer"})
    text = str(err.value)
    assert "«vårt nummer»" in text and "varenummer" in text and "nettopris" in text
    assert "article_no" not in text
    assert (
        read_table(path, "prices", overrides={"Vår kode": "article_no"}).columns["article_no"] == 1
    )  # keys still do


@pytest.mark.parametrize("table", TABLES)
def test_every_field_has_a_norwegian_label_that_names_only_it(table):
    spec = load_spec(table)
    labels = [fs.label for fs in spec.fields.values()]
    assert all(labels) and len(set(map(str.lower, labels))) == len(labels)
    for fs in spec.fields.values():
        assert spec.resolve(fs.label) == fs.key and spec.resolve(fs.label.upper()) == fs.key
        assert "_" not in fs.label


@pytest.mark.parametrize("table", TABLES)
def test_no_header_message_names_an_internal_field(table, tmp_path):
    spec = load_spec(table)
    keys = [k for k, fs in spec.fields.items() if k.lower() != fs.label.lower()]
    needed = {k for k, fs in spec.fields.items() if fs.required} | {
        k for g in spec.required_one_of for k in g
    }
    optional = [fs.label for k, fs in spec.fields.items() if k not in needed][:2]
    # two optional columns (one of them twice), an unknown column; every required field missing
    path = tmp_path / f"{table}.csv"
    path.write_text(";".join([*optional, optional[0], "Kommentar"]) + "\nA;B;C;x\n", encoding="utf-8")
    read = read_table(path, table)
    codes = [i.code for i in read.issues]
    assert (
        codes.count("header.missing")
        == len([k for k in needed if spec.fields[k].required]) + len(spec.required_one_of)
        and "header.duplicate" in codes
        and "header.unmapped" in codes
    )
    for message in _messages(read):
        for key in keys:
            assert not re.search(rf"\b{re.escape(key)}\b", message), (key, message)
    missing = " ".join(i.message for i in read.issues if i.code == "header.missing")
    assert all(spec.label(k) in missing for k in needed)


def test_a_dnb_account_export_maps_date_text_and_money_in(tmp_path):
    """DNB's CSV: "Dato";"Forklaring";"Rentedato";"Ut fra konto";"Inn på konto" — money out and the
    interest date are not the payment's amount and date."""
    path = tmp_path / "dnb.csv"
    path.write_bytes(
        '"Dato";"Forklaring";"Rentedato";"Ut fra konto";"Inn på konto"\r\n'
        '"05.03.2024";"Giro 0005001003 Ødegård Bygg AS";"05.03.2024";"";"4000,00"\r\n'
        '"06.03.2024";"Varekjøp";"07.03.2024";"35,80";""\r\n'.encode()
    )
    read = read_table(path, "payments")
    assert read.columns == {"paid_on": 1, "text": 2, "amount": 5}
    assert read.unmapped == ["Rentedato", "Ut fra konto"]
    assert read.raw["amount"] == ["4000,00", ""]


def test_a_tripletex_customer_export_maps_its_dash_headings(tmp_path):
    head = [
        "Kundenummer",
        "Navn",
        "Organisasjonsnummer",
        "Telefon",
        "Faks",
        "Epost",
        "Postadresse - linje 1",
        "Postadresse - postnummer",
        "Postadresse - sted",
        "Postadresse - land",
    ]
    row = [
        "10001",
        "Ødegård Bygg AS",
        "923609016",
        "22 00 00 00",
        "22 00 00 01",
        "post@odegard.no",
        "Storgata 1",
        "0155",
        "Oslo",
        "Norge",
    ]
    read = read_table(_xlsx(tmp_path / "kunder.xlsx", [head, row]), "parties")
    assert read.columns == {
        "party_no": 1,
        "name": 2,
        "orgnr": 3,
        "phone": 4,
        "email": 6,
        "address": 7,
        "postcode": 8,
        "city": 9,
        "country": 10,
    }
    assert read.unmapped == ["Faks"]


def test_a_nobb_style_price_list_with_camel_case_headings(tmp_path):
    head = [
        "NOBBnr",
        "Varetekst",
        "LeverandørNavn",
        "VaregruppeNavn",
        "Lev.art.nr.",
        "NOBB-pris",
        "Rabatt %",
        "FraDato",
        "TilDato",
    ]
    row = ["12345678", "LEKT 48X98 IMP", "Trelast AS", "Trelast", "TL-4898", 24.9, 20, "01.02.2026", ""]
    read = read_table(_xlsx(tmp_path / "nobb.xlsx", [head, row]), "prices")
    assert read.columns == {
        "nobb": 1,
        "name": 2,
        "supplier_name": 3,
        "article_no": 5,
        "gross": 6,
        "discount": 7,
        "valid_from": 8,
        "valid_to": 9,
    }
    assert read.unmapped == ["VaregruppeNavn"]


def test_words_not_whole_strings_and_order_does_not_matter():
    spec = load_spec("payments")
    assert {
        match_heading(spec, h)[0]
        for h in (
            "Betalt dato",
            "Dato betalt",
            "Innbetalt dato",
            "DATO, BETALT",
            "betalingsdato",
            "Betalings-dato",
        )
    } == {"paid_on"}
