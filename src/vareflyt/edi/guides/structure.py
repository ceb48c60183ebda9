"""Group trees built from the structure notation in ``guides.d03a``.

A ``Group`` holds its children in order: ``Seg`` (a segment with occurrence limits) or nested
``Group``. A group's first child is its trigger; its own ``min``/``max`` count repetitions.
Where the reference names no trigger for a group, its first listed segment acts as one
(``inferred=True``): the UN directory's trigger is outside the NeB tag set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .d03a import EXTRA, REFERENCE, SUPPLEMENT

_TOKEN = re.compile(r"([\w/]+):([A-Z]{3})(\*?)\((\d+)\.\.(\d+)\)")


@dataclass
class Seg:
    tag: str
    min: int
    max: int


@dataclass
class Group:
    name: str  # "SG28" ("" for the message level)
    path: str  # "SG28/SG34"
    min: int = 0
    max: int = 9999
    children: list = field(default_factory=list)
    inferred: bool = False
    index: dict[str, list[int]] = field(default_factory=dict)  # tag -> child positions it can start
    mandatory: list[int] = field(default_factory=list)  # positions of children with min >= 1
    first: dict[str, int] = field(default_factory=dict)  # tag -> first position it can start
    limits: list[int] = field(default_factory=list)  # max occurrences per child position
    subgroups: list = field(default_factory=list)  # the Group at a position, else None
    at: list[tuple] = field(default_factory=list)  # per position: (j, floor after, max, Group)
    steps: dict[str, tuple] = field(default_factory=dict)  # tag -> ``at`` of its first position

    def build_index(self) -> None:
        self.index = {}
        self.first = {}
        first = 1 if self.name else 0  # a group's trigger is there whenever the group is
        self.mandatory = [j for j, c in enumerate(self.children) if c.min >= 1 and j >= first]
        self.limits = [c.max for c in self.children]
        self.subgroups = [c if isinstance(c, Group) else None for c in self.children]
        # the walk's one lookup per segment: where it goes, the lowest position the next segment
        # may take in this group (a nested group never goes back to its trigger), limit, subgroup
        self.at = [
            (j, (j or 1) if self.name else j, c.max, self.subgroups[j]) for j, c in enumerate(self.children)
        ]
        for j, c in enumerate(self.children):
            tag = c.trigger if isinstance(c, Group) else c.tag
            self.index.setdefault(tag, []).append(j)
            self.first.setdefault(tag, j)
            if isinstance(c, Group):
                c.build_index()
        self.steps = {tag: self.at[j] for tag, j in self.first.items()}

    @property
    def trigger(self) -> str:
        if not self.children:
            return ""
        first = self.children[0]
        return first.trigger if isinstance(first, Group) else first.tag

    def tags(self) -> set[str]:
        """Every tag used anywhere in the group (computed once)."""
        cached = self.__dict__.get("_tags")
        if cached is not None:
            return cached
        out: set[str] = set()
        for c in self.children:
            out |= c.tags() if isinstance(c, Group) else {c.tag}
        self.__dict__["_tags"] = out
        return out

    def describe(self) -> str:
        return f"segmentgruppe {self.name} ({self.trigger})" if self.name else "meldingen"


def tokens(message: str) -> list[str]:
    """The structure tokens for a message type: reference + supplement, or EXTRA."""
    if message in EXTRA:
        return [m.group(0) for m in _TOKEN.finditer(EXTRA[message])]
    toks = [m.group(0) for m in _TOKEN.finditer(REFERENCE[message])]
    for anchor, added in SUPPLEMENT.get(message, []):
        before = anchor.startswith("<")
        key = anchor.lstrip("<")
        idx = next((i for i, t in enumerate(toks) if t.startswith(key)), None)
        if idx is None:
            raise ValueError(f"{message}: anker {anchor!r} finnes ikke i strukturen")
        new = [m.group(0) for m in _TOKEN.finditer(added)]
        pos = idx if before else idx + 1
        toks[pos:pos] = new
    return toks


@cache
def structure(message: str) -> Group:
    """The group tree of a message type (``KeyError`` for types without a guide)."""
    if message not in REFERENCE and message not in EXTRA:
        raise KeyError(message)
    root = Group("", "", 1, 1)
    for token in tokens(message):
        path, tag, star, lo, hi = _TOKEN.fullmatch(token).groups()
        node = root
        if path != "hdr":
            parts = path.split("/")
            for depth, name in enumerate(parts):
                last = depth == len(parts) - 1
                child = next((c for c in node.children if isinstance(c, Group) and c.name == name), None)
                if child is None:
                    child = Group(name, "/".join(parts[: depth + 1]))
                    if last and star:
                        child.min, child.max = int(lo), int(hi)
                    else:
                        child.inferred = True
                    node.children.append(child)
                node = child
            if star or (node.inferred and not node.children):
                node.children.append(Seg(tag, 1, 1 if star else int(hi)))
                continue
        node.children.append(Seg(tag, int(lo), int(hi)))
    root.build_index()
    return root


def message_types() -> list[str]:
    return [*REFERENCE, *EXTRA]
