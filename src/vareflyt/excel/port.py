"""The workbook port: the one interface jobs use to read and write the shop's workbook tables.

Two adapters implement it: ``OpenpyxlWorkbook`` (a file; the batch and the tests) and
``XlwingsWorkbook`` (the workbook open in desktop Excel; the ribbon). Jobs use only this
protocol — never ``.api``, never openpyxl/xlwings objects — and never read back what they
wrote in the same call (the file adapter reads the workbook as it was opened).

Tables and columns are named by schema key (``vareflyt.excel.schemas``). ``read_table``
returns a DataFrame with the schema's columns in schema order (a column is found by its
heading, an earlier heading the schema keeps as an alias, or its key):

========  ===================================  ==================================
type      dtype                                values
========  ===================================  ==================================
text      object                               ``str`` (leading zeros kept) / None
decimal   object                               ``decimal.Decimal`` / None
int       ``Int64``                            int / ``pd.NA``
date      object                               ``datetime.date`` / None
datetime  object                               ``datetime.datetime`` / None
bool      ``boolean``                          bool / ``pd.NA``
number    object                               ``Decimal`` from a number cell, ``str``
or text                                        from a text cell / None
========  ===================================  ==================================

The index is the row's position in the table body (0 = first row under the heading); blank
rows are left out, so the index may have gaps. That index is the ``row_index`` of
``mark_cell`` and ``set_values``, and ``row_source(df, row_index, column)`` gives the
``Source`` (file, sheet, Excel row and column) for an issue about that cell. Values that do
not fit their column's type are read as missing and reported in ``df.attrs["issues"]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

import pandas as pd

from ..domain.issues import Issue, Source, warning
from .chart_specs import ChartSpec
from .column_converters import converter, keeper, reader
from .schemas_base import ColumnType, TableSchema
from .schemas_cells import BadCell

# Fill colours for marked cells (Excel's own "bad", "neutral" and "good" cell styles).
MARK_ERROR = "FFC7CE"
MARK_WARNING = "FFEB9C"
MARK_OK = "C6EFCE"
_NAMED_COLOURS = {
    "error": MARK_ERROR,
    "feil": MARK_ERROR,
    "red": MARK_ERROR,
    "rød": MARK_ERROR,
    "warning": MARK_WARNING,
    "advarsel": MARK_WARNING,
    "yellow": MARK_WARNING,
    "gul": MARK_WARNING,
    "ok": MARK_OK,
    "green": MARK_OK,
    "grønn": MARK_OK,
}

Row = Mapping[str, Any] | Sequence[Any]


@runtime_checkable
class WorkbookPort(Protocol):
    """What jobs may do with a workbook. Writes take effect on ``save()`` (file adapter) or
    at once (Excel adapter); a job must not rely on reading them back before that."""

    def read_table(self, table_key: str) -> pd.DataFrame:
        """The table's rows as a DataFrame (see the module docstring for types and index)."""

    def replace_rows(self, table_key: str, rows: Iterable[Row] | pd.DataFrame) -> int:
        """Replace all rows of the table; rows are mappings by column key (missing keys are
        empty) or sequences in schema order. The table grows or shrinks; marks on the old
        rows are removed. Returns the number of rows written."""

    def set_values(self, table_key: str, row_index: int, values: Mapping[str, Any]) -> None:
        """Write some columns of one existing row (e.g. status written back to order entry)."""

    def mark_cell(
        self, table_key: str, row_index: int, column_key: str, colour: str, comment: str | None = None
    ) -> None:
        """Fill one cell (``MARK_ERROR``/``"error"``, ``"warning"``, ``"ok"`` or ``RRGGBB``)
        and attach a comment (a note) with the text."""

    def add_sheet(self, name: str, rows: Iterable[Sequence[Any]] = ()) -> None:
        """Add (or replace) a plain sheet, e.g. a report; values are written as given,
        text never becomes a formula."""

    def add_chart(self, spec: ChartSpec) -> None:
        """Put a native chart on ``spec.sheet`` (``chart_specs.ChartSpec``: which cells, which
        bars). The file adapter draws it when it saves, replacing the sheet's earlier charts;
        the Excel adapter leaves the charts the workbook already has (see its docstring)."""

    def show_message(self, text: str) -> None:
        """Tell the user something (a dialog in Excel, collected in ``messages`` for files)."""

    def save(self) -> None:
        """Make the writes permanent (atomically, keeping the previous version)."""

    def close(self) -> None:
        """Release the workbook without saving pending writes."""


def colour_hex(colour: str) -> str:
    """``"error"``/``"#ffc7ce"``/``"FFC7CE"`` -> ``"FFC7CE"``; ValueError for anything else."""
    named = _NAMED_COLOURS.get(colour.strip().lower())
    if named:
        return named
    value = colour.strip().lstrip("#").upper()
    if len(value) == 8:
        value = value[2:]
    if len(value) != 6 or any(c not in "0123456789ABCDEF" for c in value):
        raise ValueError(f"unknown colour {colour!r}")
    return value


