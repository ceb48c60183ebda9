"""The nightly steps, in order, each working file by file or partner by partner: the guard that
isolates each of them, and the steps that run one job each over the store for the night's date.

``runner.py`` runs the steps in the order of ``vareflyt batch run``: ``inbox`` (party lists,
price lists, open-items exports and payment files dropped in ``inbox/``), ``edi`` (order
responses, packing slips and invoices through the ``edi read`` dispatcher), ``orders`` (due
orders from the order entry), ``reconcile`` (invoice control, when installed), ``dunning``,
``tables`` (every workbook table from the store). The runner isolates each step; inside a step
each file is isolated too (``guard``): an exception is logged with its traceback, becomes a
"needs a person" item, and the next file goes on. The jobs called here archive every input
first and commit each document with its processing-log row, so a killed run is finished by the
next.

The two steps over the files in ``inbox/`` (``inbox`` and ``edi``) are in ``inbox_steps``; the
ones here (``orders``, ``reconcile``, ``dunning``, ``tables``) read no file: each calls its job
with the batch's date, clock and shared workbook writes and turns its result into the morning
report's lines. ``guard`` stays here, where ``night_writes``, ``report`` and the runner take it.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from ...domain.issue_codes import is_workbook_locked
from ...domain.issues import VareflytError, WorkbookLocked
from ..suppliers import Suppliers
from .context import RunContext


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


def note_locked(ctx: RunContext, issues) -> None:
    """Name each workbook an issue says was open in Excel, for the report and the exit code."""
    for issue in issues:
        if is_workbook_locked(issue.code):
            ctx.locked.add(issue.source.file or "arbeidsbok")


def step_orders(ctx: RunContext) -> None:
    from ..make_orders import make_orders

    result = make_orders(ctx.ws, on=ctx.on, now=ctx.now, workbook=ctx.purchasing)
    note_locked(ctx, result.issues)
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
    note_locked(ctx, result.issues)
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
    note_locked(ctx, result.issues)
    ctx.issues_needing_a_person([i for i in result.issues if not i.is_error], "tables")
    if result.counts.get("manual_receipts"):
        ctx.got("mottak", f"{result.counts['manual_receipts']} mottak registrert fra arbeidsboken")
