"""The nightly steps, in order, each working file by file or partner by partner.

``STEPS`` is the order of ``vareflyt batch run``: ``inbox`` (party lists, price lists,
open-items exports and payment files dropped in ``inbox/``), ``edi`` (order responses,
packing slips and invoices through the ``edi read`` dispatcher), ``orders`` (due orders from
the order entry), ``reconcile`` (invoice control, when installed), ``dunning``, ``tables``
(every workbook table from the store). The runner isolates each step; inside a step each file
is isolated too (``guard``): an exception is logged with its traceback, becomes a "needs a
person" item, and the next file goes on. The jobs called here archive every input first and
commit each document with its processing-log row, so a killed run is finished by the next.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from ...domain.issue_codes import is_workbook_locked
from ...domain.issues import VareflytError, WorkbookLocked
from ...safe_paths import file_name
from ...store import log as store_log
from ..archive import file_sha256, quarantine
from ..suppliers import Suppliers
from .context import RunContext

SHEET_ORDER = {"parties": 0, "prices": 1, "receivables": 2, "payments": 3}
JOB_OF = {
    "prices": "prices.import",
    "parties": "parties.import",
    "receivables": "receivables.import",
    "payments": "payments.import",
}
LABEL = {
    "prices": "Prisliste",
    "parties": "Partnerliste",
    "receivables": "Åpne poster",
    "payments": "Innbetalinger",
}


@contextmanager
def guard(ctx: RunContext, step: str, file: Path | None = None, partner: str | None = None):
    """Isolate one file, partner or step: a failure is logged and reported, the rest goes on."""
    try:
        yield
    except WorkbookLocked as exc:  # the store stands; the workbook's part waits for the next run
        ctx.log.event("locked", 30, step=step, error=str(exc))
        ctx.locked.add(
            next(
                (
                    n
                    for n in (ctx.ws.purchasing_workbook.name, ctx.ws.receivables_workbook.name)
                    if n in str(exc)
                ),
                "arbeidsbok",
            )
        )
    except VareflytError as exc:
        ctx.log.event("failed", 40, step=step, file=file.name if file else None, error=str(exc))
        what = f"{file.name}: " if file else ""
        ctx.need(f"{step}.failed", f"{what}{exc}", file=file, partner=partner, step=step)
    except Exception as exc:  # noqa: BLE001 - one bad file or partner must never stop the batch
        ctx.log.error("crashed", exc, step=step, file=file.name if file else None, partner=partner)
        what = f"{file.name}: " if file else f"trinnet «{step}»: "
        ctx.need(
            "vareflyt.crashed",
            f"{what}uventet feil i vareflyt ({type(exc).__name__}: {exc}). "
            f"Prøves igjen ved neste kjøring; detaljer i .vareflyt/logs/batch.jsonl.",
            file=file,
            partner=partner,
            step=step,
        )
        if file is None:
            ctx.failed.append(step)


def _locked(ctx: RunContext, issues) -> None:
    for issue in issues:
        if is_workbook_locked(issue.code):
            ctx.locked.add(issue.source.file or "arbeidsbok")


def _imported_before(ctx: RunContext, f) -> bool:
    """A price list already imported (on any date, as any kind): a replayed file changes nothing,
    unless the version it made was withdrawn (then it may come in again, as from the CLI)."""
    if f.kind != "prices":
        return False
    if ctx.price_hashes is None:
        from ...store.prices import withdrawn_versions

        with ctx.ws.store.connect() as conn:
            withdrawn = withdrawn_versions(conn)
            ctx.price_hashes = {
                r.file_hash
                for r in store_log.recent(conn, 10_000_000)
                if r.file_hash
                and r.job == JOB_OF["prices"]
                and r.status == "ok"
                and (r.partner, _number(r.doc_number)) not in withdrawn
            }
    return file_sha256(f.path) in ctx.price_hashes


def _number(text) -> int:
    return int(text) if str(text or "").isdigit() else 0


def _call(ctx: RunContext, f):
    from ..import_parties import import_parties
    from ..import_payments import import_payments
    from ..import_prices import import_prices
    from ..import_receivables import import_receivables

    if f.kind == "prices":
        return import_prices(
            ctx.ws,
            f.path,
            f.supplier,
            f.price_kind,
            None,
            today=ctx.on,  # the list's own date
            refresh_table=False,
        )  # step_tables refreshes it once when prices came in
    if f.kind == "parties":
        return import_parties(ctx.ws, f.path, now=ctx.now)
    if f.kind == "receivables":
        return import_receivables(ctx.ws, f.path, as_of=ctx.on)
    return import_payments(ctx.ws, f.path)


def _quarantined(ctx: RunContext, f) -> set[str]:
    name = file_name(f.path.name)  # as ``archive.quarantine`` names its copy
    return (
        {q.name for q in ctx.ws.quarantine.glob("*") if q.name.endswith(name)}
        if ctx.ws.quarantine.is_dir()
        else set()
    )


def _reject(ctx: RunContext, f, reason: str, issues, before: set[str]) -> None:
    """The file was refused: keep it in quarantine/ (unless the job already put it there)."""
    new = sorted(_quarantined(ctx, f) - before)
    target = ctx.ws.quarantine / new[-1] if new else quarantine(ctx.ws, f.path, reason, list(issues))
    f.path.unlink(missing_ok=True)
    ctx.got(f.kind, f"{LABEL[f.kind]} {f.path.name} avvist", file=f.path, partner=f.supplier, status="avvist")
    ctx.need(
        "file.rejected",
        f"{f.path.name} er avvist og lagt i quarantine/: {reason}",
        file=f.path,
        partner=f.supplier,
        step="inbox",
        link=target,
    )


def _needs_confirmation(ctx: RunContext, f, result, before: set[str]) -> None:
    """An open-items export that would close more open invoices than ``[receivables]
    max_close_share`` allows: nothing was imported. The job put it in quarantine/ (so the next
    night does not stop on it again, and a newer export is not held up by it); the person
    either confirms it there with the command, or sends a complete export."""
    new = sorted(_quarantined(ctx, f) - before)
    target = (
        ctx.ws.quarantine / new[-1]
        if new
        else quarantine(ctx.ws, f.path, result.summary, list(result.issues))
    )
    f.path.unlink(missing_ok=True)
    guard = result.extra["close_guard"]
    command = result.extra.get("confirm") or f"vareflyt receivables import {target} --full"
    ctx.got(
        f.kind,
        f"{LABEL[f.kind]} {f.path.name} ikke importert (ville lukket {guard['closing']} av "
        f"{guard['open']} åpne fakturaer)",
        file=f.path,
        status="avvist",
    )
    ctx.need(
        "receivables.partial_export",
        f"{f.path.name} er ikke importert: eksporten ville lukket "
        f"{guard['closing']} av {guard['open']} åpne fakturaer som betalt, slik en avkortet eksport gjør. "
        f"Filen ligger i quarantine/. Er eksporten komplett, importer den med: {command} — ellers lag en ny, "
        f"komplett eksport.",
        file=f.path,
        step="inbox",
        link=target,
    )


def import_file(ctx: RunContext, f) -> None:
    if _imported_before(ctx, f):  # before the supplier question: a replay needs no answer
        f.path.unlink(missing_ok=True)
        ctx.note(f"{f.path.name} er importert før; fjernet fra inbox (ligger i archive/).", "inbox")
        return
    if f.problem:
        ctx.need(
            "file.waiting",
            f"{f.path.name} venter i inbox: {f.problem}.",
            file=f.path,
            partner=f.supplier,
            step="inbox",
            link=f.path,
        )
        return
    before = _quarantined(ctx, f)
    try:
        result = _call(ctx, f)
    except VareflytError as exc:
        if exc.exit_code == 2:  # usage/config problem: the file waits until it is fixed
            raise
        _reject(ctx, f, str(exc), exc.issues, before)
        return
    _locked(ctx, result.issues)
    if not result.ok and (result.extra.get("close_guard") or {}).get("stopped"):
        _needs_confirmation(ctx, f, result, before)
        return
    if not result.ok:
        _reject(ctx, f, result.summary or "filen ble avvist", result.issues, before)
        return
    f.path.unlink(missing_ok=True)  # archived by the job before it read the file
    if any(i.code.endswith(("already_imported", "already_done")) for i in result.issues):
        ctx.note(f"{f.path.name} er importert før; ingenting endret.", "inbox")
        return
    ctx.got(
        f.kind, result.summary or f"{LABEL[f.kind]} {f.path.name} importert", file=f.path, partner=f.supplier
    )
    ctx.issues_needing_a_person(result.issues, "inbox")


def step_inbox(ctx: RunContext, files) -> None:
    """Spreadsheets, PRICAT and payment files; unknown files are reported and left waiting."""
    todo = [f for f in files if f.kind in SHEET_ORDER or f.kind == "unknown"]
    todo.sort(key=lambda f: SHEET_ORDER.get(f.kind, 9))  # stable: arrival order within a kind
    for f in todo:
        if f.kind == "unknown":
            ctx.need(
                "file.unknown",
                f"{f.path.name} venter i inbox: {f.problem}.",
                file=f.path,
                step="inbox",
                link=f.path,
            )
            continue
        with guard(ctx, "inbox", f.path, f.supplier):
            import_file(ctx, f)


def step_edi(ctx: RunContext, files) -> None:
    """Order responses, packing slips, invoices (EDIFACT and EHF), one file at a time."""
    from ..read_inbox import read_inbox

    for f in (f for f in files if f.kind == "edi" and f.problem):
        ctx.need(
            "file.waiting",
            f"{f.path.name} venter i inbox: {f.problem}.",
            file=f.path,
            partner=f.supplier,
            step="edi",
            link=f.path,
        )
    edi = [f for f in files if f.kind == "edi" and not f.problem]
    if edi:
        names = Suppliers(ctx.ws)
    for f in edi:
        with guard(ctx, "edi", f.path):
            result = read_inbox(ctx.ws, on=ctx.on, now=ctx.now, files=[f.path])
            for doc in result.extra.get("documents", []):
                what = f"{doc['type'] or 'EDI'} {doc['number'] or ''}".strip()
                if any(i.get("code") == "edi.already_read" for i in doc["issues"]):
                    continue
                if doc["status"] == "accepted":
                    partner = doc.get("partner")
                    sender = names.label(partner) if partner else f.path.name
                    ctx.got(doc["type"] or "edi", f"{what} fra {sender}", file=f.path, partner=partner)
                else:
                    ctx.got(doc["type"] or "edi", f"{what} avvist", file=f.path, status="avvist")
                    first = doc["issues"][0]["message"] if doc["issues"] else "avvist"
                    ctx.need(
                        "edi.rejected", f"{f.path.name}: {what} er avvist: {first}", file=f.path, step="edi"
                    )
            ctx.issues_needing_a_person([i for i in result.issues if not i.is_error], "edi")
            if f.path.exists() and not any(i.code == "edi.not_supported" for i in result.issues):
                ctx.note(f"{f.path.name} ligger fortsatt i inbox.", "edi")


def step_orders(ctx: RunContext) -> None:
    from ..make_orders import make_orders

    result = make_orders(ctx.ws, on=ctx.on, now=ctx.now, workbook=ctx.purchasing)
    _locked(ctx, result.issues)
    orders = result.extra.get("orders", [])
    names = Suppliers(ctx.ws) if orders else None
    for order in orders:
        label = names.label(order["supplier_gln"]) if names else order["supplier_gln"]
        ctx.sent(
            "ordre",
            f"Ordre {order['number']} til {label}: {order['lines']} linjer "
            f"({'EDIFACT' if order['format'] == 'edifact' else 'utskrift'})",
            link=order["file"],
            partner=order["supplier_gln"],
        )
    for issue in result.issues:
        if issue.code == "order.stock_received":  # why an article was not reordered: worth knowing, no action
            ctx.note(issue.message, "orders")
    ctx.issues_needing_a_person(result.issues, "orders")


def step_reconcile(ctx: RunContext) -> None:
    """Invoice control (``invoices reconcile``) for the night's date."""
    from ..invoices.run import reconcile_invoices

    result = reconcile_invoices(ctx.ws, on=ctx.on, now=ctx.now, book=ctx.purchasing)
    _locked(ctx, result.issues)
    if result.counts.get("checked"):
        ctx.got("fakturakontroll", result.summary or f"{result.counts['checked']} fakturaer kontrollert")
    waiting = {k: result.counts.get(k, 0) for k in ("deviation", "rejected", "waiting")}
    if any(waiting.values()):
        ctx.need(
            "fakturakontroll",
            f"Fakturakontroll: {waiting['deviation']} fakturaer med avvik, "
            f"{waiting['rejected']} avvist, {waiting['waiting']} venter på "
            f"varemottak (arket Fakturakontroll i {ctx.ws.purchasing_workbook.name}).",
            step="reconcile",
        )
    ctx.issues_needing_a_person(result.issues, "reconcile")


