"""Exact decimals on PostgreSQL: ``NUMERIC`` without a fixed scale, as on SQLite.

Money and quantity columns (``store.types.DecimalType``) were ``NUMERIC(20, 6)`` on PostgreSQL,
which pads every value to six decimals (``3964.00`` came back as ``3964.000000``) where the
SQLite file gives back exactly what was written. Unconstrained ``NUMERIC`` keeps the value as
written; existing values lose only the padding (``trim_scale``). Nothing changes on SQLite.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_COLUMNS = (
    "SELECT table_name, column_name FROM information_schema.columns "
    "WHERE table_schema = current_schema() AND data_type = 'numeric' AND {which}"
)


def _columns(which: str) -> list[tuple[str, str]]:
    return [tuple(r) for r in op.get_bind().execute(sa.text(_COLUMNS.format(which=which)))]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in _columns("numeric_precision = 20 AND numeric_scale = 6"):
        op.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE numeric USING trim_scale("{column}")')


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in _columns("numeric_precision IS NULL"):
        op.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE numeric(20, 6)')
