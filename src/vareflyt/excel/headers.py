"""Finding the header row of a supplier sheet and mapping its headings to field keys.

Synonyms, labels and exclusions per table live in ``vareflyt/data/headers/<table>.toml``
(``header_spec``); a heading is read as words (``header_words``) and ranked against them
(``header_match``: override, exact, all words, fuzzy — see there). Two fields equally good for
one heading is *ambiguous* and reported, not guessed. Two columns for one field: the better (then
the leftmost) wins, the other is reported.

The header row is searched in the first ``SCAN_ROWS`` rows: the row mapping most fields wins.
A two-row header (``Pris`` merged over ``Brutto``/``Netto``; ``Kampanje`` over
``Pris``/``Fra``/``Til``) is tried by forward-filling the upper row over its merged cells and
joining it with the lower heading. Cells that are not text (numbers, dates) are never headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .header_match import RANK, Ranked, rank_heading
from .header_spec import IGNORE, FieldSpec, TableSpec, load_spec
from .header_words import normalize
from .sheets import SheetData

__all__ = [
    "SCAN_ROWS",
    "MIN_FIELDS",
    "IGNORE",
    "RANK",
    "FieldSpec",
    "TableSpec",
    "HeaderMatch",
    "load_spec",
    "normalize",
    "match_heading",
    "resolve_overrides",
    "find_header",
]

SCAN_ROWS = 30
MIN_FIELDS = 2


def match_heading(
    spec: TableSpec, heading, overrides: dict[str, str] | None = None
) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(field, rule, ambiguous candidates) for one heading; field None when unmapped/ambiguous."""
    ranked = rank_heading(spec, heading, overrides)
    return ranked.field, ranked.rule, ranked.candidates


def resolve_overrides(spec: TableSpec, overrides: dict[str, str] | None) -> tuple[dict[str, str], list[str]]:
    """({compact heading: field key or "ignore"}, values that name no field) from vareflyt.toml's
    ``heading = field`` pairs; a field may be named by its key or its Norwegian label."""
    resolved: dict[str, str] = {}
    unknown: list[str] = []
    for heading, name in (overrides or {}).items():
        key = spec.resolve(name)
        if key is None:
            unknown.append(str(name))
        else:
            resolved[normalize(heading)] = key
    return resolved, unknown


@dataclass
class HeaderMatch:
    index: int  # index in sheet.rows of the (lower) header row
    two_rows: bool
    columns: dict[str, int] = field(default_factory=dict)  # field -> 0-based index in the row lists
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


def _best(spec, candidates: list[str], overrides) -> Ranked | None:
    """The best reading of one column: of a two-row header's joined heading and its lower heading,
    the better rule wins (the joined one on a tie); a clear match beats an ambiguous reading."""
    best: Ranked | None = None
    for text in candidates:
        ranked = rank_heading(spec, text, overrides)
        if ranked.rule == "ignore":
            return ranked
        if ranked.field:
            if best is None or best.field is None or ranked.rank > best.rank:
                best = ranked
        elif ranked.candidates and best is None:
            best = ranked
    return best


_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


def _newer_year(heading: str, other: str) -> bool:
    """True when both headings name a year and ``heading``'s is later: "Pris 2026" beside
    "Pris 2025" is this year's price, whichever column comes first.

    >>> (_newer_year("Pris 2026", "Pris 2025"), _newer_year("Pris 2025", "Pris 2026"),
    ...  _newer_year("Pris", "Pris 2025"))
    (True, False, False)
    """
    years = [[int(m.group(0)) for m in _YEAR.finditer(h or "")] for h in (heading, other)]
    return bool(years[0] and years[1]) and max(years[0]) > max(years[1])


def _map_row(spec, headings_per_col: list[list[str]], shown: list[str], overrides) -> HeaderMatch:
    match = HeaderMatch(index=-1, two_rows=False)
    chosen: dict[str, tuple[tuple[int, float], int]] = {}  # field -> (rank, column)
    for j, candidates in enumerate(headings_per_col):
        if not shown[j]:
            continue
        result = _best(spec, candidates, overrides)
        if result is None:
            match.unmapped.append(shown[j])
        elif result.rule == "ignore":
            continue
        elif result.field is None:
            match.ambiguous.append((shown[j], result.candidates))
        else:
            fkey, rank = result.field, result.rank
            if (
                fkey in chosen
                and chosen[fkey][0] >= rank
                and not _newer_year(shown[j], shown[chosen[fkey][1]])
            ):
                match.duplicates.append((shown[j], fkey))
                continue
            if fkey in chosen:
                match.duplicates.append((match.headings[chosen[fkey][1]], fkey))
            chosen[fkey] = (rank, j)
            match.headings[j] = shown[j]
    match.columns = {k: j for k, (_, j) in chosen.items()}
    match.headings = {j: h for j, h in match.headings.items() if j in match.columns.values()}
    return match


def find_header(
    sheet: SheetData, spec: TableSpec, overrides: dict[str, str] | None = None, scan: int = SCAN_ROWS
) -> HeaderMatch | None:
    """The best header row among the first ``scan`` rows, or None when none maps ``MIN_FIELDS``."""
    norm_over, _ = resolve_overrides(spec, overrides)
    best: HeaderMatch | None = None
    limit = min(scan, len(sheet.rows))
    for i in range(limit):
        lower = [_text(c) for c in sheet.rows[i]]
        if sum(1 for t in lower if t) == 0:
            continue
        single = _map_row(spec, [[t] for t in lower], lower, norm_over)
        single.index = i
        candidate = single
        if (
            i > 0
            and any(_text(c) for c in sheet.rows[i - 1])
            and _all_text(sheet.rows[i])
            and _all_text(sheet.rows[i - 1])
        ):
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
