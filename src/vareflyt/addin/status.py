"""Progress in Excel's status bar, for jobs started from the ribbon.

``StatusBarProgress(app)`` implements the jobs' ``Progress`` protocol
(``vareflyt.jobs.progress``) with xlwings' public ``app.status_bar`` (no ``.api``): a task
shows ``Vareflyt: <what> …`` and, when its total is known, ``12 av 40 (30 %)``. Updates are
throttled (one write per ``interval`` seconds, plus the last) because every write is a call
into Excel. ``clear()`` gives the status bar back to Excel (``False``), also after an error.
The workbook port has no status-bar method, so this lives here, on the app object.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class _Task:
    def __init__(self, bar: StatusBarProgress, description: str, total: int | None):
        self.bar, self.description, self.total, self.done = bar, description, total, 0
        self._last = 0.0

    def text(self) -> str:
        if self.total:
            pct = min(100, round(100 * self.done / self.total))
            return f"Vareflyt: {self.description} – {self.done} av {self.total} ({pct} %)"
        return f"Vareflyt: {self.description} …" + (f" ({self.done})" if self.done else "")

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = self.bar.clock()
        if now - self._last >= self.bar.interval or (self.total and self.done >= self.total):
            self._last = now
            self.bar.write(self.text())


class StatusBarProgress:
    """``Progress`` for the jobs, shown in the status bar of ``app`` (an ``xlwings.App``)."""

    def __init__(self, app: Any, *, interval: float = 0.3, clock: Callable[[], float] = time.monotonic):
        self.app, self.interval, self.clock = app, interval, clock
        self._stack: list[_Task] = []

    def write(self, text: str | bool) -> None:
        try:
            self.app.status_bar = text
        except Exception:  # noqa: BLE001 - the status bar is a nicety; never stop a job for it
            pass

    @contextmanager
    def task(self, description: str, total: int | None = None) -> Iterator[_Task]:
        task = _Task(self, description, total)
        self._stack.append(task)
        self.write(task.text())
        try:
            yield task
        finally:
            self._stack.pop()
            if self._stack:
                self.write(self._stack[-1].text())

    def clear(self) -> None:
        self._stack.clear()
        self.write(False)
