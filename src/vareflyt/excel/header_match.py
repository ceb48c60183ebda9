"""Which field one column heading is: ranked candidates, best rule first.

The rules, strongest first; the first rule that yields a field decides, and two fields equally
good under it make the heading *ambiguous* (reported with both, never guessed):

1. ``override``: the shop's own ``heading = field`` in vareflyt.toml (compact form of the heading).
2. ``exact``: the heading's compact form equals a synonym's ("Org.nr." = "orgnr"), or it says the
   same words ("Dato betalt" = "Betalingsdato" = {betal, dato}; "Art.nr." = "Varenummer").
3. ``words``: every word of a synonym is in the heading, and the synonym covers at least half of
   the heading's words (qualifiers such as "eks. mva" or "pr stk" not counted). The field whose
   synonym covers most wins: "Nettopris NOK eks. mva" is the net price, "Kolli enhet" could be the
   pack quantity or the unit and is ambiguous.
4. ``fuzzy``: a misspelt heading ("Artikkelnumer") whose compact form is close to a synonym's by
   ``rapidfuzz.fuzz.ratio`` (at least ``FUZZY_MIN`` of 100), for headings of 5 to 40 letters and
   at most ``FUZZY_WORDS`` words (a longer cell is a value or a sentence, not a misspelt heading).

Rules 3 and 4 skip a field when the heading has one of the field's ``exclude`` words: "Pris inkl.
mva" is not the net price, "Kundenr" in a price list is not the article number, "Veil. pris" (the
recommended price suppliers take their discount from) may be the gross price but never the net.
rapidfuzz's ``token_set_ratio`` is not used for
rule 3: it scores a subset 100 ("Dato" against "Fra dato"), which is exactly the misleading case;
the word sets with coverage and exclusions say what a subset is worth.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from .header_spec import IGNORE, TableSpec
from .header_words import is_neutral, normalize, squash, words

FUZZY_MIN = 88
FUZZY_LENGTH = (5, 40)
FUZZY_WORDS = 3
MAX_WORDS = 8  # more words than this is a sentence or a value, not a heading
RANK = {"override": 4, "exact": 3, "words": 2, "fuzzy": 1}


@dataclass(frozen=True)
class Ranked:
    field: str | None  # None when nothing fits, or when ambiguous
    rule: str | None  # override | ignore | exact | words | fuzzy
    score: float = 0.0  # within a rule: coverage (words) or similarity (fuzzy)
    candidates: tuple[str, ...] = ()  # the equally good fields of an ambiguous heading

    @property
    def rank(self) -> tuple[int, float]:
        return RANK.get(self.rule or "", 0), self.score


NOTHING = Ranked(None, None)


def rank_heading(spec: TableSpec, heading, overrides: dict[str, str] | None = None) -> Ranked:
    """The best field for ``heading``; ``overrides`` maps compact headings to field keys."""
    compact = normalize(heading)
    if not compact:
        return NOTHING
    if overrides and compact in overrides:
        target = overrides[compact]
        return Ranked(None, "ignore") if target in IGNORE else Ranked(target, "override", 1.0)
    return _rank(spec, str(heading))


@lru_cache(maxsize=65536)
def _rank(spec: TableSpec, heading: str) -> Ranked:
    compact = squash(heading)
    hits = spec.exact.get(compact)
    if not hits:
        said = words(heading)
        hits = spec.by_words.get(frozenset(said)) if said else None
    if hits:
        return Ranked(hits[0], "exact", 1.0) if len(hits) == 1 else Ranked(None, None, 1.0, hits)
    said = frozenset(words(heading))
    counted = {w for w in said if not is_neutral(w)}
    if not counted or len(counted) > MAX_WORDS:
        return NOTHING
    found = _by_words(spec, said, counted)
    if found is not NOTHING:
        return found
    return _fuzzy(spec, compact, said, counted)


def _allowed(spec: TableSpec, key: str, said: frozenset[str]) -> bool:
    return not spec.fields[key].excluded_by(said)


def _by_words(spec: TableSpec, said: frozenset[str], counted: set[str]) -> Ranked:
    best: dict[str, int] = {}
    for word in counted:
        for key, syn in spec.by_word.get(word, ()):
            if not syn.words <= said:
                continue
            covered = len(syn.words & counted)
            if covered * 2 >= len(counted) and covered > best.get(key, 0):
                best[key] = covered
    best = {k: v for k, v in best.items() if _allowed(spec, k, said)}
    return _winner(spec, best, "words", len(counted))


def _fuzzy(spec: TableSpec, compact: str, said: frozenset[str], counted: set[str]) -> Ranked:
    """A misspelt heading: short (a few words), close to one synonym."""
    if (
        not FUZZY_LENGTH[0] <= len(compact) <= FUZZY_LENGTH[1]
        or len(counted) > FUZZY_WORDS
        or not spec.fuzzy_choices
    ):
        return NOTHING
    best: dict[str, float] = {}
    for _, score, i in process.extract(
        compact, spec.fuzzy_choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=12
    ):
        key = spec.fuzzy_keys[i]
        if score > best.get(key, 0) and _allowed(spec, key, said):
            best[key] = round(score, 1)
    return _winner(spec, best, "fuzzy", 100)


def _winner(spec: TableSpec, best: dict, rule: str, scale: float) -> Ranked:
    if not best:
        return NOTHING
    top = max(best.values())
    winners = tuple(k for k in spec.fields if best.get(k) == top)  # in the table's field order
    if len(winners) > 1:
        return Ranked(None, None, top / scale, winners)
    return Ranked(winners[0], rule, top / scale)
