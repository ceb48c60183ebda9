"""Build the supplier price lists used by the golden tests (run: python make_fixtures.py).

They imitate what suppliers send: title rows above the header, merged two-row headings,
hidden columns, totals and blank rows, Swedish and English headings, CSV in cp1252 with
Norwegian number formats, UTF-8-with-BOM tab-separated text. Each file plants known problems
(bad GTIN check digit, unreadable price, inconsistent net price, unknown unit, bad NOBB).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter
from stdnum import ean

HERE = Path(__file__).parent
CREATED = dt.datetime(2026, 1, 15, 8, 0, 0)


def gtin(base: str) -> str:
    return base + ean.calc_check_digit(base)


def trelast_vest(path: Path) -> None:
    """Norwegian, merged 'Pris' and 'Kampanje' over two-row headings, hidden column, totals."""
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": CREATED})
    ws = wb.add_worksheet("Prisliste 2026")
    bold = wb.add_format({"bold": True})
    day = wb.add_format({"num_format": "dd.mm.yyyy"})
    pct = wb.add_format({"num_format": "0.0%"})
    ws.write("A1", "TRELAST VEST AS", bold)
    ws.write("A2", "Prisliste byggevarer – gyldig fra 01.02.2026")
    ws.write("A3", "Alle priser eks. mva.")
    ws.merge_range("G5:I5", "Pris", bold)
    ws.merge_range("J5:L5", "Kampanje", bold)
    ws.write_row(
        "A6",
        [
            "Varenr",
            "EAN",
            "NOBB-nr",
            "Varenavn",
            "Enhet",
            "Intern kode",
            "Brutto",
            "Rabatt",
            "Netto",
            "Pris",
            "Fra",
            "Til",
            "Mva %",
            "Varegruppe",
            "Vekt (kg)",
        ],
        bold,
    )
    ws.set_column("F:F", None, None, {"hidden": True})
    rows = [
        [
            "00101",
            int(gtin("703123400001")),
            41234567,
            "Konstruksjonsvirke 48x98 C24",
            "lm",
            "X1",
            32.5,
            0.25,
            24.38,
            None,
            None,
            None,
            25,
            "0101",
            2.1,
        ],
        [
            "00102",
            int(gtin("703123400002")),
            41234568,
            "Konstruksjonsvirke 48x148 C24",
            "m",
            "X2",
            48.9,
            0.25,
            36.68,
            39.9,
            dt.date(2026, 3, 1),
            dt.date(2026, 3, 31),
            25,
            "0101",
            3.2,
        ],
        [
            "00103",
            7031234000039,
            41234569,
            "Terrassebord 28x120 impregnert",
            "m",
            "X3",
            29.9,
            0.2,
            23.92,
            None,
            None,
            None,
            25,
            "0102",
            1.5,
        ],  # wrong check digit -> rejected
        [
            "00104",
            int(gtin("703123400004")),
            41234570,
            "Gipsplate 12,5 mm 120x240",
            "stk",
            "X4",
            "ring oss",
            0.1,
            None,
            None,
            None,
            None,
            25,
            "0201",
            25.0,
        ],  # unreadable gross -> rejected
        [None] * 15,  # blank row, skipped
        [
            "00105",
            int(gtin("703123400005")),
            4123457,
            "Sponplate gulv 22 mm",
            "plate",
            "X5",
            189.0,
            0.3,
            140.0,
            None,
            None,
            None,
            25,
            "0202",
            30.0,
        ],  # bad NOBB, unknown unit, inconsistent net -> warnings
        [
            "00106",
            int(gtin("703123400006")),
            41234572,
            "Isolasjon glassull 200 mm",
            "pk",
            "X6",
            459.0,
            0.35,
            298.35,
            None,
            None,
            None,
            25,
            "0301",
            9.8,
        ],
    ]
    for r, row in enumerate(rows, start=6):
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()), day)
            elif c == 7:
                ws.write_number(r, c, v, pct)
            else:
                ws.write(r, c, v)
    ws.write_row(len(rows) + 6, 0, ["Sum", None, None, None, None, None, 759.2])
    wb.close()


def bygg_sverige(path: Path) -> None:
    """Swedish headings below a logo block; a first 'Info' sheet with no table."""
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": CREATED})
    info = wb.add_worksheet("Info")
    info.write("A1", "Bygg Sverige AB – prislista")
    info.write("A2", "Frågor: order@byggsverige.se")
    ws = wb.add_worksheet("Prislista")
    ws.write("B2", "BYGG SVERIGE AB")
    ws.write("B3", "Prislista 2026")
    ws.write_row(
        "A5",
        [
            "Artikelnr",
            "Benämning",
            "EAN-kod",
            "Enhet",
            "Listpris",
            "Rabatt %",
            "Nettopris",
            "Moms",
            "Giltig från",
            "Förp.storlek",
        ],
    )
    rows = [
        [
            "SE-1001",
            "Skruv trä 4,0x40 förzinkad",
            gtin("735000100001"),
            "förp",
            "189,00",
            "12,5 %",
            "165,38",
            "25",
            "2026-02-01",
            "200",
        ],
        [
            "SE-1002",
            "Fogskum 750 ml",
            gtin("735000100002"),
            "st",
            "129,00",
            "10 %",
            "116,10",
            "25",
            "2026-02-01",
            "1",
        ],
        [
            "SE-1003",
            "Cementbruk 25 kg",
            gtin("735000100003"),
            "säck",
            "89,00",
            "",
            "",
            "25",
            "2026-02-01",
            "1",
        ],
        [
            "SE-1004",
            "Takpapp rulle 10 m",
            "7,35E+12",
            "rulle",
            "799,00",
            "5 %",
            "759,05",
            "25",
            "2026-02-01",
            "1",
        ],
        ["Totalt", None, None, None, None, None, None, None, None, None],
    ]
    for r, row in enumerate(rows, start=5):
        for c, v in enumerate(row):
            if v is not None:
                ws.write_string(r, c, v)
    wb.close()


def jernvare_csv(path: Path) -> None:
    """A change list as cp1252 CSV with ';', Norwegian number and date formats, an 'Utgått' flag."""
    lines = [
        "Lev. varenr;Varebeskrivelse;GTIN;Enhet;Veil. pris;Rabatt;Nettopris;Gyldig fra;Utgått",
        f"J-001;Hammer 20 oz;{gtin('704000000001')};stk;kr 349,00;30;244,30;1.3.26;",
        f"J-002;Vater 60 cm;{gtin('704000000002')};stk;1 299,00;30 %;909,30;01.03.2026;",
        f"J-003;Skrutrekker sett 6 deler;{gtin('704000000003')};sett;499,-;25;374,25;2026-03-01;x",
        f"J-004;Tommestokk 2 m;{gtin('704000000004')};stk;89,90 kr;;89,90;01/03/2026;nei",
        ";;;;;;;;",
        "Sum;;;;;;;;",
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def english_tab(path: Path) -> None:
    """UTF-8 with BOM, tab separated, English headings and number format."""
    lines = [
        "Item No\tDescription\tGTIN\tUOM\tList price\tDiscount %\tNet "
        "price\tVAT rate\tCampaign price\tPromo from\t"
        "Promo to",
        f"E100\tAnchor bolt M10 (box of 50)\t{gtin('500000000101')}\tbox\t1,234.50\t20\t987.60\t25\t899.00\t"
        "2026-04-01\t2026-04-30",
        f"E101\tWood glue 1 l\t{gtin('500000000102')}\tltr\t149.00\t0\t149.00\t25\t\t\t",
        f"E102\tSafety glasses\t{gtin('500000000103')}\tpair\t79.00\t10\t71.10\t30\t\t\t",
    ]
    path.write_bytes(b"\xef\xbb\xbf" + ("\n".join(lines) + "\n").encode("utf-8"))


FIXTURES = {
    "trelast_vest.xlsx": trelast_vest,
    "bygg_sverige.xlsx": bygg_sverige,
    "jernvare.csv": jernvare_csv,
    "english_tab.txt": english_tab,
}

if __name__ == "__main__":
    for name, make in FIXTURES.items():
        make(HERE / name)
        print("wrote", HERE / name)
