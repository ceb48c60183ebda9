"""``vareflyt send [--preview]``: the one job that sends, for the command, the ribbon and the batch.

1. A row a killed run left ``sending`` is asked about: a folder or SFTP channel looks whether the
   file is there (then it is ``sent``) or certainly not (then it goes again); e-mail cannot be
   asked, so the row becomes ``unknown`` and waits for a person (``vareflyt send --again N``).
2. Documents made since ``[sending] max_age_days`` that the ledger does not have are routed
   (``channels.route``) and recorded ``ready``.
3. Each due row (``ready``, or ``failed`` whose backoff has run out) is claimed — set to
   ``sending`` and committed — *before* the transfer, then set to ``sent`` (with the log row) or
   ``failed`` (with the reason and the next try: ``retry_minutes`` doubled per attempt) *after*.

Record before, confirm after: a kill between the transfer and the confirming commit leaves a
row that says "maybe sent", never one that says "not sent". So vareflyt may fail to send a
document once (a person is told), but never sends a customer the same letter twice.
``preview`` records nothing and lists what would go where.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ...config import ConfigError
from ...config.sending import PartnerChannel, partner_channel
from ...domain.issues import JobResult, error, info, warning
from ...domain.wording import plural
from ...store import outbox_ledger as ledger
from ...store import sendable
from ...store.outbox_ledger import NewLedgerRow
from .channels import CHANNEL_WORDS, Channel, FolderChannel, PrintChannel, route, title
from .transfer import finish_interrupted, send_one

if TYPE_CHECKING:
    from ...config.sending import SendingSettings
    from ...workspace import Workspace


def send_documents(
    ws: Workspace,
    *,
    on: date | None = None,
    now: datetime | None = None,
    preview: bool = False,
    lock: bool = True,
    wait: float = 0,
    channels: dict[str, Channel] | None = None,
) -> JobResult:
    """Send what is due (see the module docstring). ``lock=False`` only for a caller that holds
    the run lock (the nightly batch); ``channels`` replaces the real channels (tests)."""
    now = now or datetime.now()
    on = on or now.date()
    if not lock or preview:
        return _run(ws, on, now, preview, channels)
    from ..nightly.lock import RunBusy, run_lock  # here: the nightly package imports this one

    with run_lock(ws, wait, job="sending", busy=RunBusy):
        return _run(ws, on, now, preview, channels)


def _run(ws: Workspace, on: date, now: datetime, preview: bool, channels) -> JobResult:
    settings = ws.config.sending
    result = JobResult()
    if not settings.enabled and not preview:
        result.summary = (
            "Sending er slått av: skriv enabled = true under [sending] i vareflyt.toml. "
            "«vareflyt send --preview» viser hva som ville blitt sendt."
        )
        result.counts = {"sent": 0}
        result.extra.update(sending=[], preview=False, enabled=False)
        return result
    channels = channels if channels is not None else _channels(ws, settings, on)
    if not preview:
        finish_interrupted(ws, channels, now, result)
    new, stays = _discover(ws, on, settings, result)
    if preview:
        return _preview(ws, new, stays, now, settings, result)
    with ws.store.transaction() as conn:
        ledger.add(conn, new, now)
        due = ledger.due(conn, now, settings.max_attempts)
    for row in due:
        send_one(ws, row, channels, now, settings, result)
    _summarise(ws, result, stays, now)
    return result


def _channels(ws: Workspace, settings: SendingSettings, on: date) -> dict[str, Channel]:
    from .mail import EmailChannel
    from .sftp import SftpChannel

    company = ws.config.company
    # The documents sit under files_root ([workspace] shared_folder when set, else the workspace),
    # and the ledger keeps their paths relative to it; settings and templates stay in ws.root.
    return {
        "email": EmailChannel(ws.root, settings, company, files_root=ws.files_root),
        "sftp": SftpChannel(ws, settings),
        "folder": FolderChannel(ws.root, files_root=ws.files_root),
        "none": PrintChannel(ws.files_root, on),
    }


def partner_channels(ws: Workspace) -> dict[str, PartnerChannel | ConfigError]:
    out: dict[str, PartnerChannel | ConfigError] = {}
    for gln, partner in ws.config.partners.items():
        try:
            out[gln] = partner_channel(gln, partner.raw)
        except ConfigError as exc:
            out[gln] = exc
    return out


def _sheet_emails(ws: Workspace) -> dict[str, str]:
    """Customer no. -> e-mail typed in the Kunder sheet (it wins over the receivables export)."""
    if not ws.receivables_workbook.exists():
        return {}
    from ...excel.openpyxl_adapter import OpenpyxlWorkbook
    from ..dunning_marks import read_marks

    book = OpenpyxlWorkbook(ws.receivables_workbook, "receivables")
    try:
        return {n: v["email"] for n, v in read_marks(book, ws).customers.items() if v.get("email")}
    finally:
        book.close()


def _discover(
    ws: Workspace, on: date, settings: SendingSettings, result: JobResult
) -> tuple[list[NewLedgerRow], list[str]]:
    from ..suppliers import Suppliers

    since = on - timedelta(days=settings.max_age_days)
    with ws.store.connect() as conn:
        docs = sendable.all_since(conn, since)
        known = ledger.known(conn)
    if not docs:
        return [], []
    names, partners = Suppliers(ws), partner_channels(ws)
    emails = _sheet_emails(ws) if any(d.kind == "letter" for d in docs) else {}
    new: list[NewLedgerRow] = []
    stays: list[str] = []
    broken: set[str] = set()
    recorded = {(k.doc_kind, k.doc_key) for k in known}  # on any channel: never a second time
    for doc in docs:
        if doc.kind == "letter" and emails.get(doc.partner):
            doc = replace(doc, email=emails[doc.partner].strip())
        setting = partners.get(doc.partner) if doc.kind != "letter" else None
        if isinstance(setting, ConfigError):
            if doc.partner not in broken:
                broken.add(doc.partner)
                result.add(
                    error(
                        "send.partner_setting",
                        f"{names.label(doc.partner)}: {setting} Dokumentene til "
                        f"denne leverandøren sendes ikke før innstillingen er rettet.",
                    )
                )
            continue
        way = route(doc, setting)
        what = title(doc, names.label(doc.partner) if doc.kind != "letter" else "")
        if way is None:
            stays.append(what)
            continue
        if (doc.kind, doc.key) in recorded:
            continue
        new.append(
            NewLedgerRow(
                doc_kind=doc.kind,
                doc_key=doc.key,
                channel=way.channel,
                partner=doc.partner,
                recipient=way.recipient,
                title=what,
                files=doc.files,
                made_on=doc.made_on,
            )
        )
    return new, stays


def _preview(
    ws: Workspace,
    new: list[NewLedgerRow],
    stays: list[str],
    now: datetime,
    settings: SendingSettings,
    result: JobResult,
) -> JobResult:
    with ws.store.connect() as conn:
        due = ledger.due(conn, now, settings.max_attempts)
    plan: list[dict[str, Any]] = [
        {
            "title": r.title,
            "channel": r.channel,
            "recipient": r.recipient,
            "files": list(r.files),
            "status": "ready",
        }
        for r in new
    ]
    plan += [
        {
            "title": r.title,
            "channel": r.channel,
            "recipient": r.recipient,
            "files": list(r.files),
            "status": r.status,
            "id": r.id,
        }
        for r in due
    ]
    for p in plan:
        where = CHANNEL_WORDS[p["channel"]] + (f" til {p['recipient']}" if p["recipient"] else "")
        result.add(info("send.preview", f"{p['title']}: {where}"))
    for what in stays:
        result.add(
            info(
                "send.outbox", f"{what}: ingen SFTP eller delt mappe satt opp; filen blir liggende i outbox/."
            )
        )
    result.counts = {"documents": len(plan), "in_outbox": len(stays)}
    result.extra.update(sending=plan, preview=True, enabled=settings.enabled)
    result.summary = f"Forhåndsvisning: {plural(len(plan), 'dokument', 'dokumenter')} ville blitt sendt" + (
        "." if settings.enabled else " (sending er slått av under [sending])."
    )
    return result


def _summarise(ws: Workspace, result: JobResult, stays: list[str], now: datetime) -> None:
    """Counts of this run (sent now, put in the print batch now) and of what still needs a person
    (failed, uncertain); ``sending`` lists every row of the ledger."""
    with ws.store.connect() as conn:
        rows = ledger.rows(conn)
    counts = {s: 0 for s in (ledger.SENT, ledger.FAILED, ledger.PRINT, ledger.UNKNOWN)}
    for r in rows:
        if r.status in (ledger.FAILED, ledger.UNKNOWN) or r.sent_at == now:
            counts[r.status] += 1
        if r.status == ledger.FAILED:
            result.add(error("send.failed", f"{r.title} ({CHANNEL_WORDS[r.channel]}) feilet: {r.reason}"))
        elif r.status == ledger.UNKNOWN:
            result.add(warning("send.unknown", f"{r.title}: {r.reason}"))
    result.counts = {
        "sent": counts[ledger.SENT],
        "failed": counts[ledger.FAILED],
        "print": counts[ledger.PRINT],
        "unknown": counts[ledger.UNKNOWN],
        "in_outbox": len(stays),
    }
    result.extra.update(preview=False, enabled=True, sending=[_row_dict(r) for r in rows])
    result.summary = (
        f"Sending: {counts[ledger.SENT]} sendt nå, {counts[ledger.FAILED]} feilet, "
        f"{counts[ledger.PRINT]} lagt til utskrift, {counts[ledger.UNKNOWN]} usikre."
    )


def _row_dict(r) -> dict:
    return {
        "id": r.id,
        "title": r.title,
        "kind": r.doc_kind,
        "channel": r.channel,
        "recipient": r.recipient,
        "partner": r.partner,
        "status": r.status,
        "status_nb": r.status_word,
        "attempts": r.attempts,
        "reason": r.reason,
        "files": list(r.files),
        "sent_at": r.sent_at.isoformat() if r.sent_at else None,
        "next_try": r.next_try.isoformat() if r.next_try else None,
    }
