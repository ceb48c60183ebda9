"""The outbox ledger: one row per document and channel, the memory of what was sent where.

A row is written when a document is found ready (``ready``), set to ``sending`` in its own
commit *before* the transfer starts, and to ``sent`` (or ``failed`` with the reason and the
time of the next try) in a commit after it. A row still ``sending`` when the next run starts
belonged to a run that was killed mid-transfer: it becomes ``unknown`` and is never sent again
by itself (``jobs.sending`` explains which side of that race vareflyt chose). ``print`` rows
wait in the print batch for a person with a printer.
"""

import sqlalchemy as sa

from . import metadata

outbox_ledger = sa.Table(
    "outbox_ledger",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_kind", sa.String(12), nullable=False),  # order | edi_order | notice | letter
    sa.Column("doc_key", sa.String(500), nullable=False),  # order number, notice or letter file
    sa.Column("channel", sa.String(8), nullable=False),  # email | sftp | folder | none
    sa.Column("partner", sa.String(35), nullable=False),  # supplier GLN or customer number
    sa.Column("recipient", sa.String(300), nullable=False, server_default=""),  # address, host or folder
    sa.Column("title", sa.String(200), nullable=False, server_default=""),
    sa.Column("files", sa.Text, nullable=False),  # JSON list of paths relative to the workspace
    sa.Column("made_on", sa.Date, nullable=False),
    sa.Column("status", sa.String(8), nullable=False),  # ready | sending | sent | failed | print | unknown
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("reason", sa.Text),  # why it failed (Norwegian, for people)
    sa.Column("next_try", sa.DateTime),
    sa.Column("receipt", sa.String(500)),  # Message-ID or remote path
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("started_at", sa.DateTime),
    sa.Column("sent_at", sa.DateTime),
    sa.UniqueConstraint("doc_kind", "doc_key", "channel", name="uq_outbox_ledger_document_channel"),
    sa.Index("ix_outbox_ledger_status", "status"),
)
