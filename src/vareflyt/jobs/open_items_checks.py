"""The cell checks of an open-items export (``jobs.open_items_rows``), each returning its problem
in Norwegian for the row's place.

Amounts as accounting programs write them: text that is no amount (``1 2OO,OO``, ``ca. 500``,
with a hint at a letter O or l among the digits), an amount beyond reason, or more than two
decimals (``12.000``: thousands separator or decimal point?) is a problem; lengths against the
store's columns (customer and invoice number 35, KID 25, name and e-mail 200, address 500);
control characters in numbers. It is its own module because these checks of single values are
apart from reading the rows into invoices and customers, which ``open_items_rows`` does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from ..domain.issues import Issue, Source, error

MAX_AMOUNT = 10**12  # kroner: no invoice of a shop comes near, and øre fit well inside decimal's 28 digits
LIMITS = {
    "customer_no": 35,
    "invoice_no": 35,
    "credit_for": 35,
    "kid": 25,
    "customer_name": 200,
    "email": 200,
    "address": 500,
    "orgnr": 20,
}
NUMBERS = ("customer_no", "invoice_no", "credit_for", "kid")
LABELS = {
    "customer_no": "kundenummer",
    "customer_name": "kundenavn",
    "invoice_no": "fakturanummer",
    "invoice_date": "fakturadato",
    "due_date": "forfallsdato",
    "amount": "beløp",
    "paid": "betalt beløp",
    "outstanding": "restbeløp",
    "credit_for": "kreditert faktura",
    "kid": "KID",
    "email": "e-postadresse",
    "address": "adresse",
    "orgnr": "organisasjonsnummer",
}
_LOOKALIKE = re.compile(r"\d[oOlI]|[oOlI]\d")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def money_problem(fkey: str, raw: object, problem: str | None, value: Decimal | None) -> str | None:
    """What is wrong with the amount ``raw`` read as ``value`` (``problem``: the reader's own), or None."""
    label = _upper(LABELS[fkey])
    if problem and "urimelig" in problem:  # too many digits (excel.column_parsing)
        return f"{label} {problem}."
    if problem:
        text = str(raw).strip()
        hint = " Står det bokstaven O eller l der det skal være et siffer?" if _LOOKALIKE.search(text) else ""
        return (
            f"{label} «{text}» er ikke et beløp. Skriv bare sifre med desimalkomma, f.eks. 1 200,00 eller "
            f"-2 000,00.{hint}"
        )
    if value is not None and not -MAX_AMOUNT < value < MAX_AMOUNT:  # 30 digits, 1E+300 from a float cell
        limit = f"{MAX_AMOUNT:,}".replace(",", " ")
        return (
            f"{label} «{str(raw).strip()[:40]}» er urimelig stort (over {limit} kr). Står to tall i samme "
            f"celle, eller er kolonnen feil?"
        )
    if (
        isinstance(raw, str)
        and value is not None
        and isinstance(e := value.as_tuple().exponent, int)
        and e < -2
    ):
        return (
            f"{label} «{raw.strip()}» har mer enn to desimaler. Er punktum "
            "eller komma brukt som tusenskille? "
            f"Skriv beløpet med desimalkomma, f.eks. 12 000,00."
        )
    return None


def text_checks(v: Mapping[str, Any], where: Callable[[str], Source], issues: list[Issue]) -> None:
    """Errors for a row's values longer than the store keeps and numbers with control characters."""
    for fkey, limit in LIMITS.items():
        value = v.get(fkey)
        if value and len(value) > limit:
            issues.append(
                error(
                    "receivables.too_long",
                    f"{_upper(LABELS[fkey])} er {len(value)} tegn; vareflyt "
                    f"lagrer høyst {limit}. Står en annen verdi i feil kolonne?",
                    where(fkey),
                )
            )
    for fkey in NUMBERS:
        if v.get(fkey) and _CONTROL.search(v[fkey]):
            issues.append(
                error(
                    "receivables.control_char",
                    f"{_upper(LABELS[fkey])} inneholder et usynlig "
                    f"kontrolltegn (linjeskift, tabulator e.l.). Rett verdien i regnskapet.",
                    where(fkey),
                )
            )
