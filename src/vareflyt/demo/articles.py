"""Articles with numbers, prices and validity, as a supplier's ERP holds them.

``make_articles`` turns a supplier's product families (``catalogue``) into ``DemoArticle``
rows: supplier article number in the supplier's own style (``000123``, ``TN-10234`` or
``48213``), GTIN-13 from the supplier's GS1 company prefix, a unique NOBB number, packaging
level (F consumer unit, D carton, T pallet) and quantity, gross price, discount, net price
(= gross x (1 - discount), rounded to øre), fee, VAT 25 %, validity and, for some suppliers,
campaign prices. Money is Decimal, quantized to øre.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .catalogue import CATEGORIES, family_items
from .identifiers import gs1_number
from .parties import Party

ORE = Decimal("0.01")
HUNDRED = Decimal(100)
DISCOUNTS = [Decimal(x) for x in ("10", "12.5", "15", "20", "22.5", "25", "30", "35")]


def net_of(gross: Decimal, discount: Decimal) -> Decimal:
    """Net unit price: gross x (1 - discount %), half up to øre."""
    return (gross * (HUNDRED - discount) / HUNDRED).quantize(ORE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class DemoArticle:
    article_no: str
    name: str
    gtin: str
    nobb: str
    unit: str  # Norwegian unit text: stk, m, m2, m3, pk, kg, l, sekk, rull
    pack_level: str  # F, D, T
    pack_qty: int
    gross: Decimal
    discount: Decimal  # percent
    net: Decimal
    fee: Decimal
    vat: Decimal
    group: str
    weight: Decimal  # kg per order unit
    dims: str
    valid_from: date
    valid_to: date | None = None
    campaign_net: Decimal | None = None
    campaign_from: date | None = None
    campaign_to: date | None = None

    def with_gross(self, gross: Decimal) -> DemoArticle:
        return replace(self, gross=gross, net=net_of(gross, self.discount))


def _initials(name: str) -> str:
    words = [w for w in name.replace("&", " ").split() if w not in {"AS", "Norge"}]
    return "".join(w[0] for w in words[:2]).upper().replace("Ø", "O").replace("Å", "A").replace("Ö", "O")


class Numbering:
    """Hands out a supplier's article numbers and GTINs, and NOBB numbers unique overall."""

    def __init__(self, rng: random.Random, supplier: Party, used_nobb: set[str]):
        self.rng, self.supplier, self.used_nobb = rng, supplier, used_nobb
        self.next_no = (
            rng.randrange(100, 4000) if supplier.article_style == "zeros" else rng.randrange(10000, 60000)
        )
        self.next_ref = rng.randrange(10000, 20000)
        self.initials = _initials(supplier.name)

    def article_no(self) -> str:
        self.next_no += self.rng.choice((1, 1, 1, 2, 3, 7))
        style = self.supplier.article_style
        if style == "zeros":
            return f"{self.next_no:06d}"
        if style == "prefixed":
            return f"{self.initials}-{self.next_no}"
        return str(self.next_no)

    def gtin(self) -> str:
        self.next_ref += self.rng.choice((1, 1, 2, 5))
        return gs1_number(self.supplier.prefix, self.next_ref)

    def nobb(self) -> str:
        while True:
            number = str(self.rng.randrange(20_000_000, 60_000_000))
            if number not in self.used_nobb:
                self.used_nobb.add(number)
                return number


def _candidates(rng: random.Random, supplier: Party, count: int) -> list[tuple]:
    """Items the supplier sells: its own categories first, with carton and pallet variants."""
    own = [it for cat in supplier.categories for it in family_items(cat)]
    rng.shuffle(own)
    pool = [(it, "F", 1) for it in own]
    for it in own:
        if len(pool) >= count:
            break
        pool.append((it, "D", rng.choice((6, 10, 12, 20))))
        pool.append((it, "T", rng.choice((24, 40, 48, 60))))
    if len(pool) < count:
        others = [it for cat in CATEGORIES if cat not in supplier.categories for it in family_items(cat)]
        rng.shuffle(others)
        pool += (
            [(it, "F", 1) for it in others]
            + [(it, "D", 10) for it in others]
            + [(it, "T", 40) for it in others]
        )
    if len(pool) < count:
        raise ValueError(f"cannot make {count} distinct articles for one supplier")
    return pool[:count]


def make_articles(
    rng: random.Random,
    supplier: Party,
    count: int,
    numbering: Numbering,
    valid_from: date,
    today: date,
    campaigns: bool,
) -> list[DemoArticle]:
    base_discount = rng.choice(DISCOUNTS)
    articles = []
    for (name, unit, price, weight, dims, fee, group), level, qty in _candidates(rng, supplier, count):
        if level == "D":
            label = "bunt" if unit in ("m", "m2", "m3", "kg", "l") else "eske"
            name, price = f"{name} – {label} à {qty}", price * 0.98
        elif level == "T":
            name, price = f"{name} – pall à {qty}", price * 0.95
        gross = max(Decimal(f"{price:.2f}"), Decimal("1.00"))
        roll = rng.random()
        discount = Decimal(0) if roll < 0.05 else base_discount + Decimal(5) if roll < 0.2 else base_discount
        art = DemoArticle(
            article_no=numbering.article_no(),
            name=name,
            gtin=numbering.gtin(),
            nobb=numbering.nobb(),
            unit=unit,
            pack_level=level,
            pack_qty=qty,
            gross=gross,
            discount=discount,
            net=net_of(gross, discount),
            fee=Decimal(fee).quantize(ORE),
            vat=Decimal(25),
            group=group,
            weight=Decimal(f"{weight:.3f}"),
            dims=dims,
            valid_from=valid_from,
        )
        if rng.random() < 0.02:
            art = replace(art, valid_to=date(today.year + 1, 1, 1) - timedelta(days=1))
        elif campaigns and rng.random() < 0.015:
            start = today.replace(day=1)
            art = replace(
                art,
                campaign_net=(art.net * Decimal("0.85")).quantize(ORE, rounding=ROUND_HALF_UP),
                campaign_from=start,
                campaign_to=start + timedelta(days=rng.choice((27, 41, 55))),
            )
        articles.append(art)
    return articles


def allocate(rng: random.Random, suppliers: list[Party], total: int, minimum: int) -> list[int]:
    """Split ``total`` articles over the suppliers: uneven, at least ``minimum`` each."""
    if total < minimum * len(suppliers):
        raise ValueError(f"need at least {minimum} articles per supplier ({minimum * len(suppliers)} in all)")
    weights = [rng.uniform(0.3, 2.0) * (1 + len(s.categories)) for s in suppliers]
    spare = total - minimum * len(suppliers)
    shares = [minimum + int(spare * w / sum(weights)) for w in weights]
    for i in range(total - sum(shares)):
        shares[i % len(shares)] += 1
    return shares
