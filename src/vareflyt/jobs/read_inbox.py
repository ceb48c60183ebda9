"""``vareflyt edi read``: every file in ``inbox/``, dispatched per message type to a handler.

``HANDLERS`` maps an EDIFACT message type to ``handler(ctx, conn, message, interchange) ->
Accepted``. Other areas plug in without editing this file: a module named in
``HANDLER_MODULES`` (e.g. ``vareflyt.jobs.invoice_documents``), when it exists, contributes its
``HANDLERS`` (``{"INVOIC": ...}``) and ``FILE_HANDLERS`` (``{"xml": ...}`` for EHF). Per file: archive first (content hash), read, then
each message is one document, handled in its own transaction and accepted whole or rejected
whole (a handler raises ``Rejected``). A file whose documents were all accepted leaves the
inbox (it is in ``archive/``); a file with a rejected document goes to ``quarantine/`` with a
reason file. Every document is logged (time, partner, type, number, status). A replayed file
changes nothing: each document is remembered by file hash and message number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

from ..domain.issues import Issue, JobResult, Source, error, info, warning
from ..store import log
from .acknowledge import PartnerSettingError, acknowledge, guide_settings
from .archive import archive_input, quarantine
from .progress import NULL_PROGRESS

JOB = "edi.read"


class Rejected(Exception):
    """Raised by a handler: the document is rejected whole (its transaction rolls back)."""

    def __init__(self, issues: list[Issue], number: str | None = None, partner: str | None = None):
        super().__init__(issues[0].message if issues else "avvist")
        self.issues, self.number, self.partner = issues, number, partner


@dataclass
class Accepted:
    number: str | None
    partner: str | None
    issues: list[Issue] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Context:
    ws: Any
    our_gln: str
    accept_unsolicited: bool
    today: date
    now: datetime
    file: str
    sha256: str


Handler = Callable[[Context, Any, Any, Any], Accepted]


FILE_HANDLERS: dict[str, Callable[[Context, Path], list[dict]]] = {}
HANDLER_MODULES = ("vareflyt.jobs.invoice_documents", "vareflyt.jobs.read_invoices")


def all_handlers() -> tuple[dict[str, Handler], dict[str, Callable]]:
    """Our handlers plus those of every installed module in ``HANDLER_MODULES``."""
    import importlib
    handlers, files = dict(HANDLERS), dict(FILE_HANDLERS)
    for name in HANDLER_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        handlers.update(getattr(module, "HANDLERS", {}))
        files.update(getattr(module, "FILE_HANDLERS", {}))
    return handlers, files


def inbox_files(ws) -> list[Path]:
    """Files in inbox/ (and its subfolders) in order of arrival (modification time, then name),
    so a supplier's order response is applied before the packing slip sent after it."""
    if not ws.inbox.is_dir():
        return []
    found = [p for p in ws.inbox.rglob("*") if p.is_file() and not p.name.startswith((".", "~$"))
             and not p.name.endswith((".tmp", ".reason.txt"))]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))


def read_inbox(ws, *, on: date | None = None, now: datetime | None = None, files: list[Path] | None = None,
               progress=NULL_PROGRESS) -> JobResult:
    from .make_orders import settings
    now, cfg, result = now or datetime.now(), settings(ws), JobResult()
    documents: list[dict] = []
    todo = inbox_files(ws) if files is None else list(files)
    known, file_handlers = all_handlers()
    with progress.task("Leser innboks", total=len(todo)) as task:
        for path in todo:
            documents += _read_file(ws, path, cfg, on or now.date(), now, result, known, file_handlers)
            task.advance()
    for d in documents:
        result.extend(d["issues"])
    counts = {"files": len(todo), "documents": len(documents),
              "accepted": sum(d["status"] == "accepted" for d in documents),
              "rejected": sum(d["status"] == "rejected" for d in documents)}
    result.counts.update(counts)
    result.extra["documents"] = [{**d, "issues": [i.to_dict() for i in d["issues"]]} for d in documents]
    result.summary = (f"{counts['documents']} dokumenter lest fra {counts['files']} filer: "
                      f"{counts['accepted']} godtatt, {counts['rejected']} avvist.")
    return result


