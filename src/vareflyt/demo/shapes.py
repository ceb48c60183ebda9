"""Column layouts of the supplier price-list shapes: headers and how each cell is written.

A shape is a list of ``Column(header, value, fmt)``: ``value`` maps a ``PlannedRow`` to
the cell (str, int, Decimal, date or None) and ``fmt`` is an Excel number format for xlsx
shapes. The shapes imitate what suppliers' own software exports:

- ``clean``: Norwegian headers in row 1, typed cells (text ids, numbers, real dates),
  campaign columns.
- ``title_block``: prices as Norwegian text (``1 234,50``, ``kr 99,90``, ``12,5 %``), dates
  as ``01.09.2026`` text or as date serials, "Gyldig til" as a bare serial number.
- ``swedish``: Swedish headers and units, EAN as a number, discount and VAT as percent-
  formatted fractions (0.125 shown as 12,5 %).
- ``csv_semicolon`` / ``csv_comma``: text cells, decimal comma resp. point.
- ``two_row_header``: "Pris" merged over "Brutto" / "Netto", NOBB as a number.
- ``change_list``: like ``clean`` with an "Endring" column for people (Ny / Endret / Utgår)
  and an "Utgår" column (Ja on the expired article, empty otherwise).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .identifiers import NBSP, decimal_comma, nok_text
from .rows import UNREADABLE_PRICE, PlannedRow

EXCEL_EPOCH = date(1899, 12, 30)
SWEDISH_UNITS = {"stk": "st", "pk": "frp", "sekk": "säck", "rull": "rulle"}


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[PlannedRow], Any]
    fmt: str | None = None
    width: int = 12


def serial(d: date | None) -> int | None:
    """Excel's day number for a date (1900 system)."""
    return None if d is None else (d - EXCEL_EPOCH).days


def _a(attr: str) -> Callable[[PlannedRow], Any]:
    return lambda r: getattr(r.article, attr)


def _price(attr: str, render: Callable[[Decimal], Any] = lambda v: v) -> Callable[[PlannedRow], Any]:
    return lambda r: UNREADABLE_PRICE if r.price_text else render(getattr(r.article, attr))


def _opt(value: Any, render: Callable[[Any], Any]) -> Any:
    return None if value is None else render(value)


DATE = "dd.mm.yyyy"
MONEY = "#,##0.00"
ID = dict(width=16)

CLEAN = [
    Column("Varenr", _a("article_no"), **ID),
    Column("GTIN", _a("gtin"), **ID),
    Column("NOBB-nr", _a("nobb")),
    Column("Varetekst", _a("name"), width=48),
    Column("Enhet", _a("unit"), width=7),
    Column("Pakningsnivå", _a("pack_level"), width=7),
    Column("Antall i pakning", _a("pack_qty")),
    Column("Bruttopris", _price("gross"), MONEY),
    Column("Rabatt %", _a("discount"), "0.0"),
    Column("Nettopris", _price("net"), MONEY),
    Column("Miljøavgift", _a("fee"), MONEY),
    Column("MVA %", _a("vat"), "0"),
    Column("Gyldig fra", _a("valid_from"), DATE),
    Column("Gyldig til", _a("valid_to"), DATE),
    Column("Varegruppe", _a("group")),
    Column("Vekt (kg)", _a("weight"), "0.000"),
    Column("Dimensjoner", _a("dims"), width=20),
    Column("Kampanjepris", _a("campaign_net"), MONEY),
    Column("Kampanje fra", _a("campaign_from"), DATE),
    Column("Kampanje til", _a("campaign_to"), DATE),
]


def _title_date(r: PlannedRow) -> Any:
    # odd/even articles differ: text "01.09.2026" or a real date cell (serial shown as date)
    d = r.article.valid_from
    return d.strftime("%d.%m.%Y") if int(r.article.gtin[-2]) % 2 else d


def _title_gross(v: Decimal) -> str:
    # thousands separator: a plain space or a no-break space, as Excel's Norwegian locale writes
    return nok_text(v, NBSP if int(v) % 2 else " ")


TITLE_BLOCK = [
    Column("Art.nr", _a("article_no"), **ID),
    Column("Beskrivelse", _a("name"), width=48),
    Column("Fjorårets pris", lambda r: (r.article.gross * Decimal("0.96")).quantize(Decimal("0.01")), MONEY),
    Column("EAN", _a("gtin"), **ID),
    Column("NOBB", _a("nobb")),
    Column("Enhet", _a("unit"), width=7),
    Column("Listepris", _price("gross", _title_gross)),
    Column("Rabatt", lambda r: f"{decimal_comma(r.article.discount, 1)} %"),
    Column("Netto", _price("net", lambda v: f"kr {nok_text(v)}")),
    Column("Gyldig fra", _title_date, DATE),
    Column("Gyldig til", lambda r: serial(r.article.valid_to)),
    Column("Varegruppe", _a("group")),
]
TITLE_HIDDEN_COLUMN = 2  # 0-based: "Fjorårets pris"

