"""Finding the header row of a supplier sheet and mapping its headings to field keys.

Synonyms per table live in ``vareflyt/data/headers/<table>.toml`` (see ``prices.toml`` for the
format). Headings are compared after ``normalize`` (lowercase, æøå/äöü kept, punctuation,
spaces and ``(kr)``-style unit suffixes removed). Per column the first rule that matches wins:
a per-supplier override (heading → field, from ``vareflyt.toml``), an exact synonym, then a
conservative prefix/suffix rule (synonym of at least 5 characters at the start or end of the
heading; never for headings that say "inkl. mva"). Two fields equally good for one heading
is *ambiguous* and reported, not guessed. Two columns for one field: the better (then the
leftmost) wins, the other is reported.

The header row is searched in the first ``SCAN_ROWS`` rows: the row mapping most fields wins.
A two-row header (``Pris`` merged over ``Brutto``/``Netto``; ``Kampanje`` over
``Pris``/``Fra``/``Til``) is tried by forward-filling the upper row over its merged cells and
joining it with the lower heading.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .sheets import SheetData

SCAN_ROWS = 30
MIN_FIELDS = 2
MIN_CONTAINS = 5
IGNORE = {"", "-", "ignore", "ignorer"}
_UNIT_SUFFIX = re.compile(r"\((kr|nok|sek|dkk|eur|%|stk|kg|ex\.? ?mva|eks\.? ?mva|exkl\.? ?moms)\)")
_NO_CONTAINS = ("inklmva", "inklmoms", "inclvat", "inkmva")
RANK = {"override": 3, "exact": 2, "contains": 1}


@lru_cache(maxsize=65536)
def normalize(text) -> str:
    """'Pris (kr)' → 'pris', 'Lev. varenr' → 'levvarenr', 'Rabatt %' → 'rabatt'."""
    s = _UNIT_SUFFIX.sub("", str(text).lower())
    return "".join(ch for ch in s if ch.isalnum())


@dataclass(frozen=True)
class FieldSpec:
    key: str
    kind: str
    required: bool
    synonyms: tuple[str, ...]  # normalized


@dataclass(frozen=True)
class TableSpec:
    name: str
    fields: dict[str, FieldSpec]
    key_fields: tuple[str, ...]
    required_one_of: tuple[tuple[str, ...], ...]
    exact: dict[str, tuple[str, ...]]          # normalized synonym -> field keys
    examples: str = "kolonneoverskrifter"     # headings named when no header row is found
    mapping_hint: str = ""                     # how to map an unused column, where that is possible


@lru_cache(maxsize=None)
def load_spec(table: str) -> TableSpec:
    text = resources.files("vareflyt").joinpath("data", "headers", f"{table}.toml").read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    fields: dict[str, FieldSpec] = {}
    exact: dict[str, list[str]] = {}
    for key, spec in raw["fields"].items():
        syns = tuple(dict.fromkeys(normalize(s) for s in spec.get("synonyms", []) + [key]))
        fields[key] = FieldSpec(key, spec.get("kind", "text"), bool(spec.get("required", False)), syns)
        for s in syns:
            exact.setdefault(s, []).append(key)
    meta = raw.get("table", {})
    return TableSpec(table, fields, tuple(meta.get("key_fields", ())),
                     tuple(tuple(g) for g in meta.get("required_one_of", ())),
                     {k: tuple(v) for k, v in exact.items()},
                     meta.get("examples", "kolonneoverskrifter"), meta.get("mapping_hint", ""))


def match_heading(spec: TableSpec, heading, overrides: dict[str, str] | None = None) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(field, rule, ambiguous candidates) for one heading; field None when unmapped/ambiguous."""
    norm = normalize(heading)
    if not norm:
        return None, None, ()
    if overrides and norm in overrides:
        target = overrides[norm]
        return (None, "ignore", ()) if target in IGNORE else (target, "override", ())
    hits = spec.exact.get(norm)
    if hits:
        return (hits[0], "exact", ()) if len(hits) == 1 else (None, None, hits)
    if any(tag in norm for tag in _NO_CONTAINS):
        return None, None, ()
    best: dict[str, int] = {}
    for key, fs in spec.fields.items():
        for s in fs.synonyms:
            if len(s) >= MIN_CONTAINS and len(s) < len(norm) and (norm.startswith(s) or norm.endswith(s)):
                best[key] = max(best.get(key, 0), len(s))
    if not best:
        return None, None, ()
    top = max(best.values())
    winners = tuple(k for k, v in best.items() if v == top)
    return (winners[0], "contains", ()) if len(winners) == 1 else (None, None, winners)


