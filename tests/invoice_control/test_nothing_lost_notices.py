"""Nothing lost (issue 15, item 2): the deviation notice a status makes owed is written even
when the run that set the status was killed before writing it, exactly once, and never twice.

The invoices are INVOIC interchanges written by hand (``flow.invoic_text``) and read with
``edi read``; a kill is a ``BaseException`` raised where the process would have died.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from vareflyt.jobs.invoices import notices, run, tables
from vareflyt.jobs.invoices.run import reconcile_invoices
from vareflyt.store import invoice_reading, invoice_results
from vareflyt.store.tables.invoices import invoice_notices

from . import flow

DAY = date(2026, 3, 4)
NOTICE = f"fakturaavvik-{flow.SUPPLIER}"


class Killed(BaseException):
    """The process dies here (nothing catches it, as nothing catches SIGKILL)."""


@pytest.fixture
def ws(tmp_path):
    with flow.workspace(tmp_path / "ws") as workspace:
        yield workspace


def priced_wrong(ws, number: str, line: int = 1, price: str = "49.00") -> None:
    """An invoice for one order line at a price above the list's (check l: deviation)."""
    article, qty, unit = {1: ("T100", "10", "MTR"), 2: ("T200", "6", "EA")}[line]
    text = flow.invoic_text(number, flow.ORDER, [(line, article, qty, unit, price)], "PS1")
    flow.drop(ws, f"INVOIC_{number}.edi", text)


def reconcile(ws, on: date = DAY):
    return reconcile_invoices(ws, on=on, now=datetime.combine(on, datetime.min.time()))


def letters(ws) -> list[str]:
    return sorted(p.relative_to(ws.letters).as_posix() for p in ws.letters.rglob("*") if p.is_file())


def status(ws, number: str) -> str:
    with ws.store.connect() as conn:
        return next(r.status for r in invoice_reading.headers(conn) if r.number == number)


def test_a_run_killed_after_its_commit_writes_the_notice_on_the_next_run(ws, monkeypatch):
    priced_wrong(ws, "F-1")

    def killed(*args, **kwargs):
        raise Killed()

    monkeypatch.setattr(tables, "refresh_invoice_tables", killed)  # the first thing after the commit
    with pytest.raises(Killed):
        reconcile(ws)
    assert status(ws, "F-1") == "deviation" and letters(ws) == []  # the status stands, no letter yet
    monkeypatch.undo()
    again = reconcile(ws, date(2026, 3, 5))  # the next night
    assert letters(ws) == [f"2026-03-04/{NOTICE}.html", f"2026-03-04/{NOTICE}.pdf"]
    assert again.counts["notices"] == 1
    html = (ws.letters / "2026-03-04" / f"{NOTICE}.html").read_text(encoding="utf-8")
    assert "Faktura F-1" in html and "45,50" in html and "49,00" in html and "enhetspris" in html
    assert "04.03.2026" in html  # dated the day the deviation was found


def test_a_notice_written_but_not_recorded_is_written_again_under_its_own_name(ws, monkeypatch):
    priced_wrong(ws, "F-1")

    def killed(*args, **kwargs):
        raise Killed()

    monkeypatch.setattr(notices.invoice_results, "mark_written", killed)  # files in place, not recorded
    with pytest.raises(Killed):
        reconcile(ws)
    first = (ws.letters / "2026-03-04" / f"{NOTICE}.html").read_text(encoding="utf-8")
    monkeypatch.undo()
    again = reconcile(ws)
    assert letters(ws) == [f"2026-03-04/{NOTICE}.html", f"2026-03-04/{NOTICE}.pdf"]  # no -2
    assert (ws.letters / "2026-03-04" / f"{NOTICE}.html").read_text(encoding="utf-8") == first
    assert again.counts["notices"] == 1
    assert reconcile(ws).counts.get("notices", 0) == 0


def test_a_written_notice_is_never_written_again(ws):
    priced_wrong(ws, "F-1")
    reconcile(ws)
    html = ws.letters / "2026-03-04" / f"{NOTICE}.html"
    written = (html.read_bytes(), html.stat().st_mtime_ns)
    for day in (DAY, date(2026, 3, 5)):  # the same day again, the next day
        assert reconcile(ws, day).counts.get("notices", 0) == 0
    assert letters(ws) == [f"2026-03-04/{NOTICE}.html", f"2026-03-04/{NOTICE}.pdf"]
    assert (html.read_bytes(), html.stat().st_mtime_ns) == written
    priced_wrong(ws, "F-2", line=2, price="95.00")  # a new deviation the same day
    assert reconcile(ws).counts["notices"] == 1
    assert set(letters(ws)) == {
        f"2026-03-04/{NOTICE}{tail}" for tail in (".html", ".pdf", "-2.html", "-2.pdf")
    }
    second = (ws.letters / "2026-03-04" / f"{NOTICE}-2.html").read_text(encoding="utf-8")
    assert "Faktura F-2" in second and "Faktura F-1" not in second
    assert (html.read_bytes(), html.stat().st_mtime_ns) == written


def test_notices_off_writes_none_and_owes_none(tmp_path):
    with flow.workspace(
        tmp_path / "off", config_text=flow.CONFIG + "\n[invoice_control]\nnotices = false\n"
    ) as ws:
        priced_wrong(ws, "F-1")
        result = reconcile(ws)
        assert status(ws, "F-1") == "deviation" and "notices" not in result.counts
        assert letters(ws) == []
        with ws.store.connect() as conn:
            assert invoice_results.pending(conn) == []  # nothing waits to be written later
            (row,) = conn.execute(sa.select(invoice_notices)).all()
        assert row.file is None and row.written_at is not None  # settled: not told, now or later


def test_invoices_told_before_the_upgrade_are_not_told_again(tmp_path):
    from alembic import command

    from vareflyt.store.db import Store, _alembic_config, sqlite_url

    store = Store(sqlite_url(tmp_path / "old.db"))
    cfg = _alembic_config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0012")
        conn.execute(
            sa.text(
                "INSERT INTO supplier_invoices (supplier_gln, number, kind, "
                "format, fingerprint, received_at, status, "
                "checked_on) VALUES ('7080000000029', 'F-9', 'invoice', "
                "'edifact', 'x', '2026-02-01 10:00:00.000000', "
                "'deviation', '2026-02-02'), ('7080000000029', 'F-10', 'invoice', 'edifact', 'y', "
                "'2026-02-01 10:00:00.000000', 'approved', '2026-02-02')"
            )
        )
    store.migrate()
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(invoice_notices)).all()
        assert invoice_results.pending(conn) == []
    assert [(r.owed_on, r.file, r.written_at is not None) for r in rows] == [(date(2026, 2, 2), None, True)]
    store.dispose()


def test_an_invoice_that_could_not_be_controlled_is_not_told_to_the_supplier(ws, monkeypatch):
    priced_wrong(ws, "F-1")
    real = run.outcome

    def failing(ctx):
        if ctx.invoice.number == "F-1":
            raise ArithmeticError("for stort")
        return real(ctx)

    monkeypatch.setattr(run, "outcome", failing)
    result = reconcile(ws)
    assert status(ws, "F-1") == "deviation" and "notices" not in result.counts and letters(ws) == []