SWEDISH = [
    Column("Artikelnummer", _a("article_no"), **ID),
    Column("EAN", lambda r: int(r.article.gtin), "0", **ID),
    Column("Benämning", _a("name"), width=48),
    Column("Enhet", lambda r: SWEDISH_UNITS.get(r.article.unit, r.article.unit)),
    Column("Antal per förpackning", _a("pack_qty")),
    Column("Bruttopris", _price("gross"), MONEY),
    Column("Rabatt", lambda r: r.article.discount / 100, "0.0%"),
    Column("Nettopris", _price("net"), MONEY),
    Column("Moms", lambda r: r.article.vat / 100, "0%"),
    Column("Giltig från", _a("valid_from"), "yyyy-mm-dd"),
    Column("Varugrupp", _a("group")),
    Column("Vikt (kg)", _a("weight"), "0.000"),
]

CSV_SEMICOLON = [
    Column("Varenr", _a("article_no")),
    Column("EAN", _a("gtin")),
    Column("NOBB", _a("nobb")),
    Column("Varenavn", _a("name")),
    Column("Enhet", _a("unit")),
    Column("Nivå", _a("pack_level")),
    Column("Ant. i pakning", _a("pack_qty")),
    Column("Brutto", _price("gross", decimal_comma)),
    Column("Rabatt", lambda r: decimal_comma(r.article.discount, 1)),
    Column("Netto", _price("net", decimal_comma)),
    Column("Miljøgebyr", lambda r: decimal_comma(r.article.fee)),
    Column("Mva", lambda r: str(r.article.vat)),
    Column("Fra dato", lambda r: r.article.valid_from.strftime("%d.%m.%Y")),
    Column("Til dato", lambda r: _opt(r.article.valid_to, lambda d: d.strftime("%d.%m.%Y"))),
    Column("Varegruppe", _a("group")),
    Column("Vekt", lambda r: decimal_comma(r.article.weight, 3)),
]

CSV_COMMA = [
    Column("Varenummer", _a("article_no")),
    Column("GTIN", _a("gtin")),
    Column("NOBB-nummer", _a("nobb")),
    Column("Varebeskrivelse", _a("name")),
    Column("Enhet", _a("unit")),
    Column("Bruttopris", _price("gross", lambda v: f"{v:.2f}")),
    Column("Rabatt %", lambda r: f"{r.article.discount}"),
    Column("Nettopris", _price("net", lambda v: f"{v:.2f}")),
    Column("Gyldig fra", lambda r: r.article.valid_from.isoformat()),
    Column("Varegruppe", _a("group")),
]

# two_row_header: row 1 holds these headers (merged down over row 2) except "Pris", which is
# merged across the two price columns whose own headers are in row 2.
TWO_ROW = [
    Column("Varenr", _a("article_no"), **ID),
    Column("GTIN", _a("gtin"), **ID),
    Column("Benevnelse", _a("name"), width=48),
    Column("Enhet", _a("unit"), width=7),
    Column("Brutto", _price("gross"), MONEY),
    Column("Netto", _price("net"), MONEY),
    Column("Rabatt %", _a("discount"), "0.0"),
    Column("Gyldig fra", _a("valid_from"), DATE),
    Column("NOBB", lambda r: int(r.article.nobb), "0"),
    Column("Varegruppe", _a("group")),
]
TWO_ROW_GROUP = ("Pris", 4, 5)  # group header, first and last 0-based column under it

CHANGE_LIST = [
    Column("Varenr", _a("article_no"), **ID),
    Column("GTIN", _a("gtin"), **ID),
    Column("NOBB-nr", _a("nobb")),
    Column("Varetekst", _a("name"), width=48),
    Column("Enhet", _a("unit"), width=7),
    Column("Bruttopris", _price("gross"), MONEY),
    Column("Rabatt %", _a("discount"), "0.0"),
    Column("Nettopris", _price("net"), MONEY),
    Column("Gyldig fra", _a("valid_from"), DATE),
    Column("Endring", lambda r: r.change, width=9),
    Column("Utgår", lambda r: "Ja" if r.change == "Utgår" else None, width=6),
]

SHAPES = {
    "clean": CLEAN,
    "title_block": TITLE_BLOCK,
    "swedish": SWEDISH,
    "csv_semicolon": CSV_SEMICOLON,
    "csv_comma": CSV_COMMA,
    "two_row_header": TWO_ROW,
    "change_list": CHANGE_LIST,
}
