"""A price list's accepted rows held a column at a time; the articles are made only when asked.

A supplier's list of 100 000 rows is checked a column at a time (``rules.price_columns``).
Where every row passes, the bulk work after the checks — storing the rows
(``store.price_list_rows.add_rows``) and writing the catalogue table
(``jobs.price_catalogue``) — wants the same columns back, so ``ArticleRows`` keeps them and
hands them out by field name. To everything else it is what ``PriceRead.accepted`` has always
been, a sequence of (row number, ``CatalogueArticle``) pairs: the articles are made from the
columns (``articles_from_columns``) the first time a pair is asked for, and kept.

The columns are in ``ARTICLE_FIELDS`` order and each article key (article number and
packaging level) comes once: the reader builds an ``ArticleRows`` only for such a list.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any, overload

from .catalogue import ARTICLE_FIELDS, FIELD_INDEX, CatalogueArticle, article_keys, articles_from_columns


class ArticleRows(Sequence[tuple[int, CatalogueArticle]]):
    """(row number, article) pairs of a list whose rows all passed the column checks, each
    article key once, kept as columns (module docstring)."""

    __slots__ = ("row_numbers", "_columns", "_pairs", "_keys")

    def __init__(self, row_numbers: Sequence[int], columns: Sequence[Sequence[Any]]) -> None:
        if len(columns) != len(ARTICLE_FIELDS):
            raise ValueError(f"{len(columns)} columns for {len(ARTICLE_FIELDS)} article fields")
        for name, column in zip(ARTICLE_FIELDS, columns):
            if len(column) != len(row_numbers):
                raise ValueError(f"column {name} has {len(column)} values for {len(row_numbers)} rows")
        self.row_numbers = row_numbers
        self._columns = tuple(columns)
        self._pairs: list[tuple[int, CatalogueArticle]] | None = None
        self._keys: list[tuple[str, str]] | None = None

    @property
    def keys(self) -> list[tuple[str, str]]:
        """Each row's ``article_key`` (article number, packaging level or F), from the columns,
        made once: the reader's test that each comes once, the catalogue order and the
        comparison with earlier prices all use it."""
        if self._keys is None:
            self._keys = article_keys(self.column("article_no"), self.column("pack_level"))
        return self._keys

    def column(self, name: str) -> Sequence[Any]:
        """The values of one ``CatalogueArticle`` field, row by row."""
        return self._columns[FIELD_INDEX[name]]

    @property
    def made(self) -> bool:
        """Whether the articles have been made (for tests of the bulk path)."""
        return self._pairs is not None

    def _made(self) -> list[tuple[int, CatalogueArticle]]:
        if self._pairs is None:
            self._pairs = list(zip(self.row_numbers, articles_from_columns(self._columns)))
        return self._pairs

    def starting_after(self, day: date) -> list[tuple[int, CatalogueArticle]]:
        """The pairs of the rows whose own valid-from is after ``day`` (from the column),
        making only their articles when none are made yet."""
        later = [i for i, start in enumerate(self.column("valid_from")) if start is not None and start > day]
        if self._pairs is not None or not later:
            return [self._made()[i] for i in later]
        picked = articles_from_columns([[column[i] for i in later] for column in self._columns])
        return list(zip([self.row_numbers[i] for i in later], picked))

    def __len__(self) -> int:
        return len(self.row_numbers)

    @overload
    def __getitem__(self, index: int) -> tuple[int, CatalogueArticle]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, CatalogueArticle]]: ...

    def __getitem__(
        self, index: int | slice
    ) -> tuple[int, CatalogueArticle] | list[tuple[int, CatalogueArticle]]:
        return self._made()[index]

    def __iter__(self) -> Iterator[tuple[int, CatalogueArticle]]:
        return iter(self._made())

    def __repr__(self) -> str:
        return f"ArticleRows({len(self)} rows, articles {'made' if self.made else 'not made'})"
