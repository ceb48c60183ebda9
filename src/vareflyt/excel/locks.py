"""Never overwrite a workbook behind the user's back, and never leave half a workbook.

Excel keeps an owner file ``~$<name>`` next to a workbook while it is open. ``is_locked``
looks for it; ``ensure_writable`` raises ``WorkbookLocked`` with a Norwegian message naming
the fix. ``atomic_write`` is ``vareflyt.files.atomic_write`` for a workbook: it refuses a
workbook Excel has open (before and after the block) and, on success, keeps the previous
version as ``<stem>.bak.xlsx`` (or in a backup folder) before the new file is renamed into
place — readers see the old or the new file, never a mix.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import files
from ..domain.issues import WorkbookLocked


def lock_files(path: str | os.PathLike) -> list[Path]:
    """The owner-file names Excel may use for ``path`` (Excel: ``~$`` + name; Office for long
    names also replaces the first two characters)."""
    p = Path(path)
    names = {"~$" + p.name}
    if len(p.stem) > 2:
        names.add("~$" + p.name[2:])
    return [p.with_name(n) for n in sorted(names)]


def is_locked(path: str | os.PathLike) -> bool:
    """True if the workbook is open in Excel (an owner file ``~$…`` exists next to it)."""
    return any(f.exists() for f in lock_files(path))


def ensure_writable(path: str | os.PathLike) -> None:
    """Raise ``WorkbookLocked`` (exit code 3) if Excel has the workbook open."""
    if is_locked(path):
        name = Path(path).name
        raise WorkbookLocked(
            f"{name} er åpen i Excel og ble ikke overskrevet. Lagre og lukk {name} i Excel og "
            f"kjør på nytt, eller bruk Vareflyt-fanen i Excel mens arbeidsboken er åpen."
        )


def backup_path(path: str | os.PathLike, backup_dir: str | os.PathLike | None = None) -> Path:
    """Where the previous version of ``path`` is kept: ``Innkjop.bak.xlsx`` next to it, or
    ``<backup_dir>/Innkjop.bak.xlsx``."""
    p = Path(path)
    folder = Path(backup_dir) if backup_dir is not None else p.parent
    return folder / f"{p.stem}.bak{p.suffix}"


@contextmanager
def atomic_write(
    path: str | os.PathLike, *, backup: bool = True, backup_dir: str | os.PathLike | None = None
) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; after the block, replace ``path`` with it.

    Refuses (``WorkbookLocked``) before and after the block if Excel has the file open. On an
    exception the temporary file is removed and ``path`` is untouched.
    """
    target = Path(path)
    ensure_writable(target)
    with files.atomic_write(target) as tmp:
        yield tmp
        ensure_writable(target)
        if backup and target.exists():
            _keep_previous(target, backup_path(target, backup_dir))


def _keep_previous(target: Path, backup: Path) -> None:
    backup.parent.mkdir(parents=True, exist_ok=True)
    with files.atomic_write(backup, temp_name=f".{backup.name}.tmp") as staging:
        staging.unlink(missing_ok=True)
        try:
            os.link(target, staging)  # cheap: the old file's data is kept, not copied
        except OSError:
            shutil.copy2(target, staging)
