"""Changing a sent purchase order: which changes are a change order, and the new order's lines.

Seed 004 §5.1: "I de tilfeller kjøper ønsker å endre en registrert bestilling gjennom et
tillegg i form av en ny artikkel eller en økning i kvantitet i en eksisterende ordre, skal dette
håndteres som en ny bestilling", with "et nytt ordrenummer med referanse til det gamle
ordrenummeret"; a changed delivery time or a *reduced* quantity "håndteres normalt via en
telefonsamtale eller e-post mellom partene". So a change here may only add articles or raise
quantities; lowering is refused with a message that says to agree it with the supplier.

The new order holds every line we ordered on the old one, under the same line numbers, with the
new quantities; added articles follow after the highest line number the old order had (lines the
supplier added in its response, such as freight, are the supplier's and are not carried over).
Only an order that is still waiting for delivery can be changed: sent, confirmed or changed by
the supplier, and not closed. Quantities are the *new total* for the article on the order (a
smaller figure than ordered is refused, so a figure meant as "this many more" cannot order less).

Pure: stored line states and wanted quantities in, lines or a refusal (Norwegian) out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..domain.issues import Source
from ..domain.money import nb_number
from ..domain.order_lines import CHANGEABLE, REPLACED
from .order_refs import listed
from .order_status import STATUS_LABELS, LineState

GUIDE = "bransjens EDI ERP-guide, kap. 5.1"


@dataclass(frozen=True)
class Wanted:
    """One wanted change: an article (supplier article no., GTIN or NOBB no.) and its new total."""

    article: str
    quantity: Decimal
    source: Source = Source()
    key: str | None = None  # content key of the order-entry line it came from (idempotent ordering)


@dataclass(frozen=True)
class ChangedLine:
    """A line of the new order: carried over (``old`` set) or added by the change (``old`` None)."""

    line_no: int
    article: str  # the key the article is looked up by on the new order date
    quantity: Decimal
    old: LineState | None = None
    source: Source = Source()
    key: str | None = None  # the wanted change's entry key; None for a line carried unchanged

    @property
    def raised(self) -> bool:
        return self.old is not None and self.quantity > self.old.ordered_qty


def status_refusal(number: str, status: str, closed: bool, replaced_by: str | None) -> str | None:
    """Why the order cannot be changed, or None when it can."""
    if status == REPLACED or replaced_by:
        later = f" av ordre {replaced_by}" if replaced_by else ""
        return f"Ordre {number} er allerede erstattet{later}; endre den nye ordren i stedet."
    if closed or status not in CHANGEABLE:
        label = "avsluttet" if closed and status in CHANGEABLE else STATUS_LABELS.get(status, status)
        return (
            f"Ordre {number} er {label} og kan ikke endres. Bestill tillegget som en ny ordre "
            f"(vareflyt orders make)."
        )
    return None


def _key(line: LineState) -> str:
    return line.article_no or line.gtin or line.nobb or ""


def apply_changes(
    number: str, old: Sequence[LineState], wanted: Sequence[Wanted]
) -> tuple[list[ChangedLine], str | None]:
    """The new order's lines for ``wanted`` changes to order ``number``, or ([], why not)."""
    ours = sorted((ln for ln in old if not ln.added), key=lambda ln: ln.line_no)
    seen: set[str] = set()
    new_qty: dict[int, Wanted] = {}
    added: list[Wanted] = []
    for w in wanted:
        article = w.article.strip()
        if article.casefold() in seen:
            return [], f"Varen {article} står flere ganger i endringen av ordre {number}; skriv den én gang."
        seen.add(article.casefold())
        hits = [ln for ln in ours if article in (ln.article_no, ln.gtin, ln.nobb)]
        if len(hits) > 1:
            numbers = listed(str(ln.line_no) for ln in hits)
            return [], (
                f"Varen {article} står på linje {numbers} i ordre {number}; endringen kan ikke avgjøre "
                f"hvilken linje som skal økes. Avtal endringen med leverandøren."
            )
        if not hits:
            if w.quantity <= 0:
                return [], f"Varen {article} som legges til ordre {number}, må ha et antall større enn null."
            added.append(w)
            continue
        line = hits[0]
        if w.quantity < line.ordered_qty:
            return [], (
                f"Linje {line.line_no} ({article}) i ordre {number}: {nb_number(w.quantity)} er mindre enn "
                f"bestilt {nb_number(line.ordered_qty)}. Redusert antall er ikke en endringsordre ({GUIDE}); "
                f"avtal det med leverandøren på telefon eller e-post."
            )
        new_qty[line.line_no] = w
    lines = []
    for ln in ours:
        raised = new_qty.get(ln.line_no)
        lines.append(
            ChangedLine(ln.line_no, _key(ln), ln.ordered_qty, ln)
            if raised is None
            else ChangedLine(ln.line_no, _key(ln), raised.quantity, ln, raised.source, raised.key)
        )
    if not added and not any(c.raised for c in lines):
        return [], (
            f"Endringen øker ingen antall og legger ikke til varer; ordre {number} er uendret. "
            f"En endringsordre kan bare legge til varer eller øke antall ({GUIDE})."
        )
    next_no = max((ln.line_no for ln in old), default=0) + 1
    lines += [
        ChangedLine(next_no + i, w.article.strip(), w.quantity, None, w.source, w.key)
        for i, w in enumerate(added)
    ]
    return lines, None
