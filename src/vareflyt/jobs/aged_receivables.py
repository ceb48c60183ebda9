"""``vareflyt receivables aging``: aged receivables per customer and in total on a date.

Buckets by days past the effective due date (not due, 1–30, 31–60, 61–90, over 90), from the
open invoices in the store (``rules.dunning.aged_receivables``). The rows go into the
*Aldersfordeling* table of the receivables workbook (through ``book``, the Excel port the
ribbon passes, or the workbook file), and into the result: ``extra["total"]`` and
``extra["customers"]`` hold the buckets as text, for ``--json``. The Nøkkeltall sheet with
its charts is written with the table (``jobs.key_figures``). Names and credit limits
typed in the Kunder sheet are used (``jobs.dunning_marks``). A workbook open in Excel
elsewhere leaves the table as it was, with a warning; the figures are still returned.
``run_dunning`` writes the same table as part of its overview.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..domain.catalogue import plain_decimal
from ..domain.issues import JobResult, Source, WorkbookLocked, warning
from ..domain.money import format_kr
from ..domain.wording import plural
from ..rules.dunning import BUCKETS, aged_receivables
from .dunning_marks import Marks, apply_customers, read_marks
from .key_figures import ReceivablesFigures, receivables_with, write_sheets

if TYPE_CHECKING:
    from ..workspace import Workspace


def aged_receivables_report(
    ws: Workspace, on: date | None = None, *, book=None, write_workbook: bool = True
) -> JobResult:
    """Aged receivables on ``on`` (default today); see the module docstring."""
    on = on or date.today()
    own = book is None and write_workbook and ws.receivables_workbook.exists()
    if own:
        from ..excel.openpyxl_adapter import OpenpyxlWorkbook

        book = OpenpyxlWorkbook(ws.receivables_workbook, "receivables")
    try:
        return _report(ws, on, book, write_workbook)
    finally:
        if own:
            book.close()


def _report(ws: Workspace, on: date, book, write_workbook: bool) -> JobResult:
    from ..store import receivables as repo

    marks = read_marks(book, ws) if book is not None else Marks()  # names and credit limits typed in Kunder
    with ws.store.connect() as conn:
        customers = apply_customers(repo.load_customers(conn), marks)
        invoices = repo.load_invoices(conn)
    rows, total = aged_receivables(invoices, customers, on)
    result = JobResult(
        counts={"customers": len(rows), "invoices": sum(1 for i in invoices if i.outstanding > 0)}
    )
    result.extra.update(
        date=on.isoformat(),
        total=_buckets(total),
        customers=[dict(_buckets(r), customer_no=r.customer_no, customer_name=r.customer_name) for r in rows],
    )
    overdue = total.total - total.buckets["not_due"]
    result.summary = (
        f"Aldersfordeling per {on:%d.%m.%Y}: {plural(len(rows), 'kunde', 'kunder')}, "
        f"utestående {format_kr(total.total)} kr, "
        f"herav forfalt {format_kr(overdue)} kr."
    )
    result.extend(marks.issues)
    if write_workbook:
        figures = receivables_with(ws, on, rows, total) if book is not None else None
        _write(ws, book, [r.to_dict() for r in rows] + [total.to_dict()], result, figures)
    return result


def _buckets(row) -> dict[str, str | None]:
    out = {b: plain_decimal(row.buckets[b]) for b in BUCKETS}
    out.update(total=plain_decimal(row.total), credit_limit=plain_decimal(row.credit_limit))
    return out


def _write(
    ws: Workspace, book, rows: list[dict], result: JobResult, figures: ReceivablesFigures | None
) -> None:
    if book is None:
        result.add(
            warning(
                "aging.no_workbook",
                f"Fant ikke {ws.receivables_workbook.name}; tabellen "
                f"Aldersfordeling ble ikke skrevet. Kjør «vareflyt init» for å lage arbeidsboken.",
            )
        )
        return
    assert figures is not None, "the figures are computed whenever the workbook is there"
    try:
        book.replace_rows("aging", rows)
        write_sheets(book, figures)
        book.save()
    except WorkbookLocked as exc:
        result.add(
            warning(
                "workbook.locked",
                f"{exc} Aldersfordelingen ble ikke skrevet til arbeidsboken.",
                Source(file=ws.receivables_workbook.name),
            )
        )
        return
    result.summary += " Se arkene Aldersfordeling og Nøkkeltall."
    result.outputs.append(str(ws.receivables_workbook))
