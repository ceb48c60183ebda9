"""parties tables: parties (one row per location, never deleted) and party_changes (history).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "parties",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("party_no", sa.String(35)),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False),
        sa.Column("gln", sa.String(13)),
        sa.Column("orgnr", sa.String(9)),
        sa.Column("vat_no", sa.String(20)),
        sa.Column("roles", sa.String(40), nullable=False, server_default=""),
        sa.Column("address", sa.String(200)),
        sa.Column("postcode", sa.String(12)),
        sa.Column("city", sa.String(100)),
        sa.Column("country", sa.String(40)),
        sa.Column("email", sa.String(300)),
        sa.Column("phone", sa.String(60)),
        sa.Column("bank_account", sa.String(11)),
        sa.Column("iban", sa.String(34)),
        sa.Column("edi", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("changed_at", sa.DateTime, nullable=False),
        sa.Column("source_hash", sa.String(64)),
        sa.PrimaryKeyConstraint("id", name="pk_parties"),
        sa.UniqueConstraint("party_no", name="uq_parties_party_no"),
        sa.UniqueConstraint("gln", name="uq_parties_gln"),
    )
    op.create_index("ix_parties_orgnr", "parties", ["orgnr"])
    op.create_table(
        "party_changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("party_id", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("event", sa.String(12), nullable=False),
        sa.Column("field", sa.String(30), nullable=False, server_default=""),
        sa.Column("old", sa.Text),
        sa.Column("new", sa.Text),
        sa.Column("file_hash", sa.String(64)),
        sa.Column("file_row", sa.Integer),
        sa.PrimaryKeyConstraint("id", name="pk_party_changes"),
        sa.ForeignKeyConstraint(["party_id"], ["parties.id"], name="fk_party_changes_party_id_parties"),
    )
    op.create_index("ix_party_changes_party", "party_changes", ["party_id"])


def downgrade() -> None:
    op.drop_index("ix_party_changes_party", "party_changes")
    op.drop_table("party_changes")
    op.drop_index("ix_parties_orgnr", "parties")
    op.drop_table("parties")
