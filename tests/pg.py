"""PostgreSQL for tests, on the server .ci/postgres.sh starts (VAREFLYT_TEST_PG_URL).

``pg_url``: a fresh, empty database per test. With ``VAREFLYT_TEST_STORE=postgres`` (the second
pass in ``.ci/run``) every workspace a test opens in this process without its own ``[store] url``
gets a fresh database of its own instead of ``.vareflyt/store.db``: a copy of a template
database migrated once per test process (``CREATE DATABASE … TEMPLATE``, a few tens of
milliseconds), dropped after the test. Tests that run vareflyt in a subprocess still use SQLite
there; tests that are about the SQLite file itself are marked ``sqlite_only``.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

PG_URL = os.environ.get("VAREFLYT_TEST_PG_URL")
STORE_ENV = "VAREFLYT_TEST_STORE"


def store_is_postgres() -> bool:
    return os.environ.get(STORE_ENV, "") == "postgres"


def _admin() -> sa.Engine:
    return sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)


def _url(name: str) -> str:
    return sa.engine.make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def create_database(template: str | None = None) -> str:
    """A new database (a copy of ``template`` when given); its name."""
    name = "vf_" + uuid.uuid4().hex[:12]
    copy = f' TEMPLATE "{template}"' if template else ""
    with _admin().connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"{copy}'))
    return name


def drop_database(name: str) -> None:
    with _admin().connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def pg_url():
    if not PG_URL:
        pytest.skip("ingen PostgreSQL-server her: .ci/run starter en og setter VAREFLYT_TEST_PG_URL")
    name = create_database()
    yield _url(name)
    drop_database(name)


@pytest.fixture(scope="session")
def pg_template():
    """A database at the store's current level, copied for each workspace in PostgreSQL mode."""
    from vareflyt.store.db import open_store

    name = create_database()
    open_store(_url(name)).dispose()
    yield name
    drop_database(name)


class DatabasePerWorkspace:
    """``default_store_url`` for PostgreSQL mode: one fresh database per workspace folder, for
    the whole test process (a module-scoped workspace keeps its database across its tests)."""

    def __init__(self, template: str):
        self.template = template
        self.databases: dict[Path, str] = {}

    def __call__(self, ws) -> str:
        if ws.root not in self.databases:
            self.databases[ws.root] = create_database(self.template)
        return _url(self.databases[ws.root])

    def drop_inside(self, folder: Path) -> None:
        """Drop the databases of workspaces inside ``folder`` (a finished test's tmp_path)."""
        folder = folder.resolve()
        for root in [r for r in self.databases if r.is_relative_to(folder)]:
            drop_database(self.databases.pop(root))

    def drop_all(self) -> None:
        for name in self.databases.values():
            drop_database(name)
        self.databases.clear()
