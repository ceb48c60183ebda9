"""Compile the NeB value and qualifier rules into one small Python function per segment tag.

The rules stay data (``guides.neb``); this module turns the rules of a message type, with a
partner's ``GuideSettings`` folded in, into straight-line code such as::

    def check(els, n):
        bad = ()
        if n > 0:
            el = els[0]
            if el.__class__ is list:
                v0 = el[0]; v1 = el[1] if len(el) > 1 else ""
            else:
                v0 = el; v1 = ""
            if v0 and v0 not in C0: bad += (0,)
            if v1 and not (v1.isascii() and (v1.isdigit() or v1.replace(".", "", 1).isdigit())): bad += (1,)
        return bad

A quick test per rule decides whether the slow, message-building check must look at it;
that keeps full validation of a large invoice cheaper than reading it.

The element-level D.03A checks of the tag (``elements.code_lines``: counts, lengths, types,
the syntax level's characters, the bounds of quantities and amounts) run first in the same
function; when they may have found something it returns ``DIRTY`` at once, and the caller
runs both slow paths (the NeB rules alone through the third item of the tag's entry).
"""

from __future__ import annotations

from collections.abc import Callable

from .directory import load, segment
from .elements import LEVELS, component_value
from .formal import bounds_for
from .guides import GuideSettings, rules_for
from .quickcheck import HELPERS, code_lines

Entry = tuple  # (element, component, kind, codes, when, warn, code, rule)
Compiled = tuple  # (check(els, n), entries, check of the NeB rules alone or None)
DIRTY = (-1,)  # returned by a check when the element-level checks may have found something

_CACHE: dict[tuple, tuple[dict[str, Compiled], Compiled | None]] = {}


def _gs1(v: str) -> bool:
    """GS1 mod 10 check digit of a GLN, GTIN or SSCC (as ``values._gs1_ok``), inlined for speed."""
    if not (v.isascii() and v.isdigit()) or len(v) < 2:
        return False
    b = v.encode()  # sums of byte values: each ASCII digit is 48 + its value
    odd, even = b[-2::-2], b[-3::-2]
    total = 3 * (sum(odd) - 48 * len(odd)) + sum(even) - 48 * len(even)
    return (10 - total % 10) % 10 == b[-1] - 48


def entries_for(mtype: str, settings: GuideSettings) -> dict[str, list[Entry]]:
    """Rules by tag with the settings applied (PIA item codes repeat over elements 1-5)."""
    by_tag: dict[str, list[Entry]] = {}
    for rule in rules_for(mtype):
        elements = range(1, 6) if rule.tag == "PIA" and rule.element == 1 else (rule.element,)
        for element in elements:
            when = None
            if rule.when is not None:
                w_el, w_comp, w_vals = rule.when
                when = (
                    element if w_el == rule.element else w_el,
                    w_comp,
                    frozenset(settings.nobb_code if v == "@nobb" else v for v in w_vals),
                )
            codes = rule.codes | settings.extra_codes.get((rule.tag, element), frozenset())
            if rule.check == "code" and (rule.tag == "PIA" or (rule.tag == "LIN" and element == 2)):
                codes = codes | {settings.nobb_code}
            warn = (rule.qualifier and not settings.strict_qualifiers) or rule.check == "nobb"
            code = ("edi.qualifier" if warn else "edi.code") if rule.check == "code" else "edi.value"
            by_tag.setdefault(rule.tag, []).append(
                (element, rule.component, rule.check, codes, when, warn, code, rule)
            )
    return by_tag


def compiled_checks(
    mtype: str, settings: GuideSettings, syntax: str = ""
) -> tuple[dict[str, Compiled], Compiled | None]:
    """({tag: (check, entries, NeB-only check)}, the entry for tags in neither the guide nor the
    directory); cached per message type, settings and syntax level. ``check(els, n)`` returns
    ``DIRTY``, or the indexes of the NeB rules that may have failed (empty when all is well)."""
    level = LEVELS.get(syntax)
    key = (
        mtype,
        settings.nobb_code,
        settings.strict_qualifiers,
        tuple(sorted(settings.extra_codes.items())),
        level,
    )
    found = _CACHE.get(key)
    if found is None:
        rules, bounds = entries_for(mtype, settings), bounds_for(mtype)
        by_tag: dict[str, Compiled] = {}
        for tag in sorted(set(rules) | set(load())):
            entries = rules.get(tag, [])
            only = _compile(entries) if entries else None
            env: dict = {}
            fold = _foldable(tag, entries)
            extra: dict[tuple[int, int], list[str]] = {}
            for k in fold:
                extra.setdefault(entries[k][:2], []).append(_test(entries[k], "c", k, env))
            numbers = frozenset((e[0], e[1]) for e in entries if e[2] == "number" and e[4] is None)
            pre = code_lines(
                tag,
                level,
                bounds.get(tag, ()),
                numbers=numbers,
                extra={place: " or ".join(tests) for place, tests in extra.items()},
                ascii_only=frozenset(entries[k][:2] for k in fold if _ascii_only(entries[k])),
            )
            check = _compile(entries, pre, fold, env) if pre else only
            if check is not None:
                by_tag[tag] = (check, entries, only)
        other = code_lines("", level)
        found = _CACHE[key] = (by_tag, (_compile([], other), [], None) if other else None)
    return found


