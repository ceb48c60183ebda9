"""One save per workbook for several jobs: their writes queued together and written at once.

Saved job by job, each save copies the whole workbook again (and openpyxl loads and writes its
small sheets again). A ``PendingWrites`` is the ``WorkbookPort`` the jobs of a nightly step, or
of a whole night, share: a job's writes are recorded, and its ``save()`` only says they are
complete. ``flush()`` writes every completed job's changes in one atomic save
(``OpenpyxlWorkbook.save``: the previous version kept, ``WorkbookLocked`` if Excel has the file
open, and then nothing is written and the writes stay queued).

What a job queued but never saved (it failed half-way) is dropped when the next job begins
(``begin``), as a job's own workbook is closed unsaved. One job whose changes cannot be written
(a value no cell can hold, say) must not cost the others theirs: when the joint save fails, each
job's changes are saved on their own, and the ones that still fail are kept in ``failures``
(job label, error) for the caller to report; the workbook is never half-written.

Reads see the workbook as it is on disk. A job reading a table that an earlier job's saved
writes change gets those written first (``flush``), so it reads what they wrote, as it would
have with a save per job.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.issues import WorkbookLocked
from .chart_specs import ChartSpec

if TYPE_CHECKING:
    import pandas as pd

    from .openpyxl_adapter import OpenpyxlWorkbook
    from .port import Row

Call = tuple[str, tuple[Any, ...]]  # a port method's name and its arguments
TABLE_WRITES = {"replace_rows", "set_values", "mark_cell"}  # the calls whose first argument is a table


@dataclass
class SavedJob:
    """The writes of one job that called ``save()``, with the label of the step it ran in."""

    label: str | None
    calls: list[Call] = field(default_factory=list)

    def tables(self) -> set[str]:
        return {args[0] for name, args in self.calls if name in TABLE_WRITES}


class PendingWrites:
    """The ``WorkbookPort`` several jobs share; ``flush()`` writes what they saved, once."""

    def __init__(self, path: str | Path, workbook: str | None = None):
        from .openpyxl_adapter import OpenpyxlWorkbook

        self.book: OpenpyxlWorkbook = OpenpyxlWorkbook(path, workbook)
        self.path = self.book.path
        self.label: str | None = None  # the step whose jobs write now
        self.failures: list[tuple[str | None, Exception]] = []  # jobs whose changes could not be written
        self._draft: list[Call] = []  # the running job's writes, until it saves
        self._saved: list[SavedJob] = []

    @property
    def complete(self) -> bool:
        """Some job saved changes that are not written yet."""
        return bool(self._saved)

    def begin(self, label: str | None) -> None:
        """The next job (or step) writes from here; unsaved writes of the one before are dropped."""
        self._draft = []
        self.label = label

    # --- the port ------------------------------------------------------------------------

    def read_table(self, table_key: str) -> pd.DataFrame:
        if any(table_key in job.tables() for job in self._saved):
            self.flush()
        return self.book.read_table(table_key)

    def replace_rows(self, table_key: str, rows: Iterable[Row] | pd.DataFrame) -> int:
        kept = rows if hasattr(rows, "iterrows") else list(rows)  # a DataFrame as it is, else a copy
        self._draft.append(("replace_rows", (table_key, kept)))
        return len(kept)

    def set_values(self, table_key: str, row_index: int, values: Mapping[str, Any]) -> None:
        self._draft.append(("set_values", (table_key, row_index, dict(values))))

    def mark_cell(
        self, table_key: str, row_index: int, column_key: str, colour: str, comment: str | None = None
    ) -> None:
        self._draft.append(("mark_cell", (table_key, row_index, column_key, colour, comment)))

    def add_sheet(self, name: str, rows: Iterable[Sequence[Any]] = ()) -> None:
        self._draft.append(("add_sheet", (name, [list(r) for r in rows])))

    def add_chart(self, spec: ChartSpec) -> None:
        self._draft.append(("add_chart", (spec,)))

    def show_message(self, text: str) -> None:
        self.book.show_message(text)

    def save(self) -> None:
        """The running job's writes are complete; ``flush()`` writes them with the others."""
        if self._draft:
            self._saved.append(SavedJob(self.label, self._draft))
            self._draft = []

    def close(self) -> None:
        """Nothing: whoever opened the pending writes flushes and closes them."""

    # --- writing -------------------------------------------------------------------------

    def flush(self) -> None:
        """Write every saved job's changes in one save (nothing when no job saved). Raises
        ``WorkbookLocked`` (nothing written, all still queued)."""
        if not self._saved:
            return
        try:
            self._write(self._saved)
            self._saved = []
            return
        except WorkbookLocked:
            raise
        except Exception as exc:  # noqa: BLE001 - find the job it belongs to, write the others
            if len(self._saved) == 1:
                self.failures.append((self._saved.pop().label, exc))
                return
        while self._saved:  # the joint save failed: job by job, so one cannot cost the others
            job = self._saved[0]
            try:
                self._write([job])
            except WorkbookLocked:
                raise
            except Exception as exc:  # noqa: BLE001 - kept for the caller to report
                self.failures.append((job.label, exc))
            self._saved.pop(0)

    def _write(self, jobs: list[SavedJob]) -> None:
        try:
            for job in jobs:
                for name, args in job.calls:
                    getattr(self.book, name)(*args)
            self.book.save()
        except BaseException:
            self.book.close()  # drops the replayed writes; the file is as it was
            raise

    def discard(self) -> None:
        """Forget every queued write and close the workbook (the file stays as it is)."""
        self._draft, self._saved = [], []
        self.book.close()


@contextmanager
def pending_writes(path: str | Path, workbook: str | None = None) -> Iterator[PendingWrites]:
    """``with pending_writes(ws.purchasing_workbook) as book:`` hand ``book`` to each job of
    the step; the workbook is saved once when the block ends without an exception (the first
    job whose changes could not be written is raised then, after the others are written)."""
    pending = PendingWrites(path, workbook)
    try:
        yield pending
        pending.flush()
        if pending.failures:
            raise pending.failures[0][1]
    finally:
        pending.discard()
