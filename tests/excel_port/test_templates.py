"""The committed workbook templates match the schemas; workspaces get copies of them."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from vareflyt.excel.schemas import WORKBOOKS
from vareflyt.excel.templates import build_template, create_workbooks, template_path


def _check(path, workbook_key):
    schema = WORKBOOKS[workbook_key]
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [t.sheet for t in schema.tables]
    for t in schema.tables:
        ws = book[t.sheet]
        assert list(ws.tables) == [t.table], t.key
        table = ws.tables[t.table]
        last = get_column_letter(len(t.columns))
        assert table.ref == f"A1:{last}2" and table.tableStyleInfo.name.startswith("TableStyle")
        assert [c.name for c in table.tableColumns] == t.headings
        assert [c.value for c in ws[1]] == t.headings
        assert all(c.font.b for c in ws[1]) and ws.freeze_panes == "A2"
        for j, col in enumerate(t.columns, start=1):
            letter = get_column_letter(j)
            assert ws.column_dimensions[letter].width == col.width, (t.key, col.key)
            assert ws[f"{letter}2"].number_format == col.number_format, (t.key, col.key)
            assert ws[f"{letter}2"].value is None


@pytest.mark.parametrize("key", sorted(WORKBOOKS))
def test_committed_templates_match_the_schemas(key):
    assert template_path(key).name == WORKBOOKS[key].filename
    _check(template_path(key), key)


def test_build_template_writes_a_fresh_one(tmp_path):
    path = build_template("receivables", tmp_path / "x" / "Kundereskontro.xlsx")
    _check(path, "receivables")


def test_formats_users_see(tmp_path):
    ws = openpyxl.load_workbook(template_path("purchasing"))["Katalog"]
    assert ws["O2"].number_format == "dd.mm.yyyy"  # valid_from
    assert ws["L2"].number_format == "#,##0.00"  # net: "# ##0,00" in Norwegian Excel
    assert ws["D2"].number_format == "@"  # GTIN typed by a user stays text


def test_create_workbooks_copies_templates_and_keeps_existing(tmp_path):
    written = create_workbooks(tmp_path / "ws")
    assert sorted(p.name for p in written) == ["Innkjop.xlsx", "Kundereskontro.xlsx"]
    assert (tmp_path / "ws" / "Innkjop.xlsx").read_bytes() == template_path("purchasing").read_bytes()
    (tmp_path / "ws" / "Innkjop.xlsx").write_bytes(b"the shop's own data")
    assert create_workbooks(tmp_path / "ws") == []
    assert (tmp_path / "ws" / "Innkjop.xlsx").read_bytes() == b"the shop's own data"
    assert len(create_workbooks(tmp_path / "ws", overwrite=True)) == 2
    assert (tmp_path / "ws" / "Innkjop.bak.xlsx").read_bytes() == b"the shop's own data"


@pytest.mark.parametrize("key", sorted(WORKBOOKS))
def test_committed_templates_are_rebuilt_from_the_current_schemas(key, tmp_path):
    import zipfile

    fresh = build_template(key, tmp_path / WORKBOOKS[key].filename)
    with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(template_path(key)) as b:
        parts = {n: a.read(n) for n in a.namelist()}
        committed = {n: b.read(n) for n in b.namelist()}
    assert parts == committed, "templates are stale: run `python -m vareflyt.excel.templates`"
