"""What invoice control found and people decided about stored supplier invoices, and the
deviation notices owed to suppliers for them. Everything read back is a named row of
``invoice_rows`` (``StoredFinding``, ``StoredDecision``, ``NoticeRow``).

``save_results`` replaces an invoice's findings and sets its status in bulk; ``record_decision``
keeps a person's decision and makes it the status. Deviation notices (``invoice_notices``):
``owe`` runs in the transaction that saves the statuses, so a notice is owed exactly when a
status says so and a run killed after that commit leaves it owed; an invoice is told of once.
``pending`` lists the owed notices not written yet; ``claim`` gives a group of them (one
supplier, one date) its file name before anything is written, so a notice whose run was killed
before ``mark_written`` is written again under the same name, never twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

import sqlalchemy as sa

from .invoice_rows import NoticeRow, StoredDecision, StoredFinding, chunks, columns
from .tables.invoices import invoice_decisions, invoice_findings
from .tables.invoices import invoice_notices as ntc
from .tables.invoices import supplier_invoices as si


def save_results(conn: sa.Connection, results: Sequence[tuple[int, str, list]], on: date) -> None:
    """Replace the findings and set the status of checked invoices (bulk)."""
    for chunk in chunks(conn, [r[0] for r in results]):
        conn.execute(invoice_findings.delete().where(invoice_findings.c.invoice_id.in_(chunk)))
    rows = [
        {
            "invoice_id": i,
            "check": f.check,
            "line_no": f.line,
            "expected": f.expected,
            "actual": f.actual,
            "difference": f.difference,
            "message": f.message,
            "blocking": f.blocking,
            "waits": f.waits,
            "checked_on": on,
        }
        for i, _, findings in results
        for f in findings
    ]
    if rows:
        conn.execute(invoice_findings.insert(), rows)
    if results:
        stmt = (
            si.update()
            .where(si.c.id == sa.bindparam("_id"))
            .values(status=sa.bindparam("_status"), checked_on=on)
        )
        conn.execute(stmt, [{"_id": i, "_status": status} for i, status, _ in results])


def findings_of(conn: sa.Connection, ids: Iterable[int] | None = None) -> dict[int, list[StoredFinding]]:
    """Invoice id -> its stored findings in check order (of every invoice, or of ``ids``)."""
    out: dict[int, list[StoredFinding]] = {}
    query = sa.select(*columns(invoice_findings, StoredFinding)).order_by(
        invoice_findings.c.invoice_id, invoice_findings.c.id
    )
    wanted = [None] if ids is None else list(chunks(conn, ids))
    for chunk in wanted:
        for r in conn.execute(
            query if chunk is None else query.where(invoice_findings.c.invoice_id.in_(chunk))
        ):
            out.setdefault(r.invoice_id, []).append(StoredFinding._make(r))
    return out


def record_decision(
    conn: sa.Connection,
    invoice_id: int,
    decision: str,
    comment: str | None,
    decided_by: str | None,
    at: datetime,
) -> None:
    conn.execute(
        invoice_decisions.insert(),
        [
            dict(
                invoice_id=invoice_id,
                decision=decision,
                comment=comment,
                decided_by=decided_by,
                decided_at=at,
            )
        ],
    )
    conn.execute(si.update().where(si.c.id == invoice_id).values(decision=decision, status=decision))


def decisions(conn: sa.Connection) -> dict[int, StoredDecision]:
    """Invoice id -> the latest decision a person took on it."""
    query = sa.select(*columns(invoice_decisions, StoredDecision)).order_by(invoice_decisions.c.id)
    return {r.invoice_id: StoredDecision._make(r) for r in conn.execute(query)}


def owe(
    conn: sa.Connection, invoices: Iterable[tuple[int, str]], on: date, *, made_at: datetime | None = None
) -> list[int]:
    """Record a notice owed on ``on`` for each (invoice id, supplier) not told of before;
    returns those invoice ids. With ``made_at`` the notice is recorded as settled without a
    file (notices are turned off): the invoice is not told of later either."""
    wanted = dict(invoices)
    told: set[int] = set()
    for chunk in chunks(conn, wanted):
        told.update(conn.execute(sa.select(ntc.c.invoice_id).where(ntc.c.invoice_id.in_(chunk))).scalars())
    new = [i for i in wanted if i not in told]
    if new:
        conn.execute(
            ntc.insert(),
            [{"invoice_id": i, "supplier_gln": wanted[i], "owed_on": on, "written_at": made_at} for i in new],
        )
    return new


def pending(conn: sa.Connection) -> list[NoticeRow]:
    """Owed notices not written yet, oldest first."""
    query = sa.select(*columns(ntc, NoticeRow)).where(ntc.c.written_at.is_(None)).order_by(ntc.c.id)
    return [NoticeRow._make(r) for r in conn.execute(query)]


def files_on(conn: sa.Connection, owed_on: date) -> set[str]:
    """The file names claimed by notices owed on that date (written or not)."""
    return set(
        conn.execute(sa.select(ntc.c.file).where(ntc.c.owed_on == owed_on, ntc.c.file.is_not(None))).scalars()
    )


def claim(conn: sa.Connection, ids: Iterable[int], file: str) -> None:
    """Give these notices their file (workspace-relative, without suffix)."""
    for chunk in chunks(conn, ids):
        conn.execute(ntc.update().where(ntc.c.id.in_(chunk)).values(file=file))


def mark_written(conn: sa.Connection, ids: Iterable[int], at: datetime) -> None:
    for chunk in chunks(conn, ids):
        conn.execute(ntc.update().where(ntc.c.id.in_(chunk)).values(written_at=at))
