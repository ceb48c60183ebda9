"""What a column heading says, as canonical words to match against the synonyms of a field.

``words("Art.nr.")`` → ``("vare", "nummer")``, the same as ``words("Varenummer")`` and
``words("Item No.")``; ``words("Betalt dato")`` and ``words("Betalingsdato")`` → ``("betal",
"dato")``; ``words("Pris inkl. mva")`` → ``("pris", "inklmva")``; ``words("Netto pr stk")`` →
``("netto", "per:enhet")``. The vocabulary is data: ``vareflyt/data/headers/words.toml``.

The steps, for a heading and for every synonym alike:

1. ``LeverandørNavn`` is split at the capital; lowercase; accents go except on æ, ø and å (ä is
   read as æ, ö as ø, so "Prís" = "Pris" and "Förfallodatum" meets "forfall"); ``#`` is "nummer",
   ``%`` is "prosent"; "e-post"/"e-mail" are one word; "f.o.m."/"t.o.m." are "fom"/"tom".
2. Words are what lies between anything not a letter or digit; a number after three or more
   letters is a word of its own ("EAN13", "Adresse1").
3. A known variant becomes its canonical word ("nr", "no", "num" → "nummer"; "moms", "vat" →
   "mva"; "art", "artikkel", "item" → "vare"). An unknown word that ends in a known tail is split
   before it, the head again ("betalingsdato" → betaling + dato, the linking s dropped;
   "bankkontonummer" → bank + konto + nummer).
4. Currency and small words are dropped; "eks"/"inkl" before "mva" become one qualifier
   ("eksmva", "inklmva"); "pr"/"per" before a unit becomes "per:enhet", "per:pakning", ...

Qualifiers (``is_neutral``) say how a value is meant — without VAT, per piece, in kroner — not which
field it is: the ranking does not count them when it measures how much of a heading a synonym covers, but
a field can still be excluded by one ("inklmva" excludes the net price).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from importlib import resources

_UNIT_SUFFIX = re.compile(r"\((kr|nok|sek|dkk|eur|%|stk|kg|ex\.? ?mva|eks\.? ?mva|exkl\.? ?moms)\)")
_CAMEL = re.compile(r"(?<=[a-zæøåäöüéè])(?=[A-ZÆØÅÄÖÜÉ])")
_EPOST = re.compile(r"\be[\s\-]?(?=post|mail)")
_FOM = re.compile(r"\bfr?\.?\s?o\.?\s?m\b\.?")
_TOM = re.compile(r"\bt\.?\s?o\.?\s?m\b\.?")
_LETTERS_DIGITS = re.compile(r"(?<=[^\W\d_]{3})(?=\d)")
_WORD = re.compile(r"[^\W_]+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_FOLD = {"ä": "æ", "ö": "ø", "ǿ": "ø", "ß": "ss"}
QUALIFIERS = frozenset({"eksmva", "inklmva", "eksklusive", "inklusive", "kr"})
_LINKING_S = ("ings", "ons", "ets")


@lru_cache(maxsize=65536)
def normalize(text) -> str:
    """The compact form: 'Pris (kr)' → 'pris', 'Lev. varenr' → 'levvarenr', 'Rabatt %' → 'rabatt'.

    Overrides in vareflyt.toml are looked up by it, and a heading whose compact form equals a
    synonym's is an exact match."""
    s = _UNIT_SUFFIX.sub("", str(text).lower())
    return "".join(ch for ch in s if ch.isalnum())


def squash(text) -> str:
    """Letters and digits only, lowercase: "Org.nr." → "orgnr". Unlike ``normalize`` it keeps
    "(kr)": "Rabatt (kr)" is an amount, not the discount percent that "Rabatt" is."""
    return _NOT_ALNUM.sub("", str(text).lower())


class _Vocabulary:
    def __init__(self) -> None:
        raw = tomllib.loads(
            resources.files("vareflyt").joinpath("data", "headers", "words.toml").read_text(encoding="utf-8")
        )
        self.canon: dict[str, str] = {}
        for word, variants in raw["words"].items():
            for v in [word, *variants]:
                self.canon[_fold(v.lower())] = word
        tails = {_fold(t.lower()) for t in raw["compound"]["tails"]}
        self.tails = sorted(tails, key=len, reverse=True)
        self.noise = frozenset(_fold(w.lower()) for w in raw["noise"]["words"])
        self.per = {
            _fold(v.lower()): unit for unit, variants in raw["per"].items() for v in [unit, *variants]
        }


def _fold(text: str) -> str:
    """Lowercase text without accents, except æ ø å (ä → æ, ö → ø)."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch in "æøå" or ch.isascii():
            out.append(ch)
        elif ch in _FOLD:
            out.append(_FOLD[ch])
        else:
            out.append("".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)))
    return "".join(out)


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    return _Vocabulary()


@lru_cache(maxsize=16384)
def _canon(word: str) -> tuple[str, ...]:
    """One raw word → its canonical word(s); compounds split before a known tail."""
    voc = _vocabulary()
    hit = voc.canon.get(word)
    if hit is not None:
        return (hit,)
    if word.isdigit():
        return (word,)
    for tail in voc.tails:
        if word.endswith(tail) and len(word) - len(tail) >= (3 if len(tail) < 4 else 2):
            return _head(word[: -len(tail)]) + (voc.canon.get(tail, tail),)
    return (word,)


def _head(head: str) -> tuple[str, ...]:
    """The first part of a compound, without a linking s ("betalings" → "betaling")."""
    voc = _vocabulary()
    if head in voc.canon:
        return (voc.canon[head],)
    if head.endswith("s") and (head[:-1] in voc.canon or head.endswith(_LINKING_S)):
        return _canon(head[:-1])
    return _canon(head)


def raw_words(text) -> list[str]:
    """The heading's words before they are made canonical (lowercase, folded)."""
    s = _CAMEL.sub(" ", str(text))
    s = _fold(s.lower()).replace("%", " prosent ").replace("#", " nummer ")
    s = _EPOST.sub("e", s)
    s = _TOM.sub(" tom ", _FOM.sub(" fom ", s))
    return _WORD.findall(_LETTERS_DIGITS.sub(" ", s))


@lru_cache(maxsize=65536)
def words(text) -> tuple[str, ...]:
    """The canonical words of a heading, in order (see the module docstring)."""
    voc = _vocabulary()
    raw = raw_words(text)
    out: list[str] = []
    i = 0
    while i < len(raw):
        word = raw[i]
        i += 1
        if word in voc.noise:
            continue
        canon = _canon(word)
        if canon == ("per",) and i < len(raw) and raw[i] in voc.per:
            out.append("per:" + voc.per[raw[i]])
            i += 1
            continue
        for w in canon:
            if w == "mva" and out and out[-1] in ("eksklusive", "inklusive"):
                out[-1] = "eksmva" if out[-1] == "eksklusive" else "inklmva"
            else:
                out.append(w)
    return tuple(out)


def is_neutral(word: str) -> bool:
    """A qualifier (without/with VAT, per unit): not counted when coverage is measured."""
    return word in QUALIFIERS or word.startswith("per:")
