"""A fresh PostgreSQL database per test, on the server .ci/postgres.sh starts (VAREFLYT_TEST_PG_URL)."""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa

PG_URL = os.environ.get("VAREFLYT_TEST_PG_URL")


@pytest.fixture
def pg_url():
    if not PG_URL:
        pytest.skip("ingen PostgreSQL-server her: .ci/run starter en og setter VAREFLYT_TEST_PG_URL")
    name = "vf_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()
