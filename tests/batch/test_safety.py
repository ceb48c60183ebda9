"""The batch is safe to run any time: a replayed inbox changes nothing, a workbook open in
Excel is not overwritten, a corrupt file or a partner's broken setting stops only itself,
a second run waits or stops with a message, and a quiet night is quick."""

from __future__ import annotations

import shutil
import sqlite3
import time
from datetime import datetime
from datetime import time as clock

import pytest
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.jobs.nightly import BatchBusy, run_batch
from vareflyt.jobs.nightly.lock import run_lock
from vareflyt.workspace import Workspace

from .conftest import DAY, GOOD_PRICES

NOW = datetime.combine(DAY, clock(2, 30))
TABLES = (
    "purchase_orders",
    "purchase_order_lines",
    "order_responses",
    "despatch_advices",
    "receipts",
    "price_versions",
    "price_rows",
    "parties",
    "customers",
    "customer_invoices",
    "customer_payments",
    "dunning_events",
    "supplier_invoices",
)


def _run(root, **kw):
    ws = Workspace(root)
    try:
        return run_batch(ws, on=kw.pop("on", DAY), now=kw.pop("now", NOW), **kw)
    finally:
        ws.close()


def _counts(root) -> dict:
    db = sqlite3.connect(root / ".vareflyt" / "store.db")  # not through vareflyt.toml: it may be broken
    try:
        return {t: db.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}
    finally:
        db.close()


def _inbox(root) -> list[str]:
    return sorted(
        p.relative_to(root / "inbox").as_posix() for p in (root / "inbox").rglob("*") if p.is_file()
    )


def test_a_replayed_inbox_changes_nothing(ws_copy):
    root = ws_copy()
    first = _run(root)
    assert first.extra["exit_code"] == 1 and first.counts["came_in"] >= 20 and _inbox(root) == []
    before, quarantined = _counts(root), sorted((root / "quarantine").iterdir())
    for archived in (root / "archive").rglob("*-*"):  # every input again, under its own name
        shutil.copyfile(archived, root / "inbox" / archived.name.split("-", 1)[1])
    again = _run(root, now=NOW.replace(hour=4), force=True)
    assert again.extra["came_in"] == [] and again.extra["went_out"] == []
    assert _counts(root) == before
    assert _inbox(root) == [] and sorted((root / "quarantine").iterdir()) == quarantined


def test_a_workbook_open_in_excel_is_not_overwritten_and_results_wait(ws_copy):
    root = ws_copy()
    book = root / "Innkjop.xlsx"
    owner = root / "~$Innkjop.xlsx"
    owner.write_bytes(b"owner")
    data = book.read_bytes()
    locked = _run(root)
    assert locked.extra["exit_code"] == 3 and locked.extra["locked"] == ["Innkjop.xlsx"]
    assert book.read_bytes() == data  # untouched
    assert _counts(root)["order_responses"] > 0  # the store took everything in
    html = (root / "rapporter" / "morgenrapport-2026-11-20.html").read_text(encoding="utf-8")
    assert "Åpen i Excel" in html and "Innkjop.xlsx" in html
    out = CliRunner().invoke(
        app, ["batch", "run", "--workspace", str(root), "--date", DAY.isoformat(), "--json"]
    )
    assert out.exit_code == 3 and '"status": "locked"' in out.stdout  # still open: still waiting
    assert book.read_bytes() == data
    owner.unlink()
    later = _run(root, now=NOW.replace(hour=5))
    assert later.extra["exit_code"] in (0, 1) and not later.extra["quiet"]
    assert book.read_bytes() != data
    import pandas as pd

    orders = pd.read_excel(book, sheet_name="Ordrer", dtype=str, engine="openpyxl")
    assert len(orders) >= 9 and "Morgenrapport" in pd.ExcelFile(book, engine="openpyxl").sheet_names


def test_a_corrupt_file_among_good_ones_stops_only_itself(ws_copy):
    root = ws_copy()
    (root / "inbox" / "prisliste_kaputt.xlsx").write_bytes(b"PK\x03\x04 this is not a zip at all")
    (root / "inbox" / "ORDRSP_broken.edi").write_bytes(
        b"UNA:+.? 'UNB+UNOC:3+123:14+456:14+261120:0100+1'UNH+1+ORD"
    )
    (root / "inbox" / "bilde.pdf").write_bytes(b"%PDF-1.4 scanned invoice")
    result = _run(root)
    assert result.extra["exit_code"] == 1
    messages = " ".join(a["message"] for a in result.extra["attention"])
    for name in ("prisliste_kaputt.xlsx", "ORDRSP_broken.edi", "bilde.pdf"):
        assert name in messages
    assert _inbox(root) == ["bilde.pdf", "prisliste_kaputt.xlsx"]  # waits for a person
    assert list((root / "quarantine").glob("*ORDRSP_broken.edi.reason.txt"))
    counts = _counts(root)  # the good files all went in
    assert counts["order_responses"] >= 8 and counts["customer_payments"] > 0
    assert sum(1 for c in result.extra["came_in"] if c["kind"] == "prices") == 1


