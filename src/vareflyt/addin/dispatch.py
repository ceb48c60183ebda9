"""``run(button_id)``: what the ribbon's VBA callback calls for every button.

From Excel: ``xw.Book.caller()`` (xlwings imported only here, when a button runs) is wrapped
in the xlwings adapter of the workbook port; questions go through Excel (``ui.ExcelUI``) and
progress to the status bar. In tests and scripts: pass ``book=`` (any ``WorkbookPort``, e.g.
``OpenpyxlWorkbook``) and ``answers={"file": ..., "supplier": ..., "confirm": True}``.

Afterwards the user gets one short message (the job's summary, counts, the first issues,
where files went). A ``VareflytError`` (no workspace, not a vareflyt workbook, workbook
locked, bad input) becomes a message naming the fix; any other error a message pointing to
``.vareflyt/addin-feil.log``, where the traceback is written — never a traceback in Excel.
"""

from __future__ import annotations

import tempfile
import traceback
from collections import Counter
from collections.abc import Mapping
from contextlib import nullcontext
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.issues import JobResult, Severity, UsageError, VareflytError
from ..jobs.progress import NULL_PROGRESS
from .button_call import ButtonCall, workspace_for
from .buttons import BUTTONS, Button
from .ui import Cancelled, ExcelUI, ScriptedUI

MAX_ISSUES = 5
LOG_NAME = "addin-feil.log"
COUNT_LABELS = {  # JSON count keys -> words in the message (unknown keys are shown as they are)
    "rows_read": "rader lest",
    "read": "lest",
    "imported": "importert",
    "rejected": "avvist",
    "new": "nye",
    "changed": "endret",
    "unchanged": "uendret",
    "expired": "utgått",
    "deactivated": "deaktivert",
    "orders": "ordrer",
    "lines": "linjer",
    "unresolved": "ikke bestilt",
    "already_ordered": "allerede bestilt",
    "reorder_suggestions": "bestillingsforslag",
    "manual_receipts": "manuelle mottak",
    "files": "filer",
    "documents": "dokumenter",
    "accepted": "godtatt",
    "letters": "brev",
    "collection": "til inkasso",
    "invoices": "fakturaer",
    "customers": "kunder",
    "deviations": "avvik",
    "open": "åpne",
    "checked": "kontrollert",
    "approved": "godkjent",
    "deviation": "med avvik",
    "waiting": "venter",
    "decisions": "beslutninger",
    "hold": "holdt tilbake",
    "paid": "betalt",
    "not_due": "ikke forfalt",
    "below_minimum": "under minstebeløp",
    "finished": "ferdig purret",
    # extras of the imports (docs/imports.md)
    "reopened": "gjenåpnet",
    "credit_notes": "kreditnotaer",
    "customers_new": "nye kunder",
    "customers_changed": "endrede kunder",
    "rows_with_errors": "rader med feil",
    "matched_kid": "avstemt på KID",
    "matched_invoice": "avstemt på fakturanr.",
    "part_payments": "delbetalinger",
    "unmatched": "ikke avstemt",
    "foreign_currency": "i utenlandsk valuta",
    "earlier_now_matched": "tidligere innbetalinger avstemt nå",
}
# Where an import's own word says it better than the convention's (button id -> count key -> words).
BUTTON_COUNT_LABELS = {"import_receivables": {"expired": "lukket som betalt"}}


def _caller() -> Any:
    """The workbook whose ribbon button was pressed (an ``xlwings.Book``)."""
    import xlwings as xw

    return xw.Book.caller()


def run(
    button_id: str,
    book: Any = None,
    *,
    answers: Mapping[str, Any] | None = None,
    ui: Any = None,
    progress: Any = None,
    now: datetime | None = None,
) -> JobResult | None:
    """Run the button's job; returns its result, or None when cancelled or stopped by an error
    (the user has been told why)."""
    raw = _caller() if book is None else None
    if ui is None:
        ui = ExcelUI(raw) if raw is not None else ScriptedUI(answers)
    if progress is None:
        from .status import StatusBarProgress

        progress = StatusBarProgress(raw.app) if raw is not None else NULL_PROGRESS
    port, ctx = book, None
    try:
        btn = BUTTONS.get(button_id)
        if btn is None:
            raise UsageError(
                f"Knappen «{button_id}» finnes ikke i denne versjonen av Vareflyt. "
                f"Bygg og installer tillegget på nytt: vareflyt addin install."
            )
        if raw is not None:
            port = _wrap(raw, btn)
        ctx = _context(btn, port, ui, progress, now or datetime.now())
        with _run_lock(btn, ctx):
            result = btn.action(ctx)
    except Cancelled:
        return None
    except VareflytError as exc:
        _tell(port, ui, error_text(exc))
        return None
    except Exception as exc:  # noqa: BLE001 - a bug: keep the traceback, tell the user where
        log = _log_traceback(ctx)
        _tell(
            port,
            ui,
            f"Vareflyt stoppet på en uventet feil: {type(exc).__name__}: {exc}\n"
            f"Detaljene er skrevet til {log}. Send filen til den som drifter Vareflyt.",
        )
        return None
    finally:
        if hasattr(progress, "clear"):
            progress.clear()
        if ctx is not None:
            ctx.close()
    _tell(port, ui, summary_text(btn, result, ctx.ws.root if ctx.ws is not None else None))
    return result


