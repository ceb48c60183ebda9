"""``vareflyt receivables import FILE [--full]``: read an open-items export and make the store match it.

The export (xlsx/csv, any common headings — ``data/headers/receivables.toml``) lists every
open item with its customer: invoices, and credit notes or unapplied payments as negative
amounts (``open_items_rows``). The file is archived first; every row is checked. A file with a
broken row is rejected whole, because importing the rest would close the broken row's invoice
as paid. Credit notes' references to the invoice they credit are checked
(``rules.open_items.check_credits``) and stored in ``credit_for``.

Open invoices missing from the export are closed (paid), keeping their history. A truncated
export would close many at once, so the import stops (exit 1, nothing changed, the file in
``quarantine/``) when it would close more than ``[receivables] max_close_share`` percent of the
open invoices and at least ``min_close_count`` of them; ``full=True`` (``--full``) confirms the
export is complete. An empty export is refused unless confirmed the same way. Closing an invoice
on which vareflyt claimed reminder fees, compensation or interest gives one warning per invoice:
the accounting program has most likely booked only the principal. All changes are one
transaction; the same file twice changes nothing.

Counts (the convention in docs/imports.md): one row is one open item; ``imported`` = ``new`` +
``changed`` + ``unchanged`` + ``reopened``; ``expired`` = open invoices missing from the export,
closed as paid; extras ``credit_notes``, ``customers_new``, ``customers_changed`` and, for a
file refused whole (every row ``rejected``), ``rows_with_errors``.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..collector import collector_paused
from ..domain.issues import Issue, JobResult, Source, error, info, warning
from ..domain.money import format_kr, nb_number
from ..domain.receivables import ExportedItem
from ..rules.open_items import CloseGuard, check_credits, close_guard
from ..store import log
from ..store import open_items as items_repo
from ..store import receivables as repo
from .archive import archive_input, quarantine
from .open_items_rows import ExportRows, read_export
from .poison import refuse_input_errors
from .progress import NULL_PROGRESS

if TYPE_CHECKING:
    from ..workspace import Workspace

JOB = "receivables.import"
# The counting convention of every import (docs/imports.md), then this import's extras.
COUNT_KEYS = ("rows_read", "imported", "rejected", "new", "changed", "unchanged", "expired")
EXTRA_KEYS = ("reopened", "credit_notes", "customers_new", "customers_changed", "rows_with_errors")
ROWS_REJECTED = (
    "åpne poster-filen har feil; ingen fakturaer er endret (en ufullstendig fil ville lukket ubetalte "
    "fakturaer)"
)


def confirm_command(path: Path) -> str:
    """The command that imports ``path`` as a complete export (quoted when it has spaces)."""
    text = str(path)
    shown = f'"{text}"' if " " in text else text
    return f"vareflyt receivables import {shown} --full"


def _guard_extra(guard: CloseGuard, stopped: bool) -> dict:
    return {
        "open": guard.open,
        "closing": guard.closing,
        "share_pct": str(guard.share),
        "max_close_share_pct": str(guard.max_share),
        "min_close_count": guard.min_count,
        "full": guard.full,
        "stopped": stopped,
    }


def _guard_issue(guard: CloseGuard, command_path: Path, empty: bool, where: Source) -> Issue:
    """The error for an export the guard stops; the command to confirm names ``command_path``."""
    confirm = confirm_command(command_path)
    if empty and not guard.open:
        return error(
            "receivables.empty",
            "Filen har ingen fakturarader. Er det riktig eksport? Ingenting er endret.",
            where,
        )
    if empty:
        return error(
            "receivables.empty",
            f"Filen har ingen fakturarader. Er det riktig eksport? Ingenting er endret; "
            f"en tom eksport ville lukket alle {guard.open} åpne fakturaer som betalt. Er alle betalt, "
            f"bekreft med: {confirm}",
            where,
        )
    return error(
        "receivables.partial_export",
        f"Eksporten ville lukket {guard.closing} av {guard.open} åpne "
        f"fakturaer som betalt ({nb_number(guard.share)} %; grensen er {nb_number(guard.max_share)} %). "
        f"Slik ser en avkortet eksport ut (bare første side, et filter eller feil periode i regnskapet). "
        f"Ingenting er endret. Er eksporten komplett, bekreft med: {confirm}",
        where,
    )


def _guard_reason(guard: CloseGuard, empty: bool) -> str:
    if empty:
        return "ingen fakturarader"
    return (
        f"eksporten ville lukket {guard.closing} av {guard.open} åpne "
        "fakturaer som betalt (avkortet eksport?)"
    )


def counts(**values: int) -> dict[str, int]:
    """The import's counts: every key of the convention and the extras, zero unless given."""
    return {key: values.get(key, 0) for key in COUNT_KEYS + EXTRA_KEYS}


def _refused_counts(result: JobResult, export: ExportRows | None) -> dict[str, int]:
    """A file refused whole: every row read is rejected; ``rows_with_errors`` says how many are faulty."""
    read = len(export.read) if export is not None else 0
    faulty = {i.source.row for i in result.issues if i.is_error and i.source.row is not None}
    return counts(rows_read=read, rejected=read, rows_with_errors=len(faulty))


def _reject(ws: Workspace, result: JobResult, path: Path, sha: str, reason: str) -> JobResult:
    result.ok = False
    target = quarantine(ws, path, reason, result.issues)
    result.outputs.append(str(target))
    with ws.store.transaction() as conn:
        log.record(conn, job=JOB, status="rejected", file_name=path.name, file_hash=sha, message=reason)
    result.summary = f"{path.name} avvist: {reason}."
    return result


