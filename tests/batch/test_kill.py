"""Crash safety: SIGKILL `vareflyt batch run` at random moments, then let it finish; the result
must equal an uninterrupted run on a copy of the same workspace (no duplicate orders or
documents, every inbox file taken in exactly once, an intact store, readable workbooks)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from .conftest import DAY

KILLS = 6
SEED = 20261120
pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="SIGKILL is POSIX")


def _run(root: Path) -> subprocess.Popen:
    code = "import sys; from vareflyt.cli.app import main; sys.argv[0] = 'vareflyt'; main()"
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            code,
            "batch",
            "run",
            "--workspace",
            str(root),
            "--date",
            DAY.isoformat(),
            "--wait",
            "60",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _finish(root: Path) -> int:
    proc = _run(root)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode in (0, 1), err.decode()
    return proc.returncode


QUERIES = {
    "orders": "select supplier_gln, number, source, status, closed, amount from purchase_orders",
    "order_lines": "select o.number, l.line_no, l.article_no, l.ordered_qty, "
    "l.confirmed_qty, l.delivered_qty, "
    "l.status from purchase_order_lines l join purchase_orders o on o.id = l.order_id",
    "responses": "select supplier_gln, number, status from order_responses",
    "despatches": "select supplier_gln, number, final from despatch_advices",
    "receipts": "select order_no, order_line, despatched_qty from receipts",
    "deviations": "select supplier_gln, kind, document, order_no, line_no, code from purchase_deviations",
    "price_versions": "select supplier_gln, kind, file_hash from price_versions",
    "price_rows": "select count(*) from price_rows",
    "parties": "select party_no, gln, name, active from parties",
    "customers": "select customer_no, name from customers",
    "customer_invoices": "select invoice_no, amount, status from customer_invoices",
    "payments": "select payment_key, invoice_no, amount from customer_payments",
    "dunning": "select invoice_no, level, sent_on from dunning_events",
    "documents_in": "select distinct job, file_hash, params_key, doc_type, doc_number from processing_log "
    "where direction = 'in' and status = 'ok' and file_hash is not null",
    "archived": "select sha256 from archived_files",
}


def _state(root: Path) -> dict:
    db = sqlite3.connect(root / ".vareflyt" / "store.db")
    try:
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
        state = {name: sorted(map(repr, db.execute(sql).fetchall())) for name, sql in QUERIES.items()}
        dup = db.execute(
            "select number, count(*) from purchase_orders where source = 'own' group by number "
            "having count(*) > 1"
        ).fetchall()
        assert not dup, f"order numbers used twice: {dup}"
        dup = db.execute(
            "select job, file_hash, params_key, count(*) from processing_log where direction = 'in' "
            "and status = 'ok' and file_hash is not null group by job, file_hash, params_key "
            "having count(*) > 1"
        ).fetchall()
        assert not dup, f"documents taken in twice: {dup}"
    finally:
        db.close()
    state["outbox"] = sorted(p.name for p in (root / "outbox").iterdir() if not p.name.endswith(".tmp"))
    state["inbox"] = sorted(p.name for p in (root / "inbox").rglob("*") if p.is_file())
    for name in ("Innkjop.xlsx", "Kundereskontro.xlsx"):
        openpyxl.load_workbook(root / name, read_only=True).close()
    return state


def test_killed_at_random_points_the_next_run_finishes_the_same_work(ws_copy):
    calm, killed = ws_copy("calm"), ws_copy("killed")
    started = time.perf_counter()
    _finish(calm)
    full = time.perf_counter() - started
    rng = random.Random(SEED)
    kills = 0
    for _ in range(KILLS):
        proc = _run(killed)
        time.sleep(rng.uniform(0.3, max(full, 1.0)))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
    _finish(killed)
    _finish(killed)  # and once more: a finished workspace stays as it is
    assert kills >= KILLS // 2, "the runs ended before they could be killed; the test proves nothing"
    expected, got = _state(calm), _state(killed)
    assert got["inbox"] == [] == expected["inbox"]
    for key in expected:
        assert got[key] == expected[key], key
