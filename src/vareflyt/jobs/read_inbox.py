"""``vareflyt edi read``: every file in ``inbox/``, dispatched per message type to a handler.

``HANDLERS`` maps an EDIFACT message type to ``handler(ctx, conn, message, interchange) ->
Accepted`` (types in ``inbox_documents``; ORDRSP and DESADV in ``purchasing_documents``, INVOIC
in ``read_invoices``); ``FILE_HANDLERS`` maps a file kind to a whole-file handler (``"xml"``: EHF
invoices). Both are literal tables at the end of this file: a new message type is one import
and one entry there. Per file: archive first (content hash), read, then
each message is one document, handled in its own transaction and accepted whole or rejected
whole (a handler raises ``Rejected``). A file whose documents were all accepted leaves the
inbox (it is in ``archive/``); a file with a rejected document goes to ``quarantine/`` with a
reason file. Every document is logged (time, partner, type, number, status). A replayed file
changes nothing: each document is remembered by file hash and message number. One poison
document never stops the others: a handler that fails on its input in another way (a number
``decimal`` cannot hold, XML nested too deep) rejects that document whole with the reason
(``poison.failure``); a file whose reading fails otherwise (a fault in vareflyt) is reported and
stays in ``inbox/`` for the next run; the next document and file go on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.issues import Issue, JobResult, Source, VareflytError, error, info, warning
from ..domain.wording import plural, whole_number
from ..store import log
from .acknowledge import PartnerSettingError, acknowledge, guide_settings
from .archive import archive_input, quarantine
from .inbox_documents import JOB, Handler, InboxFile, Rejected, log_rejected, partly_read
from .poison import INPUT_ERRORS, LOG, failure
from .progress import NULL_PROGRESS
from .purchasing_documents import handle_desadv, handle_ordrsp
from .read_invoices import handle_ehf_file, handle_invoic

if TYPE_CHECKING:
    from ..workspace import Workspace


FileHandler = Callable[[InboxFile, Path], list[dict]]


def inbox_files(ws: Workspace) -> list[Path]:
    """Files in inbox/ (and its subfolders) in order of arrival (modification time, then name),
    so a supplier's order response is applied before the packing slip sent after it."""
    if not ws.inbox.is_dir():
        return []
    found = [
        p
        for p in ws.inbox.rglob("*")
        if p.is_file() and not p.name.startswith((".", "~$")) and not p.name.endswith((".tmp", ".reason.txt"))
    ]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))


def read_inbox(
    ws: Workspace,
    *,
    on: date | None = None,
    now: datetime | None = None,
    files: list[Path] | None = None,
    progress=NULL_PROGRESS,
) -> JobResult:
    from .make_orders import settings

    now, cfg, result = now or datetime.now(), settings(ws), JobResult()
    documents: list[dict] = []
    todo = inbox_files(ws) if files is None else list(files)
    known, file_handlers = HANDLERS, FILE_HANDLERS
    with progress.task("Leser innboks", total=len(todo)) as task:
        for path in todo:
            try:
                documents += _read_file(ws, path, cfg, on or now.date(), now, result, known, file_handlers)
            except Exception as exc:  # noqa: BLE001 - one poison file never stops the others
                documents.append(_file_failed(ws, path, exc, now))
            task.advance()
    for d in documents:
        result.extend(d["issues"])
    counts = {
        "files": len(todo),
        "documents": len(documents),
        "accepted": sum(d["status"] == "accepted" for d in documents),
        "rejected": sum(d["status"] == "rejected" for d in documents),
    }
    result.counts.update(counts)
    result.extra["documents"] = [{**d, "issues": [i.to_dict() for i in d["issues"]]} for d in documents]
    result.summary = (
        f"{plural(counts['documents'], 'dokument', 'dokumenter')} lest fra "
        f"{plural(counts['files'], 'fil', 'filer')}: "
        f"{whole_number(counts['accepted'])} godtatt, {whole_number(counts['rejected'])} avvist."
    )
    return result


