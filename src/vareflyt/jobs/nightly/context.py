"""What one batch run collects while its steps run: what came in, what went out, what needs a
person, which workbooks were open in Excel, per-step timings, and the key figures the workbook
steps computed (``figures``: the morning report draws them rather than computing them again),
and the purchasing workbook's writes the steps queue for the night's one save (``purchasing``).

Steps append plain dicts so the run can be written to JSON (``.vareflyt/batch/``), rendered
as the morning report and shown by ``vareflyt batch status`` without further conversion.
An *attention* item is something a person must do: a rejected or waiting file, a failed step
or partner, a deviation to decide, an order line that could not be ordered, a missing rate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...domain.issue_codes import needs_person
from ...domain.issues import Issue
from ..key_figures import KeptFigures

if TYPE_CHECKING:
    from ...excel.pending import PendingWrites
    from ...workspace import Workspace


@dataclass
class RunContext:
    ws: Workspace
    on: date
    now: datetime
    run_id: str
    log: Any  # RunLog
    came_in: list[dict] = field(default_factory=list)
    went_out: list[dict] = field(default_factory=list)
    attention: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)  # for the record, no action needed
    locked: set[str] = field(default_factory=set)  # workbook file names open in Excel
    steps: list[dict] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # steps that raised
    changed: bool = False  # the store or an output changed
    price_hashes: set[str] | None = None  # price lists imported before (cache)
    seen: set[tuple] = field(default_factory=set)  # attention items already listed
    figures: KeptFigures = field(
        default_factory=KeptFigures
    )  # key figures the steps computed, for the report
    report_path: Path | None = None  # the morning report, once written
    purchasing: PendingWrites | None = None  # the night's queued writes to Innkjop.xlsx (night_writes)

    def rel(self, path: str | Path | None) -> str | None:
        """``path`` relative to the workspace (for links in the report), as given otherwise."""
        if not path:
            return None
        p = Path(path)
        try:
            return p.resolve().relative_to(self.ws.root).as_posix()
        except ValueError:
            return str(path)

    def need(
        self,
        kind: str,
        message: str,
        *,
        file: str | Path | None = None,
        partner: str | None = None,
        step: str | None = None,
        link: str | Path | None = None,
    ) -> None:
        """Record something a person must look at (and write it to the JSON log)."""
        item = {
            "kind": kind,
            "message": message,
            "file": Path(file).name if file else None,
            "partner": partner,
            "step": step,
            "link": self.rel(link or None),
        }
        key = tuple(item.values())
        if key not in self.seen:
            self.seen.add(key)
            self.attention.append(item)
            self.log.event("attention", 30, **{k: v for k, v in item.items() if v})

    def got(
        self,
        kind: str,
        what: str,
        *,
        file: str | Path | None = None,
        partner: str | None = None,
        link: str | Path | None = None,
        status: str = "ok",
    ) -> None:
        self.came_in.append(
            {
                "kind": kind,
                "what": what,
                "file": Path(file).name if file else None,
                "partner": partner,
                "status": status,
                "link": self.rel(link),
            }
        )
        self.changed = True

    def sent(
        self, kind: str, what: str, *, link: str | Path | None = None, partner: str | None = None
    ) -> None:
        self.went_out.append({"kind": kind, "what": what, "partner": partner, "link": self.rel(link)})
        self.changed = True

    def note(self, message: str, step: str | None = None) -> None:
        self.notes.append({"message": message, "step": step})

    def issues_needing_a_person(self, issues: list[Issue], step: str) -> None:
        """Issues a person must act on become attention items: errors, and warnings and notes
        whose code the registry marks ``needs_person`` (``domain/issue_codes``)."""
        for issue in issues:
            if needs_person(issue):
                self.need(issue.code, issue.render(), file=issue.source.file, step=step)

    def to_dict(self) -> dict[str, Any]:
        return {
            "run": self.run_id,
            "date": self.on.isoformat(),
            "started": self.now.isoformat(timespec="seconds"),
            "came_in": self.came_in,
            "went_out": self.went_out,
            "attention": self.attention,
            "notes": self.notes,
            "locked": sorted(self.locked),
            "steps": self.steps,
            "failed": self.failed,
        }
