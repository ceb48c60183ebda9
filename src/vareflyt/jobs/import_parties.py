"""Importing a party spreadsheet: ``import_parties(ws, path) -> JobResult``.

Steps: archive the file by content hash; skip it if the log says this content was imported
already; read and map the table (``excel.tabular.read_table(path, "parties")``); validate
every row (``rules.party_rows.parse_row``); plan new/changed/unchanged/deactivated and reject GLNs
or party numbers that belong to another party (``rules.parties.plan_import``); write the plan
and the processing-log row in one transaction; then refresh the parties table of the
purchasing workbook. A file that cannot be read at all raises ``VareflytError`` (exit 1) and
leaves the parties untouched; it is quarantined and the rejection logged.

Counts: ``rows_read`` = ``imported`` + ``rejected``; ``imported`` = ``new`` + ``changed`` +
``unchanged`` + ``deactivated``; ``expired`` = imported rows marked inactive in the file
(newly deactivated, already inactive, or new and inactive).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..collector import collector_paused
from ..domain.issues import Issue, JobResult, Source, VareflytError, WorkbookLocked, error, info, warning
from ..domain.parties import FIELD_LABELS, PARTY_FIELDS
from ..domain.wording import plural
from ..excel.tabular import read_table
from ..excel.unread_cells import UnreadCell
from ..rules.parties import plan_import
from ..rules.party_rows import KEYS, parse_row
from ..store import log
from ..store.parties import apply_plan, last_status, load_parties, party_by_gln, party_changed_at
from .archive import archive_input, quarantine
from .poison import refuse_input_errors
from .progress import NULL_PROGRESS

if TYPE_CHECKING:
    from ..workspace import Workspace

JOB = "parties.import"
WORKBOOK_JOB = "parties.workbook"
COUNT_NAMES = ("rows_read", "imported", "rejected", "new", "changed", "unchanged", "expired", "deactivated")


def _read(path: Path):
    """The mapped party table, or VareflytError naming the fix."""
    table = read_table(path, "parties")
    missing = [f for f in ("name",) if f not in table.columns]
    if not any(f in table.columns for f in ("party_no", "gln", "orgnr")):
        missing.append("party_no")
    if missing:
        wanted = {
            "name": "navn (Navn, Firmanavn, Name)",
            "party_no": "partnernr, GLN eller organisasjonsnummer (minst én av dem)",
        }
        raise VareflytError(
            f"{path.name} mangler kolonne for {' og '.join(wanted[m] for m in missing)}, "
            f"så partene kan ikke kjennes igjen. Gi kolonnene kjente overskrifter og prøv igjen."
        )
    if not table.row_numbers:
        raise VareflytError(
            f"{path.name} har overskrifter, men ingen parter under dem. Fyll inn partene og prøv igjen."
        )
    return table


def _readable(values: dict, at) -> tuple[dict, list[Issue]]:
    """The row's cells without those showing an Excel error or holding a formula never calculated
    (``excel.unread_cells``), with an issue for each: in a key column (name, GLN, org.nr.,
    partner no.) it refuses the row, a detail is left out (a stored value is kept)."""
    readable, issues = {}, []
    for key, value in values.items():
        if value.__class__ is UnreadCell:
            label = FIELD_LABELS.get(key, key)
            make = error if key in KEYS else warning
            issues.append(
                make("party.unreadable", f"{label[:1].upper()}{label[1:]}: {value.problem}", at(key))
            )
        else:
            readable[key] = value
    return readable, issues


def _header_notes(table) -> list[Issue]:
    notes = []
    for issue in table.issues:
        if issue.code == "header.missing":
            continue  # handled by _read
        if issue.code == "header.unmapped":
            headings = ", ".join(f"«{h}»" for h in table.unmapped)
            notes.append(info(issue.code, f"Kolonner som ikke ble brukt: {headings}.", issue.source))
        else:
            notes.append(issue)
    return notes


@refuse_input_errors
@collector_paused()
def import_parties(ws: Workspace, path, progress=NULL_PROGRESS, *, now: datetime | None = None) -> JobResult:
    path = Path(path)
    archived = archive_input(ws, path)
    with ws.store.connect() as conn:
        done = log.already_done(conn, JOB, archived.sha256)
    if done:
        result = JobResult(
            counts=dict.fromkeys(COUNT_NAMES, 0),
            summary=f"{path.name} er allerede importert ({done.at:%d.%m.%Y %H:%M}); ingenting endret.",
        )
        result.add(info("import.already_done", result.summary, Source(file=path.name)))
        if _workbook_pending(ws):
            refresh_workbook(ws, result)
        return result
    try:
        table = _read(path)
    except VareflytError as exc:
        quarantine(ws, path, str(exc), exc.issues)
        with ws.store.transaction() as conn:
            log.record(
                conn,
                job=JOB,
                status="rejected",
                file_name=path.name,
                file_hash=archived.sha256,
                message=str(exc),
            )
        raise

    result = JobResult()
    result.extend(_header_notes(table))
    by_row: dict[int, list[Issue]] = {}  # every row-level issue, reported in row order
    rejected: set[int] = set()
    parsed_rows = []
    with progress.task(f"Kontrollerer {path.name}", total=len(table)) as task:
        for raw in table.rows:
            where = partial(table.source, raw.row)
            values, unread = _readable(raw.values, where)
            parsed = parse_row(raw.row, values, where)
            if unread:
                parsed = replace(parsed, issues=(*unread, *parsed.issues))
            parsed_rows.append(parsed)
            if not parsed.ok:
                rejected.add(raw.row)
            by_row.setdefault(raw.row, []).extend(parsed.issues)
            task.advance()

    at = now or datetime.now()
    with ws.store.transaction() as conn:
        plan = plan_import(parsed_rows, load_parties(conn), lambda r, f: table.source(r, f))
        for row, issues in plan.rejected.items():
            rejected.add(row)
            by_row.setdefault(row, []).extend(issues)
        kinds = [a.kind for a in plan.actions]
        counts = {
            "rows_read": len(table),
            "imported": len(plan.actions),
            "rejected": len(rejected),
            "new": kinds.count("new"),
            "changed": kinds.count("changed"),
            "unchanged": kinds.count("unchanged"),
            "expired": sum(1 for a in plan.actions if not a.party.active),
            "deactivated": kinds.count("deactivated"),
        }
        assert counts["rows_read"] == counts["imported"] + counts["rejected"]
        apply_plan(conn, plan.actions, at=at, file_hash=archived.sha256)
        status = "ok" if plan.actions else "rejected"
        log.record(
            conn,
            job=JOB,
            status=status,
            file_name=path.name,
            file_hash=archived.sha256,
            doc_type="parties",
            counts=counts,
            at=at,
        )

    changes = []
    for action in plan.actions:
        if action.changes and action.kind != "new":
            text = "; ".join(c.render() for c in action.changes)
            by_row.setdefault(action.row, []).append(
                info(
                    f"party.{action.kind}", f"{action.party.label}: {text}", table.source(action.row, "name")
                )
            )
        if action.kind != "unchanged":
            changes.append(
                {
                    "row": action.row,
                    "kind": action.kind,
                    "party": action.party.label,
                    "gln": action.party.gln,
                    "party_no": action.party.party_no,
                    "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in action.changes],
                }
            )
    for row in sorted(by_row):
        result.extend(sorted(by_row[row], key=lambda i: i.source.column or 0))
    result.counts = counts
    result.extra["changes"] = changes
    result.ok = bool(plan.actions)
    if not plan.actions:
        result.add(
            error(
                "import.nothing",
                f"Ingen rader i {path.name} kunne importeres; rett feilene og prøv igjen.",
                Source(file=path.name, sheet=table.sheet),
            )
        )
        quarantine(ws, path, result.issues[-1].message, result.issues)
    result.summary = (
        f"{path.name}: {plural(counts['rows_read'], 'rad', 'rader')} lest, "
        f"{counts['imported']} importert "
        f"({counts['new']} nye, {counts['changed']} endret, {counts['deactivated']} deaktivert), "
        f"{counts['rejected']} avvist."
    )
    if any(k != "unchanged" for k in kinds) or _workbook_pending(ws):
        refresh_workbook(ws, result)
    return result


def _workbook_pending(ws: Workspace) -> bool:
    """True when an earlier refresh of the workbook table was skipped (workbook open in Excel)."""
    with ws.store.connect() as conn:
        return last_status(conn, WORKBOOK_JOB) == "pending"


def refresh_workbook(ws: Workspace, result: JobResult) -> None:
    """Rewrite the parties table of ``Innkjop.xlsx`` from the store (the only workbook call).

    A workbook open in Excel (``WorkbookLocked``) is not touched: the store import stands, a
    warning says so, and the table is refreshed by the next party import.
    """
    path = ws.purchasing_workbook
    if not path.exists():
        result.add(
            warning(
                "workbook.missing",
                f"Fant ikke {path.name}; partstabellen ble ikke oppdatert.",
                Source(file=path.name),
            )
        )
        return
    from ..excel.openpyxl_adapter import OpenpyxlWorkbook

    with ws.store.connect() as conn:
        rows = workbook_rows(load_parties(conn), party_changed_at(conn))
    status = "ok"
    try:
        with OpenpyxlWorkbook(path) as book:
            book.replace_rows("parties", rows)
            book.save()
        result.outputs.append(str(path))
    except WorkbookLocked:
        status = "pending"
        result.add(
            warning(
                "workbook.locked",
                f"{path.name} er åpen i Excel, så tabellen Parter ble ikke oppdatert. "
                "Partene er lagret; tabellen oppdateres neste gang du importerer parter.",
                Source(file=path.name, sheet="Parter"),
            )
        )
    with ws.store.transaction() as conn:
        log.record(conn, job=WORKBOOK_JOB, status=status, file_name=path.name, direction="out")


def workbook_rows(parties, changed_at) -> list[dict]:
    """Store parties -> rows of the workbook's parties table, sorted by name."""
    rows = []
    for p in sorted(parties, key=lambda p: (p.name.casefold(), p.id or 0)):
        row = {k: v for k, v in p.as_row().items() if k in PARTY_FIELDS}
        row["changed"] = changed_at.get(p.id)
        rows.append(row)
    return rows


def partner_trades_edi(ws: Workspace, gln: str) -> bool:
    """Whether to send EDI to a partner: ``edi`` in ``[partners."GLN"]`` of vareflyt.toml if
    set there, else the EDI flag imported with the party (False once it is deactivated), else
    False (unknown partner)."""
    settings = ws.config.partners.get(gln)
    if settings is not None and settings.edi is not None:
        return settings.edi
    with ws.store.connect() as conn:
        party = party_by_gln(conn, gln)
    return bool(party and party.edi and party.active)
