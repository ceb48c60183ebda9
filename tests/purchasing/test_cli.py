"""CLI contract for purchasing: ``orders make --from FILE --json`` and ``edi read --json``."""

import json
from datetime import date
from decimal import Decimal as D

import typer
from typer.testing import CliRunner

from vareflyt.cli import edi_read
from vareflyt.cli.app import app
from vareflyt.domain.orders import LineAction, ResponseLine
from vareflyt.jobs import make_orders

from .conftest import EDI_SUPPLIER, SITE, lookup
from .docs import drop, response

runner = CliRunner()


def test_orders_make_from_csv_json_contract(ws, tmp_path, monkeypatch):
    monkeypatch.setattr(make_orders, "default_catalogue", lambda ws: lookup)
    csv = tmp_path / "bestilling.csv"
    csv.write_text(
        "Leverandør;Varenr;Antall;Enhet;Ønsket levering;Kl;Leveringssted;Prosjekt;Henting\n"
        f"Trelast Vest AS;T100;12;MTR;10.03.2026;07:30;{SITE};P-1;nei\n"
        f"{EDI_SUPPLIER};7040000000023;4;;10.03.2026;;{SITE};P-1;nei\n"
        f"{EDI_SUPPLIER};FINNES-IKKE;1;;;;;;\n",
        encoding="utf-8",
    )
    out = runner.invoke(
        app,
        ["orders", "make", "--from", str(csv), "--date", "2026-03-02", "--json", "--workspace", str(ws.root)],
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["ok"] and data["counts"]["orders"] == 1 and data["counts"]["unresolved"] == 1
    (order,) = data["orders"]
    assert set(order) == {"number", "supplier_gln", "delivery_gln", "lines", "format", "file"}
    assert (order["supplier_gln"], order["delivery_gln"], order["lines"], order["format"]) == (
        EDI_SUPPLIER,
        SITE,
        2,
        "edifact",
    )
    assert [i["code"] for i in data["issues"]] == ["order.article"]
    assert data["issues"][0]["source"]["row"] == 4


def test_edi_read_json_contract(ws):
    runner.invoke(app, ["orders", "list", "--workspace", str(ws.root)])
    make_orders.make_orders(
        ws,
        entries=[make_orders.ordering.EntryLine(EDI_SUPPLIER, "T100", D(5))],
        on=date(2026, 3, 2),
        catalogue=lookup,
    )
    drop(ws, response("100001", ResponseLine(1, LineAction.ACCEPTED, ordered_qty=D(5), confirmed_qty=D(5))))
    (ws.inbox / "broken.edi").write_bytes(b"UNB+UNOC:3+x'")
    group = typer.Typer()
    edi_read.add_read_command(group)

    @group.command("noop")
    def _noop() -> None:  # a second command keeps "read" a sub-command
        pass

    out = runner.invoke(group, ["read", "--json", "--workspace", str(ws.root)])
    assert out.exit_code == 1
    data = json.loads(out.stdout)
    docs = sorted(data["documents"], key=lambda d: d["file"])
    assert [(d["file"], d["type"], d["number"], d["status"]) for d in docs] == [
        ("ORDRSP_R-1.edi", "ORDRSP", "R-1", "accepted"),
        ("broken.edi", None, None, "rejected"),
    ]
    assert all(set(d) == {"file", "type", "number", "partner", "status", "issues"} for d in docs)
    assert docs[0]["partner"] == EDI_SUPPLIER
    listed = json.loads(runner.invoke(app, ["orders", "list", "--json", "--workspace", str(ws.root)]).stdout)
    assert [(o["number"], o["status"]) for o in listed["orders"]] == [("100001", "bekreftet")]
