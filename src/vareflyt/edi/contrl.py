"""CONTRL syntax and service report for a received interchange (syntax 3, ``CONTRL:D:3:UN``).

Accepted: ``UCI+<ref>+<sender>+<recipient>+7`` (interchange and everything in it acknowledged).
Rejected as a whole (an envelope error): ``UCI+...+4+<syntax error code>+<service segment>``.
Otherwise UCI action 7 and one ``UCM`` per message, action 7 or 4; a rejected message lists
its faulty segments as ``UCS+<segment position>+<syntax error code>``. Only error issues count;
warnings are not reported back. Pass the issues of this one interchange (reader and validator).
"""

from __future__ import annotations

from datetime import datetime

from ..domain.issues import Issue
from .lexer import make_segment
from .model import Interchange
from .writer import write_interchange

CONTRL_TYPE = "CONTRL:D:3:UN"
RECEIVED, ACCEPTED, REJECTED = "8", "7", "4"

# issue code -> UN/EDIFACT syntax error code (0085)
SYNTAX_ERROR = {
    "edi.unz_count": "29",
    "edi.unt_count": "29",
    "edi.une_count": "29",
    "edi.unz_ref": "28",
    "edi.unt_ref": "28",
    "edi.une_ref": "28",
    "edi.missing_unz": "13",
    "edi.missing_unt": "13",
    "edi.missing_une": "13",
    "edi.missing_unb": "13",
    "edi.missing_segment": "13",
    "edi.required": "13",
    "edi.line_required": "13",
    "edi.unb_malformed": "12",
    "edi.unh_malformed": "12",
    "edi.unb_gln": "12",
    "edi.value": "12",
    "edi.code": "12",
    "edi.qualifier": "12",
    "edi.order": "15",
    "edi.unknown_segment": "15",
    "edi.too_many": "35",
    "edi.outside_message": "33",
    "edi.outside_interchange": "33",
    "edi.bad_tag": "21",
    "edi.binary": "21",
    "edi.garbage": "21",
    "edi.truncated": "13",
    "edi.lone_release": "22",
    "edi.una": "20",
    "edi.encoding": "21",
    "edi.charset": "21",
    "edi.element_count": "16",
    "edi.component_count": "16",
    "edi.mandatory": "13",
    "edi.length": "39",
    "edi.type": "37",
    "edi.characters": "21",
    "edi.bounds": "12",
    "edi.negative": "12",
    "edi.document_number": "13",
    "edi.line_number": "12",
    "edi.cnt": "12",
}
_ENVELOPE_TAG = {
    "edi.unz_count": "UNZ",
    "edi.unz_ref": "UNZ",
    "edi.missing_unz": "UNZ",
    "edi.unb_malformed": "UNB",
    "edi.unb_gln": "UNB",
    "edi.une_count": "UNE",
    "edi.une_ref": "UNE",
    "edi.missing_une": "UNE",
}


def wants_contrl(interchange: Interchange) -> bool:
    """True when the sender asked for an acknowledgement in UNB (0031 = 1)."""
    return interchange.ack_requested


def contrl_body(interchange: Interchange, issues: list[Issue]) -> list:
    """The CONTRL segments between UNH and UNT."""
    errors = [i for i in issues if i.is_error]
    envelope = [i for i in errors if i.source.message is None]
    sender = [interchange.sender, interchange.sender_qualifier or ""]
    recipient = [interchange.receiver, interchange.receiver_qualifier or ""]
    if envelope:
        first = envelope[0]
        uci = [interchange.control_ref, sender, recipient, REJECTED, SYNTAX_ERROR.get(first.code, "18")]
        tag = _ENVELOPE_TAG.get(first.code)
        if tag:
            uci.append(tag)
        return [make_segment("UCI", uci)]
    body = [make_segment("UCI", [interchange.control_ref, sender, recipient, ACCEPTED])]
    if not errors:
        return body
    by_message: dict[int, list[Issue]] = {}
    for issue in errors:
        by_message.setdefault(issue.source.message, []).append(issue)
    for msg in interchange.messages:
        s009 = [msg.type, msg.version, msg.release, msg.agency] + (
            [msg.association] if msg.association else []
        )
        found = by_message.get(msg.number, [])
        if not found:
            body.append(make_segment("UCM", [msg.ref, s009, ACCEPTED]))
            continue
        service = [
            i
            for i in found
            if i.source.tag in ("UNH", "UNT") and i.code.startswith(("edi.unt", "edi.missing_unt", "edi.unh"))
        ]
        if service:
            body.append(
                make_segment(
                    "UCM",
                    [msg.ref, s009, REJECTED, SYNTAX_ERROR.get(service[0].code, "18"), service[0].source.tag],
                )
            )
        else:
            body.append(make_segment("UCM", [msg.ref, s009, REJECTED]))
        seen: set[tuple[int, str]] = set()
        for issue in found:
            if issue in service or issue.source.segment is None:
                continue
            key = (issue.source.segment, SYNTAX_ERROR.get(issue.code, "18"))
            if key not in seen:
                seen.add(key)
                body.append(make_segment("UCS", [str(key[0]), key[1]]))
    return body


def build_contrl(
    interchange: Interchange, issues: list[Issue], *, own_gln: str, control_ref: str, prepared: datetime
) -> bytes:
    """A CONTRL interchange from us (``own_gln``) back to the interchange's sender.

    The UNB mirrors how the partner identified the parties: the recipient is the original
    sender with the qualifier it used (``14`` GLN, ``1`` DUNS, ``ZZZ`` mutually agreed, or none);
    we are the sender with the qualifier the partner used for us when it addressed us by our
    GLN, else ``14`` (our GLN is a GLN, whatever id the partner used for us).
    """
    body = contrl_body(interchange, issues)
    ours = interchange.receiver_qualifier if interchange.receiver == own_gln else "14"
    return write_interchange(
        own_gln,
        interchange.sender,
        [(CONTRL_TYPE, body)],
        control_ref,
        prepared,
        sender_qualifier=ours,
        receiver_qualifier=interchange.sender_qualifier,
    )


def contrl_status(interchange_result_issues: list[Issue]) -> str:
    """'7' when nothing was rejected, else '4' (for logs)."""
    return REJECTED if any(i.is_error for i in interchange_result_issues) else ACCEPTED
