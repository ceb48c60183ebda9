"""The run lock on a shared PostgreSQL store: a session advisory lock, so two machines with
their own workspace folders on one database never run a writing job at the same time.

``hold(engine, holder, wait)`` takes the lock on a connection of its own (autocommit, so no
transaction stays open while the job runs) and keeps it until the block ends; the database
drops it the moment that connection goes away, so a killed run never leaves a stale lock.
Who holds it is the holding session's ``application_name`` (``vareflyt|job|pid|since|user@host``,
printable ASCII, at most 63 bytes as PostgreSQL keeps it), read back from ``pg_stat_activity``
joined to ``pg_locks`` — it cannot outlive the lock. ``RunHolder`` is what a waiting run shows.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass

import sqlalchemy as sa

# pg_advisory_lock(int4, int4): vareflyt's class (ASCII "vare") and the run lock within it.
LOCK_CLASS, RUN_LOCK = 0x76617265, 1
POLL_SECONDS = 0.5
NAME_BYTES = 63


@dataclass(frozen=True)
class RunHolder:
    """Who holds the run lock: the job's key, process id, start, OS user and host."""

    job: str
    pid: str
    started: str
    user: str
    host: str

    def label(self) -> str:
        fields = ("vareflyt", self.job, self.pid, self.started, f"{self.user}@{self.host}")
        return "|".join(map(_ascii, fields)).encode("ascii")[:NAME_BYTES].decode("ascii")

    @classmethod
    def from_label(cls, label: str) -> RunHolder | None:
        parts = label.split("|", 4)
        if len(parts) != 5 or parts[0] != "vareflyt":
            return None
        user, _, host = parts[4].partition("@")
        return cls(job=parts[1], pid=parts[2], started=parts[3], user=user, host=host)

    def as_dict(self) -> dict:
        return asdict(self)


def _ascii(text: str) -> str:
    return "".join(c if 32 <= ord(c) < 127 and c != "|" else "?" for c in text)


_KEY = f"{LOCK_CLASS}, {RUN_LOCK}"  # module constants, never input


def _try(conn: sa.Connection) -> bool:
    return bool(conn.execute(sa.text(f"SELECT pg_try_advisory_lock({_KEY})")).scalar())


@contextmanager
def hold(engine: sa.Engine, holder: RunHolder, wait: float = 0) -> Iterator[bool]:
    """Hold the run lock for the block; yields False (and holds nothing) when another session
    still had it after ``wait`` seconds."""
    conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        deadline = time.monotonic() + max(wait, 0)
        got = _try(conn)
        while not got and time.monotonic() < deadline:
            time.sleep(min(POLL_SECONDS, max(deadline - time.monotonic(), 0.01)))
            got = _try(conn)
        if not got:
            yield False
            return
        conn.execute(sa.text("SELECT set_config('application_name', :n, false)"), {"n": holder.label()})
        try:
            yield True
        finally:
            conn.execute(sa.text(f"SELECT pg_advisory_unlock({_KEY})"))
    finally:
        conn.close()


def current_holder(engine: sa.Engine) -> RunHolder | None:
    """The session holding the run lock right now, or None when it is free."""
    with engine.connect() as conn:
        name = conn.execute(
            sa.text(
                "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = "
                f"{LOCK_CLASS} AND l.objid = {RUN_LOCK} "
                "AND l.objsubid = 2 "
                # advisory locks are per database; pg_locks shows every database's on the server
                "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            )
        ).scalar()
    if name is None:
        return None
    return RunHolder.from_label(name) or RunHolder(job="", pid="?", started="?", user="?", host="?")
