"""One document through the outbox ledger: claimed before the transfer, confirmed after it.

``send_one`` claims a due row (``sending``, committed) *before* handing it to its channel, then
sets it ``sent`` (or ``print`` for the print batch) with the log row, or ``failed`` through
``record_failure`` (the reason and the next try: ``retry_minutes`` doubled per attempt; after
``max_attempts`` the reason says how to send it again). One document's failure, expected or
not, never stops the others.

``finish_interrupted`` settles the rows a killed run left ``sending``: a channel that can look
(folder, SFTP, the print batch) says whether the file is there (``sent``) or certainly not (the
row goes again); otherwise the row becomes ``unknown`` with ``INTERRUPTED`` for a person.

Its own module because this is the ledger protocol that keeps "sendt" true; ``run`` decides
what is due and reports on the run.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ...domain.issues import JobResult
from ...store import log
from ...store import outbox_ledger as ledger
from .channels import CHANNEL_WORDS, SendFailed

if TYPE_CHECKING:
    from ...config.sending import SendingSettings
    from ...workspace import Workspace

JOB = "send"
INTERRUPTED = (
    "Sendingen ble avbrutt etter at den startet, og vareflyt vet ikke om mottakeren fikk den. Sjekk med "
    "mottakeren; kom den ikke fram, send den på nytt med «vareflyt send --again {id}»."
)


def send_one(
    ws: Workspace, row, channels, now: datetime, settings: SendingSettings, result: JobResult
) -> None:
    with ws.store.transaction() as conn:  # record before send
        if not ledger.claim(conn, row.id, now):
            return
    channel = channels[row.channel]
    try:
        receipt = channel.deliver(replace(row, attempts=row.attempts + 1))
    except SendFailed as exc:
        record_failure(ws, row, str(exc), now, settings)
        return
    except Exception as exc:  # noqa: BLE001 - one document's failure never stops the others
        record_failure(ws, row, f"Uventet feil i vareflyt ({type(exc).__name__}: {exc}).", now, settings)
        return
    status = ledger.PRINT if row.channel == "none" else ledger.SENT
    with ws.store.transaction() as conn:  # confirm after
        ledger.finish(conn, row.id, status, now, receipt=receipt[:500])
        log.record(
            conn,
            job=JOB,
            status="ok",
            direction="out",
            file_name=row.files[0] if row.files else None,
            partner=row.partner,
            doc_type=row.doc_kind,
            doc_number=row.doc_key[-70:],
            at=now,
            message=f"{row.title}: {CHANNEL_WORDS[row.channel]} {row.recipient}".strip(),
        )


def record_failure(ws: Workspace, row, reason: str, now: datetime, settings: SendingSettings) -> None:
    attempts = row.attempts + 1
    wait = timedelta(minutes=settings.retry_minutes * 2 ** (attempts - 1))
    if attempts >= settings.max_attempts:
        reason += (
            f" Gitt opp etter {attempts} forsøk; rett feilen og send med «vareflyt send --again {row.id}»."
        )
    with ws.store.transaction() as conn:
        ledger.finish(conn, row.id, ledger.FAILED, now, reason=reason, next_try=now + wait)


def finish_interrupted(ws: Workspace, channels, now: datetime, result: JobResult) -> None:
    with ws.store.transaction() as conn:
        left = ledger.interrupted(conn, INTERRUPTED.format(id="?"))
    for row in left:
        try:
            there = channels[row.channel].check(row)
        except Exception:  # noqa: BLE001 - cannot tell: a person decides
            there = None
        with ws.store.transaction() as conn:
            if there is True:
                ledger.finish(
                    conn,
                    row.id,
                    ledger.PRINT if row.channel == "none" else ledger.SENT,
                    now,
                    receipt="funnet hos mottakeren etter avbrutt kjøring",
                )
            elif there is False:
                ledger.release(conn, row.id)
            else:
                ledger.finish(conn, row.id, ledger.UNKNOWN, now, reason=INTERRUPTED.format(id=row.id))
