"""Price-list row rules a column at a time: the clean rows of a 100 000-row list without a
Python call per row.

``clean_columns`` runs the checks of ``rules.prices.check_row`` over whole columns of parsed
values and gives the article fields of every row as columns (a list whose rows all pass stays
so: ``domain.article_rows``), with the rows any check flagged (a parse problem, a bad GTIN, a
negative price, an unknown unit, …); ``articles_of`` makes the articles, ``None`` for a flagged
row. The caller sends a flagged row through ``check_row``, which alone words the issues, so a
bad row's issues (codes, texts, fields) are the same whichever way the list is read. The column
checks may flag more than ``check_row`` would complain about (then ``check_row`` accepts the row
without an issue), never less: an unflagged row is exactly a row for which ``check_row`` gives
an article and no issue (``tests/prices/test_row_columns.py`` holds the two paths equal).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from itertools import compress, repeat
from operator import add, attrgetter, gt, mul, sub, truediv
from typing import Any, NamedTuple

from ..domain.catalogue import ARTICLE_FIELDS, CatalogueArticle, articles_from_columns
from .prices import (
    LARGE_OPTIONAL,
    MAX_PRICE,
    MAX_TEXT,
    PACK_WORDS,
    VAT_RATES,
    discount_factor,
    gs1_sum_ok,
    map_unit,
)

# Field of the parsed table -> field of the article, where the two names differ.
_ARTICLE_NAMES = {"discount": "discount_pct", "vat": "vat_pct", "weight": "weight_kg"}
_GTIN_LENGTHS = (8, 12, 13, 14)
_DIGIT = bytes.maketrans(b"0123456789", bytes(range(10)))  # ASCII digit -> its value
_TRIPLE = bytes.maketrans(b"0123456789", bytes(range(0, 30, 3)))  # ASCII digit -> 3 × its value
_exponent = attrgetter("exponent")

Column = Sequence[Any]  # one parsed field's values, row by row (None where empty)


def _flag(
    bad: set[int], column: Column, ok: Callable[[Any], bool], whole: Callable[[list[Any]], bool] | None = None
) -> None:
    """Flag the rows whose (non-empty) value ``ok`` refuses; ``whole`` passes a column's values
    at once when it can (the usual, clean column), so only a column that fails it is walked."""
    present = [v for v in column if v is not None]
    if present and not (whole is not None and whole(present)):
        bad.update(i for i, v in enumerate(column) if v is not None and not ok(v))


def _interval(ok: Callable[[Any], bool]) -> Callable[[list[Any]], bool]:
    """For a test of a range: the smallest and the largest value decide for all."""
    return lambda values: ok(min(values)) and ok(max(values))


def _flag_texts(
    bad: set[int], column: Column, ok: Callable[[str], bool], whole: Callable[[list[str]], bool]
) -> None:
    """Flag the rows whose (non-empty) text ``ok`` refuses, unless ``whole`` passes them at once."""
    present = [v for v in column if v]
    if present and not whole(present):
        bad.update(i for i, v in enumerate(column) if v and not ok(v))


def _gtins_ok(gtins: list[str]) -> bool:
    """True when every GTIN is ASCII digits of one valid length with a right GS1 check digit:
    the digits of one position of all GTINs at a time (bytes slices), weighted by ``translate``."""
    size = len(gtins[0])
    joined = "".join(gtins)
    if size not in _GTIN_LENGTHS or set(map(len, gtins)) != {size}:
        return False
    if not (joined.isdigit() and joined.isascii()):
        return False
    raw = joined.encode("ascii")
    total = [0] * len(gtins)
    for k in range(size - 1):  # weights 3, 1, 3, … from the right of the body
        total = list(map(add, total, raw[k::size].translate(_TRIPLE if (size - 2 - k) % 2 == 0 else _DIGIT)))
    checks = raw[size - 1 :: size].translate(_DIGIT)
    return not any(map(lambda t, c: (t + c) % 10, total, checks))  # check digit = (10 - t % 10) % 10


def _good_gtin(g: str) -> bool:
    return len(g) in _GTIN_LENGTHS and g.isdigit() and g.isascii() and gs1_sum_ok(g)


def _mapped(column: Column, word_map: Callable[[Any], tuple[Any, str | None]], bad: set[int]) -> list[Any]:
    """The column through ``word_map`` (word -> (value, problem)), once per distinct word;
    rows whose word has a problem are flagged."""
    table = {w: word_map(w) for w in set(column)}
    if any(found[1] is not None for found in table.values()):
        bad.update(i for i, w in enumerate(column) if table[w][1] is not None)
    return [table[w][0] for w in column]


def _no_longer_than(most: int) -> tuple[Callable[[str], bool], Callable[[list[str]], bool]]:
    """The row test and the whole-column test of a text limit of ``most`` characters."""
    return (lambda v: len(v) <= most), (lambda texts: max(map(len, texts)) <= most)


def _pack_level(word: str | None) -> tuple[str | None, str | None]:
    if not word:
        return word, None  # check_row keeps an empty level as it is
    level = PACK_WORDS.get(word.strip().lower())
    return level, (None if level is not None else "unknown")


def _expected(gross: Sequence[Decimal], disc: Column) -> list[Decimal]:
    """``rules.prices.expected_net`` of each (gross, discount), by C-level maps: the product
    with the discount factor, rounded half up to the gross price's decimals (at least øre)."""
    exponents = list(map(_exponent, map(Decimal.as_tuple, gross)))
    quanta = {e: Decimal(1).scaleb(-max(2, -e)) for e in set(exponents)}
    factors = {d: discount_factor(d) for d in set(disc)}  # a list has a handful of discounts
    products = map(mul, gross, map(factors.__getitem__, disc))
    return list(map(Decimal.quantize, products, map(quanta.__getitem__, exponents), repeat(ROUND_HALF_UP)))


