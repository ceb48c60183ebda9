"""The night's one save of the purchasing workbook's tables: every step's writes queued together.

A night changes Innkjop.xlsx in four steps: order entry's status (``orders``), the invoice
tables and supplier scores (``reconcile``), the purchasing tables, key figures and catalogue
(``tables``), and the ``Morgenrapport`` sheet (``report``). Saved step by step, each save copied
the whole workbook again. Now ``orders``, ``reconcile`` and ``tables`` queue their writes on one
``excel.pending.PendingWrites`` (``RunContext.purchasing``) and the tables step writes them all
in one save. The report's sheet stays a save of its own after it, so the backup the save keeps
(``Innkjop.bak.xlsx``) is, as before, the workbook with the night's tables and the previous
report (and the demo's dump stays the same); saving the sheet with the tables too measured
18.1 s of CPU against 18.8 s for the whole demo, within its noise (``bench/README.md``).
The report step and the end of the night flush again (nothing, normally), so what the steps
queued is written also when the tables step is skipped or failed.

What the user sees when something goes wrong:

* a step that fails: the jobs that saved (its own before the failure and the other steps') are
  written; what the failing job queued is dropped (``begin``), as a job's own workbook is closed
  unsaved;
* Excel has the workbook open at the save: nothing is written (the previous file stands, never
  half-written), the run says the workbook was open (exit code 3) and the next run writes the
  tables again from the store; orders already made are not made again (order entry rows are
  known by their keys in the store) and show as ordered once the workbook is written;
* one job's changes cannot be written: the others are written, and that job's step is reported
  as failed (so the next run does not stop early as "nothing new").

When Excel has the workbook open as the night starts, or it does not exist, nothing is shared:
each job opens the workbook itself and says so, as when run from the command line.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ...excel.pending import PendingWrites
from .context import RunContext
from .steps import guard


@contextmanager
def night_writes(ctx: RunContext) -> Iterator[None]:
    """Share one ``PendingWrites`` for the purchasing workbook over the block; flush at its end."""
    path = ctx.ws.purchasing_workbook
    if not path.is_file() or path.name in ctx.locked:
        yield
        return
    ctx.purchasing = PendingWrites(path)
    try:
        yield
    finally:
        try:
            flush_night(ctx, "tables")
        finally:
            ctx.purchasing.discard()
            ctx.purchasing = None


@contextmanager
def step_writes(ctx: RunContext, step: str) -> Iterator[None]:
    """The writes the step's jobs save carry the step's name; what a job of it queued without
    saving is dropped when the step ends (also when it failed)."""
    pending = ctx.purchasing
    if pending is None:
        yield
        return
    pending.begin(step)
    try:
        yield
    finally:
        pending.begin(None)


def flush_night(ctx: RunContext, step: str) -> None:
    """Write what the steps queued, in one save; a workbook open in Excel is reported under
    ``step``, a job's changes that could not be written under the job's step."""
    pending = ctx.purchasing
    if pending is None:
        return
    with guard(ctx, step):
        pending.flush()
    failures, pending.failures = pending.failures, []
    for label, exc in failures:
        name = label or step
        with guard(ctx, name):
            raise exc
        if name not in ctx.failed:  # not complete: the next run writes the tables again
            ctx.failed.append(name)
        for entry in ctx.steps:
            if entry["step"] == name:
                entry["ok"] = False
