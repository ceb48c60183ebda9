"""Workbook tables the ribbon writes itself: after an import whose job could not write the
open workbook, the receivables ledger after an open-items or payments import, and the
aged-receivables table.

``import_parties`` and ``import_prices`` write their table by opening the workbook *file*;
when the user pressed the button, Excel has that file open, so the job leaves the table
(warning ``workbook.locked`` / ``price.workbook_locked``) and the store stands. The ribbon then
writes the same rows through the Excel port, so the user sees them at once, and drops the
warning that no longer applies. (Better: the jobs take ``book=`` as ``make_orders`` and
``run_dunning`` do; then this module shrinks to ``write_aging``, which only calls the
``jobs.aged_receivables`` job with the Excel port.)
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..domain.issues import JobResult

if TYPE_CHECKING:
    from ..workspace import Workspace

LOCKED_CODES = {"parties": "workbook.locked", "catalogue": "price.workbook_locked"}


def refresh_after_import(ctx, result: JobResult, table: str) -> None:
    """Write ``table`` through the Excel port when the job found the workbook locked."""
    from ..excel.xlwings_adapter import XlwingsWorkbook

    code = LOCKED_CODES[table]
    if not any(i.code == code for i in result.issues) or not ctx.is_excel:
        return
    book = ctx.port("purchasing")
    if not isinstance(book, XlwingsWorkbook):  # open elsewhere, not in this Excel: keep the warning
        return
    book.replace_rows(table, _rows(ctx.ws, table, ctx.now.date()))
    book.save()
    result.issues = [i for i in result.issues if i.code != code]
    result.outputs.append(ctx.caller_name if ctx.caller_key == "purchasing" else "Innkjop.xlsx")


def _rows(ws: Workspace, table: str, on: date) -> list[dict]:
    if table == "parties":
        from ..jobs.import_parties import workbook_rows
        from ..store.parties import load_parties, party_changed_at

        with ws.store.connect() as conn:
            return workbook_rows(load_parties(conn), party_changed_at(conn))
    from ..jobs import import_prices as prices
    from ..jobs.effective_prices import catalogue_on

    names = prices._supplier_names(ws)
    with ws.store.connect() as conn:
        return [prices._catalogue_row(v, a, names) for v, a in catalogue_on(conn, on)]


def write_aging(ws: Workspace, book, on: date) -> JobResult:
    """Aged receivables into the receivables workbook's Aldersfordeling table, through the
    Excel port (the job ``jobs.aged_receivables`` does the work)."""
    from ..jobs.aged_receivables import aged_receivables_report

    return aged_receivables_report(ws, on, book=book)


def refresh_ledger_tables(ctx, result: JobResult) -> JobResult:
    """After an open-items or payments import from the ribbon: Kunder and Innbetalinger in
    Kundereskontro.xlsx from the store (``jobs.ledger_tables.refresh_ledger``), through the open
    workbook when Excel has it, so the user sees the customers and payments at once. A rejected
    import changed nothing, so nothing is written then."""
    from ..jobs.ledger_tables import refresh_ledger

    if not result.ok:
        return result
    written = refresh_ledger(ctx.ws, book=ctx.port("receivables"))
    result.extend(written.issues)
    if not any(i.code == "workbook.locked" for i in written.issues):
        result.outputs.append(ctx.caller_name if ctx.caller_key == "receivables" else "Kundereskontro.xlsx")
    return result
