"""Purchasing fixtures: a workspace with our company, two suppliers (one EDI, one not) and a
small catalogue given to the jobs as a lookup function."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from vareflyt.domain.catalogue import CatalogueArticle
from vareflyt.workspace import init_workspace

OUR = "7080000000012"
EDI_SUPPLIER = "7080000000029"
PAPER_SUPPLIER = "7080000000036"
SITE = "7080000000043"

CONFIG = f'''
[company]
name = "Byggmester Test AS"
gln = "{OUR}"
orgnr = "923609016"

[partners."{EDI_SUPPLIER}"]
name = "Trelast Vest AS"
edi = true
response_hours = 24

[partners."{PAPER_SUPPLIER}"]
name = "Papir Leverandør AS"
edi = false
'''

ARTICLES = {
    EDI_SUPPLIER: [
        CatalogueArticle(
            "T100", "Konstruksjonsvirke 48x198", gtin="7040000000016", unit="MTR", net=D("45.50")
        ),
        CatalogueArticle("T200", "Gipsplate 12,5", gtin="7040000000023", unit="EA", net=D("89.00")),
        CatalogueArticle("T300", "Utgått lekt", unit="MTR", net=D("5"), expired=True),
        CatalogueArticle("T400", "Uten pris", unit="EA"),
        CatalogueArticle("FRAKT", "Frakt", nobb="51234567", unit="EA", net=D("850")),
    ],
    PAPER_SUPPLIER: [CatalogueArticle("P1", "Skruer 5x50", unit="PK", net=D("129.90"))],
}


def lookup(supplier_gln: str, key: str, on: date):
    return [a for a in ARTICLES.get(supplier_gln, []) if key in (a.article_no, a.gtin, a.nobb)]


@pytest.fixture
def ws(tmp_path):
    workspace = init_workspace(tmp_path / "ws", config_text=CONFIG)
    yield workspace
    workspace.close()
