"""Issue 22 items 2 and 3: two desks — their own workspace folders, one PostgreSQL database,
one shared folder — working at the same time. The run lock is the database's, so the second
run waits (or stops naming who holds the lock: user, host, process, since when); order numbers
and control references stay unique across processes; a document in the shared inbox is read
once."""

from __future__ import annotations

import getpass
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import sqlalchemy as sa

from vareflyt.jobs.import_prices import import_prices
from vareflyt.store.tables.core import processing_log
from vareflyt.store.tables.purchasing import purchase_orders

from ..pg import pg_url  # noqa: F401  (fixture)
from ..purchasing.conftest import EDI_SUPPLIER, OUR, SITE
from ..purchasing.edifact_text import interchange, pricat, write
from .desks import desk, vareflyt

ARTICLES = [
    (1, "7040000000016", "T100", "Konstruksjonsvirke 48x198", "45.50", "MTR"),
    (2, "7040000000023", "T200", "Gipsplate 12,5", "89.00", "EA"),
]
HEAD = "Leverandør;Varenr;Antall;Enhet;Ønsket levering;Kl;Leveringssted;Prosjekt;Henting\n"


def _entry_file(path: Path, desk_name: str, orders: int) -> Path:
    rows = [
        f"{EDI_SUPPLIER};T100;{10 + n};MTR;20.03.2026;;{SITE};{desk_name}-{n};nei\n" for n in range(orders)
    ]
    path.write_text(HEAD + "".join(rows), encoding="utf-8")
    return path


def _ordrsp(number: str, order_no: str, ref: str) -> str:
    body = [
        f"BGM+231+{number}+29",
        "DTM+137:20260317:102",
        f"RFF+ON:{order_no}",
        f"NAD+BY+{OUR}::9",
        f"NAD+SU+{EDI_SUPPLIER}::9",
        "UNS+S",
    ]
    return interchange("ORDRSP", body, ref=ref)


def _desks(tmp_path, url, wait=0):
    shared = tmp_path / "delt"
    shared.mkdir()
    first = desk(tmp_path / "kontor", url, shared, wait)
    second = desk(tmp_path / "server", url, shared, wait)
    return first, second, shared


def test_two_desks_make_orders_and_read_one_inbox_at_once(tmp_path, pg_url):  # noqa: F811
    office, server, shared = _desks(tmp_path, pg_url, wait=240)
    assert import_prices(
        office,
        write(tmp_path / "pricat.edi", pricat("PK-1", "9", "20260201", "PL-1", ARTICLES)),
        EDI_SUPPLIER,
        None,
    ).ok
    first = vareflyt(
        "orders",
        "make",
        "--from",
        _entry_file(tmp_path / "start.csv", "S", 3),
        "--date",
        "2026-03-16",
        "--workspace",
        office.root,
    )
    assert first.returncode == 0, first.stdout + first.stderr
    with office.store.connect() as conn:
        made = list(conn.execute(sa.select(purchase_orders.c.number)).scalars())
    assert len(made) == 3
    for n, number in enumerate(made):  # the supplier answers into the shared inbox
        write(shared / "inbox" / f"ORDRSP_{n}.edi", _ordrsp(f"R-{n}", number, str(700 + n)))
    office.close()
    server.close()

    runs = [
        vareflyt(
            "orders",
            "make",
            "--from",
            _entry_file(tmp_path / f"{name}.csv", name, 6),
            "--date",
            "2026-03-17",
            "--workspace",
            ws.root,
            wait=False,
        )
        for name, ws in (("K", office), ("T", server))
    ]
    runs += [
        vareflyt("edi", "read", "--date", "2026-03-17", "--workspace", ws.root, wait=False)
        for ws in (office, server, office, server)
    ]
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, out + err

    with server.store.connect() as conn:
        numbers = list(conn.execute(sa.select(purchase_orders.c.number)).scalars())
        log = conn.execute(
            sa.select(processing_log.c.file_name, processing_log.c.file_hash).where(
                processing_log.c.status == "ok", processing_log.c.file_name.like("ORDRSP_%")
            )
        )
        read = Counter(row.file_hash for row in log)
    assert len(numbers) == 15 and len(set(numbers)) == 15, numbers  # no duplicate order number
    assert len(read) == 3 and set(read.values()) == {1}, read  # each document read once
    assert not list((shared / "inbox").glob("*.edi"))
    edi = sorted((shared / "outbox").rglob("*.edi"))
    refs = [p.read_bytes().decode("latin-1").split("'")[1].split("+")[5] for p in edi]  # UNB 0020
    assert len(edi) == 15 and len(set(refs)) == 15  # control references too
    assert not (office.root / "inbox").exists() and not (server.root / "outbox").exists()
    office.close()
    server.close()


