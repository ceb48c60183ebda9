"""Write a file so that readers see the old or the new content, never half of it.

``atomic_write(path)`` yields a temporary path in the same folder; when the block ends without
an exception the temporary file gets the old file's mode (or the default one) and is renamed
over ``path`` with ``os.replace``, which is atomic on one file system. On an exception the
temporary file is removed and ``path`` is untouched. This is the project's only rename-into-place
on the local disk (SFTP renames on a server are the server's business, in ``jobs/sending/sftp``);
``excel.locks.atomic_write`` adds the workbook's lock check and backup on top of it.

The temporary name starts with ``.`` and ends with ``.tmp``, so the inbox, the outbox and the
letter folders skip it; pass ``temp_name`` where another reader relies on one fixed name (a
partner's shared folder, the outbox's leftovers). Only the workspace's own code decides these
paths; a name from input reaches here through ``vareflyt.safe_paths`` first.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_write(path: str | os.PathLike, *, temp_name: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; after the block, rename it over ``path``."""
    target = Path(path)
    if temp_name is None:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        tmp = Path(name)
    else:  # the caller makes the file, with the usual mode
        tmp = target.with_name(temp_name)
    try:
        yield tmp
        if temp_name is None:
            _same_mode(target, tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(path: str | os.PathLike, data: bytes, *, temp_name: str | None = None) -> Path:
    """``data`` as the whole of ``path``, atomically; returns ``path``."""
    with atomic_write(path, temp_name=temp_name) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: str | os.PathLike, text: str, *, temp_name: str | None = None) -> Path:
    """``text`` (UTF-8) as the whole of ``path``, atomically; returns ``path``."""
    with atomic_write(path, temp_name=temp_name) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


def copy_file(source: str | os.PathLike, path: str | os.PathLike) -> Path:
    """A copy of ``source``'s bytes at ``path``, atomically; returns ``path``."""
    with atomic_write(path) as tmp:
        shutil.copyfile(source, tmp)
    return Path(path)


def _same_mode(target: Path, tmp: Path) -> None:
    """mkstemp makes a private file; give the result the old file's mode or the default."""
    if target.exists():
        shutil.copymode(target, tmp)
    else:
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
