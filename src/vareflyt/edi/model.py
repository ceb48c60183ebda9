"""What the EDIFACT reader returns: interchanges, messages, and the issues found on the way.

Segments are pydifact ``Segment`` objects (``tag`` and ``elements``; a simple element is a
``str``, a composite a ``list[str]``), so mappings and tests use pydifact's representation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydifact.segments import Segment

from ..domain.issues import Issue, VareflytError
from .separators import DEFAULT, Separators


class EdifactError(VareflytError):
    """The input cannot be read as EDIFACT at all (the strict tokenizer's error)."""


@dataclass
class Message:
    """One UNH..UNT message. ``number`` counts messages in the interchange from 1."""

    number: int
    ref: str
    type: str
    version: str = ""
    release: str = ""
    agency: str = ""
    association: str | None = None
    segments: list[Segment] = field(default_factory=list)
    group_ref: str | None = None
    closed: bool = False  # a UNT was seen
    syntax_id: str = ""  # the interchange's syntax level (UNOC...): which characters it may hold
    encoding: str = ""  # how the file was decoded ("ascii": no character above 127)

    @property
    def body(self) -> list[Segment]:
        """The segments between UNH and UNT."""
        segs = self.segments
        start = 1 if segs and segs[0].tag == "UNH" else 0
        end = len(segs) - 1 if self.closed and segs and segs[-1].tag == "UNT" else len(segs)
        return segs[start:end]

    @property
    def directory(self) -> str:
        """``D:03A:UN`` style directory label."""
        return ":".join(p for p in (self.version, self.release, self.agency) if p)

    def to_dict(self, *, with_segments: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "number": self.number,
            "ref": self.ref,
            "type": self.type,
            "version": self.version,
            "release": self.release,
            "agency": self.agency,
            "association": self.association,
            "group_ref": self.group_ref,
            "segment_count": len(self.segments),
        }
        if with_segments:
            out["segments"] = [[s.tag, *s.elements] for s in self.segments]
        return out


@dataclass
class Interchange:
    """One UNB..UNZ interchange (with the UNA separators it was read with)."""

    separators: Separators = DEFAULT
    syntax_id: str = ""
    syntax_version: str = ""
    sender: str = ""
    sender_qualifier: str | None = None
    receiver: str = ""
    receiver_qualifier: str | None = None
    prepared: datetime | None = None
    control_ref: str = ""
    messages: list[Message] = field(default_factory=list)
    test: bool = False
    application_ref: str | None = None
    ack_requested: bool = False
    has_una: bool = False
    header: Segment | None = None
    trailer: Segment | None = None
    groups: list[Segment] = field(default_factory=list)  # UNG segments, in order
    group_ends: list[Segment] = field(default_factory=list)  # UNE segments, in order
    encoding: str = "latin-1"

    def segments(self) -> list[Segment]:
        """Every segment from UNB to UNZ, in order (UNG/UNE around their messages)."""
        out: list[Segment] = [self.header] if self.header is not None else []
        group = None
        for msg in self.messages:
            if msg.group_ref != group and group is not None:
                out.append(self._group_end(group))
            if msg.group_ref is not None and msg.group_ref != group:
                ung = next(
                    (g for g in self.groups if len(g.elements) > 4 and g.elements[4] == msg.group_ref), None
                )
                if ung is not None:
                    out.append(ung)
            group = msg.group_ref
            out.extend(msg.segments)
        if group is not None:
            out.append(self._group_end(group))
        if self.trailer is not None:
            out.append(self.trailer)
        return out

    def _group_end(self, ref: str) -> Segment:
        for une in self.group_ends:
            if len(une.elements) > 1 and une.elements[1] == ref:
                return une
        count = sum(1 for m in self.messages if m.group_ref == ref)
        return Segment("UNE", str(count), ref)

    def to_dict(self, *, with_segments: bool = True) -> dict[str, Any]:
        return {
            "separators": self.separators.advice,
            "syntax_id": self.syntax_id,
            "syntax_version": self.syntax_version,
            "sender": self.sender,
            "sender_qualifier": self.sender_qualifier,
            "receiver": self.receiver,
            "receiver_qualifier": self.receiver_qualifier,
            "prepared": self.prepared.isoformat() if self.prepared else None,
            "control_ref": self.control_ref,
            "test": self.test,
            "application_ref": self.application_ref,
            "encoding": self.encoding,
            "messages": [m.to_dict(with_segments=with_segments) for m in self.messages],
        }


@dataclass
class ReadResult:
    """Everything read from one file; ``ok`` is False when any issue is an error."""

    interchanges: list[Interchange] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    file: str | None = None

    @property
    def ok(self) -> bool:
        return not any(i.is_error for i in self.issues)

    @property
    def messages(self) -> list[Message]:
        return [m for ic in self.interchanges for m in ic.messages]
