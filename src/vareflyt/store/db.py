"""Opening the store: engine for a URL (SQLite file by default), migrations to head.

SQLite gets WAL and foreign keys; any other URL (e.g. ``postgresql+psycopg://…``) is used as
given. The workspace's own SQLite file is migrated on every open (a no-op when current). A
shared store (any other URL) is migrated only when asked: ``open_store(url, migrate=True)``
(``vareflyt init`` and ``vareflyt store migrate``); otherwise a store behind or ahead of this
vareflyt stops with a message naming ``vareflyt store migrate``. A URL whose driver is not
installed is one Norwegian message naming the extra to install (exit code 2).

SQLAlchemy is imported when a store is opened, not with this module: ``HEAD_REVISION`` and
``sqlite_url`` serve ``store.sqlite_lookup``, which reads a current SQLite store without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.issues import UsageError, VareflytError

if TYPE_CHECKING:
    import sqlalchemy as sa
    from alembic.config import Config as AlembicConfig

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration's revision id. Opening a store that is already at this level reads
# ``alembic_version`` with one query and never imports alembic (about 130 ms of start-up);
# tests/startup/test_imports.py checks it against alembic's own head, so a new migration
# that forgets to move it fails there.
HEAD_REVISION = "0016"
# The pip extra that brings the driver of a URL's backend (pyproject.toml).
DRIVER_EXTRAS = {"postgresql": "postgres"}
EXAMPLE_URL = "postgresql+psycopg://bruker:passord@server/vareflyt"


def _alembic_config() -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def shown_url(url: str) -> str:
    """The URL as people may see it: ``postgresql+psycopg://vare:***@db/vareflyt``."""
    import sqlalchemy as sa

    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def _engine(url: str) -> sa.Engine:
    """The engine for ``url``; UsageError (exit 2) when the URL is unreadable or its driver missing."""
    import sqlalchemy as sa

    try:
        return sa.create_engine(url, future=True)
    except (
        ImportError
    ) as exc:  # the URL's third-party driver (psycopg: vareflyt[postgres]) is an optional extra
        raise UsageError(_missing_driver(url, exc.name or "ukjent")) from None
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError):
        raise UsageError(
            f"[store] url i vareflyt.toml er ikke en lageradresse vareflyt kan bruke: {shown_url(url)}. "
            f"Bruk for eksempel {EXAMPLE_URL}, eller la den stå tom for SQLite-filen i arbeidsmappen."
        ) from None


def _missing_driver(url: str, module: str) -> str:
    import sqlalchemy as sa

    parsed = sa.engine.make_url(url)
    extra = DRIVER_EXTRAS.get(parsed.get_backend_name())
    said = (
        f"Lageret i [store] url ({shown_url(url)}) trenger "
        f"databasedriveren «{module}», som ikke er installert."
    )
    if extra is None:
        return f"{said} Installer databasedriveren for denne adressen."
    if parsed.get_driver_name() != "psycopg":
        return (
            f"{said} vareflyt bruker driveren psycopg: skriv adressen som {EXAMPLE_URL} og installer den med "
            f"`pip install vareflyt[{extra}]`."
        )
    return (
        f"{said} Installer den med `pip install vareflyt[{extra}]` "
        f"(fra kildekoden: `pip install -e .[{extra}]`)."
    )


class Store:
    """The workspace's store. ``transaction()`` is one all-or-nothing unit of work."""

    def __init__(self, url: str):
        import sqlalchemy as sa

        self.url = url
        self.engine = _engine(url)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)

    @property
    def shared(self) -> bool:
        """True for a database server several workspaces may use (anything but SQLite)."""
        return self.engine.dialect.name != "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        with self.engine.begin() as conn:
            yield conn

    def connect(self) -> sa.Connection:
        return self.engine.connect()

    def current_revision(self) -> str | None:
        """The store's migration level as alembic keeps it (None: no tables yet)."""
        import sqlalchemy as sa

        with self.engine.connect() as conn:
            if not sa.inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()

    def head_revision(self) -> str | None:
        return HEAD_REVISION

    def known_revision(self, revision: str | None) -> bool:
        """True when this vareflyt knows ``revision`` (False: the store is newer than the program)."""
        from alembic.script import ScriptDirectory
        from alembic.util import CommandError

        if revision is None:
            return True
        try:
            return ScriptDirectory.from_config(_alembic_config()).get_revision(revision) is not None
        except CommandError:  # a level this vareflyt has never heard of
            return False

    def migrate(self) -> None:
        if self.current_revision() == self.head_revision():
            return
        from alembic import command

        cfg = _alembic_config()
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def require_current(self) -> None:
        """UsageError naming ``vareflyt store migrate`` unless the store is at this vareflyt's level."""
        current, head = self.current_revision(), self.head_revision()
        if current == head:
            return
        where = f"Lageret {shown_url(self.url)}"
        if current is None:
            raise UsageError(
                f"{where} er tomt (ingen tabeller ennå). Opprett tabellene med `vareflyt store migrate`."
            )
        if not self.known_revision(current):
            raise UsageError(
                f"{where} er på migreringsnivå {current}, som er nyere enn denne vareflyt (nivå {head}). "
                f"Oppdater vareflyt på denne maskinen."
            )
        raise UsageError(
            f"{where} er på migreringsnivå {current}, denne vareflyt trenger {head}. "
            f"Oppgrader det med `vareflyt store migrate` (alle som bruker lageret må ha samme "
            f"vareflyt-versjon)."
        )

    def dispose(self) -> None:
        self.engine.dispose()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve().as_posix()}"


def open_store(url: str, *, migrate: bool = True) -> Store:
    """The store at ``url``: migrated to head when ``migrate``, else required to be at head."""
    import sqlalchemy as sa

    store = Store(url)
    try:
        if migrate:
            store.migrate()
        else:
            store.require_current()
    except sa.exc.OperationalError as exc:
        store.dispose()
        raise VareflytError(
            f"Kan ikke åpne lageret ({shown_url(url)}): {exc.orig}. Sjekk [store] url i vareflyt.toml "
            f"og at filen/databasen finnes og er skrivbar."
        ) from exc
    except UsageError:
        store.dispose()
        raise
    return store
