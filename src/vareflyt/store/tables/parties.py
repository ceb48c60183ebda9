"""Parties tables: one row per party (a location with at most one GLN) and its change history.

``parties.party_no`` and ``parties.gln`` are unique where given (NULLs allowed); organisation
numbers repeat (one company, several locations). Parties are never deleted: ``active`` False
marks a deactivated one. ``party_changes`` keeps every change an import made (new, changed
field, deactivated, reactivated) with the content hash of the archived file that made it.
Schema changes need a migration in ``store/migrations/versions/0002_parties.py`` (or later).
"""

import sqlalchemy as sa

from . import metadata

parties = sa.Table(
    "parties",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("party_no", sa.String(35), unique=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("name_key", sa.String(200), nullable=False),  # name without case/spacing/punctuation
    sa.Column("gln", sa.String(13), unique=True),
    sa.Column("orgnr", sa.String(9)),
    sa.Column("vat_no", sa.String(20)),
    sa.Column("roles", sa.String(40), nullable=False, server_default=""),  # "BY, SU"
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
    sa.Column("source_hash", sa.String(64)),  # file that last changed it
    sa.Index("ix_parties_orgnr", "orgnr"),
)

party_changes = sa.Table(
    "party_changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("party_id", sa.Integer, sa.ForeignKey("parties.id"), nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("event", sa.String(12), nullable=False),  # new | changed | deactivated | reactivated
    sa.Column("field", sa.String(30), nullable=False, server_default=""),
    sa.Column("old", sa.Text),
    sa.Column("new", sa.Text),
    sa.Column("file_hash", sa.String(64)),
    sa.Column("file_row", sa.Integer),
    sa.Index("ix_party_changes_party", "party_id"),
)
