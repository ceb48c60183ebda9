"""Assemble a stream of segments into interchanges and messages, checking the envelope.

UNB opens an interchange, UNG a functional group, UNH a message; UNT, UNE and UNZ close them
and carry counts and control references that must match. Every mismatch, missing trailer or
segment outside a message becomes an Issue with the message number, the segment number in
the message and the tag, or (for envelope segments) the segment number in the file.
"""

from __future__ import annotations

from datetime import datetime

from pydifact.segments import Segment

from ..domain.issues import Issue, Source, error, warning
from .lexer import Problem
from .model import Interchange, Message
from .separators import Separators


def _s(el, i: int = 0) -> str:
    """Component ``i`` of an element (str or list) as str; '' when absent."""
    if isinstance(el, list):
        return el[i] if i < len(el) else ""
    return el if i == 0 else ""


def _el(seg: Segment, i: int):
    return seg.elements[i] if i < len(seg.elements) else ""


def parse_prepared(date: str, time: str) -> datetime | None:
    """UNB S004: yymmdd or ccyymmdd and hhmm -> datetime (None when unreadable)."""
    fmt = {6: "%y%m%d", 8: "%Y%m%d"}.get(len(date))
    if fmt is None or not (date.isascii() and date.isdigit()):
        return None
    try:
        if len(time) == 4 and time.isascii() and time.isdigit():
            return datetime.strptime(date + time, fmt + "%H%M")
        return datetime.strptime(date, fmt)
    except ValueError:
        return None


