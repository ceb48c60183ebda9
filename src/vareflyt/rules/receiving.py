"""Applying a despatch advice (DESADV, packing slip) to known orders: received quantities and flags.

Seed 004 §6: the packing-slip number is not used before (checked by the job against the
store), dates are sensible, GLNs are right, the slip refers to one order (or, when two orders
are packed together, each line refers to its order), delivered quantity agrees with the
ordered quantity including confirmed changes. Despatched quantities become the delivered
quantity of the order line; the final-delivery flag closes the rest of the order.

Errors (the document is rejected whole): invalid SSCC check digit, buyer GLN not ours, a
slip without lines. Deviations (accepted, shown to the buyer): ``packing_slip.over_delivery``,
``packing_slip.under_delivery``, ``packing_slip.unknown_line``, ``packing_slip.delivery_place``,
``packing_slip.date``, ``packing_slip.partial`` (info), ``packing_slip.measured_article`` (info: a weight or
length line delivered within the tolerance, taken as complete with the despatched quantity).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal

from stdnum import ean

from ..domain.despatch import DespatchAdvice, DespatchLine
from ..domain.issues import Issue, Source, error
from ..domain.money import nb_number
from ..domain.order_lines import Receipt  # re-exported: the store records receipts
from .order_status import ZERO, Deviation, LineState, expected_qty


@dataclass(frozen=True)
class KnownOrder:
    number: str
    lines: tuple[LineState, ...]
    delivery_gln: str | None = None
    closed: bool = False


@dataclass
class ReceivingResult:
    receipts: list[Receipt] = field(default_factory=list)
    lines: dict[str, list[LineState]] = field(default_factory=dict)  # order no -> new states
    closed: set[str] = field(default_factory=set)  # orders closed by final flag
    deviations: list[tuple[str | None, Deviation]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)  # errors: reject the slip


def sscc_valid(sscc: str) -> bool:
    """18 digits with a valid GS1 check digit (stdnum's ``is_valid`` rejects 18 digits)."""
    return len(sscc) == 18 and sscc.isdigit() and ean.calc_check_digit(sscc[:-1]) == sscc[-1]


def _q(value: Decimal) -> str:
    return nb_number(value.normalize())


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def check_formal(doc: DespatchAdvice, our_gln: str | None, file: str | None = None) -> list[Issue]:
    """Checks that reject the whole packing slip."""
    issues: list[Issue] = []
    src = Source(file=file)
    if not doc.lines:
        issues.append(error("packing_slip.empty", f"Pakkseddel {doc.number} har ingen linjer", src))
    ssccs = [p.sscc for p in doc.packages if p.sscc] + [ln.sscc for ln in doc.lines if ln.sscc]
    for sscc in dict.fromkeys(ssccs):
        if not sscc_valid(sscc):
            issues.append(
                error("packing_slip.sscc", f"SSCC {sscc} har feil lengde eller kontrollsiffer", src)
            )
    if our_gln and doc.buyer.gln and doc.buyer.gln != our_gln:
        issues.append(
            error("packing_slip.buyer", f"Kjøper-GLN {doc.buyer.gln} er ikke vårt GLN ({our_gln})", src)
        )
    return issues


def order_refs(doc: DespatchAdvice) -> list[str]:
    """The order numbers the slip refers to, header first, in order of appearance."""
    refs = [doc.order_no] if doc.order_no else []
    refs += [ln.order_no for ln in doc.lines if ln.order_no]
    return list(dict.fromkeys(refs))


def _match(line: DespatchLine, order: KnownOrder, states: dict[int, LineState]) -> int | None:
    if line.order_line and line.order_line.isdigit() and int(line.order_line) in states:
        return int(line.order_line)
    keys = [(k, getattr(line, k)) for k in ("gtin", "seller_article_no", "nobb") if getattr(line, k)]
    candidates = []
    for st in states.values():
        for attr, value in keys:
            mine = st.article_no if attr == "seller_article_no" else getattr(st, attr)
            if mine and mine == value:
                candidates.append(st)
                break
    open_ = [c for c in candidates if c.delivered_qty < expected_qty(c)]
    pick = open_ or candidates
    return pick[0].line_no if pick else None


def apply_despatch(
    doc: DespatchAdvice,
    orders: dict[str, KnownOrder],
    *,
    variable_units: frozenset[str] = frozenset(),
    tolerance_pct: Decimal = Decimal(0),
) -> ReceivingResult:
    """Delivered quantities per order line, receipts, and deviations; ``orders`` are the known
    orders of this supplier the slip refers to (by number). A line in one of ``variable_units``
    (weight, length, area goods) delivered within ``tolerance_pct`` of what was expected is
    complete: the despatched quantity becomes the line's quantity (seed 004 §6)."""
    res = ReceivingResult()
    states = {no: {ln.line_no: ln for ln in o.lines} for no, o in orders.items()}
    touched: set[tuple[str, int]] = set()
    default_order = (
        doc.order_no if doc.order_no in orders else (next(iter(orders)) if len(orders) == 1 else None)
    )
    for line in doc.lines:
        order_no = line.order_no if line.order_no in orders else (None if line.order_no else default_order)
        order_line = _match(line, orders[order_no], states[order_no]) if order_no else None
        res.receipts.append(
            Receipt(
                line.line_no,
                line.quantity,
                order_no or line.order_no or doc.order_no,
                order_line,
                line.seller_article_no,
                line.gtin,
                line.name,
                line.unit,
                line.sscc,
            )
        )
        what = line.name or line.seller_article_no or line.gtin or ""
        if order_line is None:
            where = f"ordre {line.order_no}" if line.order_no and line.order_no not in orders else "ordren"
            res.deviations.append(
                (
                    order_no,
                    Deviation(
                        "packing_slip.unknown_line",
                        f"Pakkseddellinje {line.line_no} ({what}, {_q(line.quantity)}) finnes ikke i {where}",
                        line_no=line.line_no,
                        article_no=line.seller_article_no,
                    ),
                )
            )
            continue
        assert order_no is not None, "a matched line has its order"
        st = states[order_no][order_line]
        states[order_no][order_line] = replace(st, delivered_qty=st.delivered_qty + line.quantity)
        touched.add((order_no, order_line))
    for no, order in orders.items():
        if doc.final_delivery:
            res.closed.add(no)
        if (
            doc.delivery_party
            and doc.delivery_party.gln
            and order.delivery_gln
            and doc.delivery_party.gln != order.delivery_gln
        ):
            res.deviations.append(
                (
                    no,
                    Deviation(
                        "packing_slip.delivery_place",
                        f"Leveringssted {doc.delivery_party.gln} avviker fra ordren ({order.delivery_gln})",
                    ),
                )
            )
        for line_no, st in states[no].items():
            expected, got = expected_qty(st), st.delivered_qty
            if (
                (no, line_no) in touched
                and got != expected
                and st.unit in variable_units
                and expected > 0
                and abs(got - expected) <= expected * tolerance_pct / 100
            ):
                states[no][line_no] = replace(
                    st, confirmed_qty=got, backorder_qty=ZERO if st.backorder_qty else None
                )
                res.deviations.append(
                    (
                        no,
                        Deviation(
                            "packing_slip.measured_article",
                            f"Linje {line_no}: målevare levert med {_q(got)} {st.unit} av {_q(expected)} "
                            f"(innenfor {_q(tolerance_pct)} %); linjen er oppdatert med levert mengde",
                            severity="info",
                            line_no=line_no,
                            article_no=st.article_no,
                            decide=False,
                        ),
                    )
                )
                continue
            if (no, line_no) in touched and got > expected:
                res.deviations.append(
                    (
                        no,
                        Deviation(
                            "packing_slip.over_delivery",
                            f"Linje {line_no}: levert {_q(got)}, forventet {_q(expected)}",
                            line_no=line_no,
                            article_no=st.article_no,
                        ),
                    )
                )
            elif got < expected and doc.final_delivery:
                res.deviations.append(
                    (
                        no,
                        Deviation(
                            "packing_slip.under_delivery",
                            f"Linje {line_no}: sluttlevert med {_q(got)} av {_q(expected)}; resten avsluttes",
                            line_no=line_no,
                            article_no=st.article_no,
                        ),
                    )
                )
            elif got < expected and (no, line_no) in touched:
                res.deviations.append(
                    (
                        no,
                        Deviation(
                            "packing_slip.partial",
                            f"Linje {line_no}: delvis levert {_q(got)} av {_q(expected)}, rest ventes",
                            severity="info",
                            line_no=line_no,
                            article_no=st.article_no,
                            decide=False,
                        ),
                    )
                )
        res.lines[no] = [
            replace(st, closed=True) if doc.final_delivery else st
            for st in sorted(states[no].values(), key=lambda s: s.line_no)
        ]
    despatch, arrival = _day(doc.despatch_date), _day(doc.delivery_date)
    if despatch and arrival and arrival < despatch:
        res.deviations.append(
            (
                default_order,
                Deviation(
                    "packing_slip.date",
                    f"Forventet levering {arrival:%d.%m.%Y} er før sendedato {despatch:%d.%m.%Y}",
                    decide=False,
                ),
            )
        )
    return res
