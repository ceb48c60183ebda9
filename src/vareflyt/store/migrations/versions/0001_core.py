"""Core tables: archived files, processing log, number sequences.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "archived_files",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("original_name", sa.String(500), nullable=False),
        sa.Column("archived_path", sa.String(1000), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("first_seen", sa.DateTime, nullable=False),
    )
    op.create_table(
        "processing_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("job", sa.String(50), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False, server_default="in"),
        sa.Column("file_name", sa.String(500)),
        sa.Column("file_hash", sa.String(64)),
        sa.Column("params_key", sa.String(500), nullable=False, server_default=""),
        sa.Column("partner", sa.String(35)),
        sa.Column("doc_type", sa.String(20)),
        sa.Column("doc_number", sa.String(70)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("counts", sa.Text),
        sa.Column("message", sa.Text),
    )
    op.create_index("ix_processing_log_hash", "processing_log", ["job", "file_hash", "params_key"])
    op.create_table(
        "sequences",
        sa.Column("name", sa.String(50), primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sequences")
    op.drop_index("ix_processing_log_hash", "processing_log")
    op.drop_table("processing_log")
    op.drop_table("archived_files")
