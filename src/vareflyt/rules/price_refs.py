"""The supplier's own reference of a price list (what an order cites in RFF+PL, seed 004 §5.1).

A PRICAT states it in RFF+PL. A spreadsheet has none of its own; it gets one only when it
names it: an option of the import (``list_ref``) or a title row above the header that labels a
reference as a price-list number ("Prisliste nr. PL-2026-03", "Prislistenr: 4711",
"Prislistereferanse: VEST-2026", "Price list no. 2026/1"). A title with a name or a date only
("Prisliste Trelast Vest 2026", "Prisliste gyldig fra 1.2.2026") gives none: a reference is never
made up. The option wins over the file, with a note when the file says another one. A reference
longer than the store keeps (``MAX_REF``) is not stored, with a warning.

Pure: text in, a reference and issues out.

>>> title_ref(["Trelast Vest AS", "Prisliste nr. PL-2026-03 gyldig fra 1. mars 2026"])
'PL-2026-03'
>>> title_ref(["Prisliste Trelast Vest 2026"]) is None
True
"""

from __future__ import annotations

import re
from typing import Iterable

from ..domain.issues import Issue, Source, info, warning
from .order_refs import MAX_REF

_LABEL = re.compile(
    r"(?:prisliste|price\s*list)\s*[-.]?\s*(?:nr|nummer|no|number|ref|referanse|reference)\b\.?\s*[:=]?\s*"
    r"|(?:prislistenr|prislistenummer|prislistereferanse|prislisteref)\b\.?\s*[:=]?\s*",
    re.IGNORECASE)
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


def list_ref(option: str | None, header: str | None, title: Iterable[str], where: Source
             ) -> tuple[str | None, list[Issue]]:
    """The reference to store: the option, else the PRICAT's RFF+PL (``header``), else the title's."""
    found = (header or "").strip() or title_ref(title)
    wanted = (option or "").strip() or found
    issues: list[Issue] = []
    if option and option.strip() and found and found != option.strip():
        issues.append(info("price.list_ref_option", f"Prislisten oppgir referansen «{found}»; lagret er "
                           f"«{option.strip()}» som valgt ved importen.", where))
    if wanted and len(wanted) > MAX_REF:
        issues.append(warning("price.list_ref_long", f"Prislistereferansen «{wanted}» er lengre enn {MAX_REF} tegn "
                              f"og er ikke lagret; ordrer oppgir da ingen prislistereferanse.", where))
        return None, issues
    return wanted or None, issues
