"""The segment order of a message against its NeB group tree: a quick yes, else the full walk.

``structure_issues`` walks the group tree like an EDIFACT parser: a segment either continues
the current group, opens a nested group (its trigger), or closes groups until an enclosing one
accepts it. A segment no group accepts from where we are is out of order (or unknown to the
guide); groups that close without their mandatory segments are reported, and so are segments
and groups over their occurrence limit.

Most messages conform, and for them the walk finds nothing at about 0.4 µs a segment. So
``conforms`` first matches the message's tags, written one after the other, against a regular
expression built from the same tree (issue 19 item 6): each child of a group in order, as
often as it may occur, taking as many as it can (possessive, as the walk takes a segment where
it first fits) and never followed by one more of itself (which the walk would count as one too
many). A match means the walk would report nothing; anything else — a missing, extra, unknown
or misplaced segment, or a tree the expression does not cover — goes to the walk, which says
what is wrong. The expression may refuse a message the walk accepts (then the walk runs and
finds nothing); it never accepts one the walk would report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from operator import attrgetter

from ..domain.issues import Issue, Source, error, warning
from .guides import Group, Seg

_tag = attrgetter("tag")
_PATTERNS: dict[int, tuple[Group, re.Pattern | None]] = {}


def conforms(root: Group, body: Sequence) -> bool:
    """True when the walk would find nothing wrong with the order of ``body``'s segments."""
    found = _PATTERNS.get(id(root))
    if found is None or found[0] is not root:
        found = _PATTERNS[id(root)] = (root, _compiled(root))
    pattern = found[1]
    if pattern is None:
        return False
    tags = "".join(map(_tag, body))
    return len(tags) == 3 * len(body) and pattern.fullmatch(tags) is not None


def _compiled(root: Group) -> re.Pattern | None:
    text = _pattern(root)
    return None if text is None else re.compile(text)


def _pattern(group: Group) -> str | None:
    """The group's children in order; None where the walk's rules are not written here (a
    trigger that is itself a group, a tag that is not three letters or digits)."""
    parts = []
    for j, child in enumerate(group.children):
        if isinstance(child, Group):
            inner = _pattern(child)
            if inner is None or not child.children or isinstance(child.children[0], Group):
                return None
            one, start = f"(?:{inner})", child.trigger
        else:
            one = start = child.tag
            if not re.fullmatch(r"[A-Z0-9]{3}", start):
                return None
        if j == 0 and group.name:  # the trigger: once, the parent opened the group with it
            parts.append(one)
        else:
            parts.append(f"(?:{one}){{{child.min},{child.max}}}+(?!{start})")
    return "".join(parts)


def structure_issues(root: Group, body: Sequence, src: Callable[[int, str | None], Source]) -> list[Issue]:
    """The order issues of ``body`` (UNH is segment 1, so the body starts at 2)."""
    out: list[Issue] = []
    stack: list[list] = []  # the enclosing frames [group, position, counts]; the current one in locals
    group, pos, counts = root, 0, [0] * len(root.children)
    depth = 0
    number = 1
    steps, floor = root.steps, 0  # the current group's steps; the lowest position the next may take
    for seg in body:
        number += 1
        tag = seg.tag
        step = steps.get(tag)
        if step is None or step[0] < floor:  # not the current group: look outward
            stack.append([group, pos, counts])
            d, j = _find(stack, depth, tag)
            if d < 0:
                stack.pop()
                if tag in root.tags():
                    out.append(
                        error(
                            "edi.order",
                            f"{tag} står på feil plass (etter forrige segment i {group.describe()})",
                            src(number, tag),
                        )
                    )
                else:
                    out.append(
                        warning(
                            "edi.unknown_segment",
                            f"{tag} er ikke med i NeB-guiden for meldingen; ignorert",
                            src(number, tag),
                        )
                    )
                continue
            while len(stack) - 1 > d:
                closed = stack.pop()
                if closed[0].mandatory:
                    _close(closed, out, src, number)
            group, pos, counts = stack.pop()
            depth, steps = d, group.steps
            step = group.at[j]
        pos, floor, limit, child = step
        c = counts[pos] = counts[pos] + 1
        if c > limit and c == limit + 1:
            node = group.children[pos]
            what = tag if isinstance(node, Seg) else node.describe()
            out.append(
                error("edi.too_many", f"{what} forekommer mer enn {node.max} ganger", src(number, tag))
            )
        if child is not None:
            stack.append([group, pos, counts])
            group, pos, depth, steps, floor = child, 0, depth + 1, child.steps, 1
            counts = [0] * len(child.children)
            counts[0] = 1
    stack.append([group, pos, counts])
    while stack:
        _close(stack.pop(), out, src, number + 1)
    return out


def _find(stack: list, depth: int, tag: str) -> tuple[int, int]:
    """The innermost frame (and child position) that can take ``tag`` now; (-1, -1) if none."""
    d = depth
    while d >= 0:
        frame = stack[d]
        idxs = frame[0].index.get(tag)
        if idxs is not None:
            start = frame[1] if d == 0 else (frame[1] or 1)
            for j in idxs:
                if j >= start:
                    return d, j
        d -= 1
    return -1, -1


def _close(frame: list, out: list[Issue], src: Callable[[int, str | None], Source], number: int) -> None:
    group, _, counts = frame
    for j in group.mandatory:
        if counts[j] == 0:
            child = group.children[j]
            what = child.tag if isinstance(child, Seg) else child.describe()
            tag = child.tag if isinstance(child, Seg) else child.trigger
            out.append(
                error(
                    "edi.missing_segment",
                    f"Obligatorisk {what} mangler i {group.describe()}",
                    src(number, tag),
                )
            )


__all__ = ["conforms", "structure_issues"]
