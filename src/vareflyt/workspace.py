"""A workspace: the folder a shop owns, with its config, workbooks, folders and store.

Found from ``--workspace``, then ``VAREFLYT_WORKSPACE``, then the current folder.
``init_workspace`` creates one (folders, commented ``vareflyt.toml``, workbooks from the
templates, the store at the current schema).

With ``[workspace] shared_folder`` (a network share) the folders every workspace on one shared
store must see, ``SHARED_FOLDERS``, live there instead (``files_root``); the settings, the
workbooks, ``.vareflyt/`` and the reports stay in the workspace folder. Paths the store keeps
for those files are relative to ``files_root``, so every machine finds them on its own mount.
The workspace's own SQLite store is migrated when opened; a shared store only by
``vareflyt init`` and ``vareflyt store migrate`` (``store.db``).
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .bundled import use_workspace
from .config import Config, default_toml, load_config
from .domain.issues import UsageError, VareflytError

if TYPE_CHECKING:
    from .store.db import Store

CONFIG_NAME = "vareflyt.toml"
PURCHASING_WORKBOOK = "Innkjop.xlsx"
RECEIVABLES_WORKBOOK = "Kundereskontro.xlsx"
SHARED_FOLDERS = ("inbox", "outbox", "archive", "quarantine", "letters")
FOLDERS = SHARED_FOLDERS + (".vareflyt",)


def default_store_url(ws: Workspace) -> str:
    """The store when ``[store] url`` is empty: the SQLite file in ``.vareflyt/``."""
    from .store.db import sqlite_url

    return sqlite_url(ws.private / "store.db")


class Workspace:
    """One workspace folder: its settings (``config``, typed per section), folders, workbooks and store."""

    def __init__(self, root: Path):
        self.root: Path = root.resolve()
        use_workspace(self.root)  # its templates/ win over vareflyt's own (letters.render)

    # folders and files
    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @cached_property
    def files_root(self) -> Path:
        """Where the shared folders are: ``[workspace] shared_folder``, else the workspace folder."""
        shared = self.config.workspace.shared_folder
        if not shared:
            return self.root
        folder = (self.root / Path(shared).expanduser()).resolve()
        if not folder.is_dir():
            raise UsageError(
                f"Den delte mappen {folder} ([workspace] shared_folder i {CONFIG_NAME}) finnes ikke "
                f"eller er ikke tilgjengelig. Koble til nettverksmappen, eller rett stien."
            )
        return folder

    @property
    def inbox(self) -> Path:
        return self.files_root / "inbox"

    @property
    def outbox(self) -> Path:
        return self.files_root / "outbox"

    @property
    def archive(self) -> Path:
        return self.files_root / "archive"

    @property
    def quarantine(self) -> Path:
        return self.files_root / "quarantine"

    @property
    def letters(self) -> Path:
        return self.files_root / "letters"

    @property
    def private(self) -> Path:
        """``.vareflyt/``: the SQLite store, logs, run records; never shared."""
        return self.root / ".vareflyt"

    @property
    def purchasing_workbook(self) -> Path:
        return self.root / PURCHASING_WORKBOOK

    @property
    def receivables_workbook(self) -> Path:
        return self.root / RECEIVABLES_WORKBOOK

    @cached_property
    def config(self) -> Config:
        return load_config(self.config_path)

    @property
    def store_url(self) -> str:
        return self.config.store.url or default_store_url(self)

    @cached_property
    def store(self) -> Store:
        """The store, migrated when it is the workspace's own SQLite file; a shared store must
        already be at this vareflyt's level (``vareflyt store migrate``)."""
        from .store.db import open_store

        url = self.store_url
        return open_store(url, migrate=url.startswith("sqlite"))

    def relative(self, path: Path) -> str:
        """``path`` (in one of the shared folders) as the store keeps it: relative to ``files_root``."""
        return Path(path).resolve().relative_to(self.files_root).as_posix()

    def shared_file(self, relative: str) -> Path:
        """A path the store keeps (``relative``) as a file on this machine."""
        return self.files_root / relative

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.dispose()
            del self.__dict__["store"]


def find_workspace(explicit: Path | None = None) -> Workspace:
    """The workspace to use; UsageError naming the fix when there is none."""
    candidates: list[tuple[Path, str]] = []
    if explicit is not None:
        candidates.append((Path(explicit), "--workspace"))
    elif os.environ.get("VAREFLYT_WORKSPACE"):
        candidates.append((Path(os.environ["VAREFLYT_WORKSPACE"]), "VAREFLYT_WORKSPACE"))
    else:
        candidates.append((Path.cwd(), "gjeldende mappe"))
    root, origin = candidates[0]
    if not (root / CONFIG_NAME).is_file():
        raise UsageError(
            f"{root} ({origin}) er ikke en vareflyt-arbeidsmappe: fant ikke {CONFIG_NAME}. "
            f"Lag en med `vareflyt init MAPPE`, eller oppgi --workspace MAPPE."
        )
    return Workspace(root)


def init_workspace(
    root: Path, *, config_text: str | None = None, overwrite_config: bool = False
) -> Workspace:
    """Create (or complete) a workspace; existing workbooks and data are never overwritten."""
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise VareflytError(f"{root} finnes og er ikke en mappe. Velg et annet navn.")
    root.mkdir(parents=True, exist_ok=True)
    ws = Workspace(root)
    if overwrite_config or not ws.config_path.exists():
        ws.config_path.write_text(config_text or default_toml(), encoding="utf-8")
    ws.config.validate_all()
    (root / ".vareflyt").mkdir(exist_ok=True)
    for name in SHARED_FOLDERS:
        (ws.files_root / name).mkdir(exist_ok=True)
    from .excel.templates import create_workbooks

    create_workbooks(ws.root)
    from .jobs.templates import create_template_folder

    create_template_folder(ws.root)  # the shop's own document templates (empty, with a README)
    from .store.db import open_store

    if "store" not in ws.__dict__:
        ws.__dict__["store"] = open_store(ws.store_url)  # creates and migrates the store, shared or not
    return ws
