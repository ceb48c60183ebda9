"""What one price-list row is checked against: the store's limits, the VAT rates, the packaging
words, the unit words, the GTIN check digit and the net price computed from gross and discount.

``check_row`` (``row_check``) uses them for every row; ``map_unit`` and ``gtin_problem`` return
the problem in Norwegian for the caller to word as an issue; ``expected_net`` rounds half up to
the gross price's decimals, at least øre. ``PACK_WORDS`` is also read by ``rules.price_keep``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from stdnum import ean

PRICE_FIELDS = ("gross", "net", "discount")
MAX_PRICE = Decimal("1e12")  # the store keeps NUMERIC(20, 6)
MAX_TEXT = {"article_no": 70, "unit": 35, "product_group": 70}  # column widths in the store
LARGE_OPTIONAL = ("pack_qty", "fees", "weight", "price_basis", "campaign_net", "vat")
REJECT_FIELDS = {"article_no", "gtin", *PRICE_FIELDS}
VAT_RATES = {Decimal(0), Decimal(12), Decimal(15), Decimal(25)}
PACK_WORDS = {
    "f": "F",
    "forbrukerenhet": "F",
    "consumer unit": "F",
    "d": "D",
    "mellomforpakning": "D",
    "t": "T",
    "pall": "T",
    "pallet": "T",
    "k": "D",
    "kartong": "D",
}


def map_unit(word: str | None, units: Mapping[str, str]) -> tuple[str | None, str | None]:
    """Unit word as written -> (Rec 20 code, None), or (word, problem) when unknown."""
    if word is None or not str(word).strip():
        return None, None
    w = str(word).strip().lower()
    code = units.get(w) or units.get(w.rstrip("."))
    if code:
        return code, None
    return str(word).strip(), (
        f"ukjent enhet «{str(word).strip()}»; lagret som skrevet (legg "
        "ordet til under prices.units i vareflyt.toml)"
    )


def gs1_sum_ok(digits: str) -> bool:
    """The GS1 mod-10 check in two C-level sums (weights 3,1,3,… from the right of the body)."""
    b = digits.encode("ascii")
    odd, even = b[-2::-2], b[-3::-2]  # ASCII codes: subtract 48 ('0') per digit
    total = 3 * (sum(odd) - 48 * len(odd)) + sum(even) - 48 * len(even)
    return (10 - total % 10) % 10 == b[-1] - 48


def gtin_problem(gtin: str) -> str | None:
    """Why ``gtin`` is not a GTIN-8/12/13/14, or None. ``stdnum.ean`` decides every number the
    fast sum rejects (and a test holds the two equal), so the rule is stdnum's."""
    if len(gtin) not in (8, 12, 13, 14):
        return f"GTIN {gtin} har {len(gtin)} siffer; skal ha 8, 12, 13 eller 14"
    if not (gtin.isdigit() and gtin.isascii()) or not (gs1_sum_ok(gtin) or ean.is_valid(gtin)):
        return f"GTIN {gtin} har feil kontrollsiffer"
    return None


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent  # "n"/"N"/"F" only for NaN and infinity
    return max(2, -exponent) if isinstance(exponent, int) else 2


@lru_cache(maxsize=4096)
def discount_factor(discount: Decimal | None) -> Decimal:
    return 1 - (discount or 0) / Decimal(100)


def expected_net(gross: Decimal, discount: Decimal | None) -> Decimal:
    net = gross * discount_factor(discount)
    return net.quantize(Decimal(1).scaleb(-_places(gross)), rounding=ROUND_HALF_UP)
