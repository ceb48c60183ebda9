"""Which price applies on a date, and what a new version changes.

Versions are numbered per supplier in import order. On date D the *base* is the latest-imported
*new*/*replace* version whose valid-from is on or before D (it supersedes everything imported
before it); *change* versions imported after the base and valid by D are applied on top in
import order. An article row applies only inside its own valid-from/valid-to; an expired row
removes the article. A campaign price overrides the net price from campaign start to campaign
end inclusive. ``compare`` counts new / changed / unchanged / expired rows of a new version.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from operator import attrgetter, eq
from typing import Any

from ...domain.article_rows import ArticleRows
from ...domain.catalogue import (
    ARTICLE_FIELDS,
    PACK_ORDER,
    CatalogueArticle,
    CatalogueKind,
    PriceQuote,
    PriceVersion,
    article_key,
    article_keys,
)
from ...domain.keyed_articles import KeyedArticles

COMPARED = (
    "name",
    "gtin",
    "nobb",
    "unit",
    "pack_qty",
    "gross",
    "discount_pct",
    "net",
    "fees",
    "vat_pct",
    "valid_to",
    "campaign_net",
    "campaign_from",
    "campaign_to",
    "product_group",
    "weight_kg",
    "dimensions",
    "expired",
    "price_basis",
)


def chain_on(versions: Iterable[PriceVersion], on: date) -> list[PriceVersion]:
    """The versions that make up the prices on ``on``, oldest first (base, then changes)."""
    started = [v for v in versions if v.valid_from is None or v.valid_from <= on]
    fulls = [v for v in started if v.kind is not CatalogueKind.CHANGE]
    base = max(fulls, key=lambda v: v.number) if fulls else None
    changes = sorted(
        (v for v in started if v.kind is CatalogueKind.CHANGE and (base is None or v.number > base.number)),
        key=lambda v: v.number,
    )
    return ([base] if base else []) + changes


def applies(article: CatalogueArticle, on: date) -> bool:
    return (article.valid_from is None or article.valid_from <= on) and (
        article.valid_to is None or on <= article.valid_to
    )


def effective(
    versions: Iterable[PriceVersion], rows: Mapping[int, Iterable[CatalogueArticle]], on: date
) -> dict[tuple[str, str], tuple[PriceVersion, CatalogueArticle]]:
    """Article key -> (version, row) in effect on ``on``; ``rows`` maps version id -> its rows."""
    out: dict[tuple[str, str], tuple[PriceVersion, CatalogueArticle]] = {}
    for version in chain_on(versions, on):
        for article in rows.get(version.id, ()):
            if (article.valid_from is None and article.valid_to is None) or applies(article, on):
                out[(article.article_no, article.pack_level or "F")] = (version, article)  # article_key
    return {k: va for k, va in out.items() if not va[1].expired}


def in_effect(
    chain: Sequence[PriceVersion], columns: Mapping[int, Sequence[Sequence[Any]]], on: date
) -> KeyedArticles:
    """The articles ``effective`` picks from the versions ``chain`` (``chain_on``'s, oldest
    first) on ``on``, without their versions, the rows left as columns: ``columns`` maps a
    version id to its rows' columns in ``ARTICLE_FIELDS`` order (the store's, in row order).
    As there, a later row of an article key replaces an earlier one, a row applies inside its
    own dates, and an article whose row in effect is expired is left out."""
    parts = [columns[v.id] for v in chain if v.id in columns]
    if len(parts) == 1:
        joined: Sequence[Sequence[Any]] = parts[0]
    else:  # a base and its changes: their rows one after the other, in chain order
        joined = [[value for part in parts for value in part[j]] for j in range(len(ARTICLE_FIELDS))]
    field = dict(zip(ARTICLE_FIELDS, joined))
    keys = article_keys(field["article_no"], field["pack_level"])
    rows = _rows_in_effect(keys, field["valid_from"], field["valid_to"], field["expired"], on)
    return KeyedArticles(joined, rows)


def effective_order(rows: ArticleRows, on: date) -> list[int]:
    """The indices of one version's ``ArticleRows`` in effect on ``on`` — what ``effective``
    picks for that version alone (each article key comes once in it) — in the order of their
    article keys, as ``catalogue_on`` lists a supplier's rows."""
    found = _rows_in_effect(
        rows.keys, rows.column("valid_from"), rows.column("valid_to"), rows.column("expired"), on
    )
    return sorted(found.values(), key=rows.keys.__getitem__)


def _rows_in_effect(
    keys: Sequence[tuple[str, str]],
    starts: Sequence[date | None],
    ends: Sequence[date | None],
    expired: Sequence[bool],
    on: date,
) -> dict[tuple[str, str], int]:
    """Article key -> the index of its row in effect on ``on``, as ``effective`` picks them from
    rows in order: a row applies inside its own dates, a later row of a key replaces an earlier
    one, and a key whose row in effect is expired is left out. A date column that holds few
    dates is tested once per date."""
    if _all_include(starts, ends, on):
        rows = dict(zip(keys, range(len(keys))))
    else:
        rows = {
            keys[i]: i
            for i, (f, t) in enumerate(zip(starts, ends))
            if (f is None or f <= on) and (t is None or on <= t)
        }
    if any(expired):
        rows = {key: i for key, i in rows.items() if not expired[i]}
    return rows


