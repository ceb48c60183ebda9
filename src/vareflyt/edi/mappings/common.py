"""Helpers shared by the EDIFACT message mappings: element access, numbers, dates, parties, items.

Reading: ``Reader`` walks a message body (pydifact ``Segment`` list between UNH and UNT) and
collects Norwegian issues with the segment position (UNH is segment 1). Numbers accept ``.``
and ``,`` as decimal mark; dates read formats 102 (CCYYMMDD), 203 (CCYYMMDDHHMM) and 101
(YYMMDD). Writing: ``num`` writes a Decimal with ``.`` and never in exponent form.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from pydifact.segments import Segment
from stdnum import ean
from stdnum.no import orgnr

from vareflyt.domain.documents_json import decimal_str
from vareflyt.domain.issues import Issue, Source, error, warning
from vareflyt.domain.orders import PartyRef


def text(seg: Segment, index: int, comp: int = 0) -> str | None:
    """Element ``index`` (0-based after the tag), component ``comp``; empty -> None."""
    if index >= len(seg.elements):
        return None
    element = seg.elements[index]
    if isinstance(element, list):
        value = element[comp] if comp < len(element) else None
    else:
        value = element if comp == 0 else None
    return value if value not in (None, "") else None


def seg(tag: str, *elements) -> Segment:
    """Build a segment, dropping trailing empty elements and components."""
    out: list = []
    for element in elements:
        if isinstance(element, (list, tuple)):
            parts = ["" if c is None else str(c) for c in element]
            while parts and parts[-1] == "":
                parts.pop()
            out.append(parts if len(parts) > 1 else (parts[0] if parts else ""))
        else:
            out.append("" if element is None else str(element))
    while out and out[-1] == "":
        out.pop()
    return Segment(tag, *out)


def num(value: Decimal | None) -> str | None:
    return None if value is None else decimal_str(value)


def dtm(qualifier: str, value: date | datetime | None) -> Segment | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return seg("DTM", [qualifier, value.strftime("%Y%m%d%H%M"), "203"])
    return seg("DTM", [qualifier, value.strftime("%Y%m%d"), "102"])


def _cap(message: str) -> str:
    return message[:1].upper() + message[1:]


class Reader:
    """Position-aware access to a message body, collecting issues."""

    def __init__(self, body: list[Segment], message_ref=None, file: str | None = None):
        self.body = body
        if isinstance(message_ref, str) and message_ref.isdigit():
            message_ref = int(message_ref)
        self.message = message_ref if isinstance(message_ref, int) else None
        self.file = file
        self.issues: list[Issue] = []

    def source(self, index: int | None, line: int | None = None) -> Source:
        if index is None:
            return Source(file=self.file, message=self.message, line=line)
        return Source(
            file=self.file, message=self.message, segment=index + 2, tag=self.body[index].tag, line=line
        )

    def error(self, code: str, message: str, index: int | None = None, line: int | None = None) -> None:
        self.issues.append(error(code, _cap(message), self.source(index, line)))

    def warning(self, code: str, message: str, index: int | None = None, line: int | None = None) -> None:
        self.issues.append(warning(code, _cap(message), self.source(index, line)))

    @property
    def has_errors(self) -> bool:
        return any(i.is_error for i in self.issues)

    def decimal(self, raw: str | None, index: int, what: str) -> Decimal | None:
        if raw is None:
            return None
        cleaned = raw.strip().replace(",", ".")
        try:
            value = Decimal(cleaned)
            if not value.is_finite() or cleaned.count(".") > 1 or "e" in cleaned.lower():
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            self.error("edi.not_positive", f"{what}: «{raw}» er ikke et tall", index)
            return None
        return value

    def date(self, seg_: Segment, index: int) -> date | datetime | None:
        """DTM composite ``qualifier:value:format`` -> date (102, 101) or datetime (203)."""
        raw, fmt = text(seg_, 0, 1), text(seg_, 0, 2) or "102"
        if raw is None:
            self.error("edi.date_missing", "dato mangler i DTM", index)
            return None
        lengths = {"203": 12, "102": 8, "101": 6}
        if fmt in lengths and (len(raw) != lengths[fmt] or not raw.isdigit()):
            self.error("edi.date_invalid", f"«{raw}» er ikke en gyldig dato i format {fmt}", index)
            return None
        try:
            if fmt == "203":
                return datetime.strptime(raw, "%Y%m%d%H%M")
            if fmt == "102":
                return datetime.strptime(raw, "%Y%m%d").date()
            if fmt == "101":
                return datetime.strptime(raw, "%y%m%d").date()
        except ValueError:
            self.error("edi.date_invalid", f"«{raw}» er ikke en gyldig dato i format {fmt}", index)
            return None
        self.error("edi.date_format", f"datoformat {fmt} støttes ikke (bruk 102 eller 203)", index)
        return None

    def positive(self, raw: str | None, index: int, what: str) -> Decimal | None:
        """A number that must be above zero (a price basis quantity)."""
        value = self.decimal(raw, index, what)
        if value is not None and value <= 0:
            self.error("edi.not_positive", f"{what} «{raw}» må være større enn null", index)
            return None
        return value

    def day(self, seg_: Segment, index: int) -> date | None:
        value = self.date(seg_, index)
        return value.date() if isinstance(value, datetime) else value

    def require(self, value, code: str, what: str, index: int | None = None, line: int | None = None):
        if value in (None, ""):
            self.error(code, f"{what} mangler", index, line)
        return value


# --- parties ------------------------------------------------------------------------------


def joined(segment: Segment, element: int, first: int = 0, last: int = 99) -> str | None:
    """Components ``first``..``last`` of a data element joined with a space (how ``split`` pieces
    read back); None when they are all empty."""
    if element >= len(segment.elements):
        return None
    el = segment.elements[element]
    comps = (el if isinstance(el, list) else [el])[first : last + 1]
    while comps and not comps[-1]:
        comps = comps[:-1]
    return " ".join(comps) or None


def read_party(seg_: Segment) -> PartyRef:
    """NAD+<role>+<id>::9++<name> -> PartyRef.

    The id is a GLN when its agency (3055) is 9 (GS1), or when no agency is given and it is 13
    digits with a valid GS1 check digit; a Norwegian organisation number when no agency is
    given and it is 9 digits with a valid MOD11. Other ids (DUNS, agency 16; numbers the buyer
    or supplier assigned, 91/92) are no GLN or orgnr: the party then keeps only its name.
    """
    ident, agency = text(seg_, 1, 0), text(seg_, 1, 2)
    name = joined(seg_, 3, 0, 4) or text(seg_, 2, 0)  # a long name goes over C080's five 3036
    if ident and (agency == "9" or (agency is None and len(ident) == 13 and ean.is_valid(ident))):
        return PartyRef(gln=ident, name=name)
    return PartyRef(orgnr=ident if ident and agency is None and orgnr.is_valid(ident) else None, name=name)


def add_party_ref(party: PartyRef, rff: Segment) -> PartyRef:
    """RFF+VA:<vat no> / RFF+XA:<orgnr> after a NAD."""
    from dataclasses import replace

    qualifier, value = text(rff, 0, 0), text(rff, 0, 1)
    if qualifier == "VA" and value:
        return replace(party, vat_no=value)
    if qualifier in ("XA", "GN") and value:
        return replace(party, orgnr=value)
    return party


def party_segments(role: str, party: PartyRef | None) -> list[Segment]:
    if party is None:
        return []
    out = [seg("NAD", role, [party.gln, None, "9" if party.gln else None], None, party.name)]
    if party.vat_no:
        out.append(seg("RFF", ["VA", party.vat_no]))
    if party.orgnr:
        out.append(seg("RFF", ["XA", party.orgnr]))
    return out


def imd_text(seg_: Segment) -> str | None:
    """IMD C273 7008, both occurrences joined (a description over 35 goes on in the second)."""
    return joined(seg_, 2, 3, 4)


class Parties:
    """Collects NAD parties by role, with the RFF+VA/XA that follow each NAD."""

    ROLES = {"BY", "SU", "DP", "IV", "UD", "SF", "CA", "II", "ST"}

    def __init__(self) -> None:
        self.by_role: dict[str, PartyRef] = {}
        self.last: str | None = None

    ALIASES = {"SE": "SU"}  # seller, as older INVOIC versions name the supplier

    def nad(self, seg_: Segment) -> None:
        role = text(seg_, 0) or ""
        alias = self.ALIASES.get(role)
        if alias and alias not in self.by_role:
            role = alias
        self.by_role[role] = read_party(seg_)
        self.last = role

    def rff(self, seg_: Segment) -> bool:
        """Attach an RFF to the last party; False if it is not a party reference."""
        if self.last is None or text(seg_, 0, 0) not in ("VA", "XA", "GN"):
            return False
        self.by_role[self.last] = add_party_ref(self.by_role[self.last], seg_)
        return True

    def get(self, role: str) -> PartyRef | None:
        return self.by_role.get(role)

    def buyer_and_supplier(self, r: Reader) -> tuple[PartyRef | None, PartyRef | None]:
        """The buyer (NAD+BY) and the supplier (NAD+SU) a trade document must name; each
        missing one is an error on ``r`` (ORDERS, ORDRSP, DESADV and INVOIC alike)."""
        buyer, supplier = self.get("BY"), self.get("SU")
        r.require(buyer, "edi.buyer_missing", "kjøper (NAD+BY)")
        r.require(supplier, "edi.supplier_missing", "leverandør (NAD+SU)")
        return buyer, supplier


def count_segment(lines: int) -> Segment:
    return seg("CNT", ["2", str(lines)])


def qty(qualifier: str, value: Decimal | None, unit: str | None = None) -> Segment | None:
    return None if value is None else seg("QTY", [qualifier, num(value), unit])


def clean(segments) -> list[Segment]:
    """Drop the None placeholders of optional segments."""
    return [s for s in segments if s is not None]


def line_number(r: Reader, seg_: Segment, index: int) -> int:
    raw = text(seg_, 0)
    if raw is None or not raw.isdigit():
        r.error("edi.line_no_invalid", f"linjenummer «{raw or ''}» mangler eller er ikke et heltall", index)
        return 0
    return int(raw)


from .items import (  # noqa: E402,F401 - items imports this module, so its names are re-exported last
    DEFAULT_CODES,
    ItemCodes,
    Price,
    item_segments,
    read_lin_ids,
    read_lin_item,
    read_pia,
    read_price,
)
