"""The fast EDIFACT tokenizer: text -> pydifact ``Segment`` objects, with problems as values.

Instead of walking the text character by character (as pydifact does), released characters
(``?+ ?: ?' ??``) are first replaced by private-use placeholders with one regular-expression
pass, then the text is cut with ``str.split`` on the segment terminator, data element
separator and component separator, and the placeholders are put back only in segments that
had them. Elements follow pydifact's representation exactly: a data element without
components is a ``str``; with components it is a ``list[str]``, trailing empty components
dropped, and a composite that is left with one component becomes a ``str``.

Line breaks (CR, LF) are removed before tokenizing, so files with a newline after each
segment and files hard-wrapped at 80 columns read the same. A file may hold several
interchanges, each with its own UNA; ``split_una`` cuts the text at each UNA. Unterminated text
after a closing UNZ (a footer some systems add) is a warning, not a truncated segment; text
there that starts a new UNA/UNB is a truncated interchange.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydifact.segments import Segment

from ..collector import collector_paused
from .separators import Separators, default_for

_PH = ("\ue000", "\ue001", "\ue002", "\ue003", "\ue004")  # release, component, data, terminator, repetition
_PH_RE = re.compile("[\ue000-\ue004]")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1b\x7f]")
_new = object.__new__


def make_segment(tag: str, elements: list) -> Segment:
    """A pydifact Segment without pydifact's per-segment validation (the reader checks tags)."""
    seg = _new(Segment)
    seg.tag = tag
    seg.elements = elements
    return seg


@dataclass(frozen=True)
class Problem:
    """Something wrong in the text. ``ordinal`` is the 1-based segment number in the file."""

    code: str
    message: str
    ordinal: int
    tag: str | None = None
    error: bool = True


def segment_ordinal(text: str, offset: int, terminator: str) -> int:
    """1-based number of the segment that character ``offset`` belongs to."""
    return text.count(terminator, 0, offset) + 1


def split_una(text: str) -> list[tuple[Separators, str, bool]]:
    """Cut a text into (separators, text after UNA, had UNA) chunks, one per UNA.

    A ``UNA`` counts as a new service string advice at the start of the text or right after
    a segment terminator (line breaks and spaces allowed between).
    """
    pos = 0
    n = len(text)
    while pos < n and text[pos] in " \r\n\t":
        pos += 1
    chunks: list[tuple[Separators, str, bool]] = []
    if text.startswith("UNA", pos):
        seps = _una(text, pos)
        pos += 9
        has_una = True
    else:
        seps = default_for(text[pos : pos + 12])
        has_una = False
    while True:
        nxt = _next_una(text, pos, seps)
        if nxt < 0:
            chunks.append((seps, text[pos:], has_una))
            return chunks
        chunks.append((seps, text[pos:nxt], has_una))
        seps, pos, has_una = _una(text, nxt), nxt + 9, True


def _una(text: str, pos: int) -> Separators:
    advice = text[pos + 3 : pos + 9]
    if len(advice) < 6:
        return Separators()  # truncated UNA: the reader reports it
    return Separators.from_una(advice)


def _next_una(text: str, pos: int, seps: Separators) -> int:
    start = pos
    while True:
        idx = text.find("UNA", pos)
        if idx < 0:
            return -1
        back = idx - 1
        while back >= start and text[back] in " \r\n\t":
            back -= 1
        if back >= start and text[back] == seps.terminator:
            releases = 0
            while seps.release and back - 1 - releases >= start and text[back - 1 - releases] == seps.release:
                releases += 1
            if releases % 2 == 0:
                return idx
        pos = idx + 3


def tokenize(text: str, seps: Separators, first_ordinal: int = 1) -> list[Segment | Problem]:
    """Tokenize the text after a UNA (or a whole text without one) into segments and problems."""
    with collector_paused(freeze_after=True):
        return _tokenize(text, seps, first_ordinal)


