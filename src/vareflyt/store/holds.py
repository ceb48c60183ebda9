"""Invoices held back from dunning by the user, from the workbook's Purreliste.

The Purreliste is rewritten on every dunning run, so a tick in its "Ikke purr" column would be
lost with it. ``mark`` keeps the ticks in ``dunning_holds`` (with the comment beside them) and
drops a hold whose row is shown again without the tick; ``load`` gives the holds in force.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import NamedTuple

import sqlalchemy as sa

from .tables.receivables import dunning_holds


class HoldChanges(NamedTuple):
    """What applying the list's ticks changed."""

    held: int  # holds set, or whose comment changed
    released: int  # holds whose tick was taken away


def load(conn: sa.Connection) -> dict[str, str]:
    """Invoice no -> the reason it is held."""
    return {r.invoice_no: r.reason for r in conn.execute(sa.select(dunning_holds))}


def mark(conn: sa.Connection, marks: Mapping[str, tuple[bool, str]], now: datetime) -> HoldChanges:
    """Apply the list's rows: invoice no -> (ticked, comment)."""
    held = load(conn)
    set_, released = 0, 0
    for invoice_no, (ticked, comment) in marks.items():
        if ticked:
            reason = comment or "Ikke purr (Purreliste)"
            if held.get(invoice_no) == reason:
                continue
            if invoice_no in held:
                conn.execute(
                    dunning_holds.update()
                    .where(dunning_holds.c.invoice_no == invoice_no)
                    .values(reason=reason, held_at=now)
                )
            else:
                conn.execute(dunning_holds.insert().values(invoice_no=invoice_no, reason=reason, held_at=now))
            set_ += 1
        elif invoice_no in held:
            conn.execute(dunning_holds.delete().where(dunning_holds.c.invoice_no == invoice_no))
            released += 1
    return HoldChanges(set_, released)
