"""Kill the send step between the transfer and the commit that confirms it (a real SIGKILL of a
separate process, after the SMTP server has the mail): the next run sends no duplicate to the
customer — the ledger said "sending" before the transfer, so the row becomes "usikkert om sendt"
for a person — and ``--again`` sends it once more only when a person asks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import timedelta

import pytest

from vareflyt.jobs.sending import send_documents
from vareflyt.store import outbox_ledger

from .conftest import NOW, ON, config

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

KILLED_RUN = textwrap.dedent("""
    import os, signal, sys
    from datetime import date, datetime
    from vareflyt.store import outbox_ledger
    from vareflyt.jobs.sending import send_documents
    from vareflyt.workspace import Workspace

    def killed(*args, **kwargs):          # the mail is at the server; the confirming commit never comes
        os.kill(os.getpid(), signal.SIGKILL)

    outbox_ledger.finish = killed
    send_documents(Workspace(__import__("pathlib").Path(sys.argv[1])), on=date(2026, 3, 2),
                   now=datetime(2026, 3, 2, 22, 0))
""")


def test_kill_between_upload_and_commit_sends_no_duplicate(smtp, make_ws):
    ws = make_ws(config(smtp.port), orders=False)
    ws.close()
    done = subprocess.run(
        [sys.executable, "-c", KILLED_RUN, str(ws.root)],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    assert [r for r, _ in smtp.messages] == [["post@odegard.no"]]
    with ws.store.connect() as conn:
        assert [r.status for r in outbox_ledger.rows(conn)] == ["sending", "ready"]  # killed at the first
    result = send_documents(ws, on=ON, now=NOW + timedelta(hours=1))
    assert len(smtp.messages) == 1  # no duplicate to the customer
    row = next(r for r in result.extra["sending"] if r["recipient"] == "post@odegard.no")
    assert row["status_nb"] == "usikkert om sendt" and f"--again {row['id']}" in row["reason"]
    assert any(i.code == "send.unknown" for i in result.issues)
    send_documents(ws, on=ON, now=NOW + timedelta(days=1))
    assert len(smtp.messages) == 1
    with ws.store.transaction() as conn:  # a person checked: it never arrived
        assert outbox_ledger.release(conn, row["id"])
    send_documents(ws, on=ON, now=NOW + timedelta(days=1, hours=1))
    assert len(smtp.messages) == 2
