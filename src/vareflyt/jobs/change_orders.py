"""``vareflyt orders change NUMBER`` and the order-entry column "Endrer ordre": change orders.

Seed 004 §5.1: more articles or a higher quantity on a sent order is a *new* order with a new
number that refers to the old one. ``change_order`` makes it: the old order's lines under the
same line numbers with the wanted quantities, plus the added articles (``rules.order_change``
says what is allowed and refuses the rest), priced on the new order date from the catalogue;
written as for the supplier (NeB ORDERS or a printable order) with its references
(``jobs.order_header``), stored with ``replaces = <old number>``, and the old order closed
with status ``replaced`` — all in one transaction (``jobs.order_writer``).

In the ORDERS message the new order is ``BGM+220+<new number>+5`` with ``RFF+PW:<old number>``:
* 1225 = 5 (Replace, "message replacing a previous one"), not 9 (Original): the message holds
  the whole order again and the old one is closed here, so a supplier that read it as one more
  original order would deliver the old lines twice. §5.1's "ny bestilling ... med nytt
  ordrenummer" is kept by the new number; 5 tells what the new order does to the old one.
* 1153 = PW (Prior purchase order number, "reference number of a purchase order previously
  sent to the supplier"), which is what the old number is; PP (purchase order change number)
  would number the change itself and ACW (reference number to previous message) names a
  message, not an order.

A refused change raises ``ChangeRefused`` (exit code 1) and changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from ..domain.issues import JobResult, UsageError, VareflytError, info, warning
from ..rules import ordering
from ..rules.order_change import ChangedLine, Wanted, apply_changes, status_refusal
from ..store import purchase_orders as repo
from ..store.order_changes import OrderHead, own_orders, replaced_by
from .order_catalogue import Catalogue, StoreCatalogue, price_source
from .order_header import order_header
from .order_writer import write_order
from .progress import NULL_PROGRESS
from .suppliers import Suppliers

if TYPE_CHECKING:
    from ..workspace import Workspace

JOB = "orders.change"


class ChangeRefused(VareflytError):
    """A change order that is not made; the message says why (exit code 1)."""


def change_order(
    ws: Workspace,
    number: str,
    wanted: Sequence[Wanted],
    *,
    on: date | None = None,
    now: datetime | None = None,
    catalogue: Catalogue | None = None,
    supplier_gln: str | None = None,
    progress=NULL_PROGRESS,
) -> JobResult:
    """Replace our order ``number`` by a change order with the ``wanted`` quantities (see the module
    docstring). ``supplier_gln``, when given, must be the old order's supplier."""
    on, now, number = on or date.today(), now or datetime.now(), number.strip()
    if not wanted:
        raise UsageError("Oppgi minst én vare med nytt antall, f.eks. --set T100=150.")
    with progress.task(f"Lager endringsordre for ordre {number}", total=None):
        suppliers = Suppliers(ws)
        with ws.store.connect() as conn:
            old = _the_order(conn, number, suppliers)
            lines = repo.load_lines(conn, old.id)
            later = replaced_by(conn, old.supplier_gln, number)
        if supplier_gln and supplier_gln != old.supplier_gln:
            raise ChangeRefused(
                f"Ordre {number} gikk til {suppliers.label(old.supplier_gln)}, "
                f"ikke til {suppliers.label(supplier_gln)}."
            )
        refused = status_refusal(number, old.status, old.closed, later)
        changed, refused = ([], refused) if refused else apply_changes(number, lines, wanted)
        if refused:
            raise ChangeRefused(refused)
        company = ws.config.company
        if suppliers.edi(old.supplier_gln) and not company.gln:
            raise UsageError(
                'Eget GLN mangler: skriv gln = "..." under [company] i vareflyt.toml før EDI-ordrer sendes.'
            )
        plan, notes = _plan(old, changed, catalogue or StoreCatalogue(ws), on, company.gln)
        header, header_notes = order_header(ws, plan, suppliers, replaces=number)
        made = write_order(ws, plan, header, suppliers, company, on, now, replacing=old.id, job=JOB)
    made["replaces"] = number
    raised, added = sum(c.raised for c in changed), sum(c.old is None for c in changed)
    return JobResult(
        counts={"orders": 1, "lines": len(changed), "changed": raised, "added": added},
        issues=notes + header_notes,
        outputs=[made["file"]],
        extra={"orders": [made], "replaces": number},
        summary=f"Ordre {made['number']} erstatter ordre {number} "
        f"({_lines(raised)} økt, {_lines(added)} lagt "
        f"til); ordre {number} er lukket som erstattet.",
    )


def _lines(n: int) -> str:
    return f"{n} linje" if n == 1 else f"{n} linjer"


def _the_order(conn, number: str, suppliers: Suppliers) -> OrderHead:
    found = own_orders(conn, number)
    if not found:
        raise ChangeRefused(
            f"Fant ingen ordre med nummer {number} som vi har sendt. Se ordrene med «vareflyt orders list»."
        )
    if len(found) > 1:
        to = ", ".join(suppliers.label(o.supplier_gln) for o in found)
        raise ChangeRefused(
            f"Flere ordrer har nummer {number} (til {to}); endre den med leverandøren direkte."
        )
    return found[0]


def _requested(old: OrderHead) -> datetime | date | None:
    """The order's wanted delivery as it was entered: a time of day, or a bare date (stored at 00:00)."""
    when = old.requested_delivery
    if when is None or when.time() != datetime.min.time():
        return when
    return when.date()


