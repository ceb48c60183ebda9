"""The processing log: what was imported or sent, when, from which archived file, with what result.

Jobs call ``already_done`` before processing an input (idempotency: the same file with the
same parameters is processed once) and ``record`` in the same transaction as their changes.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import NamedTuple

import sqlalchemy as sa

from .tables.core import archived_files, processing_log
from .types import inserted_id


class LogRow(NamedTuple):
    """One row of the processing log."""

    id: int
    at: datetime
    job: str  # e.g. "prices.import"
    direction: str  # in | out
    file_name: str | None
    file_hash: str | None
    params_key: str
    partner: str | None
    doc_type: str | None
    doc_number: str | None
    status: str  # ok | rejected | skipped | failed
    counts: str | None  # JSON object
    message: str | None


_COLUMNS = [processing_log.c[name] for name in LogRow._fields]


def already_done(conn: sa.Connection, job: str, file_hash: str, params_key: str = "") -> LogRow | None:
    """The last successful log row for this job, file and parameters, if any."""
    row = conn.execute(
        sa.select(*_COLUMNS)
        .where(
            processing_log.c.job == job,
            processing_log.c.file_hash == file_hash,
            processing_log.c.params_key == params_key,
            processing_log.c.status == "ok",
        )
        .order_by(processing_log.c.id.desc())
        .limit(1)
    ).first()
    return LogRow._make(row) if row else None


def record(
    conn: sa.Connection,
    *,
    job: str,
    status: str,
    file_name: str | None = None,
    file_hash: str | None = None,
    params_key: str = "",
    partner: str | None = None,
    doc_type: str | None = None,
    doc_number: str | None = None,
    direction: str = "in",
    counts: dict[str, int] | None = None,
    message: str | None = None,
    at: datetime | None = None,
) -> int:
    result = conn.execute(
        processing_log.insert().values(
            at=at or datetime.now(),
            job=job,
            direction=direction,
            file_name=file_name,
            file_hash=file_hash,
            params_key=params_key,
            partner=partner,
            doc_type=doc_type,
            doc_number=doc_number,
            status=status,
            counts=json.dumps(counts or {}, ensure_ascii=False),
            message=message,
        )
    )
    return inserted_id(result)


def recent(conn: sa.Connection, limit: int = 500) -> list[LogRow]:
    """The newest ``limit`` log rows, newest first."""
    rows = conn.execute(sa.select(*_COLUMNS).order_by(processing_log.c.id.desc()).limit(limit))
    return [LogRow._make(r) for r in rows]


def remember_archive(
    conn: sa.Connection, sha256: str, original_name: str, archived_path: str, size: int
) -> None:
    exists = conn.execute(sa.select(archived_files.c.sha256).where(archived_files.c.sha256 == sha256)).first()
    if not exists:
        conn.execute(
            archived_files.insert().values(
                sha256=sha256,
                original_name=original_name,
                archived_path=archived_path,
                size=size,
                first_seen=datetime.now(),
            )
        )
