"""A partial export is not a mass payment: an open-items import that would close more than
``[receivables] max_close_share`` (20 %) of the open invoices, and at least ``min_close_count``
(5) of them, stops with exit 1 and changes nothing; ``--full`` (the ribbon: a yes) confirms it.

The exports are written as an accounting program writes them: CSV with ``;``, CRLF, a decimal
comma and a space as thousands separator.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.config import default_toml
from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.store.tables.core import processing_log
from vareflyt.store.tables.receivables import customer_invoices, customers
from vareflyt.workspace import Workspace, init_workspace

HEAD = "Kundenr;Kundenavn;Fakturanr;Fakturadato;Forfallsdato;Beløp;Restbeløp\r\n"
FIRST = date(2026, 11, 2)


def _line(n: int) -> str:
    """Invoice 20000+n of customer K100..K129 for 1 000,00 + n kr (written with a thousands space)."""
    return (
        f"K{100 + n % 30};Kunde {n % 30} AS;{20000 + n};01.10.2026;31.10.2026;1 {n:03d},00;1 {n:03d},00\r\n"
    )


def _export(path: Path, numbers) -> Path:
    path.write_bytes((HEAD + "".join(_line(n) for n in numbers)).encode("cp1252"))
    return path


def _ledger(ws) -> tuple[list, list]:
    with ws.store.connect() as conn:
        return (
            sorted(tuple(r) for r in conn.execute(sa.select(customer_invoices))),
            sorted(tuple(r) for r in conn.execute(sa.select(customers))),
        )


def _status(ws) -> dict[str, str]:
    with ws.store.connect() as conn:
        return dict(conn.execute(sa.select(customer_invoices.c.invoice_no, customer_invoices.c.status)).all())


def _cli(ws, *args: str):
    root = ws if isinstance(ws, Path) else ws.root
    return CliRunner().invoke(app, ["receivables", "import", *args, "--workspace", str(root)])


def test_three_rows_against_270_open_stop_and_full_closes_them(workspace, tmp_path):
    assert import_receivables(workspace, _export(tmp_path / "alle.csv", range(270)), as_of=FIRST).ok
    before = _ledger(workspace)
    part = _export(tmp_path / "apne poster.csv", [0, 1, 2])

    out = _cli(workspace, str(part), "--date", "2026-11-20")
    assert out.exit_code == 1, out.output
    text = " ".join(out.output.split())
    assert "267 av 270 åpne fakturaer som betalt" in text and "98,9 %" in text and "grensen er 20 %" in text
    assert "avkortet eksport" in text
    assert f'vareflyt receivables import "{part}" --full' in text  # quoted: the name has a space
    assert _ledger(workspace) == before  # nothing changed
    kept = [p for p in workspace.quarantine.iterdir() if p.name.endswith("apne poster.csv")]
    assert len(kept) == 1 and "267 av 270" in kept[0].with_name(kept[0].name + ".reason.txt").read_text(
        "utf-8"
    )
    with workspace.store.connect() as conn:
        last = conn.execute(sa.select(processing_log).order_by(processing_log.c.id.desc())).first()
    assert (last.job, last.status, last.file_name) == ("receivables.import", "rejected", "apne poster.csv")

    out = _cli(workspace, str(part), "--date", "2026-11-20", "--full", "--json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    c = data["counts"]
    assert (c["expired"], c["rows_read"], c["imported"], c["rejected"]) == (267, 3, 3, 0)
    assert c["rows_read"] == c["imported"] + c["rejected"]
    assert c["imported"] == c["new"] + c["changed"] + c["unchanged"] + c["reopened"]
    assert data["close_guard"] == {
        "open": 270,
        "closing": 267,
        "share_pct": "98.9",
        "max_close_share_pct": "20",
        "min_close_count": 5,
        "full": True,
        "stopped": False,
    }
    status = _status(workspace)
    assert len(status) == 270  # closed invoices stay in history
    assert [n for n, s in status.items() if s == "open"] == ["20000", "20001", "20002"]
    with workspace.store.connect() as conn:
        closed_at = set(
            conn.execute(
                sa.select(customer_invoices.c.closed_at).where(customer_invoices.c.status == "closed")
            ).scalars()
        )
    assert closed_at == {date(2026, 11, 20)}


def test_the_limit_is_a_share_of_the_open_invoices(workspace, tmp_path):
    import_receivables(workspace, _export(tmp_path / "alle.csv", range(270)), as_of=FIRST)
    # 270 open: 54 closing is exactly 20 % (allowed), 55 is 20,4 % (stopped)
    stopped = import_receivables(workspace, _export(tmp_path / "b.csv", range(55, 270)), as_of=FIRST)
    assert not stopped.ok and [i.code for i in stopped.issues] == ["receivables.partial_export"]
    assert stopped.extra["close_guard"]["share_pct"] == "20.4" and "55 av 270" in stopped.issues[0].message
    assert list(_status(workspace).values()).count("open") == 270
    allowed = import_receivables(workspace, _export(tmp_path / "a.csv", range(54, 270)), as_of=FIRST)
    assert allowed.ok and allowed.counts["expired"] == 54


def test_a_small_ledger_is_not_stopped_below_the_minimum_count(workspace, tmp_path):
    import_receivables(workspace, _export(tmp_path / "tre.csv", range(3)), as_of=FIRST)
    one_paid = import_receivables(workspace, _export(tmp_path / "to.csv", [1, 2]), as_of=FIRST)
    assert one_paid.ok and one_paid.counts["expired"] == 1  # 33 %, but 1 < min_close_count 5
    import_receivables(workspace, _export(tmp_path / "ti.csv", range(10)), as_of=FIRST)
    five_of_ten = import_receivables(workspace, _export(tmp_path / "fem.csv", range(5, 10)), as_of=FIRST)
    assert not five_of_ten.ok and "5 av 10 åpne fakturaer" in five_of_ten.issues[0].message


def test_settings_change_the_limits_and_are_checked(tmp_path):
    text = default_toml()
    assert "max_close_share = 20" in text and "min_close_count = 5" in text
    root = tmp_path / "ws"
    init_workspace(root, config_text=text.replace("max_close_share = 20", "max_close_share = 99")).close()
    ws = Workspace(root)
    try:
        import_receivables(ws, _export(tmp_path / "alle.csv", range(270)), as_of=FIRST)
        out = _cli(ws, str(_export(tmp_path / "del.csv", [0, 1, 2])))
        assert out.exit_code == 0 and _status(ws)["20100"] == "closed"  # 98,9 % < 99 %
    finally:
        ws.close()
    (root / "vareflyt.toml").write_text(
        text.replace("max_close_share = 20", "max_close_share = 150"), "utf-8"
    )
    out = _cli(root, str(tmp_path / "del.csv"))
    assert out.exit_code == 2 and "max_close_share" in out.output and "Traceback" not in out.output


def test_an_empty_export_needs_the_same_confirmation(workspace, tmp_path):
    import_receivables(workspace, _export(tmp_path / "to.csv", [0, 1]), as_of=FIRST)
    empty = _export(tmp_path / "tom.csv", [])
    refused = import_receivables(workspace, empty, as_of=FIRST)
    assert not refused.ok and refused.issues[0].code == "receivables.empty"
    assert "alle 2 åpne fakturaer" in refused.issues[0].message and "--full" in refused.issues[0].message
    assert set(_status(workspace).values()) == {"open"}
    confirmed = import_receivables(workspace, empty, as_of=FIRST, full=True)
    assert confirmed.ok and set(_status(workspace).values()) == {"closed"}


class _AskingUI:
    """Answers the file question and records the yes/no question (answering ``yes``)."""

    def __init__(self, file: Path, yes: bool):
        from vareflyt.addin.ui import ScriptedUI

        self.inner = ScriptedUI({"file": file, "confirm": yes})
        self.asked: list[str] = []

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def confirm(self, text: str) -> None:
        self.asked.append(text)
        self.inner.confirm(text)


def test_ribbon_asks_whether_the_export_is_complete(workspace, tmp_path):
    from vareflyt.addin import run
    from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook

    import_receivables(workspace, _export(tmp_path / "alle.csv", range(270)), as_of=FIRST)
    part = _export(tmp_path / "del.csv", [0, 1, 2])
    before = _ledger(workspace)
    now = datetime(2026, 11, 20, 9)

    no = _AskingUI(part, yes=False)
    book = OpenpyxlWorkbook(workspace.receivables_workbook)
    result = run("import_receivables", book, ui=no, now=now)
    assert no.asked == ["Eksporten ville lukket 267 av 270 åpne fakturaer som betalt. Er eksporten komplett?"]
    assert result is not None and not result.ok and _ledger(workspace) == before
    assert "del.csv avvist" in book.messages[0] and "267 av 270" in book.messages[0]

    yes = _AskingUI(part, yes=True)
    book = OpenpyxlWorkbook(workspace.receivables_workbook)
    result = run("import_receivables", book, ui=yes, now=now)
    assert len(yes.asked) == 1 and result.ok and result.counts["expired"] == 267
    assert list(_status(workspace).values()).count("open") == 3


def test_ribbon_asks_nothing_for_an_ordinary_export(workspace, tmp_path):
    from vareflyt.addin import run
    from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook

    ui = _AskingUI(_export(tmp_path / "alle.csv", range(10)), yes=False)
    result = run(
        "import_receivables",
        OpenpyxlWorkbook(workspace.receivables_workbook),
        ui=ui,
        now=datetime(2026, 11, 20, 9),
    )
    assert ui.asked == [] and result.ok and result.counts["new"] == 10


def test_ribbon_import_shows_the_customers_in_kunder_at_once(workspace, tmp_path):
    from vareflyt.addin import run
    from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook

    ui = _AskingUI(_export(tmp_path / "alle.csv", range(4)), yes=False)
    result = run(
        "import_receivables",
        OpenpyxlWorkbook(workspace.receivables_workbook),
        ui=ui,
        now=datetime(2026, 11, 20, 9),
    )
    assert result.ok
    with OpenpyxlWorkbook(workspace.receivables_workbook, "receivables") as book:
        customers = book.read_table("customers")
    with workspace.store.connect() as conn:
        from vareflyt.store.receivables import load_customers

        stored = sorted(load_customers(conn))
    assert stored and sorted(customers["customer_no"]) == stored
