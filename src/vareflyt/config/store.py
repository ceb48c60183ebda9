"""[store]: where the store lives. Empty url = SQLite file .vareflyt/store.db in the workspace."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import checks

DEFAULT_TOML = """
[store]
# Tom url betyr SQLite-filen .vareflyt/store.db i arbeidsmappen.
# En delt PostgreSQL-database: url = "postgresql+psycopg://bruker:passord@server/vareflyt"
url = ""
"""


@dataclass(frozen=True)
class StoreSettings:
    url: str = ""  # SQLAlchemy URL of a shared store; empty: the workspace's own SQLite file


def parse(raw: dict[str, Any]) -> StoreSettings:
    return StoreSettings(url=checks.text("store", raw, "url", ""))
