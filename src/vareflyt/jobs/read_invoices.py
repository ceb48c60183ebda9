"""Invoice handlers for ``vareflyt edi read``: NeB INVOIC messages and EHF (PEPPOL BIS 3)
Invoice/CreditNote files from ``inbox/`` into the store, whole or not at all.

``handle_invoic`` (an INVOIC message) and ``handle_ehf_file`` (an EHF ``.xml`` file) are named
in the dispatcher's literal tables in ``jobs.read_inbox``. A document is formally checked (complete,
syntax, known supplier, addressed to us) and stored with its format and file hash in one transaction; a
credit note is linked to the invoice it credits; one whose system writes the credited amounts
with a minus is stored with positive amounts, as every credit note is (``rules.credit_notes``).
The control (checks a–w, duplicates included) is ``invoices reconcile``; reading never judges
content.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..domain.invoices import Invoice
from ..domain.issues import Source, error, info, warning
from ..domain.money import format_kr
from ..rules.credit_notes import as_credited, stated_total, written_negative
from ..store import invoice_storage, log
from ..store.invoice_reading import headers, same_number
from .archive import quarantine
from .inbox_documents import JOB, log_rejected

EHF_KEY = "ehf"


def _store(ctx, conn, inv: Invoice, supplier: str, fmt: str, key: str) -> dict:
    notes = []
    if written_negative(inv):
        notes.append(
            info(
                "invoice.credit_signs",
                f"Kreditnota {inv.number} har beløpene med minus (totalt {format_kr(stated_total(inv))}); "
                "de er lagret som positive beløp, slik kreditnotaer lagres",
                Source(file=ctx.file),
            )
        )
        inv = as_credited(inv)
    if inv.supplier.gln != supplier:
        inv = replace(inv, supplier=replace(inv.supplier, gln=supplier))
    credited = (
        next(
            (r.id for r in headers(conn, same_number(supplier, inv.credited_invoice, "invoice"))),
            None,
        )
        if inv.credited_invoice
        else None
    )
    invoice_storage.add_invoice(
        conn,
        inv,
        fmt=fmt,
        received_at=ctx.now,
        file_name=ctx.file,
        file_hash=ctx.sha256,
        message_key=key,
        credited_id=credited,
    )
    earlier = headers(conn, same_number(supplier, inv.number))
    if len(earlier) > 1:
        notes.append(
            info(
                "invoice.same_number",
                f"Faktura {inv.number} er mottatt før ({earlier[0].format}); "
                "fakturakontrollen (sjekk a) avgjør",
                Source(file=ctx.file),
            )
        )
    return {"lines": len(inv.lines), "notes": notes}


def handle_invoic(ctx, conn, msg, ic):
    """INVOIC handler for the ``edi read`` dispatcher (raises ``Rejected`` to reject whole)."""
    from ..edi.mappings import invoic
    from .inbox_documents import Accepted, checked_partner, parse_message

    inv, notes = parse_message(invoic, msg, ctx)
    supplier = checked_partner(ctx, conn, ic, inv.supplier, inv.buyer, inv.number)
    stored = _store(ctx, conn, inv, supplier, "edifact", f"msg{msg.number}")
    return Accepted(inv.number, supplier, notes + stored["notes"], {"lines": stored["lines"]})


def _supplier_gln(ctx, conn, inv: Invoice) -> str | None:
    if inv.supplier.gln:
        return inv.supplier.gln
    if inv.supplier.orgnr:
        from ..store.parties import load_parties

        for party in load_parties(conn, active_only=True):
            if party.orgnr == inv.supplier.orgnr and party.gln:
                return party.gln
    return None


def _formal(ctx, conn, inv: Invoice) -> tuple[str | None, list]:
    from .inbox_documents import not_our_buyer, unknown_supplier

    src = Source(file=ctx.file)
    gln = _supplier_gln(ctx, conn, inv)
    problems = unknown_supplier(ctx, conn, gln, src) if gln else [_unknown_orgnr(inv, src)]
    problems += not_our_buyer(ctx, inv.buyer, src)
    company = ctx.ws.config.company
    buyer = inv.buyer
    if not buyer.gln and buyer.orgnr and company.orgnr and buyer.orgnr.replace("NO", "")[:9] != company.orgnr:
        problems.append(error("edi.buyer", f"Kjøper {buyer.orgnr} er ikke vårt organisasjonsnummer", src))
    return gln, problems


def _unknown_orgnr(inv: Invoice, src: Source):
    """EHF names most suppliers by organisation number only (EndpointID 0192); without a GLN the
    number must be a party's in the party register to tell which supplier it is."""
    supplier = inv.supplier
    name = f" ({supplier.name})" if supplier.name else ""
    if not supplier.orgnr:
        return error("ehf.supplier", f"Leverandøren{name} har verken GLN eller organisasjonsnummer", src)
    return error(
        "ehf.supplier",
        f"Leverandøren med organisasjonsnummer {supplier.orgnr}{name} har ikke GLN i fakturaen, og "
        "nummeret er ikke i partsregisteret; importer leverandøren med GLN og organisasjonsnummer "
        "(«vareflyt parties import») og legg fila tilbake i inbox",
        src,
    )


