"""Repository of the outbox ledger (``tables.sending``): what is ready, being sent, sent, failed.

Every state change is its own small statement in the caller's transaction; ``claim`` only
moves a row that is still ``ready`` or ``failed``, so two runs can never both send one row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

import sqlalchemy as sa

from .tables.sending import outbox_ledger as ledger

READY, SENDING, SENT, FAILED, PRINT, UNKNOWN = "ready", "sending", "sent", "failed", "print", "unknown"
# what people read (the stored values are the contract of ``vareflyt send --json``)
STATUS_WORDS = {
    READY: "klar til sending",
    SENDING: "sendes nå",
    SENT: "sendt",
    FAILED: "feilet",
    PRINT: "venter på utskrift",
    UNKNOWN: "usikkert om sendt",
}


class LedgerKey(NamedTuple):
    """What the ledger keeps one row per: a document (kind and key) on one channel."""

    doc_kind: str
    doc_key: str
    channel: str


@dataclass(frozen=True)
class NewLedgerRow:
    """A document to send, as ``add`` records it (``ready``, no attempts yet)."""

    doc_kind: str
    doc_key: str
    channel: str
    partner: str
    recipient: str
    title: str
    files: tuple[str, ...]  # relative to the workspace's files root
    made_on: date


@dataclass(frozen=True)
class LedgerRow:
    id: int
    doc_kind: str
    doc_key: str
    channel: str
    partner: str
    recipient: str
    title: str
    files: tuple[str, ...]
    made_on: date
    status: str
    attempts: int
    reason: str | None
    next_try: datetime | None
    receipt: str | None
    sent_at: datetime | None

    @property
    def status_word(self) -> str:
        return STATUS_WORDS.get(self.status, self.status)


def _row(r) -> LedgerRow:
    return LedgerRow(
        r.id,
        r.doc_kind,
        r.doc_key,
        r.channel,
        r.partner,
        r.recipient,
        r.title,
        tuple(json.loads(r.files)),
        r.made_on,
        r.status,
        r.attempts,
        r.reason,
        r.next_try,
        r.receipt,
        r.sent_at,
    )


def known(conn: sa.Connection) -> set[LedgerKey]:
    """The document and channel of every row, whatever its state."""
    query = sa.select(ledger.c.doc_kind, ledger.c.doc_key, ledger.c.channel)
    return {LedgerKey._make(r) for r in conn.execute(query)}


def add(conn: sa.Connection, rows: Iterable[NewLedgerRow], now: datetime) -> int:
    """Record documents to send as ``ready``; returns how many."""
    fresh = [
        {
            "doc_kind": r.doc_kind,
            "doc_key": r.doc_key,
            "channel": r.channel,
            "partner": r.partner,
            "recipient": r.recipient,
            "title": r.title,
            "files": json.dumps(list(r.files)),
            "made_on": r.made_on,
            "status": READY,
            "attempts": 0,
            "created_at": now,
        }
        for r in rows
    ]
    if fresh:
        conn.execute(ledger.insert(), fresh)
    return len(fresh)


def rows(conn: sa.Connection, statuses: Iterable[str] | None = None) -> list[LedgerRow]:
    query = sa.select(ledger).order_by(ledger.c.id)
    if statuses is not None:
        query = query.where(ledger.c.status.in_(list(statuses)))
    return [_row(r) for r in conn.execute(query)]


def row(conn: sa.Connection, row_id: int) -> LedgerRow | None:
    found = conn.execute(sa.select(ledger).where(ledger.c.id == row_id)).first()
    return _row(found) if found else None


def interrupted(conn: sa.Connection, reason: str) -> list[LedgerRow]:
    """Rows a killed run left ``sending``: now ``unknown`` with ``reason``; returns them as they were."""
    left = rows(conn, [SENDING])
    if left:
        conn.execute(ledger.update().where(ledger.c.status == SENDING).values(status=UNKNOWN, reason=reason))
    return left


def due(conn: sa.Connection, now: datetime, max_attempts: int) -> list[LedgerRow]:
    """Ready rows, and failed rows whose next try has come and that have tries left."""
    query = (
        sa.select(ledger)
        .where(
            sa.or_(
                ledger.c.status == READY,
                sa.and_(
                    ledger.c.status == FAILED,
                    ledger.c.attempts < max_attempts,
                    sa.or_(ledger.c.next_try.is_(None), ledger.c.next_try <= now),
                ),
            )
        )
        .order_by(ledger.c.id)
    )
    return [_row(r) for r in conn.execute(query)]


def claim(conn: sa.Connection, row_id: int, now: datetime) -> bool:
    """ready/failed -> sending, one more attempt; False when another run got there first."""
    done = conn.execute(
        ledger.update()
        .where(ledger.c.id == row_id, ledger.c.status.in_([READY, FAILED]))
        .values(status=SENDING, attempts=ledger.c.attempts + 1, started_at=now)
    )
    return done.rowcount == 1


def finish(
    conn: sa.Connection,
    row_id: int,
    status: str,
    now: datetime,
    *,
    receipt: str | None = None,
    reason: str | None = None,
    next_try: datetime | None = None,
) -> None:
    values = {"status": status, "reason": reason, "next_try": next_try}
    if status in (SENT, PRINT):
        values.update(sent_at=now, receipt=receipt)
    conn.execute(ledger.update().where(ledger.c.id == row_id).values(**values))


def release(conn: sa.Connection, row_id: int) -> bool:
    """A person says: send it again (after ``unknown`` or used-up tries). Returns whether it moved."""
    done = conn.execute(
        ledger.update()
        .where(ledger.c.id == row_id, ledger.c.status.in_([UNKNOWN, FAILED]))
        .values(status=READY, next_try=None, reason=None)
    )
    return done.rowcount == 1


def order_words(conn: sa.Connection) -> dict[str, str]:
    """ "<GLN>/<order no.>" -> what people read once sending has a say (sendt, feilet, …);
    orders only ready or being sent keep their own words ("klar til sending")."""
    query = sa.select(ledger.c.doc_key, ledger.c.status).where(
        ledger.c.doc_kind.in_(["order", "edi_order"]), ledger.c.status.not_in([READY, SENDING])
    )
    return {key: STATUS_WORDS[status] for key, status in conn.execute(query)}
