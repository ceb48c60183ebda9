"""The run lock: at most one writing run per workspace at a time (the nightly batch, and
``dunning run``, which the batch also runs).

``run_lock(ws, wait)`` holds ``.vareflyt/batch.lock`` (the ``filelock`` package: an OS file
lock, so a killed process releases it at once and a stale lock never blocks the next night).
Beside it, ``batch.lock.json`` says who holds the lock (process id, host, start time), so a
second run can tell the user which run it is waiting for. With ``wait`` seconds the second
run waits that long; otherwise, or when the time is up, it stops with ``BatchBusy`` and a
Norwegian message naming the fix.
"""

from __future__ import annotations

import json
import os
import socket
from contextlib import contextmanager
from datetime import datetime
from typing import Iterator

from filelock import FileLock, Timeout

from ...domain.issues import UsageError, VareflytError

LOCK_NAME = "batch.lock"
INFO_NAME = "batch.lock.json"


class BatchBusy(VareflytError):
    """Another batch run holds the lock (exit code 1: nothing was done by this run)."""


class RunBusy(UsageError):
    """Another run holds the lock when a single command (``dunning run``) starts: exit code 2."""


def holder(ws) -> dict | None:
    """Who holds (or last held) the lock, from ``batch.lock.json``; None when unknown."""
    try:
        return json.loads((ws.private / INFO_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _busy_message(ws, wait: float) -> str:
    who = holder(ws) or {}
    since = who.get("started", "ukjent tidspunkt")
    pid = who.get("pid", "?")
    job = who.get("job") or "nattkjøring"
    waited = f" Ventet {wait:g} sekunder." if wait else ""
    return (f"En annen {job} pågår i {ws.root} (prosess {pid} på {who.get('host', '?')}, startet {since})."
            f"{waited} Vent til den er ferdig (se `vareflyt batch status`), eller kjør med --wait SEKUNDER "
            f"for å vente på den.")


def is_running(ws) -> bool:
    """True when some process holds the lock right now."""
    ws.private.mkdir(parents=True, exist_ok=True)
    probe = FileLock(str(ws.private / LOCK_NAME))
    try:
        probe.acquire(timeout=0)
    except Timeout:
        return True
    probe.release()
    return False


@contextmanager
def run_lock(ws, wait: float = 0, started: datetime | None = None, *, job: str = "nattkjøring",
             busy: type[VareflytError] = BatchBusy) -> Iterator[None]:
    """Hold the workspace's run lock for the block; ``busy`` (default ``BatchBusy``) if another
    run has it. ``job`` names this run to a run that has to wait for it."""
    ws.private.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(ws.private / LOCK_NAME))
    try:
        lock.acquire(timeout=max(wait, 0) if wait else 0)
    except Timeout:
        raise busy(_busy_message(ws, wait)) from None
    try:
        info = {"pid": os.getpid(), "host": socket.gethostname(), "job": job,
                "started": (started or datetime.now()).isoformat(timespec="seconds")}
        tmp = ws.private / (INFO_NAME + ".tmp")
        tmp.write_text(json.dumps(info), encoding="utf-8")
        os.replace(tmp, ws.private / INFO_NAME)
        yield
    finally:
        lock.release()