def _foldable(tag: str, entries: list[Entry]) -> frozenset[int]:
    """Rules whose quick test can run inside the element checks, on the value they look at: not
    dates (always checked in full) and not rules that depend on another value (``when``)."""
    spec = segment(tag)
    if spec is None:
        return frozenset()
    places = {(i, j) for i, el in enumerate(spec.elements) for j in range(len(el.components))}
    return frozenset(
        k for k, e in enumerate(entries) if e[4] is None and e[2] != "date" and (e[0], e[1]) in places
    )


def _ascii_only(entry: Entry) -> bool:
    """True when the rule's quick test fails on any value that is not plain ASCII."""
    if entry[2] == "code":
        return all(code.isascii() for code in entry[3] if code)
    return entry[2] in ("number", "gtin", "gln", "sscc", "nobb")


def _test(entry: Entry, v: str, k: int, env: dict) -> str:
    """The quick test of rule ``k`` on the value in variable ``v`` (true: look at it closely)."""
    kind, codes = entry[2], entry[3]
    if kind == "code":
        env[f"C{k}"] = codes
        return f"{v} not in C{k}"
    if kind == "number":
        return f"not ({v}.isascii() and ({v}.isdigit() or {v}.replace('.', '', 1).isdigit()))"
    if kind in ("gtin", "gln", "sscc"):
        return f"not _gs1({v})"
    if kind == "nobb":
        return f"not (len({v}) == 8 and {v}.isascii() and {v}.isdigit())"
    if kind == "currency":
        return f"not (len({v}) == 3 and {v}.isalpha() and {v}.isupper())"
    return "True"  # dates: always the full check (a few per message)


def _compile(
    entries: list[Entry],
    pre: list[str] | None = None,
    folded: frozenset[int] = frozenset(),
    env: dict | None = None,
) -> Callable:
    """``check(els, n)``: the element checks ``pre`` (with the ``folded`` rules' tests inside),
    then the other rules, collecting the indexes of those that may have failed."""
    env = {"_gs1": _gs1, **HELPERS, "_D": DIRTY, **(env or {})}
    lines = ["def check(els, n):", *(pre or []), "    bad = ()"]
    rest = [(k, e) for k, e in enumerate(entries) if k not in folded]
    for element in sorted({e[0] for _, e in rest}):
        mine = [(k, e) for k, e in rest if e[0] == element]
        comps = sorted(
            {e[1] for _, e in mine} | {e[4][1] for _, e in mine if e[4] is not None and e[4][0] == element}
        )
        lines += [
            f"    if n > {element}:",
            f"        el = els[{element}]",
            "        if el.__class__ is list:",
        ]
        lines += [
            f"            v{c} = el[{c}] if len(el) > {c} else ''"
            if c
            else "            v0 = el[0] if el else ''"
            for c in comps
        ]
        lines += ["        else:"] + [f"            v{c} = {'el' if c == 0 else repr('')}" for c in comps]
        for k, entry in mine:
            v, when = f"v{entry[1]}", entry[4]
            cond = f"{v}"
            if when is not None:
                env[f"W{k}"] = when[2]
                if when[0] == element:
                    cond += f" and v{when[1]} in W{k}"
                else:
                    cond += f" and _w(els, {when[0]}, {when[1]}) in W{k}"
            lines.append(f"        if {cond} and {_test(entry, v, k, env)}: bad += ({k},)")
    lines.append("    return bad")
    env["_w"] = component_value
    exec("\n".join(lines), env)  # noqa: S102 - code built from our own rule tables only
    return env["check"]
