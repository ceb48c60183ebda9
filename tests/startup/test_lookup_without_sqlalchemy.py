"""``prices lookup`` through the standard library's sqlite3 (``store.sqlite_lookup``, issue 19
item 4) gives what the SQLAlchemy path gives: the same versions and rows (exact Decimals, dates,
flags; approved and not withdrawn versions only), the same answer and the same supplier name
when there is no price; anything but a current plain SQLite file goes the usual way.

Price lists are semicolon CSV written by hand here, as a supplier's ERP exports them.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from vareflyt.jobs import price_lookup
from vareflyt.jobs.import_prices import import_prices
from vareflyt.jobs.suppliers import supplier_label
from vareflyt.jobs.withdraw_prices import withdraw_prices
from vareflyt.store import price_list_rows, sqlite_lookup
from vareflyt.store.db import HEAD_REVISION
from vareflyt.store.tables.parties import parties
from vareflyt.workspace import init_workspace

pytestmark = pytest.mark.sqlite_only("the sqlite3 path reads the workspace's own SQLite file")

NORDISK, VEST, NONAME = "7080000000029", "7080000000036", "7080000000043"
CONFIG = f'''
[company]
name = "Byggmester Test AS"
gln = "7080000000012"

[partners."{NORDISK}"]
name = "Nordisk Trelast AS"

[partners."{VEST}"]
name = "Vestlandske Byggevarer AS"
'''
HEAD = (
    "Varenr;EAN;NOBB-nr;Varenavn;Enhet;Bruttopris;Rabatt %;Nettopris;Kampanjepris;Kampanje fra;Kampanje til\n"
)
FIRST = HEAD + (
    "A1;7031234000019;12345678;Plank 48x98 furu;m;100,50;10;90,450;;;\n"
    "A2;7031234000026;;Lekt 23x48;m;20,00;0;20,00;17,5;01.03.2026;31.03.2026\n"
    "A3;;;Spiker 2,8 mm;pk;50;;50;;;\n"
)
CHANGE = HEAD + (
    "A1;7031234000019;12345678;Plank 48x98 furu;m;110,00;10;99,00;;;\n"
    "A4;7031234000040;;Skrue 5x60;pk;30,00;0;30,00;;;\n"
)
WITHDRAWN = HEAD + "A1;7031234000019;12345678;Plank 48x98 furu;m;1,00;0;1,00;;;\n"
ASKED = ["A1", "A2", "A3", "A4", "7031234000019", "12345678", "7031234000026", "finnes-ikke"]


@pytest.fixture
def ws(tmp_path):
    ws = init_workspace(tmp_path / "ws", config_text=CONFIG)
    for name, text, kind, start in [
        ("v1.csv", FIRST, "new", date(2026, 2, 1)),
        ("v2.csv", CHANGE, "change", date(2026, 4, 1)),
        ("v3.csv", WITHDRAWN, "replace", date(2026, 5, 1)),
    ]:
        path = tmp_path / name
        path.write_text(text, encoding="cp1252")
        assert import_prices(ws, path, NORDISK, kind, start, refresh_table=False).ok
    assert withdraw_prices(ws, NORDISK, 3, now=datetime(2026, 5, 2)).ok
    yield ws
    ws.close()


def test_versions_and_rows_are_the_sqlalchemy_paths(ws):
    fast = sqlite_lookup.open_current(ws.store_url)
    assert fast is not None
    try:
        with ws.store.connect() as conn:
            for article in ASKED:
                expected = tuple(price_list_rows.candidates(conn, NORDISK, article))  # (versions, rows)
                found = tuple(sqlite_lookup.candidates(fast, NORDISK, article))
                assert repr(found) == repr(expected), article  # repr: 90.450 stays 90.450, not 90.45
        assert [v.number for v in sqlite_lookup.versions(fast, NORDISK)] == [1, 2]  # 3 was withdrawn
        assert "Decimal('90.450')" in repr(sqlite_lookup.candidates(fast, NORDISK, "A1"))
    finally:
        fast.close()


def test_lookup_answers_the_same_either_way(ws, monkeypatch):
    asked = [(a, on) for a in ASKED for on in (date(2026, 3, 15), date(2026, 4, 1), date(2026, 6, 1))]
    fast = [_answer(ws, a, on) for a, on in asked]
    monkeypatch.setattr(sqlite_lookup, "open_current", lambda url: None)
    assert fast == [_answer(ws, a, on) for a, on in asked]
    assert fast[ASKED.index("A2") * 3][1].startswith("A2 Lekt 23x48: netto 17,5 per MTR (kampanjepris)")
    assert sum(1 for answer, _ in fast if answer["ok"]) > len(asked) // 2


def _answer(ws, article: str, on: date) -> tuple[dict, str | None]:
    result = price_lookup.lookup_price(ws, NORDISK, article, on)
    return result.to_dict(), result.summary


def test_supplier_named_as_the_directory_names_it(ws):
    with ws.store.transaction() as conn:
        now = datetime(2026, 1, 1)
        conn.execute(
            parties.insert().values(
                name="Nordisk Trelast Vest AS",
                name_key="nordisktrelastvestas",
                gln=NORDISK,
                roles="SU",
                created_at=now,
                changed_at=now,
            )
        )
    for gln in (NORDISK, VEST, NONAME):  # the register's name, the partner's name, the bare GLN
        said = price_lookup.lookup_price(ws, gln, "finnes-ikke", date(2026, 3, 1)).issues[0].message
        assert f"fra {supplier_label(ws, gln)} på 01.03.2026" in said
    assert (
        "Nordisk Trelast Vest AS (7080000000029)"
        in price_lookup.lookup_price(ws, NORDISK, "x", date(2026, 3, 1)).issues[0].message
    )


def _opens(url: str) -> bool:
    conn = sqlite_lookup.open_current(url)
    if conn is not None:
        conn.close()
    return conn is not None


def test_only_a_current_plain_sqlite_file_is_read_directly(ws, tmp_path):
    url = ws.store_url
    assert _opens(url) is True
    assert _opens(url + "?timeout=5") is False  # options: SQLAlchemy's business
    assert _opens("postgresql+psycopg://u:p@db/vareflyt") is False
    assert _opens("sqlite:///" + (tmp_path / "none.db").as_posix()) is False
    (tmp_path / "empty.db").write_bytes(b"")
    assert _opens("sqlite:///" + (tmp_path / "empty.db").as_posix()) is False  # no tables
    with ws.store.transaction() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0001'"))
    assert _opens(url) is False  # needs migrating: the usual way
    with ws.store.transaction() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = :v"), {"v": HEAD_REVISION})
    assert _opens(url) is True
