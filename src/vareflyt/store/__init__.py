"""The embedded store: SQLAlchemy Core schema, Alembic migrations, repositories and the
processing log. The only package that talks SQL."""
