"""What the user marked in the receivables workbook before a dunning run.

- *Purreliste*: a tick in "Ikke purr" holds that invoice back (the "Kommentar" beside it is the
  reason); a row shown again without the tick releases it. The list is rewritten on every run,
  so the holds are kept in the store (``store.holds``) and shown again as ticked rows.
- *Kunder*: "Purres" = nei holds every invoice of that customer for as long as it says so.

Both apply to preview and send alike, and in the nightly batch.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from ..domain.receivables import Customer, OpenInvoice
from ..rules.dunning import effective_due_date

CUSTOMER_OFF = "Purres ikke (Kunder-arket)"


def _flag(value: Any) -> bool | None:
    return None if value is None or pd.isna(value) else bool(value)


def read_marks(book) -> tuple[dict[str, tuple[bool, str]], set[str]]:
    """-> (invoice no -> (ticked, comment) for every Purreliste row, customer nos set to "Purres: nei")."""
    invoices: dict[str, tuple[bool, str]] = {}
    for _, row in book.read_table("dunning_list").iterrows():
        number = row["invoice_no"]
        if not number or pd.isna(number):
            continue
        ticked, comment = invoices.get(str(number), (False, ""))
        text = "" if row["comment"] is None or pd.isna(row["comment"]) else str(row["comment"]).strip()
        invoices[str(number)] = (ticked or _flag(row["hold"]) is True, comment or text)
    customers = {str(row["customer_no"]) for _, row in book.read_table("customers").iterrows()
                 if row["customer_no"] and not pd.isna(row["customer_no"]) and _flag(row["dunning"]) is False}
    return invoices, customers


def held_rows(invoices: list[OpenInvoice], customers: dict[str, Customer], held: dict[str, str],
              on: date) -> list[dict]:
    """Purreliste rows for the overdue invoices held from the list, ticked, so the tick stays."""
    rows = []
    for i in invoices:
        reason = held.get(i.invoice_no)
        due = effective_due_date(i.due_date)
        if reason is None or i.outstanding <= 0 or due >= on:
            continue
        customer = customers.get(i.customer_no)
        rows.append({"customer_no": i.customer_no, "customer_name": customer.name if customer else "",
                     "invoice_no": i.invoice_no, "due_date": due, "days_overdue": (on - due).days,
                     "outstanding": i.outstanding, "total": i.outstanding, "level": "holdt", "hold": True,
                     "comment": reason})
    return rows
