"""The purchasing workbook's invoice tables: people's decisions in them, and rewriting them.

* ``take_decisions`` reads the invoice-control table first: a person may type *godkjenn* or
  *avvis* (with a comment and their name) on an invoice's row or one of its finding rows; each
  new decision is stored with who/when and logged, and later runs respect it.
* ``refresh_invoice_tables`` rewrites ``supplier_invoices`` (one row per invoice) and
  ``invoice_control`` (one row per invoice, then one per finding), coloured by outcome, plus a
  supplier scorecard sheet. A reconcile run hands it the headers and findings it has already
  read, so the tables are rendered from those; only the decisions and the order and article
  of the lines with findings are read again.

What the rows hold (and ``CHECK_NAMES``, ``figure_cell``) is in ``table_rows``; the supplier
scorecard (``scores``) is in ``supplier_scores``.
"""

from __future__ import annotations

import getpass
from datetime import date, datetime
from typing import TYPE_CHECKING

from ...domain.issues import JobResult, Source, WorkbookLocked, warning
from ...rules.invoice_control import LABELS, decision_of
from ...rules.scorecard import sheet_rows
from ...store import invoice_reading, invoice_results, log
from ...store.invoice_rows import InvoiceHeader, StoredFinding
from .supplier_scores import scores
from .table_rows import supplier_names, table_rows

if TYPE_CHECKING:
    from ...workspace import Workspace

COLOURS = {"approved": "ok", "deviation": "warning", "rejected": "error", "waiting": "DDEBF7"}


def _open(ws: Workspace, book):
    if book is not None:
        return book, False
    if not ws.purchasing_workbook.exists():
        return None, False
    from ...excel.openpyxl_adapter import OpenpyxlWorkbook

    return OpenpyxlWorkbook(ws.purchasing_workbook), True


def _keyed(rows: list[InvoiceHeader], names: dict[str, str]) -> dict[tuple[str, str, int], InvoiceHeader]:
    """(supplier name, invoice no., occurrence) -> header row, in the order the table lists them."""
    out: dict[tuple[str, str, int], InvoiceHeader] = {}
    seen: dict[tuple[str, str], int] = {}
    for r in rows:
        key = (names.get(r.supplier_gln) or r.supplier_name or r.supplier_gln, r.number)
        seen[key] = seen.get(key, 0) + 1
        out[(*key, seen[key])] = r
    return out


def take_decisions(ws: Workspace, book, now: datetime, result: JobResult) -> int:
    """Store new approve/reject decisions typed into the invoice-control table; returns how many."""
    try:
        book, own = _open(ws, book)
    except WorkbookLocked:
        return 0
    if book is None:
        return 0
    try:
        frame = book.read_table("invoice_control")
        result.extend(frame.attrs.get("issues", []))
    finally:
        if own:
            book.close()
    with ws.store.connect() as conn:
        rows = invoice_reading.headers(conn)
    keyed = _keyed(rows, supplier_names(ws))
    occurrence: dict[tuple, int] = {}
    wanted: dict[int, tuple] = {}
    for _, r in frame.iterrows():
        key = (r["supplier_name"], r["invoice_no"])
        if not r["check"]:
            occurrence[key] = occurrence.get(key, 0) + 1
        header = keyed.get((*key, max(1, occurrence.get(key, 1))))
        decision = decision_of(r["decision"])
        if header is not None and decision and header.id not in wanted:
            wanted[header.id] = (header, decision, r["decision_comment"], r["decided_by"])
    taken = 0
    with ws.store.transaction() as conn:
        for invoice_id, (header, decision, comment, who) in wanted.items():
            if header.decision == decision:
                continue
            who = who or getpass.getuser()
            invoice_results.record_decision(conn, invoice_id, decision, comment, who, now)
            log.record(
                conn,
                job="invoices.decision",
                status="ok",
                partner=header.supplier_gln,
                doc_type="INVOIC" if header.format == "edifact" else "EHF",
                doc_number=header.number,
                at=now,
                message=f"{LABELS[decision]} av {who}" + (f": {comment}" if comment else ""),
            )
            taken += 1
    return taken


def refresh_invoice_tables(
    ws: Workspace,
    *,
    book=None,
    result: JobResult | None = None,
    on: date | None = None,
    rows: list[InvoiceHeader] | None = None,
    findings: dict[int, list[StoredFinding]] | None = None,
) -> JobResult:
    """Rewrite the two invoice tables (and the scorecard sheet) of Innkjop.xlsx."""
    result = result or JobResult()
    path = ws.purchasing_workbook
    try:
        book, own = _open(ws, book)
        if book is None:
            result.add(
                warning(
                    "workbook.missing",
                    f"Fant ikke {path.name}; fakturatabellene ble ikke oppdatert.",
                    Source(file=path.name),
                )
            )
            return result
        try:
            tables = table_rows(ws, rows, findings)
            book.replace_rows("supplier_invoices", tables["supplier_invoices"])
            control = tables["invoice_control"]
            book.replace_rows(
                "invoice_control", [{k: v for k, v in r.items() if k != "_status"} for r in control]
            )
            for i, r in enumerate(control):
                book.mark_cell("invoice_control", i, "result", COLOURS.get(r["_status"], "warning"))
            day = on or date.today()
            book.add_sheet(
                "Leverandørscore",
                sheet_rows(
                    scores(ws, day.replace(year=day.year - 1), day, rows, findings), supplier_names(ws)
                ),
            )
            book.save()
            if own:
                result.outputs.append(str(path))
        finally:
            if own:
                book.close()
    except WorkbookLocked:
        result.add(
            warning(
                "workbook.locked",
                f"{path.name} er åpen i Excel; fakturatabellene ble ikke oppdatert. "
                "Lukk arbeidsboken og kjør på nytt.",
                Source(file=path.name),
            )
        )
    return result
