"""What the user typed in the receivables workbook that a dunning run must honour.

- *Purreliste*: a tick in "Ikke purr" holds that invoice back (the "Kommentar" beside it is the
  reason); the list is rewritten on every run, so the holds are kept in the store
  (``store.holds``) and shown again as ticked rows. The list also shows the notices sent
  earlier, so an invoice may have several rows: a tick in any of them holds it, and the
  invoice is released when none of its rows is ticked (untick the held row).
- *Kunder* (filled by vareflyt from the open-items exports, see ``jobs.customer_sheet``):
  "Purres" = nei holds every invoice of that customer; a name, customer type, organisation
  number, address, e-mail or credit limit the user typed there is used instead of what the
  accounting export said (letters go to the address typed here). A cell that is empty or still
  holds what vareflyt wrote there is not typed; a customer type that cannot be read is reported
  and ignored. Without the workspace (``ws``) to recall what vareflyt wrote, every filled cell
  counts as typed.

Both apply to preview and send alike, and in the nightly batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from ..domain.issues import Issue, warning
from ..domain.receivables import Customer, CustomerKind, OpenInvoice
from ..excel.port import row_source
from ..rules.dunning import effective_due_date
from .customer_sheet import ADDRESS_BLOCK, cell_value, join_address, typed_cells

if TYPE_CHECKING:
    from ..workspace import Workspace

CUSTOMER_OFF = "Purres ikke (Kunder-arket)"
TEXT_FIELDS = ("name", "orgnr", "email")


@dataclass
class Marks:
    invoices: dict[str, tuple[bool, str]] = field(default_factory=dict)  # invoice no -> (ticked, comment)
    customers: dict[str, dict[str, Any]] = field(default_factory=dict)  # customer no -> Customer fields typed
    issues: list[Issue] = field(default_factory=list)


def _value(value: Any) -> Any:
    return cell_value(value)


def _flag(value: Any) -> bool | None:
    value = _value(value)
    return None if value is None else bool(value)  # numpy and pandas booleans too


def sheet_memory(ws: Workspace | None) -> dict[str, dict[str, str]]:
    """What vareflyt last wrote into Kunder (``store.sheet_values``); empty without a workspace."""
    if ws is None:
        return {}
    from ..store import sheet_values

    with ws.store.connect() as conn:
        return sheet_values.load(conn)


def read_marks(book, ws: Workspace | None = None) -> Marks:
    """The Purreliste ticks and the Kunder rows of the workbook behind ``book`` (a port); ``ws``
    (the workspace) tells a cell vareflyt filled from one the user typed."""
    marks = Marks()
    listed = book.read_table("dunning_list")
    marks.issues.extend(listed.attrs.get("issues", []))
    for _, row in listed.iterrows():
        number = _value(row["invoice_no"])
        if number is None:
            continue
        ticked, comment = marks.invoices.get(str(number), (False, ""))
        marks.invoices[str(number)] = (
            ticked or _flag(row["hold"]) is True,
            comment or _value(row["comment"]) or "",
        )
    frame = book.read_table("customers")
    marks.issues.extend(frame.attrs.get("issues", []))
    memory = sheet_memory(ws)
    for index, row in frame.iterrows():
        number = _value(row["customer_no"])
        if number is None:
            continue
        number = str(number)
        if number in marks.customers:
            marks.issues.append(
                warning(
                    "dunning.customer_twice",
                    f"Kunde {number} står to ganger i Kunder; raden "
                    f"lengst opp brukes. Slett den andre raden.",
                    row_source(frame, index, "customer_no"),
                )
            )
            continue
        cells = {k: _value(row[k]) for k in frame.columns}
        typed = typed_cells(cells, memory.get(number, {}))
        values: dict[str, Any] = {f: str(typed[f]) for f in TEXT_FIELDS if typed.get(f) is not None}
        address = join_address(*(typed.get(f) for f in ADDRESS_BLOCK))
        if address:
            values["address"] = address
        if typed.get("credit_limit") is not None:
            values["credit_limit"] = typed["credit_limit"]
        if typed.get("kind") is not None:
            kind = CustomerKind.parse(str(typed["kind"]))
            if kind is None:
                marks.issues.append(
                    warning(
                        "dunning.customer_kind",
                        f"Kundetype «{typed['kind']}» for kunde {number} "
                        f"er ukjent (bruk B2B, B2C eller offentlig); typen fra regnskapet brukes.",
                        row_source(frame, index, "kind"),
                    )
                )
            else:
                values["kind"] = kind
        if _flag(row["dunning"]) is False:
            values["hold"] = CUSTOMER_OFF
        marks.customers[number] = values
    return marks


def apply_customers(customers: dict[str, Customer], marks: Marks) -> dict[str, Customer]:
    """The customers with what was typed in Kunder taking precedence (a hold already set stays)."""
    out = dict(customers)
    for number, typed in marks.customers.items():
        if number in out and typed:
            current = out[number]
            out[number] = replace(current, **dict(typed, hold=current.hold or typed.get("hold", "")))
    return out


def held_rows(
    invoices: list[OpenInvoice], customers: dict[str, Customer], held: dict[str, str], on: date
) -> list[dict]:
    """Purreliste rows for the overdue invoices held from the list, ticked, so the tick stays."""
    rows = []
    for i in invoices:
        reason = held.get(i.invoice_no)
        due = effective_due_date(i.due_date)
        if reason is None or i.outstanding <= 0 or due >= on:
            continue
        customer = customers.get(i.customer_no)
        rows.append(
            {
                "customer_no": i.customer_no,
                "customer_name": customer.name if customer else "",
                "invoice_no": i.invoice_no,
                "due_date": due,
                "days_overdue": (on - due).days,
                "outstanding": i.outstanding,
                "total": i.outstanding,
                "level": "holdt",
                "hold": True,
                "comment": reason,
            }
        )
    return rows
