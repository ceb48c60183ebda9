"""Validate read EDIFACT against the NeB message guides (``guides``): structure, qualifiers,
code values, formats and required content; every data element against the D.03A directory and
the syntax level's characters (``elements``); and the formal checks a receiver makes
(``formal``: document number, line numbers, CNT, sane quantities and amounts). Every finding
is an Issue with message number, segment number in the message (UNH = 1) and tag.

The structure check walks the group tree like an EDIFACT parser: a segment either continues
the current group, opens a nested group (its trigger), or closes groups until an enclosing
one accepts it. A segment no group accepts from where we are is out of order (or unknown to
the guide); groups that close without their mandatory segments are reported, and so are
segments and groups over their occurrence limit.
"""

from __future__ import annotations

from functools import lru_cache

from ..collector import collector_paused
from ..domain.issues import Issue, Source, error, info, warning
from . import values
from .checks import DIRTY, compiled_checks, component_value
from .elements import LEVELS
from .elements import problems as element_problems
from .formal import bounds_for, message_issues
from .guides import LINE_REQUIRED, REQUIRED, Group, GuideSettings, structure
from .model import Message, ReadResult
from .structure_walk import conforms, structure_issues

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
            _elements(seg, number, where, out, src, [])
    lines = _walk(root, body, out, src, spec, compiled, decimal, where)
    _required(message.type, body, lines, spec, out, src)
    for number, tag, code, text in message_issues(message.type, body, lines[4], lines[1], lines[3]):
        out.append(error(code, text, src(number, tag)))
    return out


def _elements(seg, number: int, where: tuple[str, str], out: list[Issue], src, rules: list) -> None:
    """The element-level issues of a segment the compiled check flagged. ``where``: (message
    type, syntax identifier); ``rules``: the tag's NeB rules, whose number rules report a value
    that is not a number themselves (so the directory's type check does not say it twice)."""
    mtype, syntax = where
    numbers = frozenset((e[0], e[1]) for e in rules if e[2] == "number" and e[4] is None)
    for code, text in element_problems(
        seg.tag,
        seg.elements,
        LEVELS.get(syntax),
        bounds_for(mtype).get(seg.tag, ()),
        syntax=syntax,
        numbers=numbers,
    ):
        out.append(error(code, text, src(number, seg.tag)))


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


def _no_check(els: list, n: int) -> tuple:
    return ()


def _functions(compiled: tuple) -> tuple[dict, object]:
    """({tag: check function}, the function for other tags) of ``compiled_checks``' result, so
    the walk calls a segment's check with one lookup (kept with the compiled checks, per key)."""
    found = _FUNCTIONS.get(id(compiled))
    if found is None or found[0] is not compiled:
        by_tag, other = compiled
        found = _FUNCTIONS[id(compiled)] = (
            compiled,
            {t: c[0] for t, c in by_tag.items()},
            other[0] if other is not None else _no_check,
        )
    return found[1], found[2]


_FUNCTIONS: dict[int, tuple] = {}


def _walk(
    root: Group,
    body,
    out: list[Issue],
    src,
    spec: tuple,
    compiled: tuple,
    decimal: str,
    where: tuple[str, str],
) -> tuple:
    """One pass over the message: element checks and value/qualifier checks (``checks``) and the
    line bookkeeping; then the segment order (``structure_walk``: the walk only when the quick
    match says something is out of place, its issues put in segment order among the others).
    Returns (first LIN number or 0, line count, [(LIN number, bits found)] for lines missing
    required content, UNS index in the body or its length, [(LIN number, its first element)])."""
    bits, full = spec[0], spec[1]
    watch = set(bits) | {"LIN", "UNS"}
    in_lines, uns_at = True, len(body)
    line_at = first_lin = count = mask = 0
    missing: list[tuple[int, int]] = []
    lins: list[tuple[int, object]] = []
    number = 1
    by_tag, other = compiled
    functions, other_function = _functions(compiled)
    start = len(out)
    for seg in body:
        number += 1
        tag = seg.tag
        els = seg.elements
        bad = functions.get(tag, other_function)(els, len(els))
        if bad:
            checks = by_tag.get(tag, other)
            if bad is DIRTY:
                _elements(seg, number, where, out, src, checks[1])
                bad = checks[2](els, len(els)) if checks[2] is not None else ()
            if bad:
                _report(bad, checks[1], seg, decimal, out, src, number)
        if in_lines and tag in watch:
            if tag == "LIN" or tag == "UNS":
                if line_at and mask != full:
                    missing.append((line_at, mask))
                if tag == "UNS":
                    in_lines, uns_at, line_at = False, number - 2, 0
                else:
                    line_at, mask, count = number, 0, count + 1
                    first_lin = first_lin or number
                    lins.append((number, els[0] if els else ""))
            elif line_at:
                first = els[0] if els else ""
                mask |= bits[tag].get((first[0] if first else "") if first.__class__ is list else first, 0)
    if line_at and mask != full:
        missing.append((line_at, mask))
    if not conforms(root, body):
        found = structure_issues(root, body, src)
        if found:  # a segment's own issues first, then its place (as one walk reported them)
            out[start:] = sorted(out[start:] + found, key=_segment_number)
    return first_lin, count, missing, uns_at, lins


def _segment_number(issue: Issue) -> int:
    return issue.source.segment or 0


_value = component_value


def _report(bad: tuple, entries: list, seg, decimal: str, out: list[Issue], src, number: int) -> None:
    """The slow path for rules the compiled check flagged: the full check and its message."""
    els, tag = seg.elements, seg.tag
    for k in bad:
        element, component, kind, codes, when, warn, code, rule = entries[k]
        problem = _problem(kind, _value(els, element, component), codes, rule, tag, els, element, decimal)
        if problem is not None:
            out.append((warning if warn else error)(code, problem, src(number, tag)))


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


def _problem(
    kind: str, value: str, codes, rule, tag: str, els: list, element: int, decimal: str
) -> str | None:
    if kind == "code":
        return None if value in codes else f"Ukjent {rule.what or 'kode'} {value!r} i {tag}"
    if kind == "number":
        if value.isascii() and (value.isdigit() or value.replace(".", "", 1).lstrip("-").isdigit()):
            return None
        problem = values.check_number(value, decimal)
        return f"{rule.what.capitalize()}: {problem}" if problem else None
    return _check(kind, value, els, element)


def _check(kind: str, value: str, els: list, element: int) -> str | None:
    if kind == "date":
        return values.check_date(value, _value(els, element, 2) or "102")
    if kind == "currency":
        return (
            None
            if len(value) == 3 and value.isalpha() and value.isupper()
            else f"Ugyldig valutakode {value!r}"
        )
    if kind == "nobb":
        return (
            None
            if len(value) == 8 and value.isascii() and value.isdigit()
            else f"NOBB-nummer {value} skal ha 8 siffer"
        )
    return _ID_CHECKS[kind](value)


_ID_CHECKS = {
    "gln": lru_cache(maxsize=8192)(values.check_gln),
    "gtin": lru_cache(maxsize=8192)(values.check_gtin),
    "sscc": lru_cache(maxsize=8192)(values.check_sscc),
}