def _read_file(ws, path: Path, cfg, today: date, now: datetime, result: JobResult, known, file_handlers) -> list[dict]:
    from ..edi.reader import read_interchanges
    archived = archive_input(ws, path)
    ctx = Context(ws, ws.config.section("company").gln, cfg.accept_unsolicited, today, now, path.name,
                  archived.sha256)
    data = path.read_bytes()
    from ..edi.ubl.detect import looks_like_xml
    if looks_like_xml(data):               # also with a byte-order mark or in UTF-16
        handler = file_handlers.get("xml")
        if handler is None:
            result.add(warning("edi.ikke_stottet", "XML-dokumenter (EHF) leses ikke ennå; fila ligger igjen i inbox",
                               Source(file=path.name)))
            return []
        return handler(ctx, path)
    read = read_interchanges(data, file=path.name)
    if not read.ok or not read.messages:
        issues = [i for i in read.issues if i.is_error] or [error("edi.tom", "Fila har ingen meldinger",
                                                                  Source(file=path.name))]
        _log_rejected(ws, ctx, None, None, None, issues)
        for ic in read.interchanges:
            acknowledge(ws, ic, issues, file=path.name, file_hash=archived.sha256, now=now)
        _quarantine(ws, path, issues)
        return [{"file": path.name, "type": None, "number": None, "status": "rejected", "issues": issues}]
    if not any(m.type in known for m in read.messages):
        result.add(warning("edi.ikke_stottet", f"Meldingstypen {read.messages[0].type} leses ikke av «edi read»; "
                           "fila ligger igjen i inbox", Source(file=path.name)))
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
    if rejected:
        _quarantine(ws, path, rejected)
    else:
        path.unlink(missing_ok=True)
    return out


def _handle(ctx: Context, msg, ic, ordinal: int, known: dict[str, Handler]) -> dict:
    from ..edi.validate import validate_message
    key = f"msg{ordinal}"
    base = {"file": ctx.file, "type": msg.type, "number": None}
    with ctx.ws.store.connect() as conn:
        done = log.already_done(conn, JOB, ctx.sha256, key)
    if done:
        note = info("edi.allerede_lest", f"{msg.type} {done.get('doc_number') or ''} er allerede lest "
                    f"({done['at']:%d.%m.%Y %H:%M}); ingenting endret", Source(file=ctx.file, message=msg.number))
        return {**base, "number": done.get("doc_number"), "status": "accepted", "issues": [note]}
    handler = known.get(msg.type)
    src = Source(file=ctx.file, message=msg.number)
    try:
        if handler is None:
            raise Rejected([error("edi.ukjent_type", f"Meldingstypen {msg.type} støttes ikke", src)])
        guide = [i for i in validate_message(msg, file=ctx.file, settings=guide_settings(ctx.ws, ic.sender, ctx.file))
                 if i.is_error]
        if guide:
            raise Rejected(guide)
        with ctx.ws.store.transaction() as conn:
            accepted = handler(ctx, conn, msg, ic)
            log.record(conn, job=JOB, status="ok", file_name=ctx.file, file_hash=ctx.sha256, params_key=key,
                       partner=accepted.partner, doc_type=msg.type, doc_number=accepted.number,
                       counts=accepted.counts, at=ctx.now,
                       message="; ".join(i.message for i in accepted.issues[:5]) or None)
        return {**base, "number": accepted.number, "status": "accepted", "issues": accepted.issues}
    except PartnerSettingError as bad:
        rej = Rejected([bad.issue])
        _log_rejected(ctx.ws, ctx, msg.type, None, ic.sender, rej.issues)
        return {**base, "number": None, "status": "rejected", "issues": rej.issues}
    except Rejected as rej:
        _log_rejected(ctx.ws, ctx, msg.type, rej.number, rej.partner or ic.sender, rej.issues)
        return {**base, "number": rej.number, "status": "rejected", "issues": rej.issues}


