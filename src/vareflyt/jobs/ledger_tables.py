"""The ledger side of Kundereskontro.xlsx, regenerated from the store on every dunning run and
after the ribbon's imports:

- *Kunder*: the customers of the open-items exports, merged with what users typed there
  (``jobs.customer_sheet``); what vareflyt wrote is remembered (``store.sheet_values``) only
  after the workbook is saved, so a failed save never makes a stale cell look typed. A Kunder
  sheet with a cell that cannot be read is left as it is (rewriting it would lose the text).
- *Innbetalinger*: every payment read from the bank, newest first, with the invoice it was
  matched to and the file it came in; unmatched payments are highlighted with a note.
- the Purreliste's history: every notice recorded (``notice_rows``), newest first, its fee
  column the fees claimed on the invoice up to and including that notice (as in the letter).

``refresh_ledger`` writes Kunder and Innbetalinger alone (after an import through the ribbon).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ..domain.issues import Issue, JobResult, Source, WorkbookLocked, warning
from ..domain.money import ZERO
from ..domain.receivables import Customer, Level
from ..rules.dunning import effective_due_date
from .customer_sheet import sheet_rows

if TYPE_CHECKING:
    from ..store.receivables_rows import PaymentRead, RecordedNotice
    from ..workspace import Workspace

__all__ = [
    "Ledger",
    "load_ledger",
    "notice_rows",
    "payment_rows",
    "write_payments",
    "write_customers",
    "save_memory",
    "refresh_ledger",
    "UNMATCHED_NOTE",
]

UNMATCHED_NOTE = (
    "Ikke avstemt: ingen åpen faktura har denne KID-en, eller dette fakturanummeret og beløpet. "
    "Finn fakturaen og før innbetalingen i regnskapet."
)


@dataclass
class Ledger:
    """What the ledger tables are made from, read in one go from the store."""

    customers: dict[str, Customer] = field(default_factory=dict)  # as the exports say
    memory: dict[str, dict[str, str]] = field(default_factory=dict)  # what vareflyt last wrote into Kunder
    payments: list[PaymentRead] = field(default_factory=list)  # newest first
    events: list[RecordedNotice] = field(default_factory=list)  # oldest first
    due_dates: dict[str, date] = field(default_factory=dict)  # every invoice, open or closed


def load_ledger(ws: Workspace) -> Ledger:
    from ..store import receivables, receivables_ledger, sheet_values

    with ws.store.connect() as conn:
        return Ledger(
            customers=receivables.load_customers(conn),
            memory=sheet_values.load(conn),
            payments=receivables_ledger.payments_read(conn),
            events=receivables_ledger.notices_sent(conn),
            due_dates={no: facts.due_date for no, facts in receivables_ledger.invoice_facts(conn).items()},
        )


def notice_rows(
    events: list[RecordedNotice],
    due_dates: Mapping[str, date],
    customers: Mapping[str, Customer],
    skip: AbstractSet[tuple[str, str]] = frozenset(),
) -> list[dict]:
    """Purreliste rows for recorded notices (``events`` oldest first): newest date first, a date's
    notices in the order recorded; events whose (invoice no, level) is in ``skip`` (this run's
    notices, if already recorded) are left out."""
    fees: dict[str, Decimal] = defaultdict(lambda: ZERO)
    rows = []
    for e in events:
        fees[e.invoice_no] += e.fee
        if (e.invoice_no, e.level) in skip:
            continue
        written_due = due_dates.get(e.invoice_no)
        due = effective_due_date(written_due) if written_due else None
        customer = customers.get(e.customer_no)
        fee = fees[e.invoice_no]
        rows.append(
            {
                "customer_no": e.customer_no,
                "customer_name": customer.name if customer else "",
                "invoice_no": e.invoice_no,
                "due_date": due,
                "days_overdue": (e.sent_on - due).days if due else None,
                "outstanding": e.principal,
                "interest": e.interest,
                "fee": fee,
                "compensation": e.compensation,
                "total": e.principal + e.interest + fee + e.compensation,
                "level": Level(e.level).name_nb,
                "sent_on": e.sent_on,
                "deadline": e.deadline,
                "letter": e.letter or None,
            }
        )
    return sorted(rows, key=lambda r: r["sent_on"], reverse=True)  # stable: a day keeps its order


def payment_rows(payments: list[PaymentRead]) -> list[dict]:
    """Innbetalinger rows from ``store.receivables_ledger.payments_read``."""
    return [
        {
            "date": p.paid_on,
            "amount": p.amount,
            "kid": p.kid or None,
            "invoice_no": p.invoice_no,
            "customer_no": p.customer_no,
            "payer": p.payer or None,
            "reference": p.reference or None,
            "matched": p.invoice_no is not None,
            "file": p.file,
        }
        for p in payments
    ]


def write_payments(book, payments: list[PaymentRead]) -> int:
    """Innbetalinger through the port, unmatched payments highlighted. Returns how many are unmatched."""
    rows = payment_rows(payments)
    book.replace_rows("payments", rows)
    unmatched = 0
    for index, row in enumerate(rows):
        if not row["matched"]:
            book.mark_cell("payments", index, "amount", "warning")
            book.mark_cell("payments", index, "matched", "warning", UNMATCHED_NOTE)
            unmatched += 1
    return unmatched


def write_customers(book, ledger: Ledger, issues: list[Issue]) -> dict[str, dict[str, str]] | None:
    """Kunder through the port; returns the memory to save once the workbook is saved, or None
    when the sheet was left as it is (a cell that could not be read: reported in ``issues``)."""
    frame = book.read_table("customers")
    if frame.attrs.get("issues"):
        first = frame.attrs["issues"][0]
        issues.append(
            warning(
                "receivables.customers_kept",
                "Kunder-arket ble ikke oppdatert fra regnskapet fordi "
                "en celle ikke kunne leses (se meldingen om den); rett cellen, så fylles arket "
                "neste gang.",
                first.source,
            )
        )
        return None
    merged = sheet_rows(frame, ledger.memory, ledger.customers)
    book.replace_rows("customers", merged.rows)
    return merged.memory


def save_memory(ws: Workspace, memory: dict[str, dict[str, str]] | None) -> None:
    """Remember what was written into Kunder (call after the workbook was saved)."""
    if memory is None:
        return
    from ..store import sheet_values

    with ws.store.transaction() as conn:
        sheet_values.save(conn, memory)


def refresh_ledger(ws: Workspace, *, book=None) -> JobResult:
    """Rewrite Kunder and Innbetalinger from the store (``book``: the Excel port the ribbon
    passes; else the workbook file, left as it is with a warning when Excel has it open)."""
    result = JobResult()
    path = ws.receivables_workbook
    own = book is None
    if own:
        if not path.exists():
            result.add(
                warning(
                    "workbook.missing",
                    f"Fant ikke {path.name}; Kunder og Innbetalinger ble ikke "
                    f"oppdatert. Kjør «vareflyt init» for å lage arbeidsboken.",
                    Source(file=path.name),
                )
            )
            return result
        from ..excel.openpyxl_adapter import OpenpyxlWorkbook

        book = OpenpyxlWorkbook(path, "receivables")
    try:
        ledger = load_ledger(ws)
        memory = write_customers(book, ledger, result.issues)
        unmatched = write_payments(book, ledger.payments)
        book.save()
        save_memory(ws, memory)
        result.counts = {
            "customers": len(ledger.customers),
            "payments": len(ledger.payments),
            "unmatched": unmatched,
        }
        if own:
            result.outputs.append(str(path))
    except WorkbookLocked:
        result.add(
            warning(
                "workbook.locked",
                f"{path.name} er åpen i Excel; Kunder og Innbetalinger ble ikke "
                f"oppdatert. Lukk arbeidsboken og kjør på nytt.",
                Source(file=path.name),
            )
        )
    finally:
        if own:
            book.close()
    return result