def step_dunning(ctx: RunContext) -> None:
    from ...excel.locks import is_locked
    from ..run_dunning import run_dunning

    wb = ctx.ws.receivables_workbook
    locked = wb.exists() and is_locked(wb)
    if locked:
        ctx.locked.add(wb.name)
    result = run_dunning(ctx.ws, on=ctx.on, write_workbook=not locked, lock=False)  # the batch holds the lock
    collection_file = None
    for r in result.extra.get("reminders", []):
        if r["level"] == "collection":
            collection_file = r["letter"]
        ctx.sent(
            r["level"],
            f"{r.get('level_nb', r['level'])} til kunde {r['customer']}: {', '.join(r['invoices'])} "
            f"({r['total']} kr)",
            link=ctx.ws.shared_file(r["letter"]) if r.get("letter") else None,
        )
    if result.counts.get("collection"):
        ctx.need(
            "inkasso",
            f"{result.counts['collection']} fakturaer er klare for inkasso; send "
            f"{collection_file or 'inkassofilen'} til inkassobyrået.",
            step="dunning",
            link=ctx.ws.shared_file(collection_file) if collection_file else None,
        )
    if result.extra.get("print_file"):
        ctx.note(
            f"Alle brevene fra purringen ligger samlet for utskrift i {result.extra['print_file']}.",
            "dunning",
        )
    ctx.issues_needing_a_person(result.issues, "dunning")


