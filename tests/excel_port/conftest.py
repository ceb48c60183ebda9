"""Fixtures for the workbook port tests: fresh copies of the shipped templates and sample rows
that exercise every column type (text with leading zeros, decimals, ints, dates, booleans)."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from vareflyt.excel.schemas import ColumnType, TableSchema
from vareflyt.excel.templates import template_path


@pytest.fixture
def purchasing(tmp_path):
    path = tmp_path / "Innkjop.xlsx"
    shutil.copyfile(template_path("purchasing"), path)
    return path


@pytest.fixture
def receivables(tmp_path):
    path = tmp_path / "Kundereskontro.xlsx"
    shutil.copyfile(template_path("receivables"), path)
    return path


def sample_value(kind: ColumnType, i: int, j: int):
    """A value of the column's type; some cells empty (None) to check gaps survive."""
    if (i + j) % 7 == 3:
        return None
    if kind is ColumnType.TEXT:
        return f"0{703 + i}{j:03d}" if j % 2 == 0 else f"Tekst æøå {i}-{j} & <b>"
    if kind is ColumnType.DECIMAL:
        return Decimal(f"{i * 1000 + j}.{(i + j) % 100:02d}").normalize() * (-1 if i % 5 == 4 else 1)
    if kind is ColumnType.INT:
        return i * 10 + j
    if kind is ColumnType.DATE:
        return date(2026, 1, 1) + timedelta(days=i * 3 + j)
    if kind is ColumnType.DATETIME:
        return datetime(2026, 2, 3, 4, 5) + timedelta(hours=i, minutes=j)
    if kind is ColumnType.NUMBER_OR_TEXT:  # a number on even rows, text (digits too) on odd ones
        return Decimal(f"{i * 100 + j}.25") if i % 2 == 0 else ("mangler", f"0{i}{j}", "01.03.2026")[i % 3]
    return (i + j) % 2 == 0


def sample_rows(schema: TableSchema, n: int = 6) -> list[dict]:
    return [{c.key: sample_value(c.type, i, j) for j, c in enumerate(schema.columns)} for i in range(n)]


def normalise(value):
    """For comparing written and read values: NA -> None, Decimal compared by value."""
    if value is None:
        return None
    try:
        import pandas as pd

        if value is pd.NA:
            return None
    except ImportError:  # pragma: no cover
        pass
    if isinstance(value, Decimal):
        return value.normalize()
    return value
