"""The Kunder sheet of Kundereskontro.xlsx: filled from the store, with what users typed winning.

vareflyt writes each customer of the open-items exports into Kunder (name, organisation number,
customer type, address, postcode, city, e-mail, credit limit) and remembers the text it wrote
into each cell (``store.sheet_values``). On the next read a cell is

- *not typed* when it is empty (the export's value is used and written again) or still holds
  what vareflyt wrote there (so a change in the export reaches the cell);
- *typed* when it holds anything else: it wins over the export, is written back as it is, and
  is forgotten from the memory so it stays the user's until it is emptied.

Address, postcode and city are one block: when any of the three is typed, the three cells as
they stand are the customer's address (an empty one in the block stays empty). Telephone,
payment terms, EHF, Purres and Aktiv have no source in the export: they are the user's own and
are kept as they are. A customer typed in Kunder who is not in the store is kept as typed.
Rows are written sorted by customer number (a number typed twice: the upper row counts, the
other is kept below it). Pure: the frame, the memory and the customers come in, rows and the
new memory go out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pandas as pd

from ..domain.money import to_ore
from ..domain.receivables import Customer, CustomerKind
from ..excel.schemas_cells import is_missing

__all__ = [
    "EXPORT_FIELDS",
    "ADDRESS_BLOCK",
    "USER_FIELDS",
    "KIND_TEXT",
    "cell_value",
    "as_text",
    "split_address",
    "join_address",
    "export_cells",
    "typed_cells",
    "SheetRows",
    "sheet_rows",
    "sort_key",
]

EXPORT_FIELDS = ("name", "orgnr", "kind", "address", "postcode", "city", "email", "credit_limit")
ADDRESS_BLOCK = ("address", "postcode", "city")
USER_FIELDS = ("phone", "terms_days", "ehf", "dunning", "active")
KIND_TEXT = {CustomerKind.B2B: "B2B", CustomerKind.B2C: "B2C", CustomerKind.PUBLIC: "offentlig"}
_PLACE = re.compile(r"^(\d{4})\s+(\S.*)$")


def cell_value(value: Any) -> Any:
    """A value from ``read_table`` -> plain Python: None for empty, text stripped, numpy scalars unwrapped."""
    if is_missing(value):
        return None
    if isinstance(value, str):
        return value.strip() or None
    if hasattr(value, "item") and not isinstance(value, Decimal):  # numpy bool_ / int64
        return value.item()
    return value


def as_text(value: Any) -> str | None:
    """The text a cell value is remembered as (amounts to øre, so 20000 and 20 000,00 agree)."""
    value = cell_value(value)
    if value is None:
        return None
    if isinstance(value, Decimal):
        return f"{to_ore(value):.2f}"
    return str(value)


def split_address(text: str) -> tuple[str, str, str]:
    """``"Storgata 1, 0155 Oslo"`` -> ``("Storgata 1", "0155", "Oslo")``; an address without a
    Norwegian postcode and place at the end stays whole in the first part."""
    text = (text or "").strip()
    head, _, last = text.rpartition(",")
    place = _PLACE.match(last.strip())
    if place is None:
        return text, "", ""
    return head.strip(), place.group(1), place.group(2).strip()


def join_address(street: Any, postcode: Any, city: Any) -> str:
    """The three cells -> one address line, as the export writes it (empty parts left out)."""
    place = " ".join(str(p) for p in (postcode, city) if p not in (None, ""))
    return ", ".join(str(p) for p in (street, place) if p not in (None, ""))


def export_cells(customer: Customer) -> dict[str, Any]:
    """What vareflyt writes into Kunder for a customer of the store."""
    street, postcode, city = split_address(customer.address)
    return {
        "name": customer.name or None,
        "orgnr": customer.orgnr or None,
        "kind": KIND_TEXT.get(customer.kind),
        "address": street or None,
        "postcode": postcode or None,
        "city": city or None,
        "email": customer.email or None,
        "credit_limit": customer.credit_limit,
    }


def typed_cells(cells: Mapping[str, Any], memory: Mapping[str, str]) -> dict[str, Any]:
    """The cells of one Kunder row the user typed (see the module docstring), by column key."""
    typed = {
        f: cells.get(f)
        for f in EXPORT_FIELDS
        if cells.get(f) is not None and as_text(cells.get(f)) != memory.get(f)
    }
    if typed.keys() & set(ADDRESS_BLOCK):
        typed.update({f: cells.get(f) for f in ADDRESS_BLOCK})
    return typed


@dataclass
class SheetRows:
    rows: list[dict[str, Any]] = field(default_factory=list)
    memory: dict[str, dict[str, str]] = field(default_factory=dict)  # what vareflyt writes, per customer


def sort_key(number: str) -> tuple:
    """Customer numbers in natural order: 9 before 10, 10001 before 10002, text after numbers."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.lower())
        for part in re.findall(r"\d+|\D+", number)
    )


def _frame_rows(frame: pd.DataFrame) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Kunder rows by customer number (the upper of two with the same number), and the rest
    (duplicates, rows without a number) to keep as they are."""
    by_no: dict[str, dict[str, Any]] = {}
    rest: list[dict[str, Any]] = []
    for record in frame.to_dict("records"):
        cells = {str(k): cell_value(v) for k, v in record.items()}
        number = cells.get("customer_no")
        if number is None or str(number) in by_no:
            rest.append(cells)
        else:
            by_no[str(number)] = cells
    return by_no, rest


def sheet_rows(
    frame: pd.DataFrame, memory: Mapping[str, Mapping[str, str]], customers: Mapping[str, Customer]
) -> SheetRows:
    """The Kunder rows to write: the store's customers merged with the sheet as read (``frame``
    from ``read_table("customers")``), and the memory of what vareflyt wrote in them."""
    by_no, rest = _frame_rows(frame)
    out = SheetRows()
    for number in sorted(set(by_no) | set(customers), key=sort_key):
        cells = by_no.get(number, {})
        remembered = memory.get(number, {})
        typed = typed_cells(cells, remembered)
        export = export_cells(customers[number]) if number in customers else None
        row: dict[str, Any] = {"customer_no": number}
        kept: dict[str, str] = {}
        for f in EXPORT_FIELDS:
            if f in typed or export is None:
                row[f] = cells.get(f)
                if row[f] is not None and as_text(row[f]) == remembered.get(f):
                    kept[f] = remembered[f]  # vareflyt's text, still in a typed block or a customer gone
            else:
                row[f] = export[f]
                text = as_text(export[f])
                if text is not None:
                    kept[f] = text
        row.update({f: cells.get(f) for f in USER_FIELDS})
        out.rows.append(row)
        if kept:
            out.memory[number] = kept
    out.rows += rest
    return out
