"""Tell EHF (UBL 2.1 Invoice / CreditNote XML) from EDIFACT and other files by their first bytes.

Only sniffs; parsing is ``safe_xml.parse_xml``. ``ehf_kind(data)`` gives "Invoice",
"CreditNote" or None, looking past a long prolog or a PEPPOL envelope header when the root is
not in the first 8 KB; ``looks_like_xml(data)`` says whether a file starts like XML at all.
"""

from __future__ import annotations

import re

INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(Invoice|CreditNote)[\s>/]")


def _start(data: bytes, size: int = 8192) -> bytes:
    head = data[:size]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if head[:2] in (b"<\x00", b"\x00<"):  # UTF-16 without BOM-stripping: drop the zero bytes
        head = head.replace(b"\x00", b"")
    elif b"\x00" in head[:4]:
        head = head.replace(b"\x00", b"")
    return head.lstrip()


def looks_like_xml(data: bytes) -> bool:
    return _start(data).startswith(b"<")


_PROLOG_ITEM = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.S)  # XML declaration, PI, comment
_SBDH_HEADER_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?StandardBusinessDocumentHeader\s*>")


def _document_start(data: bytes, size: int = 8192) -> bytes:
    """The first ``size`` bytes from the document's own root element: past a prolog of any
    length (a licence comment, a stylesheet) and past a PEPPOL envelope's header (SBDH)."""
    pos, found = 0, _PROLOG_ITEM.match(data)
    while found and found.end() > pos:
        pos = found.end()
        found = _PROLOG_ITEM.match(data, pos)
    header_end = _SBDH_HEADER_END.search(data, pos, pos + 1024 * 1024)
    if header_end is not None:
        pos = header_end.end()
    return data[pos : pos + size]


_ANY_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def root_name(data: bytes) -> str | None:
    """The local name of the document's root element (inside a PEPPOL envelope: of the document it
    carries), e.g. "Order" or "ApplicationResponse"; None when the bytes do not tell."""
    found = _ANY_ROOT.match(_document_start(data.removeprefix(_BOMS[0])).lstrip())
    return found.group(1).decode("ascii") if found else None


def ehf_kind(data: bytes) -> str | None:
    """ "Invoice" / "CreditNote" when the bytes look like a UBL invoice or credit note."""
    head = _start(data)
    if not head.startswith(b"<"):
        return None
    if _ROOT.search(head) is None and b"\x00" not in head and len(data) > len(head):
        head = _document_start(data.removeprefix(_BOMS[0]))  # the root is further in (UTF-8 / Latin-1)
    match = _ROOT.search(head)
    if match is None:
        return None
    kind = match.group(1).decode()
    namespace = (INVOICE_NS if kind == "Invoice" else CREDIT_NOTE_NS).encode()
    return kind if namespace in head else None


def is_ehf(data: bytes) -> bool:
    return ehf_kind(data) is not None
