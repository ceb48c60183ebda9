"""Header mapping: synonyms, normalisation, header row search, two-row headers, overrides, totals."""

import datetime

import pytest
import xlsxwriter

from vareflyt.excel.headers import find_header, load_spec, match_heading, normalize
from vareflyt.excel.sheets import SheetData
from vareflyt.excel.tabular import parse_table, read_table

SPEC = load_spec("prices")


@pytest.mark.parametrize(
    "heading, expected",
    [
        ("Varenr", "article_no"),
        ("VARE-NR.", "article_no"),
        ("Lev. varenr", "article_no"),
        ("Artikelnr", "article_no"),
        ("Item no", "article_no"),
        ("EAN-kode", "gtin"),
        ("GTIN", "gtin"),
        ("NOBB-nr", "nobb"),
        ("Benämning", "name"),
        ("Bruttopris (kr)", "gross"),
        ("Rabatt %", "discount"),
        ("Nettopris", "net"),
        ("Net price", "net"),
        ("Mva-sats", "vat"),
        ("Moms %", "vat"),
        ("Gyldig fra", "valid_from"),
        ("Giltig till", "valid_to"),
        ("Kampanjepris", "campaign_net"),
        ("Varegruppe", "product_group"),
        ("Vikt (kg)", "weight"),
        ("Enhet", "unit"),
        ("Nettopris NOK eks. mva", "net"),
        ("Bruttopris pr enhet", "gross"),
    ],
)
def test_synonyms(heading, expected):
    assert match_heading(SPEC, heading)[0] == expected


@pytest.mark.parametrize("heading", ["Veil. pris inkl. mva", "Lagerstatus", "Kommentar", "Pris inkl mva"])
def test_unmappable(heading):
    assert match_heading(SPEC, heading)[0] is None


def test_normalize():
    assert normalize("  Pris (kr) ") == "pris"
    assert normalize("Rabatt-%") == "rabatt"
    assert normalize("Förp./Enhet") == "förpenhet"


def test_override_wins_and_can_ignore():
    over = {normalize("Pris"): "gross", normalize("Varenr"): "ignore"}
    assert match_heading(SPEC, "PRIS", over) == ("gross", "override", ())
    assert match_heading(SPEC, "Varenr", over)[1] == "ignore"


def test_ambiguous_heading_is_reported():
    field, rule, candidates = match_heading(SPEC, "Kolli enhet")  # starts like pack_qty, ends like unit
    assert field is None and set(candidates) == {"pack_qty", "unit"}


def _sheet(rows, merged=()):
    return SheetData(name="Ark1", rows=rows, merged=list(merged))


def test_header_row_below_title_rows():
    rows = [
        ["Prisliste 2026", "", ""],
        ["Gyldig fra 1.2.2026", "", ""],
        ["", "", ""],
        ["Varenr", "Varenavn", "Netto"],
        ["1", "A", 2.0],
    ]
    match = find_header(_sheet(rows), SPEC)
    assert match.index == 3 and match.columns == {"article_no": 0, "name": 1, "net": 2}


def test_two_row_header_with_merged_upper_row():
    rows = [
        ["", "", "Pris", "", "Kampanje", "", ""],
        ["Varenr", "Varenavn", "Brutto", "Netto", "Pris", "Fra", "Til"],
        ["1", "A", 10.0, 8.0, 7.0, "01.03.2026", "31.03.2026"],
    ]
    merged = [(1, 3, 1, 4), (1, 5, 1, 7)]
    match = find_header(_sheet(rows, merged), SPEC)
    assert match.two_rows and match.index == 1
    assert match.columns == {
        "article_no": 0,
        "name": 1,
        "gross": 2,
        "net": 3,
        "campaign_net": 4,
        "campaign_from": 5,
        "campaign_to": 6,
    }


def test_duplicate_field_keeps_the_better_column():
    rows = [["Varenr", "Artikkelnummer hos oss", "Nettopris", "Pris"], ["1", "2", 3.0, 4.0]]
    match = find_header(_sheet(rows), SPEC)
    assert match.columns["net"] == 2
    assert ("Pris", "net") in match.duplicates


def _write(path, rows, merges=()):
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Prisliste")
    date_fmt = wb.add_format({"num_format": "dd.mm.yyyy"})
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if isinstance(v, datetime.date):
                ws.write_datetime(r, c, datetime.datetime.combine(v, datetime.time()), date_fmt)
            elif v is not None:
                ws.write(r, c, v)
    for rng, text in merges:
        ws.merge_range(rng, text)
    wb.close()
    return path


def test_read_table_skips_blank_and_totals_rows_and_reports_unmapped(tmp_path):
    path = _write(
        tmp_path / "p.xlsx",
        [
            ["Trelast AS"],
            [],
            ["Varenr", "EAN", "Bruttopris", "Rabatt", "Lagerstatus"],
            ["00123", 7031234567893, 100, 0.25, "på lager"],
            [None, None, None, None, None],
            ["124", "7031234567893", "1 000,00", "10 %", ""],
            ["Sum", None, 1100],
            ["Totalt:", None, 1100],
        ],
    )
    read = read_table(path, "prices")
    assert read.header_row == 3 and read.row_numbers == [4, 6]
    assert read.unmapped == ["Lagerstatus"]
    assert [i.code for i in read.issues] == ["header.unmapped"]
    typed = parse_table(read)
    rows = list(typed.iter_rows())
    assert rows[0][1]["article_no"] == "00123" and rows[0][1]["gtin"] == "7031234567893"
    assert str(rows[0][1]["discount"]) == "25" and str(rows[1][1]["discount"]) == "10"
    assert str(rows[1][1]["gross"]) == "1000.00"


