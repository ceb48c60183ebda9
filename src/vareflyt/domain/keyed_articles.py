"""A supplier's prices in effect, by article key, held as the store's columns.

A replacement list of 100 000 rows is compared with the 100 000 prices in effect before it
(counts, the wrong-supplier guard), while only the few rows a rejected or later-starting line
touches need a whole ``CatalogueArticle`` (``rules.price_keep``). ``KeyedArticles`` is the
mapping article key -> article those steps have always read, with the rows left as the columns
the store read (one per ``ARTICLE_FIELDS``) and each key pointing at its row: ``column`` hands
out one field of the rows in effect, in key order, and an article is made only when it is
asked for (``rules.prices.in_effect`` builds it; ``compare_rows`` and ``shared_with`` read the
columns).
"""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterator, Mapping, Sequence, ValuesView
from operator import itemgetter
from typing import Any

from .catalogue import ARTICLE_FIELDS, FIELD_INDEX, CatalogueArticle, articles_from_columns

Key = tuple[str, str]  # article_key: (article no., packaging level or F)


class KeyedArticles(Mapping[Key, CatalogueArticle]):
    """Article key -> article, kept as columns (module docstring). ``rows`` maps each key to its
    row in ``columns``, in the order the keys are listed."""

    __slots__ = ("_columns", "_rows", "_take", "_made")

    def __init__(self, columns: Sequence[Sequence[Any]], rows: dict[Key, int]) -> None:
        if len(columns) != len(ARTICLE_FIELDS):
            raise ValueError(f"{len(columns)} columns for {len(ARTICLE_FIELDS)} article fields")
        self._columns = tuple(columns)
        self._rows = rows
        order = list(rows.values())
        self._take: Callable[[Sequence[Any]], Sequence[Any]] | None = None  # None: a column as it is
        if len(order) != len(columns[0]) or order != list(range(len(order))):  # not every row, in order
            self._take = itemgetter(*order) if len(order) > 1 else lambda values: [values[i] for i in order]
        self._made: dict[Key, CatalogueArticle] = {}

    def column(self, name: str) -> Sequence[Any]:
        """One ``CatalogueArticle`` field of the rows in effect, in the order of the keys."""
        values = self._columns[FIELD_INDEX[name]]
        return values if self._take is None else self._take(values)

    @property
    def made(self) -> int:
        """How many articles have been made (for tests of the bulk path)."""
        return len(self._made)

    def __getitem__(self, key: Key) -> CatalogueArticle:
        made = self._made.get(key)
        if made is None:
            row = self._rows[key]
            made = self._made[key] = articles_from_columns([[column[row]] for column in self._columns])[0]
        return made

    def _all(self) -> dict[Key, CatalogueArticle]:
        """Every article, made in one go (not one ``__getitem__`` each) when all are asked for."""
        if len(self._made) < len(self._rows):
            made = articles_from_columns([self.column(name) for name in ARTICLE_FIELDS])
            self._made = dict(zip(self._rows, made))
        return self._made

    def values(self) -> ValuesView[CatalogueArticle]:
        return self._all().values()

    def items(self) -> ItemsView[Key, CatalogueArticle]:
        return self._all().items()

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[Key]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __repr__(self) -> str:
        return f"KeyedArticles({len(self)} articles, {self.made} made)"
