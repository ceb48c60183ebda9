"""The open-items import on PostgreSQL, which enforces column lengths (SQLite does not): values
exactly at the store's limits are stored as written, credit notes keep sign and reference, and
one character more is a clear rejection (exit 1), not a database error."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.config import default_toml
from vareflyt.store.tables.receivables import customer_invoices, customers
from vareflyt.workspace import Workspace, init_workspace

from ..pg import pg_url  # noqa: F401  (fixture)

HEAD = "Kundenr;Kundenavn;Adresse;E-post;Fakturanr;Fakturadato;Forfall;Beløp;KID;Gjelder faktura\r\n"
CUSTOMER = "77/1-" + "X" * 30  # 35 characters, with a slash
NAME, ADDRESS, EMAIL = "N" * 200, "A" * 500, "e" * 195 + "@x.no"
INVOICE = "../" + "9" * 32  # 35 characters
KID = "1" * 25


def _run(root, path):
    return CliRunner().invoke(
        app, ["receivables", "import", str(path), "--workspace", str(root), "--date", "2026-11-30"]
    )


def test_limits_and_credit_notes_on_postgres(pg_url, tmp_path):  # noqa: F811
    root = tmp_path / "ws"
    init_workspace(root, config_text=default_toml().replace('url = ""', f'url = "{pg_url}"', 1)).close()
    good = tmp_path / "apne_poster.csv"
    good.write_bytes(
        (
            HEAD + f"{CUSTOMER};{NAME};{ADDRESS};{EMAIL};{INVOICE};01.11.2026;15.11.2026;10 000,00;{KID};\r\n"
            f"{CUSTOMER};{NAME};;;KN-1;05.11.2026;19.11.2026;-2 500,00;;{INVOICE}\r\n"
        ).encode("utf-8")
    )
    out = _run(root, good)
    assert out.exit_code == 0, out.output
    ws = Workspace(root)
    try:
        with ws.store.connect() as conn:
            rows = {r.invoice_no: r for r in conn.execute(sa.select(customer_invoices))}
            customer = conn.execute(sa.select(customers)).one()
    finally:
        ws.close()
    assert (rows[INVOICE].customer_no, rows[INVOICE].kid, rows[INVOICE].amount) == (
        CUSTOMER,
        KID,
        Decimal("10000"),
    )
    assert (rows["KN-1"].amount, rows["KN-1"].credit_for) == (Decimal("-2500"), INVOICE)
    assert (customer.customer_no, customer.name, customer.address, customer.email) == (
        CUSTOMER,
        NAME,
        ADDRESS,
        EMAIL,
    )

    long = tmp_path / "for_lang.csv"
    long.write_bytes((HEAD + f"{CUSTOMER}Y;Ola;;;1;01.11.2026;15.11.2026;100,00;;\r\n").encode("utf-8"))
    out = _run(root, long)
    assert out.exit_code == 1 and "Traceback" not in out.output
    assert "for_lang.csv:for_lang!A2: Kundenummer er 36 tegn; vareflyt lagrer høyst 35." in out.output
