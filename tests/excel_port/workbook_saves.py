"""Test helpers for counting workbook saves and reading a table back from the saved file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook


@pytest.fixture
def saves(monkeypatch) -> list[str]:
    """The saves of workbook files, by file name, in order."""
    done: list[str] = []
    real = OpenpyxlWorkbook.save

    def counted(self):
        done.append(self.path.name)
        real(self)

    monkeypatch.setattr(OpenpyxlWorkbook, "save", counted)
    return done


def saved_table(path: Path, table_key: str) -> pd.DataFrame:
    """The table as the file on disk holds it."""
    book = OpenpyxlWorkbook(path)
    try:
        return book.read_table(table_key)
    finally:
        book.close()
