"""Reading values out of a parsed UBL document, recording what cannot be read as issues.

``Doc`` wraps the root element with the UBL namespaces and the file name: ``text``, ``dec``
(a decimal, never float; exponents, NaN and absurd sizes refused) and ``day`` (ISO date) return
None for an absent element and add a Norwegian ``Issue`` for a present but unreadable one, so
the readers in ``parties``, ``lines`` and ``amounts`` never raise on bad input.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from vareflyt.domain.issues import Issue, Source, error, warning

CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
NS = {"cac": CAC, "cbc": CBC}

MAX_DIGITS = 19  # UBL amounts are xs:decimal; 15 integer digits + 4 decimals is generous
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


class Doc:
    """XPath helpers over one UBL document that record unreadable values as issues."""

    def __init__(self, root, file: str | None):
        self.root, self.file = root, file
        self.issues: list[Issue] = []

    def where(self, field: str | None = None, node=None) -> Source:
        row = getattr(node, "sourceline", None) if node is not None else None
        return Source(file=self.file, row=row, field=field)

    def error(self, code: str, message: str, field: str | None = None, node=None) -> None:
        self.issues.append(error(code, message[:1].upper() + message[1:], self.where(field, node)))

    def warning(self, code: str, message: str, field: str | None = None, node=None) -> None:
        self.issues.append(warning(code, message[:1].upper() + message[1:], self.where(field, node)))

    def text(self, node, path: str) -> str | None:
        if node is None:
            return None
        found = node.find(path, NS)
        if found is None or found.text is None:
            return None
        value = found.text.strip()
        return value or None

    def dec(self, node, path: str, what: str) -> Decimal | None:
        raw = self.text(node, path)
        if raw is None:
            return None
        digits = sum(c.isdigit() for c in raw)
        if not _NUMBER.fullmatch(raw) or digits > MAX_DIGITS:
            why = f"har mer enn {MAX_DIGITS} siffer" if _NUMBER.fullmatch(raw) else "er ikke et tall"
            self.error("ehf.number_invalid", f"{what}: «{raw[:40]}» {why}", path, node.find(path, NS))
            return None
        try:
            return Decimal(raw.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
            self.error(
                "ehf.number_invalid", f"{what}: «{raw[:40]}» er ikke et tall", path, node.find(path, NS)
            )
            return None

    def day(self, node, path: str, what: str) -> date | None:
        raw = self.text(node, path)
        if raw is None:
            return None
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            self.error(
                "ehf.date_invalid",
                f"{what}: «{raw[:40]}» er ikke en dato (ÅÅÅÅ-MM-DD)",
                path,
                node.find(path, NS),
            )
            return None


__all__ = ["Doc", "NS", "CAC", "CBC"]
