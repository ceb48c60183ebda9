"""The UN/EDIFACT D.03A segment directory as data: every segment's data elements, in order.

``data/edifact/d03a-segments.txt`` is a copy of ``../shared/reference/d03a-segments.txt`` (a
test checks the two are equal when the reference is there). One line per segment::

    NAD: 3035:M:an..3 | C082:C(3039:M:an..35, 1131:C:an..17, 3055:C:an..3) | ...

A simple data element is ``ID:STATUS:TYPE..MAX`` (status ``M`` mandatory, ``C`` conditional;
type ``an`` alphanumeric, ``n`` numeric, ``a`` alphabetic); a composite is
``ID:STATUS(component, ...)`` with its components written the same way; ``#n`` after an ID
numbers repeated occurrences of one element (``3036#1`` .. ``3036#5`` in NAD C080). A few
entries give the length as ``TYPE..(MIN, MAX)`` (``n..(4, 4)``: exactly four digits).

``segment(tag)`` is the parsed ``SegmentSpec`` (None for tags not in the directory, such as
UNB/UNZ and the CONTRL service segments); ``load()`` parses the file once.

>>> nad = segment("NAD")
>>> [e.id for e in nad.elements][:4], nad.elements[3].components[0]
(['3035', 'C082', 'C058', 'C080'], Part(id='3036#1', mandatory=True, kind='an', min=0, max=35))
>>> segment("DGS").elements[2].components[0]
Part(id='7124', mandatory=False, kind='n', min=4, max=4)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

DATA = ("data", "edifact", "d03a-segments.txt")

_PART = r"(\w+(?:#\d+)?):([MC]):(an|a|n)\.\.(?:(\d+)|\((\d+),\s*(\d+)\))"
_SIMPLE = re.compile(_PART)
_COMPOSITE = re.compile(r"(\w+(?:#\d+)?):([MC])\((.*)\)")
_IN_COMPOSITE = re.compile(_PART + r"(?:,\s*|$)")


@dataclass(frozen=True)
class Part:
    """A simple data element, or one component of a composite."""

    id: str
    mandatory: bool
    kind: str  # "an", "n" or "a"
    min: int
    max: int

    @property
    def number(self) -> str:
        """The data element number without the repeat mark: ``3036#2`` -> ``3036``."""
        return self.id.split("#")[0]

    @property
    def format(self) -> str:
        """``an..35``; ``n4`` for a fixed length."""
        return f"{self.kind}{self.max}" if self.min == self.max else f"{self.kind}..{self.max}"


@dataclass(frozen=True)
class Element:
    """A data element of a segment: simple (one part, ``composite`` False) or a composite."""

    id: str
    mandatory: bool
    composite: bool
    components: tuple[Part, ...]


@dataclass(frozen=True)
class SegmentSpec:
    tag: str
    elements: tuple[Element, ...]


def _part(m: re.Match) -> Part:
    ident, status, kind, top, low, high = m.groups()
    if top is not None:
        return Part(ident, status == "M", kind, 0, int(top))
    return Part(ident, status == "M", kind, int(low), int(high))


def parse_element(text: str) -> Element:
    """One element of the notation -> Element (ValueError for anything else).

    >>> parse_element("C516:M(5025:M:an..3, 5004:C:n..35)").components[1].max
    35
    >>> parse_element("7124:C:n..(4, 4)").components[0].min
    4
    """
    text = text.strip()
    simple = _SIMPLE.fullmatch(text)
    if simple:
        part = _part(simple)
        return Element(part.id, part.mandatory, False, (part,))
    comp = _COMPOSITE.fullmatch(text)
    if comp is None:
        raise ValueError(f"ukjent notasjon for dataelement: {text!r}")
    inner = comp.group(3).strip()
    parts, pos = [], 0
    while pos < len(inner):
        m = _IN_COMPOSITE.match(inner, pos)
        if m is None:
            raise ValueError(f"ukjent notasjon for komponent i {comp.group(1)}: {inner[pos:]!r}")
        parts.append(_part(m))
        pos = m.end()
    if not parts:
        raise ValueError(f"sammensatt dataelement {comp.group(1)} uten komponenter")
    return Element(comp.group(1), comp.group(2) == "M", True, tuple(parts))


def parse(text: str) -> dict[str, SegmentSpec]:
    """The whole directory text -> {tag: SegmentSpec}; comment lines start with ``#``."""
    out: dict[str, SegmentSpec] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        tag, sep, rest = line.partition(":")
        if not sep or not re.fullmatch(r"[A-Z0-9]{3}", tag):
            raise ValueError(f"linje {number}: ventet «TAG: elementer», fant {line[:40]!r}")
        try:
            elements = tuple(parse_element(e) for e in rest.split(" | ")) if rest.strip() else ()
        except ValueError as exc:
            raise ValueError(f"linje {number} ({tag}): {exc}") from exc
        out[tag] = SegmentSpec(tag, elements)
    return out


@lru_cache(maxsize=1)
def load() -> dict[str, SegmentSpec]:
    """The shipped D.03A directory, parsed once."""
    text = resources.files("vareflyt").joinpath(*DATA).read_text(encoding="utf-8")
    return parse(text)


def segment(tag: str) -> SegmentSpec | None:
    return load().get(tag)
