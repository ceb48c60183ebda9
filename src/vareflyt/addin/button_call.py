"""What a ribbon action works with: the workspace, the workbook ports, the user, progress.

The workspace is the folder of the workbook the button was pressed in (the workbooks live
in the workspace), else ``VAREFLYT_WORKSPACE``. ``ctx.port("purchasing")`` is the calling
workbook when it is that workbook; otherwise the other workbook: through Excel when it is
open in the same Excel, else its file in the workspace (``OpenpyxlWorkbook``).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.issues import UsageError
from ..excel.xlwings_adapter import XlwingsWorkbook
from ..workspace import CONFIG_NAME, Workspace, find_workspace


def workbook_path(port: Any) -> Path | None:
    """Where the port's workbook is saved; None for an unsaved book or one on a web address."""
    if port is None:
        return None
    if isinstance(port, XlwingsWorkbook):
        full = str(port.book.fullname or "")
        if "://" in full or not os.path.isabs(full):
            return None
        return Path(full)
    path = getattr(port, "path", None)
    return Path(path).resolve() if path is not None else None


def workspace_for(port: Any) -> Workspace:
    """The workspace of the calling workbook (see the module docstring); UsageError naming
    the fix when there is none."""
    path = workbook_path(port)
    if path is not None and (path.parent / CONFIG_NAME).is_file():
        return Workspace(path.parent)
    if os.environ.get("VAREFLYT_WORKSPACE"):
        return find_workspace(None)
    where = (
        f"Mappen {path.parent}" if path is not None else "Arbeidsboken er ikke lagret i en mappe, og mappen"
    )
    raise UsageError(
        f"Fant ingen vareflyt-arbeidsmappe. {where} har ingen {CONFIG_NAME}, og VAREFLYT_WORKSPACE "
        f"er ikke satt. Åpne Innkjop.xlsx eller Kundereskontro.xlsx fra arbeidsmappen (lag en med "
        f"«vareflyt init MAPPE»), eller sett VAREFLYT_WORKSPACE til arbeidsmappen."
    )


class ButtonCall:
    def __init__(
        self,
        *,
        ws: Workspace | None,
        caller: Any,
        ui: Any,
        progress: Any,
        now: datetime,
        workspace_problem: str | None = None,
    ):
        self.ws, self.caller, self.ui, self.progress, self.now = ws, caller, ui, progress, now
        self.workspace_problem = workspace_problem
        self._opened: dict[str, Any] = {}

    @property
    def is_excel(self) -> bool:
        return isinstance(self.caller, XlwingsWorkbook)

    @property
    def caller_key(self) -> str | None:
        return self.caller.schema.key if self.caller is not None else None

    @property
    def caller_name(self) -> str:
        path = workbook_path(self.caller)
        if path is not None:
            return path.name
        return str(getattr(getattr(self.caller, "book", None), "name", "") or "")

    def port(self, workbook: str) -> Any:
        """The port of the workbook with this schema key (``purchasing``/``receivables``)."""
        if self.caller is not None and self.caller_key == workbook:
            return self.caller
        if workbook not in self._opened:
            self._opened[workbook] = self._open(workbook)
        return self._opened[workbook]

    def _open(self, workbook: str) -> Any:
        from ..excel.openpyxl_adapter import OpenpyxlWorkbook

        path = {"purchasing": self.ws.purchasing_workbook, "receivables": self.ws.receivables_workbook}[
            workbook
        ]
        if self.is_excel:
            for book in self.caller.book.app.books:
                full = str(book.fullname or "")
                if "://" not in full and os.path.isabs(full) and Path(full).resolve() == path.resolve():
                    return XlwingsWorkbook(book, workbook)
        return OpenpyxlWorkbook(path, workbook)

    def close(self) -> None:
        for port in self._opened.values():
            port.close()
        self._opened.clear()
        if self.ws is not None:
            self.ws.close()
