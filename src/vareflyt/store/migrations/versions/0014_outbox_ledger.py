"""outbox ledger: ``outbox_ledger``, one row per document and channel (``vareflyt send``), so a
document goes laget -> sendt or feilet per channel and is never sent twice.

Nothing is filled in: documents made before sending was switched on are only sent when they
are younger than ``[sending] max_age_days``.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_ledger",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_kind", sa.String(12), nullable=False),
        sa.Column("doc_key", sa.String(500), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("partner", sa.String(35), nullable=False),
        sa.Column("recipient", sa.String(300), nullable=False, server_default=""),
        sa.Column("title", sa.String(200), nullable=False, server_default=""),
        sa.Column("files", sa.Text, nullable=False),
        sa.Column("made_on", sa.Date, nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("reason", sa.Text),
        sa.Column("next_try", sa.DateTime),
        sa.Column("receipt", sa.String(500)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("started_at", sa.DateTime),
        sa.Column("sent_at", sa.DateTime),
        sa.UniqueConstraint("doc_kind", "doc_key", "channel", name="uq_outbox_ledger_document_channel"),
    )
    op.create_index("ix_outbox_ledger_status", "outbox_ledger", ["status"])


def downgrade() -> None:
    op.drop_index("ix_outbox_ledger_status", table_name="outbox_ledger")
    op.drop_table("outbox_ledger")
