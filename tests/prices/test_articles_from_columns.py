"""``domain.catalogue.articles_from_columns`` builds the price list's articles a field at a time
(issue 19 item 3): each must be what the dataclass's own constructor makes — equal, same hash
and repr, as frozen — or the store, the comparison with the previous list and the catalogue
table would see other articles."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from vareflyt.domain.catalogue import ARTICLE_FIELDS, CatalogueArticle, articles_from_columns

ROWS = [
    dict(
        article_no="0012",
        name="Plank 48x98",
        gtin="7031234000019",
        unit="MTR",
        gross=Decimal("40.00"),
        discount_pct=Decimal("10"),
        net=Decimal("36.00"),
        vat_pct=Decimal("25"),
        valid_from=date(2026, 2, 1),
    ),
    dict(article_no="A-7", name="", pack_level="D", pack_qty=Decimal("10"), net=Decimal("1.5"), expired=True),
    dict(
        article_no="B9",
        campaign_net=Decimal("9.90"),
        campaign_from=date(2026, 3, 1),
        campaign_to=date(2026, 3, 31),
        not_updated=True,
        price_basis=Decimal("100"),
    ),
]


def test_articles_built_by_columns_are_the_constructors_articles():
    made = [CatalogueArticle(**row) for row in ROWS]
    columns = [[getattr(a, name) for a in made] for name in ARTICLE_FIELDS]
    built = articles_from_columns(columns)
    assert built == made
    assert list(map(hash, built)) == list(map(hash, made)) and list(map(repr, built)) == list(map(repr, made))
    assert [dataclasses.asdict(a) for a in built] == [dataclasses.asdict(a) for a in made]
    assert {built[0]: "x"}[made[0]] == "x"  # usable as the same dict key
    with pytest.raises(dataclasses.FrozenInstanceError):
        built[1].net = Decimal("2")  # type: ignore[misc]


def test_columns_of_unequal_length_or_number_are_refused():
    columns = [["1", "2"]] + [[None, None] for _ in ARTICLE_FIELDS[1:]]
    assert len(articles_from_columns(columns)) == 2
    with pytest.raises(ValueError):
        articles_from_columns(columns[:-1])
    with pytest.raises(ValueError):
        articles_from_columns([*columns[:-1], [None]])