def _all_include(starts: Sequence[date | None], ends: Sequence[date | None], on: date) -> bool:
    """Whether every row's dates include ``on``: each start (None: open) on or before it and each
    end (None: open) on or after it; tested once per distinct date."""
    first = {d for d in set(starts) if d is not None}
    last = {d for d in set(ends) if d is not None}
    return (not first or max(first) <= on) and (not last or on <= min(last))


def quote(version: PriceVersion, article: CatalogueArticle, on: date) -> PriceQuote:
    """The price of a row on ``on``: the campaign price while its window is open."""
    if (
        article.campaign_net is not None
        and article.campaign_from
        and article.campaign_to
        and article.campaign_from <= on <= article.campaign_to
    ):
        return PriceQuote(
            version, article, article.campaign_net, True, article.campaign_from, article.campaign_to
        )
    return PriceQuote(
        version, article, article.net, False, article.valid_from or version.valid_from, article.valid_to
    )


def best_match(
    found: Mapping[Any, tuple[PriceVersion, CatalogueArticle]], wanted: str
) -> tuple[PriceVersion, CatalogueArticle] | None:
    """Among effective rows, the one for ``wanted`` (supplier no., GTIN or NOBB no.): an exact
    GTIN match first, else the consumer-unit level (F / none) before D before T."""
    hits = [va for va in found.values() if wanted in (va[1].article_no, va[1].gtin, va[1].nobb)]
    if not hits:
        return None
    by_gtin = [va for va in hits if va[1].gtin == wanted]
    return min(by_gtin or hits, key=lambda va: (PACK_ORDER.get(va[1].pack_level, 3), va[1].article_no))


def compare(
    previous: Mapping[tuple[str, str], CatalogueArticle],
    articles: Iterable[CatalogueArticle],
    kind: CatalogueKind,
    kept: Iterable[tuple[str, str]] = (),
) -> dict[str, int]:
    """Counts new / changed / unchanged / expired of a new version against the prices before it.
    A *new*/*replace* list expires the articles it does not hold, except those in ``kept``
    (carried from before because their row was rejected)."""
    counts = {"new": 0, "changed": 0, "unchanged": 0, "expired": 0}
    seen = set()
    for a in articles:
        key = article_key(a)
        seen.add(key)
        if a.expired:
            counts["expired"] += 1
            continue
        old = previous.get(key)
        if old is None:
            counts["new"] += 1
        elif all(getattr(old, f) == getattr(a, f) for f in COMPARED):
            counts["unchanged"] += 1
        else:
            counts["changed"] += 1
    if kind is not CatalogueKind.CHANGE:
        seen.update(kept)
        counts["expired"] += sum(1 for key in previous if key not in seen)
    return counts


def compare_rows(
    previous: Mapping[tuple[str, str], CatalogueArticle],
    rows: Sequence[tuple[int | None, CatalogueArticle]],
    kind: CatalogueKind,
    kept: Iterable[tuple[str, str]] = (),
) -> dict[str, int]:
    """``compare`` over (row, article) pairs. A list kept as columns (``ArticleRows``: each key
    once) is compared a column at a time without making its articles: a row's compared fields
    as one tuple (a ``zip`` of the columns) against the previous article's (one
    ``attrgetter``); against no previous prices it is counted from its expired column alone."""
    if not isinstance(rows, ArticleRows):  # every previous article is asked for: made in one go
        made = dict(previous.items()) if isinstance(previous, KeyedArticles) else previous
        return compare(made, (a for _, a in rows), kind, kept)
    if not previous:
        ended = sum(map(bool, rows.column("expired")))
        return {"new": len(rows) - ended, "changed": 0, "unchanged": 0, "expired": ended}
    keys = rows.keys
    olds: list[tuple[Any, ...] | None]
    if isinstance(previous, KeyedArticles):  # the prices before, as columns: their tuples too
        before = dict(zip(previous, zip(*map(previous.column, COMPARED))))
        olds = list(map(before.get, keys))
    else:
        fields_of = attrgetter(*COMPARED)
        olds = [None if a is None else fields_of(a) for a in map(previous.get, keys)]
    same = list(map(eq, olds, zip(*map(rows.column, COMPARED))))  # None (new) equals no tuple
    gone = rows.column("expired")
    if any(gone):  # an expired row counts as expired, whatever it was before
        olds = [None if x else old for x, old in zip(gone, olds)]
        same = [s and not x for x, s in zip(gone, same)]
    expired = sum(map(bool, gone))
    new, unchanged = olds.count(None) - expired, same.count(True)
    counts = {"new": new, "changed": len(rows) - expired - new - unchanged, "unchanged": unchanged}
    counts["expired"] = expired
    if kind is not CatalogueKind.CHANGE:
        seen = {*keys, *kept}
        counts["expired"] += sum(1 for key in previous if key not in seen)
    return counts
