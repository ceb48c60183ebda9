"""Every table round-trips through the port: write rows, save, read back in a new port."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.excel.port import rows_as_sequences
from vareflyt.excel.schemas import TABLES, ColumnType

from .conftest import normalise, sample_rows

_TYPES = {  # int and bool columns are pandas Int64 / boolean: their scalars are numpy's
    ColumnType.TEXT: str,
    ColumnType.DECIMAL: Decimal,
    ColumnType.INT: (int, np.integer),
    ColumnType.DATE: date,
    ColumnType.DATETIME: datetime,
    ColumnType.BOOL: (bool, np.bool_),
    ColumnType.NUMBER_OR_TEXT: (Decimal, str),
}


@pytest.mark.parametrize("path_kind", ["openpyxl", "fast"])
@pytest.mark.parametrize("key", sorted(TABLES))
def test_every_table_round_trips(key, path_kind, purchasing, receivables):
    schema = TABLES[key]
    path = purchasing if schema.workbook == "purchasing" else receivables
    rows = sample_rows(schema)
    # threshold 0 sends every table through the fast path; a huge one keeps small tables in openpyxl
    port = OpenpyxlWorkbook(path, fast_threshold=0 if path_kind == "fast" else 10**9)
    assert port.replace_rows(key, rows) == len(rows)
    port.save()

    frame = OpenpyxlWorkbook(path).read_table(key)
    assert list(frame.columns) == schema.keys
    assert list(frame.index) == list(range(len(rows)))
    assert frame.attrs["issues"] == []
    for i, row in enumerate(rows):
        for col in schema.columns:
            got = frame.at[i, col.key]
            assert normalise(got) == normalise(row[col.key]), (col.key, i)
            if normalise(got) is not None:
                assert isinstance(got, _TYPES[col.type]), col.key
                if col.type is ColumnType.DATE:
                    assert not isinstance(got, datetime), col.key
    assert all(frame.at[0, c] == rows[0][c] for c in schema.text_columns() if rows[0][c])


def test_leading_zeros_and_gtins_stay_text(purchasing):
    port = OpenpyxlWorkbook(purchasing)
    port.replace_rows(
        "catalogue",
        [
            {
                "gtin": "07031234567890",
                "article_no": "000123",
                "nobb": "01234567",
                "product_group": "0010",
                "net": Decimal("10.50"),
            }
        ],
    )
    port.save()
    frame = OpenpyxlWorkbook(purchasing).read_table("catalogue")
    assert frame.loc[0, ["gtin", "article_no", "nobb", "product_group"]].tolist() == [
        "07031234567890",
        "000123",
        "01234567",
        "0010",
    ]
    assert frame.at[0, "net"] == Decimal("10.5")


def test_empty_table_reads_as_empty_frame_with_declared_columns(purchasing, receivables):
    for key, path in (("order_entry", purchasing), ("catalogue", purchasing), ("aging", receivables)):
        frame = OpenpyxlWorkbook(path).read_table(key)
        assert frame.empty and list(frame.columns) == TABLES[key].keys
    assert str(OpenpyxlWorkbook(purchasing).read_table("orders")["lines"].dtype) == "Int64"


def test_replacing_with_fewer_rows_and_with_none_shrinks_the_table(purchasing):
    for n in (5, 2, 0):
        port = OpenpyxlWorkbook(purchasing)
        port.replace_rows("orders", sample_rows(TABLES["orders"], n))
        port.save()
        assert len(OpenpyxlWorkbook(purchasing).read_table("orders")) == n


def test_rows_as_sequences_and_dataframes(purchasing):
    port = OpenpyxlWorkbook(purchasing)
    port.replace_rows("article_settings", [["0042", "Leverandør AS", "12,5", 3, Decimal("10")]])
    port.replace_rows(
        "parties",
        pd.DataFrame(
            [{"party_no": "001", "gln": "7080000000017", "edi": True, "active": pd.NA, "changed": pd.NaT}]
        ),
    )
    port.save()
    reread = OpenpyxlWorkbook(purchasing)
    settings = reread.read_table("article_settings")
    assert settings.iloc[0].tolist() == [
        "0042",
        "Leverandør AS",
        Decimal("12.5"),
        Decimal("3"),
        Decimal("10"),
    ]
    parties = reread.read_table("parties")
    assert parties.at[0, "party_no"] == "001" and bool(parties.at[0, "edi"]) is True
    assert parties.at[0, "active"] is pd.NA and parties.at[0, "changed"] is None


def test_wrong_values_from_a_job_are_rejected_before_writing(purchasing):
    port = OpenpyxlWorkbook(purchasing)
    with pytest.raises(ValueError):
        port.replace_rows("orders", [{"lines": "mange"}])
    with pytest.raises(ValueError):
        port.replace_rows("orders", [{"no_such_column": 1}])
    with pytest.raises(KeyError):
        port.replace_rows("aging", [])  # a receivables table, not in Innkjop.xlsx


def test_a_table_missing_from_an_older_workbook_is_added_on_write(purchasing):
    import openpyxl

    book = openpyxl.load_workbook(purchasing)
    del book["Logg"], book["Ordrer"]
    book.save(purchasing)
    port = OpenpyxlWorkbook(purchasing)
    assert port.read_table("log").empty and port.read_table("orders").empty
    port.replace_rows("log", [{"job": "nightly", "time": datetime(2026, 11, 22, 2, 0)}])
    port.replace_rows("orders", [{"order_no": "PO-7"}])
    port.save()
    reread = OpenpyxlWorkbook(purchasing)
    assert reread.read_table("log").at[0, "time"] == datetime(2026, 11, 22, 2, 0)
    assert reread.read_table("orders")["order_no"].tolist() == ["PO-7"]


def test_overlong_text_is_cut_to_what_a_cell_holds(purchasing):
    port = OpenpyxlWorkbook(purchasing, fast_threshold=0)
    port.replace_rows("log", [{"message": "x" * 40000}])
    port.save()
    assert len(OpenpyxlWorkbook(purchasing).read_table("log").at[0, "message"]) == 32767


def test_rows_as_sequences_takes_full_tuples_as_they_are_and_pads_or_refuses_the_rest():
    schema = TABLES["article_settings"]
    width = len(schema.keys)
    full = [tuple(range(width)), tuple("abcdefghij"[:width])]
    assert rows_as_sequences(schema, full) == full
    assert rows_as_sequences(schema, [*full, (1,)]) == [*full, [1] + [None] * (width - 1)]
    with pytest.raises(ValueError):
        rows_as_sequences(schema, [*full, tuple(range(width + 1))])
