"""Shared fixtures: a fresh workspace in a temporary folder."""

from __future__ import annotations

import pytest

from vareflyt.workspace import init_workspace


@pytest.fixture
def workspace(tmp_path):
    ws = init_workspace(tmp_path / "ws")
    yield ws
    ws.close()
