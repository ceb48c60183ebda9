"""What the user typed in the receivables workbook that a dunning run must honour.

- *Purreliste*: a tick in "Ikke purr" holds that invoice back (the "Kommentar" beside it is the
  reason); a row shown again without the tick releases it. The list is rewritten on every run,
  so the holds are kept in the store (``store.holds``) and shown again as ticked rows.
- *Kunder* (kept by the user): "Purres" = nei holds every invoice of that customer; a name,
  customer type, organisation number, address, e-mail or credit limit typed there is used
  instead of what the accounting export said (letters go to the address typed here). Empty
  cells leave the export's value; a customer type that cannot be read is reported and ignored.

Both apply to preview and send alike, and in the nightly batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import pandas as pd

from ..domain.issues import Issue, warning
from ..domain.receivables import Customer, CustomerKind, OpenInvoice
from ..excel.port import row_source
from ..rules.dunning import effective_due_date

CUSTOMER_OFF = "Purres ikke (Kunder-arket)"
TEXT_FIELDS = ("name", "orgnr", "email")


@dataclass
class Marks:
    invoices: dict[str, tuple[bool, str]] = field(default_factory=dict)   # invoice no -> (ticked, comment)
    customers: dict[str, dict[str, Any]] = field(default_factory=dict)    # customer no -> Customer fields typed
    issues: list[Issue] = field(default_factory=list)


def _value(value: Any) -> Any:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.strip() or None if isinstance(value, str) else value


def _flag(value: Any) -> bool | None:
    value = _value(value)
    return None if value is None else bool(value)       # numpy and pandas booleans too


def read_marks(book) -> Marks:
    """The Purreliste ticks and the Kunder rows of the workbook behind ``book`` (a port)."""
    marks = Marks()
    listed = book.read_table("dunning_list")
    marks.issues.extend(listed.attrs.get("issues", []))
    for _, row in listed.iterrows():
        number = _value(row["invoice_no"])
        if number is None:
            continue
        ticked, comment = marks.invoices.get(str(number), (False, ""))
        marks.invoices[str(number)] = (ticked or _flag(row["hold"]) is True, comment or _value(row["comment"]) or "")
    frame = book.read_table("customers")
    marks.issues.extend(frame.attrs.get("issues", []))
    for index, row in frame.iterrows():
        number = _value(row["customer_no"])
        if number is None:
            continue
        typed = {f: str(_value(row[f])) for f in TEXT_FIELDS if _value(row[f]) is not None}
        place = " ".join(str(_value(row[f])) for f in ("postcode", "city") if _value(row[f]) is not None)
        address = ", ".join(p for p in (_value(row["address"]), place) if p)
        if address:
            typed["address"] = address
        if _value(row["credit_limit"]) is not None:
            typed["credit_limit"] = row["credit_limit"]
        if _value(row["kind"]) is not None:
            kind = CustomerKind.parse(str(row["kind"]))
            if kind is None:
                marks.issues.append(warning("dunning.customer_kind", f"Kundetype «{row['kind']}» for kunde {number} "
                                            f"er ukjent (bruk B2B, B2C eller offentlig); typen fra regnskapet brukes.",
                                            row_source(frame, index, "kind")))
            else:
                typed["kind"] = kind
        if _flag(row["dunning"]) is False:
            typed["hold"] = CUSTOMER_OFF
        marks.customers[str(number)] = typed
    return marks


def apply_customers(customers: dict[str, Customer], marks: Marks) -> dict[str, Customer]:
    """The customers with what was typed in Kunder taking precedence (a hold already set stays)."""
    out = dict(customers)
    for number, typed in marks.customers.items():
        if number in out and typed:
            current = out[number]
            out[number] = replace(current, **dict(typed, hold=current.hold or typed.get("hold", "")))
    return out


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