def test_missing_required_column_is_an_error_issue(tmp_path):
    path = _write(tmp_path / "p.xlsx", [["Varenavn", "EAN", "Nettopris"], ["A", "7031234567893", 5]])
    read = read_table(path, "prices")
    errors = [i for i in read.issues if i.is_error]
    assert len(errors) == 1 and "varenummer" in errors[0].message and "article_no" not in errors[0].message


def test_override_from_config_maps_odd_heading(tmp_path):
    path = _write(tmp_path / "p.xlsx", [["Vår kode", "Beløp", "Varenavn"], ["X1", 12.5, "A"]])
    read = read_table(path, "prices", overrides={"Vår kode": "article_no", "BELØP": "net"})
    assert read.columns == {"article_no": 1, "net": 2, "name": 3}


def test_problems_carry_cell_source(tmp_path):
    path = _write(
        tmp_path / "p.xlsx",
        [["Varenr", "Nettopris", "Gyldig fra"], ["1", "tolv", "i dag"], ["2", 3, datetime.date(2026, 2, 1)]],
    )
    typed = parse_table(read_table(path, "prices"))
    rows = list(typed.iter_rows())
    assert set(rows[0][2]) == {"net", "valid_from"}
    issue = typed.problem_issue(rows[0][0], "net", rows[0][2]["net"])
    assert issue.render().startswith("p.xlsx:Prisliste!B2: ")
    assert rows[1][1]["valid_from"] == datetime.date(2026, 2, 1)


def test_two_row_header_with_vertically_merged_headings():
    rows = [
        ["Varenr", "Varenavn", "Kampanje", "", ""],
        ["", "", "Pris", "Fra", "Til"],
        ["1", "A", 7.0, "01.03.2026", "31.03.2026"],
    ]
    merged = [(1, 1, 2, 1), (1, 2, 2, 2), (1, 3, 1, 5)]
    match = find_header(_sheet(rows, merged), SPEC)
    assert match.index == 1 and match.columns == {
        "article_no": 0,
        "name": 1,
        "campaign_net": 2,
        "campaign_from": 3,
        "campaign_to": 4,
    }


def test_hidden_rows_are_read(tmp_path):
    path = tmp_path / "h.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Ark1")
    ws.write_row(0, 0, ["Varenr", "Nettopris"])
    ws.write_row(1, 0, ["1", 2])
    ws.write_row(2, 0, ["2", 3])
    ws.set_row(1, None, None, {"hidden": True})
    wb.close()
    assert read_table(path, "prices").row_numbers == [2, 3]


def test_first_data_row_is_never_taken_for_the_lower_half_of_a_header():
    rows = [["Varenr", "Kolli enhet", "Nettopris"], ["A1", 10.0, 5.0], ["A2", 20.0, 6.0]]
    match = find_header(_sheet(rows), SPEC)
    assert match.index == 0 and not match.two_rows


def test_first_csv_data_row_is_never_taken_for_the_lower_half_of_a_header():
    rows = [["Varenr", "Kolli enhet", "Nettopris"], ["A1", "10", "5,50"], ["A2", "20", "6,00"]]
    match = find_header(_sheet(rows), SPEC)
    assert match.index == 0 and not match.two_rows


def test_a_heading_broken_over_two_lines_is_read_not_a_crash(tmp_path):
    """Found by the fuzzer: "Varenr" with a line break in it made the upper row's text ambiguous
    for one column and clear for the next, and the mapping raised KeyError."""
    from vareflyt.excel.tabular import read_table

    path = tmp_path / "prisliste.csv"
    path.write_bytes(
        b"Varen\nr;Varenavn;EAN;Enhet;Bruttopris;Rabatt %;Nettopris;Kampanje fra\r\n"
        b"BT-1001;Lekt 48x98;7040000000016;STK;24,90;20 %;19,92;01.03.2026\r\n"
    )
    read = read_table(path, "prices")
    assert read.columns == {
        "article_no": 1,
        "name": 2,
        "gtin": 3,
        "unit": 4,
        "gross": 5,
        "discount": 6,
        "net": 7,
        "campaign_from": 8,
    }
    assert read.rows[0].values["article_no"] == "BT-1001" and read.rows[0].values["net"] == "19,92"


def test_this_years_price_beats_last_years_whichever_comes_first(tmp_path):
    from vareflyt.excel.tabular import read_table

    for head in ("Nettopris 2025;Nettopris 2026", "Nettopris 2026;Nettopris 2025"):
        path = tmp_path / "prisliste.csv"
        path.write_bytes(f"Varenr;Varenavn;Enhet;{head}\r\nBT-1;Lekt;STK;19,90;21,50\r\n".encode())
        read = read_table(path, "prices")
        net_column = read.columns["net"]
        assert head.split(";")[net_column - 4] == "Nettopris 2026"
        assert any("Nettopris 2025" in i.message for i in read.issues)
