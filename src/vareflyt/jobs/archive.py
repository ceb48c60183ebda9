"""Archiving inputs before they are processed, and quarantining rejected ones.

Every input is copied into ``archive/<first two hex>/<sha256>-<name>`` before anything else
happens, so nothing a partner sent is ever lost; a rejected file is also copied to
``quarantine/<date-time>-<name>`` with a ``.reason.txt`` beside it (``-2``, ``-3`` … after the
time when two files of one name are quarantined in the same second, so none is overwritten).
``<name>`` is the file's own name when that is valid on every file system, else a slug of it
with a hash (``safe_paths.file_name``): a file named ``CON.edi`` or 250 characters long is
kept like any other.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.issues import Issue, VareflytError
from ..files import copy_file
from ..safe_paths import file_name, inside
from ..store.log import remember_archive

if TYPE_CHECKING:
    from ..workspace import Workspace


@dataclass(frozen=True)
class ArchivedFile:
    original: Path
    sha256: str
    archived: Path
    size: int


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def archive_input(ws: Workspace, path: Path) -> ArchivedFile:
    """Copy ``path`` into the workspace archive (once per content) and record it in the store."""
    path = Path(path)
    if not path.exists():
        raise VareflytError(f"Fant ikke filen {path}. Sjekk navnet og mappen.")
    if not path.is_file():
        raise VareflytError(f"{path} er ikke en fil.")
    sha = file_sha256(path)
    target_dir = ws.archive / sha[:2]
    target_dir.mkdir(parents=True, exist_ok=True)
    target = inside(target_dir, f"{sha}-{file_name(path.name)}")
    if not target.exists():
        copy_file(path, target)
    size = target.stat().st_size
    with ws.store.transaction() as conn:
        remember_archive(conn, sha, path.name, ws.relative(target), size)
    return ArchivedFile(original=path, sha256=sha, archived=target, size=size)


def quarantine(ws: Workspace, path: Path, reason: str, issues: Sequence[Issue] = ()) -> Path:
    """Copy a rejected input to quarantine/ with a Norwegian reason file; returns the copy."""
    ws.quarantine.mkdir(parents=True, exist_ok=True)
    stamp, name = datetime.now().strftime("%Y%m%d-%H%M%S"), file_name(Path(path).name)
    target, n = inside(ws.quarantine, f"{stamp}-{name}"), 1
    while target.exists() or target.with_name(target.name + ".reason.txt").exists():
        n += 1
        target = inside(ws.quarantine, f"{stamp}-{n}-{name}")
    shutil.copyfile(path, target)
    lines = [f"Avvist {datetime.now():%d.%m.%Y %H:%M}: {reason}", ""]
    lines += [issue.render() for issue in list(issues)[:1000]]
    target.with_name(target.name + ".reason.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target
