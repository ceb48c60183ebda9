"""Price-list files: they open, and the manifest's rows are exactly where and what it says."""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pandas as pd
from stdnum import ean

ORE = Decimal("0.01")


def _article_rows(readback, folder, entry):
    return [
        (n, rec)
        for n, rec in readback.records(folder, entry)
        if rec is not None and readback.text(rec["article_no"]) is not None
    ]


def test_every_price_file_opens_with_pandas(small_demo):
    folder, manifest = small_demo
    for entry in manifest.price_files():
        path = folder / entry.path
        if entry.format == "csv":
            frame = pd.read_csv(path, sep=entry.delimiter, encoding=entry.encoding, dtype=str)
        else:
            frame = pd.read_excel(
                path, sheet_name=entry.sheet, engine="calamine", dtype=str, header=entry.header_rows[-1] - 1
            )
        assert len(frame) >= entry.rows_read, entry.path


def test_rows_read_and_skipped_rows_match_the_manifest(small_demo, readback):
    folder, manifest = small_demo
    for entry in manifest.files:
        recs = readback.records(folder, entry)
        blank_rows = [n for n, rec in recs if rec is None]
        skipped = {note.row: note.reason for note in entry.skipped}
        assert blank_rows == sorted(r for r, why in skipped.items() if why == "blank"), entry.path
        data = [n for n, rec in recs if rec is not None and n not in skipped]
        assert len(data) == entry.rows_read, entry.path
        assert data[0] == entry.first_data_row and data[-1] == entry.last_data_row, entry.path
        assert entry.rows_imported == entry.rows_read - len(entry.rejected)
        totals = [r for r, why in skipped.items() if why == "totals"]
        if entry.shape == "title_block":
            (row,) = totals
            assert row == entry.last_data_row + 1
            total_row = dict(recs)[row]
            assert total_row["article_no"] is None and total_row["name"].startswith("Totalt")
        else:
            assert totals == []


def test_planted_rows_are_where_the_manifest_says(small_demo, readback):
    folder, manifest = small_demo
    seen_reasons = Counter()
    for entry in manifest.price_files():
        fraction = entry.shape == "swedish"
        expected = {n.row: n.reason for n in entry.rejected + entry.warnings}
        assert all(n.key for n in entry.rejected + entry.warnings)
        seen_numbers: dict[str, int] = {}
        for row, rec in _article_rows(readback, folder, entry):
            article_no = readback.text(rec["article_no"])
            gtin = readback.text(rec["gtin"])
            found = []
            if not ean.is_valid(gtin):
                found.append("gtin_check_digit")
            gross, net = readback.number(rec["gross"]), readback.number(rec["net"])
            if gross is None or net is None:
                assert rec["gross"] == "Ring oss" and rec["net"] == "Ring oss"
                found.append("price_unreadable")
            else:
                discount = readback.number(rec["discount"], fraction=fraction)
                computed = (gross * (100 - discount) / 100).quantize(ORE, rounding=ROUND_HALF_UP)
                if abs(computed - net) > ORE:
                    found.append("net_price_mismatch")
            if article_no in seen_numbers:
                found.append("duplicate_article")
            seen_numbers.setdefault(article_no, row)
            assert found == ([expected[row]] if row in expected else []), (entry.path, row, found)
            if row in expected:
                note = next(n for n in entry.rejected + entry.warnings if n.row == row)
                assert note.key == article_no
                seen_reasons[note.reason] += 1
    assert seen_reasons == Counter(
        {"gtin_check_digit": 2, "price_unreadable": 1, "net_price_mismatch": 1, "duplicate_article": 1}
    )


def test_identifiers_in_price_lists(small_demo, readback):
    folder, manifest = small_demo
    gtins, nobbs = Counter(), Counter()
    zero_padded = 0
    for entry in manifest.price_files():
        if entry.price_list_kind != "new":
            continue
        for row, rec in _article_rows(readback, folder, entry):
            if any(n.row == row and n.reason == "duplicate_article" for n in entry.rejected):
                continue
            gtin = readback.text(rec["gtin"])
            assert len(gtin) == 13 and gtin.startswith("70")
            gtins[gtin[:12]] += 1
            if rec["nobb"] is not None:
                nobb = readback.text(rec["nobb"])
                assert len(nobb) == 8 and nobb.isdigit()
                nobbs[nobb] += 1
            zero_padded += readback.text(rec["article_no"]).startswith("0")
    assert max(gtins.values()) == 1 and max(nobbs.values()) == 1
    assert zero_padded > 0, "some suppliers number their articles with leading zeros"


