"""What the nightly runner keeps between runs in ``.vareflyt/batch/``, and what a run depends on.

``fingerprint`` is what a run depends on (the store's last processing-log row, the workbooks,
settings and rate files, the inbox); ``state.json`` holds the fingerprint of the last complete
run, so a repeated run with nothing new stops early; ``last_run.json`` holds the last working
run's open items, which a quiet night repeats; ``runs.jsonl`` is the index ``batch status``
reads.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ...files import write_text
from ...store import log as store_log

if TYPE_CHECKING:
    from ...workspace import Workspace

STATE_FILE = "state.json"
RUNS_FILE = "runs.jsonl"


def _stat(path: Path) -> list:
    try:
        st = path.stat()
        return [st.st_mtime_ns, st.st_size]
    except OSError:
        return []


def fingerprint(ws: Workspace, on: date) -> dict:
    """What a run depends on: the store's last processing-log row (batch rows aside), the
    workbooks, settings and rate files, and every file waiting in the inbox."""
    with ws.store.connect() as conn:
        last = next((r.id for r in store_log.recent(conn, 500) if not r.job.startswith("batch.")), None)
    files = {
        name: _stat(ws.root / name)
        for name in (
            ws.purchasing_workbook.name,
            ws.receivables_workbook.name,
            ws.config_path.name,
            "rates.toml",
        )
    }
    inbox = (
        sorted([p.relative_to(ws.inbox).as_posix(), *_stat(p)] for p in ws.inbox.rglob("*") if p.is_file())
        if ws.inbox.is_dir()
        else []
    )
    return {"date": on.isoformat(), "log": last, "files": files, "inbox": inbox}


def state_dir(ws: Workspace) -> Path:
    folder = ws.private / "batch"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def load_state(ws: Workspace) -> dict:
    try:
        return json.loads((state_dir(ws) / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def last_attention(ws: Workspace) -> list[dict]:
    try:
        return json.loads((state_dir(ws) / "last_run.json").read_text(encoding="utf-8")).get("attention", [])
    except (OSError, ValueError):
        return []


def write_json(path: Path, data) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, indent=1, default=str))
