"""The one pass message validation makes over a message's body segments (``walk_body``).

For each segment it calls the tag's compiled check (``checks.compiled_checks``: one generated
function per tag, returning ``()`` for a clean segment) and, only for what that check flags,
the slow paths that word the issue: the D.03A element problems (``add_element_issues``, through
``elements.problems``) and the NeB value and qualifier rules (dates, numbers, codes, currency,
NOBB, GLN, GTIN and SSCC check digits). In the same pass it keeps the line bookkeeping the
required-content and formal checks need (where each LIN starts, which required segments a line
has, where UNS is), and at the end asks ``structure_walk`` about the segment order.

Its own module because this is the per-segment hot path (kept so that validating a large
invoice costs less than reading it); ``validate`` keeps the message-level work around it: the
guide, the version, the envelope, required content and the formal checks.
"""

from __future__ import annotations

from functools import lru_cache

from ..domain.issues import Issue, error, warning
from . import values
from .checks import DIRTY, component_value
from .elements import LEVELS
from .elements import problems as element_problems
from .formal import bounds_for
from .guides import Group
from .structure_walk import conforms, structure_issues


def add_element_issues(seg, number: int, where: tuple[str, str], out: list[Issue], src, rules: list) -> None:
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


def walk_body(
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
                add_element_issues(seg, number, where, out, src, checks[1])
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
