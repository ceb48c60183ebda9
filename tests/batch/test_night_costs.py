"""What a night no longer pays for (issue 19 item 2): the same suppliers' price rows read again
for the same day (invoice control's supplier scores twice, the catalogue once), and a
collection of the whole heap after every step. Price lists are semicolon CSVs written by hand.
"""

from __future__ import annotations

import gc
from datetime import date

import pytest

from vareflyt.collector import collector_paused
from vareflyt.jobs import effective_prices
from vareflyt.jobs.import_prices import import_prices
from vareflyt.store import price_list_rows as price_store
from vareflyt.workspace import init_workspace

NORDISK = "7080000000029"
CONFIG = f'''
[company]
name = "Byggmester Test AS"
gln = "7080000000012"

[partners."{NORDISK}"]
name = "Nordisk Trelast AS"
'''
FIRST = "Varenr;Varenavn;Enhet;Nettopris\r\nA1;Plank 48x98;MTR;90,45\r\nA2;Lekt 23x48;MTR;20,00\r\n"
CHANGED = "Varenr;Varenavn;Enhet;Nettopris\r\nA1;Plank 48x98;MTR;99,00\r\n"
DAY = date(2026, 3, 2)


@pytest.fixture
def ws(tmp_path):
    ws = init_workspace(tmp_path / "ws", config_text=CONFIG)
    ws.tmp = tmp_path
    yield ws
    ws.close()


def _import(ws, text: str, name: str, kind: str, valid_from: date) -> None:
    path = ws.tmp / name
    path.write_text(text, encoding="cp1252")
    assert import_prices(ws, path, NORDISK, kind, valid_from, refresh_table=False).ok


@pytest.fixture
def reads(monkeypatch):
    """The version ids of every read of price rows from the store."""
    done: list[list[int]] = []
    real = price_store.rows_of

    def counted(conn, version_ids, where=None):
        ids = list(version_ids)
        done.append(ids)
        return real(conn, ids, where)

    monkeypatch.setattr(price_store, "rows_of", counted)
    return done


def _net(found) -> dict[str, str]:
    return {article.article_no: str(article.net) for _, article in found.values()}


def test_kept_prices_read_a_version_chain_once_and_follow_a_new_version(ws, reads):
    _import(ws, FIRST, "nordisk.csv", "new", date(2026, 2, 1))
    reads.clear()
    with ws.store.connect() as conn:
        plain = [_net(effective_prices.effective_on(conn, NORDISK, DAY)) for _ in range(2)]
    assert len(reads) == 2  # outside prices_kept every question reads the store

    reads.clear()
    with effective_prices.prices_kept():
        with ws.store.connect() as conn:
            first = effective_prices.effective_on(conn, NORDISK, DAY)
            first.clear()  # a caller changing its answer does not change the next one
            again = effective_prices.effective_on(conn, NORDISK, DAY)
            earlier_day = effective_prices.effective_on(conn, NORDISK, date(2026, 2, 15))
        assert len(reads) == 1  # the same chain on two days: its rows read once
        assert _net(again) == _net(earlier_day) == plain[0] == {"A1": "90.45", "A2": "20.00"}

        _import(ws, CHANGED, "nordisk_endring.csv", "change", date(2026, 3, 1))  # a new version
        with ws.store.connect() as conn:
            changed = effective_prices.effective_on(conn, NORDISK, DAY)
            before_change = effective_prices.effective_on(conn, NORDISK, date(2026, 2, 15))
        assert _net(changed) == {"A1": "99.00", "A2": "20.00"}  # the new chain, read anew
        assert _net(before_change) == {"A1": "90.45", "A2": "20.00"}
        assert len(reads) == 2


def test_collect_after_walks_the_young_generations_only():
    """After each nightly step: what the paused step made is young, so a young collection finds
    its cycles; the long-lived heap (modules, the workspace) is not walked again."""
    generations: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            generations.append(info["generation"])

    class Node:
        pass

    gc.callbacks.append(seen)
    try:
        with collector_paused(collect_after=True):
            a, b = Node(), Node()
            a.other, b.other = b, a  # a cycle: reference counting alone never frees it
            alive = gc.get_count()[0]
            del a, b
    finally:
        gc.callbacks.remove(seen)
    assert alive > 0
    assert generations and max(generations) == 1  # young collections only, none of the whole heap
    assert not [o for o in gc.get_objects() if isinstance(o, Node)]  # the cycle is freed
