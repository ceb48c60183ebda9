"""A workspace: the folder a shop owns, with its config, workbooks, folders and store.

Found from ``--workspace``, then ``VAREFLYT_WORKSPACE``, then the current folder.
``init_workspace`` creates one (folders, commented ``vareflyt.toml``, workbooks from the
templates, the store at the current schema).
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

from .config import Config, default_toml, load_config
from .domain.issues import UsageError, VareflytError

CONFIG_NAME = "vareflyt.toml"
PURCHASING_WORKBOOK = "Innkjop.xlsx"
RECEIVABLES_WORKBOOK = "Kundereskontro.xlsx"
FOLDERS = ("inbox", "outbox", "archive", "quarantine", "letters", ".vareflyt")


class Workspace:
    def __init__(self, root: Path):
        self.root = root.resolve()

    # folders and files
    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    inbox = property(lambda self: self.root / "inbox")
    outbox = property(lambda self: self.root / "outbox")
    archive = property(lambda self: self.root / "archive")
    quarantine = property(lambda self: self.root / "quarantine")
    letters = property(lambda self: self.root / "letters")
    private = property(lambda self: self.root / ".vareflyt")
    purchasing_workbook = property(lambda self: self.root / PURCHASING_WORKBOOK)
    receivables_workbook = property(lambda self: self.root / RECEIVABLES_WORKBOOK)

    @cached_property
    def config(self) -> Config:
        return load_config(self.config_path)

    @cached_property
    def store(self):
        from .store.db import open_store, sqlite_url

        url = self.config.section("store") or sqlite_url(self.private / "store.db")
        return open_store(url)

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.dispose()
            del self.__dict__["store"]


def find_workspace(explicit: Path | None = None) -> Workspace:
    """The workspace to use; UsageError naming the fix when there is none."""
    candidates = []
    if explicit is not None:
        candidates.append((Path(explicit), "--workspace"))
    elif os.environ.get("VAREFLYT_WORKSPACE"):
        candidates.append((Path(os.environ["VAREFLYT_WORKSPACE"]), "VAREFLYT_WORKSPACE"))
    else:
        candidates.append((Path.cwd(), "gjeldende mappe"))
    root, origin = candidates[0]
    if not (root / CONFIG_NAME).is_file():
        raise UsageError(f"{root} ({origin}) er ikke en vareflyt-arbeidsmappe: fant ikke {CONFIG_NAME}. "
                         f"Lag en med `vareflyt init MAPPE`, eller oppgi --workspace MAPPE.")
    return Workspace(root)


def init_workspace(root: Path, *, config_text: str | None = None, overwrite_config: bool = False) -> Workspace:
    """Create (or complete) a workspace; existing workbooks and data are never overwritten."""
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise VareflytError(f"{root} finnes og er ikke en mappe. Velg et annet navn.")
    root.mkdir(parents=True, exist_ok=True)
    for name in FOLDERS:
        (root / name).mkdir(exist_ok=True)
    ws = Workspace(root)
    if overwrite_config or not ws.config_path.exists():
        ws.config_path.write_text(config_text or default_toml(), encoding="utf-8")
    ws.config.validate_all()
    try:
        from .excel.templates import create_workbooks
    except ImportError:  # pragma: no cover - templates module missing only mid-development
        create_workbooks = None
    if create_workbooks is not None:
        create_workbooks(ws.root)
    ws.store  # creates and migrates the store
    return ws
