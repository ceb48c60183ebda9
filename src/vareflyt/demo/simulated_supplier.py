"""The demo's simulated supplier: it answers our EDIFACT orders with order responses and packing
slips carrying planted deviations, as a supplier's own system would.

``SimulatedSupplier.answer(order, plant)`` writes an ORDRSP and (unless the order is a pickup)
one or two DESADV files into ``inbox/``, stamped a minute apart; ``PLANTS`` are the deviations
it can plant: changed quantity, backorder with date, rejected line, added freight line,
over-delivery, split delivery (two packing slips), or none. ``unsolicited`` writes a packing
slip for a pickup order we never sent. Its own module because both the purchasing demo
(``purchasing``) and the simulated nights (``nights``) drive it, and the benches use it.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from stdnum import ean

from ..domain.despatch import DespatchAdvice, DespatchLine, Package
from ..domain.orders import LineAction, Order, OrderResponse, ResponseLine, ResponseStatus
from ..edi.mappings import desadv, ordrsp
from ..edi.writer import write_interchange
from ..safe_paths import inside, name_part
from .identifiers import demo_codes

PLANTS = ("changed_qty", "backorder", "rejected", "freight", "over", "split", "clean")
D = Decimal


def _sscc(supplier_gln: str, serial: int) -> str:
    body = "3" + supplier_gln[:7] + f"{serial:09d}"
    return body + ean.calc_check_digit(body)


class SimulatedSupplier:
    """Answers our ORDERS interchanges with ORDRSP and DESADV files (planted deviations)."""

    def __init__(self, inbox: Path, today: date):
        self.inbox, self.today, self.count = inbox, today, 0

    def _drop(self, kind: str, module, doc, sender: str, receiver: str) -> Path:
        self.count += 1
        now = datetime.combine(self.today, time(10, 0)) + timedelta(minutes=self.count)
        data = write_interchange(
            sender, receiver, [(kind, module.to_segments(doc, codes=demo_codes()))], f"S{self.count}", now
        )
        path = inside(self.inbox, f"{kind}_{name_part(sender)}_{name_part(doc.number)}.edi")
        path.write_bytes(data)
        stamp = int(now.timestamp()) * 1_000_000_000
        os.utime(path, ns=(stamp, stamp))  # arrival order: the file's time, not the write tick
        return path

    def answer(self, order: Order, plant: str) -> list[Path]:
        su, by = order.supplier, order.buyer
        when = (
            order.requested_delivery.date()
            if isinstance(order.requested_delivery, datetime)
            else order.requested_delivery or self.today + timedelta(days=5)
        )
        lines, qty = [], {}
        for n, ln in enumerate(order.lines):
            rl = ResponseLine(
                ln.line_no,
                LineAction.ACCEPTED,
                ln.gtin,
                ln.seller_article_no,
                ln.nobb,
                ln.name,
                ln.unit,
                ordered_qty=ln.quantity,
                confirmed_qty=ln.quantity,
                delivery_date=when,
            )
            if n == 0 and plant == "changed_qty":
                rl = replace(
                    rl, action=LineAction.CHANGED, confirmed_qty=(ln.quantity / 2).to_integral_value()
                )
            elif n == 0 and plant == "backorder":
                half = (ln.quantity / 2).to_integral_value()
                rl = replace(
                    rl,
                    action=LineAction.CHANGED,
                    confirmed_qty=half,
                    backorder_qty=ln.quantity - half,
                    backorder_date=when + timedelta(days=14),
                )
            elif n == len(order.lines) - 1 and plant == "rejected" and len(order.lines) > 1:
                rl = replace(
                    rl, action=LineAction.NOT_ACCEPTED, confirmed_qty=D(0), reason="Utgått av sortimentet"
                )
            lines.append(rl)
            qty[ln.line_no] = rl.confirmed_qty
        if plant == "freight":
            lines.append(
                ResponseLine(
                    len(order.lines) + 1,
                    LineAction.ADDED,
                    seller_article_no="FRAKT",
                    nobb="99000001",
                    name="Frakt",
                    unit="EA",
                    ordered_qty=D(1),
                    confirmed_qty=D(1),
                    delivery_date=when,
                    net_price=D("650.00"),
                )
            )
        status = ResponseStatus.ACCEPTED if plant == "clean" else ResponseStatus.CHANGED
        resp = OrderResponse(f"OB{order.number}", order.number, self.today, status, su, by, tuple(lines))
        out = [self._drop("ORDRSP", ordrsp, resp, su.gln, by.gln)]
        if order.pickup:
            return out
        ship = [
            (rl, rl.confirmed_qty + (D(2) if plant == "over" and i == 0 else D(0)))
            for i, rl in enumerate(lines)
            if rl.confirmed_qty
        ]
        parts = (
            [ship[: max(1, len(ship) // 2)], ship[max(1, len(ship) // 2) :]] if plant == "split" else [ship]
        )
        for k, part in enumerate(p for p in parts if p):
            sscc = _sscc(su.gln, self.count + 1)
            dl = tuple(
                DespatchLine(
                    i + 1,
                    q,
                    rl.unit,
                    rl.gtin,
                    rl.seller_article_no,
                    rl.nobb,
                    rl.name,
                    order_no=order.number,
                    order_line=str(rl.line_no),
                    sscc=sscc,
                )
                for i, (rl, q) in enumerate(part)
            )
            slip = DespatchAdvice(
                f"PS{order.number}-{k + 1}",
                self.today,
                su,
                by,
                dl,
                (Package(sscc, "PX"),),
                order_no=order.number,
                despatch_date=self.today,
                delivery_date=self.today + timedelta(days=1),
                final_delivery=k == len(parts) - 1 and plant != "backorder",
            )
            out.append(self._drop("DESADV", desadv, slip, su.gln, by.gln))
        return out

    def unsolicited(self, order: Order) -> Path:
        """A packing slip for a pickup order placed at the counter (never sent by us)."""
        ln = order.lines[0]
        sscc = _sscc(order.supplier.gln, 900000 + self.count)
        slip = DespatchAdvice(
            f"HS{self.today:%y%m%d}-1",
            self.today,
            order.supplier,
            order.buyer,
            (
                DespatchLine(
                    1,
                    D(3),
                    ln.unit,
                    ln.gtin,
                    ln.seller_article_no,
                    ln.nobb,
                    ln.name,
                    order_no=f"HENT-{self.today:%y%m%d}",
                    order_line="1",
                    sscc=sscc,
                ),
            ),
            (Package(sscc, "PK"),),
            order_no=f"HENT-{self.today:%y%m%d}",
            final_delivery=True,
        )
        return self._drop("DESADV", desadv, slip, order.supplier.gln, order.buyer.gln)
