"""The run lock belongs to one database: PostgreSQL's advisory locks are per database, but
``pg_locks`` lists every database's on the server, so another shop (or test) on the same server
must neither be named as the holder nor keep this store's runs waiting."""

from __future__ import annotations

import sqlalchemy as sa

from vareflyt.store.run_lock import RunHolder, current_holder, hold

from ..pg import _url, create_database, drop_database, pg_url  # noqa: F401  (fixture)

OTHER = RunHolder(job="batch", pid="4242", started="2026-02-27 02:30", user="annen", host="server")
OURS = RunHolder(job="orders", pid="7", started="2026-03-16 08:00", user="kontor", host="pc1")


def test_a_lock_in_another_database_on_the_server_is_not_ours(pg_url):  # noqa: F811
    other_name = create_database()
    ours, other = sa.create_engine(pg_url), sa.create_engine(_url(other_name))
    try:
        with hold(other, OTHER) as got_other:
            assert got_other
            assert current_holder(ours) is None  # not named as our holder
            with hold(ours, OURS) as got_ours:  # and not in our way
                assert got_ours
                assert current_holder(ours) == OURS
                assert current_holder(other) == OTHER
    finally:
        ours.dispose()
        other.dispose()
        drop_database(other_name)
