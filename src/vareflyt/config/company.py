"""[company]: the shop's own identity, used as buyer on orders and creditor on letters."""

from __future__ import annotations

from dataclasses import dataclass

from . import checks

DEFAULT_TOML = """
[company]
# Butikkens eget navn, GLN (13 siffer), organisasjonsnummer og bankkonto.
name = "Min Byggevare AS"
gln = ""            # f.eks. "7080000000012"
orgnr = ""          # f.eks. "923609016"
address = ""
postcode = ""
city = ""
bank_account = ""   # 11 siffer
email = ""
phone = ""
language = "nb"     # språk i brev: nb eller en
"""


@dataclass(frozen=True)
class Company:
    name: str
    gln: str
    orgnr: str
    address: str
    postcode: str
    city: str
    bank_account: str
    email: str
    phone: str
    language: str


def parse(raw: dict) -> Company:
    language = checks.text("company", raw, "language", "nb")
    if language not in ("nb", "en"):
        raise checks.ConfigError(
            "company.language", f"{language!r} støttes ikke", 'Skriv language = "nb" eller "en"'
        )
    return Company(
        name=checks.text("company", raw, "name", "Min Byggevare AS"),
        gln=checks.gln("company", raw, "gln"),
        orgnr=checks.orgnr_value("company", raw, "orgnr"),
        address=checks.text("company", raw, "address"),
        postcode=checks.text("company", raw, "postcode"),
        city=checks.text("company", raw, "city"),
        bank_account=checks.text("company", raw, "bank_account"),
        email=checks.text("company", raw, "email"),
        phone=checks.text("company", raw, "phone"),
        language=language,
    )
