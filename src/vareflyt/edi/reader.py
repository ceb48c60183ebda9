"""Read EDIFACT files: bytes -> interchanges -> messages, with every problem as an Issue.

``iter_segments`` is the strict, fast tokenizer (pydifact ``Segment`` objects, raises
``EdifactError`` on malformed text). ``read_interchanges`` never raises on bad input: it
decodes the bytes (UTF-8 BOM, UTF-8 when the bytes are UTF-8, otherwise Latin-1), cuts the
file at each UNA, tokenizes, and assembles UNB/UNG/UNH..UNT/UNE/UNZ, checking segment and
message counts and control references. Problems become issues with message number, segment
number in the message and tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydifact.segments import Segment

from ..collector import collector_paused
from ..domain.issues import Issue, Source, error, warning
from .envelope import Assembler
from .lexer import Problem, make_segment, split_una, tokenize
from .model import EdifactError, Interchange, Message, ReadResult
from .separators import Separators

__all__ = [
    "iter_segments",
    "read_interchanges",
    "read_file",
    "decode",
    "ReadResult",
    "Interchange",
    "Message",
    "EdifactError",
    "Separators",
]


_SYNTAX_RE = re.compile(rb"UNB.{1,3}?(UNO[A-Z]|[A-Z]{4})")
_UTF8_SYNTAX = {"UNOW", "UNOY"}


def iter_segments(text: str, una: Separators | None = None) -> Iterator[Segment]:
    """Tokenize EDIFACT text into pydifact Segments (a leading UNA is yielded as pydifact does).

    ``una`` gives the separators when the text has no UNA segment (a UNA in the text wins).
    Line breaks are dropped, as in ``read_interchanges``, and a leading byte order mark
    (U+FEFF, left in the text when a UTF-8 file with BOM is decoded as plain UTF-8) is skipped.
    Raises ``EdifactError`` (with the segment number in the text) on text that is not well-formed.

    >>> [(s.tag, s.elements) for s in iter_segments("UNB+UNOC:3+A'QTY+21:5?+1:PCE'")]
    [('UNB', [['UNOC', '3'], 'A']), ('QTY', [['21', '5+1', 'PCE']])]
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if una is not None and not text.lstrip(" \r\n\t").startswith("UNA"):
        chunks = [(una, text, False)]
        tail = split_una(text)
        if len(tail) > 1:
            chunks = [(una, tail[0][1], False), *tail[1:]]
    else:
        chunks = split_una(text)
    ordinal = 1
    for seps, chunk, has_una in chunks:
        if has_una:
            yield make_segment("UNA", [seps.advice])
        items = tokenize(chunk, seps, ordinal)
        for item in items:
            if type(item) is Problem:
                if item.error:
                    raise EdifactError(f"Segment {item.ordinal}: {item.message}")
                continue
            yield item
        ordinal += len(items)


def decode(data: bytes) -> tuple[str, str, list[Issue]]:
    """Bytes -> (text, encoding name, issues). UTF-8 when the bytes are valid UTF-8 with
    non-ASCII characters (or a BOM / UNOW / UNOY says so), otherwise Latin-1."""
    issues: list[Issue] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
            issues.append(
                warning("edi.encoding", "Fila er kodet som UTF-16; leses, men NeB bruker UNOC (Latin-1)")
            )
            return text, "utf-16", issues
        except UnicodeDecodeError:
            pass
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    m = _SYNTAX_RE.search(data[:400])
    declared = m.group(1).decode("ascii") if m else ""
    try:
        return data.decode("ascii"), "ascii", issues
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("utf-8")
        if declared and declared not in _UTF8_SYNTAX and not bom:
            issues.append(
                warning(
                    "edi.encoding",
                    f"Fila er erklært som {declared}, men tegnene er kodet som UTF-8; leses som UTF-8",
                )
            )
        return text, "utf-8", issues
    except UnicodeDecodeError as exc:
        if bom or declared in _UTF8_SYNTAX:
            issues.append(
                error(
                    "edi.encoding",
                    f"Fila sier UTF-8, men byte {exc.start} er ikke gyldig UTF-8; leses som Latin-1",
                )
            )
    if declared in ("UNOA", "UNOB"):
        issues.append(
            warning(
                "edi.charset", f"Fila er erklært som {declared}, men har tegn utenfor ASCII (æøå krever UNOC)"
            )
        )
    return data.decode("latin-1"), "latin-1", issues


def read_interchanges(data: bytes, file: str | None = None) -> ReadResult:
    """Read every interchange in a file. Never raises on bad input; see ``ReadResult.issues``."""
    with collector_paused(freeze_after=True):
        return _read(data, file)


def _read(data: bytes, file: str | None) -> ReadResult:
    result = ReadResult(file=file)
    text, encoding, issues = decode(data)
    result.issues.extend(_with_file(i, file) for i in issues)
    trimmed = text.rstrip("\x00\x1a \r\n\t")
    if len(trimmed) < len(text.rstrip(" \r\n\t")) and trimmed.strip():
        result.issues.append(
            warning(
                "edi.padding",
                "Fila slutter med fylltegn (NUL eller Ctrl-Z); de er ignorert",
                Source(file=file),
            )
        )
        text = trimmed
    if "\x00" in text[:4096] or not text.strip():
        why = "Fila er tom" if not text.strip() else "Fila er binær (inneholder NUL-tegn), ikke EDIFACT"
        result.issues.append(error("edi.not_edifact", why, Source(file=file)))
        return result
    start = len(text) - len(text.lstrip(" \r\n\t"))
    if not text.startswith(("UNA", "UNB"), start):
        found = min((i for i in (text.find("UNA"), text.find("UNB")) if i >= 0), default=-1)
        shown = text[start : start + 20]
        if found < 0:
            result.issues.append(
                error("edi.not_edifact", f"Fila starter ikke med UNA eller UNB: {shown!r}", Source(file=file))
            )
            return result
        result.issues.append(
            error("edi.garbage", f"Tekst før første UNA/UNB ignoreres: {shown!r}", Source(file=file))
        )
        text = text[found:]
    asm = Assembler(file, encoding)
    ordinal = 1
    for seps, chunk, has_una in split_una(text):
        asm.start_una(seps, has_una, ordinal)
        for problem in seps.problems():
            asm.problem(Problem("edi.una", problem, ordinal, "UNA"))
        items = tokenize(chunk, seps, ordinal + (1 if has_una else 0))
        asm.feed(items)
        ordinal += len(items) + (1 if has_una else 0)
    asm.finish()
    result.interchanges = asm.interchanges
    result.issues.extend(asm.issues)
    if not result.interchanges and result.ok:
        result.issues.append(
            error(
                "edi.no_interchange",
                "Fila har ingen interchange (UNB..UNZ); avkortet UNA?",
                Source(file=file),
            )
        )
    return result


def read_file(path, file: str | None = None) -> ReadResult:
    """Read a file from disk; ``EdifactError`` only when it cannot be opened."""
    from pathlib import Path

    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise EdifactError(f"Kan ikke lese {p}: {exc.strerror or exc}. Sjekk stien og tilgangen.") from exc
    return read_interchanges(data, file=file or p.name)


def _with_file(issue: Issue, file: str | None) -> Issue:
    if file is None:
        return issue
    return Issue(
        issue.code, issue.severity, issue.message, Source(**{**issue.source.to_dict(), "file": file})
    )
