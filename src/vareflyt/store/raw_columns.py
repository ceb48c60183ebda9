"""Raw driver values -> Python values, a whole column at a time (no SQLAlchemy needed).

What the store's column types give back, for code that reads the DB-API cursor itself:
``DecimalType`` is SQLite's exact text (or PostgreSQL's Decimal), ``Date`` ISO text (or a
``date``), ``Boolean`` 0/1 (or a bool). One call per column instead of one per value.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any


def decimal_column(values: Sequence[Any]) -> list[Decimal | None]:
    """Exact Decimals from SQLite's text (or PostgreSQL's Decimals); one ``map`` when no NULLs."""
    if None not in values:
        return list(map(Decimal, values))
    return [None if v is None else Decimal(v) for v in values]


def date_column(values: Sequence[Any]) -> list[date | None]:
    return [v if v is None or v.__class__ is date else date.fromisoformat(str(v)[:10]) for v in values]


def flag_column(values: Sequence[Any]) -> list[bool | None]:
    return [None if v is None else bool(v) for v in values]


__all__ = ["date_column", "decimal_column", "flag_column"]
