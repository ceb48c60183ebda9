"""A replacement list is compared with the prices in effect before it read as the store's columns
(``jobs.effective_prices.articles_in_effect`` -> ``domain.keyed_articles.KeyedArticles``), not as
an article per stored row. What the import decides from them must stay what ``effective`` and
the article-per-row comparison decide: the tests hold the column readers against those, on
random versions and on a store filled by hand-written supplier lists."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from vareflyt.domain import keyed_articles
from vareflyt.domain.article_rows import ArticleRows
from vareflyt.domain.catalogue import ARTICLE_FIELDS, CatalogueArticle, CatalogueKind, PriceVersion
from vareflyt.jobs.effective_prices import articles_in_effect, effective_on
from vareflyt.jobs.import_prices import import_prices
from vareflyt.rules.price_guard import shared_with
from vareflyt.rules.prices import chain_on, compare, compare_rows, effective, in_effect
from vareflyt.store import price_list_rows
from vareflyt.store import prices as repo
from vareflyt.store.price_list_rows import add_rows

from .supplier_files import NORDISK, make_ws, xlsx_with_title
from .test_rows_as_columns import FIRST, HEAD, SECOND, THIRD, TITLE

DAY = date(2026, 3, 1)


def _columns(articles) -> list[list]:
    return [[getattr(a, name) for a in articles] for name in ARTICLE_FIELDS]


def _article(rnd: random.Random, number: int) -> CatalogueArticle:
    """A row as a list holds it: a few keys (so keys come again), dates around DAY, some expired."""
    around = [None, None, DAY - timedelta(days=30), DAY, DAY + timedelta(days=1)]
    return CatalogueArticle(
        f"A{number % 7}",
        pack_level=rnd.choice([None, "F", "D"]),
        gtin=rnd.choice([None, f"70312340000{number % 7}"]),
        net=Decimal(rnd.randint(100, 120)) / 10,
        valid_from=rnd.choice(around),
        valid_to=rnd.choice([None, None, DAY - timedelta(days=1), DAY, DAY + timedelta(days=30)]),
        expired=rnd.random() < 0.15,
    )


def _versions(rnd: random.Random) -> tuple[list[PriceVersion], dict[int, list[CatalogueArticle]]]:
    kinds = [CatalogueKind.NEW] + [
        rnd.choice([CatalogueKind.CHANGE, CatalogueKind.REPLACE]) for _ in range(3)
    ]
    versions = [
        PriceVersion(10 + n, NORDISK, n + 1, kind, DAY - timedelta(days=rnd.choice([60, 30, 0, -5])))
        for n, kind in enumerate(kinds)
    ]
    rows = {v.id: [_article(rnd, rnd.randrange(40)) for _ in range(rnd.randrange(0, 12))] for v in versions}
    return versions, rows


@pytest.mark.parametrize("seed", range(60))
def test_in_effect_picks_what_effective_picks_in_its_order(seed):
    rnd = random.Random(seed)
    versions, rows = _versions(rnd)
    columns = {
        vid: _columns(found) for vid, found in rows.items() if found
    }  # the store leaves out empty ones
    for on in (DAY - timedelta(days=31), DAY - timedelta(days=1), DAY, DAY + timedelta(days=1)):
        picked = {key: article for key, (_, article) in effective(versions, rows, on).items()}
        kept = in_effect(chain_on(versions, on), columns, on)
        assert list(kept) == list(picked)  # the same keys in the same order
        assert list(kept.column("net")) == [a.net for a in picked.values()]
        assert kept.made == 0
        assert dict(kept.items()) == picked


def _new_list(rnd: random.Random) -> ArticleRows:
    """A list whose keys come once (what the reader keeps as columns), some rows expired."""
    found: dict[tuple[str, str], CatalogueArticle] = {}
    for _ in range(rnd.randrange(1, 14)):
        a = _article(rnd, rnd.randrange(40))
        found[(a.article_no, a.pack_level or "F")] = a
    articles = list(found.values())
    return ArticleRows(list(range(4, 4 + len(articles))), _columns(articles))


@pytest.mark.parametrize("seed", range(60))
def test_counts_against_the_columns_are_the_counts_against_the_articles(seed):
    rnd = random.Random(seed)
    versions, rows = _versions(rnd)
    chain = chain_on(versions, DAY)
    before = in_effect(chain, {vid: _columns(found) for vid, found in rows.items() if found}, DAY)
    as_dict = {key: article for key, (_, article) in effective(versions, rows, DAY).items()}
    new = _new_list(rnd)
    kept = list(as_dict)[:2]  # carried from before: not expired
    for kind in (CatalogueKind.REPLACE, CatalogueKind.CHANGE):
        expected = compare(as_dict, [a for _, a in new], kind, kept)
        assert compare_rows(before, new, kind, kept) == expected  # both as columns
        assert compare_rows(as_dict, new, kind, kept) == expected  # the list as columns
        assert compare_rows(before, list(new), kind, kept) == expected  # the articles before as columns
    assert before.made == len(before)  # the last asked for every article: made in one go
    assert sum(expected.values()) >= len(new)


def test_the_guard_counts_shared_articles_from_two_columns():
    rows = [
        CatalogueArticle("A1", gtin="7031234000019"),
        CatalogueArticle("A2"),
        CatalogueArticle("A3", gtin="7031234000026"),
        CatalogueArticle("A4", gtin=""),
    ]
    before = _keyed(rows)
    as_dict = dict(zip(before, rows))
    for numbers, gtins in [
        ({"A2"}, {"7031234000026"}),
        (set(), {""}),
        ({"A9"}, set()),
        ({"A1", "A4"}, set()),
    ]:
        assert shared_with(before, numbers, gtins) == shared_with(as_dict, numbers, gtins)
    assert shared_with(before, {"A2"}, {"7031234000026"}) == 2
    assert before.made == 0


def _keyed(rows: list[CatalogueArticle]) -> keyed_articles.KeyedArticles:
    return keyed_articles.KeyedArticles(_columns(rows), {(a.article_no, "F"): i for i, a in enumerate(rows)})


def test_an_article_is_made_when_asked_for_and_all_in_one_go_for_values():
    rows = [CatalogueArticle("A1", net=Decimal("1.50")), CatalogueArticle("A2"), CatalogueArticle("A3")]
    before = _keyed(rows)
    assert ("A2", "F") in before and ("A2", "D") not in before and len(before) == 3
    assert before[("A2", "F")] == rows[1] and before.get(("A9", "F")) is None
    assert before.made == 1
    assert list(before.values()) == rows and before.made == 3
    assert list(before.column("net")) == [Decimal("1.50"), None, None]


def _imported(tmp_path, lists):
    ws = make_ws(tmp_path / "ws")
    results = []
    for n, (kind, rows, today) in enumerate(lists):
        path = xlsx_with_title(tmp_path / f"list{n}.xlsx", TITLE, HEAD, rows)
        results.append(import_prices(ws, path, NORDISK, kind, today=today))
    return ws, results


def test_the_store_read_as_columns_gives_effective_on_for_a_chain_with_bridges_and_changes(tmp_path):
    # FIRST, then THIRD (a replacement whose 00102 starts later: a bridging row of the same key in
    # the version), then a change list added through the store with an expired article.
    ws, results = _imported(
        tmp_path, [("new", FIRST, date(2026, 2, 2)), ("replace", THIRD, date(2026, 6, 2))]
    )
    assert all(r.ok for r in results)
    with ws.store.transaction() as conn:
        change = repo.add_version(
            conn,
            supplier=NORDISK,
            kind=CatalogueKind.CHANGE,
            valid_from=date(2026, 7, 1),
            file_name="endring.edi",
            file_hash="x" * 64,
            counts={},
        )
        add_rows(
            conn,
            change,
            [
                (None, CatalogueArticle("00104", pack_level="F", name="Lim & fug", expired=True)),
                (None, CatalogueArticle("00106", pack_level="F", name="Ny", net=Decimal("12.30"))),
            ],
        )
    days = [date(2026, 2, 2), date(2026, 6, 2), date(2026, 7, 1), date(2026, 7, 31), date(2026, 8, 1)]
    with ws.store.connect() as conn:
        for on in days:
            picked = {key: article for key, (_, article) in effective_on(conn, NORDISK, on).items()}
            kept = articles_in_effect(conn, NORDISK, on)
            assert list(kept) == list(picked), on
            assert dict(kept.items()) == picked, on
    assert ("00104", "F") not in kept and ("00106", "F") in kept  # the change list's rows
    assert (kept[("00102", "F")].gross, kept[("00102", "F")].net) == (
        Decimal("130"),
        Decimal("97.50"),
    )  # from August


def test_a_replacement_makes_no_article_of_the_prices_before_but_the_one_it_bridges(tmp_path, monkeypatch):
    count: list[int] = []
    real = keyed_articles.articles_from_columns
    counted = lambda cols: count.append(len(cols[0])) or real(cols)  # noqa: E731
    monkeypatch.setattr(keyed_articles, "articles_from_columns", counted)
    monkeypatch.setattr(price_list_rows, "articles_from_columns", counted)  # rows_of's articles
    _, results = _imported(
        tmp_path, [("new", FIRST, date(2026, 2, 2)), ("replace", SECOND, date(2026, 5, 2))]
    )
    assert count == []
    assert (results[1].counts["new"], results[1].counts["changed"], results[1].counts["expired"]) == (1, 1, 2)
    _, results = _imported(
        tmp_path / "3", [("new", FIRST, date(2026, 2, 2)), ("replace", THIRD, date(2026, 6, 2))]
    )
    assert count == [1]  # 00102 starts in August: its price before is bridged until then
    assert results[1].counts["not_updated"] == 0
