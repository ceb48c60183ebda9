"""What ``vareflyt edi show`` and ``edi validate`` print: a read file as text or as a dict.

``describe_message`` is the hook for the domain document of a message: it asks the message <->
domain mappings (``edi.mappings``), and returns None for types they do not map, so ``show``
then lists envelope, messages and segments only.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

from ..domain.issues import JobResult
from .model import Interchange, Message, ReadResult
from .reader import read_file
from .validate import validate_interchange
from .writer import serialize


def describe_message(message: Message) -> dict | None:
    """The domain document of a message as a dict, or None when no mapping exists for it.

    Uses ``edi.mappings.describe_message`` when the mappings define one, else their
    ``document_from_message`` (a dataclass document becomes a dict). A mapping that fails is
    reported in the dict, so ``show`` still lists the segments.
    """
    try:
        from . import mappings
    except ImportError:
        return None
    hook = getattr(mappings, "describe_message", None)
    try:
        if hook is not None:
            return hook(message)
        convert = getattr(mappings, "document_from_message", None)
        if convert is None or message.type not in getattr(mappings, "MAPPINGS", {}):
            return None
        document, issues = convert(message)
    except Exception as exc:  # noqa: BLE001 - show must list the segments even if a mapping breaks
        return {"mapping_error": f"{type(exc).__name__}: {exc}"}
    if document is None:
        return {"mapping_issues": [i.render() for i in issues]} if issues else None
    return asdict(document) if is_dataclass(document) else {"document": document}


def _summary(document: dict) -> list[str]:
    """Top-level fields of a document for the text view (lists shown as counts)."""
    out = []
    for key, value in document.items():
        if isinstance(value, (list, tuple)):
            out.append(f"{key}: {len(value)} stk")
        elif not isinstance(value, dict) and value not in (None, "", ()):
            out.append(f"{key}: {value}")
    return out


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
        when = ic.prepared.strftime("%Y-%m-%d %H:%M") if ic.prepared else "ukjent tid"
        flags = " TEST" if ic.test else ""
        lines.append(f"Interchange {ic.control_ref}: {sender} -> {receiver}, {when}, "
                     f"{ic.syntax_id}:{ic.syntax_version}{flags}, {len(ic.messages)} melding(er)")
        for msg in ic.messages:
            group = f", gruppe {msg.group_ref}" if msg.group_ref else ""
            lines.append(f"  Melding {msg.number}: {msg.type} {msg.directory} ref {msg.ref}{group}, "
                         f"{len(msg.segments)} segmenter")
            document = describe_message(msg)
            if document:
                lines.extend(f"    {line}" for line in _summary(document))
            for n, seg in enumerate(msg.segments, start=1):
                lines.append(f"    {n:>4} {segment_text(seg, ic)}")
    return "\n".join(lines)


def show_file(path: Path, *, as_json: bool) -> JobResult:
    """Job for ``edi show``: runs when anything could be read (exit 0), else rejected (1)."""
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
    result = read_file(path)
    issues = validate_interchange(result)
    errors = sum(1 for i in issues if i.is_error)
    job = JobResult(ok=errors == 0 and bool(result.interchanges), issues=issues)
    job.counts = {"interchanges": len(result.interchanges), "messages": len(result.messages),
                  "errors": errors, "warnings": sum(1 for i in issues if not i.is_error)}
    job.summary = (f"{path.name}: gyldig" if job.ok else f"{path.name}: {errors} feil")
    job.extra = {"valid": job.ok}
    return job
