"""What each ribbon button does: gather its inputs, call its job, return the job's result.

Every function takes a ``ButtonCall`` (``vareflyt.addin.button_call``): the workspace, the workbook
ports, the questions to the user (``ctx.ui``) and the progress display. The jobs are the same
ones the CLI and the batch call; these functions only pass the Excel workbook's port to them
and refresh the tables a job could not write because Excel has the workbook open.
"""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .. import __version__
from ..domain.issues import JobResult, UsageError, VareflytError
from .refresh import refresh_after_import, refresh_ledger_tables, write_aging
from .ui import Cancelled


def import_parties(ctx) -> JobResult:
    path = ctx.ui.ask_file("Velg partslisten (xlsx, xls, ods eller csv)")
    from ..jobs.import_parties import import_parties as import_parties_job

    result = import_parties_job(ctx.ws, path, ctx.progress)
    refresh_after_import(ctx, result, "parties")
    return result


def _ask_supplier(ctx, button: str) -> tuple[str, str]:
    """(GLN, name for messages) of the supplier the user picks from the stored suppliers by
    name, or types (a name or a GLN) instead."""
    from ..jobs.suppliers import Suppliers

    suppliers = Suppliers(ctx.ws)
    offered = dict(suppliers.choices())  # "Name (GLN)" -> GLN
    prompt = (
        "Velg leverandøren i listen, eller skriv navnet eller GLN-et:"
        if offered
        else "Ingen leverandører i partnerlisten ennå. Skriv leverandørens GLN (13 siffer):"
    )
    answer = ctx.ui.ask_choice(prompt, button, list(offered)).strip()
    gln = offered.get(answer) or suppliers.gln(answer)
    if gln is None:
        raise UsageError(
            f"«{answer}» er verken en leverandør i partnerlisten eller et gyldig GLN (13 siffer med "
            f"kontrollsiffer). Trykk «{button}» igjen og velg leverandøren i listen."
        )
    return gln, suppliers.label(gln)


def import_prices(ctx) -> JobResult:
    """A price list as a new version; when the wrong-supplier guard stops it, ask whether the
    supplier is right and, on yes, import it anyway (``force=True``)."""
    path = ctx.ui.ask_file("Velg prislisten (xlsx, xls, ods, csv eller PRICAT)")
    supplier, who = _ask_supplier(ctx, "Importer prisliste")
    from ..jobs.import_prices import import_prices as import_prices_job

    result = import_prices_job(ctx.ws, path, supplier, "new", None, progress=ctx.progress)
    if not result.ok and (result.extra.get("supplier_guard") or {}).get("stopped"):
        stop = next(i.message for i in result.issues if i.code == "price.wrong_supplier").split(
            " Prislisten er ikke"
        )[0]
        try:
            ctx.ui.confirm(f"{stop}\n\nEr {who} likevel riktig leverandør, og skal listen importeres?")
        except Cancelled:  # no: the list stays refused, and the user is told why
            return result
        result = import_prices_job(ctx.ws, path, supplier, "new", None, progress=ctx.progress, force=True)
    refresh_after_import(ctx, result, "catalogue")
    return result


def withdraw_prices(ctx) -> JobResult:
    """The supplier's newest price list that is not withdrawn, after a yes from the user
    (press again for the one before)."""
    supplier, who = _ask_supplier(ctx, "Trekk tilbake prisliste")
    from ..jobs.approve_prices import list_versions

    listed = list_versions(ctx.ws, supplier).extra["versions"]
    live = [v for v in listed if v["withdrawn_at"] is None]
    if not live:
        return JobResult(counts={"withdrawn": 0}, summary=f"Ingen prislister fra {who} å trekke tilbake.")
    last = live[-1]
    before = [v for v in live[:-1] if v["approved_at"] is not None]
    then = (
        f"Versjon {before[-1]['version']} ({before[-1]['file_name'] or 'uten filnavn'}) gjelder igjen."
        if before
        else "Da gjelder ingen prisliste fra leverandøren."
    )
    ctx.ui.confirm(
        f"Trekke tilbake prislisteversjon {last['version']} ({last['file_name'] or 'uten filnavn'}, "
        f"gyldig fra {last['valid_from'] or '–'}) fra {who}? Den tas vare på, men brukes ikke lenger. {then}"
    )
    from ..jobs.withdraw_prices import withdraw_prices as withdraw_prices_job

    result = withdraw_prices_job(ctx.ws, supplier, last["version"], now=ctx.now)
    refresh_after_import(ctx, result, "catalogue")
    return result


