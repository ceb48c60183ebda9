"""Parse untrusted XML (EHF invoices, camt.054 bank files) safely with lxml: no DTDs, no entities,
no network.

``parse_xml(data, file=None, max_bytes=..., label="EHF", prefix="ehf")`` returns
``(root element | None, issues)``; ``label`` names the format in the messages and ``prefix``
starts the issue codes (``ehf.dtd``, ``camt.dtd`` …).
Refused with a Norwegian issue, never an exception: input over the size limit, a DOCTYPE or
ENTITY declaration (external entities, "billion laughs") anywhere in the file, XML that is not
well formed, and trees deeper than a sane limit. The DOCTYPE is refused twice over: the bytes
are searched for a declaration (the whole file, not a prefix), and — what also holds for
encodings the byte search cannot see, such as UTF-16 — the parsed tree must have no doctype
and no internal DTD. The parser itself never resolves entities, never loads a DTD,
never touches the network and keeps libxml2's limits on huge text nodes (``huge_tree=False``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree

from vareflyt.domain.issues import Issue, Source, error

MAX_BYTES = 20 * 1024 * 1024  # an EHF invoice with attachments is rarely above a few MB
MAX_DEPTH = 200

_DECL = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


# libxml2's words for the faults partners' files have most often -> what they mean, in Norwegian
_SYNTAX = (
    (
        ("Invalid bytes in character encoding", "not proper UTF-8", "Input is not proper"),
        "tegnene er ikke kodet slik filen oppgir (UTF-8 når XML-deklarasjonen ikke sier noe annet); "
        "be avsenderen sende filen som UTF-8",
    ),
    (
        ("Premature end of data", "EndTag: '</' not found"),
        "filen slutter før XML-dokumentet er ferdig (avkortet?)",
    ),
    (("Opening and ending tag mismatch",), "en sluttagg passer ikke til starttaggen"),
    (("xmlParseEntityRef", "EntityRef: expecting ';'"), "et &-tegn i teksten er ikke skrevet som &amp;"),
    (("Namespace prefix",), "et navneromsprefiks (f.eks. cbc:) brukes uten å være deklarert"),
)


def syntax_message(detail: str) -> str:
    """The user's message for a file libxml2 cannot parse: what is wrong in Norwegian when the
    fault is a known one, libxml2's own words kept in parentheses for whoever fixes the file."""
    meaning = next((text for needles, text in _SYNTAX if any(n in detail for n in needles)), None)
    return (
        f"Filen er ikke gyldig XML: {meaning} ({detail})"
        if meaning
        else f"Filen er ikke gyldig XML: {detail}"
    )


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        remove_pis=True,
        collect_ids=False,
    )


def _depth_ok(root) -> bool:
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        stack.extend((child, depth + 1) for child in node)
    return True


def parse_xml(
    data: bytes,
    file: str | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    label: str = "EHF",
    prefix: str = "ehf",
):
    """Bytes -> (root element, []) or (None, [issue]); issue codes ``ehf.*`` become
    ``<prefix>.*`` for another format (``camt.dtd``)."""
    root, issues = _parse(data, file, max_bytes, label)
    if prefix != "ehf":
        issues = [replace(i, code=f"{prefix}.{i.code.split('.', 1)[1]}") for i in issues]
    return root, issues


def _parse(data: bytes, file: str | None, max_bytes: int, label: str):
    where = Source(file=file)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        return None, [error("ehf.xml", "Innholdet er ikke en fil (bytes)", where)]
    data = bytes(data)
    if len(data) > max_bytes:
        return None, [
            error(
                "ehf.too_large",
                f"Filen er for stor til å leses som {label} ({len(data)} byte, grensen er {max_bytes} byte)",
                where,
            )
        ]
    if not data.strip():
        return None, [error("ehf.empty", "Filen er tom", where)]
    found = _DECL.search(data)
    if found:
        line = data.count(b"\n", 0, found.start()) + 1
        return None, [
            error(
                "ehf.dtd",
                f"XML-filen inneholder en DOCTYPE- eller ENTITY-deklarasjon; det er "
                f"ikke tillatt i {label} og blir ikke lest (mulig XML-angrep)",
                Source(file=file, row=line),
            )
        ]
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None)
        return None, [
            error("ehf.xml", syntax_message(str(getattr(exc, "msg", exc))), Source(file=file, row=line))
        ]
    except (ValueError, MemoryError) as exc:  # e.g. encoding declarations lxml refuses
        return None, [error("ehf.xml", f"Filen kan ikke leses som XML: {exc}", where)]
    if root is None:
        return None, [error("ehf.xml", "Filen inneholder ikke noe XML-element", where)]
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        return None, [error("ehf.dtd", f"XML-filen har en DOCTYPE; det er ikke tillatt i {label}", where)]
    if not _depth_ok(root):
        return None, [error("ehf.xml", f"XML-filen er nøstet dypere enn {MAX_DEPTH} nivåer", where)]
    return root, []


__all__ = ["parse_xml", "MAX_BYTES", "Issue"]
