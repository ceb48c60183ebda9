"""``run_batch``: the nightly job, in order, under the run lock, with a structured log.

1. Take the run lock (``lock.py``); note which workbooks Excel has open.
2. Classify the inbox (``inbox.py``) and report partners with broken batch settings.
3. When nothing changed since the last complete run on the same date (store, workbooks,
   settings, inbox), stop early: "nothing new" (a quiet night takes a second, not minutes),
   repeating that run's open items, so the exit code is the same as that run's.
4. Run the steps in order (the inbox, then the plan in ``run_batch``: edi, orders, reconcile,
   dunning, send, tables), each isolated; then the morning report (``report.py``). The
   key figures a step computes are kept on the run's context (``key_figures.keeping``), so the
   report shows the workbooks' figures without gathering them again. After the inbox (where
   price lists come in) the steps share the effective prices they read
   (``effective_prices.prices_kept``) and queue their writes to the purchasing workbook for
   one save (``night_writes``).
5. Record the run in the processing log (job ``batch.run``) and in ``.vareflyt/batch/``.

Exit code (``extra["exit_code"]``): 3 when a workbook was open in Excel (its results wait for
the next run), else 1 when something needs a person, else 0.
"""

from __future__ import annotations

import json
import os
import time
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ...collector import collector_paused
from ...domain.issue_codes import current_code
from ...domain.issues import JobResult
from ...store import log as store_log
from ..effective_prices import prices_kept
from ..key_figures import keeping
from ..sending.nightly_step import step_send
from ..suppliers import Suppliers
from . import steps
from .context import RunContext
from .inbox import InboxFile, scan
from .inbox_steps import step_edi, step_inbox
from .lock import run_lock
from .night_writes import night_writes, step_writes
from .run_state import RUNS_FILE, STATE_FILE, fingerprint, last_attention, load_state, state_dir, write_json
from .runlog import RunLog

if TYPE_CHECKING:
    from ...config.batch import BatchSettings
    from ...workspace import Workspace

JOB = "batch.run"


def _timed(ctx: RunContext, name: str, fn, *args) -> None:
    started = time.perf_counter()
    ctx.log.event("step.start", step=name)
    with (
        steps.guard(ctx, name),
        collector_paused(collect_after=True),
        keeping(ctx.figures),
        step_writes(ctx, name),
    ):
        fn(ctx, *args)
    seconds = round(time.perf_counter() - started, 2)
    ctx.steps.append({"step": name, "seconds": seconds, "ok": name not in ctx.failed})
    ctx.log.event("step.done", step=name, seconds=seconds)


def _exit_code(ctx: RunContext) -> int:
    return 3 if ctx.locked else 1 if ctx.attention else 0


def tolerant_config(ws: Workspace) -> dict[str, str]:
    """Load ``vareflyt.toml``; a partner whose table is invalid is left out (and returned as
    {GLN: problem}) so one partner's broken setting stops only that partner. Any other
    configuration error stops the run (exit 2)."""
    import re
    import tomllib

    from ...config import Config, ConfigError

    try:
        _ = ws.config  # loading the configuration is what checks it
        return {}
    except ConfigError as exc:
        first = error = exc
    raw = tomllib.loads(ws.config_path.read_text(encoding="utf-8-sig"))
    unusable: dict[str, str] = {}
    for _ in range(len(raw.get("partners", {})) + 1):
        match = re.match(r'partners\."([^"]*)"', error.key)
        if not match or match.group(1) not in raw.get("partners", {}):
            raise first
        unusable[match.group(1)] = f"[{error.key}] {error.problem}. {error.fix}"
        del raw["partners"][match.group(1)]
        config = Config(raw, ws.config_path)
        try:
            config.validate_all()
        except ConfigError as exc:
            error = exc
            continue
        ws.__dict__["config"] = config
        return unusable
    raise first


def run_batch(
    ws: Workspace,
    *,
    on: date | None = None,
    now: datetime | None = None,
    wait: float | None = None,
    force: bool = False,
) -> JobResult:
    """Run the nightly batch on ``ws`` for ``on`` (default today); see the module docstring."""
    unusable = tolerant_config(ws)
    settings = ws.config.batch
    now = now or datetime.now()
    on = on or now.date()
    wait = settings.wait_seconds if wait is None else wait
    with run_lock(ws, wait, now):
        run_id = f"{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}"
        runlog = RunLog(ws.private / "logs", run_id, max_mb=settings.log_max_mb, keep=settings.log_files)
        try:
            return _run(ws, on, now, run_id, runlog, settings, force, unusable)
        finally:
            runlog.close()


