"""Element-level D.03A checks of one segment: counts, mandatory parts, types, lengths,
characters of the syntax level, and the sane bounds of quantities and amounts.

``problems(tag, elements, ...)`` is the exact check: a list of ``(code, message)``. It is too
slow to run on every segment of a large interchange: ``quickcheck`` compiles the same rules into
one small function per tag that says whether ``problems`` needs to look (they agree exactly;
tests/edi/test_directory.py checks it on generated segments).

Lengths count characters as read, after the release characters are removed (the tokenizer
does that); a numeric (``n``) value is digits with at most one decimal mark (``.`` or ``,``)
and an optional leading minus, and its length counts the digits only. ``writing=True`` keeps
only what a writer could exceed (element and component counts, maximum lengths).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .directory import Element, Part, segment

CODES = (
    "edi.element_count",
    "edi.component_count",
    "edi.mandatory",
    "edi.length",
    "edi.type",
    "edi.characters",
    "edi.bounds",
    "edi.negative",
)
MAX_SIGNIFICANT = 15
LEVELS = {"UNOA": "A", "UNOB": "B", "UNOC": "C"}
_UNOA = "A-Z0-9 .,\\-()/='+:?!\"%&*;<>"
# characters outside a level; for UNOC only what is not ISO 8859-1 above ASCII: control characters
# in a file are the reader's to refuse (edi.binary)
BAD = {
    "A": re.compile(f"[^{_UNOA}]").search,
    "B": re.compile(f"[^a-z{_UNOA}]").search,
    "C": re.compile("[^\x00-\x7f\xa0-\xff]").search,
}
ALLOWED = {
    "A": "bare store bokstaver A–Z, sifre, mellomrom og tegnene . , - ( ) / = ' + : ? ! \" % & * ; < >",
    "B": "bare bokstaver A–Z og a–z, sifre, mellomrom og tegnene . , - ( ) / = ' + : ? ! \" % & * ; < >",
    "C": "bare tegnene i ISO 8859-1 (Latin-1)",
}
NUMBER = re.compile(r"-?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)").fullmatch


@dataclass(frozen=True)
class Bound:
    """A quantity, price or amount the formal checks bound (seed 004 §2.6): at most
    ``MAX_SIGNIFICANT`` significant digits, and no minus unless ``negative`` is allowed."""

    element: int
    component: int
    what: str  # "antall", "pris", "beløp"
    negative: bool
    why: str = ""  # where a minus is refused: "i ORDERS"


def is_number(value: str) -> bool:
    return NUMBER(value) is not None


def digits(value: str) -> int:
    """Length of a numeric value: its digits, without sign and decimal mark."""
    return sum(ch.isdigit() for ch in value)


def significant(value: str) -> int:
    """Significant digits of a number: leading zeros and zeros ending a fraction do not count.

    >>> significant("000123.4500"), significant("-0.0012"), significant("1000")
    (5, 2, 4)
    """
    body = value.lstrip("-").replace(",", ".")
    if "." in body:
        body = body.rstrip("0").rstrip(".")
    body = body.replace(".", "").lstrip("0")
    return len(body)


def _shown(value: str) -> str:
    return value if len(value) <= 40 else value[:40] + "…"


def _where(tag: str, el: Element, part: Part) -> str:
    return f"{tag} {el.id}" if not el.composite else f"{tag} {el.id} {part.id}"


def _value_problem(tag: str, el: Element, part: Part, value: str, writing: bool) -> tuple[str, str] | None:
    where = _where(tag, el, part)
    if part.kind == "n":
        if not is_number(value):
            if writing:
                count = digits(value) if value.lstrip("-").replace(".", "", 1).isdigit() else len(value)
                return (
                    None
                    if count <= part.max
                    else (
                        "edi.length",
                        f"{where} er {count} tegn; D.03A tillater høyst {part.max} ({part.format})",
                    )
                )
            return "edi.type", f"{where} skal være et tall ({part.format}), men er «{_shown(value)}»"
        count, unit = digits(value), "har {} siffer"
    else:
        if part.kind == "a" and not writing and any(ch.isdigit() for ch in value):
            return "edi.type", f"{where} skal være bokstaver ({part.format}), men er «{_shown(value)}»"
        count, unit = len(value), "er {} tegn"
    if count > part.max:
        return "edi.length", (
            f"{where} {unit.format(count)} («{_shown(value)}»); D.03A tillater høyst "
            f"{part.max} ({part.format})"
        )
    if count < part.min and not writing:
        return "edi.length", f"{where} {unit.format(count)} («{_shown(value)}»); D.03A krever {part.format}"
    return None


def _bound_problems(bounds: tuple[Bound, ...], els: list) -> list[tuple[str, str]]:
    out = []
    for b in bounds:
        value = component_value(els, b.element, b.component)
        if not value or not is_number(value):
            continue
        if value.startswith("-") and not b.negative:
            out.append(
                (
                    "edi.negative",
                    f"Negativ{'t' if b.what in ('antall', 'beløp') else ''} {b.what} "
                    f"({value}) er ikke tillatt {b.why}".rstrip(),
                )
            )
        sig = significant(value)
        if sig > MAX_SIGNIFICANT:
            out.append(
                (
                    "edi.bounds",
                    f"{b.what.capitalize()} «{_shown(value)}» har {sig} gjeldende siffer; "
                    f"høyst {MAX_SIGNIFICANT} godtas",
                )
            )
    return out


def component_value(els: list, element: int, component: int) -> str:
    """Component ``component`` of data element ``element`` of a segment's elements ('' if absent)."""
    if element >= len(els):
        return ""
    el = els[element]
    if el.__class__ is list:
        return el[component] if component < len(el) else ""
    return el if component == 0 else ""