def test_a_partner_with_a_broken_setting_stops_only_that_partner(ws_copy):
    root = ws_copy()
    partners = sorted(Workspace(root).config.partners)
    broken, fine = partners[1], partners[2]
    text = (root / "vareflyt.toml").read_text(encoding="utf-8")
    text = text.replace(f'[partners."{broken}"]\n', f'[partners."{broken}"]\nprice_kind = "noen ganger"\n')
    text = text.replace(f'[partners."{fine}"]\n', f'[partners."{fine}"]\nprice_files = "glassvest_*.csv"\n')
    (root / "vareflyt.toml").write_text(text, encoding="utf-8")
    (root / "inbox" / broken).mkdir()
    (root / "inbox" / broken / "priser.csv").write_text(GOOD_PRICES, encoding="utf-8")
    (root / "inbox" / "glassvest_november.csv").write_text(
        GOOD_PRICES.replace("BT-", "GV-"), encoding="utf-8"
    )
    result = _run(root)
    assert result.extra["exit_code"] == 1
    waiting = [a for a in result.extra["attention"] if a.get("partner") == broken]
    assert waiting and "price_kind" in waiting[0]["message"]
    assert f"{broken}/priser.csv" in _inbox(root)
    assert all(broken in name for name in _inbox(root))  # only that partner's files wait
    suppliers = {c["partner"] for c in result.extra["came_in"] if c["kind"] == "prices"}
    assert fine in suppliers and broken not in suppliers
    assert _counts(root)["order_responses"] >= 5  # everything else went on


def test_a_second_run_stops_with_a_message_or_waits(ws_copy):
    root = ws_copy()
    ws = Workspace(root)
    try:
        with run_lock(ws, 0):
            with pytest.raises(BatchBusy, match="En annen nattkjøring pågår"):
                run_batch(ws, on=DAY, now=NOW)
            started = time.perf_counter()
            with pytest.raises(BatchBusy, match="Ventet 1 sekunder"):
                run_batch(ws, on=DAY, now=NOW, wait=1)
            assert time.perf_counter() - started >= 0.9
            out = CliRunner().invoke(
                app, ["batch", "run", "--workspace", str(root), "--date", DAY.isoformat()]
            )
            assert out.exit_code == 1 and "annen nattkjøring" in out.output
    finally:
        ws.close()


def test_a_quiet_night_changes_nothing_and_is_quick(ws_copy):
    root = ws_copy()
    _run(root)
    before, book = _counts(root), (root / "Innkjop.xlsx").read_bytes()
    started = time.perf_counter()
    quiet = _run(root, now=NOW.replace(hour=4))
    assert quiet.extra["quiet"] and time.perf_counter() - started < 5
    assert quiet.extra["exit_code"] == 1 and quiet.extra["attention"]  # the same open items, said again
    assert _counts(root) == before and (root / "Innkjop.xlsx").read_bytes() == book
    full = _run(root, now=NOW.replace(hour=5), force=True)  # every step again: still nothing new
    assert full.extra["came_in"] == [] and full.extra["went_out"] == [] and _counts(root) == before


def test_a_rejected_file_is_quarantined_each_time_it_comes_with_new_content(ws_copy):
    root = ws_copy()
    for n, text in enumerate(
        ("Varenr;Nettopris\r\nX1;ikke et tall\r\n", "Varenr;Nettopris\r\nX2;heller ikke\r\n")
    ):
        supplier = sorted(Workspace(root).config.partners)[0]
        (root / "inbox" / supplier).mkdir(exist_ok=True)
        (root / "inbox" / supplier / "priser.csv").write_text(text, encoding="utf-8")
        result = _run(root, now=NOW.replace(hour=2 + n), force=True)
        assert any(a["kind"] == "file.rejected" for a in result.extra["attention"])
        reasons = sorted((root / "quarantine").glob("*priser.csv.reason.txt"))
        assert len(reasons) == n + 1
        time.sleep(1.1)  # quarantine names carry the second
    assert "priser.csv" not in " ".join(_inbox(root))


def test_a_partner_whose_table_cannot_be_read_stops_only_that_partner(ws_copy):
    root = ws_copy()
    bad = "7022963000005"  # sends several of the waiting order responses
    text = (root / "vareflyt.toml").read_text(encoding="utf-8")
    assert f'[partners."{bad}"]\n' in text
    text = text.replace(f'[partners."{bad}"]\n', f'[partners."{bad}"]\nresponse_hours = "i morgen"\n')
    (root / "vareflyt.toml").write_text(text, encoding="utf-8")
    result = _run(root)
    assert result.extra["exit_code"] == 1
    about = [a for a in result.extra["attention"] if a.get("partner") == bad]
    assert about and any("response_hours" in a["message"] for a in about)
    waiting = _inbox(root)
    assert waiting and all(bad in name for name in waiting)  # only that partner's files wait
    assert _counts(root)["order_responses"] >= 5  # the others' went in
    out = CliRunner().invoke(app, ["batch", "run", "--workspace", str(root), "--date", DAY.isoformat()])
    assert out.exit_code == 1
