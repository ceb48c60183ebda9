"""The channels a document can leave by, behind one small seam, and the two that need no server.

A channel has ``deliver(row) -> receipt`` (raises ``SendFailed`` with a Norwegian reason a
person can act on) and ``check(row) -> bool | None``, asked about a row a killed run left
half-sent: True when the document is there (it counts as sent), False when it is certainly not
(it may go again), None when the channel cannot tell (e-mail): then a person decides.

* ``FolderChannel`` copies the files into a shared folder under a temporary name beginning with
  a dot and renames them, so the program that picks them up never sees half a file; a file of
  the same name with other content is never overwritten.
* ``PrintChannel`` gathers the files in ``letters/print/<date>/`` for a person with a printer.

Which channel a document takes (``route``):

* a dunning letter goes by e-mail to the customer's address (the Kunder sheet's, else the
  receivables export's); without one it goes into the print batch (channel ``none``);
* a printable order or a deviation notice goes by e-mail when the supplier has ``email`` (and
  ``send`` is not ``none``/``folder``), to the shared folder when ``send = "folder"``, else into the
  print batch;
* an EDIFACT order goes by SFTP or to the shared folder; with neither it stays in ``outbox/``
  for the program that picks it up there today (no route, nothing recorded).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from ...config.sending import PartnerChannel, looks_like_email
from ...files import write_bytes
from ...safe_paths import UnsafeName, inside
from ...store.outbox_ledger import LedgerRow
from ...store.sendable import Sendable

PRINT_FOLDER = Path("letters") / "print"


class SendFailed(Exception):
    """The document did not leave; ``str(exc)`` is the reason in Norwegian."""


class Channel(Protocol):
    name: str

    def deliver(self, row: LedgerRow) -> str: ...

    def check(self, row: LedgerRow) -> bool | None: ...


def source_files(root: Path, row: LedgerRow) -> list[Path]:
    """The row's files in the workspace; SendFailed naming the first one missing."""
    paths = [root / f for f in row.files]
    for path in paths:
        if not path.is_file():
            raise SendFailed(
                f"Filen {Path(path).relative_to(root).as_posix()} finnes ikke lenger, så "
                f"{row.title} kan ikke sendes. Lag dokumentet på nytt."
            )
    return paths


def _target(folder: Path, name: str) -> Path:
    try:
        return inside(folder, name)
    except UnsafeName:
        raise SendFailed(f"Filnavnet {name!r} kan ikke brukes i {folder}.") from None


def copy_into(folder: Path, files: list[Path]) -> list[Path]:
    """Copy each file in under ``.<name>.tmp`` and rename; the same bytes already there count as
    copied, other bytes under the name stop the copy (never overwritten)."""
    out = []
    for path in files:
        target = _target(folder, path.name)
        data = path.read_bytes()
        if target.exists():
            if target.read_bytes() != data:
                raise SendFailed(
                    f"{target} finnes allerede med annet innhold; vareflyt overskriver den ikke. "
                    f"Flytt eller slett den gamle filen."
                )
            out.append(target)
            continue
        write_bytes(target, data, temp_name=f".{target.name}.tmp")  # the name check() looks for
        out.append(target)
    return out


class FolderChannel:
    name = "folder"

    def __init__(self, root: Path, *, files_root: Path | None = None):
        self.root = root  # a relative destination folder is from the workspace
        self.files_root = files_root or root  # where the documents are (see run.channels)

    def _folder(self, row: LedgerRow) -> Path:
        folder = Path(row.recipient)
        folder = folder if folder.is_absolute() else self.root / folder
        if not folder.is_dir():
            raise SendFailed(
                f"Mappen {folder} finnes ikke eller er ikke tilgjengelig. Sjekk folder under "
                f'[partners."{row.partner}"] og at delingen er koblet til.'
            )
        return folder

    def deliver(self, row: LedgerRow) -> str:
        try:
            copied = copy_into(self._folder(row), source_files(self.files_root, row))
        except OSError as exc:
            raise SendFailed(f"Kunne ikke skrive til {row.recipient}: {exc.strerror or exc}.") from None
        return ", ".join(str(p) for p in copied)

    def check(self, row: LedgerRow) -> bool | None:
        """There with the same bytes: sent. Only the temporary copy there: never seen, may go
        again. Neither (picked up already, or never copied): cannot tell."""
        try:
            folder = self._folder(row)
            for path in source_files(self.files_root, row):
                final, tmp = folder / path.name, folder / f".{path.name}.tmp"
                if final.is_file() and final.read_bytes() == path.read_bytes():
                    continue
                if not final.exists() and tmp.is_file():
                    tmp.unlink()
                    return False
                return None
            return True
        except (SendFailed, OSError):
            return None


class PrintChannel:
    name = "none"

    def __init__(self, root: Path, on: date):
        self.root = root
        self.folder = root / PRINT_FOLDER / on.isoformat()

    def deliver(self, row: LedgerRow) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        files = [p for p in source_files(self.root, row) if p.suffix.lower() == ".pdf"] or source_files(
            self.root, row
        )
        copied = copy_into(self.folder, files)
        return ", ".join(p.relative_to(self.root).as_posix() for p in copied)

    def check(self, row: LedgerRow) -> bool | None:
        return False  # putting it in the print batch again is harmless


KIND_WORDS = {
    "order": "Bestilling",
    "edi_order": "EDI-bestilling",
    "notice": "Avviksvarsel",
    "letter": "Brev",
}
CHANNEL_WORDS = {"email": "e-post", "sftp": "SFTP", "folder": "delt mappe", "none": "utskrift"}


@dataclass(frozen=True)
class Route:
    channel: str  # email | sftp | folder | none
    recipient: str  # address, host:port/folder, folder or "" (print)


def route(doc: Sendable, channel: PartnerChannel | None) -> Route | None:
    """The document's route; None when it stays in ``outbox/`` (EDIFACT without a channel)."""
    if doc.kind == "letter":
        return Route("email", doc.email) if looks_like_email(doc.email) else Route("none", "")
    channel = channel or PartnerChannel()
    if doc.kind == "edi_order":
        if channel.sftp is not None and channel.send in ("", "sftp"):
            return Route(
                "sftp", f"{channel.sftp.host}:{channel.sftp.port}{_folder(channel.sftp.remote_folder)}"
            )
        if channel.folder and channel.send in ("", "folder"):
            return Route("folder", channel.folder)
        return None
    if channel.send == "folder" and channel.folder:
        return Route("folder", channel.folder)
    if channel.email and channel.send in ("", "email", "sftp"):
        return Route("email", channel.email)
    return Route("none", "")


def _folder(remote: str) -> str:
    return remote if remote.startswith("/") else f"/{remote}"


def title(doc: Sendable, partner_name: str) -> str:
    """What people read: "Bestilling 100001 til Trelast Vest AS (7080000000029)"."""
    if doc.kind == "letter":
        from ...domain.receivables import Level

        level = Level(doc.number).label_nb if doc.number in {lv.value for lv in Level} else "Brev"
        return f"{level} til {doc.name or 'kunde'} ({doc.partner})"
    if doc.kind == "notice":
        return f"Avviksvarsel til {partner_name}"
    return f"{KIND_WORDS[doc.kind]} {doc.number} til {partner_name}"
