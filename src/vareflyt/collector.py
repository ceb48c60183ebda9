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
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(*, collect_after: bool = False, freeze_after: bool = False) -> Iterator[None]:
    """``with collector_paused():`` or ``@collector_paused()`` around bulk work (a new pause
    per call, so nested and recursive calls are safe). ``collect_after`` runs one full
    collection when the outermost pause ends, for long work that may leave cycles behind (a
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
                gc.collect()