def test_title_block_file_layout(small_demo):
    folder, manifest = small_demo
    entry = next(f for f in manifest.price_files() if f.shape == "title_block")
    wb = openpyxl.load_workbook(folder / entry.path)
    ws = wb[entry.sheet]
    assert entry.header_rows == [6] and entry.first_data_row == 7
    assert any(str(r).startswith("A1:") for r in ws.merged_cells.ranges)
    assert ws["A1"].value.startswith("PRISLISTE")
    assert ws.column_dimensions["C"].hidden
    assert ws["B6"].value == "Beskrivelse"
    kinds = {
        type(ws.cell(r, 10).value).__name__
        for r in range(entry.first_data_row, entry.last_data_row + 1)
        if ws.cell(r, 1).value is not None
    }
    assert kinds == {"str", "datetime"}, "valid-from is text on some rows and a date serial on others"
    texts = [
        ws.cell(r, 9).value
        for r in range(entry.first_data_row, entry.last_data_row + 1)
        if ws.cell(r, 9).value
    ]
    assert all(t.startswith("kr ") or t == "Ring oss" for t in texts)
    assert all(
        ws.cell(r, 8).value.endswith(" %")
        for r in range(entry.first_data_row, entry.last_data_row + 1)
        if ws.cell(r, 1).value is not None
    )
    assert len(ws._images) == 1


def test_two_row_header_and_swedish_layout(small_demo):
    folder, manifest = small_demo
    entry = next(f for f in manifest.price_files() if f.shape == "two_row_header")
    ws = openpyxl.load_workbook(folder / entry.path)[entry.sheet]
    assert entry.header_rows == [1, 2] and entry.first_data_row == 3
    assert "E1:F1" in {str(r) for r in ws.merged_cells.ranges} and ws["E1"].value == "Pris"
    assert (ws["E2"].value, ws["F2"].value) == ("Brutto", "Netto")
    swedish = next(f for f in manifest.price_files() if f.shape == "swedish")
    ws = openpyxl.load_workbook(folder / swedish.path)[swedish.sheet]
    assert [c.value for c in ws[1]][:3] == ["Artikelnummer", "EAN", "Benämning"]
    assert isinstance(ws["B2"].value, int) and ws["G2"].number_format.endswith("%") and ws["G2"].value < 1


def test_csv_dialects(small_demo):
    folder, manifest = small_demo
    semi = next(f for f in manifest.price_files() if f.shape == "csv_semicolon")
    raw = (folder / semi.path).read_bytes()
    assert semi.encoding == "cp1252" and b"\r\n" in raw
    assert any(ch in raw for ch in (b"\xe6", b"\xf8", b"\xe5", b"\xd8", b"\x96"))  # æ ø å Ø – in cp1252
    assert b";;;;" in raw
    first = raw.decode("cp1252").split("\r\n")[1].split(";")
    assert "," in first[7] and "." not in first[7], "decimal comma in Brutto"
    comma = next(f for f in manifest.price_files() if f.shape == "csv_comma")
    raw = (folder / comma.path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and comma.encoding == "utf-8-sig"
    assert '"' in raw.decode("utf-8-sig"), "names with commas are quoted"


def test_change_and_replace_lists_refer_to_the_earlier_list(small_demo, readback):
    folder, manifest = small_demo
    by_supplier = {f.supplier_gln: f for f in manifest.price_files() if f.price_list_kind == "new"}

    def numbers(entry):
        return [readback.text(rec["article_no"]) for _, rec in _article_rows(readback, folder, entry)]

    change = next(f for f in manifest.price_files() if f.price_list_kind == "change")
    earlier = set(numbers(by_supplier[change.supplier_gln]))
    listed = dict(
        (readback.text(rec["article_no"]), rec) for _, rec in _article_rows(readback, folder, change)
    )
    assert set(change.changes["changed"]) | set(change.changes["expired"]) <= earlier
    assert not set(change.changes["new"]) & earlier
    assert set(listed) == set(change.changes["changed"]) | set(change.changes["new"]) | set(
        change.changes["expired"]
    )
    assert [n for n, rec in listed.items() if rec["expired"] == "Ja"] == change.changes["expired"]
    assert change.valid_from > by_supplier[change.supplier_gln].valid_from

    replace = next(f for f in manifest.price_files() if f.price_list_kind == "replace")
    original = numbers(by_supplier[replace.supplier_gln])
    repeated = numbers(replace)
    assert set(replace.changes["dropped"]) == set(original) - set(repeated)
    assert replace.changes["dropped"] and set(repeated) <= set(original)
