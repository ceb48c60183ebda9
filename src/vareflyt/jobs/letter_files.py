"""Where a dunning run's files go, and how they become real only with the store's record.

Every letter is written first to ``letters/.staging/<date>/`` and moved to ``letters/<date>/``
only after the transaction that records it as sent has committed; a run killed before that
leaves nothing in ``letters/<date>/`` that looks sent. The next run finishes what a killed run
left (``recover``): staged files the store has recorded are moved in place, the rest deleted.
A preview goes to ``letters/<date>/forhandsvisning/`` (emptied first) and is never recorded.

File names come from ``safe_paths.file_part`` (a slug of the customer number plus a short
hash of it: ``77/1``, ``77 1`` and ``77_1`` get three names) and the level's Norwegian word;
a name already taken on that date gets ``-2``, ``-3`` …, so no file is ever overwritten. The
collection file escapes text a spreadsheet would take for a formula.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ..domain.money import money_str
from ..domain.receivables import Notice
from ..files import write_bytes
from ..safe_paths import file_part, inside

__all__ = ["LetterFiles", "recover", "spreadsheet_text", "PREVIEW_FOLDER", "STAGING_FOLDER"]

STAGING_FOLDER = ".staging"
PREVIEW_FOLDER = "forhandsvisning"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: object) -> str:
    """Text for a CSV cell that a spreadsheet will never run as a formula (OWASP: a leading ').

    >>> spreadsheet_text("=HYPERLINK(\\"x\\")"), spreadsheet_text("Ås AS"), spreadsheet_text("-5")
    ('\\'=HYPERLINK("x")', 'Ås AS', "'-5")
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class LetterFiles:
    """The files of one run on one date: unique names, staged (or preview) until ``promote``."""

    def __init__(self, letters_root: Path, on: date, *, preview: bool):
        self.final = Path(letters_root) / on.isoformat()
        self.preview = preview
        if preview:
            self.folder = self.final / PREVIEW_FOLDER
            shutil.rmtree(self.folder, ignore_errors=True)
        else:
            self.folder = Path(letters_root) / STAGING_FOLDER / on.isoformat()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.written: list[Path] = []
        self.print_file: str | None = None  # the run's print PDF, relative to the workspace
        self._taken: set[str] = set()

    def _free_stem(self, stem: str, suffixes: tuple[str, ...]) -> str:
        candidate, n = stem, 1
        while candidate in self._taken or any(
            (folder / f"{candidate}{s}").exists() for folder in (self.final, self.folder) for s in suffixes
        ):
            n += 1
            candidate = f"{stem}-{n}"
        self._taken.add(candidate)
        return candidate

    def letter_stem(self, notice: Notice) -> str:
        return self._free_stem(
            f"{file_part(notice.customer.number, fallback='kunde')}-{notice.level.file_word}",
            (".pdf", ".html"),
        )

    def write(self, name: str, data: bytes) -> Path:
        """Write one file (staged or preview); returns where it will be once the run is done."""
        target = inside(self.folder, name)
        write_bytes(target, data)
        self.written.append(target)
        return self.final_path(name)

    def final_path(self, name: str) -> Path:
        return self.folder / name if self.preview else inside(self.final, name)

    def collection_name(self, on: date) -> str:
        return self._free_stem(f"inkasso-{on.isoformat()}", (".csv",)) + ".csv"

    def print_name(self, on: date) -> str:
        return self._free_stem(f"utskrift-{on.isoformat()}", (".pdf",)) + ".pdf"

    def promote(self) -> None:
        """After the commit: move every staged file in place."""
        if self.preview:
            return
        self.final.mkdir(parents=True, exist_ok=True)
        for staged in self.written:
            if staged.exists():
                staged.replace(self.final / staged.name)
        self.written.clear()
        _remove_empty(self.folder)

    def discard(self) -> None:
        """The run failed before its commit: nothing it wrote may stay."""
        if self.preview:
            return
        for staged in self.written:
            staged.unlink(missing_ok=True)
        self.written.clear()
        _remove_empty(self.folder)


def _remove_empty(folder: Path) -> None:
    for path in (folder, folder.parent):
        try:
            path.rmdir()
        except OSError:
            return


def recover(letters_root: Path, recorded: Iterable[str], workspace_root: Path) -> tuple[int, int]:
    """Finish a killed run: staged files whose letter the store recorded (``recorded``: the
    ``letter`` paths of dunning events, relative to the workspace) are moved in place, every
    other staged file is deleted. Returns (moved, deleted)."""
    staging = Path(letters_root) / STAGING_FOLDER
    if not staging.is_dir():
        return 0, 0
    stems = {Path(r).with_suffix("").as_posix() for r in recorded if r}
    moved = deleted = 0
    for staged in sorted(p for p in staging.rglob("*") if p.is_file()):
        final = Path(letters_root) / staged.parent.name / staged.name
        key = final.relative_to(workspace_root).with_suffix("").as_posix()
        if not staged.name.endswith(".tmp") and key in stems:
            final.parent.mkdir(parents=True, exist_ok=True)
            staged.replace(final)
            moved += 1
        else:
            staged.unlink()
            deleted += 1
    for folder in sorted((p for p in staging.rglob("*") if p.is_dir()), reverse=True):
        _remove_empty(folder)
    _remove_empty(staging)
    return moved, deleted


COLLECTION_HEADER = [
    "Kundenr",
    "Navn",
    "Kundetype",
    "Orgnr",
    "Adresse",
    "E-post",
    "Fakturanr",
    "Forfall",
    "Dager over forfall",
    "Hovedstol",
    "Forsinkelsesrente",
    "Rente fra",
    "Rente til og med",
    "Purregebyr",
    "Standardkompensasjon",
    "Sum",
    "KID",
]


def collection_csv(notices: list[Notice]) -> bytes:
    """The hand-over file for the collection agency (semicolon CSV, UTF-8 with BOM for Excel)."""
    import io

    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=";")
    out.writerow(COLLECTION_HEADER)
    t = spreadsheet_text
    for n in notices:
        c = n.customer
        for line in n.lines:
            out.writerow(
                [
                    t(c.number),
                    t(c.name),
                    c.kind.value,
                    t(c.orgnr),
                    t(c.address),
                    t(c.email),
                    t(line.invoice_no),
                    line.due_date.isoformat(),
                    line.days_overdue,
                    money_str(line.principal),
                    money_str(line.interest),
                    line.interest_from.isoformat() if line.interest_from else "",
                    line.interest_through.isoformat() if line.interest_through else "",
                    money_str(line.fee + line.earlier_fees),
                    money_str(line.compensation),
                    money_str(line.total),
                    t(line.kid),
                ]
            )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
