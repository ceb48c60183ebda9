"""The morning report: what came in, what went out, what needs a person, with links.

Written by the last step of a run for the run date, from every run of that date (a run
finished after an interrupted one adds to the same report):

* ``<report_folder>/morgenrapport-<date>.html`` (``letters.render`` with the template
  ``templates/morning_report.nb.html.j2``; links are relative to the report, so the folder can
  be opened from a network share), and ``morgenrapport.html``, a copy of the newest; it shows
  the key figures as pictures, inline SVG without scripts or links (``report_pictures``);
* the sheet ``Morgenrapport`` in the purchasing workbook (through the workbook port), unless
  Excel has the workbook open: then the report says so and the sheet waits for the next run.
  The night's steps write the workbook once (``night_writes``); the sheet is a save of its
  own after that, made before the HTML so that a workbook open in Excel shows in it.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ...domain.issues import WorkbookLocked
from ...files import write_text
from .context import RunContext
from .night_writes import flush_night
from .report_pictures import report_pictures
from .steps import guard

if TYPE_CHECKING:
    from ...workspace import Workspace

SHEET = "Morgenrapport"
MAX_SHEET_ROWS = 3000
KIND_LABELS = {
    "prices": "Prisliste",
    "parties": "Partnerliste",
    "receivables": "Åpne poster",
    "payments": "Innbetalinger",
    "ORDRSP": "Ordresvar",
    "DESADV": "Pakkseddel",
    "INVOIC": "Faktura",
    "EHF": "EHF-faktura",
    "ordre": "Bestilling",
    "reminder": "Betalingspåminnelse",
    "dunning": "Purring",
    "inkassovarsel": "Inkassovarsel",
    "collection": "Inkasso",
    "mottak": "Mottak",
    "fakturakontroll": "Fakturakontroll",
}


def _day_runs(ctx: RunContext) -> list[dict]:
    path = ctx.ws.private / "batch" / f"run-{ctx.on.isoformat()}.json"
    try:
        earlier = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
    except ValueError:
        earlier = []
    return earlier + [ctx.to_dict()]


def _link(ws: Workspace, folder: Path, rel: str | None) -> str | None:
    if not rel:
        return None
    target = ws.root / rel
    return Path(os.path.relpath(target, folder)).as_posix()


def build(ctx: RunContext) -> dict:
    """The report's content for the run date (all of the date's runs, this one last)."""
    runs = _day_runs(ctx)
    came_in = [c for r in runs for c in r["came_in"]]
    went_out = [w for r in runs for w in r["went_out"]]
    return {
        "date": ctx.on,
        "now": ctx.now,
        "generated": datetime.now(),
        "runs": runs,
        "came_in": came_in,
        "went_out": went_out,
        "attention": ctx.attention,
        "locked": sorted(ctx.locked),
        "notes": ctx.notes,
        "steps": ctx.steps,
        "failed": ctx.failed,
        "workspace": str(ctx.ws.root),
    }


PREFIX_LABELS = (
    ("order_response.", "Ordresvar"),
    ("packing_slip.", "Pakkseddel"),
    ("order.", "Bestilling"),
    ("dunning.", "Purring"),
    ("file.", "Fil i inbox"),
    ("edi.", "EDI"),
    ("partner.", "Leverandør"),
    ("vareflyt.", "Feil i vareflyt"),
    ("payments.", "Innbetaling"),
    ("inbox.", "Innboks"),
    ("invoice.", "Fakturakontroll"),
    ("inkasso", "Inkasso"),
    ("reconcile.", "Fakturakontroll"),
    ("orders.", "Bestilling"),
    ("tables.", "Arbeidsbok"),
    ("report.", "Rapport"),
    ("sending.", "Sending"),
)


def _label(kind: str) -> str:
    if kind in KIND_LABELS:
        return KIND_LABELS[kind]
    return next((label for prefix, label in PREFIX_LABELS if kind.startswith(prefix)), kind)


def render_html(ctx: RunContext, content: dict, folder: Path, pictures: list | None = None) -> str:
    from ...letters.render import render

    ws = ctx.ws

    def rows(items, key):
        return [
            dict(i, label=_label(i.get("kind", "")), href=_link(ws, folder, i.get("link"))) for i in items
        ]

    attention = rows(content["attention"], "message")
    by_label: dict[str, int] = {}
    for a in attention:
        by_label[a["label"]] = by_label.get(a["label"], 0) + 1
    return render(
        "morning_report",
        "nb",
        report=content,
        company=ws.config.company,
        came_in=rows(content["came_in"], "what"),
        went_out=rows(content["went_out"], "what"),
        attention=attention,
        attention_summary=sorted(by_label.items(), key=lambda kv: -kv[1]),
        pictures=pictures or [],
    )


def sheet_rows(content: dict) -> list[list]:
    rows: list[list] = [
        ["Morgenrapport", content["date"]],
        ["Laget", content["generated"].replace(microsecond=0)],
        [],
    ]
    if content["locked"]:
        rows.append(["Åpen i Excel, ikke oppdatert:", ", ".join(content["locked"])])
        rows.append([])
    rows.append([f"Trenger en person ({len(content['attention'])})"])
    rows.append(["Hva", "Melding", "Fil", "Lenke"])
    rows += [
        [_label(a["kind"]), a["message"], a.get("file") or "", a.get("link") or ""]
        for a in content["attention"]
    ]
    rows += [[], [f"Kom inn ({len(content['came_in'])})"], ["Hva", "Beskrivelse", "Fil", "Status"]]
    rows += [
        [_label(c["kind"]), c["what"], c.get("file") or "", c.get("status") or ""] for c in content["came_in"]
    ]
    rows += [[], [f"Gikk ut ({len(content['went_out'])})"], ["Hva", "Beskrivelse", "Lenke"]]
    rows += [[_label(w["kind"]), w["what"], w.get("link") or ""] for w in content["went_out"]]
    if len(rows) > MAX_SHEET_ROWS:
        rows = rows[:MAX_SHEET_ROWS] + [["... se HTML-rapporten for resten"]]
    return rows


def _write_sheet(ctx: RunContext, content: dict) -> None:
    from ...excel.locks import is_locked
    from ...excel.openpyxl_adapter import OpenpyxlWorkbook

    path = ctx.ws.purchasing_workbook
    if not path.exists():
        return
    if is_locked(path):
        ctx.locked.add(path.name)
        return
    book = OpenpyxlWorkbook(path)
    try:
        book.add_sheet(SHEET, sheet_rows(content))
        book.save()
    except WorkbookLocked:
        ctx.locked.add(path.name)
    finally:
        book.close()


def write_report(ctx: RunContext) -> None:
    """HTML report (dated and newest) and the workbook sheet."""
    settings = ctx.ws.config.batch
    folder = ctx.ws.root / settings.report_folder
    folder.mkdir(parents=True, exist_ok=True)
    flush_night(ctx, "report")  # what the steps queued, when the tables step did not write it
    _write_sheet(ctx, build(ctx))  # first, so a locked workbook shows in the HTML
    pictures: list = []
    with guard(ctx, "report"):  # a picture that fails must not cost the report
        pictures = report_pictures(ctx.ws, ctx.on, ctx.figures)  # as the workbook steps computed them
    content = build(ctx)
    html = render_html(ctx, content, folder, pictures)
    target = folder / f"morgenrapport-{ctx.on.isoformat()}.html"
    for path in (target, folder / "morgenrapport.html"):
        write_text(path, html)
    ctx.report_path = target
    ctx.log.event("report", file=str(target), attention=len(content["attention"]))