def handle_ehf_file(ctx, path: Path) -> list[dict]:
    """EHF handler for ``edi read``: one UBL Invoice/CreditNote per file."""
    from ..edi.ubl import ehf_kind, read_ehf

    data = path.read_bytes()
    base = {"file": ctx.file, "type": "EHF", "number": None}
    with ctx.ws.store.connect() as conn:
        done = log.already_done(conn, JOB, ctx.sha256, EHF_KEY)
    if done:
        path.unlink(missing_ok=True)
        note = info(
            "edi.already_read",
            f"EHF {done.doc_number or ''} er allerede lest ({done.at:%d.%m.%Y %H:%M}); ingenting endret",
            Source(file=ctx.file),
        )
        return [{**base, "number": done.doc_number, "status": "accepted", "issues": [note]}]
    if not ehf_kind(data):  # other XML (e.g. a bank file): not ours to judge, left in inbox/
        from ..edi.ubl.detect import root_name

        root = root_name(data)
        return [
            {
                **base,
                "type": "XML",
                "status": "skipped",
                "issues": [
                    warning(
                        "edi.not_supported",
                        f"XML-fila{f' (et {root}-dokument)' if root else ''} er ikke en EHF-faktura "
                        "eller -kreditnota (UBL 2.1); den ligger igjen i inbox",
                        Source(file=ctx.file),
                    )
                ],
            }
        ]
    inv, issues = read_ehf(data, file=ctx.file)
    gln, problems = (None, []) if inv is None else _check(ctx, inv)
    errors = [i for i in issues if i.is_error] + problems
    if inv is None or errors:
        _reject(ctx, path, inv, gln, errors or issues)
        return [
            {**base, "number": inv.number if inv else None, "status": "rejected", "issues": errors or issues}
        ]
    if not inv.buyer.gln and inv.buyer.orgnr and ctx.our_gln:  # EHF names us by organisation number
        inv = replace(inv, buyer=replace(inv.buyer, gln=ctx.our_gln))
    with ctx.ws.store.transaction() as conn:
        stored = _store(ctx, conn, inv, gln, "ehf", EHF_KEY)
        log.record(
            conn,
            job=JOB,
            status="ok",
            file_name=ctx.file,
            file_hash=ctx.sha256,
            params_key=EHF_KEY,
            partner=gln,
            doc_type="EHF",
            doc_number=inv.number,
            counts={"lines": stored["lines"]},
            at=ctx.now,
        )
    path.unlink(missing_ok=True)
    return [{**base, "number": inv.number, "status": "accepted", "issues": issues + stored["notes"]}]


def _check(ctx, inv: Invoice):
    with ctx.ws.store.connect() as conn:
        return _formal(ctx, conn, inv)


def _reject(ctx, path: Path, inv: Invoice | None, gln: str | None, issues: list) -> None:
    log_rejected(ctx, "EHF", inv.number if inv else None, gln, issues)
    quarantine(ctx.ws, path, issues[0].message if issues else "avvist", issues)
    path.unlink(missing_ok=True)
