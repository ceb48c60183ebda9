"""Bad input in an open-items export, through the command line: each problem a Norwegian
message at its place (file:sheet!cell), the whole file rejected (exit 1) when a required value
is wrong, and nothing half-imported. Amounts as Norwegian exports write them read right."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.store.tables.receivables import customer_invoices, customers

HEAD = "Kundenr;Kundenavn;Adresse;E-post;Fakturanr;Fakturadato;Forfall;Beløp;Betalt;KID\r\n"
GOOD = "K1;Ola Bygg AS;Storgata 1;post@olabygg.no;100;01.11.2026;15.11.2026;1 000,00;0,00;\r\n"


def _file(tmp_path, body: str, name: str = "apne_poster.csv"):
    path = tmp_path / name
    path.write_bytes((HEAD + body).encode("cp1252", errors="strict"))
    return path


def _cli(ws, path, *extra):
    return CliRunner().invoke(
        app, ["receivables", "import", str(path), "--workspace", str(ws.root), "--date", "2026-11-30", *extra]
    )


def _ledger(ws):
    with ws.store.connect() as conn:
        return (
            sorted(tuple(r) for r in conn.execute(sa.select(customer_invoices))),
            sorted(tuple(r) for r in conn.execute(sa.select(customers))),
        )


@pytest.fixture
def with_one(workspace, tmp_path):
    """A workspace where invoice 100 is open (so a rejected file could have closed it)."""
    assert import_receivables(workspace, _file(tmp_path, GOOD, "first.csv"), as_of=date(2026, 11, 1)).ok
    return workspace


@pytest.mark.parametrize(
    "amount, message",
    [
        (
            "1 2OO,OO",
            "Beløp «1 2OO,OO» er ikke et beløp. Skriv bare sifre med desimalkomma, f.eks. 1 200,00 eller "
            "-2 000,00. Står det bokstaven O eller l der det skal være et siffer?",
        ),
        (
            "ca. 500",
            "Beløp «ca. 500» er ikke et beløp. Skriv bare sifre med desimalkomma, f.eks. 1 200,00 eller "
            "-2 000,00.",
        ),
        (
            "12.000",
            "Beløp «12.000» har mer enn to desimaler. Er punktum eller komma brukt som tusenskille? "
            "Skriv beløpet med desimalkomma, f.eks. 12 000,00.",
        ),
    ],
)
def test_text_in_the_amount_column_rejects_the_file(with_one, tmp_path, amount, message):
    before = _ledger(with_one)
    path = _file(tmp_path, GOOD + f"K2;Kari AS;;;101;02.11.2026;16.11.2026;{amount};0,00;\r\n")
    out = _cli(with_one, path)
    assert out.exit_code == 1
    assert f"apne_poster.csv:apne_poster!H3: {message}" in out.output
    assert _ledger(with_one) == before  # invoice 100 not closed, 101 not added
    data = json.loads(_cli(with_one, path, "--json").stdout)
    assert not data["ok"] and data["issues"][0]["source"] == {
        "file": "apne_poster.csv",
        "sheet": "apne_poster",
        "row": 3,
        "column": 8,
        "field": "amount",
    }


def test_unreadable_paid_amount_is_an_error_too(with_one, tmp_path):
    out = _cli(with_one, _file(tmp_path, "K1;Ola Bygg AS;;;100;01.11.2026;15.11.2026;1 000,00;delvis;\r\n"))
    assert out.exit_code == 1 and "apne_poster!I2: Betalt beløp «delvis» er ikke et beløp" in out.output


def test_customer_numbers_with_slash_and_dots_are_kept_exactly(workspace, tmp_path):
    path = _file(
        tmp_path,
        "77/1;Ola Bygg AS;;;200;01.11.2026;15.11.2026;500,00;0,00;\r\n"
        "../../etc;Kari AS;;;201;01.11.2026;15.11.2026;600,00;0,00;\r\n"
        "77 1;Per AS;;;20/1;01.11.2026;15.11.2026;700,00;0,00;\r\n",
    )
    out = _cli(workspace, path)
    assert out.exit_code == 0, out.output
    with workspace.store.connect() as conn:
        pairs = set(
            conn.execute(sa.select(customer_invoices.c.invoice_no, customer_invoices.c.customer_no)).all()
        )
    assert pairs == {("200", "77/1"), ("201", "../../etc"), ("20/1", "77 1")}


LONG = [
    ("customer_no", "A", "K" * 200, "Kundenummer er 200 tegn; vareflyt lagrer høyst 35."),
    ("customer_name", "B", "N" * 201, "Kundenavn er 201 tegn; vareflyt lagrer høyst 200."),
    ("address", "C", "Gate " * 101, "Adresse er 504 tegn; vareflyt lagrer høyst 500."),
    ("email", "D", "a" * 196 + "@x.no", "E-postadresse er 201 tegn; vareflyt lagrer høyst 200."),
    ("invoice_no", "E", "9" * 36, "Fakturanummer er 36 tegn; vareflyt lagrer høyst 35."),
    ("kid", "J", "1" * 26, "KID er 26 tegn; vareflyt lagrer høyst 25."),
]


@pytest.mark.parametrize("field, column, value, message", LONG, ids=[f for f, *_ in LONG])
def test_values_longer_than_the_store_keeps_are_errors(with_one, tmp_path, field, column, value, message):
    cells = {
        "customer_no": "K2",
        "customer_name": "Kari AS",
        "address": "",
        "email": "",
        "invoice_no": "101",
        "kid": "",
    }
    cells[field] = value.strip() if field != "email" else value
    row = (
        f"{cells['customer_no']};{cells['customer_name']};{cells['address']};{cells['email']};"
        f"{cells['invoice_no']};02.11.2026;16.11.2026;500,00;0,00;{cells['kid']}\r\n"
    )
    before = _ledger(with_one)
    out = _cli(with_one, _file(tmp_path, GOOD + row))
    assert out.exit_code == 1
    flat = "".join(out.output.splitlines())
    assert f"apne_poster.csv:apne_poster!{column}3: {message}" in flat, flat
    assert "Traceback" not in flat and _ledger(with_one) == before


def test_norwegian_amounts_read_right(workspace, tmp_path):
    path = _file(
        tmp_path,
        "K1;Ola AS;;;1;01.11.2026;15.11.2026;10 000,00;2 500,50;\r\n"
        "K1;Ola AS;;;2;02.11.2026;16.11.2026;-2 000,00;0,00;\r\n"
        "K1;Ola AS;;;3;03.11.2026;17.11.2026;2.000,00-;0,00;\r\n"
        "K1;Ola AS;;;4;04.11.2026;18.11.2026;kr 1.234.567,89;0;\r\n",
    )
    out = _cli(workspace, path)
    assert out.exit_code == 0, out.output
    with workspace.store.connect() as conn:
        got = {r.invoice_no: (r.amount, r.paid) for r in conn.execute(sa.select(customer_invoices))}
    assert got == {
        "1": (Decimal("10000.00"), Decimal("2500.50")),
        "2": (Decimal("-2000.00"), Decimal("0")),
        "3": (Decimal("-2000.00"), Decimal("0")),
        "4": (Decimal("1234567.89"), Decimal("0")),
    }


def test_missing_required_value_names_the_cell(with_one, tmp_path):
    out = _cli(with_one, _file(tmp_path, GOOD + ";Kari AS;;;101;02.11.2026;16.11.2026;500,00;0,00;\r\n"))
    assert out.exit_code == 1 and "apne_poster.csv:apne_poster!A3: Mangler kundenummer." in out.output


def test_credit_note_larger_than_its_invoice_is_imported_with_a_warning(workspace, tmp_path):
    path = tmp_path / "eksport.csv"
    path.write_bytes(
        (
            "Kundenr;Kundenavn;Fakturanr;Fakturadato;Forfall;Beløp;Gjelder faktura\r\n"
            "K1;Ola AS;1;01.11.2026;15.11.2026;1 000,00;\r\n"
            "K1;Ola AS;2;03.11.2026;17.11.2026;-1 500,00;1\r\n"
        ).encode()
    )
    out = CliRunner().invoke(
        app, ["receivables", "import", str(path), "--workspace", str(workspace.root), "--json"]
    )
    assert out.exit_code == 0
    data = json.loads(out.stdout)
    assert [
        (i["code"], i["severity"], i["source"]["row"], i["source"]["column"]) for i in data["issues"]
    ] == [("receivables.credit_exceeds", "warning", 3, 7)]
    assert "Overskuddet, 500,00 kr, reduserer kundens saldo." in data["issues"][0]["message"]