NUMBERS = """
import sys
from vareflyt.store.db import open_store
from vareflyt.store.sequences import next_value
store = open_store(sys.argv[1], migrate=False)
start = float(sys.argv[2])
import time
time.sleep(max(start - time.time(), 0))
got = []
for n in range(25):                       # a new sequence each time: both ask for its first number at once
    for name in (f"s{n}", "order_no"):
        with store.transaction() as conn:
            got.append(f"{name}={next_value(conn, name, 100001)}")
print(" ".join(got))
"""


def test_sequences_stay_unique_across_two_processes(pg_url):  # noqa: F811
    from vareflyt.store.db import open_store

    open_store(pg_url).dispose()
    start = str(time.time() + 3)
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", NUMBERS, pg_url, start],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert all(run.returncode == 0 for run in runs), [err for _, err in outputs]
    got = [pair.split("=") for out, _ in outputs for pair in out.split()]
    by_name: dict[str, list[int]] = {}
    for name, value in got:
        by_name.setdefault(name, []).append(int(value))
    assert sorted(by_name["order_no"]) == list(range(100001, 100051))
    assert all(sorted(by_name[f"s{n}"]) == [100001, 100002] for n in range(25)), by_name


HOLDER = """
import sys, time
from pathlib import Path
from vareflyt.workspace import Workspace
from vareflyt.jobs.nightly.lock import run_lock
ws = Workspace(Path(sys.argv[1]))
with run_lock(ws, 0, job="nattkjøring"):
    Path(sys.argv[2]).write_text("holding")
    for _ in range(1200):
        if Path(sys.argv[3]).exists():
            break
        time.sleep(0.1)
"""


def _wait_for(path: Path, process) -> None:
    for _ in range(600):
        if path.exists() or process.poll() is not None:
            break
        time.sleep(0.1)
    assert path.exists(), process.communicate()


def test_the_waiting_run_names_who_holds_the_lock(tmp_path, pg_url):  # noqa: F811
    office, server, _ = _desks(tmp_path, pg_url)
    office.close()
    server.close()
    holding, release = tmp_path / "holding", tmp_path / "release"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(server.root), str(holding), str(release)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(holding, holder)
        dunning = vareflyt("dunning", "run", "--workspace", office.root)
        batch = vareflyt("batch", "run", "--workspace", office.root)
        orders = vareflyt(
            "orders", "make", "--from", _entry_file(tmp_path / "k.csv", "K", 1), "--workspace", office.root
        )
        waiting = vareflyt("dunning", "run", "--wait", "120", "--workspace", office.root, wait=False)
        time.sleep(2)
        release.write_text("done")
        out, err = waiting.communicate(timeout=300)
    finally:
        release.write_text("done")
        holder.communicate(timeout=60)
    assert (dunning.returncode, batch.returncode, orders.returncode) == (
        2,
        1,
        2,
    )  # as README / docs/batch.md say
    for run in (dunning, batch, orders):
        err_text = " ".join(run.stderr.split())
        assert "En annen nattkjøring pågår på det delte lageret" in err_text, err_text
        assert f"{getpass.getuser()} på {socket.gethostname()[:20]}" in err_text, err_text
        assert f"prosess {holder.pid}," in err_text and "startet 20" in err_text, err_text
        assert "Traceback" not in run.stderr
    assert waiting.returncode == 0, out + err