def _nets(
    gross: Column, net: Column, disc: Column, bad: set[int], tolerance: Decimal, tolerance_pct: Decimal
) -> list[Any]:
    """Net prices: as given, or computed from gross and discount when missing; a given net that
    differs from the computed one beyond the tolerance flags its row. Rows flagged already are
    left to ``check_row`` (a huge gross there would not round)."""
    out = list(net)
    rows = [i for i, g in enumerate(gross) if g is not None and i not in bad]
    pick: Callable[[Column], Column] = (
        (lambda col: col) if len(rows) == len(gross) else (lambda col: [col[i] for i in rows])
    )
    given, discounts = pick(net), pick(disc)
    try:
        expected = _expected(pick(gross), discounts)
    except (ArithmeticError, TypeError):  # e.g. a signalling NaN: check_row says what it says
        bad.update(rows)
        return out
    if None in given or None in discounts:
        for i, n, d, e in zip(rows, given, discounts, expected):
            if n is None:
                out[i] = e
            elif d is not None and abs(n - e) > max(tolerance, abs(e) * tolerance_pct / 100):
                bad.add(i)
        return out
    differs = list(map(sub, given, expected))  # zero on most rows: only the others are weighed
    at = list(compress(range(len(differs)), differs))
    if at:
        near = [expected[k] for k in at]
        shares = map(truediv, map(mul, map(abs, near), repeat(tolerance_pct)), repeat(100))
        limits = map(max, repeat(tolerance), shares)
        beyond = map(gt, map(abs, (differs[k] for k in at)), limits)
        bad.update(rows[k] for k in compress(at, beyond))
    return out


class CleanColumns(NamedTuple):
    """The article fields of every row a column at a time (``ARTICLE_FIELDS`` order), and the
    rows a check flagged (their values in the columns are not an article)."""

    columns: list[Column]
    flagged: set[int]


def articles_of(checked: CleanColumns) -> list[CatalogueArticle | None]:
    """Per row, its article when ``check_row`` would accept it without an issue (no column check
    flagged it), else None."""
    built: list[CatalogueArticle | None] = list(articles_from_columns(checked.columns))
    for i in checked.flagged:
        built[i] = None
    return built


def clean_columns(
    values: Mapping[str, Column],
    problems: Mapping[str, Mapping[int, str]],
    n: int,
    *,
    units: Mapping[str, str],
    tolerance: Decimal = Decimal("0.02"),
    tolerance_pct: Decimal = Decimal("0.5"),
) -> CleanColumns:
    """The article fields of every row a column at a time, and the rows a check flagged: a row not
    flagged is exactly a row ``check_row`` accepts without an issue (``articles_of`` makes
    the articles).

    ``values`` is field -> parsed column (fields the list lacks are empty), ``problems`` field ->
    {row index: parser problem}, ``n`` the number of rows."""
    empty = (None,) * n

    def col(f: str) -> Column:
        return values.get(f) or empty

    bad: set[int] = set()
    for found in problems.values():
        bad.update(found)
    article_no, gross, net, disc = col("article_no"), col("gross"), col("net"), col("discount")
    bad.update(i for i, a in enumerate(article_no) if not a or len(a) > MAX_TEXT["article_no"])
    _flag_texts(bad, col("gtin"), _good_gtin, _gtins_ok)

    def price_ok(v: Decimal) -> bool:
        return 0 <= v < MAX_PRICE

    for prices in (gross, net):
        _flag(bad, prices, price_ok, _interval(price_ok))
    bad.update(i for i, (g, p) in enumerate(zip(gross, net)) if g is None and p is None)

    def discount_ok(d: Decimal) -> bool:
        return 0 <= d <= 100

    _flag(bad, disc, discount_ok, _interval(discount_ok))

    def bounded(v: Decimal) -> bool:
        return -MAX_PRICE < v < MAX_PRICE

    for f in LARGE_OPTIONAL:
        _flag(bad, col(f), bounded, _interval(bounded))
    for f in ("unit", "product_group"):
        _flag_texts(bad, col(f), *_no_longer_than(MAX_TEXT[f]))
    _flag_texts(
        bad,
        col("nobb"),
        lambda v: len(v) == 8 and v.isdigit(),
        lambda texts: set(map(len, texts)) == {8} and "".join(texts).isdigit(),
    )
    _flag(bad, col("vat"), VAT_RATES.__contains__, lambda rates: set(rates) <= VAT_RATES)

    def positive(v: Decimal) -> bool:
        return v > 0

    _flag(bad, col("price_basis"), positive, _interval(positive))
    camp_from, camp_to = col("campaign_from"), col("campaign_to")
    bad.update(
        i
        for i, (c, f, t) in enumerate(zip(col("campaign_net"), camp_from, camp_to))
        if c is not None and (f is None or t is None or f > t)
    )
    bad.update(i for i, (f, t) in enumerate(zip(col("valid_from"), col("valid_to"))) if f and t and f > t)
    article = {_ARTICLE_NAMES.get(f, f): col(f) for f in values}
    article.update(
        article_no=article_no,
        net=_nets(gross, net, disc, bad, tolerance, tolerance_pct),
        name=[v or "" for v in col("name")],
        unit=_mapped(col("unit"), lambda w: map_unit(w, units), bad),
        pack_level=_mapped(col("pack_level"), _pack_level, bad),
        expired=[bool(v) for v in col("expired")],
        not_updated=(False,) * n,
    )
    return CleanColumns([article.get(f, empty) for f in ARTICLE_FIELDS], bad)


__all__ = ["CleanColumns", "articles_of", "clean_columns"]