def _read_file(
    ws: Workspace, path: Path, cfg, today: date, now: datetime, result: JobResult, known, file_handlers
) -> list[dict]:
    from ..edi.reader import read_interchanges

    archived = archive_input(ws, path)
    ctx = InboxFile(ws, ws.config.company.gln, cfg.accept_unsolicited, today, now, path.name, archived.sha256)
    data = path.read_bytes()
    from ..edi.ubl.detect import looks_like_xml

    if looks_like_xml(data):  # also with a byte-order mark or in UTF-16
        handler = file_handlers.get("xml")
        if handler is None:
            result.add(
                warning(
                    "edi.not_supported",
                    "XML-dokumenter (EHF) leses ikke ennå; fila ligger igjen i inbox",
                    Source(file=path.name),
                )
            )
            return []
        return handler(ctx, path)
    read = read_interchanges(data, file=path.name)
    if not read.ok or not read.messages:
        issues = [i for i in read.issues if i.is_error] or [
            error("edi.empty", "Fila har ingen meldinger", Source(file=path.name))
        ]
        log_rejected(ctx, None, None, None, issues)
        for ic in read.interchanges:
            acknowledge(ws, ic, issues, file=path.name, file_hash=archived.sha256, now=now)
        _quarantine(ws, path, issues)
        return [
            {
                "file": path.name,
                "type": None,
                "number": None,
                "partner": None,
                "status": "rejected",
                "issues": issues,
            }
        ]
    if not any(m.type in known for m in read.messages):
        result.add(
            warning(
                "edi.not_supported",
                f"Meldingstypen {read.messages[0].type} leses ikke av «edi read»; fila ligger igjen i inbox",
                Source(file=path.name),
            )
        )
        return []
    out, rejected = [], []
    ordinal = 0
    for ic in read.interchanges:
        in_ic = []
        for msg in ic.messages:
            ordinal += 1
            doc = _handle(ctx, msg, ic, ordinal, known)
            out.append(doc)
            if doc["status"] == "rejected":
                in_ic += doc["issues"]
        rejected += in_ic
        sent = acknowledge(ws, ic, in_ic, file=path.name, file_hash=archived.sha256, now=now)
        if sent:
            result.outputs.append(str(sent))
    if out:  # what the reader noticed in the file as a whole (encoding, padding): told, not dropped
        out[0]["issues"][:0] = [i for i in read.issues if not i.is_error]
    if rejected:
        _quarantine(ws, path, rejected + partly_read(out, path.name))
    else:
        path.unlink(missing_ok=True)
    return out