def _log_rejected(ws, ctx: Context, doc_type, number, partner, issues) -> None:
    with ws.store.transaction() as conn:
        log.record(conn, job=JOB, status="rejected", file_name=ctx.file, file_hash=ctx.sha256, partner=partner,
                   doc_type=doc_type, doc_number=number, at=ctx.now,
                   message="; ".join(i.message for i in issues[:5]))


def _quarantine(ws, path: Path, issues: list[Issue]) -> None:
    quarantine(ws, path, issues[0].message if issues else "avvist", issues)
    path.unlink(missing_ok=True)


# --- purchasing handlers --------------------------------------------------------------------

def _parse(module, msg, ctx: Context):
    doc, issues = module.from_segments(msg.body, message_ref=msg.number, file=ctx.file)
    if doc is None:
        raise Rejected([i for i in issues if i.is_error] or issues)
    return doc, [i for i in issues if not i.is_error]


def _partner(ctx: Context, conn, ic, supplier, buyer, number) -> str:
    """The supplier GLN, after the envelope and party checks that reject a document."""
    from ..store.purchasing import known_supplier
    src = Source(file=ctx.file)
    gln = supplier.gln
    problems = []
    if not gln:
        problems.append(error("edi.leverandor_gln", "Leverandøren (NAD+SU) har ikke GLN", src))
    elif not (gln in ctx.ws.config.section("partners") or known_supplier(conn, gln)):
        problems.append(error("edi.ukjent_avsender", f"Leverandør-GLN {gln} er ukjent (ikke i parter eller "
                              "vareflyt.toml)", src))
    if ctx.our_gln and ic.receiver and ic.receiver != ctx.our_gln:
        problems.append(error("edi.mottaker", f"Fila er adressert til {ic.receiver}, ikke til oss ({ctx.our_gln})", src))
    if ctx.our_gln and buyer.gln and buyer.gln != ctx.our_gln:
        problems.append(error("edi.kjoper", f"Kjøper-GLN {buyer.gln} er ikke vårt GLN ({ctx.our_gln})", src))
    if gln and ic.sender and ic.sender != gln and not problems:
        problems.append(error("edi.avsender", f"Avsender {ic.sender} er ikke leverandøren {gln}", src))
    if problems:
        raise Rejected(problems, number, gln or ic.sender)
    return gln


def _order(ctx: Context, conn, supplier: str, number: str, doc_no: str):
    """The known order from this supplier; None means unsolicited (rejected when not accepted)."""
    from ..store.purchasing import find_order, own_order_supplier
    order = find_order(conn, supplier, number)
    if order is None and not ctx.accept_unsolicited:
        other = own_order_supplier(conn, number)
        why = f"Ordre {number} er sendt til {other}, ikke til {supplier}" if other else \
            f"Ordre {number} er ukjent (ikke sendt av oss)"
        raise Rejected([error("edi.feil_leverandor" if other else "edi.ukjent_ordre", why, Source(file=ctx.file))],
                       doc_no, supplier)
    return order


def _unsolicited(conn, supplier: str, number: str, today: date, lines, kind: str):
    """A new order marked unsolicited under the supplier's number, and the deviation saying so."""
    from ..rules.order_status import Deviation
    from ..store import purchasing as repo
    order = repo.create_unsolicited(conn, supplier, number, today, lines)
    other = repo.own_order_supplier(conn, number)
    what = "Ordresvar" if kind == "ordresvar" else "Pakkseddel"
    text = f"{what} for ordre {number} som vi ikke har sendt (telefon-/henteordre): registrert som uoppfordret ordre"
    if other:
        text += f"; NB: vår egen ordre {number} gikk til {other} – sjekk at dokumentet er riktig"
    return order, Deviation(f"{kind}.uoppfordret", text)


def _deviations(ctx, conn, devs, order, supplier, kind, document) -> list[Issue]:
    from ..store.purchasing import add_deviations
    add_deviations(conn, [(d, {"supplier_gln": supplier, "kind": kind, "document": document,
                               "order_id": order.id if order else None,
                               "order_no": order.number if order else None}) for d in devs], ctx.today)
    made = {"warning": warning, "error": warning, "info": info}
    return [made[d.severity](d.code, f"Ordre {order.number if order else '?'}: {d.message}",
                             Source(file=ctx.file, line=d.line_no)) for d in devs]


