"""What an order's header carries besides its lines, for ``orders make`` and ``orders change``.

* The agreement reference (RFF+CT) and the price-list reference (RFF+PL), chosen by
  ``rules.order_refs``: the agreement number from ``contract_refs`` of the supplier's
  ``[invoice_control.suppliers."GLN"]`` (read through ``for_supplier``) when it holds exactly one;
  the reference of the newest price-list version that gave the lines' prices.
* For a pickup order the pickup place (NAD+SF) with name and address, as seed 004 §5.1 asks
  ("I tillegg angis hentested i NAD+SF med navn og adresse"), from the stored party with that
  GLN. A place without a stored party, or a party without a full address, is written with what
  exists and a warning; the order is never stopped for it.
* For a change order, the number of the order it replaces (RFF+PW).

Both references are stored with the order, where invoice control reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.issues import Issue, info, warning
from ..domain.orders import PartyRef
from ..domain.parties import Party
from ..rules.order_refs import agreement_ref, listed, price_list_ref
from ..rules.ordering import PlannedOrder
from .suppliers import Suppliers

if TYPE_CHECKING:
    from ..workspace import Workspace


@dataclass(frozen=True)
class OrderHeader:
    agreement_ref: str | None = None  # RFF+CT
    price_list_ref: str | None = None  # RFF+PL
    pickup_place: PartyRef | None = None  # NAD+SF: GLN and name
    pickup_party: Party | None = None  # the stored party: its address goes with NAD+SF
    replaces: str | None = None  # RFF+PW: the order this one replaces


def order_header(
    ws: Workspace, plan: PlannedOrder, suppliers: Suppliers, *, replaces: str | None = None
) -> tuple[OrderHeader, list[Issue]]:
    """The header of ``plan``'s order and the issues that explain what it leaves out."""
    where = plan.lines[0].entry.source
    issues: list[Issue] = []
    agreement = agreement_ref(_contract_refs(ws, plan.supplier_gln))
    prices = price_list_ref(pl.article.price_source for pl in plan.lines)
    for code, choice in (("order.agreement_ref", agreement), ("order.price_list_ref", prices)):
        if choice.note:
            issues.append(_note(code, choice.ref, choice.note, where))
    place, party = None, None
    if plan.pickup:
        place, party, note = _pickup(ws, plan.delivery_gln, suppliers)
        if note:
            issues.append(warning("order.pickup_address", note, where))
    return OrderHeader(agreement.ref, prices.ref, place, party, replaces), issues


def _note(code: str, ref: str | None, note: str, where) -> Issue:
    return (info if ref else warning)(code, note, where)


def _contract_refs(ws: Workspace, supplier_gln: str) -> frozenset[str]:
    try:
        settings = ws.config.invoice_control
    except KeyError:
        return frozenset()
    agreement, _ = settings.for_supplier(supplier_gln)
    return agreement.contract_refs


def _pickup(ws: Workspace, gln: str, suppliers: Suppliers) -> tuple[PartyRef, Party | None, str | None]:
    """(NAD+SF reference, the stored party with the parts of its address that fit, a note)."""
    from ..edi.mappings.orders import fitting_address
    from ..store.parties import party_by_gln

    with ws.store.connect() as conn:
        party = party_by_gln(conn, gln)
    if party is None:
        name = suppliers.known(gln)
        return (
            PartyRef(gln=gln, name=name),
            None,
            (
                f"Hentestedet {gln} finnes ikke i partnerlisten; ordren oppgir hentestedet bare med "
                f"{'navn og ' if name else ''}GLN. Importer partneren med adresse (vareflyt parties import)."
            ),
        )
    party, too_long = fitting_address(party)
    missing = [
        label
        for label, value in (
            ("gateadresse", party.address),
            ("postnummer", party.postcode),
            ("poststed", party.city),
        )
        if not value
    ]
    note = None
    if too_long:
        note = (
            f"Hentestedet {party.name} ({gln}): {listed(too_long)} får ikke plass i EDIFACT og er utelatt; "
            f"ordren oppgir resten av adressen. Rett partneren i partnerlisten."
        )
    elif missing:
        note = (
            f"Hentestedet {party.name} ({gln}) mangler {listed(missing)} i partnerlisten; ordren oppgir "
            f"det som finnes. Legg inn adressen (vareflyt parties import)."
        )
    return PartyRef(gln=gln, name=party.name), party, note
