"""The nightly batch's ``send`` step: the same job as ``vareflyt send``, after dunning.

It fetches the partners' inbound SFTP files into ``inbox/`` (read by the next run), sends what
is due, and tells the morning report what went out (``sending.sent`` under *Gikk ut*), what
failed or may have been sent (``sending.failed``, ``sending.uncertain``) and what waits for
printing (``sending.print``) — both under *Trenger en person*. Sending switched off is a note.
"""

from __future__ import annotations

from .channels import CHANNEL_WORDS
from .run import send_documents
from .sftp import fetch_partner_files

KIND_SENT, KIND_FAILED, KIND_UNKNOWN, KIND_PRINT = (
    "sending.sent",
    "sending.failed",
    "sending.uncertain",
    "sending.print",
)


def step_send(ctx) -> None:
    settings = ctx.ws.config.sending
    if not settings.enabled:
        ctx.note(
            "Sending er slått av ([sending] enabled = false); ordrer og brev ligger klare til sending.",
            "send",
        )
        return
    fetched = fetch_partner_files(ctx.ws)
    for issue in fetched.issues:
        ctx.need("sending.fetch_failed", issue.message, step="send")
    if fetched.counts.get("files"):
        ctx.note(
            f"{fetched.counts['files']} filer hentet fra partnernes SFTP "
            "til inbox/ (leses ved neste kjøring).",
            "send",
        )
    result = send_documents(ctx.ws, on=ctx.on, now=ctx.now, lock=False)  # the batch holds the lock
    now = ctx.now.isoformat()
    for row in result.extra["sending"]:
        link = ctx.ws.shared_file(row["files"][0]) if row["files"] else None
        if row["status"] == "sent" and row["sent_at"] == now:
            ctx.sent(
                KIND_SENT,
                f"{row['title']}: {CHANNEL_WORDS[row['channel']]} til {row['recipient']}",
                link=link,
                partner=row["partner"],
            )
        elif row["status"] == "print" and row["sent_at"] == now:
            ctx.need(
                KIND_PRINT,
                f"{row['title']} venter på utskrift i letters/print/{ctx.on.isoformat()}/ "
                f"(ingen e-postadresse).",
                partner=row["partner"],
                step="send",
                link=link,
            )
        elif row["status"] == "failed":
            ctx.need(
                KIND_FAILED,
                f"{row['title']} ble ikke sendt: {row['reason']}",
                partner=row["partner"],
                step="send",
                link=link,
            )
        elif row["status"] == "unknown":
            ctx.need(
                KIND_UNKNOWN,
                f"{row['title']}: {row['reason']}",
                partner=row["partner"],
                step="send",
                link=link,
            )
    for issue in result.issues:
        if issue.code == "send.partner_setting":
            ctx.need("sending.partner_setting", issue.message, step="send")


__all__ = ["step_send"]