def step_tables(ctx: RunContext, refresh_catalogue: bool) -> None:
    """Purchasing tables (orders, lines, receipts, deviations, log) and the catalogue."""
    from ...domain.issues import JobResult
    from ...excel.pending import PendingWrites, pending_writes
    from ..import_prices import refresh_catalogue_table
    from ..purchasing_tables import refresh_tables
    from .night_writes import flush_night

    result = JobResult()
    path = ctx.ws.purchasing_workbook
    pending: AbstractContextManager[PendingWrites | None]
    if ctx.purchasing is not None:  # the night's writes: saved with this step's, once
        pending = nullcontext(ctx.purchasing)
    else:  # one save for both jobs
        pending = pending_writes(path) if path.exists() else nullcontext()
    with guard(ctx, "tables"), pending as book:
        refresh_tables(ctx.ws, book=book, now=ctx.now, result=result)
        if refresh_catalogue and not ctx.locked & {path.name}:
            refresh_catalogue_table(ctx.ws, result, ctx.on, book=book)
    flush_night(ctx, "tables")
    _locked(ctx, result.issues)
    ctx.issues_needing_a_person([i for i in result.issues if not i.is_error], "tables")
    if result.counts.get("manual_receipts"):
        ctx.got("mottak", f"{result.counts['manual_receipts']} mottak registrert fra arbeidsboken")
