"""``vareflyt batch status``: the last runs and the open items that need a person.

Finished runs come from ``.vareflyt/batch/runs.jsonl`` (one line per run; the store's
processing log has the same as job ``batch.run``) and the JSON log, which also shows a run
that never finished (killed, power cut) and one in progress. Open items are the last run's "needs a
person" list, plus what is true right now: files waiting in ``inbox/``, open deviations to decide,
orders whose response is overdue.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING

from ...domain.issues import JobResult
from ...domain.wording import date_text, plural
from ...store import log as store_log
from .lock import holder, is_running
from .runlog import read_events

if TYPE_CHECKING:
    from ...workspace import Workspace

STATUS_NB = {
    "ok": "ok",
    "attention": "trenger en person",
    "locked": "arbeidsbok åpen i Excel",
    "interrupted": "avbrutt",
    "running": "pågår",
}


def _runs(ws: Workspace, limit: int) -> list[dict]:
    """Finished runs, newest first: from ``.vareflyt/batch/runs.jsonl``, else the processing log."""
    path = ws.private / "batch" / "runs.jsonl"
    if path.is_file():
        out = []
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                out.append(json.loads(line))
            except ValueError:
                continue  # a line cut short by a killed process
        return out[::-1][:limit]
    return _runs_from_log(ws, limit)


def _runs_from_log(ws: Workspace, limit: int) -> list[dict]:
    with ws.store.connect() as conn:
        rows = [r for r in store_log.recent(conn, 5000) if r.job == "batch.run"][:limit]
    out = []
    for r in rows:
        counts = json.loads(r.counts or "{}")
        out.append(
            {
                "run": r.doc_number,
                "at": r.at.isoformat(timespec="seconds"),
                "date": r.params_key,
                "status": r.status,
                "quiet": r.doc_type == "quiet",
                "counts": counts,
                "message": r.message,
            }
        )
    return out


def _unfinished(ws: Workspace, finished: set[str], running: bool) -> list[dict]:
    """Runs that started but never wrote run.end (from the JSON log)."""
    starts, ends = {}, set()
    for e in read_events(ws.private / "logs"):
        if e.get("event") == "run.start":
            starts[e["run"]] = e
        elif e.get("event") == "run.end":
            ends.add(e["run"])
    out = []
    last = max(starts, key=lambda k: starts[k]["time"], default=None)
    for run, e in starts.items():
        if run not in ends and run not in finished:
            status = "running" if running and run == last else "interrupted"
            out.append(
                {
                    "run": run,
                    "at": e["time"][:19],
                    "date": e.get("date"),
                    "status": status,
                    "quiet": False,
                    "counts": {},
                    "message": "kjøringen pågår"
                    if status == "running"
                    else "kjøringen ble avbrutt; neste kjøring fullfører arbeidet",
                }
            )
    return out


def current_items(ws: Workspace) -> list[dict]:
    """What needs a person right now, independent of any run."""
    from ...store.purchasing_sheet_rows import table_rows
    from ..purchasing_tables import overdue_orders
    from .inbox import arrival_order

    items = [
        {"kind": "file.waiting", "message": f"{p.relative_to(ws.inbox).as_posix()} ligger i inbox"}
        for p in arrival_order(ws)
    ]
    with ws.store.connect() as conn:
        devs = [d for d in table_rows(conn).deviations if d.status == "open" and d.decide]
    if devs:
        items.append(
            {
                "kind": "avvik",
                "message": f"{len(devs)} åpne avvik i ordresvar/pakksedler å ta stilling til "
                f"(arket Avvik i {ws.purchasing_workbook.name})",
            }
        )
    late = overdue_orders(ws, datetime.now())
    if late:
        items.append(
            {
                "kind": "order_response.late",
                "message": f"{plural(len(late), 'ordre', 'ordrer')} venter på "
                f"ordresvar etter "
                f"avtalt tid: " + ", ".join(o["number"] for o in late[:10]),
            }
        )
    return items


def batch_status(ws: Workspace, limit: int = 10) -> JobResult:
    running = is_running(ws)
    runs = _runs(ws, limit)
    runs = sorted(
        runs + _unfinished(ws, {r["run"] for r in runs}, running),
        key=lambda r: (r["at"], r["status"] in ("interrupted", "running")),
        reverse=True,
    )[:limit]
    try:
        last = json.loads((ws.private / "batch" / "last_run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        last = {}
    open_items = list(last.get("attention", [])) if last else []
    now_items = current_items(ws)
    lines = []
    if running:
        who = holder(ws) or {}
        lines.append(
            f"En kjøring pågår nå (prosess {who.get('pid', '?')}, startet {who.get('started', '?')})."
        )
    lines.append("Siste kjøringer:" if runs else "Ingen nattkjøringer er registrert ennå.")
    for r in runs:
        c = r["counts"]
        extra = (
            f" {c.get('came_in', 0)} inn, {c.get('went_out', 0)} ut, {c.get('attention', 0)} til oppfølging"
            if c
            else ""
        )
        day = date_text(date.fromisoformat(r["date"])) if r["date"] else "–"
        lines.append(
            f"  {date_text(datetime.fromisoformat(r['at']))}  dato {day}  "
            f"{STATUS_NB.get(r['status'], r['status'])}"
            f"{' (ingenting nytt)' if r['quiet'] else ''}{extra}"
        )
    if open_items:
        lines.append(f"Trenger en person (fra siste kjøring {last.get('run', '')}):")
        lines += [f"  ! {i['message']}" for i in open_items[:50]]
    if now_items:
        lines.append("Akkurat nå:")
        lines += [f"  - {i['message']}" for i in now_items[:50]]
    result = JobResult(
        summary="\n".join(lines),
        counts={"runs": len(runs), "open_items": len(open_items), "current_items": len(now_items)},
    )
    result.extra.update(runs=runs, open_items=open_items, current_items=now_items, running=running)
    return result
