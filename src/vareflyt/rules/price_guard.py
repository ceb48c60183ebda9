"""The guard before a *new* or *replace* list supersedes a supplier's catalogue.

A complete list imported under the wrong (but valid) supplier GLN would expire that supplier's
whole catalogue. Before it does, the list is compared with what the supplier's current
catalogue holds:

* ``shared``: how many of the current catalogue's articles the file names (by article number
  or GTIN, in accepted and rejected rows alike);
* ``named``: which stored parties the file names, in its title rows or a supplier column
  (company forms such as AS, ASA, AB are ignored; a name must be whole words of the text).

The guard stops the import (``judge``) when the current catalogue holds at least
``min_articles`` articles, fewer than ``min_shared_pct`` % of them are shared, and the file does
not name this supplier. ``looks_like`` picks the supplier the list looks like: the stored
supplier whose current catalogue it shares most articles with, else one it names. Pure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..domain.catalogue import CatalogueArticle, plain_decimal
from ..domain.keyed_articles import KeyedArticles
from ..domain.money import nb_number
from ..domain.wording import plural

COMPANY_FORMS = {
    "as",
    "asa",
    "ab",
    "aps",
    "a/s",
    "oy",
    "oyj",
    "ltd",
    "limited",
    "gmbh",
    "ag",
    "kg",
    "sa",
    "ans",
    "da",
    "nuf",
    "ba",
    "bv",
    "nv",
    "inc",
    "llc",
    "plc",
    "hf",
    "ehf",
    "publ",
}
_WORD = re.compile(r"[^\W_]+(?:/[^\W_]+)?")
MIN_NAME = 4  # a shorter name (after company forms) is never matched


def name_key(name: str) -> str:
    """A company name as compared: lower-case words without company forms.

    >>> name_key("Nordisk Trelast AS"), name_key("BYGG-MIX A/S"), name_key("Bygg Sverige AB (publ)")
    ('nordisk trelast', 'bygg mix', 'bygg sverige')
    """
    words = [w for w in _WORD.findall(str(name).lower()) if w not in COMPANY_FORMS]
    return " ".join(words)


def names_in(texts: Iterable[str], names: Mapping[str, str]) -> list[str]:
    """GLNs of the parties (``gln -> name``) whose name occurs as whole words in ``texts``, the
    longest name first (so "Bygg Sverige" wins over "Bygg" when both are stored)."""
    text = " " + " ".join(name_key(t) for t in texts if t) + " "
    found = sorted(
        (
            (key, gln)
            for gln, name in names.items()
            if len(key := name_key(name)) >= MIN_NAME and f" {key} " in text
        ),
        key=lambda x: (-len(x[0]), x[1]),
    )
    kept: list[tuple[str, str]] = []
    for key, gln in found:  # "Bygg" is not named where the text says "Bygg Sverige"
        if not any(f" {key} " in f" {longer} " and key != longer for longer, _ in kept):
            kept.append((key, gln))
    return [gln for _, gln in kept]


def column_name(values: Iterable[str | None]) -> str | None:
    """The supplier a supplier column names: the value more than half of the rows give."""
    values = [v.strip() for v in values if isinstance(v, str) and v.strip()]
    if not values:
        return None
    top, n = Counter(values).most_common(1)[0]
    return top if 2 * n > len(values) else None


def shared_with(catalogue: Mapping[Any, CatalogueArticle], article_nos: set[str], gtins: set[str]) -> int:
    """How many articles of ``catalogue`` the file names by article number or GTIN."""
    if isinstance(catalogue, KeyedArticles):  # held as columns: read the two, make no article
        pairs = zip(catalogue.column("article_no"), catalogue.column("gtin"))
        return sum(1 for no, gtin in pairs if no in article_nos or (gtin and gtin in gtins))
    return sum(1 for a in catalogue.values() if a.article_no in article_nos or (a.gtin and a.gtin in gtins))


def pct_text(pct: Decimal) -> str:
    """93.3 -> "93,3", 20.0 -> "20", 0.0 -> "0"."""
    return nb_number(Decimal(plain_decimal(pct)))


@dataclass(frozen=True)
class Likeness:
    """How much of one supplier's current catalogue (``total`` articles) a list shares."""

    gln: str
    name: str
    shared: int
    total: int

    @property
    def pct(self) -> Decimal:
        return (
            (Decimal(100) * self.shared / self.total).quantize(Decimal("0.1"), ROUND_HALF_UP)
            if self.total
            else Decimal(0)
        )

    def said(self) -> str:
        who = f"{self.name} ({self.gln})" if self.name else self.gln
        return f"{who}: {self.shared} av {plural(self.total, 'vare', 'varer')} ({pct_text(self.pct)} %)"


@dataclass(frozen=True)
class Verdict:
    stops: bool
    current: Likeness
    named_this: bool
    named_other: tuple[str, ...]
    checked: bool  # False: the current catalogue is too small to judge

    def to_dict(self) -> dict[str, object]:
        return {
            "stopped": self.stops,
            "checked": self.checked,
            "shared": self.current.shared,
            "current_articles": self.current.total,
            "shared_pct": str(self.current.pct),
            "named_this": self.named_this,
            "named_other": list(self.named_other),
        }


def judge(current: Likeness, named: list[str], *, min_shared_pct: Decimal, min_articles: int) -> Verdict:
    """Stop when the current catalogue is large enough to judge, the list shares less than
    ``min_shared_pct`` % of it, and the list does not name this supplier."""
    named_this = current.gln in named
    other = tuple(g for g in named if g != current.gln)
    checked = current.total >= min_articles and current.total > 0
    stops = checked and current.pct < min_shared_pct and not named_this
    return Verdict(stops, current, named_this, other, checked)


def looks_like(
    others: Iterable[Likeness], named_other: tuple[str, ...], names: Mapping[str, str]
) -> Likeness | None:
    """The supplier the list looks like: most shared articles (then the higher share), else the
    first other supplier it names."""
    best = max((o for o in others if o.shared), key=lambda o: (o.shared, o.pct, o.gln), default=None)
    if best is not None:
        return best
    if named_other:
        return Likeness(named_other[0], names.get(named_other[0], ""), 0, 0)
    return None


def refusal(verdict: Verdict, version: int | None, like: Likeness | None) -> str:
    """The Norwegian message for a list the guard stops (without the command to force it)."""
    cur = verdict.current
    who = f"{cur.name} ({cur.gln})" if cur.name else cur.gln
    text = (
        f"Prislisten ligner ikke på katalogen til {who}: bare {cur.shared} av "
        f"{plural(cur.total, 'vare', 'varer')} "
        f"({pct_text(cur.pct)} %) i gjeldende prisliste{f' (versjon {version})' if version else ''} "
        "finnes i filen, "
        f"og en ny eller erstattende liste ville latt resten gå ut."
    )
    if like is None:
        return text + " Den ligner ikke på katalogen til noen annen leverandør i lageret heller."
    if like.total:
        return text + f" Den ligner mest på {like.said()} finnes i filen."
    who = f"{like.name} ({like.gln})" if like.name else like.gln
    return text + f" Filen nevner {who}."


__all__ = [
    "name_key",
    "names_in",
    "column_name",
    "shared_with",
    "Likeness",
    "Verdict",
    "judge",
    "looks_like",
    "refusal",
]
