"""A fresh workspace per test (store, config and workbooks), and the fixture folder."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "receivables"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def workspace(tmp_path):
    from vareflyt.workspace import init_workspace

    ws = init_workspace(tmp_path / "ws")
    yield ws
    ws.close()