def _cost_warnings(costs: list[items_repo.ClaimedCosts]) -> list:
    out = []
    for c in costs:
        parts = [
            f"{label} {format_kr(amount)} kr"
            for label, amount in (
                ("purregebyr", c.fees),
                ("standardkompensasjon", c.compensation),
                (f"forsinkelsesrente (per {c.last_sent:%d.%m.%Y})", c.interest),
            )
            if amount > 0
        ]
        listed = ", ".join(parts[:-1]) + f" og {parts[-1]}" if len(parts) > 1 else parts[0]
        out.append(
            warning(
                "receivables.closed_with_costs",
                f"Faktura {c.invoice_no} (kunde {c.customer_no}) er "
                f"lukket som betalt, men vareflyt har krevd {listed} på den. Regnskapet har trolig bare "
                f"ført hovedstolen som betalt: fakturer kostnadene eller avskriv dem i regnskapet.",
                Source(),
            )
        )
    return out


@refuse_input_errors
@collector_paused()
def import_receivables(
    ws: Workspace, path: Path, *, as_of: date | None = None, full: bool = False, progress=NULL_PROGRESS
) -> JobResult:
    """Import an open-items export; ``as_of`` is the date recorded as closing date (default today),
    ``full`` confirms a complete export that closes more invoices than the guard allows."""
    as_of = as_of or date.today()
    path = Path(path)
    settings = ws.config.receivables
    result = JobResult()
    archived = archive_input(ws, path)
    with ws.store.transaction() as conn:
        if log.already_done(conn, JOB, archived.sha256):
            result.add(
                info(
                    "receivables.already_imported",
                    f"{path.name} er allerede importert; ingenting endret.",
                    Source(file=path.name),
                )
            )
            result.summary = f"{path.name}: allerede importert."
            result.counts = counts()
            return result
    with progress.task(f"Leser {path.name}") as task:
        export = read_export(path, result.issues, settings.columns)
        task.advance()
    if export is None or any(i.is_error for i in result.issues):
        result.counts = _refused_counts(result, export)
        return _reject(ws, result, path, archived.sha256, ROWS_REJECTED)
    now = datetime.now()
    guard = None
    with ws.store.transaction() as conn:
        stored = items_repo.known_items(conn)
        rows, credit_issues = check_credits(export.invoices, stored, export.where)
        result.extend(credit_issues)
        if not any(i.is_error for i in credit_issues):
            open_invoices = (no for no, item in stored.items() if item.status == "open" and item.amount >= 0)
            guard, closing = close_guard(
                open_invoices,
                (r.invoice_no for r in rows),
                settings.max_close_share,
                settings.min_close_count,
                full,
            )
            stopped = guard.stops or (not rows and not full)
            result.extra["close_guard"] = _guard_extra(guard, stopped and guard.closing > 0)
            if not stopped:
                _write(conn, result, export, rows, closing, as_of, now, archived.sha256, path)
                return result
    result.counts = _refused_counts(result, export)
    if guard is None:
        return _reject(ws, result, path, archived.sha256, ROWS_REJECTED)
    return _stop(ws, result, path, archived.sha256, guard, empty=not rows)


def _stop(
    ws: Workspace, result: JobResult, path: Path, sha: str, guard: CloseGuard, *, empty: bool
) -> JobResult:
    """Refuse an export the guard stops. A file in inbox/ is removed from there by the batch, so
    the command to confirm names its copy in quarantine/; elsewhere the file as given."""
    reason = _guard_reason(guard, empty)
    target = quarantine(ws, path, reason, [])
    in_inbox = path.resolve().is_relative_to(ws.inbox.resolve())
    issue = _guard_issue(guard, target if in_inbox else path, empty, Source(file=path.name))
    result.add(issue)
    with target.with_name(target.name + ".reason.txt").open("a", encoding="utf-8") as fh:
        fh.write("\n".join(i.render() for i in result.issues) + "\n")
    result.ok = False
    result.outputs.append(str(target))
    if guard.closing:
        result.extra["confirm"] = confirm_command(target if in_inbox else path)
    with ws.store.transaction() as conn:
        log.record(conn, job=JOB, status="rejected", file_name=path.name, file_hash=sha, message=reason)
    result.summary = f"{path.name} avvist: {reason}."
    return result


def _write(
    conn,
    result: JobResult,
    export: ExportRows,
    rows: list[ExportedItem],
    closing: list[str],
    as_of: date,
    now: datetime,
    sha: str,
    path: Path,
) -> None:
    costs = items_repo.claimed_costs(conn, closing)
    c_counts = repo.upsert_customers(conn, export.customers.values(), now)
    i_counts = repo.sync_invoices(conn, rows, as_of, now)
    credits = sum(1 for r in rows if r.amount < 0)
    result.counts = counts(
        rows_read=len(rows),
        imported=len(rows),
        new=i_counts.new,
        changed=i_counts.updated,
        unchanged=i_counts.unchanged,
        reopened=i_counts.reopened,
        expired=i_counts.closed,
        credit_notes=credits,
        customers_new=c_counts["new"],
        customers_changed=c_counts["updated"],
    )
    result.extend(_cost_warnings(costs))
    log.record(conn, job=JOB, status="ok", file_name=path.name, file_hash=sha, counts=result.counts)
    credit_text = f", {credits} kreditnotaer" if credits else ""
    result.summary = (
        f"{path.name}: {len(rows)} åpne poster ({i_counts.new} nye, {i_counts.updated} endret, "
        f"{i_counts.closed} lukket som betalt{credit_text})."
    )
