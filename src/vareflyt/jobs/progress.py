"""Progress reporting that jobs use without knowing who shows it.

The CLI shows rich progress bars (on stderr, so ``--json`` output stays clean), the add-in
shows Excel's status bar, tests and the batch use ``NullProgress``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Task(Protocol):
    def advance(self, n: int = 1) -> None: ...


class Progress(Protocol):
    def task(self, description: str, total: int | None = None): ...  # context manager -> Task


class NullTask:
    """A progress task that shows nothing (the CLI's quiet mode and jobs run without a display)."""

    def advance(self, n: int = 1) -> None:
        pass


class NullProgress:
    @contextmanager
    def task(self, description: str, total: int | None = None) -> Iterator[NullTask]:
        yield NullTask()


NULL_PROGRESS = NullProgress()
