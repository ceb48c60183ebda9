"""The workbook port over the workbook open in desktop Excel (an ``xlwings.Book``).

A thin adapter for the ribbon: the same jobs run on it as on ``OpenpyxlWorkbook``. It uses
only xlwings' own objects (``sheet.tables``, ranges, ``note``, ``color``), never ``.api``,
so it works on every xlwings engine. Writes show at once in the open workbook; ``save()``
saves only when the adapter was created with ``autosave=True`` — otherwise the user saves
as usual. Text is written with Excel's quote prefix (``'``), so ``=…``, ``+…``, ``-…``,
``@…`` and digit strings such as GTINs stay text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd

from ..domain.issues import UsageError, VareflytError
from .chart_specs import ChartSpec
from .port import Row, build_frame, colour_hex, rows_to_cells
from .schemas import TableSchema, table_schema, workbook_for_file, workbook_schema
from .schemas_cells import clean_text, to_cell


def _excel_value(value: Any) -> Any:
    if isinstance(value, str):
        return "'" + value  # quote prefix: stored as text, the quote is not part of it
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


class XlwingsWorkbook:
    """``WorkbookPort`` over an open ``xlwings.Book`` (e.g. ``xw.Book.caller()``)."""

    def __init__(self, book: Any, workbook: str | None = None, *, autosave: bool = False):
        found = workbook_schema(workbook) if workbook else workbook_for_file(book.name)
        if found is None:
            raise UsageError(
                f"Kjenner ikke igjen arbeidsboken {book.name}; Vareflyt-knappene "
                f"virker i Innkjop.xlsx og Kundereskontro.xlsx."
            )
        self.book, self.schema, self.autosave = book, found, autosave
        self.messages: list[str] = []

    def _find(self, table_key: str) -> tuple[TableSchema, Any, Any]:
        schema = table_schema(table_key)
        if schema.workbook != self.schema.key:
            raise KeyError(f"table {table_key!r} is not in {self.book.name}")
        for sheet in self.book.sheets:
            for table in sheet.tables:
                if table.name.lower() == schema.table.lower():
                    return schema, sheet, table
        raise VareflytError(
            f"Fant ikke tabellen «{schema.table}» i {self.book.name}. Kopier "
            f"arket «{schema.sheet}» fra malen, eller kjør «vareflyt init» på nytt."
        )

    def _cell(self, table_key: str, row_index: int, column_key: str) -> Any:
        schema, sheet, table = self._find(table_key)
        top = table.range
        header = [str(v or "").strip().lower() for v in table.header_row_range.value]
        col = schema.column(column_key)
        heading = next((h for h in col.known_headings if h in header), None)
        if heading is None:
            raise KeyError(f"column {col.heading!r} not found in table {schema.table}")
        if not 0 <= row_index < top.rows.count - 1:
            raise IndexError(f"table {schema.key} has no row {row_index}")
        return sheet.range((top.row + 1 + row_index, top.column + header.index(heading)))

    def read_table(self, table_key: str) -> pd.DataFrame:
        schema, sheet, table = self._find(table_key)
        header = table.header_row_range.value
        body = table.data_body_range
        rows = body.options(ndim=2).value if body is not None else []
        return build_frame(
            schema,
            header,
            rows,
            file=self.book.name,
            sheet=sheet.name,
            first_row=table.range.row,
            first_col=table.range.column,
        )

    def replace_rows(self, table_key: str, rows: Iterable[Row] | pd.DataFrame) -> int:
        schema, sheet, table = self._find(table_key)
        cells = rows_to_cells(schema, rows)
        r1, c1, width = table.range.row, table.range.column, len(schema.columns)
        old = table.data_body_range
        if old is not None:
            last = old.row + old.rows.count - 1
            for note in list(sheet.notes):
                if old.row <= note.location.row <= last:
                    note.delete()
            old.clear_contents()
            old.color = None
        sheet.range((r1, c1)).value = [schema.headings]
        if cells:
            sheet.range((r1 + 1, c1)).value = [[_excel_value(v) for v in row] for row in cells]
        n = max(len(cells), 1)
        for j, col in enumerate(schema.columns):
            sheet.range((r1 + 1, c1 + j), (r1 + n, c1 + j)).number_format = col.number_format
        table.resize(sheet.range((r1, c1), (r1 + n, c1 + width - 1)))
        return len(cells)

    def set_values(self, table_key: str, row_index: int, values: Mapping[str, Any]) -> None:
        schema = table_schema(table_key)
        for key, value in values.items():
            self._cell(table_key, row_index, key).value = _excel_value(to_cell(schema.column(key), value))

    def mark_cell(
        self, table_key: str, row_index: int, column_key: str, colour: str, comment: str | None = None
    ) -> None:
        cell = self._cell(table_key, row_index, column_key)
        cell.color = "#" + colour_hex(colour)
        if comment:
            text = clean_text(comment)
            if cell.note is not None:
                cell.note.text = text
            else:
                cell.add_note(text)

    def add_sheet(self, name: str, rows: Iterable[Sequence[Any]] = ()) -> None:
        names = [s.name for s in self.book.sheets]
        if name in names:
            sheet = self.book.sheets[name]
            sheet.clear()
        else:
            sheet = self.book.sheets.add(name, after=self.book.sheets[len(names) - 1])
        values = [[_excel_value(clean_text(v) if isinstance(v, str) else v) for v in r] for r in rows]
        if values:
            width = max(len(r) for r in values)
            sheet.range("A1").value = [r + [None] * (width - len(r)) for r in values]

    def add_chart(self, spec: ChartSpec) -> None:
        """Draws nothing and raises nothing, on purpose: charts are left to the file adapter
        (``OpenpyxlWorkbook`` and ``excel.charts``, run by the nightly batch and the CLI).

        Those charts reference cells, so Excel redraws them at once when this adapter writes
        new values into the cells; a chart whose rows grow or shrink gets its new range the
        next time the workbook file is written. Drawing here instead would need xlwings'
        ``sheet.charts.add`` + ``set_source_data``, which take one contiguous block and give
        no title without ``.api``: it cannot leave a total row out or draw a target as a line
        (``ChartSpec``), and replacing the file adapter's charts with poorer copies would lose
        both. Nor can it be tested here (no Excel)."""

    def show_message(self, text: str) -> None:
        self.messages.append(text)
        self.book.app.alert(text, title="Vareflyt")

    def save(self) -> None:
        if self.autosave:
            self.book.save()

    def close(self) -> None:
        """Nothing to release: the workbook stays open in Excel."""
