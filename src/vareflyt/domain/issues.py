"""Issues are values with a place: what went wrong in an input, where, and how bad.

Every job returns its issues instead of raising them. `Source` says where in the input the
problem is (file and sheet/row/column for spreadsheets, message/segment/tag for EDIFACT);
`Issue.render()` gives the one-line Norwegian text the CLI prints, e.g.
``prisliste.xlsx:Ark1!D14: GTIN har feil kontrollsiffer``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"  # the row/segment/document was rejected
    WARNING = "warning"  # imported, but a person should look at it
    INFO = "info"  # for the record (e.g. "file already imported")


def column_letter(index: int) -> str:
    """1-based column index -> spreadsheet letters (1 -> A, 27 -> AA)."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True)
class Source:
    """Where an issue is. All fields optional; rows and columns are 1-based as in Excel."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: int | None = None
    field: str | None = None  # logical field name, e.g. "gtin"
    message: int | None = None  # EDIFACT message number within the interchange (1-based)
    segment: int | None = None  # EDIFACT segment number within the message (1-based)
    tag: str | None = None  # EDIFACT segment tag
    line: int | None = None  # document line number (order/invoice line)

    def render(self) -> str:
        parts = self.file or ""
        if self.sheet is not None or self.row is not None:
            cell = ""
            if self.column is not None:
                cell += column_letter(self.column)
            if self.row is not None:
                cell += str(self.row)
            if self.row is None:  # a whole sheet: "Ark1" (or its column "Ark1!C")
                where = f"{self.sheet}!{cell}" if cell else str(self.sheet)
            elif self.column is None:  # a whole row: "Ark1 rad 6" reads better than "Ark1!6"
                where = f"{self.sheet} rad {self.row}" if self.sheet else f"rad {self.row}"
            else:
                where = f"{self.sheet}!{cell}" if self.sheet else cell
            parts = f"{parts}:{where}" if parts else where
        if self.message is not None or self.segment is not None:
            seg = []
            if self.message is not None:
                seg.append(f"melding {self.message}")
            if self.segment is not None:
                seg.append(f"segment {self.segment}")
            if self.tag:
                seg.append(self.tag)
            parts = f"{parts}:{' '.join(seg)}" if parts else " ".join(seg)
        if self.line is not None:
            parts = f"{parts}:linje {self.line}" if parts else f"linje {self.line}"
        return parts

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class Issue:
    code: str
    severity: Severity
    message: str
    source: Source = field(default_factory=Source)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def render(self) -> str:
        where = self.source.render()
        return f"{where}: {self.message}" if where else self.message

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "source": self.source.to_dict(),
        }


def error(code: str, message: str, source: Source | None = None) -> Issue:
    return Issue(code, Severity.ERROR, message, source or Source())


def warning(code: str, message: str, source: Source | None = None) -> Issue:
    return Issue(code, Severity.WARNING, message, source or Source())


def info(code: str, message: str, source: Source | None = None) -> Issue:
    return Issue(code, Severity.INFO, message, source or Source())


@dataclass
class JobResult:
    """What every job returns; the CLI's ``--json`` prints ``to_dict()``.

    ``ok`` is False when the input was rejected as a whole (exit code 1); findings such as
    rejected rows or invoice deviations are results, reported as issues, with ok True.
    ``extra`` holds the command-specific fields of the JSON contract (e.g. ``orders``).
    """

    ok: bool = True
    counts: dict[str, int] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    summary: str = ""

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "ok": self.ok,
            "counts": dict(self.counts),
            "issues": [i.to_dict() for i in self.issues],
            "outputs": [str(p) for p in self.outputs],
        }
        out.update(self.extra)
        return out


class VareflytError(Exception):
    """Cannot continue at all; the message (Norwegian) names the fix. Exit code 1."""

    exit_code = 1

    def __init__(self, message: str, issues: list[Issue] | None = None):
        super().__init__(message)
        self.issues = issues or []


class UsageError(VareflytError):
    """Wrong call or configuration: exit code 2."""

    exit_code = 2


class WorkbookLocked(VareflytError):
    """A workbook is open in Excel and was not overwritten: exit code 3."""

    exit_code = 3