def approve_prices(ctx) -> JobResult:
    """The supplier's oldest price list that waits for approval, after a yes from the user who
    has checked it (press again for the next one)."""
    supplier, who = _ask_supplier(ctx, "Godkjenn prisliste")
    from ..jobs.approve_prices import list_versions

    listed = list_versions(ctx.ws, supplier).extra["versions"]
    waiting = [v for v in listed if v["approved_at"] is None]
    if not waiting:
        return JobResult(counts={"approved": 0}, summary=f"Ingen prislister fra {who} venter på godkjenning.")
    first = waiting[0]
    more = f" {len(waiting) - 1} til venter etter denne." if len(waiting) > 1 else ""
    ctx.ui.confirm(
        f"Godkjenne prislisteversjon {first['version']} ({first['file_name'] or 'uten filnavn'}, "
        f"gyldig fra {first['valid_from'] or 'importdagen'}) fra {who}? Prisene tas i bruk straks.{more}"
    )
    from ..jobs.approve_prices import approve_prices as approve_prices_job

    result = approve_prices_job(ctx.ws, supplier, first["version"], now=ctx.now)
    refresh_after_import(ctx, result, "catalogue")
    return result


def _refresh_purchasing(ctx, result: JobResult) -> JobResult:
    from ..jobs.purchasing_tables import refresh_tables

    return refresh_tables(ctx.ws, book=ctx.port("purchasing"), now=ctx.now, result=result)


def make_orders(ctx) -> JobResult:
    from ..jobs.make_orders import make_orders as make_orders_job

    result = make_orders_job(
        ctx.ws, workbook=ctx.port("purchasing"), on=ctx.now.date(), now=ctx.now, progress=ctx.progress
    )
    return _refresh_purchasing(ctx, result)


def read_inbox(ctx) -> JobResult:
    from ..jobs.read_inbox import read_inbox as read_inbox_job

    result = read_inbox_job(ctx.ws, on=ctx.now.date(), now=ctx.now, progress=ctx.progress)
    return _refresh_purchasing(ctx, result)


def reconcile_invoices(ctx) -> JobResult:
    from ..jobs.invoices.run import reconcile_invoices as reconcile_invoices_job

    return reconcile_invoices_job(
        ctx.ws, on=ctx.now.date(), now=ctx.now, progress=ctx.progress, book=ctx.port("purchasing")
    )


def open_deviations(ctx) -> JobResult:
    from ..store.purchasing_sheet_rows import table_rows

    result = _refresh_purchasing(ctx, JobResult())
    with ctx.ws.store.connect() as conn:
        rows = table_rows(conn).deviations
    waiting = sum(1 for d in rows if d.status == "open")
    result.counts.update({"deviations": len(rows), "open": waiting})
    result.summary = (
        f"{waiting} avvik venter på en beslutning (av {len(rows)} i alt). Se arket Avvik i Innkjop.xlsx."
    )
    ctx.ui.show_sheet(ctx.port("purchasing"), "Avvik")
    return result