def _windows_1252(found: list[str]) -> str:
    """What bytes 0x80–0x9F (C1 controls in Latin-1, read as such) are in Windows-1252: an en dash,
    a euro sign, curly quotes — the sign of a file written in Windows-1252 and declared UNOC."""
    shown = []
    for ch in found:
        if "\x80" <= ch <= "\x9f":
            meant = bytes([ord(ch)]).decode("cp1252", errors="ignore")
            if meant:
                shown.append(f"byten 0x{ord(ch):02X} er «{meant}»")
    return ", ".join(shown)


def _charset_problem(tag: str, els: list, level: str, syntax: str) -> tuple[str, str] | None:
    bad, found = BAD[level], []
    for value in (v for e in els for v in (e if e.__class__ is list else (e,))):
        m = bad(value)
        while m is not None and len(found) < 6:
            if m.group() not in found:
                found.append(m.group())
            m = bad(value, m.end())
    if not found:
        return None
    shown = ", ".join(f"«{ch}» (U+{ord(ch):04X})" if ch.isprintable() else f"U+{ord(ch):04X}" for ch in found)
    hint = ""
    if level == "A" and any(ch.isascii() and ch.islower() for ch in found):
        hint = " (små bokstaver krever UNOB eller UNOC)"
    elif level in "AB" and any(ch in "æøåÆØÅ" for ch in found):
        hint = " (æøå krever UNOC)"
    elif level == "C" and (windows := _windows_1252(found)):
        hint = f" ({windows} i Windows-1252: avsenderens system skriver Windows-1252, ikke ISO 8859-1)"
    what = "tegnet" if len(found) == 1 else "tegnene"
    return "edi.characters", (
        f"{tag}: {what} {shown} er ikke tillatt i {syntax}, som har {ALLOWED[level]}{hint}"
    )


def problems(
    tag: str,
    els: list,
    level: str | None = None,
    bounds: tuple[Bound, ...] = (),
    *,
    writing: bool = False,
    syntax: str = "",
    numbers: frozenset = frozenset(),
) -> list[tuple[str, str]]:
    """Every element-level problem of one segment, as (issue code, Norwegian message).
    ``numbers``: (element, component) places whose numeric form another rule reports (the NeB
    guide's number rules, with a message naming the value); their type is not reported twice."""
    out: list[tuple[str, str]] = []
    spec = segment(tag)
    if spec is not None:
        n, allowed = len(els), len(spec.elements)
        if n > allowed:
            out.append(("edi.element_count", f"{tag} har {n} dataelementer; D.03A har {allowed} i {tag}"))
        for i, el in enumerate(spec.elements):
            raw = els[i] if i < n else ""
            comps = raw if raw.__class__ is list else [raw]
            if len(comps) > len(el.components):
                out.append(
                    (
                        "edi.component_count",
                        f"{tag} {el.id} har {len(comps)} komponenter; D.03A tillater "
                        f"høyst {len(el.components)}"
                        if el.composite
                        else f"{tag} {el.id} er et enkelt dataelement, men har {len(comps)} komponenter",
                    )
                )
            if not any(comps):
                if el.mandatory and not writing:
                    out.append(("edi.mandatory", f"{tag} mangler obligatorisk dataelement {el.id}"))
                continue
            for j, part in enumerate(el.components):
                value = comps[j] if j < len(comps) else ""
                if not value:
                    if part.mandatory and not writing:
                        out.append(
                            (
                                "edi.mandatory",
                                f"{tag} {el.id} mangler obligatorisk komponent {part.id}"
                                if el.composite
                                else f"{tag} mangler obligatorisk dataelement {el.id}",
                            )
                        )
                    continue
                found = _value_problem(tag, el, part, value, writing)
                if found and not (found[0] == "edi.type" and (i, j) in numbers):
                    out.append(found)
    if not writing:
        out += _bound_problems(bounds, els)
        if level is not None:
            found = _charset_problem(tag, els, level, syntax or {v: k for k, v in LEVELS.items()}[level])
            if found:
                out.append(found)
    return out


def numeric_problem(value: str, low: int, high: int, writing: bool) -> bool:
    """True when a numeric (``n``) value is not a number or has too many or too few digits; when
    ``writing``, only too many (a non-number counts its characters)."""
    if not is_number(value):
        if writing:
            count = digits(value) if value.lstrip("-").replace(".", "", 1).isdigit() else len(value)
            return count > high
        return True
    count = digits(value)
    return count > high or (count < low and not writing)


def bound_significant(value: str) -> int:
    """Significant digits of a number; 0 for a value that is no number (others report it)."""
    return significant(value) if is_number(value) else 0