def handle_ordrsp(ctx: Context, conn, msg, ic) -> Accepted:
    from ..edi.mappings import ordrsp
    from ..rules.confirmation import apply_response
    from ..rules.order_status import order_status
    from ..store import purchasing as repo
    doc, notes = _parse(ordrsp, msg, ctx)
    supplier = _partner(ctx, conn, ic, doc.supplier, doc.buyer, doc.number)
    number = doc.order_no or doc.number        # a telephone order may have only the supplier's number
    order, first = _order(ctx, conn, supplier, number, doc.number), []
    if order is None:
        order, dev = _unsolicited(conn, supplier, number, ctx.today, repo.lines_from_response(doc), "ordresvar")
        first.append(dev)
    before = repo.load_lines(conn, order.id)
    new, devs = apply_response(before, doc, order.requested_delivery)
    devs = first + devs
    repo.save_lines(conn, order.id, new, before)
    dates = [ln.confirmed_date for ln in new if ln.confirmed_date and not ln.rejected]
    repo.update_order(conn, order.id, status=order_status(new, order.closed), response_no=doc.number,
                      response_at=ctx.now, confirmed_date=max(dates) if dates else None)
    repo.add_response(conn, order_id=order.id, supplier_gln=supplier, number=doc.number, issue_date=doc.issue_date,
                      status=doc.status.value, complete=not any(d.code == "ordresvar.mangler_linjer" for d in devs),
                      received_at=ctx.now, file_hash=ctx.sha256)
    notes += _deviations(ctx, conn, devs, order, supplier, "ordresvar", doc.number)
    return Accepted(doc.number, supplier, notes, {"lines": len(doc.lines), "deviations": len(devs)})


def handle_desadv(ctx: Context, conn, msg, ic) -> Accepted:
    from ..edi.mappings import desadv
    from ..rules.order_status import order_status
    from ..rules.receiving import KnownOrder, apply_despatch, check_formal, order_refs
    from ..store import purchasing as repo
    doc, notes = _parse(desadv, msg, ctx)
    supplier = _partner(ctx, conn, ic, doc.supplier, doc.buyer, doc.number)
    problems = check_formal(doc, ctx.our_gln, ctx.file)
    if repo.despatch_hash(conn, supplier, doc.number) is not False:
        problems.append(error("pakkseddel.brukt", f"Pakkseddelnummer {doc.number} er brukt før av leverandøren",
                              Source(file=ctx.file)))
    refs = order_refs(doc)
    if not refs:
        problems.append(error("pakkseddel.ingen_ordre", "Pakkseddelen viser ikke til noen ordre (RFF+ON)",
                              Source(file=ctx.file)))
    if problems:
        raise Rejected(problems, doc.number, supplier)
    known = {no: o for no in refs if (o := _order(ctx, conn, supplier, no, doc.number)) is not None}
    first = []
    if not known:
        for no in refs:
            known[no], dev = _unsolicited(conn, supplier, no, ctx.today, repo.lines_from_despatch(doc, no),
                                          "pakkseddel")
            first.append((no, dev))
    before = {no: KnownOrder(no, tuple(repo.load_lines(conn, o.id)), o.delivery_gln, o.closed) for no, o in known.items()}
    res = apply_despatch(doc, before)
    for no, lines in res.lines.items():
        closed = known[no].closed or no in res.closed
        repo.save_lines(conn, known[no].id, lines, before[no].lines)
        repo.update_order(conn, known[no].id, status=order_status(lines, closed), closed=closed)
    repo.record_despatch(conn, doc, supplier, res.receipts, {no: o.id for no, o in known.items()},
                         ctx.now, ctx.sha256)
    for no, dev in first + res.deviations:
        notes += _deviations(ctx, conn, [dev], known.get(no), supplier, "pakkseddel", doc.number)
    return Accepted(doc.number, supplier, notes, {"lines": len(doc.lines), "deviations": len(res.deviations)})


HANDLERS: dict[str, Handler] = {"ORDRSP": handle_ordrsp, "DESADV": handle_desadv}
