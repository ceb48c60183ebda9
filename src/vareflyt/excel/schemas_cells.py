"""Converting between Python values and workbook cells, by the column's declared type.

Both adapters of the workbook port use these, so a table reads and writes the same through
openpyxl, the fast xlsx writer and xlwings:

- ``to_cell`` turns what a job writes into a cell value (``str``, ``float``/``int``,
  ``date``/``datetime``, ``bool`` or ``None``). Text is cleaned of characters XML cannot hold.
  A wrong value is a bug in the job, so it raises ``ValueError``.
- ``from_cell`` turns what a user typed into the declared type: text stays text, numbers
  become ``Decimal`` (floats through ``repr``), "1 234,50" is understood, dates may be typed
  as ``dd.mm.yyyy``. A value that cannot be understood is reported, not raised.

A ``number_or_text`` column takes each value as what it is: a number (``Decimal``, int,
float) is a number cell, a ``str`` a text cell (never parsed, so "0123" keeps its zero); read
back, a number cell is a ``Decimal`` and a text cell a ``str``.

The same conversions made once per column for the bulk paths (``converter``, ``reader``,
``keeper``) are in ``column_converters``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from .schemas_base import Column, ColumnType

EXCEL_EPOCH = datetime(1899, 12, 30)
MAX_TEXT = 32767  # Excel's limit for the text of one cell
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TRUE = {"ja", "j", "x", "sann", "true", "yes", "y", "1", "ok"}
_FALSE = {"nei", "n", "usann", "false", "no", "0"}
_DATE_FORMATS = ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
_DATETIME_FORMATS = (
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
)

TYPE_TEXT_NB = {
    ColumnType.TEXT: "tekst",
    ColumnType.DECIMAL: "et tall",
    ColumnType.INT: "et heltall",
    ColumnType.DATE: "en dato",
    ColumnType.DATETIME: "et tidspunkt",
    ColumnType.BOOL: "ja/nei",
    ColumnType.NUMBER_OR_TEXT: "et tall eller tekst",
}


class BadCell(ValueError):
    """A typed value that does not fit the column (reported as an issue by the reader)."""


def clean_text(value: str) -> str:
    """Remove characters an XML 1.0 document cannot contain (control characters, surrogates)
    and cut the text to what one Excel cell holds."""
    return ILLEGAL_XML.sub("", value)[:MAX_TEXT]


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    name = type(value).__name__
    return name in ("NAType", "NaTType") or (name.startswith("float") and value != value)


def to_cell(column: Column, value: Any) -> Any:
    """A job's value -> the value stored in the cell (see module docstring)."""
    if is_missing(value):
        return None
    t = column.type
    if t is ColumnType.NUMBER_OR_TEXT:
        t = ColumnType.TEXT if isinstance(value, str) else ColumnType.DECIMAL
    try:
        if t is ColumnType.TEXT:
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            s = clean_text(value if isinstance(value, str) else str(value))
            return s if s != "" else None
        if isinstance(value, bool) or type(value).__name__ == "bool_":
            if t is ColumnType.BOOL:
                return bool(value)
            raise TypeError
        if t is ColumnType.BOOL:
            if isinstance(value, str):
                return _parse_bool(value)
            return bool(value)
        if t is ColumnType.DECIMAL:
            if isinstance(value, str):
                value = _parse_decimal(value)
            if isinstance(value, int):
                return value
            # the cell holds an IEEE double (Excel has no decimal type): float() is the nearest
            # one, written as its repr, so up to 15 significant digits read back unchanged
            number = float(value)
            return int(number) if number.is_integer() and abs(number) < 2**53 else number
        if t is ColumnType.INT:
            number = _parse_decimal(value) if isinstance(value, str) else value
            if int(number) != number:
                raise ValueError
            return int(number)
        if t is ColumnType.DATE:
            if isinstance(value, datetime):
                return value.date()
            if isinstance(value, date):
                return value
            return _parse_date(str(value), _DATE_FORMATS).date()
        if t is ColumnType.DATETIME:
            if isinstance(value, datetime):
                return value.replace(tzinfo=None) if value.tzinfo else value
            if isinstance(value, date):
                return datetime(value.year, value.month, value.day)
            return _parse_date(str(value), _DATETIME_FORMATS + _DATE_FORMATS)
    except (TypeError, ValueError, InvalidOperation, OverflowError):
        pass
    raise ValueError(f"kolonne {column.key}: kan ikke skrive {value!r} som {t.value}")


