"""Alembic migrations for the store, run programmatically on open (see ``store.db``)."""
