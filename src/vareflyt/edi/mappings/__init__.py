"""EDIFACT message bodies <-> domain documents, one module per NeB message.

Each module has ``from_segments(body, *, message_ref, file=None) -> (document | None, issues)``
(``body`` = the pydifact segments between UNH and UNT; a document with an error is rejected
whole, so the document is None then) and ``to_segments(document) -> body``. Both take a
keyword ``codes`` (``ItemCodes``) for the item-number codes NeB may set differently: a partner's
NOBB code comes from its ``[partners."GLN"] nobb_code`` (``ItemCodes.for_partner(settings)``);
without it no PIA code is taken as NOBB, so ``NB`` keeps its UNCL 7143 meaning, batch number.

Other directory versions (D.93A–D.10A, EANCOM subsets) are read by the same mappings: they
differ from NeB D.03A in which qualifiers they pick (invoice total MOA+77/86/39/128 instead of
MOA+9, line amount MOA+38/66, quantity QTY+46, PRI+INV, DTM+3, NAD+SE), and those are read here;
``edi.validate`` warns that the partner should send D.03A and checks the D.03A structure.
"""

from __future__ import annotations

from types import ModuleType

from vareflyt.domain.issues import Issue, Source, error

from . import desadv, invoic, orders, ordrsp, pricat
from .common import DEFAULT_CODES, ItemCodes

MAPPINGS: dict[str, ModuleType] = {
    "ORDERS": orders,
    "ORDRSP": ordrsp,
    "DESADV": desadv,
    "INVOIC": invoic,
    "PRICAT": pricat,
}


def document_from_message(message, file: str | None = None, *, codes: ItemCodes = DEFAULT_CODES):
    """A reader ``Message`` (``number``, ``type``, ``body``) -> (document | None, issues)."""
    mapping = MAPPINGS.get(message.type)
    if mapping is None:
        where = Source(file=file, message=message.number, segment=1, tag="UNH")
        return None, [
            error(
                "edi.message_type",
                f"meldingstypen «{message.type}» støttes ikke her (kjente typer: {', '.join(MAPPINGS)})",
                where,
            )
        ]
    return mapping.from_segments(message.body, message_ref=message.number, file=file, codes=codes)


def message_type_of(document) -> str:
    """The EDIFACT message type that writes a domain document."""
    name = type(document).__name__
    types = {
        "Order": "ORDERS",
        "OrderResponse": "ORDRSP",
        "DespatchAdvice": "DESADV",
        "Invoice": "INVOIC",
        "PriceCatalogue": "PRICAT",
    }
    if name not in types:
        raise TypeError(f"ingen EDIFACT-melding for {name}")
    return types[name]


def segments_from_document(document, *, codes: ItemCodes = DEFAULT_CODES):
    """Domain document -> (message type, body segments)."""
    message_type = message_type_of(document)
    return message_type, MAPPINGS[message_type].to_segments(document, codes=codes)


__all__ = [
    "MAPPINGS",
    "ItemCodes",
    "DEFAULT_CODES",
    "document_from_message",
    "segments_from_document",
    "message_type_of",
    "Issue",
]