def from_cell(column: Column, raw: Any) -> Any:
    """A cell value (from openpyxl, calamine or xlwings) -> the declared type, or BadCell."""
    if raw is None or (isinstance(raw, str) and raw.strip() == "") or is_missing(raw):
        return None
    t = column.type
    if t is ColumnType.NUMBER_OR_TEXT:
        number = isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool)
        t = ColumnType.DECIMAL if number else ColumnType.TEXT
    try:
        if t is ColumnType.TEXT:
            if isinstance(raw, str):
                return raw.strip()
            if isinstance(raw, bool):
                return "SANN" if raw else "USANN"
            if isinstance(raw, float):
                return str(int(raw)) if raw.is_integer() else repr(raw)
            if isinstance(raw, datetime) and raw.time() == datetime.min.time():
                return raw.date().isoformat()
            if isinstance(raw, (date, datetime)):
                return raw.isoformat()
            return str(raw)
        if isinstance(raw, bool) and t is not ColumnType.BOOL:
            raise BadCell
        if t is ColumnType.DECIMAL:
            if isinstance(raw, str):
                return _parse_decimal(raw)
            if isinstance(raw, float):
                return Decimal(int(raw)) if raw.is_integer() else Decimal(repr(raw))
            if isinstance(raw, (int, Decimal)):
                return Decimal(raw)
            raise BadCell
        if t is ColumnType.INT:
            number = _parse_decimal(raw) if isinstance(raw, str) else raw
            if not isinstance(number, (int, float, Decimal)) or int(number) != number:
                raise BadCell
            return int(number)
        if t is ColumnType.DATE or t is ColumnType.DATETIME:
            if isinstance(raw, (int, float)):
                raw = from_serial(raw)
            elif isinstance(raw, str):
                raw = _parse_date(raw.strip(), _DATETIME_FORMATS + _DATE_FORMATS)
            if isinstance(raw, datetime):
                return raw.date() if t is ColumnType.DATE else raw.replace(tzinfo=None)
            if isinstance(raw, date):
                return raw if t is ColumnType.DATE else datetime(raw.year, raw.month, raw.day)
            raise BadCell
        if t is ColumnType.BOOL:
            if isinstance(raw, bool):
                return raw
            if isinstance(raw, (int, float)) and raw in (0, 1):
                return bool(raw)
            if isinstance(raw, str):
                return _parse_bool(raw)
            raise BadCell
    except (ValueError, InvalidOperation, OverflowError, TypeError):
        pass
    raise BadCell(f"«{raw}» er ikke {TYPE_TEXT_NB[t]}")


def to_serial(value: date) -> float | int:
    """A date or datetime -> Excel's 1900 date serial (days since 1899-12-30)."""
    if isinstance(value, datetime):
        delta = value.replace(tzinfo=None) - EXCEL_EPOCH
        return delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6
    return (value - EXCEL_EPOCH.date()).days


def from_serial(serial: float) -> datetime:
    if not 0 < serial < 2958466:
        raise ValueError("date serial out of range")
    return EXCEL_EPOCH + timedelta(seconds=round(float(serial) * 86400))  # a date serial, not money


def _parse_decimal(value: str) -> Decimal:
    s = value.strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if "," in s and "." in s:
        s = s.replace(".", "").replace(",", ".")
    elif "," in s:
        s = s.replace(",", ".")
    number = Decimal(s)
    if not number.is_finite():
        raise ValueError(value)
    return number


def _parse_bool(value: str) -> bool:
    s = value.strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise ValueError(value)


def _parse_date(value: str, formats: tuple[str, ...]) -> datetime:
    for fmt in formats:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise ValueError(value)
