"""Column types for the store: Decimal that survives SQLite exactly.

SQLite has no decimal type; SQLAlchemy's ``Numeric`` would round-trip through float there.
``DecimalType`` stores the exact decimal text on SQLite and uses ``NUMERIC(20, 6)`` on
databases that have it (PostgreSQL), so no SQLite-only SQL is needed. What PostgreSQL pads
to six decimals (``1049.330000``) is read back without the padding (``1049.33``), so a shared
store shows people the same numbers as the SQLite file.
"""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator


class DecimalType(TypeDecorator):
    impl = sa.Numeric(20, 6)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(sa.String(40))
        return dialect.type_descriptor(sa.Numeric(20, 6, asdecimal=True))

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
        return [format(v, "f") if v.__class__ is Decimal else (None if v is None else self.process_bind_param(v, dialect))
                for v in values]

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, Decimal):
            return Decimal(str(value))
        return value if dialect.name == "sqlite" else _unpadded(value)


def _unpadded(value: Decimal) -> Decimal:
    """``Decimal("1049.330000")`` -> ``1049.33``, ``Decimal("25.000000")`` -> ``25`` (never an exponent)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
