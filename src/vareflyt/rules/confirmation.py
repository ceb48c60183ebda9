"""Applying an order response (ORDRSP) to the order's lines: new line states and deviations.

DOMAIN.md §2.3 and seed 004 §5.2: one response per order, with every order line accepted,
accepted with change (quantity and/or date), or not accepted; the supplier may add lines
(freight, environmental fees), marked as new. Deviation kinds, each with its own code:

=============================  ===========================================================
``order_response.new_order_date``    new date for the whole order
``order_response.split_delivery``    split delivery: lines confirmed for different dates
``order_response.new_date``          one line confirmed for another date than requested
``order_response.line_rejected``           line not accepted (with the supplier's reason)
``order_response.partial``           partial quantity without backorder (the rest will not come)
``order_response.backordered``       partial quantity with backorder (restnotering) and its date
``order_response.backorder_without_date``   backorder without a date
``order_response.quantity_increased``       more confirmed than ordered
``order_response.new_line``         line added by the supplier
``order_response.line_deleted``          line deleted by the supplier
``order_response.unknown_line``     response line that is not on the order
``order_response.lines_missing``   order lines missing from the response
``order_response.order_rejected``     the whole order was rejected
=============================  ===========================================================

The rule is computed from the ordered values, so applying the same response twice gives the
same result, and a later response replaces what an earlier one said.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from ..domain.money import nb_number
from ..domain.orders import LineAction, OrderResponse, ResponseLine, ResponseStatus
from .order_status import ZERO, Deviation, LineState


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _fmt(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "ukjent dato"


def _qty(value: Decimal | None) -> str:
    return nb_number(value.normalize()) if value is not None else "?"


def apply_response(
    lines: list[LineState], response: OrderResponse, requested: date | datetime | None = None
) -> tuple[list[LineState], list[Deviation]]:
    """New states for every order line (plus supplier-added lines) and the deviations found."""
    by_no = {ln.line_no: ln for ln in lines}
    header_date = _day(response.delivery_date)
    order_requested = _day(requested)
    devs: list[Deviation] = []
    out: dict[int, LineState] = dict(by_no)
    seen: set[int] = set()

    if header_date and order_requested and header_date != order_requested:
        devs.append(
            Deviation(
                "order_response.new_order_date",
                f"Ny leveringsdato for hele ordren: {_fmt(header_date)} (ønsket {_fmt(order_requested)})",
            )
        )
    if response.status is ResponseStatus.REJECTED and not response.lines:
        for no, ln in by_no.items():
            out[no] = replace(
                ln, responded=True, rejected=True, changed=True, confirmed_qty=ZERO, reason=response.note
            )
        devs.append(
            Deviation(
                "order_response.order_rejected",
                "Leverandøren avviste hele ordren" + (f": {response.note}" if response.note else ""),
            )
        )
        return sorted(out.values(), key=lambda x: x.line_no), devs

    for rl in response.lines:
        current = by_no.get(rl.line_no)
        if rl.action is LineAction.ADDED or current is None or current.added:
            if rl.action is not LineAction.ADDED and current is None:
                devs.append(
                    Deviation(
                        "order_response.unknown_line",
                        f"Linje {rl.line_no} i ordresvaret finnes ikke i ordren; behandlet som ny linje",
                        line_no=rl.line_no,
                        article_no=rl.seller_article_no,
                    )
                )
            new, dev = _added(rl, header_date or order_requested, current)
            out[rl.line_no] = new
            seen.add(rl.line_no)
            devs.append(dev)
            continue
        seen.add(rl.line_no)
        new, line_devs = _apply_line(current, rl, header_date)
        out[rl.line_no] = new
        devs.extend(line_devs)

    missing = [no for no, ln in by_no.items() if no not in seen and not ln.added]
    if missing:
        if response.status is ResponseStatus.REJECTED:
            for no in missing:
                out[no] = replace(by_no[no], responded=True, rejected=True, changed=True, confirmed_qty=ZERO)
            devs.append(Deviation("order_response.order_rejected", "Leverandøren avviste ordren"))
        else:
            shown = ", ".join(str(n) for n in missing[:20])
            devs.append(
                Deviation(
                    "order_response.lines_missing",
                    f"Ordresvaret mangler {len(missing)} av ordrelinjene: {shown}",
                )
            )
    dates = {
        ln.confirmed_date
        for ln in out.values()
        if ln.line_no in seen and not ln.rejected and not ln.added and ln.confirmed_date
    }
    if len(dates) > 1:
        devs.append(
            Deviation(
                "order_response.split_delivery",
                "Delt levering: linjene leveres på ulike datoer ("
                + ", ".join(_fmt(d) for d in sorted(dates))
                + ")",
            )
        )
    return sorted(out.values(), key=lambda x: x.line_no), devs


def _added(
    rl: ResponseLine, default_date: date | None, current: LineState | None
) -> tuple[LineState, Deviation]:
    qty = rl.confirmed_qty if rl.confirmed_qty is not None else (rl.ordered_qty or ZERO)
    when = rl.delivery_date or default_date
    state = LineState(
        line_no=rl.line_no,
        ordered_qty=qty,
        article_no=rl.seller_article_no,
        gtin=rl.gtin,
        nobb=rl.nobb,
        name=rl.name,
        unit=rl.unit,
        net_price=rl.net_price,
        responded=True,
        changed=True,
        added=True,
        confirmed_qty=qty,
        confirmed_date=when,
        reason=rl.reason,
        delivered_qty=current.delivered_qty if current else ZERO,
        received_qty=current.received_qty if current else None,
        invoiced_qty=current.invoiced_qty if current else ZERO,
    )
    what = rl.name or rl.seller_article_no or rl.gtin or "ukjent vare"
    price = f" à {_qty(rl.net_price)}" if rl.net_price is not None else ""
    return state, Deviation(
        "order_response.new_line",
        f"Leverandøren la til linje {rl.line_no}: {what}, {_qty(qty)} {rl.unit or ''}{price}".rstrip(),
        line_no=rl.line_no,
        article_no=rl.seller_article_no,
    )


def _apply_line(
    ln: LineState, rl: ResponseLine, header_date: date | None
) -> tuple[LineState, list[Deviation]]:
    devs: list[Deviation] = []
    art = ln.article_no
    if rl.action in (LineAction.NOT_ACCEPTED, LineAction.DELETED):
        code = (
            "order_response.line_rejected"
            if rl.action is LineAction.NOT_ACCEPTED
            else "order_response.line_deleted"
        )
        verb = "ble ikke akseptert" if rl.action is LineAction.NOT_ACCEPTED else "ble slettet"
        reason = f": {rl.reason}" if rl.reason else ""
        devs.append(
            Deviation(
                code,
                f"Linje {ln.line_no} ({ln.name or art or ln.gtin or ''}) {verb}{reason}",
                line_no=ln.line_no,
                article_no=art,
            )
        )
        return replace(
            ln,
            responded=True,
            rejected=True,
            changed=True,
            confirmed_qty=ZERO,
            backorder_qty=None,
            backorder_date=None,
            confirmed_date=None,
            reason=rl.reason,
        ), devs
    confirmed = rl.confirmed_qty if rl.confirmed_qty is not None else ln.ordered_qty
    backorder = rl.backorder_qty if rl.backorder_qty else None
    when = rl.delivery_date or header_date or ln.requested_date
    changed = rl.action is LineAction.CHANGED
    if confirmed + (backorder or ZERO) > ln.ordered_qty:
        changed = True
        devs.append(
            Deviation(
                "order_response.quantity_increased",
                f"Linje {ln.line_no}: bekreftet {_qty(confirmed + (backorder or ZERO))}, "
                f"bestilt {_qty(ln.ordered_qty)}",
                line_no=ln.line_no,
                article_no=art,
            )
        )
    elif confirmed < ln.ordered_qty:
        changed = True
        if backorder:
            if rl.backorder_date is None:
                devs.append(
                    Deviation(
                        "order_response.backorder_without_date",
                        f"Linje {ln.line_no}: {_qty(backorder)} restnotert uten dato",
                        line_no=ln.line_no,
                        article_no=art,
                    )
                )
            devs.append(
                Deviation(
                    "order_response.backordered",
                    f"Linje {ln.line_no}: {_qty(confirmed)} av {_qty(ln.ordered_qty)} leveres, "
                    f"{_qty(backorder)} restnotert til {_fmt(rl.backorder_date)}",
                    line_no=ln.line_no,
                    article_no=art,
                )
            )
        else:
            devs.append(
                Deviation(
                    "order_response.partial",
                    f"Linje {ln.line_no}: bare {_qty(confirmed)} av {_qty(ln.ordered_qty)} leveres, "
                    "resten restnoteres ikke (må bestilles på nytt)",
                    line_no=ln.line_no,
                    article_no=art,
                )
            )
    if (
        rl.delivery_date
        and ln.requested_date
        and rl.delivery_date != ln.requested_date
        and rl.delivery_date != header_date
    ):
        changed = True
        devs.append(
            Deviation(
                "order_response.new_date",
                f"Linje {ln.line_no}: ny leveringsdato {_fmt(rl.delivery_date)} "
                f"(ønsket {_fmt(ln.requested_date)})",
                line_no=ln.line_no,
                article_no=art,
            )
        )
    elif header_date and ln.requested_date and header_date != ln.requested_date:
        changed = True
    return replace(
        ln,
        responded=True,
        changed=changed,
        rejected=False,
        confirmed_qty=confirmed,
        confirmed_date=when,
        backorder_qty=backorder,
        backorder_date=rl.backorder_date if backorder else None,
        reason=rl.reason,
    ), devs
