"""Pause Python's cyclic garbage collector around bulk work: the project's one collector pause.

The cyclic collector runs whenever allocations outnumber frees by 700 container objects, and
every older-generation pass walks all live containers. A job that holds 100 000 rows as
tuples, dicts and dataclasses sets off hundreds of passes over millions of objects that can
never be garbage: on the 100 000-row price-list benchmark that was 1.9 s of 7.9 s (see
``bench/README.md``). The rows hold no reference cycles and are freed by reference counting
as always, so the collector is paused while the job runs; what cycles there are (an
exception's traceback, say) are collected by the next automatic pass after it. Nested use is
safe: only the outermost pause turns the collector back on. The EDIFACT lexer uses it too, with
``freeze_after`` (its segments live as long as the result, so they skip the young generations).

``collect_after`` collects the young generations only (``gc.collect(1)``): while the collector
is paused no pass promotes anything, so every object the paused work made and kept is still
young, and a young collection finds every cycle it left behind. A full collection would also
walk the old generation (imported modules, the workspace, what earlier steps kept) and free
nothing more: in the demo's 40 nightly steps the full collections took 8.2 s of CPU and freed
almost nothing, the young ones 1.2 s, with the same peak memory (``bench/README.md``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(*, collect_after: bool = False, freeze_after: bool = False) -> Iterator[None]:
    """``with collector_paused():`` or ``@collector_paused()`` around bulk work (a new pause
    per call, so nested and recursive calls are safe). ``collect_after`` collects the young
    generations when the outermost pause ends, for long work that may leave cycles behind (a
    nightly step writing thousands of letters). ``freeze_after`` moves everything made during
    the pause into the oldest generation without a sweep (``gc.freeze()`` + ``unfreeze()``), so
    the first young-generation pass after it does not walk objects that live on anyway."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if freeze_after:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
            if collect_after:
                gc.collect(1)  # what the pause made is young; the old generation is not walked
