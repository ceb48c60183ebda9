"""Issue 22 item 1: a shared store's URL without its driver is one Norwegian message naming
the extra (exit 2, no traceback); ``store check`` says which store, its level and whether it
answers; ``store migrate`` is the one command that upgrades a shared store."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sqlalchemy as sa
from alembic import command

from vareflyt.store.db import Store, _alembic_config

from ..pg import pg_url  # noqa: F401  (fixture)
from .desks import CLI, plain_workspace, vareflyt

URL = "postgresql+psycopg://vare:hemmelig@db.example.invalid/vareflyt"
# psycopg not installed: the import fails as it does after a plain `pip install vareflyt`.
NO_DRIVER = "import sys\nsys.modules['psycopg'] = None\n" + CLI


@pytest.mark.parametrize("args", [("orders", "list"), ("store", "check"), ("batch", "run")])
def test_a_missing_driver_names_the_extra_to_install(tmp_path, args):
    root = plain_workspace(tmp_path / "ws", URL)
    done = subprocess.run(
        [sys.executable, "-c", NO_DRIVER, *args, "--workspace", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    err = " ".join(done.stderr.split())
    assert "trenger databasedriveren «psycopg», som ikke er installert" in err, err
    assert "pip install vareflyt[postgres]" in err, err
    assert "Traceback" not in done.stderr + done.stdout and "ModuleNotFoundError" not in err
    assert "hemmelig" not in done.stderr + done.stdout  # the password is never shown


def test_store_check_and_migrate_on_sqlite(tmp_path):
    root = tmp_path / "ws"
    assert vareflyt("init", root).returncode == 0
    check = vareflyt("store", "check", "--workspace", root, "--json")
    assert check.returncode == 0, check.stderr
    report = json.loads(check.stdout)["store"]
    assert report["kind"].startswith("SQLite") and report["reachable"] and report["current"]
    assert report["url"].endswith("/.vareflyt/store.db") and not report["shared"]


def test_store_check_says_when_the_database_does_not_answer(tmp_path):
    root = plain_workspace(tmp_path / "ws", "postgresql+psycopg://vare:hemmelig@127.0.0.1:1/vareflyt")
    check = vareflyt("store", "check", "--workspace", root)
    assert check.returncode == 2, check.stdout + check.stderr
    out = " ".join(check.stdout.split())
    assert "Type: PostgreSQL (delt lager)" in out and "Tilgjengelig: nei" in out, out
    assert "Migreringsnivå: ukjent" in out and "vare:***@127.0.0.1:1" in out and "hemmelig" not in out


def test_a_shared_store_is_migrated_only_when_asked(tmp_path, pg_url):  # noqa: F811
    root = plain_workspace(tmp_path / "ws", pg_url)
    empty = vareflyt("orders", "list", "--workspace", root)
    err = " ".join(empty.stderr.split())
    assert empty.returncode == 2 and "er tomt" in err and "vareflyt store migrate" in err, err
    migrated = vareflyt("store", "migrate", "--workspace", root)
    assert migrated.returncode == 0, migrated.stderr
    store = Store(pg_url)
    head = store.head_revision()
    assert f"oppgradert fra nivå tomt til {head}" in " ".join(migrated.stdout.split())
    check = vareflyt("store", "check", "--workspace", root)
    assert check.returncode == 0 and f"Migreringsnivå: {head} (oppdatert)" in check.stdout, check.stdout
    assert "Tilgjengelig: ja" in check.stdout and "PostgreSQL (delt lager)" in check.stdout

    cfg = _alembic_config()  # another desk's older vareflyt left it one level back
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "-1")
    older = store.current_revision()
    behind = vareflyt("orders", "list", "--workspace", root)
    assert behind.returncode == 2, behind.stdout + behind.stderr
    err = " ".join(behind.stderr.split())
    assert (
        f"er på migreringsnivå {older}, denne vareflyt trenger {head}" in err
        and "vareflyt store migrate" in err
    )
    assert store.current_revision() == older  # nothing was migrated behind the user's back
    check = vareflyt("store", "check", "--workspace", root, "--json")
    assert check.returncode == 2 and json.loads(check.stdout)["store"]["level"] == older
    again = vareflyt("store", "migrate", "--workspace", root)
    assert again.returncode == 0 and f"oppgradert fra nivå {older} til {head}" in " ".join(
        again.stdout.split()
    )
    assert store.current_revision() == head
    with store.engine.begin() as conn:  # a newer vareflyt on another desk migrated it further
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0999'"))
    newer = vareflyt("orders", "list", "--workspace", root)
    err = " ".join(newer.stderr.split())
    assert newer.returncode == 2 and "er på migreringsnivå 0999, som er nyere enn denne vareflyt" in err, err
    store.dispose()
