"""The workbook port over a workbook file: used by the batch, the CLI and the tests.

Reads go through python-calamine (fast; the workbook as it was opened or last saved). Writes
are queued and applied by ``save()`` in one atomic replacement of the file, keeping the
previous version as ``<name>.bak.xlsx``; a workbook open in Excel (``~$`` owner file) is
refused with ``WorkbookLocked``.

How ``save()`` writes: tables marked ``big`` in the schema, or given more than
``fast_threshold`` rows, are written by the fast path (``xlsx_fast``: only their sheet is
regenerated). Everything else (small tables, marks, values, extra sheets) goes through
openpyxl — on a copy where the big tables are first emptied, so openpyxl never loads
100 000 catalogue rows. A big table the save changes is then written by the fast path; one it
leaves alone gets its original rows back as bytes (``kept_tables``), not read and rewritten.
Jobs that change several tables queue them all on one workbook and save once (``pending``).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
from python_calamine import CalamineWorkbook

from ..domain.issues import UsageError, VareflytError
from .chart_specs import ChartSpec
from .kept_tables import keep_tables
from .locks import atomic_write, ensure_writable
from .openpyxl_sheets import finish
from .port import Row, build_frame, cells_as_found, colour_hex, rows_as_sequences, rows_to_cells
from .print_setup import header_title
from .queued_writes import apply_op, goes_fast, plan_save, queued_charts, written_sheets
from .schemas import TableSchema, WorkbookSchema, table_schema, workbook_for_file, workbook_schema
from .schemas_cells import clean_text, to_cell
from .xlsx_fast import rewrite_tables

FAST_THRESHOLD = 5000  # rows above which any table is written by the fast path
_BAD_SHEET_CHARS = set("[]:*?/\\")


class OpenpyxlWorkbook:
    """``WorkbookPort`` over ``path``; ``workbook`` is the schema key, or found by file name."""

    def __init__(
        self,
        path: str | Path,
        workbook: str | None = None,
        *,
        backup: bool = True,
        backup_dir: str | Path | None = None,
        fast_threshold: int = FAST_THRESHOLD,
    ):
        self.path = Path(path)
        if not self.path.is_file():
            raise VareflytError(
                f"Finner ikke arbeidsboken {self.path}. Kjør «vareflyt init» "
                f"for å lage arbeidsbøkene, eller oppgi riktig mappe med --workspace."
            )
        found = workbook_schema(workbook) if workbook else workbook_for_file(self.path.name)
        if found is None:
            raise UsageError(
                f"Kjenner ikke igjen arbeidsboken {self.path.name}; ventet "
                f"Innkjop.xlsx eller Kundereskontro.xlsx."
            )
        self.schema: WorkbookSchema = found
        self.backup, self.backup_dir, self.fast_threshold = backup, backup_dir, fast_threshold
        self.messages: list[str] = []
        self._ops: list[tuple] = []
        self._reader: CalamineWorkbook | None = None

    # --- the port ------------------------------------------------------------------------

    def read_table(self, table_key: str) -> pd.DataFrame:
        schema = self._table(table_key)
        reader = self._open_reader()
        names = {n.lower(): n for n in reader.table_names}
        name = names.get(schema.table.lower())
        if name is None:  # an older workbook without this table reads as empty
            return build_frame(
                schema, schema.headings, [], file=self.path.name, sheet=schema.sheet, first_row=1, first_col=1
            )
        table = reader.get_table_by_name(name)
        return build_frame(
            schema,
            table.columns,
            table.to_python(),
            file=self.path.name,
            sheet=table.sheet,
            first_row=table.start[0],
            first_col=table.start[1] + 1,
        )

    def replace_rows(self, table_key: str, rows: Iterable[Row] | pd.DataFrame) -> int:
        """Queue the table's new rows. Rows of a table the fast path will write are converted
        while it writes them (so a value that cannot be written raises at ``save``); other
        tables' rows are converted now."""
        schema = self._table(table_key)
        body = rows_as_sequences(schema, rows)
        converted = not goes_fast(schema, len(body), self.fast_threshold)
        self._ops.append(
            ("replace", table_key, rows_to_cells(schema, body) if converted else body, converted)
        )
        return len(body)

    def set_values(self, table_key: str, row_index: int, values: Mapping[str, Any]) -> None:
        schema = self._table(table_key)
        cells = {k: to_cell(schema.column(k), v) for k, v in values.items()}
        self._ops.append(("set", table_key, int(row_index), cells))

    def mark_cell(
        self, table_key: str, row_index: int, column_key: str, colour: str, comment: str | None = None
    ) -> None:
        self._table(table_key).column(column_key)
        text = clean_text(comment) if comment else None
        self._ops.append(("mark", table_key, int(row_index), column_key, colour_hex(colour), text))

    def add_sheet(self, name: str, rows: Iterable[Sequence[Any]] = ()) -> None:
        if not name or len(name) > 31 or _BAD_SHEET_CHARS & set(name):
            raise ValueError(f"invalid sheet name {name!r}")
        if name.lower() in {t.sheet.lower() for t in self.schema.tables}:
            raise ValueError(f"sheet {name!r} belongs to a table")
        self._ops.append(("sheet", name, [list(r) for r in rows]))

    def add_chart(self, spec: ChartSpec) -> None:
        """Queue a native chart (``excel.charts``) for ``spec.sheet``; the charts queued for a
        sheet replace the ones it had when the workbook is saved."""
        self._ops.append(("chart", spec.sheet, spec))

    def show_message(self, text: str) -> None:
        self.messages.append(text)

    def save(self) -> None:
        if not self._ops:
            return
        ensure_writable(self.path)
        fast, stub, other, untouched = plan_save(
            self.path, self._ops, self.schema.tables, self.fast_threshold
        )
        today = date.today()
        self._close_reader()  # Windows cannot replace a file that is still open
        with (
            atomic_write(self.path, backup=self.backup, backup_dir=self.backup_dir) as tmp,
            tempfile.TemporaryDirectory(prefix="vareflyt-") as work,
        ):
            src, kept = self.path, {}
            if other:
                if stub:
                    src = Path(work) / "stub.xlsx"
                    rewrite_tables(self.path, src, {k: [] for k in stub}, as_found=stub)
                book = openpyxl.load_workbook(src)
                for op in other:
                    apply_op(book, op)
                finish(
                    book,
                    self.schema,
                    title=header_title(self.path),
                    day=today,
                    written=written_sheets(self._ops, fast),
                    charts=queued_charts(self._ops),
                )
                src = Path(work) / "saved.xlsx"
                book.save(src)
                book.close()
                kept = keep_tables(self.path, src, untouched)
                fast.update({k: self._cells_as_found(table_schema(k)) for k in untouched if k not in kept})
                self._close_reader()
            if fast or kept:
                rewrite_tables(src, tmp, fast, as_found=untouched, kept=kept, day=today)
            else:
                shutil.copyfile(src, tmp)
        self._ops.clear()
        self._close_reader()

    def close(self) -> None:
        self._ops.clear()
        self._close_reader()

    def __enter__(self) -> OpenpyxlWorkbook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the schema of a table -----------------------------------------------------------

    def _table(self, table_key: str) -> TableSchema:
        schema = table_schema(table_key)
        if schema.workbook != self.schema.key:
            raise KeyError(
                f"table {table_key!r} is in the {schema.workbook} workbook, not in {self.path.name}"
            )
        return schema

    # --- reading -------------------------------------------------------------------------

    def _cells_as_found(self, schema: TableSchema) -> list[list[Any]]:
        """The table's current cells, to write back unchanged by the fast path."""
        reader = self._open_reader()
        names = {n.lower(): n for n in reader.table_names}
        table = reader.get_table_by_name(names[schema.table.lower()])
        return cells_as_found(schema, table.columns, table.to_python())

    def _open_reader(self) -> CalamineWorkbook:
        if self._reader is None:
            self._reader = CalamineWorkbook.from_path(str(self.path), load_tables=True)
        return self._reader

    def _close_reader(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
