"""The nightly steps over the files in ``inbox/``: ``inbox`` (party lists, price lists,
open-items exports and payment files) and ``edi`` (order responses, packing slips and
invoices), one file at a time, each under ``steps.guard``. The other steps, which read no
file, are in ``steps``.

Its own module because these steps share how a file is taken from ``inbox/``: a replayed price
list is dropped, a file waiting for an answer is reported and left, a refused file is moved to
``quarantine/`` and said so, and an accepted one is removed (the job archived it first).
"""

from __future__ import annotations

from ...domain.issues import VareflytError
from ...safe_paths import file_name
from ...store import log as store_log
from ..archive import file_sha256, quarantine
from ..suppliers import Suppliers
from .context import RunContext
from .steps import guard, note_locked

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


def _waiting(ctx: RunContext, f, step: str) -> None:
    """The file cannot be read yet (``f.problem`` says why): it stays in inbox/ for a person."""
    ctx.need(
        "file.waiting",
        f"{f.path.name} venter i inbox: {f.problem}.",
        file=f.path,
        partner=f.supplier,
        step=step,
        link=f.path,
    )


def import_file(ctx: RunContext, f) -> None:
    if _imported_before(ctx, f):  # before the supplier question: a replay needs no answer
        f.path.unlink(missing_ok=True)
        ctx.note(f"{f.path.name} er importert før; fjernet fra inbox (ligger i archive/).", "inbox")
        return
    if f.problem:
        _waiting(ctx, f, "inbox")
        return
    before = _quarantined(ctx, f)
    try:
        result = _call(ctx, f)
    except VareflytError as exc:
        if exc.exit_code == 2:  # usage/config problem: the file waits until it is fixed
            raise
        _reject(ctx, f, str(exc), exc.issues, before)
        return
    note_locked(ctx, result.issues)
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
        _waiting(ctx, f, "edi")
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