def _run(
    ws: Workspace,
    on: date,
    now: datetime,
    run_id: str,
    runlog: RunLog,
    settings: BatchSettings,
    force: bool,
    unusable: dict[str, str],
) -> JobResult:
    from ...excel.locks import is_locked
    from . import report

    started = time.perf_counter()
    runlog.event("run.start", date=on.isoformat(), pid=os.getpid(), workspace=str(ws.root))
    ctx = RunContext(ws, on, now, run_id, runlog)
    for wb in (ws.purchasing_workbook, ws.receivables_workbook):
        if wb.exists() and is_locked(wb):
            ctx.locked.add(wb.name)
    state = load_state(ws)
    files: list[InboxFile] = []
    broken: dict[str, str] = {}
    with steps.guard(ctx, "inbox"):
        files, broken = scan(ws, unusable)
    if broken:
        names = Suppliers(ws)
        for gln, problem in broken.items():
            ctx.need(
                "partner.setting",
                f"Leverandør {names.label(gln)}: {problem}. Filene fra denne leverandøren venter.",
                partner=gln,
                step="inbox",
            )
    for f in (f for f in files if f.kind == "arriving"):
        ctx.note(f"{f.path.name} {f.problem}.", "inbox")
    before = fingerprint(ws, on)
    if not force and not ctx.locked and state.get("fingerprint") == before:
        for item in last_attention(ws):  # nothing changed: what needed a person still does
            ctx.need(
                current_code(item["kind"]),
                item["message"],
                file=item.get("file"),
                partner=item.get("partner"),
                step=item.get("step"),
                link=item.get("link") and ws.root / item["link"],
            )
        return _finish(ws, ctx, started, quiet=True, state=state)
    skip = set(settings.skip_steps)
    if "inbox" not in skip:  # price lists come in here, before any prices are kept
        _timed(ctx, "inbox", step_inbox, files)
    plan: list[tuple[Any, ...]] = [
        ("edi", step_edi, files),
        ("orders", steps.step_orders),
        ("reconcile", steps.step_reconcile),
        ("dunning", steps.step_dunning),
        ("send", step_send),
    ]
    with night_writes(ctx), prices_kept():
        for name, fn, *args in plan:
            if name not in skip:
                _timed(ctx, name, fn, *args)
        if "tables" not in skip:
            prices_in = any(c["kind"] == "prices" for c in ctx.came_in)
            refresh = prices_in or state.get("catalogue_on") != on.isoformat()
            _timed(ctx, "tables", steps.step_tables, refresh)
        if "report" not in skip:
            _timed(ctx, "report", report.write_report)
    return _finish(ws, ctx, started, quiet=False, state=state)


def _finish(ws: Workspace, ctx: RunContext, started: float, *, quiet: bool, state: dict) -> JobResult:
    seconds = round(time.perf_counter() - started, 2)
    code = _exit_code(ctx)
    status = {0: "ok", 1: "attention", 3: "locked"}[code]
    counts = {
        "came_in": len(ctx.came_in),
        "went_out": len(ctx.went_out),
        "attention": len(ctx.attention),
        "locked": len(ctx.locked),
        "failed_steps": len(ctx.failed),
        "seconds": int(seconds),
    }
    summary = _summary(ctx, quiet, seconds)
    with ws.store.transaction() as conn:
        store_log.record(
            conn,
            job=JOB,
            status=status,
            direction="out",
            params_key=ctx.on.isoformat(),
            doc_type="quiet" if quiet else "run",
            doc_number=ctx.run_id,
            counts=counts,
            message=summary.splitlines()[0],
        )
    entry = {
        "run": ctx.run_id,
        "at": datetime.now().isoformat(timespec="seconds"),
        "date": ctx.on.isoformat(),
        "status": status,
        "quiet": quiet,
        "counts": counts,
        "message": summary.splitlines()[0],
    }
    with open(state_dir(ws) / RUNS_FILE, "a", encoding="utf-8") as fh:  # the index `batch status` reads
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    if not quiet:
        day = state_dir(ws) / f"run-{ctx.on.isoformat()}.json"
        runs = []
        if day.is_file():
            try:
                runs = json.loads(day.read_text(encoding="utf-8"))
            except ValueError:
                runs = []
        write_json(day, runs + [dict(ctx.to_dict(), seconds=seconds, status=status)])
    complete = not ctx.locked and not ctx.failed
    if not quiet and complete:
        state = {
            "fingerprint": fingerprint(ws, ctx.on),
            "catalogue_on": ctx.on.isoformat(),
            "last_run": ctx.run_id,
        }
        write_json(state_dir(ws) / STATE_FILE, state)
    if not quiet:  # a quiet night keeps the last working run's open items
        write_json(state_dir(ws) / "last_run.json", dict(ctx.to_dict(), seconds=seconds, status=status))
    ctx.log.event("run.end", status=status, exit_code=code, **dict(counts, seconds=seconds))
    result = JobResult(ok=code == 0, counts=counts, summary=summary)
    result.outputs = [str(ws.root / o["link"]) for o in ctx.went_out if o.get("link")][:200]
    if getattr(ctx, "report_path", None):
        result.outputs.insert(0, str(ctx.report_path))
    result.extra.update(
        exit_code=code,
        status=status,
        run=ctx.run_id,
        date=ctx.on.isoformat(),
        quiet=quiet,
        came_in=ctx.came_in,
        went_out=ctx.went_out,
        attention=ctx.attention,
        notes=ctx.notes,
        locked=sorted(ctx.locked),
        steps=ctx.steps,
    )
    return result


def _summary(ctx: RunContext, quiet: bool, seconds: float) -> str:
    head = (
        f"Nattkjøring {ctx.on:%d.%m.%Y}: ingenting nytt siden forrige kjøring ({seconds:.1f} s)."
        if quiet
        else f"Nattkjøring {ctx.on:%d.%m.%Y} ferdig på {seconds:.1f} s: {len(ctx.came_in)} inn, "
        f"{len(ctx.went_out)} ut, {len(ctx.attention)} trenger en person."
    )
    lines = [head]
    if ctx.locked:
        lines.append(
            f"Åpen i Excel, ikke overskrevet (oppdateres ved neste kjøring): {', '.join(sorted(ctx.locked))}."
        )
    lines += [f"  ! {a['message']}" for a in ctx.attention[:50]]
    if len(ctx.attention) > 50:
        lines.append(f"  ... og {len(ctx.attention) - 50} til (se morgenrapporten).")
    return "\n".join(lines)
