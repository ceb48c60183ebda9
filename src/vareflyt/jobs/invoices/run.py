"""``vareflyt invoices reconcile``: run checks a–w on every supplier invoice not yet approved.

The run, in order:

1. decisions a person typed in the workbook's *Fakturakontroll* are stored (``tables``); a
   decided or approved invoice is not checked again;
2. per chunk of ``CHUNK`` invoices: one snapshot of what they are compared with
   (``snapshot``), one frozen ``ControlContext`` each (``contexts``), the pure rules
   (``rules.invoice_control.outcome``); then, in **one transaction**, their statuses, their
   findings and the deviation notices they make owed (an invoice that became *deviation* or
   *rejected* and was not told of before; not with ``notices = false``);
3. the workbook's invoice tables from the statuses and findings of this run (``tables``);
4. every owed notice not written yet, from the stored findings (``notices``) — also those of a
   run killed after its commit;
5. the processing log.

**Each invoice in isolation.** What reading, building or checking one invoice raises (a
30-digit quantity that ``decimal`` cannot round, a fault in vareflyt) stops only that invoice:
it gets the finding with the extra code ``x`` — «kunne ikke kontrolleres: <why, in Norwegian>»
(no traceback; ``poison.reason``) — status *deviation*, so it shows in *Fakturakontroll* and a
person decides; the error ``invoice.control_failed`` names it for the command line, and the
others are controlled. Such an invoice makes no notice owed: the supplier hears of it from a
person. With ``workbook=False`` only the store is written (no tables, no notices: owed ones
wait for the next full run). The chunks run with the cyclic garbage collector paused
(``bulk.collector_paused``): their rows hold no cycles, and its passes over them cost a third
of the run.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from ...collector import collector_paused
from ...domain.issues import JobResult, Source, info, warning
from ...domain.wording import plural
from ...rules.invoice_control import (
    APPROVED,
    DEVIATION,
    LABELS,
    REJECTED,
    STATUSES,
    WAITING,
    Finding,
    outcome,
)
from ...store import invoice_reading, invoice_results, log
from ...store.invoice_rows import InvoiceHeader, StoredFinding
from ..poison import INPUT_ERRORS, failure, reason
from ..progress import NULL_PROGRESS
from . import notices, tables
from .contexts import RunFacts, contexts
from .prices import PriceRows
from .snapshot import load_snapshot

if TYPE_CHECKING:
    from ...workspace import Workspace

JOB = "invoices.reconcile"
CHUNK = 2000
UNCONTROLLED = "x"  # the extra finding code: the invoice could not be controlled
TOLD = (DEVIATION, REJECTED)  # statuses the supplier gets a deviation notice for


def not_controlled(exc: BaseException) -> Finding:
    """The finding of an invoice whose control failed with ``exc``."""
    why = (
        reason(exc)
        if isinstance(exc, INPUT_ERRORS)
        else "uventet feil i vareflyt (meld den til den som drifter vareflyt)"
    )
    return Finding(UNCONTROLLED, f"kunne ikke kontrolleres: {why}")


def _control(
    ws: Workspace,
    part: list[InvoiceHeader],
    facts: RunFacts,
    prices: PriceRows,
    failed: dict[int, BaseException],
) -> list[tuple[InvoiceHeader, str, list[Finding]]] | None:
    """(invoice, status, findings) of each invoice of ``part``; None when the chunk could not be
    read (the caller reads its invoices one by one to find the one that cannot)."""
    try:
        with ws.store.connect() as conn:
            invoices = invoice_reading.load_invoices(conn, part)
            checked = list(
                contexts(part, invoices, load_snapshot(conn, part, invoices, facts.our_gln, prices), facts)
            )
    except Exception as exc:  # noqa: BLE001 - one invoice that cannot be read must not stop the others
        if len(part) > 1:
            return None
        checked = [(part[0], exc)]
    results = []
    for r, ctx in checked:
        try:
            if isinstance(ctx, Exception):
                raise ctx
            state, findings = outcome(ctx)
        except Exception as exc:  # noqa: BLE001 - recorded on this invoice; the others go on
            failed[r.id] = exc
            state, findings = DEVIATION, [not_controlled(exc)]
        facts.status[r.id] = state
        results.append((r, state, findings))
    return results


def _save(
    ws: Workspace, results: list[tuple[InvoiceHeader, str, list[Finding]]], facts: RunFacts, now: datetime
) -> None:
    """Statuses, findings and the notices they make owed, all or nothing."""
    owed = [
        (r.id, r.supplier_gln)
        for r, state, findings in results
        if state in TOLD and any(f.check != UNCONTROLLED for f in findings)
    ]
    with ws.store.transaction() as conn:
        invoice_results.save_results(
            conn, [(r.id, state, findings) for r, state, findings in results], facts.today
        )
        invoice_results.owe(conn, owed, facts.today, made_at=None if facts.settings.notices else now)


def reconcile_invoices(
    ws: Workspace,
    *,
    on: date | None = None,
    now: datetime | None = None,
    progress=NULL_PROGRESS,
    workbook: bool = True,
    book=None,
) -> JobResult:
    """Check every invoice not yet approved or decided; then tables, notices and the log."""
    now = now or datetime.now()
    today = on or now.date()
    result = JobResult()
    if workbook:
        result.counts["decisions"] = tables.take_decisions(ws, book, now, result)
    with ws.store.connect() as conn:
        rows = invoice_reading.headers(conn)
    facts = RunFacts.of(ws, rows, today)
    status = facts.status
    todo = [r for r in rows if r.status != APPROVED and not r.decision]
    checked: dict[int, list[Finding]] = {}
    failed: dict[int, BaseException] = {}
    prices = PriceRows()
    with progress.task("Kontrollerer leverandørfakturaer", total=len(todo)) as task, collector_paused():
        parts = [todo[start : start + CHUNK] for start in range(0, len(todo), CHUNK)]
        while parts:
            part = parts.pop(0)
            results = _control(ws, part, facts, prices, failed)
            if results is None:
                parts[:0] = [[r] for r in part]
                continue
            _save(ws, results, facts, now)
            checked.update((r.id, findings) for r, _, findings in results)
            task.advance(len(part))
    rows = [r if r.status == status[r.id] else r._replace(status=status[r.id]) for r in rows]
    with ws.store.connect() as conn:
        findings = invoice_results.findings_of(conn)
    result.extend(_failures(todo, failed))
    result.extend(_issues([r for r in todo if r.id not in failed], status, checked))
    result.counts.update({"invoices": len(rows), "checked": len(todo) - len(failed)})
    if failed:
        result.counts["failed"] = len(failed)
    result.counts.update({s: sum(1 for v in status.values() if v == s) for s in STATUSES})
    result.extra["invoices"] = listing(rows, findings)
    if workbook:
        tables.refresh_invoice_tables(ws, book=book, result=result, rows=rows, findings=findings)
        if facts.settings.notices:
            notices.write_owed(ws, result, now)
    with ws.store.transaction() as conn:
        log.record(
            conn,
            job=JOB,
            status="ok",
            params_key=today.isoformat(),
            counts=result.counts,
            at=now,
            message=f"{len(todo) - len(failed)} fakturaer kontrollert"
            + (f", {len(failed)} kunne ikke kontrolleres" if failed else ""),
        )
    result.summary = _summary(rows, todo, status, failed, result.counts)
    if not rows:
        result.add(
            info("invoice.none", "Ingen leverandørfakturaer i lageret (kjør «vareflyt edi read» først)")
        )
    return result


def _summary(
    rows: list[InvoiceHeader],
    todo: list[InvoiceHeader],
    status: dict[int, str],
    failed: dict[int, BaseException],
    counts: dict[str, int],
) -> str:
    done = [r for r in todo if r.id not in failed]
    now_ = {s: sum(1 for r in done if status[r.id] == s) for s in (APPROVED, DEVIATION, REJECTED, WAITING)}
    text = (
        f"{plural(len(done), 'faktura', 'fakturaer')} kontrollert: "
        f"{now_[APPROVED]} godkjent, {now_[DEVIATION]} med avvik, "
        f"{now_[REJECTED]} avvist, {now_[WAITING]} venter på varemottak."
    )
    if failed:
        text += f" {len(failed)} kunne ikke kontrolleres (se feilene)."
    if len(rows) > len(todo):  # the counts cover every invoice in the store: say so
        text += (
            f" I alt {len(rows)} fakturaer: {counts[APPROVED]} godkjent, {counts[DEVIATION]} med avvik, "
            f"{counts[REJECTED]} avvist, {counts[WAITING]} venter."
        )
    return text


def _failures(todo: list[InvoiceHeader], failed: dict[int, BaseException]) -> list:
    """One error per invoice that could not be controlled, with its number, supplier and file."""
    return [
        failure(
            "invoice.control_failed",
            f"Faktura {r.number} fra {r.supplier_name or r.supplier_gln}",
            failed[r.id],
            Source(file=r.file_name),
            verb="kontrolleres",
            then="Den står som avvik med funnet «kunne ikke kontrolleres» i arket Fakturakontroll; de "
            "andre fakturaene er kontrollert. Be leverandøren om en rettet faktura, eller avgjør "
            "den i arket Fakturakontroll.",
        )
        for r in todo
        if r.id in failed
    ]


def _issues(done: list[InvoiceHeader], status: dict[int, str], checked: dict[int, list[Finding]]) -> list:
    """One line per invoice that was not approved, for the command line (not an input error)."""
    made = {
        DEVIATION: ("invoice.deviation", warning),
        REJECTED: ("invoice.rejected", warning),
        WAITING: ("invoice.waiting", info),
    }
    out = []
    for r in done:
        if status[r.id] not in made:
            continue
        code, kind = made[status[r.id]]
        found = checked[r.id]
        what = "; ".join(f"{f.check}{f' linje {f.line}' if f.line else ''}: {f.message}" for f in found[:3])
        more = f" (+{len(found) - 3} til)" if len(found) > 3 else ""
        out.append(
            kind(
                code,
                f"Faktura {r.number} fra {r.supplier_name or r.supplier_gln}: "
                f"{LABELS[status[r.id]]} – {what}{more}",
                Source(file=r.file_name),
            )
        )
    return out


def listing(rows: list[InvoiceHeader], findings: dict[int, list[StoredFinding]]) -> list[dict]:
    """The JSON contract's ``invoices``: every stored invoice with its status and findings."""
    return [
        {
            "supplier_gln": r.supplier_gln,
            "number": r.number,
            "kind": "credit_note" if r.kind == "credit_note" else "invoice",
            "format": r.format,
            "status": r.status if r.status in STATUSES else "waiting",
            "findings": [
                {
                    "check": f.check,
                    "line": f.line_no,
                    "expected": f.expected,
                    "actual": f.actual,
                    "message": f.message,
                }
                for f in findings.get(r.id, [])
            ],
        }
        for r in rows
    ]