class Assembler:
    """Feed segments with ``segment()``, problems with ``problem()``, then ``finish()``."""

    def __init__(self, file: str | None, encoding: str = "latin-1"):
        self.file = file
        self.encoding = encoding
        self.interchanges: list[Interchange] = []
        self.issues: list[Issue] = []
        self.ic: Interchange | None = None
        self.msg: Message | None = None
        self.group: Segment | None = None
        self.group_msgs = 0
        self.seps = Separators()
        self.has_una = False
        self.ordinal = 0

    # -- reporting -------------------------------------------------------------------------
    def _src(self, tag: str | None, in_message: bool = True) -> Source:
        if in_message and self.msg is not None:
            return Source(file=self.file, message=self.msg.number, segment=len(self.msg.segments), tag=tag)
        return Source(file=self.file, tag=tag)

    def _err(self, code: str, text: str, tag: str | None = None, in_message: bool = True) -> None:
        where = "" if in_message and self.msg is not None else f" (segment {self.ordinal} i fila)"
        self.issues.append(error(code, text + where, self._src(tag, in_message)))

    def problem(self, p: Problem) -> None:
        self.ordinal = p.ordinal
        src = Source(file=self.file, tag=p.tag)
        if self.msg is not None:
            src = Source(
                file=self.file, message=self.msg.number, segment=len(self.msg.segments) + 1, tag=p.tag
            )
        text = f"{p.message} (segment {p.ordinal} i fila)"
        self.issues.append(error(p.code, text, src) if p.error else warning(p.code, text, src))

    # -- the state machine -----------------------------------------------------------------
    def start_una(self, seps: Separators, has_una: bool, ordinal: int) -> None:
        """A new chunk starts at segment ``ordinal`` of the file: its UNA, or its first segment."""
        # self.ordinal is the number of the last segment seen; without a UNA nothing is seen yet
        self.seps, self.has_una, self.ordinal = seps, has_una, ordinal if has_una else ordinal - 1
        if has_una and self.ic is not None:
            self._close_interchange(None)

    def feed(self, items: list) -> None:
        """Segments and problems in file order; message bodies are appended without a call each."""
        body = self.msg.segments if self.msg is not None else None
        for item in items:
            if type(item) is Problem:
                self.problem(item)
                continue
            if body is not None and item.tag[:2] != "UN":
                body.append(item)
                self.ordinal += 1
                continue
            self.segment(item)
            body = self.msg.segments if self.msg is not None else None

    def segment(self, seg: Segment) -> None:
        self.ordinal += 1
        tag = seg.tag
        msg = self.msg
        if msg is not None and tag[:2] != "UN":
            msg.segments.append(seg)
            return
        handler = _HANDLERS.get(tag)
        if handler is not None:
            handler(self, seg)
        elif msg is not None:
            msg.segments.append(seg)
        elif self.ic is None:
            self._err("edi.outside_interchange", f"Segment {tag} står utenfor UNB..UNZ og ignoreres", tag)
        else:
            self._err("edi.outside_message", f"Segment {tag} står utenfor UNH..UNT og ignoreres", tag)

    def _unb(self, seg: Segment) -> None:
        if self.ic is not None:
            self._close_interchange(None)
        e = seg.elements
        syntax = _el(seg, 0)
        ic = Interchange(
            separators=self.seps,
            syntax_id=_s(syntax, 0),
            syntax_version=_s(syntax, 1),
            sender=_s(_el(seg, 1), 0),
            sender_qualifier=_s(_el(seg, 1), 1) or None,
            receiver=_s(_el(seg, 2), 0),
            receiver_qualifier=_s(_el(seg, 2), 1) or None,
            control_ref=_s(_el(seg, 4)),
            application_ref=_s(_el(seg, 6)) or None,
            ack_requested=_s(_el(seg, 8)) == "1",
            test=_s(_el(seg, 10)) == "1",
            has_una=self.has_una,
            header=seg,
            encoding=self.encoding,
        )
        self.ic = ic
        self.interchanges.append(ic)
        if len(e) < 5 or not ic.syntax_id or not ic.sender or not ic.receiver or not ic.control_ref:
            self._err(
                "edi.unb_malformed", "UNB mangler syntaks, avsender, mottaker eller kontrollreferanse", "UNB"
            )
        prepared = _el(seg, 3)
        ic.prepared = parse_prepared(_s(prepared, 0), _s(prepared, 1))
        if ic.prepared is None and len(e) >= 4:
            self.issues.append(
                warning("edi.unb_date", f"UNB har ugyldig dato/tid {prepared!r}", self._src("UNB", False))
            )

    def _ung(self, seg: Segment) -> None:
        self._need_ic(seg)
        if self.group is not None:
            self._err("edi.missing_une", "Ny UNG før forrige gruppe er avsluttet med UNE", "UNG", False)
        self.group, self.group_msgs = seg, 0
        if self.ic is not None:
            self.ic.groups.append(seg)

    def _une(self, seg: Segment) -> None:
        self._close_open_message("UNE")
        if self.group is None:
            self._err("edi.une_without_ung", "UNE uten UNG", "UNE", False)
            return
        count, ref, gref = _s(_el(seg, 0)), _s(_el(seg, 1)), _s(_el(self.group, 4))
        if count != str(self.group_msgs):
            self._err(
                "edi.une_count",
                f"UNE oppgir {count or 'ingen'} meldinger, gruppen har {self.group_msgs}",
                "UNE",
                False,
            )
        if ref != gref:
            self._err(
                "edi.une_ref", f"UNE-referanse {ref!r} er ikke lik UNG-referansen {gref!r}", "UNE", False
            )
        if self.ic is not None:
            self.ic.group_ends.append(seg)
        self.group = None

    def _unh(self, seg: Segment) -> None:
        self._need_ic(seg)
        self._close_open_message("UNH")
        ic = self.ic
        s009 = _el(seg, 1)
        msg = Message(
            number=(len(ic.messages) + 1) if ic else 1,
            ref=_s(_el(seg, 0)),
            type=_s(s009, 0),
            version=_s(s009, 1),
            release=_s(s009, 2),
            agency=_s(s009, 3),
            association=_s(s009, 4) or None,
            segments=[seg],
            group_ref=_s(_el(self.group, 4)) if self.group is not None else None,
            syntax_id=ic.syntax_id if ic else "",
            encoding=self.encoding,
        )
        self.msg = msg
        if ic is not None:
            ic.messages.append(msg)
        self.group_msgs += 1
        if not msg.ref or not msg.type:
            self._err("edi.unh_malformed", "UNH mangler meldingsreferanse eller meldingstype", "UNH")

    def _unt(self, seg: Segment) -> None:
        msg = self.msg
        if msg is None:
            self._err("edi.unt_without_unh", "UNT uten UNH", "UNT")
            return
        msg.segments.append(seg)
        msg.closed = True
        count, ref, have = _s(_el(seg, 0)), _s(_el(seg, 1)), len(msg.segments)
        if count != str(have):
            self._err(
                "edi.unt_count", f"UNT oppgir {count or 'ingen'} segmenter, meldingen har {have}", "UNT"
            )
        if ref != msg.ref:
            self._err("edi.unt_ref", f"UNT-referanse {ref!r} er ikke lik UNH-referansen {msg.ref!r}", "UNT")
        self.msg = None

    def _unz(self, seg: Segment) -> None:
        self._close_open_message("UNZ")
        if self.group is not None:
            self._err("edi.missing_une", "Gruppen (UNG) er ikke avsluttet med UNE", "UNZ", False)
            self.group = None
        if self.ic is None:
            self._err("edi.unz_without_unb", "UNZ uten UNB", "UNZ", False)
            return
        self._close_interchange(seg)

    def _need_ic(self, seg: Segment) -> None:
        if self.ic is None:
            self._err("edi.missing_unb", f"{seg.tag} før UNB: interchange-hodet mangler", seg.tag, False)
            self.ic = Interchange(separators=self.seps, has_una=self.has_una, encoding=self.encoding)
            self.interchanges.append(self.ic)

    def _close_open_message(self, tag: str) -> None:
        if self.msg is not None:
            self._err("edi.missing_unt", f"Meldingen er ikke avsluttet med UNT før {tag}", tag)
            self.msg = None

    def _close_interchange(self, unz: Segment | None) -> None:
        ic = self.ic
        assert ic is not None
        if unz is None:
            self._close_open_message("ny UNA/UNB")
            self._err(
                "edi.missing_unz", f"Interchange {ic.control_ref!r} er ikke avsluttet med UNZ", "UNZ", False
            )
        else:
            ic.trailer = unz
            count, ref = _s(_el(unz, 0)), _s(_el(unz, 1))
            have = len(ic.groups) if ic.groups else len(ic.messages)
            what = "grupper" if ic.groups else "meldinger"
            if count != str(have):
                self._err(
                    "edi.unz_count",
                    f"UNZ oppgir {count or 'ingen'} {what}, interchangen har {have}",
                    "UNZ",
                    False,
                )
            if ref != ic.control_ref:
                self._err(
                    "edi.unz_ref",
                    f"UNZ-referanse {ref!r} er ikke lik UNB-referansen {ic.control_ref!r}",
                    "UNZ",
                    False,
                )
        self.ic = None

    def finish(self) -> None:
        if self.msg is not None:
            self._err("edi.missing_unt", "Meldingen er ikke avsluttet med UNT (avkortet fil?)", None)
            self.msg = None
        if self.group is not None:
            self._err("edi.missing_une", "Gruppen (UNG) er ikke avsluttet med UNE", None, False)
        if self.ic is not None:
            self._err(
                "edi.missing_unz",
                f"Interchange {self.ic.control_ref!r} er ikke avsluttet med UNZ (avkortet fil?)",
                "UNZ",
                False,
            )
            self.ic = None


_HANDLERS = {
    "UNB": Assembler._unb,
    "UNG": Assembler._ung,
    "UNE": Assembler._une,
    "UNH": Assembler._unh,
    "UNT": Assembler._unt,
    "UNZ": Assembler._unz,
}