def rows_as_sequences(schema: TableSchema, rows: Iterable[Row] | pd.DataFrame) -> list[Sequence[Any]]:
    """Rows as jobs give them -> sequences in schema column order, each as wide as the schema
    (values not yet converted). Raises ValueError for unknown columns or too many values."""
    if isinstance(rows, pd.DataFrame):
        rows = rows.to_dict("records")
    keys = schema.keys
    known = set(keys)
    width = len(keys)
    if isinstance(rows, list) and set(map(type, rows)) <= {tuple} and set(map(len, rows)) <= {width}:
        return list(rows)  # the usual fast input (a catalogue's 100 000 rows): tuples in order
    out: list[Sequence[Any]] = []
    for n, row in enumerate(rows):
        if isinstance(row, Mapping):
            if not row.keys() <= known:
                unknown = [k for k in row if k not in known]
                raise ValueError(f"table {schema.key} row {n}: unknown columns {unknown}")
            get = row.get
            out.append([get(k) for k in keys])
        elif len(row) == width and isinstance(row, (tuple, list)):
            out.append(row)  # the usual fast input: already in order
        else:
            values = list(row)
            if len(values) > width:
                raise ValueError(f"table {schema.key} row {n}: {len(values)} values for {width} columns")
            out.append(values + [None] * (width - len(values)))
    return out


def rows_to_cells(schema: TableSchema, rows: Iterable[Row] | pd.DataFrame) -> list[list[Any]]:
    """Rows as jobs give them -> cell values in schema column order (``to_cell`` per column)."""
    convert = [converter(c) for c in schema.columns]
    return [[conv(v) for conv, v in zip(convert, row)] for row in rows_as_sequences(schema, rows)]


_DTYPES = {ColumnType.INT: "Int64", ColumnType.BOOL: "boolean"}


def build_frame(
    schema: TableSchema,
    header: Sequence[Any],
    body: Iterable[Sequence[Any]],
    *,
    file: str | None,
    sheet: str,
    first_row: int,
    first_col: int,
) -> pd.DataFrame:
    """Raw table cells -> the typed DataFrame of ``read_table``.

    ``header`` is the table's heading row as found (columns are matched by Norwegian heading,
    or by key, ignoring case, so users may reorder them); ``first_row``/``first_col`` are the
    1-based sheet row and column of the heading's first cell. Declared columns missing from
    the workbook read as empty.
    """
    position = _positions(schema, header)
    index, kept = _non_blank(body)
    data: dict[str, list[Any]] = {}
    issues: list[Issue] = []
    for col in schema.columns:
        j = position.get(col.key)
        if j is None:
            data[col.key] = [None] * len(kept)
            continue
        values = [raw[j] if j < len(raw) else None for raw in kept]
        convert = reader(col)
        try:
            data[col.key] = [convert(v) for v in values]
        except BadCell:  # rare: go cell by cell and report where
            data[col.key] = []
            for i, value in zip(index, values):
                try:
                    data[col.key].append(convert(value))
                except BadCell as exc:
                    data[col.key].append(None)
                    where = Source(
                        file=file, sheet=sheet, row=first_row + 1 + i, column=first_col + j, field=col.key
                    )
                    issues.append(warning("excel.bad_value", f"{col.heading}: {exc}", where))
    issues.sort(key=lambda i: (i.source.row, i.source.column))
    frame = pd.DataFrame(
        {c.key: pd.Series(data[c.key], dtype=_DTYPES.get(c.type, object)) for c in schema.columns},
        columns=schema.keys,
    )
    frame.index = pd.Index(index, dtype="int64", name="row")
    frame.attrs["table"] = schema.key
    frame.attrs["issues"] = issues
    frame.attrs["origin"] = {
        "file": file,
        "sheet": sheet,
        "first_row": first_row,
        "columns": {k: first_col + j for k, j in position.items()},
    }
    return frame


def _positions(schema: TableSchema, header: Sequence[Any]) -> dict[str, int]:
    """Column key -> 0-based position in the table, matched by heading (or an earlier heading,
    or key), any case."""
    wanted = {h: c for c in schema.columns for h in c.known_headings}
    wanted.update({c.key.lower(): c for c in schema.columns})
    position: dict[str, int] = {}
    for j, cell in enumerate(header):
        col = wanted.get(str(cell).strip().lower()) if cell is not None else None
        if col is not None and col.key not in position:
            position[col.key] = j
    return position


def _non_blank(body: Iterable[Sequence[Any]]) -> tuple[list[int], list[Sequence[Any]]]:
    """Body rows with a value, and their positions (blank rows are skipped, not renumbered)."""
    index, kept = [], []
    for i, raw in enumerate(body):
        row = list(raw)
        if row.count(None) + row.count("") < len(row) and any(
            v is not None and not (isinstance(v, str) and not v.strip()) for v in row
        ):
            index.append(i)
            kept.append(row)
    return index, kept


def cells_as_found(
    schema: TableSchema, header: Sequence[Any], body: Iterable[Sequence[Any]]
) -> list[list[Any]]:
    """A table's cells as read (by heading) -> cell rows in schema order, to write back as is."""
    position = _positions(schema, header)
    keep = [(keeper(c), position.get(c.key)) for c in schema.columns]
    _, kept = _non_blank(body)
    return [[None if j is None or j >= len(raw) else k(raw[j]) for k, j in keep] for raw in kept]


def row_source(frame: pd.DataFrame, row_index: int, column_key: str | None = None) -> Source:
    """Where a row (and column) of a frame from ``read_table`` is in the workbook."""
    origin = frame.attrs.get("origin") or {}
    column = (origin.get("columns") or {}).get(column_key) if column_key else None
    first_row = origin.get("first_row")
    return Source(
        file=origin.get("file"),
        sheet=origin.get("sheet"),
        row=None if first_row is None else first_row + 1 + int(row_index),
        column=column,
        field=column_key,
    )
