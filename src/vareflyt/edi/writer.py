"""Write EDIFACT: message bodies -> a UNOC interchange as Latin-1 bytes.

``write_interchange`` adds the envelope (UNA, UNB with sender/receiver GLN qualifier 14 unless
told otherwise, preparation date/time and control reference, UNH/UNT per message with the right
segment count, UNZ). Every separator and the release character in data is released with ``?``,
trailing empty data elements and components are left out, ``Decimal`` values are written with
``.`` as decimal mark. Characters outside Latin-1 are replaced by a close Latin-1 spelling
(``€`` -> ``EUR``, ``’`` -> ``'``, accents stripped) so the file stays valid UNOC.

Nothing is written that exceeds the D.03A directory: every segment of every message is checked
(element and component counts, maximum lengths, counted as a receiver counts them) and a value
that does not fit raises ``EdifactWriteError`` with an issue per problem, rather than being cut.
The mappings split long names and texts over the repeating components first (``mappings.bounded``).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from decimal import Decimal
from functools import lru_cache

from pydifact.segments import Segment

from ..domain.issues import Issue, Source, VareflytError, error
from .directory import load
from .elements import problems
from .lexer import make_segment
from .quickcheck import compiled
from .separators import DEFAULT, Separators

__all__ = [
    "write_interchange",
    "serialize",
    "normalise_elements",
    "message_header",
    "EdifactWriteError",
    "limit_issues",
    "latin1",
]


class EdifactWriteError(VareflytError):
    """A value does not fit where D.03A puts it: nothing was written. ``issues`` say where."""


_FALLBACK = {
    "€": "EUR",
    "‘": "'",
    "’": "'",
    "‚": ",",
    "“": '"',
    "”": '"',
    "„": '"',
    "–": "-",
    "—": "-",
    "…": "...",
    "•": "*",
    "™": "TM",
    "\u2009": " ",
    "\u202f": " ",
    "\u2212": "-",
}


_CONTROLS = {c: " " for c in [*range(32), *range(127, 160)]}  # not allowed in UNOC data


def latin1(text: str) -> str:
    """Replace characters that Latin-1 (UNOC) cannot hold.

    >>> latin1("Pris 10 € – ‘god’ ŝ")
    "Pris 10 EUR - 'god' s"
    """
    out = []
    for ch in text:
        if ord(ch) < 256:
            out.append(ch)
        elif ch in _FALLBACK:
            out.append(_FALLBACK[ch])
        else:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", ch) if ord(c) < 256 and not unicodedata.combining(c)
            )
            out.append(base or "_")
    return "".join(out)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    text = value if isinstance(value, str) else str(value)
    if "\n" in text or "\r" in text or "\t" in text:
        text = " ".join(text.replace("\t", " ").splitlines())
    return text


def normalise_elements(elements: list) -> list:
    """Elements as they will read back: trailing empty components and data elements dropped,
    a composite of one component becomes a str (pydifact's representation)."""
    out: list = []
    for el in elements:
        if isinstance(el, (list, tuple)):
            comps = [_text(c) for c in el]
            while comps and comps[-1] == "":
                comps.pop()
            out.append("" if not comps else comps[0] if len(comps) == 1 else comps)
        else:
            out.append(_text(el))
    while out and out[-1] == "":
        out.pop()
    return out


def serialize(
    segments: list[Segment], seps: Separators = DEFAULT, *, una: bool = False, newline: bool = False
) -> str:
    """Segments -> EDIFACT text with releases; no trailing empty elements or components."""
    rel = seps.release or ""
    table = dict(_CONTROLS)
    if rel:
        table.update(str.maketrans({c: rel + c for c in seps.specials}))
    needs = re.compile("[" + re.escape("".join(map(chr, table))) + "]").search  # most values need nothing
    comp, data, term = seps.component, seps.data, seps.terminator + ("\n" if newline else "")
    parts = [seps.una + ("\n" if newline else "")] if una else []
    add = parts.append
    for seg in segments:
        if seg.tag == "UNA":
            continue
        els = []
        for el in seg.elements:
            if el.__class__ is str:
                els.append(el.translate(table) if needs(el) else el)
            elif isinstance(el, (list, tuple)):
                comps = [c if c.__class__ is str else _text(c) for c in el]
                comps = [c.translate(table) if needs(c) else c for c in comps]
                while comps and comps[-1] == "":
                    comps.pop()
                els.append(comp.join(comps))
            else:
                text = _text(el)
                els.append(text.translate(table) if needs(text) else text)
        while els and els[-1] == "":
            els.pop()
        add(seg.tag + data + data.join(els) + term if els else seg.tag + term)
    return "".join(parts)


def message_header(ref: str, message_type: str) -> Segment:
    """UNH for a message type: ``ORDERS`` -> ``ORDERS:D:03A:UN``; a full ``CONTRL:D:3:UN`` as given."""
    s009 = message_type.split(":") if ":" in message_type else [message_type, "D", "03A", "UN"]
    return make_segment("UNH", [ref, s009])


def limit_issues(segments: list[Segment], message: int | None = None) -> list[Issue]:
    """What in these segments (one message, UNH first or not) exceeds D.03A, looked at as it is
    written (trailing empty elements and components left out); [] when all fits."""
    out: list[Issue] = []
    first = 1 if segments and segments[0].tag == "UNH" else 2
    checks = _write_checks()
    for number, seg in enumerate(segments, start=first):
        check = checks.get(seg.tag)
        if check is None:
            continue
        els = seg.elements
        try:
            suspect = check(els, len(els))
        except TypeError:  # a Decimal or int value
            suspect = True
        if suspect:
            els = normalise_elements(els)
            if check(els, len(els)):
                where = Source(message=message, segment=number, tag=seg.tag)
                out += [
                    error("edi.write_limit", text, where) for _, text in problems(seg.tag, els, writing=True)
                ]
    return out


@lru_cache(maxsize=1)
def _write_checks() -> dict:
    """tag -> the compiled writer check (counts and maximum lengths) for every directory tag."""
    return {tag: compiled(tag, writing=True) for tag in load()}


def write_interchange(
    sender_gln: str,
    receiver_gln: str,
    messages: list[tuple[str, list[Segment]]],
    control_ref: str,
    prepared: datetime,
    *,
    test: bool = False,
    application_ref: str | None = None,
    sender_qualifier: str | None = "14",
    receiver_qualifier: str | None = "14",
) -> bytes:
    """Wrap message bodies in UNB/UNH..UNT/UNZ and return UNOC (Latin-1) bytes.

    ``messages`` are (message type, body segments between UNH and UNT); message references
    are 1, 2, 3, ... within the interchange. The qualifiers go with the ids in UNB (None or ""
    writes the id alone). ``EdifactWriteError`` when a value exceeds D.03A.
    """
    unb: list = [
        ["UNOC", "3"],
        [sender_gln, sender_qualifier or ""],
        [receiver_gln, receiver_qualifier or ""],
        [prepared.strftime("%y%m%d"), prepared.strftime("%H%M")],
        control_ref,
    ]
    if application_ref or test:
        unb += ["", application_ref or ""]
    if test:
        unb += ["", "", "", "1"]
    segments: list[Segment] = [make_segment("UNB", unb)]
    for number, (message_type, body) in enumerate(messages, start=1):
        ref = str(number)
        segments.append(message_header(ref, message_type))
        segments.extend(s for s in body if s.tag not in ("UNH", "UNT"))
        count = sum(1 for s in body if s.tag not in ("UNH", "UNT")) + 2
        segments.append(make_segment("UNT", [str(count), ref]))
    segments.append(make_segment("UNZ", [str(len(messages)), control_ref]))
    text = serialize(segments, DEFAULT, una=True)
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:  # clean before releasing, so a replacement ' is released too
        segments = [
            make_segment(
                s.tag,
                [
                    [latin1(_text(c)) for c in e] if isinstance(e, (list, tuple)) else latin1(_text(e))
                    for e in s.elements
                ],
            )
            for s in segments
        ]
        data = serialize(segments, DEFAULT, una=True).encode("latin-1")
    _refuse_over_limits(segments, messages)
    return data


def _refuse_over_limits(segments: list[Segment], messages: list[tuple[str, list[Segment]]]) -> None:
    """Raise ``EdifactWriteError`` when a message (from UNH to UNT) exceeds D.03A."""
    issues: list[Issue] = []
    start, number = 0, 0
    for index, seg in enumerate(segments):
        if seg.tag == "UNH":
            start, number = index, number + 1
        elif seg.tag == "UNT":
            issues += limit_issues(segments[start : index + 1], number)
    if issues:
        kinds = ", ".join(dict.fromkeys(t.split(":")[0] for t, _ in messages))
        more = f" (og {len(issues) - 1} til)" if len(issues) > 1 else ""
        raise EdifactWriteError(f"{kinds} ble ikke skrevet: {issues[0].message}{more}.", issues)
