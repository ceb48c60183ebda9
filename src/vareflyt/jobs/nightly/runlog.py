"""The structured log of batch runs: JSON lines in ``.vareflyt/logs/batch.jsonl``, rotated.

Every line is one JSON object: ``time``, ``level``, ``run`` (the run id), ``event`` and the
event's fields (``step``, ``file``, ``partner``, ``seconds``, ``counts``, ``traceback`` …), so
a run can be followed with ``grep '"run": "<id>"'`` or loaded into any log tool. Rotation is
the standard library's ``RotatingFileHandler`` (``[batch] log_max_mb``, ``log_files`` kept).
The processing log in the store stays the record of what was imported and sent; this log is
how a run went, including tracebacks of failed steps.
"""

from __future__ import annotations

import json
import logging
import traceback
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

LOG_FILE = "batch.jsonl"


class JsonFormatter(logging.Formatter):
    """One JSON object per record; ``extra={"fields": {...}}`` adds fields."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "run": getattr(record, "run", None),
            "event": record.getMessage(),
        }
        data.update(getattr(record, "fields", {}) or {})
        if record.exc_info:
            data["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(data, ensure_ascii=False, default=str)


class RunLog:
    """The JSON log of one run: ``log.event("step.done", step="inbox", seconds=1.2)``."""

    def __init__(self, folder: Path, run_id: str, *, max_mb: int = 5, keep: int = 10):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / LOG_FILE
        self.run_id = run_id
        self.logger = logging.getLogger(f"vareflyt.batch.{run_id}")
        self.logger.setLevel(logging.INFO)
        self.logger.propagate = False
        self.handler = RotatingFileHandler(
            self.path,
            maxBytes=max_mb * 1024 * 1024,
            backupCount=max(keep - 1, 0),
            encoding="utf-8",
            delay=True,
        )
        self.handler.setFormatter(JsonFormatter())
        self.logger.addHandler(self.handler)

    def event(self, name: str, level: int = logging.INFO, exc_info=None, **fields: Any) -> None:
        self.logger.log(level, name, exc_info=exc_info, extra={"run": self.run_id, "fields": fields})

    def error(self, name: str, exc: BaseException, **fields: Any) -> None:
        """An exception with its traceback (a failed file, partner or step)."""
        self.event(
            name,
            logging.ERROR,
            exc_info=(type(exc), exc, exc.__traceback__),
            error=f"{type(exc).__name__}: {exc}",
            **fields,
        )

    def close(self) -> None:
        self.handler.close()
        self.logger.removeHandler(self.handler)


def read_events(folder: Path, run_id: str | None = None, limit: int = 10000) -> list[dict]:
    """Events of the current log file (newest last), optionally of one run only."""
    path = folder / LOG_FILE
    if not path.is_file():
        return []
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            try:
                data = json.loads(line)
            except ValueError:
                continue  # a line cut short by a killed process
            if run_id is None or data.get("run") == run_id:
                out.append(data)
    return out[-limit:]