def _tokenize(text: str, seps: Separators, first_ordinal: int) -> list[Segment | Problem]:
    term, data, comp, rel, rep = seps.terminator, seps.data, seps.component, seps.release, seps.repetition
    out: list[Segment | Problem] = []
    if "\r" in text and term != "\r":
        text = text.replace("\r", "")
    if "\n" in text and term != "\n":
        text = text.replace("\n", "")
    bad = _CONTROL_RE.search(text)
    if bad is not None and bad.group() not in (term, data, comp):
        out.append(
            Problem(
                "edi.binary",
                f"Fila inneholder kontrolltegn (0x{ord(bad.group()):02x}); er dette en EDIFACT-fil?",
                first_ordinal - 1 + segment_ordinal(text, bad.start(), term),
            )
        )
    escaped = False
    if rel and rel in text:
        if _PH_RE.search(text):
            out.append(
                Problem(
                    "edi.private_use",
                    "Fila inneholder tegn fra privat bruksområde (U+E000–U+E004); "
                    "de er tolket som frigjorte skilletegn",
                    first_ordinal,
                )
            )
        table = {rel: _PH[0], comp: _PH[1], data: _PH[2], term: _PH[3]}
        if rep != " ":
            table[rep] = _PH[4]
        text = re.sub(re.escape(rel) + "(.)", lambda m: table.get(m.group(1), m.group(1)), text, flags=re.S)
        if text.endswith(rel):
            out.append(
                Problem(
                    "edi.lone_release",
                    f"Frigjøringstegnet {rel!r} står alene helt til slutt i fila",
                    first_ordinal - 1 + text.count(term) + 1,
                )
            )
            text = text[:-1]
        escaped = True
        restore = {
            ord(_PH[0]): rel,
            ord(_PH[1]): comp,
            ord(_PH[2]): data,
            ord(_PH[3]): term,
            ord(_PH[4]): rep,
        }
    raws = text.split(term)
    tail = raws.pop()
    strip_space = " " not in (data, comp, term)
    ordinal = first_ordinal - 1
    append = out.append
    good_tags: set[str] = set()
    for raw in raws:
        ordinal += 1
        els = raw.split(data)
        tag = els[0]
        if tag not in good_tags:
            if strip_space and raw[:1] in (" ", "\t"):  # spaces after a terminator, as pydifact skips
                raw = raw.lstrip(" \t")
                els = raw.split(data)
                tag = els[0]
            if len(tag) != 3 or not tag.isalnum() or not tag.isupper():
                append(_bad_tag(tag, raw, ordinal, seps))
                continue
            good_tags.add(tag)
        del els[0]
        i = 0
        for p in els:
            if comp in p:
                cs = p.split(comp)
                if cs[-1] == "":
                    while cs and cs[-1] == "":
                        cs.pop()
                    n = len(cs)
                    els[i] = "" if n == 0 else cs[0] if n == 1 else cs
                else:
                    els[i] = cs
            i += 1
        if escaped and _PH_RE.search(raw):
            els = [
                e.translate(restore) if isinstance(e, str) else [c.translate(restore) for c in e] for e in els
            ]
        seg = _new(Segment)
        seg.tag = tag
        seg.elements = els
        append(seg)
    tail = tail.strip(" \t")
    if tail:
        shown = tail[:20].translate(restore) if escaped else tail[:20]
        if out and type(out[-1]) is Segment and out[-1].tag == "UNZ" and not tail.startswith(("UNA", "UNB")):
            append(  # a closed interchange followed by a footer ("END OF FILE", "-----"): nothing lost
                Problem("edi.after_unz", f"Tekst etter UNZ er ignorert: {shown!r}", ordinal + 1, error=False)
            )
            return out
        append(
            Problem(
                "edi.truncated",
                f"Siste segment er ikke avsluttet med {term!r} (avkortet fil?): {shown!r}",
                ordinal + 1,
                tail[:3] if tail[:3].isalnum() else None,
            )
        )
    return out


def _bad_tag(tag: str, raw: str, ordinal: int, seps: Separators) -> Problem:
    if not raw:
        return Problem(
            "edi.empty_segment", "Tomt segment (to avslutningstegn etter hverandre)", ordinal, error=False
        )
    shown = raw[:20].translate({ord(p): "" for p in _PH})
    if seps.component in tag:
        return Problem("edi.bad_tag", f"Segmentkoden kan ikke være sammensatt: {shown!r}", ordinal)
    return Problem(
        "edi.bad_tag",
        f"Ugyldig segmentkode {tag[:10]!r} (ventet tre store bokstaver/sifre), tekst: {shown!r}",
        ordinal,
    )
