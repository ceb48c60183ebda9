"""Read-only questions the open-items import asks before it changes anything: which items the
store knows (for credit-note references and the truncated-export guard) and what vareflyt has
claimed in reminder fees, compensation and interest on the invoices an import is about to close.

Writing stays in ``store.receivables`` (``sync_invoices``); nothing here changes a row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from ..domain.money import ZERO
from ..domain.receivables import StoredItem
from .tables.receivables import customer_invoices, dunning_events

__all__ = ["known_items", "ClaimedCosts", "claimed_costs"]

_CHUNK = 500


def known_items(conn: sa.Connection) -> dict[str, StoredItem]:
    """Every customer invoice and credit note in the store, open or closed, by number."""
    query = sa.select(
        customer_invoices.c.invoice_no,
        customer_invoices.c.customer_no,
        customer_invoices.c.amount,
        customer_invoices.c.status,
    )
    return {r.invoice_no: StoredItem(r.customer_no, r.amount, r.status) for r in conn.execute(query)}


@dataclass(frozen=True)
class ClaimedCosts:
    """What the notices sent for one invoice have claimed beyond the principal."""

    invoice_no: str
    customer_no: str
    fees: Decimal  # all reminder fees claimed (each notice's own fee, summed)
    compensation: Decimal  # standardkompensasjon as the latest notice stated it
    interest: Decimal  # interest as the latest notice stated it
    last_sent: date  # the latest notice's date

    @property
    def total(self) -> Decimal:
        return self.fees + self.compensation + self.interest


def claimed_costs(conn: sa.Connection, invoice_nos: Iterable[str]) -> list[ClaimedCosts]:
    """The invoices among ``invoice_nos`` on which a notice claimed a fee, compensation or
    interest, with those amounts (sorted by invoice number)."""
    numbers = sorted(set(invoice_nos))
    events: dict[str, list] = {}
    for start in range(0, len(numbers), _CHUNK):
        chunk = numbers[start : start + _CHUNK]
        query = (
            sa.select(dunning_events)
            .where(dunning_events.c.invoice_no.in_(chunk))
            .order_by(dunning_events.c.sent_on, dunning_events.c.id)
        )
        for row in conn.execute(query):
            events.setdefault(row.invoice_no, []).append(row)
    out = []
    for no, rows in sorted(events.items()):
        last = rows[-1]  # latest by date (then by insertion)
        costs = ClaimedCosts(
            no,
            last.customer_no,
            sum((r.fee for r in rows), ZERO),
            last.compensation or ZERO,
            last.interest or ZERO,
            last.sent_on,
        )
        if costs.total > 0:
            out.append(costs)
    return out
