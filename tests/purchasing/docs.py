"""Building supplier documents (ORDRSP, DESADV) as EDIFACT files in a workspace inbox."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from vareflyt.domain.despatch import DespatchAdvice
from vareflyt.domain.orders import OrderResponse, PartyRef, ResponseStatus
from vareflyt.edi.mappings import desadv, ordrsp
from vareflyt.edi.writer import write_interchange

from .conftest import EDI_SUPPLIER, OUR

NOW = datetime(2026, 3, 2, 12, 0)
_ARRIVAL = 0


def parties(supplier=EDI_SUPPLIER, buyer=OUR):
    return PartyRef(gln=supplier, name="Trelast Vest AS"), PartyRef(gln=buyer, name="Byggmester Test AS")


def response(order_no, *lines, number="R-1", status=ResponseStatus.CHANGED, supplier=EDI_SUPPLIER, **kw):
    su, by = parties(supplier)
    return OrderResponse(number, order_no, date(2026, 3, 2), status, su, by, tuple(lines), **kw)


def despatch(number, *lines, order_no=None, supplier=EDI_SUPPLIER, **kw):
    su, by = parties(supplier)
    return DespatchAdvice(number, date(2026, 3, 5), su, by, tuple(lines), order_no=order_no, **kw)


def drop(ws, doc, name=None, sender=None, receiver=OUR, ref="1") -> Path:
    """Write the document as an interchange into inbox/ and return the path."""
    kind, module = ("ORDRSP", ordrsp) if isinstance(doc, OrderResponse) else ("DESADV", desadv)
    data = write_interchange(
        sender or doc.supplier.gln, receiver, [(kind, module.to_segments(doc))], ref, NOW
    )
    path = ws.inbox / (name or f"{kind}_{doc.number}.edi")
    path.write_bytes(data)
    global _ARRIVAL
    _ARRIVAL += 1
    stamp = (1_770_000_000 + _ARRIVAL) * 1_000_000_000  # files arrive one second apart
    os.utime(path, ns=(stamp, stamp))
    return path
