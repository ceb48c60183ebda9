"""Validate read EDIFACT against the NeB message guides (``guides``): structure, qualifiers,
code values, formats and required content. Every finding is an Issue with message number,
segment number in the message (UNH = 1) and tag.

The structure check walks the group tree like an EDIFACT parser: a segment either continues
the current group, opens a nested group (its trigger), or closes groups until an enclosing
one accepts it. A segment no group accepts from where we are is out of order (or unknown to
the guide); groups that close without their mandatory segments are reported, and so are
segments and groups over their occurrence limit.
"""

from __future__ import annotations

from functools import lru_cache

from ..domain.issues import Issue, Source, error, info, warning
from . import values
from .guides import LINE_REQUIRED, REQUIRED, GuideSettings, Group, Seg, rules_for, structure
from .lexer import paused_gc
from .model import Message, ReadResult

_DEFAULT = GuideSettings()


def validate_message(message: Message, *, settings: GuideSettings | None = None,
                     file: str | None = None, decimal: str = ".") -> list[Issue]:
    """Issues for one message against its NeB guide (empty list when it conforms)."""
    settings = settings or _DEFAULT
    out: list[Issue] = []

    def src(number: int, tag: str | None) -> Source:  # built only when there is an issue
        return Source(file=file, message=message.number, segment=number, tag=tag)

    try:
        root = structure(message.type)
    except KeyError:
        out.append(info("edi.no_guide", f"Ingen NeB-guide for meldingstypen {message.type or '?'}; "
                        "bare konvolutten er kontrollert", src(1, "UNH")))
        return out
    if message.type != "CONTRL" and (message.version, message.release) != ("D", "03A"):
        out.append(warning("edi.version", f"Meldingen er {message.type} {message.directory}; NeB bruker D:03A:UN. "
                           "Kontrollert mot D.03A", src(1, "UNH")))
    body = message.body
    _structure(root, body, out, src)
    _content(message.type, body, settings, decimal, out, src)
    return out


def validate_interchange(result: ReadResult, *, settings: GuideSettings | None = None) -> list[Issue]:
    """Reader issues plus envelope identity checks plus guide issues for every message."""
    with paused_gc():
        return _validate_all(result, settings)


def _validate_all(result: ReadResult, settings: GuideSettings | None) -> list[Issue]:
    issues = list(result.issues)
    for ic in result.interchanges:
        for role, gln, qual in (("avsender", ic.sender, ic.sender_qualifier), ("mottaker", ic.receiver, ic.receiver_qualifier)):
            problem = values.check_gln(gln) if qual == "14" else None
            if problem:
                issues.append(error("edi.unb_gln", f"UNB {role}: {problem}", Source(file=result.file, tag="UNB")))
        for msg in ic.messages:
            issues.extend(validate_message(msg, settings=settings, file=result.file, decimal=ic.separators.decimal))
    return issues


def _structure(root: Group, body, out: list[Issue], src) -> None:
    stack: list[list] = [[root, 0, [0] * len(root.children)]]
    number = 1
    for seg in body:
        number += 1
        tag = seg.tag
        found = None
        d = len(stack) - 1
        while d >= 0:
            frame = stack[d]
            idxs = frame[0].index.get(tag)
            if idxs:
                start = frame[1] if d == 0 else (frame[1] or 1)
                for j in idxs:
                    if j >= start:
                        found = (d, j)
                        break
                if found:
                    break
            d -= 1
        if found is None:
            if tag in root.tags():
                where = stack[-1][0].describe()
                out.append(error("edi.order", f"{tag} står på feil plass (etter forrige segment i {where})", src(number, tag)))
            else:
                out.append(warning("edi.unknown_segment", f"{tag} er ikke med i NeB-guiden for meldingen; ignorert",
                                   src(number, tag)))
            continue
        d, j = found
        while len(stack) - 1 > d:
            _close(stack.pop(), out, src, number)
        frame = stack[d]
        frame[1] = j
        counts = frame[2]
        counts[j] += 1
        node = frame[0].children[j]
        if counts[j] == node.max + 1:
            what = tag if isinstance(node, Seg) else node.describe()
            out.append(error("edi.too_many", f"{what} forekommer mer enn {node.max} ganger", src(number, tag)))
        if isinstance(node, Group):
            stack.append([node, 0, [1] + [0] * (len(node.children) - 1)])
    while stack:
        _close(stack.pop(), out, src, number + 1)


def _close(frame: list, out: list[Issue], src, number: int) -> None:
    group, _, counts = frame
    for j in group.mandatory:
        if counts[j] == 0:
            child = group.children[j]
            what = child.tag if isinstance(child, Seg) else child.describe()
            tag = child.tag if isinstance(child, Seg) else child.trigger
            out.append(error("edi.missing_segment", f"Obligatorisk {what} mangler i {group.describe()}", src(number, tag)))


def _value(els: list, element: int, component: int) -> str:
    if element >= len(els):
        return ""
    el = els[element]
    if el.__class__ is list:
        return el[component] if component < len(el) else ""
    return el if component == 0 else ""


_COMPILED: dict[tuple, dict[str, list[tuple]]] = {}
_WANTED: dict[str, set[str]] = {}


