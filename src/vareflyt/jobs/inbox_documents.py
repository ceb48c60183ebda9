"""What a document handler of ``edi read`` receives and returns, and the checks every
handler shares: parsing a message into its document (rejected whole on any error) and the
envelope/party checks that decide whose document it is.

A handler is ``handler(ctx, conn, message, interchange) -> Accepted``; it raises ``Rejected`` to
reject the document whole (its transaction rolls back). ``partly_read`` names, in the reason file
of a file quarantined for some of its messages, the documents of it that were accepted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..domain.issues import Issue, Source, error, info
from ..domain.wording import plural
from ..store import log
from .suppliers import Suppliers, name_with_gln

if TYPE_CHECKING:
    from ..workspace import Workspace


JOB = "edi.read"


class Rejected(Exception):
    """Raised by a handler: the document is rejected whole (its transaction rolls back)."""

    def __init__(self, issues: list[Issue], number: str | None = None, partner: str | None = None):
        super().__init__(issues[0].message if issues else "avvist")
        self.issues, self.number, self.partner = issues, number, partner


@dataclass
class Accepted:
    number: str | None
    partner: str | None
    issues: list[Issue] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class InboxFile:
    """The inbox file being read: its name and hash, the workspace, our GLN and the day's clock."""

    ws: Workspace
    our_gln: str
    accept_unsolicited: bool
    today: date
    now: datetime
    file: str
    sha256: str
    codes: Any = None  # the sending partner's ItemCodes, set per interchange by read_inbox
    _directory: Suppliers | None = field(default=None, repr=False, compare=False)

    def party(self, gln: str | None) -> str:
        """A party for a person, "Name (GLN)" (``jobs.suppliers``; read on first use, as only a
        rejected document needs it); our own GLN is named from [company] when no party has it."""
        if not gln:
            return "mangler"
        if self._directory is None:
            self._directory = Suppliers(self.ws)
        own = self.ws.config.company.name if gln == self.our_gln else None
        return name_with_gln(gln, self._directory.known(gln) or own)


Handler = Callable[[InboxFile, Any, Any, Any], Accepted]


def parse_message(module, msg, ctx: InboxFile):
    """The message mapped with the sending partner's item codes (its ``nobb_code``, if any)."""
    extra = {"codes": ctx.codes} if ctx.codes is not None else {}
    doc, issues = module.from_segments(msg.body, message_ref=msg.number, file=ctx.file, **extra)
    if doc is None:
        raise Rejected([i for i in issues if i.is_error] or issues)
    return doc, [i for i in issues if not i.is_error]


# The checks every received document shares (EDIFACT and EHF): its supplier is known and its
# buyer is us. How a missing supplier is reported is the caller's, as the formats differ.


def unknown_supplier(ctx: InboxFile, conn, gln: str, src: Source) -> list[Issue]:
    """An error unless ``gln`` is a party in the store or a partner in vareflyt.toml."""
    from ..store.purchase_orders import known_supplier

    if gln in ctx.ws.config.partners or known_supplier(conn, gln):
        return []
    return [
        error(
            "edi.unknown_sender", f"Leverandør-GLN {gln} er ukjent (ikke i parter eller vareflyt.toml)", src
        )
    ]


def not_our_buyer(ctx: InboxFile, buyer, src: Source) -> list[Issue]:
    """An error when the document names another buyer GLN than ours."""
    if ctx.our_gln and buyer.gln and buyer.gln != ctx.our_gln:
        return [
            error("edi.buyer", f"Kjøperen {ctx.party(buyer.gln)} er ikke oss ({ctx.party(ctx.our_gln)})", src)
        ]
    return []


def checked_partner(ctx: InboxFile, conn, ic, supplier, buyer, number) -> str:
    """The supplier GLN, after the envelope and party checks that reject a document."""
    src = Source(file=ctx.file)
    gln = supplier.gln
    problems = (
        unknown_supplier(ctx, conn, gln, src)
        if gln
        else [error("edi.supplier_gln", "Leverandøren (NAD+SU) har ikke GLN", src)]
    )
    if ctx.our_gln and ic.receiver and ic.receiver != ctx.our_gln:
        problems.append(
            error(
                "edi.recipient",
                f"Fila er adressert til {ctx.party(ic.receiver)}, ikke til oss ({ctx.party(ctx.our_gln)})",
                src,
            )
        )
    problems += not_our_buyer(ctx, buyer, src)
    if gln and ic.sender and ic.sender != gln and not problems:
        problems.append(
            error(
                "edi.sender", f"Avsenderen {ctx.party(ic.sender)} er ikke leverandøren {ctx.party(gln)}", src
            )
        )
    if problems:
        raise Rejected(problems, number, gln or ic.sender)
    return gln


def log_rejected(
    ctx: InboxFile, doc_type: str | None, number: str | None, partner: str | None, issues: list[Issue]
) -> None:
    """Log an inbox document rejected whole (an EDIFACT message or an EHF file): the file and its
    hash, whose and which document it was, and its first five problems."""
    with ctx.ws.store.transaction() as conn:
        log.record(
            conn,
            job=JOB,
            status="rejected",
            file_name=ctx.file,
            file_hash=ctx.sha256,
            partner=partner,
            doc_type=doc_type,
            doc_number=number,
            at=ctx.now,
            message="; ".join(i.message for i in issues[:5]),
        )


def partly_read(documents: list[dict], file: str) -> list[Issue]:
    """For the reason file of a file quarantined for some of its messages: the documents of it
    that were accepted, so whoever fixes the file does not send them again (they would be read
    twice: an invoice as a duplicate, a packing slip refused for its number)."""
    taken = [d for d in documents if d["status"] == "accepted"]
    if not taken:
        return []
    named = ", ".join(f"{d['type']} {d['number'] or ''}".rstrip() for d in taken[:20])
    return [
        info(
            "edi.partly_read",
            f"{plural(len(taken), 'dokument', 'dokumenter')} fra fila er godtatt og lest ({named}); "
            "legg ikke hele fila tilbake i inbox, send bare de avviste meldingene på nytt",
            Source(file=file),
        )
    ]
