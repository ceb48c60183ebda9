"""Core tables every job uses: the processing log, archived input files, number sequences."""

import sqlalchemy as sa

from . import metadata

archived_files = sa.Table(
    "archived_files",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("original_name", sa.String(500), nullable=False),
    sa.Column("archived_path", sa.String(1000), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("first_seen", sa.DateTime, nullable=False),
)

processing_log = sa.Table(
    "processing_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("job", sa.String(50), nullable=False),  # e.g. "prices.import"
    sa.Column("direction", sa.String(3), nullable=False, server_default="in"),  # in | out
    sa.Column("file_name", sa.String(500)),
    sa.Column("file_hash", sa.String(64)),
    sa.Column("params_key", sa.String(500), nullable=False, server_default=""),
    sa.Column("partner", sa.String(35)),
    sa.Column("doc_type", sa.String(20)),
    sa.Column("doc_number", sa.String(70)),
    sa.Column("status", sa.String(20), nullable=False),  # ok | rejected | skipped | failed
    sa.Column("counts", sa.Text),  # JSON object
    sa.Column("message", sa.Text),
    sa.Index("ix_processing_log_hash", "job", "file_hash", "params_key"),
)

sequences = sa.Table(
    "sequences",
    metadata,
    sa.Column("name", sa.String(50), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)