def import_receivables(ctx) -> JobResult:
    """The open-items export; when it would close more invoices than the guard allows, ask
    whether the export is complete and, on yes, import it as complete (``full=True``)."""
    path = ctx.ui.ask_file("Velg eksporten av åpne poster fra regnskapet (xlsx, xls, ods eller csv)")
    from ..jobs.import_receivables import import_receivables as import_receivables_job

    result = import_receivables_job(ctx.ws, path, as_of=ctx.now.date(), progress=ctx.progress)
    guard = result.extra.get("close_guard") or {}
    if result.ok or not guard.get("stopped"):
        return refresh_ledger_tables(ctx, result)
    try:
        ctx.ui.confirm(
            f"Eksporten ville lukket {guard['closing']} av {guard['open']} åpne fakturaer som betalt. "
            f"Er eksporten komplett?"
        )
    except Cancelled:  # no: the export stays refused, and the user is told so
        return result
    result = import_receivables_job(ctx.ws, path, as_of=ctx.now.date(), full=True, progress=ctx.progress)
    return refresh_ledger_tables(ctx, result)


def _dunning(ctx, preview: bool) -> JobResult:
    from ..jobs.run_dunning import run_dunning

    return run_dunning(
        ctx.ws, on=ctx.now.date(), preview=preview, book=ctx.port("receivables"), progress=ctx.progress
    )


def dunning_preview(ctx) -> JobResult:
    return _dunning(ctx, preview=True)


def dunning_send(ctx) -> JobResult:
    ctx.ui.confirm(
        f"Lage purringene for {ctx.now:%d.%m.%Y} og registrere dem som laget? "
        f"Samme dag to ganger lager ikke noe nytt."
    )
    return _dunning(ctx, preview=False)


def aged_receivables(ctx) -> JobResult:
    return write_aging(ctx.ws, ctx.port("receivables"), ctx.now.date())


def send(ctx) -> JobResult:
    """The ribbon's Send: show what would go where (``vareflyt send --preview``) and, after a yes,
    send it through the same job as the command and the batch (``jobs.sending``)."""
    from ..jobs.sending import send_documents

    plan = send_documents(ctx.ws, on=ctx.now.date(), now=ctx.now, preview=True)
    if not plan.extra["enabled"] or not plan.extra["sending"]:
        return plan
    lines = [i.message for i in plan.issues if i.code == "send.preview"]
    more = f"\n… og {len(lines) - 12} til" if len(lines) > 12 else ""
    ctx.ui.confirm(f"{plan.summary}\n\n" + "\n".join(lines[:12]) + f"{more}\n\nSende nå?")
    return send_documents(ctx.ws, on=ctx.now.date(), now=ctx.now)


def workspace_settings(ctx) -> JobResult:
    path = ctx.ws.config_path
    result = JobResult(outputs=[str(path)])
    try:
        ctx.ws.config.validate_all()
        result.summary = (
            f"Innstillingene i {path.name} er gyldige. Filen åpnes nå; lagre den og trykk knappen igjen."
        )
    except VareflytError as exc:
        result.ok = False
        result.summary = f"{path.name} har en feil: {exc}\nFilen åpnes nå, så du kan rette den."
    ctx.ui.open_path(path)
    return result


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "ikke installert"


def about(ctx) -> JobResult:
    lines = [f"Vareflyt {__version__} (xlwings {_package('xlwings')})"]
    if ctx.ws is None:
        lines.append(f"Arbeidsmappe: ingen ({ctx.workspace_problem})")
    else:
        url = ctx.ws.config.store.url
        store = _hide_password(url) if url else f"{ctx.ws.private / 'store.db'} (SQLite)"
        lines += [f"Arbeidsmappe: {ctx.ws.root}", f"Lager: {store}"]
    if ctx.caller is not None:
        lines.append(f"Arbeidsbok: {ctx.caller_name}")
    lines.append(f"Python: {Path(sys.executable)}")
    return JobResult(summary="\n".join(lines), extra={"version": __version__})


def _hide_password(url: str) -> str:
    """``postgresql://user:secret@host/db`` -> ``postgresql://user:***@host/db``."""
    head, sep, rest = url.partition("://")
    if sep and "@" in rest and ":" in rest.split("@", 1)[0]:
        user = rest.split("@", 1)[0].split(":", 1)[0]
        return f"{head}://{user}:***@{rest.split('@', 1)[1]}"
    return url