@dataclass
class HeaderMatch:
    index: int                                   # index in sheet.rows of the (lower) header row
    two_rows: bool
    columns: dict[str, int] = field(default_factory=dict)   # field -> 0-based index in the row lists
    headings: dict[int, str] = field(default_factory=dict)  # column index -> heading text as shown
    unmapped: list[str] = field(default_factory=list)
    ambiguous: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (heading, field) not used

    @property
    def score(self) -> int:
        return len(self.columns)


def _text(cell) -> str:
    if cell is None or cell == "":
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


_NUMERIC = re.compile(r"[\d\s.,:/%+-]*\d[\d\s.,:/%+-]*")


def _all_text(cells) -> bool:
    """Heading rows hold words only; a row with numbers, dates or booleans (or, in CSV, text
    that reads as a number or date) is data, never half of a two-row header."""
    return all(c is None or (c.__class__ is str and not _NUMERIC.fullmatch(c.strip())) for c in cells)


def _filled_upper(sheet: SheetData, upper_index: int, width: int) -> list[str]:
    upper = [_text(c) for c in sheet.rows[upper_index]] + [""] * width
    upper = upper[:width]
    row_no = sheet.row_number(upper_index)
    if sheet.merged:
        for r1, c1, r2, c2 in sheet.merged:
            if r1 <= row_no <= r2:
                first = c1 - sheet.first_col
                value = upper[first] if 0 <= first < width else ""
                for j in range(max(first, 0), min(c2 - sheet.first_col + 1, width)):
                    upper[j] = value
    else:  # no merge information (CSV, some .xls): fill right until the next heading
        last = ""
        for j in range(width):
            last = upper[j] = upper[j] or last
    return upper


def _map_row(spec, headings_per_col: list[list[str]], shown: list[str], overrides) -> HeaderMatch:
    match = HeaderMatch(index=-1, two_rows=False)
    chosen: dict[str, tuple[int, int]] = {}   # field -> (rank, column)
    for j, candidates in enumerate(headings_per_col):
        if not shown[j]:
            continue
        result = None
        for text in candidates:
            fkey, rule, amb = match_heading(spec, text, overrides)
            if rule == "ignore":
                result = ("ignore", None)
                break
            if fkey and (result is None or result[0] is None or RANK[rule] > RANK[result[1]]):
                # a clear match beats an ambiguous reading of the same heading (a two-row header)
                result = (fkey, rule)
                if rule != "contains":
                    break
            elif amb and result is None:
                result = (None, amb)
        if result is None:
            match.unmapped.append(shown[j])
        elif result[0] == "ignore":
            continue
        elif result[0] is None:
            match.ambiguous.append((shown[j], result[1]))
        else:
            fkey, rule = result
            rank = RANK[rule]
            if fkey in chosen and chosen[fkey][0] >= rank:
                match.duplicates.append((shown[j], fkey))
                continue
            if fkey in chosen:
                match.duplicates.append((match.headings[chosen[fkey][1]], fkey))
            chosen[fkey] = (rank, j)
            match.headings[j] = shown[j]
    match.columns = {k: j for k, (_, j) in chosen.items()}
    match.headings = {j: h for j, h in match.headings.items() if j in match.columns.values()}
    return match


def find_header(sheet: SheetData, spec: TableSpec, overrides: dict[str, str] | None = None,
                scan: int = SCAN_ROWS) -> HeaderMatch | None:
    """The best header row among the first ``scan`` rows, or None when none maps ``MIN_FIELDS``."""
    norm_over = {normalize(k): v for k, v in (overrides or {}).items()}
    best: HeaderMatch | None = None
    limit = min(scan, len(sheet.rows))
    for i in range(limit):
        lower = [_text(c) for c in sheet.rows[i]]
        if sum(1 for t in lower if t) == 0:
            continue
        single = _map_row(spec, [[t] for t in lower], lower, norm_over)
        single.index = i
        candidate = single
        if i > 0 and any(_text(c) for c in sheet.rows[i - 1]) and _all_text(sheet.rows[i]) \
                and _all_text(sheet.rows[i - 1]):
            upper = _filled_upper(sheet, i - 1, len(lower))
            cands = [[f"{u} {t}", t] if t else [u] for u, t in zip(upper, lower)]
            shown = [f"{u} {t}".strip() if u and t and u != t else (t or u) for u, t in zip(upper, lower)]
            double = _map_row(spec, cands, shown, norm_over)
            double.index, double.two_rows = i, True
            if double.score > single.score:
                candidate = double
        if candidate.score >= MIN_FIELDS and (best is None or candidate.score > best.score):
            best = candidate
    return best
