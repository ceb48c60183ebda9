"""Issue 19 item 3: the Katalog table's rows are built a column at a time
(``jobs.price_catalogue.catalogue_rows``) with the values ``catalogue_row`` gives one row, and
the table written after an import holds the same cells as before (read back with openpyxl)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from operator import itemgetter

import openpyxl

from vareflyt.domain.catalogue import CatalogueArticle, CatalogueKind, PriceVersion
from vareflyt.excel.schemas import table_schema
from vareflyt.jobs.import_prices import import_prices
from vareflyt.jobs.price_catalogue import catalogue_row, catalogue_rows

from .supplier_files import NORDISK, VEST, make_ws

KEYS = table_schema("catalogue").keys


def test_catalogue_rows_are_catalogue_row_in_table_order():
    v1 = PriceVersion(7, NORDISK, 3, CatalogueKind.NEW, date(2026, 2, 1))
    v2 = PriceVersion(9, "7080000000043", 12, CatalogueKind.CHANGE, None)
    found = [
        (
            v1,
            CatalogueArticle(
                "A1",
                "Plank",
                "7031234000019",
                "41234567",
                "MTR",
                "F",
                Decimal(1),
                Decimal("40.00"),
                Decimal(10),
                Decimal("36.00"),
                None,
                Decimal(25),
                None,
                date(2026, 12, 31),
            ),
        ),
        (
            v1,
            CatalogueArticle(
                "A2",
                "",
                campaign_net=Decimal("9.90"),
                campaign_from=date(2026, 3, 1),
                campaign_to=date(2026, 3, 31),
                valid_from=date(2026, 4, 1),
                not_updated=True,
            ),
        ),
        (
            v2,
            CatalogueArticle(
                "B1",
                "Skrue",
                weight_kg=Decimal("0.125"),
                dimensions="5x50",
                product_group="G1",
                price_basis=Decimal(100),
            ),
        ),
    ]
    names = {NORDISK: "Nordisk Trelast AS"}
    expected = [itemgetter(*KEYS)(catalogue_row(v, a, names)) for v, a in found]
    assert catalogue_rows(found, names, KEYS) == expected
    assert expected[0][14] == date(2026, 2, 1) and expected[1][24] == "pris ikke oppdatert"
    assert expected[2][1] == "" and expected[2][23] == "12"
    assert catalogue_rows([], names, KEYS) == []


def test_katalog_sheet_after_an_import_holds_the_lists_cells(tmp_path):
    ws = make_ws(tmp_path / "ws")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        [
            "Varenr",
            "EAN",
            "Varenavn",
            "Enhet",
            "Bruttopris",
            "Rabatt %",
            "Nettopris",
            "Kampanjepris",
            "Kampanje fra",
            "Kampanje til",
        ]
    )
    sheet.append(["00101", "7031234000019", "Plank 48x98 & lekt", "m", 40, 10, 36, None, None, None])
    sheet.append(
        [
            "00102",
            None,
            "Skrue <5x50>",
            "pk",
            120.5,
            25,
            None,
            80,
            datetime(2026, 3, 1),
            datetime(2026, 3, 31),
        ]
    )
    book.save(tmp_path / "liste.xlsx")
    result = import_prices(ws, tmp_path / "liste.xlsx", VEST, "new", date(2026, 2, 1), today=date(2026, 2, 2))
    assert str(ws.purchasing_workbook) in result.outputs
    written = openpyxl.load_workbook(ws.purchasing_workbook)
    katalog = next(s for s in written.worksheets if "Katalog" in s.tables)
    first, last = katalog.tables["Katalog"].ref.split(":")
    cells = [[c.value for c in row] for row in katalog[first:last]]
    assert cells[0] == table_schema("catalogue").headings
    assert cells[1:] == [
        [
            VEST,
            "Vestlandske Byggevarer AS",
            "00101",
            "7031234000019",
            None,
            "Plank 48x98 & lekt",
            "MTR",
            None,
            None,
            40,
            10,
            36,
            None,
            None,
            datetime(2026, 2, 1),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "1",
            None,
        ],
        [
            VEST,
            "Vestlandske Byggevarer AS",
            "00102",
            None,
            None,
            "Skrue <5x50>",
            "PK",
            None,
            None,
            120.5,
            25,
            90.38,
            None,
            None,
            datetime(2026, 2, 1),
            None,
            80,
            datetime(2026, 3, 1),
            datetime(2026, 3, 31),
            None,
            None,
            None,
            None,
            "1",
            None,
        ],
    ]
    ws.close()
