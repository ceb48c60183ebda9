"""Finding things in a camt.054 tree by local name, and reading its amounts.

Banks write the ISO 20022 elements with or without a prefix and in any of the camt.054
namespaces, so every lookup goes by the element's local name (``Ntry``, ``TxDtls``, ``Amt``),
one direct child at each step of a path. ``iso_amount`` reads an ISO 20022 amount (no sign but
an optional ``+``, no exponent, at most 18 digits of which 5 decimals) or says why it is none.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from lxml import etree

__all__ = ["local", "children", "find", "text", "day", "iso_amount", "MAX_DIGITS", "MAX_DECIMALS"]

MAX_DIGITS, MAX_DECIMALS = 18, 5  # ISO 20022 ActiveOrHistoricCurrencyAndAmount
_AMOUNT = re.compile(r"\+?(\d+)(?:\.(\d*))?")


def local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def children(el, name: str) -> list:
    return [c for c in el if local(c) == name] if el is not None else []


def find(el, *path: str):
    """First descendant following local names ``path`` (direct children at each step)."""
    current = [el] if el is not None else []
    for name in path:
        current = [c for parent in current for c in parent if local(c) == name]
        if not current:
            return None
    return current[0]


def text(el, *path: str) -> str:
    found = find(el, *path) if path else el
    return (found.text or "").strip() if found is not None else ""


def day(el, *path: str) -> date | None:
    """The date of a ``Dt`` or ``DtTm`` under ``path`` (a DtTm's own calendar day), or None."""
    found = find(el, *path)
    if found is None:
        return None
    value = text(found, "Dt") or text(found, "DtTm")[:10]
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def iso_amount(raw: str) -> tuple[Decimal | None, str]:
    """An ISO 20022 amount -> (value, "") or (None, why not, in Norwegian)."""
    match = _AMOUNT.fullmatch(raw)
    if not match:
        return None, "er ikke et beløp (bare siffer og desimalpunktum, uten eksponent)"
    whole, fraction = match.group(1), match.group(2) or ""
    if len(whole.lstrip("0")) + len(fraction) > MAX_DIGITS or len(fraction) > MAX_DECIMALS:
        return None, f"har flere enn {MAX_DIGITS} siffer eller {MAX_DECIMALS} desimaler"
    return Decimal(raw.lstrip("+")), ""
