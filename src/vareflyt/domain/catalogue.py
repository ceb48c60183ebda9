"""Supplier price catalogues: articles with packaging levels and prices, as one version.

A ``PriceCatalogue`` is what a supplier sends (spreadsheet or PRICAT): a kind (*new*,
*change*, *replace*), a valid-from date and its articles. Prices are Decimal; percentages
are in percent (``Decimal('12.5')`` means 12.5 %).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from enum import Enum
from itertools import repeat
from typing import Any, NamedTuple, overload


class CatalogueKind(str, Enum):
    NEW = "new"  # complete new catalogue: supersedes all earlier prices from valid_from
    CHANGE = "change"  # change list: only the listed articles change
    REPLACE = "replace"  # replacement list: supersedes all earlier prices from valid_from


@dataclass(frozen=True)
class CatalogueArticle:
    article_no: str  # supplier's article number (text: leading zeros matter)
    name: str = ""
    gtin: str | None = None  # GTIN of this packaging level
    nobb: str | None = None  # NOBB number, 8 digits
    unit: str | None = None  # UN/ECE Rec 20 code, e.g. "EA", "MTR", "KGM"
    pack_level: str | None = None  # F consumer unit, D intermediate, T pallet
    pack_qty: Decimal | None = None  # order units per package
    gross: Decimal | None = None  # gross unit price
    discount_pct: Decimal | None = None
    net: Decimal | None = None  # net unit price
    fees: Decimal | None = None  # environmental and other fees per unit
    vat_pct: Decimal | None = None
    valid_from: date | None = None  # article-level validity (overrides the catalogue's)
    valid_to: date | None = None
    product_group: str | None = None
    weight_kg: Decimal | None = None
    dimensions: str | None = None
    campaign_net: Decimal | None = None  # campaign price, valid campaign_from..campaign_to
    campaign_from: date | None = None
    campaign_to: date | None = None
    expired: bool = False  # change list marks the article as no longer sold
    price_basis: Decimal | None = None  # price is per this many units (PRICAT PRI basis)
    not_updated: bool = False  # carried from the previous version: this list's row was rejected


ARTICLE_FIELDS = tuple(f.name for f in fields(CatalogueArticle))
FIELD_INDEX = {name: j for j, name in enumerate(ARTICLE_FIELDS)}  # a field's column among them


def articles_from_columns(columns: Sequence[Sequence[Any]]) -> list[CatalogueArticle]:
    """One article per row of ``columns`` (one column per field, in ``ARTICLE_FIELDS`` order, all
    as long): equal to ``map(CatalogueArticle, *columns)`` and as frozen, but each article's
    attribute dict is made whole by C-level ``map``s instead of the frozen ``__init__``'s Python
    call per field and article (100 000 articles of a price list: about 0.75x the time)."""
    if len(columns) != len(ARTICLE_FIELDS):
        raise ValueError(f"{len(columns)} columns for {len(ARTICLE_FIELDS)} article fields")
    n = len(columns[0])
    for name, column in zip(ARTICLE_FIELDS, columns):
        if len(column) != n:
            raise ValueError(f"column {name} has {len(column)} values, not {n}")
    made: list[CatalogueArticle] = list(map(object.__new__, repeat(CatalogueArticle, n)))
    attributes = map(dict, map(zip, repeat(ARTICLE_FIELDS), zip(*columns)))
    list(map(object.__setattr__, made, repeat("__dict__"), attributes))  # as the frozen class allows
    return made


@dataclass(frozen=True)
class PriceCatalogue:
    supplier_gln: str
    kind: CatalogueKind
    valid_from: date | None
    articles: tuple[CatalogueArticle, ...] = field(default_factory=tuple)
    number: str | None = None  # catalogue / PRICAT document number
    valid_to: date | None = None
    buyer_gln: str | None = None
    price_list_ref: str | None = None  # RFF+PL
    currency: str = "NOK"
    issue_date: date | None = None


PACK_ORDER = {None: 0, "F": 0, "D": 1, "T": 2}


@overload
def plain_decimal(value: Decimal) -> str: ...
@overload
def plain_decimal(value: None) -> None: ...
@overload
def plain_decimal(value: Decimal | None) -> str | None: ...


def plain_decimal(value: Decimal | None) -> str | None:
    """Decimal -> text without exponent or trailing zeros (the same on SQLite and PostgreSQL,
    which gives NUMERIC(20, 6) back with six decimals): 48.900000 -> "48.9", 1E+2 -> "100"."""
    if value is None:
        return None
    value = value.normalize()
    exponent = value.as_tuple().exponent  # "n"/"N"/"F" for NaN and infinity
    return format(value.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else value, "f")


def article_key(article: CatalogueArticle) -> tuple[str, str]:
    """An article within one supplier's catalogue: article number and packaging level (a row
    without a level is the consumer unit, F)."""
    return article.article_no, article.pack_level or "F"


def article_keys(article_nos: Sequence[str], levels: Sequence[str | None]) -> list[tuple[str, str]]:
    """``article_key`` of each row of an article-number and a packaging-level column."""
    return list(zip(article_nos, [level or "F" for level in levels]))


@dataclass(frozen=True)
class PriceVersion:
    """One imported price list of a supplier: ``number`` counts 1, 2, … per supplier."""

    id: int
    supplier_gln: str
    number: int
    kind: CatalogueKind
    valid_from: date | None


class Candidates(NamedTuple):
    """A supplier's versions that can be in effect, and the rows of each that match an article
    (what ``store.price_list_rows.candidates`` and ``store.sqlite_lookup.candidates`` find)."""

    versions: list[PriceVersion]
    rows: dict[int, list[CatalogueArticle]]  # version id -> matching rows


@dataclass(frozen=True)
class PriceQuote:
    """The price of one article on one date: which version and row gave it, and the net price
    that applies (the campaign price while a campaign runs)."""

    version: PriceVersion
    article: CatalogueArticle
    net: Decimal | None
    campaign: bool
    valid_from: date | None
    valid_to: date | None

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        text = plain_decimal

        def day(d: date | None) -> str | None:
            return None if d is None else d.isoformat()

        return {
            "supplier": self.version.supplier_gln,
            "article_no": a.article_no,
            "gtin": a.gtin,
            "nobb": a.nobb,
            "name": a.name,
            "gross": text(a.gross),
            "discount": text(a.discount_pct),
            "net": text(self.net),
            "unit": a.unit,
            "price_basis": text(a.price_basis),
            "vat": text(a.vat_pct),
            "fees": text(a.fees),
            "pack_level": a.pack_level,
            "valid_from": day(self.valid_from),
            "valid_to": day(self.valid_to),
            "campaign": self.campaign,
            "version": self.version.number,
            "kind": self.version.kind.value,
        }
