"""Checking the cells of a party row, one value at a time (pure; used by ``rules.party_rows``).

Each check takes the cell's text and where the cell is, and returns the normalised value
(``None`` when empty or unusable) and its issues. Two kinds of cell, as issue 14 decided:

* **Keys** — GLN and organisation number (and the party's name, without which nothing can be
  stored): an invalid value is an *error*, and the row is rejected.
* **Details** — VAT number, bank account, IBAN, e-mail, roles, the EDI/active flags, and any
  text too long for the store: an unusable value is a *warning*, the cell is dropped (as if
  its column were not in the sheet, so a stored value is kept) and the party is imported.

Identifiers are checked with python-stdnum (GLN ``ean``, ``no.orgnr``, ``no.mva``,
``no.kontonr``, ``iban``, ``eu.vat``); messages quote a value cut to ``shown``'s length.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from stdnum import ean
from stdnum import iban as iban_mod
from stdnum.eu import vat as eu_vat
from stdnum.no import kontonr, mva
from stdnum.no import orgnr as orgnr_mod
from stdnum.se import orgnr as se_orgnr

from ..domain.issues import Issue, Source, error, info, warning
from ..domain.parties import ROLES
from ..domain.parties import words as _words
from ..domain.party_words import COUNTRIES, INACTIVE, NO, ROLE_WORDS, YES

EMAIL = re.compile(r"^[^@\s;,<>()]+@[^@\s;,<>()]+\.[A-Za-z]{2,}$")
KEPT = "er ikke tatt med (en lagret verdi beholdes)"  # what happens to a dropped detail cell
_FLOAT_TEXT = re.compile(r"\d+\.0+")  # a whole number a program wrote as a float
_NAMED_ADDRESS = re.compile(r'(?:"[^"]*"|[^<>;,"])*<([^<>]+)>')  # Outlook's "Ola Nordmann <ola@firma.no>"
_MAILTO = re.compile(r"mailto:", re.IGNORECASE)

# Longest text the store keeps per field (store/tables/parties.py).
LENGTHS: dict[str, int] = {
    "party_no": 35,
    "name": 200,
    "address": 200,
    "postcode": 12,
    "city": 100,
    "country": 40,
    "email": 300,
    "phone": 60,
    "vat_no": 20,
}


def shown(value: str, limit: int = 40) -> str:
    """A cell value to quote in a message: cut to ``limit`` characters, saying how long it was."""
    return value if len(value) <= limit else f"{value[: limit - 1]}… ({len(value)} tegn)"


def is_broken_number(raw: object) -> bool:
    """A float cell that is no number at all (infinity or NaN, as ``1E+309`` becomes)."""
    return isinstance(raw, float) and not math.isfinite(raw)


def text(raw: object) -> str | None:
    """A cell value as trimmed text (None when empty); whole-number floats lose their ``.0``, also
    when a program wrote the float into a CSV as text (``7080000000029.0``, as pandas does)."""
    if raw is None or isinstance(raw, bool):
        return None if raw is None else ("ja" if raw else "nei")
    if is_broken_number(raw):
        return None
    if isinstance(raw, str) and _FLOAT_TEXT.fullmatch(raw.strip()):
        raw = raw.strip().split(".")[0]
    if isinstance(raw, float):
        raw = Decimal(repr(raw))
    if isinstance(raw, Decimal) and raw.is_finite() and raw == raw.to_integral_value():
        raw = int(raw)
    value = " ".join(str(raw).split())
    return value or None


def _digits(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value)


def check_gln(value: str | None, at: Source) -> tuple[str | None, list[Issue]]:
    if value is None:
        return None, []
    gln = _digits(value)
    if not (len(gln) == 13 and gln.isdigit() and ean.is_valid(gln)):
        return None, [
            error("party.gln", f"GLN «{shown(value)}» er ugyldig (13 siffer med GS1-kontrollsiffer)", at)
        ]
    if not gln.startswith("70"):
        return gln, [info("party.gln_foreign", f"GLN {gln} er ikke norsk (starter ikke med 70)", at)]
    return gln, []


def check_orgnr(value: str | None, at: Source, country: str | None = None) -> tuple[str | None, list[Issue]]:
    """A Norwegian organisation number, or why not. A foreign company's number (a party in another
    country, or a Swedish number written 556036-0793) is no Norwegian one, and no typo in one:
    it is left out with a warning, and the party is known by its partner number or GLN."""
    if value is None:
        return None, []
    number = _digits(value.upper().removeprefix("NO").removesuffix("MVA"))
    if not orgnr_mod.is_valid(number):
        swedish = re.fullmatch(r"\d{6}-\d{4}", value.strip()) and se_orgnr.is_valid(value)
        if (country and len(country) == 2 and country != "NO") or swedish:
            return None, [
                warning(
                    "party.org_number_foreign",
                    f"Organisasjonsnummer «{shown(value)}» er {'svensk' if swedish else f'fra {country}'}, "
                    "ikke norsk (9 siffer), og er ikke tatt med; parten kjennes igjen på partnernr eller GLN",
                    at,
                )
            ]
        return None, [
            error(
                "party.org_number", f"Organisasjonsnummer «{shown(value)}» er ugyldig (9 siffer, MOD11)", at
            )
        ]
    return number, []


def check_vat(
    value: str | None, country: str | None, orgnr: str | None, at: Source
) -> tuple[str | None, list[Issue]]:
    """Norwegian VAT numbers are normalised to ``NO923609016MVA``; foreign ones are kept compact.
    An invalid one, or one of another organisation number, is dropped with a warning."""
    if value is None:
        return None, []
    compact = re.sub(r"[\s.\-]", "", value.upper())
    norwegian = (
        compact.startswith("NO") or compact.endswith("MVA") or (compact.isdigit() and country in (None, "NO"))
    )
    if norwegian:
        if not mva.is_valid(compact if compact.endswith("MVA") else compact + "MVA"):
            return None, [
                warning(
                    "party.vat",
                    f"MVA-nummer «{shown(value)}» er ugyldig (NO + organisasjonsnummer + MVA) og {KEPT}",
                    at,
                )
            ]
        number = mva.compact(compact if compact.endswith("MVA") else compact + "MVA")[:9]
        if orgnr and number != orgnr:
            return None, [
                warning(
                    "party.vat_org_number",
                    f"MVA-nummer «{shown(value)}» hører til orgnr {number}, ikke {orgnr}, og {KEPT}",
                    at,
                )
            ]
        return f"NO{number}MVA", []
    if len(compact) > LENGTHS["vat_no"]:
        return None, [warning("party.vat", f"MVA-nummer «{shown(value)}» er for langt og {KEPT}", at)]
    if not eu_vat.is_valid(compact):
        return compact, [
            warning(
                "party.vat_foreign", f"Utenlandsk MVA-nummer «{shown(value)}» ser ugyldig ut; sjekk det", at
            )
        ]
    return eu_vat.compact(compact), []


def check_iban(value: str | None, at: Source) -> tuple[str | None, list[Issue]]:
    if value is None:
        return None, []
    if not iban_mod.is_valid(value):
        return None, [warning("party.iban", f"IBAN «{shown(value)}» er ugyldig og {KEPT}", at)]
    return iban_mod.compact(value), []


def check_account(value: str | None, at: Source) -> tuple[str | None, str | None, list[Issue]]:
    """A bank account cell: 11-digit Norwegian account or an IBAN -> (bank_account, iban, issues)."""
    if value is None:
        return None, None, []
    if re.match(r"^[A-Za-z]{2}", value.strip()):
        iban, issues = check_iban(value, at)
        return None, iban, issues
    number = _digits(value)
    if not (len(number) == 11 and kontonr.is_valid(number)):
        return (
            None,
            None,
            [
                warning(
                    "party.account",
                    f"Kontonummer «{shown(value)}» er ugyldig (11 siffer, MOD11) og {KEPT}",
                    at,
                )
            ],
        )
    return number, None, []


def parse_roles(value: str | None, at: Source) -> tuple[frozenset[str] | None, list[Issue]]:
    """``"SU, CA"``, ``"Leverandør"``, ``"leverantör/transportör"``, ``"BY SU"`` -> role codes;
    None (the cell dropped) when a word is no role."""
    if value is None:
        return frozenset(), []
    codes: set[str] = set()
    unknown: list[str] = []
    for part in re.split(r"[,;/|+&]|\s+(?:og|och|and)\s+", value):
        word = _words(part)
        if not word:
            continue
        if word.upper() in ROLES:
            codes.add(word.upper())
        elif word in ROLE_WORDS:
            codes.add(ROLE_WORDS[word])
        elif all(w.upper() in ROLES for w in word.split()):
            codes.update(w.upper() for w in word.split())
        else:
            unknown.append(shown(part.strip()))
    if unknown:
        return None, [
            warning(
                "party.role",
                f"Ukjent rolle {', '.join(f'«{u}»' for u in unknown[:5])}; bruk "
                f"{' '.join(ROLES)} eller ord som «leverandør». Rollene i cellen {KEPT}",
                at,
            )
        ]
    return frozenset(codes), []


def check_email(value: str | None, at: Source) -> tuple[str | None, list[Issue]]:
    if value is None:
        return None, []
    plain = _MAILTO.sub("", _NAMED_ADDRESS.sub(r" \1 ", value))  # the addresses alone
    addresses = [a for a in re.split(r"[;,\s]+", plain) if a]
    bad = [a for a in addresses if not EMAIL.match(a)] or ([] if addresses else [value])
    if bad:
        return None, [
            warning("party.email", f"E-postadresse «{shown(bad[0])}» er ugyldig, og e-postcellen {KEPT}", at)
        ]
    return "; ".join(addresses), []


def parse_flag(
    value: str | None, label: str, at: Source, *, inactive_words: bool = False
) -> tuple[bool | None, list[Issue]]:
    """ja/nei, yes/no, x, 1/0, SANN/USANN (and for status: aktiv/inaktiv/utgått/slettet).
    A word that is neither is a warning and gives None (the cell dropped)."""
    if value is None:
        return None, []
    word = _words(value)
    if not word:  # "-" or other punctuation only: as if blank
        return None, []
    if word in YES:
        return True, []
    if word in NO or (inactive_words and word in INACTIVE):
        return False, []
    return None, [warning("party.flag", f"{label} «{shown(value)}» er verken ja eller nei og {KEPT}", at)]


def parse_country(value: str | None, at: Source) -> tuple[str | None, list[Issue]]:
    if value is None:
        return None, []
    word = _words(value)
    if word in COUNTRIES:
        return COUNTRIES[word], []
    if re.fullmatch(r"[a-z]{2}", word):
        return word.upper(), []
    return value, [
        warning(
            "party.country",
            f"Land «{shown(value)}» er ikke en landkode (NO, SE, ...); lagret som skrevet",
            at,
        )
    ]
