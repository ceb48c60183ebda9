"""When one document cannot be handled: the issue that says so, so the others go on.

A job that works document by document (``edi read`` per message and per file, invoice control
per invoice, the imports per file) catches what a single document makes the code raise beyond
the project's own error types — a 30-digit quantity that ``decimal`` cannot quantize, XML
nested too deep, a text field over the ``csv`` module's size limit, bytes in no known
encoding — and turns it into an error ``Issue`` at that document's place; the next document
goes on. ``reason(exc)`` says in Norwegian what in the input causes such a failure, and
``failure(...)`` builds the issue. The traceback goes to the Python log (logger
``vareflyt.jobs``, level INFO, silent unless a front end configures logging: never on the
user's screen) for whoever looks for a bug behind it; an exception that is no input error is
named as an unexpected error in vareflyt, never hidden as the partner's fault.

>>> from decimal import Decimal, InvalidOperation
>>> try:
...     Decimal("123456789012345678901234567890").quantize(Decimal("0.01"))
... except InvalidOperation as exc:
...     print(reason(exc))
den har et tall (mengde, pris eller beløp) som er for stort eller ugyldig til å regnes med
"""

from __future__ import annotations

import csv
import functools
import logging
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.issues import Issue, Source, VareflytError, error

if TYPE_CHECKING:
    from ..workspace import Workspace

__all__ = ["failure", "reason", "refuse_input_errors", "INPUT_ERRORS"]

LOG = logging.getLogger("vareflyt.jobs")
LOG.addHandler(logging.NullHandler())

# What a single bad input can make a library raise (as opposed to a bug in vareflyt).
INPUT_ERRORS: tuple[type[BaseException], ...] = (
    ArithmeticError,
    RecursionError,
    MemoryError,
    UnicodeError,
    csv.Error,
    zipfile.BadZipFile,
    OverflowError,
)


def reason(exc: BaseException) -> str:
    """What in the input makes ``exc`` happen, in Norwegian (lower case, no full stop)."""
    if isinstance(exc, ArithmeticError):  # decimal.InvalidOperation, Overflow, DivisionByZero …
        return "den har et tall (mengde, pris eller beløp) som er for stort eller ugyldig til å regnes med"
    if isinstance(exc, RecursionError):
        return "den er nøstet for dypt (for mange nivåer inne i hverandre) til å kunne leses"
    if isinstance(exc, MemoryError):
        return "den er for stor til å kunne leses"
    if isinstance(exc, UnicodeError):
        return "den har tegn som ikke kan leses i tegnsettet den oppgir"
    if isinstance(exc, csv.Error):
        return f"en tekstcelle er for lang eller feilformet ({exc})"
    if isinstance(exc, zipfile.BadZipFile):
        return f"den er et skadet zip-arkiv ({exc})"
    return f"uventet feil i vareflyt ({type(exc).__name__}: {exc})"


def failure(
    code: str, what: str, exc: BaseException, source: Source, *, then: str = "", verb: str = "leses"
) -> Issue:
    """The error issue for ``what`` (e.g. «Faktura F-1 fra Trelast AS») that failed with ``exc``;
    ``then`` says what happens now (e.g. «De andre fakturaene er kontrollert.»)."""
    LOG.info("%s: %s", what, type(exc).__name__, exc_info=exc)
    text = f"{what} kan ikke {verb}: {reason(exc)}."
    if not isinstance(exc, INPUT_ERRORS):
        text += " Meld feilen til den som drifter vareflyt."
    return error(code, f"{text} {then}".strip(), source)


def refuse_input_errors(job):
    """For an import job ``job(ws, path, ...)``: what a single file makes a library raise
    (``INPUT_ERRORS``) refuses that file with a ``VareflytError`` naming it and the reason, as
    every other input error does (exit 1 on the command line; quarantined by the batch)."""

    @functools.wraps(job)
    def guarded(ws: Workspace, *args, **kwargs):
        try:
            return job(ws, *args, **kwargs)
        except INPUT_ERRORS as exc:
            name = Path(args[0] if args else kwargs.get("path", "")).name
            issue = failure(
                "import.unreadable",
                f"Fila {name}",
                exc,
                Source(file=name),
                then="Ingenting er importert fra den.",
            )
            raise VareflytError(issue.message, [issue]) from None

    return guarded
