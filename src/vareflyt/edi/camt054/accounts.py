"""Is a bank file for our account? Compare the account a camt.054 notification credits with the
company's own (``[company] bank_account`` in vareflyt.toml).

An account is compared in every form it can be written: a Norwegian account as 11 digits
(with or without the dots and spaces people type: ``1503.20.80119``) and as its IBAN
(``stdnum.no.kontonr.to_iban``: ``NO93 8601 1117 947``); a Norwegian IBAN also as the 11-digit
account inside it; any other IBAN or account number as written, without spaces.
"""

from __future__ import annotations

import re

from stdnum import iban
from stdnum.no import kontonr

from ...domain.issues import Issue, Source, warning

__all__ = ["account_forms", "same_account", "check_account"]

_SEPARATORS = re.compile(r"[\s.\-]")


def account_forms(value: str) -> set[str]:
    """The comparable forms of an account number.

    >>> sorted(account_forms("8601.11.17947"))
    ['86011117947', 'NO9386011117947']
    >>> sorted(account_forms("NO93 8601 1117 947"))
    ['86011117947', 'NO9386011117947']
    """
    compact = _SEPARATORS.sub("", value or "").upper()
    if not compact:
        return set()
    forms = {compact}
    if compact.isdigit() and len(compact) == 11 and kontonr.is_valid(compact):
        forms.add(_SEPARATORS.sub("", kontonr.to_iban(compact)).upper())
    if compact.startswith("NO") and len(compact) == 15 and iban.is_valid(compact):
        forms.add(compact[4:])
    return forms


def same_account(a: str, b: str) -> bool:
    return bool(account_forms(a) & account_forms(b))


def check_account(file_account: str, own_account: str, where: Source) -> Issue | None:
    """A warning when the file names an account and it is not the company's; None when they
    agree or either is unknown (no account in the file, none configured)."""
    if not file_account or not (own_account or "").strip() or same_account(file_account, own_account):
        return None
    return warning(
        "camt.account",
        f"Filen gjelder konto {file_account}, men butikkens konto (bank_account under "
        f"[company] i vareflyt.toml) er {own_account.strip()}. Kontroller at filen er fra riktig konto; "
        "innbetalingene er lest inn.",
        where,
    )
