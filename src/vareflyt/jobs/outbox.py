"""Files for partners are staged, and only become real after the store has committed them.

A job writes each outgoing file as ``<name>.pending`` inside its transaction and calls
``promote()`` after the commit. A run killed before the commit leaves only ``.pending`` files,
which ``recover`` deletes (the order never happened); a run killed after the commit but before
the rename leaves files ``recover`` completes. Transfer tools and people never see a file for
an order the store does not have, and never see one twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..files import write_bytes

SUFFIX = ".pending"


class Staged:
    def __init__(self) -> None:
        self.paths: list[Path] = []

    def path(self, target: Path) -> Path:
        """Where to write ``target`` until the commit."""
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.with_name(target.name + SUFFIX)
        self.paths.append(staged)
        return staged

    def write(self, target: Path, data: bytes) -> Path:
        staged = self.path(target)
        return write_bytes(staged, data, temp_name=staged.name + ".tmp")  # the name recover() deletes

    def promote(self) -> None:
        for staged in self.paths:
            if staged.exists():
                staged.replace(final_name(staged))
        self.paths.clear()

    def discard(self) -> None:
        for staged in self.paths:
            staged.unlink(missing_ok=True)
        self.paths.clear()


def final_name(staged: Path) -> Path:
    return staged.with_name(staged.name[: -len(SUFFIX)])


def recover(folder: Path, committed: Iterable[str]) -> tuple[int, int]:
    """Finish what a killed run left: promote staged files whose document the store has (their
    stem among ``committed`` file stems), delete the rest. Returns (promoted, deleted)."""
    stems = {Path(f).with_suffix("").name for f in committed if f}
    promoted = deleted = 0
    if not folder.is_dir():
        return 0, 0
    for leftover in folder.rglob("*" + SUFFIX + ".tmp"):
        leftover.unlink(missing_ok=True)
    for staged in folder.rglob("*" + SUFFIX):
        final = final_name(staged)
        if final.with_suffix("").name in stems:
            staged.replace(final)
            promoted += 1
        else:
            staged.unlink(missing_ok=True)
            deleted += 1
    return promoted, deleted
