"""The nightly batch and a truncated open-items export in ``inbox/``: not imported, nothing
closed, the file kept in ``quarantine/`` and a "Trenger en person" item naming the file and the
command that confirms it (which then works)."""

from __future__ import annotations

import os
import time
from datetime import date, datetime
from datetime import time as clock

import sqlalchemy as sa
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.config import default_toml
from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.jobs.nightly import run_batch
from vareflyt.store.tables.receivables import customer_invoices
from vareflyt.workspace import Workspace, init_workspace

DAY = date(2026, 11, 20)
HEAD = "Kundenr;Kundenavn;Fakturanr;Fakturadato;Forfallsdato;Beløp;Betalt\r\n"


def _rows(numbers) -> str:
    return "".join(
        f"K{n % 12};Kunde {n % 12};{7000 + n};02.10.2026;01.11.2026;2 500,00;0,00\r\n" for n in numbers
    )


def _open(ws) -> int:
    with ws.store.connect() as conn:
        return conn.execute(
            sa.select(sa.func.count())
            .select_from(customer_invoices)
            .where(customer_invoices.c.status == "open")
        ).scalar_one()


def _workspace(tmp_path) -> Workspace:
    text = default_toml().replace(
        "skip_steps = []", 'skip_steps = ["edi", "orders", "reconcile", "dunning", "tables"]'
    )
    root = tmp_path / "butikk"
    init_workspace(root, config_text=text).close()
    return Workspace(root)


def _drop(ws, name: str, text: str) -> None:
    path = ws.inbox / name
    path.write_bytes(text.encode("utf-8"))
    old = time.time() - 3600  # arrived an hour ago: not still being uploaded
    os.utime(path, (old, old))


def test_truncated_export_in_inbox_needs_a_person_and_closes_nothing(tmp_path):
    ws = _workspace(tmp_path)
    try:
        full = tmp_path / "komplett.csv"
        full.write_bytes((HEAD + _rows(range(40))).encode("utf-8"))
        assert import_receivables(ws, full, as_of=date(2026, 11, 1)).ok
        _drop(ws, "apne_poster.csv", HEAD + _rows(range(3)))

        result = run_batch(ws, on=DAY, now=datetime.combine(DAY, clock(2, 30)), force=True)
        assert _open(ws) == 40  # nothing closed
        items = [a for a in result.extra["attention"] if a["kind"] == "receivables.partial_export"]
        assert len(items) == 1 and items[0]["file"] == "apne_poster.csv"
        message = items[0]["message"]
        assert "37 av 40 åpne fakturaer" in message and "--full" in message
        kept = [p for p in ws.quarantine.iterdir() if p.name.endswith("apne_poster.csv")]
        assert len(kept) == 1 and str(kept[0]) in message and items[0]["link"] == f"quarantine/{kept[0].name}"
        assert not (ws.inbox / "apne_poster.csv").exists()
        assert not [a for a in result.extra["attention"] if a["kind"] == "file.rejected"]  # one item, not two
        command = message.split("importer den med: ")[1].split(" — ")[0]
        assert command == f"vareflyt receivables import {kept[0]} --full"
    finally:
        ws.close()

    # the person confirms with the command named in the item
    args = command.split()[1:]
    out = CliRunner().invoke(app, [*args, "--workspace", str(ws.root), "--date", DAY.isoformat()])
    assert out.exit_code == 0, out.output
    ws = Workspace(ws.root)
    try:
        assert _open(ws) == 3
        again = run_batch(
            ws, on=DAY, now=datetime.combine(DAY, clock(3, 0)), force=True
        )  # nothing left waiting
        assert not [a for a in again.extra["attention"] if a["kind"].startswith("receivables")]
    finally:
        ws.close()


def test_ordinary_export_in_inbox_is_imported(tmp_path):
    ws = _workspace(tmp_path)
    try:
        _drop(ws, "apne_poster.csv", HEAD + _rows(range(10)))
        result = run_batch(ws, on=DAY, now=datetime.combine(DAY, clock(2, 30)), force=True)
        assert _open(ws) == 10 and not [a for a in result.extra["attention"] if a["step"] == "inbox"]
    finally:
        ws.close()
