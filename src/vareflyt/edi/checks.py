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
"""

from __future__ import annotations

from collections.abc import Callable

from .guides import GuideSettings, rules_for

Entry = tuple  # (element, component, kind, codes, when, warn, code, rule)

_CACHE: dict[tuple, dict[str, tuple[Callable, list[Entry]]]] = {}


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
                when = (element if w_el == rule.element else w_el, w_comp,
                        frozenset(settings.nobb_code if v == "@nobb" else v for v in w_vals))
            codes = rule.codes | settings.extra_codes.get((rule.tag, element), frozenset())
            if rule.check == "code" and (rule.tag == "PIA" or (rule.tag == "LIN" and element == 2)):
                codes = codes | {settings.nobb_code}
            warn = (rule.qualifier and not settings.strict_qualifiers) or rule.check == "nobb"
            code = ("edi.qualifier" if warn else "edi.code") if rule.check == "code" else "edi.value"
            by_tag.setdefault(rule.tag, []).append((element, rule.component, rule.check, codes, when, warn, code, rule))
    return by_tag


def compiled_checks(mtype: str, settings: GuideSettings) -> dict[str, tuple[Callable, list[Entry]]]:
    """tag -> (check(els, n) -> tuple of suspicious entry indexes, entries); cached per settings."""
    key = (mtype, settings.nobb_code, settings.strict_qualifiers, tuple(sorted(settings.extra_codes.items())))
    found = _CACHE.get(key)
    if found is None:
        found = _CACHE[key] = {tag: (_compile(tag, entries), entries)
                               for tag, entries in entries_for(mtype, settings).items()}
    return found


def _compile(tag: str, entries: list[Entry]) -> Callable:
    env: dict = {"_gs1": _gs1}
    lines = ["def check(els, n):", "    bad = ()"]
    for element in sorted({e[0] for e in entries}):
        comps = sorted({e[1] for e in entries if e[0] == element}
                       | {e[4][1] for e in entries if e[0] == element and e[4] is not None and e[4][0] == element})
        lines += [f"    if n > {element}:", f"        el = els[{element}]", "        if el.__class__ is list:"]
        lines += [f"            v{c} = el[{c}] if len(el) > {c} else ''" if c else "            v0 = el[0] if el else ''"
                  for c in comps]
        lines += ["        else:"] + [f"            v{c} = {'el' if c == 0 else repr('')}" for c in comps]
        for k, (el_no, comp, kind, codes, when, *_rest) in enumerate(entries):
            if el_no != element:
                continue
            v = f"v{comp}"
            cond = f"{v}"
            if when is not None:
                env[f"W{k}"] = when[2]
                if when[0] == element:
                    cond += f" and v{when[1]} in W{k}"
                else:
                    cond += f" and _w(els, {when[0]}, {when[1]}) in W{k}"
            if kind == "code":
                env[f"C{k}"] = codes
                test = f"{v} not in C{k}"
            elif kind == "number":
                test = f"not ({v}.isascii() and ({v}.isdigit() or {v}.replace('.', '', 1).isdigit()))"
            elif kind in ("gtin", "gln", "sscc"):
                test = f"not _gs1({v})"
            elif kind == "nobb":
                test = f"not (len({v}) == 8 and {v}.isascii() and {v}.isdigit())"
            elif kind == "currency":
                test = f"not (len({v}) == 3 and {v}.isalpha() and {v}.isupper())"
            else:  # dates: always the full check (a few per message)
                test = "True"
            lines.append(f"        if {cond} and {test}: bad += ({k},)")
    lines.append("    return bad")
    env["_w"] = component_value
    exec("\n".join(lines), env)  # noqa: S102 - code built from our own rule tables only
    return env["check"]


def component_value(els: list, element: int, component: int) -> str:
    """Component ``component`` of data element ``element`` of a segment's elements ('' if absent)."""
    if element >= len(els):
        return ""
    el = els[element]
    if el.__class__ is list:
        return el[component] if component < len(el) else ""
    return el if component == 0 else ""
