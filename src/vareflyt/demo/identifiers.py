"""Random but valid identifiers for the demo data, and the Norwegian ways of printing them.

Everything takes a ``random.Random`` so the demo is reproducible from its seed. Check digits
come from python-stdnum (``stdnum.ean.calc_check_digit`` for GLN/GTIN) or are computed with
the MOD11 weights stdnum validates (organisation number, bank account); every generator
checks its result with stdnum's ``is_valid`` so a wrong weight table cannot slip through.

>>> import random
>>> from stdnum import ean
>>> rng = random.Random(1)
>>> ean.is_valid(gs1_number("7012345", 1))
True
>>> len(random_orgnr(rng, set()))
9
>>> wrong_check_digit("7012345000013") != "7012345000013"
True
>>> nok_text(Decimal("1234.5"))
'1 234,50'
"""

from __future__ import annotations

import random
from decimal import Decimal

from stdnum import ean
from stdnum.no import kontonr, orgnr

_ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
_KONTONR_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
NBSP = "\u00a0"


def gs1_number(company_prefix: str, reference: int) -> str:
    """A 13-digit GLN/GTIN: 7-digit company prefix + 5-digit reference + GS1 check digit."""
    body = f"{company_prefix}{reference:05d}"
    if len(body) != 12:
        raise ValueError(f"prefix + reference must be 12 digits, got {body!r}")
    return body + ean.calc_check_digit(body)


def wrong_check_digit(number: str) -> str:
    """The same GS1 number with a check digit that is certainly wrong."""
    right = int(number[-1])
    return number[:-1] + str((right + 3) % 10)


def random_company_prefix(rng: random.Random, used: set[str]) -> str:
    """A Norwegian GS1 company prefix: ``70`` + 5 digits, not used before."""
    while True:
        prefix = "70" + f"{rng.randrange(10000, 100000):05d}"
        if prefix not in used:
            used.add(prefix)
            return prefix


def _mod11(digits: str, weights: tuple[int, ...]) -> int | None:
    rest = sum(int(d) * w for d, w in zip(digits, weights)) % 11
    check = (11 - rest) % 11
    return None if check == 10 else check


def random_orgnr(rng: random.Random, used: set[str]) -> str:
    """A valid 9-digit organisation number (starts with 8 or 9), not used before."""
    while True:
        body = str(rng.choice((8, 9))) + "".join(str(rng.randrange(10)) for _ in range(7))
        check = _mod11(body, _ORGNR_WEIGHTS)
        number = f"{body}{check}"
        if check is not None and number not in used and orgnr.is_valid(number):
            used.add(number)
            return number


def invalid_orgnr(rng: random.Random) -> str:
    """A 9-digit number that looks like an organisation number but fails MOD11."""
    while True:
        number = str(rng.choice((8, 9))) + "".join(str(rng.randrange(10)) for _ in range(8))
        if not orgnr.is_valid(number):
            return number


def random_kontonr(rng: random.Random) -> str:
    """A valid 11-digit Norwegian bank account number (MOD11)."""
    while True:
        body = str(rng.choice((1, 3, 6, 9))) + "".join(str(rng.randrange(10)) for _ in range(9))
        check = _mod11(body, _KONTONR_WEIGHTS)
        number = f"{body}{check}"
        if check is not None and kontonr.is_valid(number):
            return number


def orgnr_spaced(number: str) -> str:
    """``923609016`` -> ``923 609 016`` (how people type it)."""
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def kontonr_dotted(number: str) -> str:
    """``15031234567`` -> ``1503.12.34567``."""
    return f"{number[:4]}.{number[4:6]}.{number[6:]}"


def nok_text(value: Decimal, thousands: str = " ") -> str:
    """Norwegian number text with two decimals: ``1 234,50`` (thousands separator given)."""
    sign = "-" if value < 0 else ""
    whole, frac = f"{abs(value):.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{sign}{thousands.join(groups)},{frac}"


def decimal_comma(value: Decimal, places: int = 2) -> str:
    """``Decimal('12.5')`` -> ``12,50`` with the given places, no thousands separator."""
    return f"{value:.{places}f}".replace(".", ",")


def slug(name: str) -> str:
    """Company name -> e-mail domain part: ``Skruer & Beslag Nord AS`` -> ``skruerbeslagnord``."""
    text = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a").replace("ä", "a")
    text = text.replace("ö", "o").replace("é", "e")
    words = [w for w in text.split() if w not in {"as", "asa", "ab", "&", "og"}]
    return "".join(ch for ch in "".join(words) if ch.isalnum())


def file_slug(name: str) -> str:
    """Company name -> file-name part: ``Skruer & Beslag Nord AS`` -> ``skruer-beslag-nord``."""
    text = name.lower()
    for a, b in (("æ", "ae"), ("ø", "o"), ("å", "a"), ("ä", "a"), ("ö", "o")):
        text = text.replace(a, b)
    words = ["".join(ch for ch in w if ch.isalnum()) for w in text.split() if w not in {"as", "ab", "&"}]
    return "-".join(w for w in words if w)


# The simulated EDI suppliers write NOBB numbers the NeB way, PIA+1+<nobb>:NB; the demo shop's
# vareflyt.toml says so per partner (nobb_code), since NB is batch number in plain UN/EANCOM.
DEMO_NOBB_CODE = "NB"


def demo_codes():
    """The item codes the simulated suppliers write with."""
    from ..edi.mappings.items import ItemCodes

    return ItemCodes(nobb=DEMO_NOBB_CODE)
