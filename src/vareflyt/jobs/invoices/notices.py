"""Deviation notices to suppliers: every owed notice not written yet, from the stored findings.

Whether a notice is owed is decided with the invoice's status, in the same transaction
(``run._save`` and ``store.invoice_results.owe``). ``write_owed`` runs after that commit — in the
same run, or in the next one when a run was killed in between — and for each supplier and
date with owed notices:

1. claims a file name in the store: ``letters/<date owed>/fakturaavvik-<GLN>`` (the GLN through
   ``safe_paths.name_part``), ``-2``, ``-3`` … when that name is taken on that date by an
   earlier notice or a file already there, so no notice is ever overwritten by another;
2. renders the notice (HTML and PDF, Norwegian; ``letters.supplier_pdf``: the supplier by name
   with its stored address in the envelope window, the shop's ``logo.png`` when there is one)
   from the invoices' stored headers and findings, and writes each file atomically (temporary file, then
   rename; ``inside`` keeps it in its folder);
3. records the notices as written.

A run killed after 1 or 2 leaves the claim: the next run writes the same files again under
the same name, so the notice exists exactly once; a written notice is never written again.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ...domain.issues import JobResult
from ...domain.wording import figure_text
from ...files import write_bytes
from ...letters.logo import Logo, workspace_logo
from ...rules.invoice_control import LABELS
from ...safe_paths import inside, name_part
from ...store import invoice_reading, invoice_results
from ...store.invoice_rows import NoticeRow
from ..suppliers import Suppliers, name_with_gln
from .table_rows import CHECK_NAMES

if TYPE_CHECKING:
    from ...workspace import Workspace

TEMPLATE = "deviation_notice.html.j2"


def write_owed(ws: Workspace, result: JobResult, now: datetime) -> list[str]:
    """Write every owed notice not written yet; returns the files written."""
    with ws.store.connect() as conn:
        owed = invoice_results.pending(conn)
    if not owed:
        return []
    groups = _claim(ws, owed)
    suppliers = Suppliers(ws)
    logo = workspace_logo(ws.root, result.issues)
    written: list[str] = []
    for file, notices in sorted(groups.items()):
        html, pdf = _write(ws, Path(file), notices, suppliers, logo)
        with ws.store.transaction() as conn:
            invoice_results.mark_written(conn, [n.id for n in notices], now)
        written += [str(html), str(pdf)]
    result.outputs.extend(written)
    result.counts["notices"] = len(groups)
    return written


def _claim(ws: Workspace, owed: list[NoticeRow]) -> dict[str, list[NoticeRow]]:
    """File (workspace-relative, no suffix) -> its notices; unclaimed ones get a free name first."""
    groups: dict[str, list[NoticeRow]] = {}
    fresh: dict[tuple[date, str], list[NoticeRow]] = {}
    for n in owed:
        if n.file:
            groups.setdefault(n.file, []).append(n)
        else:
            fresh.setdefault((n.owed_on, n.supplier_gln), []).append(n)
    if not fresh:
        return groups
    with ws.store.transaction() as conn:
        for (owed_on, gln), notices in sorted(fresh.items()):
            folder = ws.letters / owed_on.isoformat()
            taken = invoice_results.files_on(conn, owed_on)
            stem = f"fakturaavvik-{name_part(gln, fallback='leverandor')}"
            candidate, number = stem, 1
            while _relative(ws, folder, candidate) in taken or inside(folder, f"{candidate}.html").exists():
                number += 1
                candidate = f"{stem}-{number}"
            file = _relative(ws, folder, candidate)
            invoice_results.claim(conn, [x.id for x in notices], file)
            groups[file] = notices
    return groups


def _relative(ws: Workspace, folder: Path, stem: str) -> str:
    return ws.relative(inside(folder, stem))


def _write(
    ws: Workspace, file: Path, notices: list[NoticeRow], suppliers: Suppliers, logo: Logo | None
) -> tuple[Path, Path]:
    """Render one supplier's notice from the store and write its HTML and PDF."""
    from ...letters.supplier_pdf import deviation_notice
    from ...store.parties import party_by_gln

    ids = {n.invoice_id for n in notices}
    owed_on, gln = notices[0].owed_on, notices[0].supplier_gln
    with ws.store.connect() as conn:
        rows = invoice_reading.headers_of(conn, ids)
        found = invoice_results.findings_of(conn, ids)
        lines = invoice_reading.line_refs(conn, ids)
        party = party_by_gln(conn, gln)
    company = ws.config.company
    invoices = []
    for r in rows:
        items = [
            {
                **f._asdict(),
                "check_name": CHECK_NAMES.get(f.check, ""),
                "expected": figure_text(f.expected),
                "actual": figure_text(f.actual),
                "article": lines[(r.id, f.line_no)].article_no
                if f.line_no is not None and (r.id, f.line_no) in lines
                else None,
            }
            for f in found.get(r.id, [])
        ]
        invoices.append({"row": r, "status": LABELS.get(r.status, r.status), "findings": items})
    known = suppliers.name(gln)
    name = known if known and known != gln else (rows[0].supplier_name or gln)
    html, pdf = deviation_notice(
        company,
        supplier_gln=gln,
        supplier_name=name,
        invoices=invoices,
        today=owed_on,
        title=f"Fakturaavvik – {name_with_gln(gln, name)}",
        supplier=party,
        logo=logo,
    )
    folder = ws.letters / owed_on.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    target = inside(folder, f"{file.name}.html")
    return write_bytes(target, html.encode("utf-8")), write_bytes(target.with_suffix(".pdf"), pdf)
