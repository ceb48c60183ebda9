"""Number sequences (order numbers, interchange control references), never reused.

``next_value`` increments inside the caller's transaction, so a number is only used when the
document that got it is committed. It is one ``UPDATE … RETURNING`` on the sequence's row, so
on a shared PostgreSQL store two machines asking at once queue on that row lock and each gets
its own number; the row itself is created with ``INSERT … ON CONFLICT DO NOTHING``, so two
first numbers at once cannot collide either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from .tables.core import sequences

# the dialects' own INSERT, which has ON CONFLICT DO NOTHING
_INSERTS: dict[str, Callable[[sa.Table], Any]] = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def _ensure_row(conn: sa.Connection, name: str, before_first: int) -> None:
    insert = _INSERTS.get(conn.dialect.name)
    if insert is None:  # another database: plain insert when the row is missing (no concurrent first use)
        if conn.execute(sa.select(sequences.c.name).where(sequences.c.name == name)).first() is None:
            conn.execute(sequences.insert().values(name=name, value=before_first))
        return
    conn.execute(
        insert(sequences)
        .values(name=name, value=before_first)
        .on_conflict_do_nothing(index_elements=[sequences.c.name])
    )


def next_value(conn: sa.Connection, name: str, start: int = 1) -> int:
    _ensure_row(conn, name, start - 1)
    return conn.execute(
        sequences.update()
        .where(sequences.c.name == name)
        .values(value=sequences.c.value + 1)
        .returning(sequences.c.value)
    ).scalar_one()


def peek(conn: sa.Connection, name: str) -> int | None:
    return conn.execute(sa.select(sequences.c.value).where(sequences.c.name == name)).scalar_one_or_none()
