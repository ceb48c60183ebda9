"""What ``vareflyt edi show`` and ``edi validate`` print: a read file as text or as a dict.

One command for both formats: a file that starts like XML is read as EHF (PEPPOL BIS 3
Invoice/CreditNote, ``edi.ubl``) and shown as the document it is, in Norwegian; anything else
as EDIFACT. For EHF, ``validate`` is the reading itself: the document's issues, exit 1 when
``edi read`` would refuse it (any error). Checks that need the workspace (known supplier,
addressed to us) belong to ``edi read``.

``describe_message`` is the hook for the domain document of a message: it asks the message <->
domain mappings (``edi.mappings``), and returns None for types they do not map, so ``show``
then lists envelope, messages and segments only. In the text view ``document_lines`` writes its
top-level fields with Norwegian labels (``FIELD_LABELS``) and values (``domain.wording``:
``formål: opprinnelig``, ``ordredato: 01.03.2026``, ``henting: nei``), lists as a count.

>>> from datetime import date
>>> document_lines({"number": "100001", "order_date": date(2026, 3, 1), "lines": [1, 2, 3], "pickup": False})
['nummer: 100001', 'ordredato: 01.03.2026', 'linjer: 3', 'henting: nei']
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

from ..domain.issues import JobResult, Source, error
from ..domain.wording import date_text, plural, value_text
from .model import Interchange, Message, ReadResult
from .reader import read_file
from .validate import validate_interchange
from .writer import serialize

FIELD_LABELS: dict[str, str] = {
    "number": "nummer",
    "kind": "type",
    "purpose": "formål",
    "status": "status",
    "order_date": "ordredato",
    "issue_date": "dokumentdato",
    "due_date": "forfallsdato",
    "delivery_date": "leveringsdato",
    "despatch_date": "sendt",
    "requested_delivery": "ønsket levering",
    "valid_from": "gyldig fra",
    "valid_to": "gyldig til",
    "buyer": "kjøper",
    "supplier": "leverandør",
    "invoicee": "fakturamottaker",
    "delivery_party": "leveringssted",
    "ultimate_customer": "sluttkunde",
    "pickup_place": "hentested",
    "buyer_gln": "kjøpers GLN",
    "supplier_gln": "leverandørens GLN",
    "pickup": "henting",
    "final_delivery": "siste leveranse",
    "order_no": "ordrenummer",
    "order_refs": "ordrereferanser",
    "despatch_refs": "pakkseddelreferanser",
    "previous_order_no": "tidligere ordrenummer",
    "agreement_ref": "avtale",
    "contract_ref": "kontrakt",
    "price_list_ref": "prisliste",
    "project_ref": "prosjekt",
    "consignment_ref": "sendingsnummer",
    "credited_invoice": "kreditert faktura",
    "payment_ref": "betalingsreferanse (KID)",
    "bank_account": "kontonummer",
    "payment_terms": "betalingsbetingelser",
    "currency": "valuta",
    "exchange_rate": "valutakurs",
    "lines": "linjer",
    "articles": "artikler",
    "packages": "kolli",
    "allowances_charges": "rabatter og gebyrer",
    "vat_breakdown": "mva-grunnlag",
    "totals": "summer",
    "note": "merknad",
}


def field_label(name: str) -> str:
    """``"order_date"`` -> ``"ordredato"`` (a field without a label: spaces for underscores)."""
    return FIELD_LABELS.get(name, name.replace("_", " "))


def document_lines(document: dict) -> list[str]:
    """Top-level fields of a document for the text view: lists as counts, nested parts left out."""
    out = []
    for key, value in document.items():
        if isinstance(value, (list, tuple)):
            out.append(f"{field_label(key)}: {len(value)}")
        elif not isinstance(value, dict) and value not in (None, "", ()):
            out.append(f"{field_label(key)}: {value_text(value)}")
    return out


def describe_message(message: Message) -> dict | None:
    """The domain document of a message as a dict, or None when no mapping exists for it.

    Uses ``edi.mappings.document_from_message`` (a dataclass document becomes a dict). A
    mapping that fails is reported in the dict, so ``show`` still lists the segments.
    """
    from .mappings import MAPPINGS, document_from_message

    if message.type not in MAPPINGS:
        return None
    try:
        document, issues = document_from_message(message)
    except Exception as exc:  # noqa: BLE001 - show must list the segments even if a mapping breaks
        return {"mapping_error": f"{type(exc).__name__}: {exc}"}
    if document is None:
        return {"mapping_issues": [i.render() for i in issues]} if issues else None
    return asdict(document) if is_dataclass(document) else {"document": document}


def segment_text(seg, interchange: Interchange) -> str:
    """One segment as EDIFACT text, without its terminator."""
    return serialize([seg], interchange.separators)[:-1]


def result_dict(result: ReadResult, *, with_segments: bool = True) -> dict[str, Any]:
    out = []
    for ic in result.interchanges:
        data = ic.to_dict(with_segments=with_segments)
        for msg, msg_dict in zip(ic.messages, data["messages"]):
            msg_dict["document"] = describe_message(msg)
        out.append(data)
    return {"file": result.file, "interchanges": out}


def result_text(result: ReadResult) -> str:
    lines: list[str] = []
    for ic in result.interchanges:
        sender = f"{ic.sender} ({ic.sender_qualifier})" if ic.sender_qualifier else ic.sender
        receiver = f"{ic.receiver} ({ic.receiver_qualifier})" if ic.receiver_qualifier else ic.receiver
        when = date_text(ic.prepared) if ic.prepared else "ukjent tid"
        flags = " TEST" if ic.test else ""
        lines.append(
            f"Utveksling {ic.control_ref}: {sender} -> {receiver}, {when}, "
            f"{ic.syntax_id}:{ic.syntax_version}{flags}, {plural(len(ic.messages), 'melding', 'meldinger')}"
        )
        for msg in ic.messages:
            group = f", gruppe {msg.group_ref}" if msg.group_ref else ""
            lines.append(
                f"  Melding {msg.number}: {msg.type} {msg.directory} ref. {msg.ref}{group}, "
                f"{plural(len(msg.segments), 'segment', 'segmenter')}"
            )
            document = describe_message(msg)
            if document:
                lines.extend(f"    {line}" for line in document_lines(document))
            for n, seg in enumerate(msg.segments, start=1):
                lines.append(f"    {n:>4} {segment_text(seg, ic)}")
    return "\n".join(lines)


def _xml_document(path: Path):
    """The EHF document of an XML file, or None when the file does not start like XML."""
    from .camt054 import looks_like_camt054
    from .ubl import MAX_BYTES, EhfDocument, looks_like_xml, read_ehf_document

    with open(path, "rb") as fh:
        head = fh.read(8192)
    if not looks_like_xml(head):
        return None
    if path.stat().st_size > MAX_BYTES:
        return EhfDocument(
            None,
            None,
            issues=[
                error(
                    "ehf.too_large",
                    f"Filen er for stor til å leses som EHF (grensen er {MAX_BYTES} byte)",
                    Source(file=path.name),
                )
            ],
        )
    doc = read_ehf_document(path.read_bytes(), file=path.name)
    if doc.kind is None and looks_like_camt054(head):
        doc.issues = [
            error(
                "ehf.not_ubl",
                "Filen er en camt.054-bankfil (innbetalinger), ikke EDIFACT eller EHF; "
                "les den med «vareflyt payments import»",
                Source(file=path.name),
            )
        ]
    return doc


def _ehf_counts(doc) -> dict[str, int]:
    errors = sum(1 for i in doc.issues if i.is_error)
    return {
        "documents": int(doc.kind is not None),
        "lines": len(doc.invoice.lines) if doc.invoice else 0,
        "errors": errors,
        "warnings": len(doc.issues) - errors,
    }


def _show_ehf(path: Path, doc, as_json: bool) -> JobResult:
    from .ubl import document_dict, document_text

    job = JobResult(ok=doc.kind is not None, issues=list(doc.issues), counts=_ehf_counts(doc))
    if as_json:
        job.extra = {"file": path.name, **document_dict(doc)}
    else:
        job.summary = document_text(doc, path.name)
    return job


def _validate_ehf(path: Path, doc) -> JobResult:
    counts = _ehf_counts(doc)
    job = JobResult(ok=doc.invoice is not None, issues=list(doc.issues), counts=counts)
    what = f"EHF-{'kreditnota' if doc.kind == 'CreditNote' else 'faktura'}"
    number = f" {doc.invoice.number}" if doc.invoice else ""
    job.summary = (
        f"{path.name}: gyldig {what}{number}"
        if job.ok
        else f"{path.name}: {counts['errors']} feil; {what if doc.kind else 'filen'} blir avvist"
    )
    job.extra = {"valid": job.ok, "format": "EHF"}
    return job


def show_file(path: Path, *, as_json: bool) -> JobResult:
    """Job for ``edi show``: runs when anything could be read (exit 0), else rejected (1)."""
    doc = _xml_document(path)
    if doc is not None:
        return _show_ehf(path, doc, as_json)
    result = read_file(path)
    job = JobResult(ok=bool(result.interchanges), issues=list(result.issues))
    job.counts = {"interchanges": len(result.interchanges), "messages": len(result.messages)}
    if as_json:
        job.extra = result_dict(result)
    else:
        job.summary = result_text(result) if result.interchanges else f"{path.name}: ingenting å vise"
    return job


def validate_file(path: Path) -> JobResult:
    """Job for ``edi validate``: ok (exit 0) when no issue is an error; the issues are listed."""
    doc = _xml_document(path)
    if doc is not None:
        return _validate_ehf(path, doc)
    result = read_file(path)
    issues = validate_interchange(result)
    errors = sum(1 for i in issues if i.is_error)
    job = JobResult(ok=errors == 0 and bool(result.interchanges), issues=issues)
    job.counts = {
        "interchanges": len(result.interchanges),
        "messages": len(result.messages),
        "errors": errors,
        "warnings": sum(1 for i in issues if not i.is_error),
    }
    job.summary = f"{path.name}: gyldig" if job.ok else f"{path.name}: {errors} feil"
    job.extra = {"valid": job.ok, "format": "EDIFACT"}
    return job
