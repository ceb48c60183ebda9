"""The run lock: at most one writing run at a time — the nightly batch, ``dunning run``, and
(``writing_run``) ``orders make``/``orders change``, ``edi read`` and ``invoices reconcile``.

On the workspace's own SQLite store, ``run_lock(ws, wait)`` holds ``.vareflyt/batch.lock`` (the
``filelock`` package: an OS file lock, so a killed process releases it at once and a stale lock
never blocks the next night); beside it, ``batch.lock.json`` says who holds the lock. On a
shared store (PostgreSQL) several workspace folders use one database, so the lock is the
database's advisory lock instead (``store.run_lock``), and the holder is read from the database.
Either way a second run waits ``wait`` seconds, then stops with ``busy`` (``BatchBusy``, exit
code 1, for the batch; ``RunBusy``, exit code 2, for a single command) and a Norwegian message
naming who holds the lock (job, user, host, process, since when) and the fix.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout

from ...domain.issues import UsageError, VareflytError
from ...files import write_text

if TYPE_CHECKING:
    from ...workspace import Workspace

LOCK_NAME = "batch.lock"
INFO_NAME = "batch.lock.json"
# Job names as people read them, and the ASCII keys a database session name can hold.
JOB_KEYS = {
    "nattkjøring": "batch",
    "purring": "dunning",
    "bestilling": "orders",
    "ordreendring": "order-change",
    "innlesing": "edi-read",
    "fakturakontroll": "reconcile",
}
JOB_NAMES = {key: name for name, key in JOB_KEYS.items()}


class BatchBusy(VareflytError):
    """Another batch run holds the lock (exit code 1: nothing was done by this run)."""


class RunBusy(UsageError):
    """Another run holds the lock when a single command (``dunning run``) starts: exit code 2."""


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name for this process (e.g. a container)
        return "?"


def _shared(ws: Workspace):
    """The shared store's engine, or None when the workspace has its own SQLite file."""
    return ws.store.engine if ws.store.shared else None


def holder(ws: Workspace) -> dict | None:
    """Who holds (or, for the file lock, last held) the lock; None when unknown."""
    engine = _shared(ws)
    if engine is not None:
        from ...store.run_lock import current_holder

        found = current_holder(engine)
        return None if found is None else dict(found.as_dict(), job=JOB_NAMES.get(found.job, found.job))
    try:
        return json.loads((ws.private / INFO_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _busy_message(ws: Workspace, wait: float) -> str:
    who = holder(ws) or {}
    job = who.get("job") or "nattkjøring"
    user = f"{who['user']} " if who.get("user") and who.get("user") != "?" else ""
    where = "på det delte lageret" if _shared(ws) is not None else f"i {ws.root}"
    waited = f" Ventet {wait:g} sekunder." if wait else ""
    return (
        f"En annen {job} pågår {where} ({user}på {who.get('host', '?')}, prosess {who.get('pid', '?')}, "
        f"startet {who.get('started', 'ukjent tidspunkt')}).{waited} "
        "Vent til den er ferdig (se `vareflyt batch "
        "status`), eller la kjøringen vente: --wait SEKUNDER, eller "
        "wait_seconds under [batch] i vareflyt.toml."
    )


def is_running(ws: Workspace) -> bool:
    """True when some process holds the lock right now."""
    if _shared(ws) is not None:
        return holder(ws) is not None
    ws.private.mkdir(parents=True, exist_ok=True)
    probe = FileLock(str(ws.private / LOCK_NAME))
    try:
        probe.acquire(timeout=0)
    except Timeout:
        return True
    probe.release()
    return False


@contextmanager
def _database_lock(
    ws: Workspace, engine, wait: float, info: dict, busy: type[VareflytError]
) -> Iterator[None]:
    from ...store.run_lock import RunHolder, hold

    who = RunHolder(
        job=JOB_KEYS.get(info["job"], "run"),
        pid=str(info["pid"]),
        started=info["started"],
        user=info["user"],
        host=info["host"],
    )
    with hold(engine, who, wait) as got:
        if not got:
            raise busy(_busy_message(ws, wait))
        yield


@contextmanager
def _file_lock(ws: Workspace, wait: float, info: dict, busy: type[VareflytError]) -> Iterator[None]:
    ws.private.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(ws.private / LOCK_NAME))
    try:
        lock.acquire(timeout=max(wait, 0) if wait else 0)
    except Timeout:
        raise busy(_busy_message(ws, wait)) from None
    try:
        write_text(ws.private / INFO_NAME, json.dumps(info))
        yield
    finally:
        lock.release()


@contextmanager
def run_lock(
    ws: Workspace,
    wait: float = 0,
    started: datetime | None = None,
    *,
    job: str = "nattkjøring",
    busy: type[VareflytError] = BatchBusy,
) -> Iterator[None]:
    """Hold the run lock for the block; ``busy`` (default ``BatchBusy``) if another run has it.
    ``job`` names this run to a run that has to wait for it."""
    info = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "user": _user(),
        "job": job,
        "started": (started or datetime.now()).isoformat(sep=" ", timespec="minutes"),
    }
    engine = _shared(ws)
    held = (
        _database_lock(ws, engine, wait, info, busy)
        if engine is not None
        else _file_lock(ws, wait, info, busy)
    )
    with held:
        yield


@contextmanager
def writing_run(ws: Workspace, job: str) -> Iterator[None]:
    """The run lock for a single writing command (``job`` as people read it), waiting
    ``[batch] wait_seconds``; ``RunBusy`` (exit code 2) when another run still holds it."""
    with run_lock(ws, ws.config.batch.wait_seconds, job=job, busy=RunBusy):
        yield
