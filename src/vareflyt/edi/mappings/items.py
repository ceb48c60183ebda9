"""Item numbers and prices in LIN, PIA and PRI: which UNCL 7143 code means what for a partner.

``ItemCodes`` holds the codes: GTIN (EN, and SRV as EANCOM writes it), the supplier's article
number (SA), and the partner's NOBB code, which is None unless the partner's ``[partners."GLN"]``
table sets ``nobb_code``. A code keeps its UN meaning otherwise: ``PIA+1+<x>:NB`` from a partner
without ``nobb_code = "NB"`` is a batch number, and is not read as a NOBB number.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pydifact.segments import Segment

from .common import Reader, seg, text


@dataclass(frozen=True)
class ItemCodes:
    """Item-number type codes (UNCL 7143) in LIN/PIA.

    ``nobb`` is the code a partner uses for NOBB numbers (``nobb_code`` in its
    ``[partners."GLN"]`` table, ``GuideSettings.nobb_code``), or None: then no code is read or
    written as a NOBB number, and ``PIA+1+<x>:NB`` stays what UNCL 7143 says it is, a batch
    number. Build a partner's codes with ``ItemCodes.for_partner``.
    """

    gtin: str = "EN"  # LIN+..++<GTIN>:EN (EANCOM writes SRV; both read)
    gtin_alt: tuple[str, ...] = ("SRV",)
    seller: str = "SA"  # PIA+1+<no>:SA
    nobb: str | None = None  # PIA+1+<nobb>:<partner's code>, only when set

    @classmethod
    def for_partner(cls, settings=None) -> ItemCodes:
        """From a partner's ``GuideSettings`` (or its NOBB code as a string, or None)."""
        from ..guides.neb import check_nobb_code

        return cls(nobb=check_nobb_code(getattr(settings, "nobb_code", settings)))


DEFAULT_CODES = ItemCodes()


@dataclass(frozen=True)
class Price:
    """PRI C509: price (5118), unit price basis quantity (5284) and its unit (6411)."""

    amount: Decimal
    basis: Decimal | None = None
    unit: str | None = None
    index: int = 0


def read_lin_item(seg_: Segment, codes: ItemCodes) -> str | None:
    """GTIN from LIN+n+action+<id>:EN|SRV."""
    code = text(seg_, 2, 1)
    if text(seg_, 2, 0) and code in (codes.gtin, *codes.gtin_alt):
        return text(seg_, 2, 0)
    return None


def read_lin_ids(seg_: Segment, codes: ItemCodes) -> dict[str, str | None]:
    """LIN item id as line fields: GTIN (EN/SRV), or a seller's / NOBB number some senders put there."""
    value, code = text(seg_, 2, 0), text(seg_, 2, 1)
    if value and code == codes.seller:
        return {"gtin": None, "seller_article_no": value}
    if value and codes.nobb and code == codes.nobb:
        return {"gtin": None, "nobb": value}
    return {"gtin": read_lin_item(seg_, codes)}


def read_pia(seg_: Segment, codes: ItemCodes) -> dict[str, str]:
    """PIA+1+<no>:SA+<nobb>:<code> -> {"seller_article_no": ..., "nobb": ..., "gtin": ...}.

    A NOBB number only under the partner's own code (``codes.nobb``); other 7143 codes (NB
    batch number, IN/BP the buyer's numbers, ...) have no field here and are left out."""
    found: dict[str, str] = {}
    for index in range(1, len(seg_.elements)):
        value, code = text(seg_, index, 0), text(seg_, index, 1)
        if not value:
            continue
        if code == codes.seller:
            found["seller_article_no"] = value
        elif codes.nobb and code == codes.nobb:
            found["nobb"] = value
        elif code in (codes.gtin, *codes.gtin_alt):
            found["gtin"] = value
    return found


def item_segments(line_no, action, gtin, seller_no, nobb, name, codes: ItemCodes) -> list[Segment]:
    out = [seg("LIN", line_no, action, [gtin, codes.gtin] if gtin else None)]
    if seller_no:
        out.append(seg("PIA", "1", [seller_no, codes.seller]))
    if nobb and codes.nobb:  # without the partner's NOBB code, NOBB is not sent
        out.append(seg("PIA", "1", [nobb, codes.nobb]))
    if name:
        out.append(seg("IMD", "F", None, [None, None, None, name]))
    return out


def read_price(r: Reader, seg_: Segment, index: int) -> Price | None:
    """PRI+<qualifier>:<price>:<type>:<spec>:<basis>:<unit> -> Price (None when unreadable)."""
    amount = r.decimal(text(seg_, 0, 1), index, "pris")
    if amount is None:
        if text(seg_, 0, 1) is None:
            r.error("edi.price_missing", "pris mangler i PRI", index)
        return None
    raw_basis = text(seg_, 0, 4)
    basis = r.positive(raw_basis, index, "prisenhet") if raw_basis is not None else None
    return Price(amount, basis, text(seg_, 0, 5), index)
