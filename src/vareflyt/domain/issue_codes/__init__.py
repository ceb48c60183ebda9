"""The registry of issue codes: every code vareflyt reports, with its area, severity and whether
it needs a person.

A code is ``area.reason`` in English, lower case with underscores (``invoice.deviation``,
``camt.too_large``). Each entry says the severity the code is normally raised with, a one-line
English description for ``docs/issue-codes.md``, and ``needs_person``: whether a warning or note
with this code goes on the nightly batch's "needs a person" list. Errors always do (the file,
row or document was refused), so for an error ``needs_person`` only documents that.

The tables are split by area over the ``*_codes`` modules; ``aliases`` maps the codes of older
versions (Norwegian ones such as ``faktura.avvik``) to today's, for what a workspace stored.
A test checks that the source raises no unregistered code and that no registered code is unused.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..issues import Issue, Severity
from . import edi_codes, input_codes, ledger_codes, trade_codes
from .aliases import ALIASES

AREAS: dict[str, str] = {
    **edi_codes.AREAS,
    **trade_codes.AREAS,
    **ledger_codes.AREAS,
    **input_codes.AREAS,
}


@dataclass(frozen=True)
class IssueCode:
    """One registered code."""

    code: str
    severity: Severity
    needs_person: bool
    description: str

    @property
    def area(self) -> str:
        return self.code.split(".", 1)[0]

    @property
    def area_title(self) -> str:
        return AREAS[self.area]


def _build() -> dict[str, IssueCode]:
    found: dict[str, IssueCode] = {}
    for table in (edi_codes.CODES, trade_codes.CODES, ledger_codes.CODES, input_codes.CODES):
        for code, severity, person, description in table:
            if code in found:
                raise ValueError(f"issue code {code} is registered twice")
            found[code] = IssueCode(code, severity, person, description)
    return dict(sorted(found.items()))


REGISTRY: dict[str, IssueCode] = _build()


def current_code(code: str) -> str:
    """Today's code for a code an older version stored (unchanged when it is current)."""
    return ALIASES.get(code, code)


def lookup(code: str) -> IssueCode | None:
    """The registry entry of ``code`` (an old code is looked up under its new name)."""
    return REGISTRY.get(current_code(code))


WORKBOOK_LOCKED = frozenset({"workbook.locked", "price.workbook_locked"})


def is_workbook_locked(code: str) -> bool:
    """True for the codes saying a workbook was left alone because Excel has it open."""
    return code in WORKBOOK_LOCKED


def needs_person(issue: Issue) -> bool:
    """True when a person must act on ``issue``: every error, and warnings and notes whose code
    is registered as needing a person (an unregistered code needs one only as an error)."""
    if issue.severity is Severity.ERROR:
        return True
    entry = lookup(issue.code)
    return entry is not None and entry.needs_person


__all__ = [
    "AREAS",
    "ALIASES",
    "REGISTRY",
    "IssueCode",
    "WORKBOOK_LOCKED",
    "current_code",
    "is_workbook_locked",
    "lookup",
    "needs_person",
]
