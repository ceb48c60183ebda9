"""[store]: where the store lives. Empty url = SQLite file .vareflyt/store.db in the workspace."""

from __future__ import annotations

from . import checks

DEFAULT_TOML = '''
[store]
# Tom url betyr SQLite-filen .vareflyt/store.db i arbeidsmappen.
# En delt PostgreSQL-database: url = "postgresql+psycopg://bruker:passord@server/vareflyt"
url = ""
'''


def parse(raw: dict) -> str:
    return checks.text("store", raw, "url", "")