def _run_lock(btn: Button, ctx: ButtonCall):
    """The same run lock the button's CLI command takes (dunning and sending take it inside
    their jobs), so a button and the nightly batch or another desk on a shared store never
    write at once; a held lock is a ``RunBusy`` message naming its holder."""
    if btn.run_lock is None or ctx.ws is None:
        return nullcontext()
    from ..jobs.nightly.lock import writing_run

    return writing_run(ctx.ws, btn.run_lock)


def _wrap(raw: Any, btn: Button) -> Any:
    from ..excel.xlwings_adapter import XlwingsWorkbook

    try:
        return XlwingsWorkbook(raw)
    except UsageError:
        if btn.needs_workbook:
            raise
        return None


def _context(btn: Button, port: Any, ui: Any, progress: Any, now: datetime) -> ButtonCall:
    ws, problem = None, None
    try:
        ws = workspace_for(port)
    except VareflytError as exc:
        if btn.needs_workspace:
            raise
        problem = str(exc).split(". ")[0]
    return ButtonCall(ws=ws, caller=port, ui=ui, progress=progress, now=now, workspace_problem=problem)


def _tell(port: Any, ui: Any, text: str) -> None:
    if port is not None:
        port.show_message(text)
    else:
        ui.message(text)


def error_text(exc: VareflytError) -> str:
    lines = [str(exc)]
    lines += [f"• {i.render()}" for i in exc.issues[:MAX_ISSUES]]
    if len(exc.issues) > MAX_ISSUES:
        lines.append(f"… og {len(exc.issues) - MAX_ISSUES} til.")
    return "\n".join(lines)


def summary_text(btn: Button, result: JobResult, root: Path | None) -> str:
    """The message after a button: summary, counts, first issues, where the files went."""
    lines = [result.summary or f"{btn.label}: ferdig."]
    if result.counts and btn.id != "about":
        labels = {**COUNT_LABELS, **BUTTON_COUNT_LABELS.get(btn.id, {})}
        lines.append("Tall: " + ", ".join(f"{labels.get(k, k)} {v}" for k, v in result.counts.items()))
    severities = Counter(i.severity for i in result.issues)
    if result.issues:
        lines.append(
            f"{severities[Severity.ERROR]} feil, {severities[Severity.WARNING]} advarsler, "
            f"{severities[Severity.INFO]} merknader:"
        )
        ranked = sorted(
            result.issues, key=lambda i: [Severity.ERROR, Severity.WARNING, Severity.INFO].index(i.severity)
        )
        lines += [f"• {i.render()}" for i in ranked[:MAX_ISSUES]]
        if len(result.issues) > MAX_ISSUES:
            lines.append(
                f"… og {len(result.issues) - MAX_ISSUES} til (se arket Logg "
                "eller kjør kommandoen med --json)."
            )
    places = where_files_went(result.outputs, root)
    if places:
        lines.append("Filer: " + "; ".join(places))
    return "\n".join(lines)


def where_files_went(outputs: list[str], root: Path | None) -> list[str]:
    """Output paths -> ``letters/2026-03-01 (4 filer)``, ``Innkjop.xlsx``: folders relative to
    the workspace, in first-seen order."""
    folders: dict[str, int] = {}
    for out in outputs:
        path = Path(out)
        try:
            rel = path.resolve().relative_to(root.resolve()) if root is not None else path
        except ValueError:
            rel = path
        key = rel.name if rel.suffix.lower() in (".xlsx", ".xlsm") else (str(rel.parent.as_posix()) or ".")
        folders[key] = folders.get(key, 0) + 1
    return [
        k if k.lower().endswith((".xlsx", ".xlsm")) else f"{k}/ ({n} {'fil' if n == 1 else 'filer'})"
        for k, n in folders.items()
    ]


def _log_traceback(ctx: ButtonCall | None) -> Path:
    folder = ctx.ws.private if ctx is not None and ctx.ws is not None else Path(tempfile.gettempdir())
    log = folder / LOG_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as f:
            f.write(f"--- {datetime.now():%Y-%m-%d %H:%M:%S}\n{traceback.format_exc()}\n")
    except OSError:
        pass
    return log