def _plan(
    old: OrderHead, changed: list[ChangedLine], catalogue: Catalogue, on: date, own_gln: str
) -> tuple[ordering.PlannedOrder, list]:
    """The change order's plan: every line priced on the new order date. A carried line whose
    article has no price any more keeps the old order's price (the supplier confirmed it); an added
    article that cannot be ordered refuses the change."""
    requested = _requested(old)
    day = requested.date() if isinstance(requested, datetime) else requested
    planned, notes = [], []
    for c in changed:
        found = ordering.resolve(catalogue(old.supplier_gln, c.article, on), on)
        if isinstance(found, str) and c.old is None:
            raise ChangeRefused(
                f"Varen {c.article} kan ikke legges til ordre {old.number}: "
                f"{ordering.REASONS[found].lower()}."
            )
        prior = c.old
        if isinstance(found, str):
            assert prior is not None  # an added line without a price was refused above
            notes.append(
                info(
                    "order.change_price_kept",
                    f"Linje {c.line_no} ({c.article}): "
                    f"{ordering.REASONS[found].lower()} på {on:%d.%m.%Y}; prisen fra ordre {old.number} "
                    f"er beholdt.",
                    c.source,
                )
            )
            found = ordering.Resolved(
                c.article, prior.net_price if prior.net_price is not None else Decimal(0)
            )
        else:
            found = replace(found, price_source=price_source(catalogue, old.supplier_gln, c.article, on))
        if prior is not None:  # the ordered article and unit stay as they were
            found = replace(
                found,
                article_no=prior.article_no or found.article_no,
                gtin=prior.gtin or found.gtin,
                nobb=prior.nobb or found.nobb,
                name=prior.name or found.name,
                unit=prior.unit or found.unit,
            )
        entry = ordering.EntryLine(
            old.supplier_gln, c.article, c.quantity, unit=found.unit, source=c.source, origin="change"
        )
        own_day = prior.requested_date if prior is not None and prior.requested_date != day else None
        planned.append(ordering.PlannedLine(c.line_no, entry, found, c.key, own_day))
    plan = ordering.PlannedOrder(
        old.supplier_gln,
        old.delivery_gln or own_gln,
        old.pickup,
        old.project,
        old.end_customer,
        requested,
        tuple(planned),
    )
    return plan, notes


def changes_from_entries(
    ws: Workspace,
    entries: Sequence[ordering.EntryLine],
    *,
    on: date,
    now: datetime,
    catalogue: Catalogue,
    suppliers: Suppliers,
    result: JobResult,
) -> tuple[list[dict], dict[int, str], dict[int, str]]:
    """Order-entry lines with "Endrer ordre": one change order per order number, all its lines
    or none. Returns the orders made, entry id -> order number (made now, or by an earlier run)
    and entry id -> why the change was not made; the issues go to ``result``."""
    groups: dict[str, list[ordering.EntryLine]] = {}
    for e in entries:
        groups.setdefault((e.changes_order or "").strip(), []).append(e)
    made, written, reasons = [], {}, {}
    for number, group in groups.items():
        keys = [e.key() for e in group]
        with ws.store.connect() as conn:
            used = repo.used_entry_keys(conn, keys)
        if used:  # made by an earlier run whose write-back was lost
            for e, k in zip(group, keys):
                if k in used:
                    written[id(e)] = used[k]
                    result.add(info("order.already", f"Allerede bestilt: {e.article}", e.source))
                else:
                    reasons[id(e)] = f"Ordre {number} er allerede endret (ordre {next(iter(used.values()))})."
            continue
        refused = _group_refusal(number, group, suppliers)
        if refused is None:
            wanted = [_wanted(e, k) for e, k in zip(group, keys)]
            glns = {suppliers.gln(e.supplier) for e in group if (e.supplier or "").strip()}
            try:
                done = change_order(
                    ws,
                    number,
                    wanted,
                    on=on,
                    now=now,
                    catalogue=catalogue,
                    supplier_gln=next(iter(glns), None),
                )
            except VareflytError as exc:  # refused, or cannot be written: the other changes go on
                refused = str(exc)
            else:
                made.extend(done.extra["orders"])
                result.extend(done.issues)
                written.update((id(e), done.extra["orders"][0]["number"]) for e in group)
                continue
        result.add(warning("order.change_refused", refused, group[0].source))
        reasons.update((id(e), refused) for e in group)
    return made, written, reasons


def _wanted(e: ordering.EntryLine, key: str) -> Wanted:
    """The change a line asks for (``_group_refusal`` made sure every line has article and quantity)."""
    assert e.article is not None and e.quantity is not None
    return Wanted(e.article.strip(), e.quantity, e.source, key)


def _group_refusal(number: str, group: list[ordering.EntryLine], suppliers: Suppliers) -> str | None:
    if any(not (e.article or "").strip() or e.quantity is None for e in group):
        return f"Artikkel og antall må fylles ut på alle linjer som endrer ordre {number}."
    glns = {suppliers.gln(e.supplier) for e in group if (e.supplier or "").strip()}
    if None in glns:
        return f"{ordering.REASONS['supplier']} på en linje som endrer ordre {number}."
    if len(glns) > 1:
        return f"Linjene som endrer ordre {number}, har ulike leverandører."
    return None
