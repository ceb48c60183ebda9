"""Two desks on one shared store: workspaces with their own folders, one PostgreSQL database
and one shared folder, and vareflyt run in processes of their own as each desk would run it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from vareflyt.config import default_toml
from vareflyt.workspace import init_workspace

from ..purchasing.conftest import CONFIG

# The CLI as the installed `vareflyt` command runs it, in a fresh interpreter.
CLI = "import sys\nfrom vareflyt.cli.app import main\nsys.argv[0] = 'vareflyt'\nmain()\n"


def shared_config(url: str, shared: Path | None = None, wait: int = 0, base: str = CONFIG) -> str:
    """``base`` with the shared store, the shared folder and how long a run waits for another."""
    text = base + f'\n[store]\nurl = "{url}"\n\n[batch]\nwait_seconds = {wait}\n'
    return text + (f'\n[workspace]\nshared_folder = "{shared.as_posix()}"\n' if shared else "")


def desk(root: Path, url: str, shared: Path | None = None, wait: int = 0):
    """A workspace on the shared store (``init`` creates the tables the first time)."""
    return init_workspace(root, config_text=shared_config(url, shared, wait))


def plain_workspace(root: Path, url: str) -> Path:
    """A default workspace whose [store] url is ``url``, written after ``init`` (never opened)."""
    init_workspace(root).close()
    config = root / "vareflyt.toml"
    config.write_text(default_toml().replace('url = ""', f'url = "{url}"', 1), encoding="utf-8")
    return root


def vareflyt(*args, wait: bool = True):
    """``vareflyt ARGS`` in a process of its own; the finished process, or the running one."""
    command = [sys.executable, "-c", CLI, *map(str, args)]
    if not wait:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return subprocess.run(command, capture_output=True, text=True, timeout=300)
