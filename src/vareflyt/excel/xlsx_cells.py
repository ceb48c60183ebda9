"""Cell XML for the fast table writer (``xlsx_fast``), built a column at a time.

Why hand-written: see ``xlsx_fast`` (no library rewrites one sheet of an existing workbook).
Why a column at a time: the catalogue has 100 000 rows × 24 columns, 2.4 million cells, and
converting, escaping and formatting each cell in Python costs about a microsecond. Most
columns either repeat a few values (supplier, unit, VAT, dates) or hold one plain type
(Decimal prices, plain text), so a column is checked once and turned into XML by C-level
``map``/``str.format`` calls. A column that fits no shortcut goes cell by cell through the
same conversion (``column_converters.converter``) and the same writers, so a value means the
same in the workbook whichever way its column took.

A cell is ``<c r="B5" s="3"`` followed by its *tail*: `` t="inlineStr"><is><t>…</t></is></c>``
for text (an inline string is never a formula), ``><v>…</v></c>`` for numbers and dates (as
serials), `` t="b"><v>1</v></c>`` for booleans, and ``EMPTY`` for an empty cell, which is left
out. A ``number_or_text`` column picks the text or the number tail by each value's type. A whole row is
then one ``%``-format call over its cells.

A cell's reference ``r="B5"`` is written only where a reader needs it: on the first cell of a row
and on a cell after one left out. Any other cell is the column after the cell before it
(ECMA-376 Part 1, §18.3.1.4; Excel, calamine, openpyxl and LibreOffice read it so), which spares
the row number in most cells' format arguments.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from operator import or_
from typing import Any
from xml.sax.saxutils import escape

from .column_converters import converter
from .schemas import TableSchema
from .schemas_base import Column, ColumnType
from .schemas_cells import MAX_TEXT, to_serial
from .xlsx_parts import column_letters

EMPTY = "/>"
CHUNK_ROWS = 10_000
_XESC = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_SPECIAL = re.compile(r"[&<>\r\n]|_x|^\s|\s$").search
_INF = (math.inf, -math.inf)
_TEXT_TAIL = ' t="inlineStr"><is><t>{}</t></is></c>'.format
_FLOAT_TAIL = "><v>{!r}</v></c>".format
_NONE = type(None)


def text_xml(value: str) -> str:
    """``<t>…</t>`` for a cleaned text: escaped, Excel's ``_xHHHH_`` escape escaped, edge
    spaces and line breaks preserved."""
    if _SPECIAL(value) is None:  # most text needs no escaping
        return f"<t>{value}</t>"
    s = escape(value)
    if "_x" in s:  # Excel would decode _x0041_ as "A": escape the escape
        s = _XESC.sub(r"_x005F_\1", s)
    if s[:1].isspace() or s[-1:].isspace() or "\n" in s:
        return f'<t xml:space="preserve">{s}</t>'
    return f"<t>{s}</t>"


def _number(value: Any) -> str:
    if value != value or value in _INF:
        raise ValueError(f"cannot write {value!r} to a cell")
    return f"><v>{value}</v></c>"


def _escaped_text_tail(value: str) -> str:
    return f' t="inlineStr"><is>{text_xml(value)}</is></c>'


def _writer(kind: ColumnType) -> Callable[[Any], str]:
    """A converted, non-empty cell value -> its tail."""
    if kind is ColumnType.TEXT:
        return _escaped_text_tail
    if kind is ColumnType.NUMBER_OR_TEXT:
        return lambda v: _escaped_text_tail(v) if type(v) is str else _number(v)
    if kind is ColumnType.BOOL:
        return lambda v: ' t="b"><v>1</v></c>' if v else ' t="b"><v>0</v></c>'
    if kind in (ColumnType.DATE, ColumnType.DATETIME):
        return lambda v: f"><v>{to_serial(v)}</v></c>"
    return _number


def _one_by_one(column: Column, convert: bool) -> Callable[[Any], str]:
    write = _writer(column.type)
    conv = converter(column) if convert else None

    def tail(value: Any) -> str:
        if conv is not None:
            value = conv(value)
        return EMPTY if value is None else write(value)

    return tail


def _plain_text(values: Sequence[Any]) -> list[str] | None:
    """Tails for a column of plain text (or empty), or None when any value needs more care."""
    if not _is_plain_text(values):
        return None
    if None not in values:
        return list(map(_TEXT_TAIL, values))
    return [EMPTY if v is None else _TEXT_TAIL(v) for v in values]


def _is_plain_text(values: Sequence[Any]) -> bool:
    """True for a column of plain text (or empty) that goes into a cell as it is. The checks run
    once over the joined column: printable (no control or XML-illegal characters, no line
    breaks), nothing to escape, no edge spaces, not too long, not ''."""
    texts = [v for v in values if v is not None]
    if not texts or set(map(type, texts)) != {str}:
        return False
    joined = "|".join(texts)
    return not (
        "" in texts
        or not joined.isprintable()
        or "&" in joined
        or "<" in joined
        or ">" in joined
        or "_x" in joined
        or max(map(len, texts)) > MAX_TEXT
        or list(map(str.strip, texts)) != texts
    )


def _decimals(values: Sequence[Any]) -> list[str] | None:
    """Tails for a column of finite Decimals (or empty): written as the float Excel stores."""
    floats = _finite_floats(values)
    if floats is None:
        return None
    return [EMPTY if v is None else _FLOAT_TAIL(v) for v in floats]


def _finite_floats(values: Sequence[Any]) -> list[float | None] | None:
    """The floats of a column of finite Decimals (or empty), None where a cell is empty; None
    when any value is no Decimal or not finite (the careful path says which)."""
    numbers = [v for v in values if v is not None]
    if not numbers or set(map(type, numbers)) != {Decimal}:
        return None
    try:
        floats = list(map(float, numbers))
    except ValueError:  # a signalling NaN
        return None
    if not math.isfinite(sum(floats)):  # NaN or infinity somewhere
        return None
    if len(numbers) == len(values):
        return floats  # type: ignore[return-value]  # list is invariant; no None here
    it = iter(floats)
    return [None if v is None else next(it) for v in values]


def _repeated(values: Sequence[Any], tail: Callable[[Any], str], text: bool) -> list[str] | None:
    """Tails by lookup when a column holds few distinct values (each converted once). Only for
    one value type (plus empty), so 1, 1.0 and True, or Decimal 1.0 and 1.00 in a text
    column, never share an entry."""
    try:
        if len(set(values[:500])) * 8 > min(len(values), 500):
            return None
        distinct = set(values)
    except TypeError:  # unhashable values
        return None
    kinds = set(map(type, values)) - {_NONE}  # of all values: the set kept only one of 1 and True
    if len(distinct) * 8 > len(values) or len(kinds) > 1 or (text and kinds - {str}):
        return None
    table = {v: tail(v) for v in distinct}
    return list(map(table.__getitem__, values))


def column_tails(column: Column, values: Sequence[Any], convert: bool = True) -> list[str]:
    """The tail of every cell of one column. ``convert`` runs the port's conversion (values as
    jobs give them); without it the values are cell values already (as read from the workbook)."""
    tail = _one_by_one(column, convert)
    fast = None
    if convert and column.type is ColumnType.TEXT:
        fast = _plain_text(values)
    elif convert and column.type is ColumnType.DECIMAL:
        fast = _decimals(values)
    if fast is None:
        fast = _repeated(values, tail, column.type is ColumnType.TEXT)
    return fast if fast is not None else list(map(tail, values))


# How a cell's value goes into its row's %-format (faster than ``str.format`` for 25 fields): as
# it is (plain text), as a float (``%r``, what Excel stores for a Decimal) or as a tail made first.
_AS_TEXT = ' t="inlineStr"><is><t>%s</t></is></c>'
_AS_FLOAT = "><v>%r</v></c>"
_AS_TAIL = "%s"
_LEFT_OUT = "%.0s"  # an argument taken and not written: an empty cell's value, a row number no cell needs


def column_cells(column: Column, values: Sequence[Any], convert: bool = True) -> tuple[str, Sequence[Any]]:
    """(how the column's cells are formatted, the value of each for it): plain text and finite
    Decimals go into the row's format call as they are (no string a cell made first), anything
    else as its ``column_tails`` tail. An empty cell is None (or ``EMPTY``) and left out."""
    if convert and column.type is ColumnType.TEXT and _is_plain_text(values):
        return _AS_TEXT, values
    if convert and column.type is ColumnType.DECIMAL:
        floats = _finite_floats(values)
        if floats is not None:
            return _AS_FLOAT, floats
    return _AS_TAIL, column_tails(column, values, convert)


def heading_row(schema: TableSchema, first_col: int, row: int, style: str) -> str:
    cells = "".join(
        f'<c r="{column_letters(first_col + j)}{row}"{style} t="inlineStr"><is>{text_xml(h)}</is></c>'
        for j, h in enumerate(schema.headings)
    )
    return f'<row r="{row}">{cells}</row>'


def body_rows(
    schema: TableSchema,
    rows: Sequence[Sequence[Any]],
    first_col: int,
    first_row: int,
    xf: Mapping[str, int],
    convert: bool = True,
) -> Iterator[str]:
    """XML of the body rows, ``CHUNK_ROWS`` at a time. ``rows`` are sequences in schema column
    order, each as wide as the schema (``port.rows_as_sequences``). Empty cells are left out:
    rows are formatted by a template per pattern of empty columns (a catalogue has a handful).

    A row's format arguments are its number, then each column's value, with the row number again
    before the first column and before each column that follows a column with an empty cell in
    the chunk: there a cell may need its ``r``. A template takes that number for ``r`` when the
    cell before was left out, and leaves it out otherwise."""
    letters = [column_letters(first_col + j) for j in range(len(schema.columns))]
    styles = [f' s="{xf[c.number_format]}"' for c in schema.columns]
    templates: dict[tuple[str | int, ...], str] = {}

    def template(shapes: Sequence[str], numbered: int, empty: int) -> str:
        """Bit j of ``numbered``: a row number comes before column j's value; of ``empty``:
        column j is empty in the row."""
        key = (*shapes, numbered, empty)
        found = templates.get(key)
        if found is None:
            cells = []
            for j, shape in enumerate(shapes):
                number = _LEFT_OUT if numbered >> j & 1 else ""
                if empty >> j & 1:
                    cells.append(number + _LEFT_OUT)
                elif j == 0 or empty >> (j - 1) & 1:  # first in the row, or after a cell left out
                    cells.append(f'<c r="{letters[j]}%s"{styles[j]}{shape}')
                else:
                    cells.append(f"{number}<c{styles[j]}{shape}")
            found = templates[key] = f'<row r="%s">{"".join(cells)}</row>'
        return found

    for first in range(0, len(rows), CHUNK_ROWS):
        chunk = rows[first : first + CHUNK_ROWS]
        cells = [column_cells(c, values, convert) for c, values in zip(schema.columns, zip(*chunk))]
        shapes = [shape for shape, _ in cells]
        numbers = list(map(str, range(first_row + first, first_row + first + len(chunk))))
        empty: list[int] | None = None
        args: list[Sequence[Any]] = [numbers]
        numbered, gap_before = 0, True  # the first column always gets the row number
        for j, (shape, column) in enumerate(cells):
            if gap_before:
                args.append(numbers)
                numbered |= 1 << j
            args.append(column)
            blank = EMPTY if shape is _AS_TAIL else None
            gap_before = blank in column
            if gap_before:
                bit = 1 << j
                flags = [bit if v is blank else 0 for v in column]
                empty = flags if empty is None else list(map(or_, empty, flags))
        if empty is None:
            yield "".join(map(template(shapes, numbered, 0).__mod__, zip(*args)))
        else:
            forms = {e: template(shapes, numbered, e) for e in set(empty)}
            yield "".join(map(str.__mod__, map(forms.__getitem__, empty), zip(*args)))
