"""Number sequences (order numbers, interchange control references), never reused.

``next_value`` increments inside the caller's transaction, so a number is only used when the
document that got it is committed.
"""

from __future__ import annotations

import sqlalchemy as sa

from .tables.core import sequences


def next_value(conn: sa.Connection, name: str, start: int = 1) -> int:
    updated = conn.execute(
        sequences.update().where(sequences.c.name == name).values(value=sequences.c.value + 1)
    )
    if updated.rowcount == 0:
        conn.execute(sequences.insert().values(name=name, value=start))
        return start
    return conn.execute(sa.select(sequences.c.value).where(sequences.c.name == name)).scalar_one()


def peek(conn: sa.Connection, name: str) -> int | None:
    return conn.execute(sa.select(sequences.c.value).where(sequences.c.name == name)).scalar_one_or_none()
