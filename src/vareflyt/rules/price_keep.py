"""What a new or replacement list keeps from the version before it.

A *new* or *replace* version supersedes everything before it from its valid-from date, so an
article it does not hold expires. Two kinds of article are still sold although the list does
not give a price that applies from that date, and the version chain carries their previous row
into the new version (stored with it, so lookups, orders, the catalogue table and invoice
control all find it with no special case):

* ``carry_rejected``: an article whose row in the list was **rejected** (e.g. "Pris på
  forespørsel" in the price column) keeps its previous row unchanged, marked
  ``not_updated`` ("pris ikke oppdatert"). The rejected row is found in the previous catalogue
  by article number and packaging level, else by GTIN.
* ``bridge_later_rows``: an article whose row starts **later** than the version (its own
  valid-from) keeps its previous row until the day before, so the new price applies per row
  from its own date and the old one until then.

Only articles absent from the list expire. Pure: catalogues in, rows out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..domain.article_rows import ArticleRows
from ..domain.catalogue import CatalogueArticle, article_key
from .prices import PACK_WORDS

Key = tuple[str, str]


@dataclass(frozen=True)
class RejectedRow:
    """What identifies the article of a rejected row (any of it may be missing)."""

    row: int | None
    article_no: str | None
    pack_level: str | None = None  # as written: F, D, T, "Pall", …
    gtin: str | None = None


def _key_of(rejected: RejectedRow) -> Key | None:
    if not rejected.article_no:
        return None
    level = PACK_WORDS.get(str(rejected.pack_level or "").strip().lower()) or "F"
    return rejected.article_no, level


def carry_rejected(
    previous: Mapping[Key, CatalogueArticle], rejected: Iterable[RejectedRow], listed: set[Key]
) -> list[tuple[int | None, CatalogueArticle]]:
    """The previous rows of the rejected rows' articles, marked ``not_updated`` -> (row of the
    rejected line, previous article). Articles the list holds in another row, or that were not
    in effect before, carry nothing.

    >>> old = {("A1", "F"): CatalogueArticle("A1", net=1),
    ...        ("A2", "F"): CatalogueArticle("A2", gtin="7031234000026")}
    >>> [(r, a.article_no, a.not_updated) for r, a in carry_rejected(old, [RejectedRow(5, "A1"),
    ...     RejectedRow(6, None, gtin="7031234000026"), RejectedRow(7, "B9")], set())]
    [(5, 'A1', True), (6, 'A2', True)]
    """
    by_gtin: dict[str, Key] | None = None
    out: list[tuple[int | None, CatalogueArticle]] = []
    taken = set(listed)
    for r in rejected:
        key = _key_of(r)
        if (key is None or key not in previous) and r.gtin:
            if by_gtin is None:
                by_gtin = {a.gtin: k for k, a in previous.items() if a.gtin}
            key = by_gtin.get(r.gtin, key)
        if key is None or key in taken or key not in previous:
            continue
        taken.add(key)
        out.append((r.row, replace(previous[key], not_updated=True)))
    return out


def bridge_later_rows(
    previous: Mapping[Key, CatalogueArticle],
    rows: Iterable[tuple[int | None, CatalogueArticle]],
    version_from: date,
) -> list[tuple[int | None, CatalogueArticle]]:
    """For every row that starts after ``version_from``: the article's previous row, valid until
    the day before the new row starts (and no longer than it was valid before).

    >>> old = {("A1", "F"): CatalogueArticle("A1", net=1)}
    >>> [(a.net, a.valid_to) for _, a in bridge_later_rows(old, [(3, CatalogueArticle("A1", net=2,
    ...     valid_from=date(2026, 3, 1)))], date(2026, 2, 1))]
    [(1, datetime.date(2026, 2, 28))]
    """
    out: list[tuple[int | None, CatalogueArticle]] = []
    if isinstance(rows, ArticleRows):  # a list kept as columns: only its later rows are made
        rows = rows.starting_after(version_from)
    for row, article in rows:
        start = article.valid_from
        if start is None or start <= version_from:
            continue
        old = previous.get(article_key(article))
        if old is None or old.expired:
            continue
        until = start - timedelta(days=1)
        if old.valid_to is not None and old.valid_to < until:
            until = old.valid_to
        if old.valid_from is not None and old.valid_from > until:
            continue
        out.append((row, replace(old, valid_to=until)))
    return out


__all__ = ["RejectedRow", "carry_rejected", "bridge_later_rows"]