def _handle(ctx: InboxFile, msg, ic, ordinal: int, known: dict[str, Handler]) -> dict:
    from ..edi.mappings.items import ItemCodes
    from ..edi.validate import validate_message

    key = f"msg{ordinal}"
    base = {"file": ctx.file, "type": msg.type, "number": None, "partner": ic.sender}
    with ctx.ws.store.connect() as conn:
        done = log.already_done(conn, JOB, ctx.sha256, key)
    if done:
        note = info(
            "edi.already_read",
            f"{msg.type} {done.doc_number or ''} er allerede lest "
            f"({done.at:%d.%m.%Y %H:%M}); ingenting endret",
            Source(file=ctx.file, message=msg.number),
        )
        return {**base, "number": done.doc_number, "status": "accepted", "issues": [note]}
    handler = known.get(msg.type)
    src = Source(file=ctx.file, message=msg.number)
    try:
        if handler is None:
            raise Rejected([error("edi.unknown_type", f"Meldingstypen {msg.type} støttes ikke", src)])
        settings = guide_settings(ctx.ws, ic.sender, ctx.file)
        checked = validate_message(msg, file=ctx.file, settings=settings, decimal=ic.separators.decimal)
        if any(i.is_error for i in checked):
            raise Rejected([i for i in checked if i.is_error])
        ctx.codes = ItemCodes.for_partner(settings)
        with ctx.ws.store.transaction() as conn:
            accepted = handler(ctx, conn, msg, ic)
            accepted.issues[:0] = [i for i in checked if not i.is_error]  # e.g. "send D.03A"
            log.record(
                conn,
                job=JOB,
                status="ok",
                file_name=ctx.file,
                file_hash=ctx.sha256,
                params_key=key,
                partner=accepted.partner,
                doc_type=msg.type,
                doc_number=accepted.number,
                counts=accepted.counts,
                at=ctx.now,
                message="; ".join(i.message for i in accepted.issues[:5]) or None,
            )
        return {
            **base,
            "number": accepted.number,
            "status": "accepted",
            "issues": accepted.issues,
            "partner": accepted.partner,
        }
    except PartnerSettingError as bad:
        rej = Rejected([bad.issue])
        log_rejected(ctx, msg.type, None, ic.sender, rej.issues)
        return {**base, "number": None, "status": "rejected", "issues": rej.issues}
    except Rejected as rej:
        log_rejected(ctx, msg.type, rej.number, rej.partner or ic.sender, rej.issues)
        return {**base, "number": rej.number, "status": "rejected", "issues": rej.issues}
    except INPUT_ERRORS as exc:  # its transaction rolled back; the document is rejected whole
        issues = [
            failure(
                "edi.processing_failed",
                f"{msg.type}-melding {msg.number}",
                exc,
                src,
                then="Dokumentet er avvist; de andre dokumentene er lest.",
            )
        ]
        log_rejected(ctx, msg.type, None, ic.sender, issues)
        return {**base, "number": None, "status": "rejected", "issues": issues}


def _file_failed(ws: Workspace, path: Path, exc: Exception, now: datetime) -> dict:
    """A file whose reading failed beyond its documents' own checks; the next file goes on. An
    input error (``VareflytError``, a number ``decimal`` cannot hold ...) puts it in quarantine
    with the reason; anything else is a fault in vareflyt: the file stays in inbox/ and is read
    again next run (what was accepted from it is not taken twice)."""
    src = Source(file=path.name)
    if isinstance(exc, VareflytError):
        issue, keep = error("edi.processing_failed", str(exc), src), False
    elif isinstance(exc, INPUT_ERRORS):
        issue, keep = (
            failure(
                "edi.processing_failed",
                f"Fila {path.name}",
                exc,
                src,
                then="Den er lagt i quarantine/; de andre filene er lest.",
            ),
            False,
        )
    else:
        issue, keep = (
            failure(
                "edi.processing_failed",
                f"Fila {path.name}",
                exc,
                src,
                then="Den ligger igjen i inbox og leses på nytt ved neste kjøring; de andre filene er lest.",
            ),
            True,
        )
    try:
        if path.is_file() and not keep:
            _quarantine(ws, path, [issue])
        with ws.store.transaction() as conn:
            log.record(conn, job=JOB, status="rejected", file_name=path.name, at=now, message=issue.message)
    except Exception as again:  # noqa: BLE001 - even the quarantine failed (disk): the issue still tells
        LOG.info("quarantine of %s failed", path.name, exc_info=again)
    return {
        "file": path.name,
        "type": None,
        "number": None,
        "partner": None,
        "status": "rejected",
        "issues": [issue],
    }


def _quarantine(ws: Workspace, path: Path, issues: list[Issue]) -> None:
    quarantine(ws, path, issues[0].message if issues else "avvist", issues)
    path.unlink(missing_ok=True)


HANDLERS: dict[str, Handler] = {"ORDRSP": handle_ordrsp, "DESADV": handle_desadv, "INVOIC": handle_invoic}
FILE_HANDLERS: dict[str, FileHandler] = {"xml": handle_ehf_file}
