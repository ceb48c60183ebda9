"""References between price lists and orders: what a price list is called by its supplier, and
what a purchase order's header refers to (the agreement in RFF+CT, the price list in RFF+PL).

Seed 004 §5.1: "Hvis flere enn en avtale eksisterer mellom kjøper og selger må det finnes en
referanse til avtalen i ordren", and "Hvis oppdatering av original prisliste har skjedd (med
erstatnings- eller endringsprisliste) under avtaleperioden må det oppgis referanse til
prislisten i ordren". Invoice control (check c) later compares the invoice's references with
the ones the order carried, so what is written is also what is stored with the order.

* **Agreement**: the supplier's agreement number as configured (``contract_refs`` under
  ``[invoice_control.suppliers."GLN"]``, or the shop-wide default) when there is exactly one.
  With several the order cannot know which one applies: none is written and the user is told.
  Nothing configured: none (the guide then assumes a single agreement).
* **Price list**: the reference of the price-list version that gave the lines' prices on the
  order date. D.03A allows SG1 RFF to repeat (0..9999, ``reference/d03a-structure.txt``), but the
  NeB usage (DOMAIN.md §3) and invoice control carry *one* RFF+PL per order header, so when the
  lines' prices come from versions with different references the order names the **newest**
  version among them (the highest version number, i.e. the latest import: a change list that
  priced any line wins over the base list it updates) and the user is told which others were
  involved. A version without a reference (a spreadsheet whose title names none) gives none: an
  older list's reference is never borrowed for prices it did not set.
* A reference longer than ``MAX_REF`` characters (the store's columns) is not written.

**A price list's own reference** (``list_ref``): a PRICAT states it in RFF+PL. A spreadsheet has
none of its own; it gets one only when it names it: an option of the import or a title row
above the header that labels a reference as a price-list number ("Prisliste nr. PL-2026-03",
"Prislistenr: 4711", "Prislistereferanse: VEST-2026", "Price list no. 2026/1"). A title with a
name or a date only ("Prisliste Trelast Vest 2026", "Prisliste gyldig fra 1.2.2026") gives none:
a reference is never made up. The option wins over the file, with a note when the file says
another one.

Pure: values in, a choice and Norwegian notes out.

>>> price_list_ref([PriceSource(1, "PL-1"), PriceSource(2, "PL-2"), None]).ref
'PL-2'
>>> agreement_ref(["AVT-1", "AVT-2"]).ref is None
True
>>> title_ref(["Trelast Vest AS", "Prisliste nr. PL-2026-03 gyldig fra 1. mars 2026"])
'PL-2026-03'
>>> title_ref(["Prisliste Trelast Vest 2026"]) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.issues import Issue, Source, info, warning

MAX_REF = 35  # purchase_orders.agreement_ref / price_list_ref, price_versions.list_ref


@dataclass(frozen=True)
class PriceSource:
    """The price-list version a line's price came from: its number and the supplier's reference."""

    version: int
    list_ref: str | None = None


@dataclass(frozen=True)
class RefChoice:
    """The reference to write (or None) and, when something was left out, why (for the user)."""

    ref: str | None = None
    note: str | None = None


def listed(words: Iterable[str]) -> str:
    """Words as running Norwegian text: "a", "a og b", "a, b og c"."""
    items = list(words)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def _quoted(refs: Iterable[str]) -> str:
    return listed(f"«{r}»" for r in refs)


def _fits(ref: str, what: str) -> RefChoice:
    if len(ref) > MAX_REF:
        return RefChoice(
            None,
            f"{what} «{ref}» er lengre enn {MAX_REF} tegn og kan ikke lagres med ordren; "
            f"ordren oppgir det ikke.",
        )
    return RefChoice(ref)


def agreement_ref(configured: Iterable[str]) -> RefChoice:
    """The agreement number to write: the single configured one, else none."""
    refs = sorted({r.strip() for r in configured if r and r.strip()})
    if not refs:
        return RefChoice()
    if len(refs) > 1:
        return RefChoice(
            None,
            f"Leverandøren har flere avtalenumre ({_quoted(refs)}); ordren oppgir ingen "
            f"avtalereferanse fordi det ikke er gitt hvilken som gjelder. Står bare én avtale "
            f"under contract_refs for leverandøren, kommer den med på ordren.",
        )
    return _fits(refs[0], "Avtalenummeret")


def price_list_ref(sources: Iterable[PriceSource | None]) -> RefChoice:
    """The price-list reference to write for lines priced from ``sources`` (None: unknown source)."""
    known = [s for s in sources if s is not None]
    if not known:
        return RefChoice()
    newest = max(known, key=lambda s: s.version)
    if newest.list_ref is None:
        return RefChoice()
    choice = _fits(newest.list_ref, "Prislistereferansen")
    others = sorted({s.list_ref for s in known if s.list_ref and s.list_ref != newest.list_ref})
    if choice.ref and others:
        return RefChoice(
            choice.ref,
            f"Linjene har priser fra flere prislister ({_quoted([*others, choice.ref])}); "
            f"ordren oppgir den nyeste, «{choice.ref}».",
        )
    return choice


_LABEL = re.compile(
    r"(?:prisliste|price\s*list)\s*[-.]?\s*(?:nr|nummer|no|number|ref|referanse|reference)\b\.?\s*[:=]?\s*"
    r"|(?:prislistenr|prislistenummer|prislistereferanse|prislisteref)\b\.?\s*[:=]?\s*",
    re.IGNORECASE,
)
_REF = re.compile(r"[A-Za-z0-9ÆØÅæøå][A-Za-z0-9ÆØÅæøå._/-]*")


def title_ref(lines: Iterable[str]) -> str | None:
    """The first reference a title row labels as the price list's number, else None. The
    reference must hold a digit (a word after the label is a name, not a number)."""
    for line in lines:
        for label in _LABEL.finditer(line):
            found = _REF.match(line, label.end())
            if found and any(c.isdigit() for c in found.group()):
                return found.group().rstrip(".-/")
    return None


def list_ref(
    option: str | None, header: str | None, title: Iterable[str], where: Source
) -> tuple[str | None, list[Issue]]:
    """The reference to store: the option, else the PRICAT's RFF+PL (``header``), else the title's."""
    found = (header or "").strip() or title_ref(title)
    wanted = (option or "").strip() or found
    issues: list[Issue] = []
    if option and option.strip() and found and found != option.strip():
        issues.append(
            info(
                "price.list_ref_option",
                f"Prislisten oppgir referansen «{found}»; lagret er "
                f"«{option.strip()}» som valgt ved importen.",
                where,
            )
        )
    if wanted and len(wanted) > MAX_REF:
        issues.append(
            warning(
                "price.list_ref_long",
                f"Prislistereferansen «{wanted}» er lengre enn {MAX_REF} tegn "
                f"og er ikke lagret; ordrer oppgir da ingen prislistereferanse.",
                where,
            )
        )
        return None, issues
    return wanted or None, issues
