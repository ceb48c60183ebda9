"""Parsing one column of a supplier table's raw cells into typed values, per field kind.

``excel.tabular.parse_table`` chooses each field's parser (``values.PARSERS``; a percent column
read as fractions or not by ``fraction_column``; numbers held within bounds by
``bounded_parser``) and hands the column to ``parse_column``. They live apart from the reading
of the sheet because they are the hot loop of every import (a 100 000-row price list is a
million cells): fast paths for the common cells, and each other distinct raw value parsed once.

A number of ``MAX_DIGITS`` or more digits before the decimal point (a 30-digit amount, ``1E+300``
in a float cell) is a problem at its cell, not a value: no quantity, price or amount is that
large, and the money rules could not round it. A cell that shows an Excel error or holds a
formula never calculated (``unread_cells.UnreadCell``) is a problem at its cell in every kind. A
code column whose every text is a whole number with ``.0`` (a CSV written from a float column)
loses the ``.0`` (``plain_codes``). Slashed dates are read month first when the table's date
columns prove it (``month_first``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from .unread_cells import UnreadCell
from .values import float_to_decimal, parse_decimal

MAX_DIGITS = 15  # digits before the decimal point (Excel keeps 15 in all)
_LIMIT = Decimal(10) ** MAX_DIGITS
_FLOAT_LIMIT = float(10**MAX_DIGITS)  # compared with float cells as read; exact (10**15 < 2**53)
NUMBER_KINDS = ("decimal", "percent", "int")
_FLOAT_TEXT = re.compile(r"\d+\.0+")
_SLASHED = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")


def fraction_column(raw: list) -> bool:
    """True when every number in a percent column (without '%') is within [-1, 1]: cells hold fractions."""
    seen = False
    for v in raw:
        if isinstance(v, str) and "%" in v:
            continue
        d, _ = parse_decimal(v) if not isinstance(v, bool) else (None, None)
        if d is None:
            continue
        if abs(d) > 1:
            return False
        seen = seen or d != 0
    return seen


def plain_codes(raw: list) -> list:
    """A code column, with ``12345678.0`` written ``12345678`` when every text in it is a whole
    number with ``.0``: a program wrote a float column into the CSV (pandas does, for a column
    with gaps). The whole column decides, as one article number may well end in ``.0``."""
    first = next((v for v in raw if v.__class__ is str and v), "")
    if not first.endswith(".0"):  # the usual column, decided by its first text
        return raw
    if not all(_FLOAT_TEXT.fullmatch(v.strip()) for v in raw if v.__class__ is str and v):
        return raw
    return [v.strip().split(".")[0] if v.__class__ is str and v else v for v in raw]


def month_first(columns: list[list]) -> bool:
    """True when the slashed dates of a table's date columns are month first, as an English-locale
    system writes them (``02/13/2026``): some second part is over 12 and no first part is. Then
    ``02/01/2026`` in the same file is 1 February too. Decided over every date column at once, as
    a list's one valid-from date rarely shows it alone."""
    later = False
    for value in {v for column in columns for v in set(column) if v.__class__ is str and "/" in v}:
        m = _SLASHED.match(value)
        if m and int(m[1]) > 12:
            return False
        later = later or bool(m and int(m[2]) > 12)
    return later


def month_first_parser(parse):
    """``parse`` for a column of month-first dates: the first two parts change places."""

    def swapped(raw):
        m = _SLASHED.match(raw) if raw.__class__ is str else None
        return parse(f"{m[2]}/{m[1]}/{m[3]}{raw[m.end() :]}" if m else raw)

    return swapped


def bounded_parser(parse):
    """``parse``, with a number of ``MAX_DIGITS`` digits or more before the point a problem."""

    def bounded(raw):
        value, problem = parse(raw)
        if value is not None and not -_LIMIT < value < _LIMIT:
            shown = str(raw).strip() if isinstance(raw, str) else repr(raw)
            shown = shown if len(shown) <= 40 else shown[:37] + "..."
            return None, f"«{shown}» er urimelig stort (mer enn {MAX_DIGITS} siffer foran komma)"
        return value, problem

    return bounded


def parse_column(raw: list, kind: str, parse) -> tuple[list, dict[int, str]]:
    """Parse one column. Fast paths for the common cases (a float in a decimal column, plain
    text in a text column, digits in a GTIN column); everything else is parsed once per
    distinct raw value (text is keyed by itself: a str never equals a number)."""
    float_fast = kind == "decimal"
    text_fast = kind in ("text", "code")
    digits_fast = kind == "gtin"
    cache: dict = {}
    out: list = []
    append = out.append
    bad: dict[int, str] = {}
    for i, v in enumerate(raw):
        c = v.__class__
        if c is float and float_fast and -_FLOAT_LIMIT < v < _FLOAT_LIMIT:  # also False for NaN
            append(float_to_decimal(v))
            continue
        if c is str:
            if text_fast:
                t = v.strip()
                append(t or None)
                continue
            if digits_fast and v.isdigit():
                append(v)
                continue
            key = v
        elif c is UnreadCell:  # an Excel error or a formula never calculated: no value
            append(None)
            bad[i] = v.problem
            continue
        else:
            key = (c, v)
        hit = cache.get(key)
        if hit is None:
            hit = cache[key] = parse(v)
        append(hit[0])
        if hit[1] is not None:
            bad[i] = hit[1]
    return out, bad
