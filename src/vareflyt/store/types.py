"""Column types for the store: Decimal that survives SQLite exactly.

SQLite has no decimal type; SQLAlchemy's ``Numeric`` would round-trip through float there.
``DecimalType`` stores the exact decimal text on SQLite and uses ``NUMERIC`` without a fixed
scale on databases that have it (PostgreSQL), so no SQLite-only SQL is needed and both give
back exactly what was written (``3964.00`` stays ``3964.00``; migration 0015 took the old
``NUMERIC(20, 6)`` padding away).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator


def inserted_id(result: sa.CursorResult[Any]) -> int:
    """The primary key of the one row an INSERT wrote (SQLAlchemy types it as optional: it is
    None only for a statement that is not a single-row INSERT)."""
    key = result.inserted_primary_key
    assert key is not None, "not a single-row INSERT"
    return int(key[0])


class DecimalType(TypeDecorator):
    impl = sa.Numeric(20, 6)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(sa.String(40))
        return dialect.type_descriptor(sa.Numeric(asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, Decimal):
            value = Decimal(str(value))
        if dialect.name == "sqlite":
            return format(value, "f")
        return value

    def bind_column(self, values, dialect) -> list:
        """Bind values for a whole column (the bulk insert's path): on SQLite a Decimal becomes
        its exact text in one ``format`` call instead of three Python-level calls per value."""
        if dialect.name != "sqlite":
            return [None if v is None else self.process_bind_param(v, dialect) for v in values]
        return [
            format(v, "f")
            if v.__class__ is Decimal
            else (None if v is None else self.process_bind_param(v, dialect))
            for v in values
        ]

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value if isinstance(value, Decimal) else Decimal(str(value))
