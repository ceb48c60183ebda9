"""Sending: orders, deviation notices and dunning letters leave the building, and "sendt" means sent.

``send_documents`` (``run``) is the one job the command ``vareflyt send``, the ribbon's "Send"
button and the nightly batch's ``send`` step call. Documents are routed per partner
(``channels.route``) to a channel: e-mail over SMTP (``mail``), SFTP (``sftp``), a shared folder or the
print batch (``channels``). The outbox ledger (``store.outbox_ledger``) records each document
per channel before the transfer and confirms it after (``transfer``), so a document goes
*laget -> sendt* or *feilet* (with the reason, retried with a backoff) and is never sent twice.
"""

from .run import send_documents

__all__ = ["send_documents"]
