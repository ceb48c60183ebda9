"""The receivables workbook as a dunning run leaves it: the Fakturaer table (every open
invoice with what it owes and its latest notice), the Purreliste (this run's notices, marked
"Denne kjøringen", then the invoices held back, then every notice sent before, newest first),
aged receivables per customer and in total, the key figures (Nøkkeltall with its explanations
and charts, ``jobs.key_figures``), and — given the workspace —
Kunder and Innbetalinger from the store (``jobs.ledger_tables``). Written through the workbook
port, so the same code serves openpyxl in the batch and xlwings in Excel.

The Trinn column shows the level as a bookkeeper says it (``Level.name_nb``: påminnelse,
purring, ...; "holdt" for a held invoice); nothing reads it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..domain.issues import Issue
from ..domain.money import ZERO
from ..domain.receivables import Level, Notice, SentNotice
from ..rules.dunning import aged_receivables, apply_credits, dso
from .key_figures import ReceivablesFigures, receivables_with, write_sheets
from .ledger_tables import load_ledger, notice_rows, save_memory, write_customers, write_payments

if TYPE_CHECKING:
    from ..workspace import Workspace

__all__ = ["DSO_DAYS", "notice_list_rows", "write_overview"]

DSO_DAYS = 365


def _fees_through(history: tuple[SentNotice, ...], sent_on: date, level: Level) -> Decimal | None:
    """Fees claimed on an invoice by its notices up to and including the one sent ``sent_on`` at ``level``."""
    if not any(n.sent_on == sent_on and n.level is level for n in history):
        return None
    return sum((n.fee for n in history if (n.sent_on, n.level.rank) <= (sent_on, level.rank)), ZERO)


def _credit_row(n: Notice, line) -> dict:
    """The credit notes set against ``line``'s invoice, as a row of their own beneath it."""
    return {
        "customer_no": n.customer.number,
        "customer_name": n.customer.name,
        "invoice_no": ", ".join(line.credit_notes),
        "outstanding": -line.credited,
        "total": -line.credited,
        "level": f"kreditnota, trukket fra {line.invoice_no}",
        "sent_on": n.sent_on,
        "this_run": True,
    }


def notice_list_rows(notices: list[Notice]) -> list[dict]:
    """Purreliste rows for this run's notices (marked "Denne kjøringen"); the fee column holds every
    fee claimed so far on the invoice, this notice's included, as the letter does. Credit notes set
    against an invoice follow it as a negative row, so the list adds up to what the letters claim."""
    rows = []
    for n in notices:
        for line in n.lines:
            rows.append(
                {
                    "customer_no": n.customer.number,
                    "customer_name": n.customer.name,
                    "invoice_no": line.invoice_no,
                    "due_date": line.due_date,
                    "days_overdue": line.days_overdue,
                    "outstanding": line.principal,
                    "interest": line.interest,
                    "fee": line.fee + line.earlier_fees,
                    "compensation": line.compensation,
                    "total": line.principal
                    + line.interest
                    + line.fee
                    + line.earlier_fees
                    + line.compensation,
                    "level": n.level.name_nb,
                    "sent_on": n.sent_on,
                    "deadline": n.deadline,
                    "letter": n.letter or None,
                    "this_run": True,
                }
            )
            if line.credited:
                rows.append(_credit_row(n, line))
    return rows


def _invoice_rows(notices: list[Notice], invoices, customers) -> list[dict]:
    """The Fakturaer table: every open invoice with what it owes and its latest notice
    (including this run's, so a preview shows what would be sent)."""
    this_run = {line.invoice_no: n for n in notices for line in n.lines}
    rows = []
    for i in apply_credits(invoices):
        last = this_run.get(i.invoice_no) or i.last_notice
        rows.append(
            {
                "invoice_no": i.invoice_no,
                "customer_no": i.customer_no,
                "customer_name": customers[i.customer_no].name if i.customer_no in customers else "",
                "invoice_date": i.invoice_date,
                "due_date": i.due_date,
                "amount": i.amount,
                "paid": i.paid,
                "outstanding": i.outstanding,
                "kid": i.kid,
                "status": _status(i),
                "last_reminder": last.sent_on if last else None,
                "dunning_level": last.level.rank if last else 0,
            }
        )
    return rows


def _status(item) -> str:
    if item.is_credit:
        return "kreditnota, til gode" if item.outstanding < 0 else "kreditnota, brukt"
    if item.outstanding <= 0:
        return "kreditert" if item.credited and item.paid < item.amount else "betalt"
    return "holdt" if item.hold else "åpen"


def _key(row: dict) -> tuple:
    return row["invoice_no"], row.get("level"), row.get("sent_on")


def write_overview(
    book,
    notices: list[Notice],
    invoices,
    customers,
    on: date,
    credit_sales,
    earlier: Sequence[dict] = (),
    *,
    ws: Workspace | None = None,
) -> dict:
    """Dunning list, aged receivables (per customer and total) and key figures into the
    receivables workbook through the workbook port; with the workspace ``ws`` also Kunder,
    Innbetalinger and the Purreliste's history from the store. ``earlier``: further Purreliste
    rows (the held invoices from ``held_rows``). Returns the key figures, and under "issues"
    what the run should report."""
    current = notice_list_rows(notices)
    history: list[dict] = []
    ledger = load_ledger(ws) if ws is not None else None
    if ledger is not None:
        this_run = {(line.invoice_no, n.level.value) for n in notices for line in n.lines}
        named = {**ledger.customers, **customers}
        history = notice_rows(ledger.events, ledger.due_dates, named, skip=this_run)
    shown = {_key(r) for r in current + history}
    rows = current + [r for r in earlier if r.get("sent_on") is None or _key(r) not in shown] + history
    book.replace_rows("invoices", _invoice_rows(notices, invoices, customers))
    aging, total = aged_receivables(invoices, customers, on)
    issues: list[Issue] = []
    figures: dict[str, Any] = {
        "dso": dso(total.total, credit_sales, DSO_DAYS),
        "receivables": total.total,
        "issues": issues,
    }
    book.replace_rows("dunning_list", rows)
    book.replace_rows("aging", [r.to_dict() for r in aging] + [total.to_dict()])
    memory = None
    if ledger is not None:
        memory = write_customers(book, ledger, issues)
        write_payments(book, ledger.payments)
    compensation = sum((n.compensation for n in notices), ZERO)
    write_sheets(
        book,
        receivables_with(ws, on, aging, total, credit_sales=credit_sales, compensation=compensation)
        if ws is not None
        else ReceivablesFigures(on, tuple(aging), total, credit_sales, DSO_DAYS, compensation=compensation),
    )
    book.save()
    if ws is not None:
        save_memory(ws, memory)
    return figures
