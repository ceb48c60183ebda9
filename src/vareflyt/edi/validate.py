"""Validate read EDIFACT against the NeB message guides (``guides``): structure, qualifiers,
code values, formats and required content; every data element against the D.03A directory and
the syntax level's characters (``elements``); and the formal checks a receiver makes
(``formal``: document number, line numbers, CNT, sane quantities and amounts). Every finding
is an Issue with message number, segment number in the message (UNH = 1) and tag.

This module does the message-level work: the guide and version, UNH/UNT, the UNB parties,
the content NeB requires per message and per line, and the formal checks. The pass over the
body's segments (element and value checks, line bookkeeping) is ``segment_pass.walk_body``;
the segment order against the guide's group tree is ``structure_walk``.
"""

from __future__ import annotations

from ..collector import collector_paused
from ..domain.issues import Issue, Source, error, info, warning
from . import values
from .checks import DIRTY, compiled_checks
from .formal import message_issues
from .guides import LINE_REQUIRED, REQUIRED, GuideSettings, structure
from .model import Message, ReadResult
from .segment_pass import add_element_issues, walk_body

_DEFAULT = GuideSettings()


def validate_message(
    message: Message,
    *,
    settings: GuideSettings | None = None,
    file: str | None = None,
    decimal: str = ".",
    syntax: str | None = None,
) -> list[Issue]:
    """Issues for one message against its NeB guide (empty list when it conforms). ``syntax`` is
    the interchange's syntax identifier (UNOA, UNOB, UNOC...); by default the message's own."""
    settings = settings or _DEFAULT
    if syntax is None:
        syntax = getattr(message, "syntax_id", "") or ""
    out: list[Issue] = []

    def src(number: int, tag: str | None) -> Source:  # built only when there is an issue
        return Source(file=file, message=message.number, segment=number, tag=tag)

    try:
        root = structure(message.type)
    except KeyError:
        out.append(
            info(
                "edi.no_guide",
                f"Ingen NeB-guide for meldingstypen {message.type or '?'}; bare konvolutten er kontrollert",
                src(1, "UNH"),
            )
        )
        return out
    if message.type != "CONTRL" and (message.version, message.release) != ("D", "03A"):
        out.append(
            warning(
                "edi.version",
                f"Meldingen er {message.type} {message.directory}; NeB bruker D:03A:UN. "
                "Kontrollert mot D.03A",
                src(1, "UNH"),
            )
        )
    body = message.body
    spec = _line_spec(message.type)
    # a file read as ASCII holds nothing UNOC forbids but control characters, which the reader refuses
    plain = syntax == "UNOC" and getattr(message, "encoding", "") == "ascii"
    compiled = compiled_checks(message.type, settings, "" if plain else syntax)
    where = (message.type, syntax)
    segs = message.segments
    ends = [(1, segs[0])] if segs and segs[0].tag == "UNH" else []
    if message.closed and len(segs) > 1 and segs[-1].tag == "UNT":
        ends.append((len(segs), segs[-1]))
    for number, seg in ends:  # UNH and UNT are in the directory too (message reference an..14 ...)
        if compiled[0][seg.tag][0](seg.elements, len(seg.elements)) is DIRTY:
            add_element_issues(seg, number, where, out, src, [])
    lines = walk_body(root, body, out, src, spec, compiled, decimal, where)
    _required(message.type, body, lines, spec, out, src)
    for number, tag, code, text in message_issues(message.type, body, lines[4], lines[1], lines[3]):
        out.append(error(code, text, src(number, tag)))
    return out


def validate_interchange(result: ReadResult, *, settings: GuideSettings | None = None) -> list[Issue]:
    """Reader issues plus envelope identity checks plus guide issues for every message."""
    with collector_paused(freeze_after=True):
        return _validate_all(result, settings)


def _validate_all(result: ReadResult, settings: GuideSettings | None) -> list[Issue]:
    issues = list(result.issues)
    for ic in result.interchanges:
        for role, gln, qual in (
            ("avsender", ic.sender, ic.sender_qualifier),
            ("mottaker", ic.receiver, ic.receiver_qualifier),
        ):
            problem = values.check_gln(gln) if qual == "14" else None
            if problem:
                issues.append(
                    error("edi.unb_gln", f"UNB {role}: {problem}", Source(file=result.file, tag="UNB"))
                )
        for msg in ic.messages:
            issues.extend(
                validate_message(
                    msg,
                    settings=settings,
                    file=result.file,
                    decimal=ic.separators.decimal,
                    syntax=ic.syntax_id,
                )
            )
    return issues


def _line_spec(mtype: str) -> tuple[dict[str, dict[str, int]], int, list[tuple[str, str, int]]]:
    """LINE_REQUIRED as bits: {tag: {qualifier: bit}}, all bits, [(tag, qualifiers, bit)]."""
    spec = _LINE_SPECS.get(mtype)
    if spec is None:
        bits: dict[str, dict[str, int]] = {}
        reqs = []
        for n, (tag, quals) in enumerate(LINE_REQUIRED.get(mtype, [])):
            bits.setdefault(tag, {}).update({q: 1 << n for q in quals.split()})
            reqs.append((tag, quals, 1 << n))
        spec = _LINE_SPECS[mtype] = (bits, (1 << len(reqs)) - 1, reqs)
    return spec


_LINE_SPECS: dict[str, tuple] = {}


def _qual(seg) -> str:
    els = seg.elements
    if not els:
        return ""
    first = els[0]
    return (first[0] if first else "") if first.__class__ is list else first


def _required(mtype: str, body, lines: tuple, spec: tuple, out: list[Issue], src) -> None:
    """Content NeB requires per message and per line.

    Header and summary (before the first LIN, from UNS) are searched first; the lines only
    when a message-level requirement was not met outside them."""
    first, _, missing, uns, _ = lines
    first_lin = min(first - 2, uns) if first else uns
    required = REQUIRED.get(mtype, [])
    req_tags = {t for t, _ in required}
    outside = [*range(first_lin), *range(uns, len(body))]
    present = {(body[i].tag, _qual(body[i])) for i in outside if body[i].tag in req_tags}
    for tag, quals in required:
        options = [(tag, q) for q in quals.split()] if quals else None

        def met(found: set, options: list | None = options, tag: str = tag) -> bool:
            return any(o in found for o in options) if options else any(t == tag for t, _ in found)

        if met(present):
            continue
        inner = {(body[i].tag, _qual(body[i])) for i in range(first_lin, uns) if body[i].tag == tag}
        if not met(inner):
            shown = f"{tag}+{quals.replace(' ', '/')}" if quals else tag
            out.append(
                error("edi.required", f"{mtype} mangler {shown}, som NeB krever", src(len(body) + 2, tag))
            )
    for number, mask in missing:
        line_no = _qual(body[number - 2])
        for tag, quals, bit in spec[2]:
            if not mask & bit:
                out.append(
                    error(
                        "edi.line_required",
                        f"Linje {line_no or '?'} mangler {tag}+{quals.replace(' ', '/')}",
                        src(number, "LIN"),
                    )
                )
