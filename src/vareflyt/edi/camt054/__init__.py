"""Bank payment notifications in: ISO 20022 camt.054, versions .02, .04 and .08.

``read_camt054(path, own_account)`` / ``parse_camt054(data, name, own_account)`` ->
``(payments, issues)`` (``reader``); ``check_account`` compares the credited account with the
company's in all its written forms (``accounts``).
"""

from .accounts import account_forms, check_account, same_account
from .reader import MAX_BYTES, TESTED_VERSIONS, CamtPayment, looks_like_camt054, parse_camt054, read_camt054

__all__ = [
    "CamtPayment",
    "read_camt054",
    "parse_camt054",
    "looks_like_camt054",
    "MAX_BYTES",
    "TESTED_VERSIONS",
    "account_forms",
    "check_account",
    "same_account",
]
