"""The quick element checks: ``elements.problems`` compiled into one small function per tag.

``compiled(tag, ...)`` turns the directory entry of a tag into generated code such as::

    def check(els, n):
        if n > 1: return _D
        if n > 0:
            e = els[0]
            if e.__class__ is list:
                k = len(e)
                if k > 3: return _D
                if k > 0:
                    c = e[0]
                    if c:
                        if len(c) > 3: return _D
                    else: return _D
                    ...
        return False

that answers "could anything be wrong here?" with a few comparisons per value (a length, an
ASCII flag, a sign); only a segment it flags goes to the exact ``problems``. ``code_lines``
gives the body alone, so ``checks`` can put the NeB rules after it in the same function. The
code assumes the tokenizer's form of a segment: a composite is a list of two or more components.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .directory import Element, Part, segment
from .elements import BAD, MAX_SIGNIFICANT, NUMBER, Bound, bound_significant, numeric_problem

HELPERS: dict = {
    "_nok": numeric_problem,
    "_bsig": bound_significant,
    "_num": NUMBER,
    "_a_ok": lambda value: not any(ch.isdigit() for ch in value),
    **{f"_bad{level}": search for level, search in BAD.items()},
}

_CACHE: dict[tuple, Callable | None] = {}


def compiled(
    tag: str, level: str | None = None, bounds: tuple[Bound, ...] = (), *, writing: bool = False
) -> Callable[[list, int], bool] | None:
    """The fast check for a tag (None when there is nothing to check); built once per key."""
    key = (tag, level, bounds, writing)
    if key not in _CACHE:
        lines = code_lines(tag, level, bounds, writing=writing)
        if lines is None:
            _CACHE[key] = None
        else:
            env = dict(HELPERS, _D=True)
            exec("\n".join(["def check(els, n):", *lines, "    return False"]), env)  # noqa: S102
            _CACHE[key] = env["check"]
    return _CACHE[key]


def code_lines(
    tag: str,
    level: str | None = None,
    bounds: tuple[Bound, ...] = (),
    *,
    writing: bool = False,
    numbers: frozenset = frozenset(),
    extra: dict[tuple[int, int], str] | None = None,
    ascii_only: frozenset = frozenset(),
) -> list[str] | None:
    """The body of a fast check ``check(els, n)`` for a tag, indented for a function: it runs
    ``return _D`` as soon as anything may be wrong and falls through otherwise (so ``checks``
    can put the NeB rules after it in one function). Names it uses are in ``HELPERS``.
    ``numbers``: places whose numeric form the NeB rules check (as in ``problems``): only
    their length is tested here. ``extra``: more tests of a value ``c`` by (element, component)
    (the NeB rules' quick tests, so that one pass looks at each value once); ``ascii_only``: the
    places where those tests already fail on anything but ASCII, so the characters need no test."""
    if writing:
        level, bounds = None, ()
    spec = segment(tag)
    if spec is None:
        if level is None:
            return None
        return [
            "    for e in els:",
            "        for c in (e if e.__class__ is list else (e,)):",
            f"            if {_charset_test(level)}: return _D",
        ]
    lines = [f"    if n > {len(spec.elements)}: return _D"]
    by_place = {(b.element, b.component): b for b in bounds}
    for i, el in enumerate(spec.elements):
        lines += _element_code(i, el, level, by_place, writing, numbers, extra or {}, ascii_only)
    return lines


def _element_code(
    i: int,
    el: Element,
    level: str | None,
    bounds: dict,
    writing: bool,
    numbers: frozenset,
    extra: dict,
    ascii_only: frozenset,
) -> list[str]:
    """Code for data element ``i``."""
    parts = el.components
    tests = [
        _value_test(
            part, None if (i, j) in ascii_only else level, bounds.get((i, j)), writing or (i, j) in numbers
        )
        + (f" or ({extra[(i, j)]})" if (i, j) in extra else "")
        for j, part in enumerate(parts)
    ]
    if not el.composite:  # a simple element never has components; its value is tested as e
        out = [
            f"    if n > {i}:",
            f"        e = els[{i}]",
            "        if e.__class__ is list: return _D",
            f"        if e:\n            if {_on(tests[0], 'e')}: return _D",
        ]
        if el.mandatory and not writing:
            out += ["        else: return _D", "    else: return _D"]
        return out
    out = [f"    if n > {i}:", f"        e = els[{i}]"]
    out += [
        "        if e.__class__ is list:",
        "            k = len(e)",
        f"            if k > {len(parts)}: return _D",
    ]
    out += _component_code(parts, tests, 0, writing)
    out += ["        elif e:", f"            if {_on(tests[0], 'e')}: return _D"]
    if not writing and any(p.mandatory for p in parts[1:]):
        out.append("            return _D")
    if el.mandatory and not writing:
        out += ["        else: return _D", "    else: return _D"]
    return out


def _on(test: str, name: str) -> str:
    """A value test written for ``c``, on another variable."""
    return re.sub(r"\bc\b", name, test)


def _component_code(parts: tuple[Part, ...], tests: list[str], j: int, writing: bool) -> list[str]:
    """Component ``j`` and, nested inside it, the ones after: a short composite stops early."""
    pad = "    " * (j + 3)
    out = [
        f"{pad}if k > {j}:",
        f"{pad}    c = e[{j}]",
        f"{pad}    if c:",
        f"{pad}        if {tests[j]}: return _D",
    ]
    if parts[j].mandatory and not writing:
        out.append(f"{pad}    else: return _D")
    if j + 1 < len(parts):
        out += _component_code(parts, tests, j + 1, writing)
    if not writing and any(p.mandatory for p in parts[j:]):
        out.append(f"{pad}else: return _D")
    return out


def _value_test(part: Part, level: str | None, bound: Bound | None, length_only: bool) -> str:
    """The quick test of one value ``c``; ``length_only``: the maximum length alone (what a
    writer can exceed, or a number whose form the NeB rules test)."""
    tests = []
    if part.kind == "n":
        if length_only:
            tests.append(f"(len(c) > {part.max} and _nok(c, 0, {part.max}, True))")
        elif part.min:
            tests.append(f"_nok(c, {part.min}, {part.max}, False)")
        else:
            tests.append(
                f"(not ((c.isdigit() or c.replace('.', '', 1).isdigit()) and c.isascii() and len(c) <= "
                f"{part.max}) and _nok(c, 0, {part.max}, False))"
            )
    else:
        tests.append(
            f"len(c) > {part.max}"
            if not part.min or length_only
            else f"not {part.min} <= len(c) <= {part.max}"
        )
        if part.kind == "a" and not length_only:
            tests.append("not _a_ok(c)")
    if level is not None:
        tests.append(_charset_test(level))
    if bound is not None:
        if not bound.negative:
            tests.append("(c[:1] == '-' and _num(c) is not None)")
        tests.append(f"(len(c) > {MAX_SIGNIFICANT} and _bsig(c) > {MAX_SIGNIFICANT})")
    return " or ".join(tests)


def _charset_test(level: str) -> str:
    if level == "C":  # ASCII is the reader's to look at (control characters); the rest is looked up
        return "(not c.isascii() and _badC(c) is not None)"
    return f"_bad{level}(c) is not None"
