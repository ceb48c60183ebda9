"""One column's cell conversions, made once and called for every cell of a table.

``schemas_cells.to_cell`` and ``from_cell`` decide what a value means by the column's type; the
bulk paths (the fast xlsx writer, reading a table into a frame, copying a table as it is) call
them for millions of cells. These functions take the column once and return a function of the
value that handles the values calamine and the jobs usually give by a shortcut, and hands
anything unusual to ``to_cell``/``from_cell``, so both paths give the same cells:

- ``converter(column)``: a job's value -> the cell value (``to_cell``).
- ``reader(column)``: a cell value -> the declared type (``from_cell``; ``BadCell`` when not).
- ``keeper(column)``: a value read from a cell -> the same cell value, to write a table back
  unchanged.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .schemas_base import Column, ColumnType
from .schemas_cells import ILLEGAL_XML, MAX_TEXT, from_cell, to_cell


def converter(column: Column):
    """``to_cell`` for one column, with shortcuts for the common value types (the fast path
    converts millions of cells); anything unusual goes through ``to_cell``."""
    slow = lambda v: to_cell(column, v)  # noqa: E731
    t = column.type
    if t is ColumnType.TEXT:
        search = ILLEGAL_XML.search

        def text(v):
            if type(v) is str and v and len(v) <= MAX_TEXT and search(v) is None:
                return v
            return None if v is None else slow(v)

        return text
    if t is ColumnType.DECIMAL:

        def number(v):
            kind = type(v)
            if kind is Decimal and v.is_finite():
                f = float(v)  # what the cell stores (see to_cell)
                return int(f) if f.is_integer() and abs(f) < 2**53 else f
            if kind is int or (kind is float and v == v and not v.is_integer()):
                return v
            return None if v is None else slow(v)

        return number
    if t is ColumnType.DATE:
        return lambda v: v if type(v) is date else (None if v is None else slow(v))
    return lambda v: None if v is None else slow(v)


def reader(column: Column):
    """``from_cell`` for one column, with shortcuts for the values calamine usually gives."""
    slow = lambda v: from_cell(column, v)  # noqa: E731
    t = column.type
    if t is ColumnType.TEXT:

        def text(v):
            if type(v) is str:
                return v.strip() or None
            return None if v is None else slow(v)

        return text
    if t is ColumnType.DECIMAL:

        def number(v):
            if type(v) is float and v == v:
                return Decimal(int(v)) if v.is_integer() else Decimal(repr(v))
            return None if v is None or v == "" else slow(v)

        return number
    if t is ColumnType.DATE:
        return lambda v: v if type(v) is date else (None if v is None or v == "" else slow(v))
    return lambda v: None if v is None or v == "" else slow(v)


_AS_STORED = {
    ColumnType.TEXT: (str,),
    ColumnType.DECIMAL: (float, int),
    ColumnType.INT: (float, int),
    ColumnType.DATE: (date,),
    ColumnType.DATETIME: (date,),
    ColumnType.BOOL: (bool,),
    ColumnType.NUMBER_OR_TEXT: (str, float, int),
}


def keeper(column: Column):
    """A value read from a cell -> the same cell value to write back (copying a table as it
    is); values of another type go through ``from_cell``/``to_cell``, bad ones become empty."""
    ok = _AS_STORED[column.type]
    numeric = column.type in (ColumnType.DECIMAL, ColumnType.INT)

    def keep(v):
        if v is None or v == "":
            return None
        if isinstance(v, ok) and not (numeric and isinstance(v, bool)):
            return v
        try:
            return to_cell(column, from_cell(column, v))
        except ValueError:
            return None

    return keep
