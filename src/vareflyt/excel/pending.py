"""One save per workbook per step: the writes of several jobs to one workbook, queued together.

The nightly tables step refreshes the purchasing tables with their key-figure sheets, and the
catalogue. Saved job by job, each save copies the whole workbook again (and openpyxl loads and
writes its small sheets again). ``pending_writes(path)`` opens the workbook once and gives the
jobs a ``PendingWrites`` to queue on: a ``WorkbookPort`` whose ``save()`` only records that a
job's writes are complete. Leaving the ``with`` block writes everything in one atomic save
(``OpenpyxlWorkbook.save``: the previous version kept, ``WorkbookLocked`` if Excel has the file
open). On an exception nothing is written and the file stays as it was.

Reads see the workbook as it was opened, as on any ``OpenpyxlWorkbook`` before it saves: a job
handed pending writes must not read a table another job of the same step writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .chart_specs import ChartSpec

if TYPE_CHECKING:
    import pandas as pd

    from .openpyxl_adapter import OpenpyxlWorkbook
    from .port import Row


class PendingWrites:
    """The ``WorkbookPort`` the jobs of one step share; the step writes it once at its end."""

    def __init__(self, book: OpenpyxlWorkbook):
        self.book = book
        self.path = book.path
        self.complete = False  # some job called save(): there is something to write

    def read_table(self, table_key: str) -> pd.DataFrame:
        return self.book.read_table(table_key)

    def replace_rows(self, table_key: str, rows: Iterable[Row] | pd.DataFrame) -> int:
        return self.book.replace_rows(table_key, rows)

    def set_values(self, table_key: str, row_index: int, values: Mapping[str, Any]) -> None:
        self.book.set_values(table_key, row_index, values)

    def mark_cell(
        self, table_key: str, row_index: int, column_key: str, colour: str, comment: str | None = None
    ) -> None:
        self.book.mark_cell(table_key, row_index, column_key, colour, comment)

    def add_sheet(self, name: str, rows: Iterable[Sequence[Any]] = ()) -> None:
        self.book.add_sheet(name, rows)

    def add_chart(self, spec: ChartSpec) -> None:
        self.book.add_chart(spec)

    def show_message(self, text: str) -> None:
        self.book.show_message(text)

    def save(self) -> None:
        """A job's writes are complete; they are written with the others when the step ends."""
        self.complete = True

    def close(self) -> None:
        """Nothing: the step that opened the pending writes closes the workbook."""

    def flush(self) -> None:
        """Write every queued change in one save (nothing when no job saved)."""
        if self.complete:
            self.book.save()
            self.complete = False


@contextmanager
def pending_writes(path: str | Path, workbook: str | None = None) -> Iterator[PendingWrites]:
    """``with pending_writes(ws.purchasing_workbook) as book:`` hand ``book`` to each job of
    the step; the workbook is saved once when the block ends without an exception."""
    from .openpyxl_adapter import OpenpyxlWorkbook

    book = OpenpyxlWorkbook(path, workbook)
    try:
        pending = PendingWrites(book)
        yield pending
        pending.flush()
    finally:
        book.close()