def _compiled(mtype: str, settings: GuideSettings) -> dict[str, list[tuple]]:
    """Rules of a message type as tuples by tag, with the settings folded in (cached)."""
    key = (mtype, settings.nobb_code, settings.strict_qualifiers, tuple(sorted(settings.extra_codes.items())))
    found = _COMPILED.get(key)
    if found is not None:
        return found
    by_tag: dict[str, list[tuple]] = {}
    for rule in rules_for(mtype):
        elements = range(1, 6) if rule.tag == "PIA" and rule.element == 1 else (rule.element,)
        for element in elements:
            when = None
            if rule.when is not None:
                w_el, w_comp, w_vals = rule.when
                when = (element if w_el == rule.element else w_el, w_comp,
                        frozenset(settings.nobb_code if v == "@nobb" else v for v in w_vals))
            codes = rule.codes | settings.extra_codes.get((rule.tag, element), frozenset())
            if rule.check == "code" and (rule.tag == "PIA" or (rule.tag == "LIN" and element == 2)):
                codes = codes | {settings.nobb_code}
            warn = (rule.qualifier and not settings.strict_qualifiers) or rule.check == "nobb"
            code = ("edi.qualifier" if warn else "edi.code") if rule.check == "code" else "edi.value"
            by_tag.setdefault(rule.tag, []).append((element, rule.component, rule.check, codes, when, warn, code, rule))
    grouped: dict[str, list[tuple]] = {}
    for tag, checks in by_tag.items():  # by element, in order, so a short segment stops early
        elements = sorted({c[0] for c in checks})
        grouped[tag] = [(e, tuple(c[1:] for c in checks if c[0] == e)) for e in elements]
    _COMPILED[key] = grouped
    return grouped


def _content(mtype: str, body, settings: GuideSettings, decimal: str, out: list[Issue], src) -> None:
    compiled = _compiled(mtype, settings)
    wanted = _WANTED.get(mtype)
    if wanted is None:
        wanted = _WANTED[mtype] = {t for t, _ in REQUIRED.get(mtype, []) + LINE_REQUIRED.get(mtype, [])}
    present: set[tuple[str, str]] = set()
    lines: list[tuple[int, str, set[tuple[str, str]]]] = []
    line_tags: set[tuple[str, str]] | None = None
    cnt_lines = None
    number = 1
    special = wanted | {"LIN", "UNS", "CNT"}
    for seg in body:
        number += 1
        tag, els = seg.tag, seg.elements
        if tag in special:
            first = els[0] if els else ""
            qual = (first[0] if first else "") if first.__class__ is list else first
            if tag in wanted:
                present.add((tag, qual))
            if tag == "LIN":
                line_tags = {("LIN", "")}
                lines.append((number, qual, line_tags))
            elif tag == "UNS":
                line_tags = None
            elif line_tags is not None and tag in wanted:
                line_tags.add((tag, qual))
            if tag == "CNT" and qual == "2":
                cnt_lines = (number, _value(els, 0, 1))
        checks = compiled.get(tag)
        if checks is None:
            continue
        n = len(els)
        for element, group in checks:
            if element >= n:
                break
            el = els[element]
            for component, kind, codes, when, warn, code, rule in group:
                if el.__class__ is list:
                    value = el[component] if component < len(el) else ""
                else:
                    value = "" if component else el
                if not value:
                    continue
                if when is not None and _value(els, when[0], when[1]) not in when[2]:
                    continue
                if kind == "code":
                    if value in codes:
                        continue
                elif kind == "number" and (value.isdigit() or value.replace(".", "", 1).isdigit()):
                    continue
                problem = _problem(kind, value, codes, rule, tag, els, element, decimal)
                if problem is not None:
                    out.append((warning if warn else error)(code, problem, src(number, tag)))
    present |= {(t, "") for t, _ in present}
    for tag, quals in REQUIRED.get(mtype, []):
        if not any((tag, q) in present for q in (quals.split() or [""])):
            shown = f"{tag}+{quals.replace(' ', '/')}" if quals else tag
            out.append(error("edi.required", f"{mtype} mangler {shown}, som NeB krever", src(len(body) + 2, tag)))
    for number, line_no, tags in lines:
        for tag, quals in LINE_REQUIRED.get(mtype, []):
            if not any((tag, q) in tags for q in quals.split()):
                out.append(error("edi.line_required", f"Linje {line_no or '?'} mangler {tag}+{quals.replace(' ', '/')}",
                                 src(number, "LIN")))
    if cnt_lines is not None and cnt_lines[1].isdigit() and int(cnt_lines[1]) != len(lines):
        out.append(warning("edi.cnt", f"CNT+2 oppgir {cnt_lines[1]} linjer, meldingen har {len(lines)}",
                           src(cnt_lines[0], "CNT")))


def _problem(kind: str, value: str, codes, rule, tag: str, els: list, element: int, decimal: str) -> str | None:
    if kind == "code":
        return None if value in codes else f"Ukjent {rule.what or 'kode'} {value!r} i {tag}"
    if kind == "number":
        if value.isdigit() or value.replace(".", "", 1).lstrip("-").isdigit():
            return None
        problem = values.check_number(value, decimal)
        return f"{rule.what.capitalize()}: {problem}" if problem else None
    return _check(kind, value, els, element)


def _check(kind: str, value: str, els: list, element: int) -> str | None:
    if kind == "date":
        return values.check_date(value, _value(els, element, 2) or "102")
    if kind == "currency":
        return None if len(value) == 3 and value.isalpha() and value.isupper() else f"Ugyldig valutakode {value!r}"
    if kind == "nobb":
        return None if len(value) == 8 and value.isdigit() else f"NOBB-nummer {value} skal ha 8 siffer"
    return _ID_CHECKS[kind](value)


_ID_CHECKS = {"gln": lru_cache(maxsize=8192)(values.check_gln), "gtin": lru_cache(maxsize=8192)(values.check_gtin),
              "sscc": lru_cache(maxsize=8192)(values.check_sscc)}
