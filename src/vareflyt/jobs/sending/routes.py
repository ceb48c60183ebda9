"""Which channel a document takes, from the partner's settings and the customer's e-mail.

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

from ...config.sending import PartnerChannel, looks_like_email
from ...store.sendable import Sendable

KIND_WORDS = {"order": "Bestilling", "edi_order": "EDI-bestilling", "notice": "Avviksvarsel", "letter": "Brev"}
CHANNEL_WORDS = {"email": "e-post", "sftp": "SFTP", "folder": "delt mappe", "none": "utskrift"}


@dataclass(frozen=True)
class Route:
    channel: str          # email | sftp | folder | none
    recipient: str        # address, host:port/folder, folder or "" (print)


def route(doc: Sendable, channel: PartnerChannel | None) -> Route | None:
    """The document's route; None when it stays in ``outbox/`` (EDIFACT without a channel)."""
    if doc.kind == "letter":
        return Route("email", doc.email) if looks_like_email(doc.email) else Route("none", "")
    channel = channel or PartnerChannel()
    if doc.kind == "edi_order":
        if channel.sftp is not None and channel.send in ("", "sftp"):
            return Route("sftp", f"{channel.sftp.host}:{channel.sftp.port}{_folder(channel.sftp.remote_folder)}")
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
