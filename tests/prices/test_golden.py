"""Golden files: each supplier sheet in tests/data/prices imports to its expected JSON.

The expected file holds the job's JSON result (without output paths) and the stored rows.
Refresh after an intended change with ``VAREFLYT_REFRESH_GOLDEN=1 pytest tests/prices``.
"""

import json
import os
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from vareflyt.jobs.import_prices import import_prices
from vareflyt.store.tables.prices import price_rows

DATA = Path(__file__).parents[1] / "data" / "prices"
SUPPLIER = "7080000000029"
CASES = {
    "trelast_vest.xlsx": "new",
    "bygg_sverige.xlsx": "new",
    "jernvare.csv": "change",
    "english_tab.txt": "replace",
}
STORED = (
    "article_no",
    "gtin",
    "nobb",
    "name",
    "unit",
    "pack_qty",
    "gross",
    "discount_pct",
    "net",
    "vat_pct",
    "valid_from",
    "campaign_net",
    "campaign_from",
    "campaign_to",
    "product_group",
    "weight_kg",
    "expired",
    "source_row",
)


def _plain(value):
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return value.isoformat() if isinstance(value, date) else format(value, "f")


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(workspace, name):
    result = import_prices(workspace, DATA / name, SUPPLIER, CASES[name], date(2026, 2, 1))
    with workspace.store.connect() as conn:
        rows = (
            conn.execute(sa.select(*[price_rows.c[c] for c in STORED]).order_by(price_rows.c.id))
            .mappings()
            .all()
        )
    actual = result.to_dict()
    actual["outputs"] = [Path(p).name for p in actual["outputs"]]
    actual = {"result": actual, "rows": [{k: _plain(v) for k, v in r.items()} for r in rows]}
    expected_path = DATA / (name + ".expected.json")
    if os.environ.get("VAREFLYT_REFRESH_GOLDEN"):
        expected_path.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert actual == expected
    counts = actual["result"]["counts"]
    assert counts["rows_read"] == counts["imported"] + counts["rejected"]
