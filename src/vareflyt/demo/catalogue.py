"""Product families of a building-materials shop, as templates the demo expands to articles.

Each family is a name pattern with its parameter lists, the order unit, a product group
(NOBB-style text code, leading zero kept), a price formula and a weight formula. ``family_items``
expands the families of a category into (name, unit, gross price, weight kg, dimensions,
fee) tuples; ``articles`` then gives them numbers and discounts.

The price and weight formulas are float on purpose: they play a supplier's ERP, whose figures
are rounded to øre (grams) when ``articles`` turns them into Decimal, before anything is
written. Their float rounding decides about 130 of the ~4 600 invented prices and weights (one
øre or gram off decimal half-up); moving them to Decimal changes the demo's reference outputs.

The families are two modules: the building's shell (timber, boards, insulation, masonry, roofing)
in ``shell_families``; the fittings and consumables (fasteners, paint, plumbing, tools) and the
registry ``FAMILIES`` here.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import product

from .shell_families import dimension_text, isolasjon, mur, plater, tak, trelast

D = Decimal


def _festemidler():
    for d, length, coat, n in product(
        (3.5, 4.0, 4.5, 5.0, 6.0),
        (25, 30, 40, 50, 60, 70, 80, 100, 120),
        ("elförsinket", "varmforsinket", "A2 rustfri", "A4 rustfri"),
        (100, 200, 500),
    ):
        f = {"elförsinket": 1, "varmforsinket": 1.4, "A2 rustfri": 2.6, "A4 rustfri": 3.4}[coat]
        name = f"Treskrue {dimension_text(d)}x{length} {coat} {n} stk".replace("elförsinket", "elforsinket")
        yield (
            name,
            "pk",
            12 + d * length * n / 1000 * 1.1 * f,
            d * d * length * n * 6e-6,
            f"{dimension_text(d)}x{length} mm",
            0,
        )
    for d, length in product((4.2, 4.8, 5.0), (42, 50, 56, 63, 75)):
        yield (
            f"Terrasseskrue {dimension_text(d)}x{length} A4 250 stk",
            "pk",
            210 + length * 2.1,
            1.3,
            f"{dimension_text(d)}x{length} mm",
            0,
        )
    for d, length, kg in product((2.3, 2.8, 3.1, 3.4, 4.0), (45, 60, 75, 90, 100), (1, 2.5, 5)):
        yield (
            f"Spiker {dimension_text(d)}x{length} varmforsinket {dimension_text(kg)} kg",
            "pk",
            48 * kg + length * 0.4,
            kg,
            f"{dimension_text(d)}x{length} mm",
            0,
        )
    for a, b in product((50, 70, 90, 105), (35, 55, 65, 90)):
        yield f"Vinkelbeslag {a}x{a}x{b} forsinket", "stk", a * b / 250, a * b * 0.00004, f"{a}x{a}x{b} mm", 0
    for w, h in product((36, 48, 73), (98, 148, 198, 223)):
        yield f"Bjelkesko {w}x{h} forsinket", "stk", 12 + w * h / 600, 0.2 + w * h / 100000, f"{w}x{h} mm", 0
    for m, length in product((6, 8, 10, 12, 16), (40, 60, 80, 100, 120, 160)):
        yield (
            f"Ekspansjonsbolt M{m}x{length} forsinket",
            "stk",
            m * length / 45,
            m * m * length * 8e-6,
            f"M{m}x{length}",
            0,
        )
        yield (
            f"Maskinskrue M{m}x{length} 8.8 forsinket 50 stk",
            "pk",
            m * length / 12,
            m * m * length * 3e-4,
            f"M{m}x{length}",
            0,
        )


def _maling():
    for base, colours, sizes, price in (
        ("Interiørmaling helmatt", ("hvit", "brukket hvit", "base A", "base C"), (0.68, 2.7, 9), 190),
        ("Interiørmaling halvblank", ("hvit", "base A", "base C"), (0.68, 2.7, 9), 220),
        ("Utendørs maling", ("hvit", "sort", "rød", "base A", "base C"), (0.68, 2.7, 10), 260),
        ("Beis dekkende", ("hvit", "grå", "sort", "brun", "base C"), (2.7, 10), 230),
        ("Terrasseolje", ("natur", "brun", "grå"), (2.7, 10), 170),
        ("Grunning alkyd", ("hvit", "base A"), (0.68, 2.7, 10), 200),
    ):
        for col, size in product(colours, sizes):
            yield (
                f"{base} {col} {dimension_text(size)} l",
                "stk",
                price * size * (1.3 if size < 1 else 1),
                size * 1.35,
                "",
                D("4.50") if size >= 9 else D("1.20"),
            )
    for base, _size, price in (("Maling tappevare hvit", 1, 160), ("Grunning tappevare", 1, 140)):
        yield base, "l", price, 1.35, "", D("1.00")
    for kind, price in (
        ("Fugemasse akryl", 79),
        ("Silikon sanitær", 119),
        ("Byggelim", 109),
        ("Monteringslim", 139),
    ):
        for col in ("hvit", "grå", "transparent", "sort"):
            yield f"{kind} {col} 300 ml", "stk", price, 0.4, "", D("0.60")
    for kind, sizes, price in (("Sparkel lett", (0.5, 3, 10), 55), ("Sparkel våtrom", (1, 5), 120)):
        for size in sizes:
            yield f"{kind} {dimension_text(size)} l", "stk", price * size**0.8, size * 0.9, "", 0


def _vvs():
    for d, pn in product((20, 25, 32, 40, 50, 63), (10, 16)):
        yield f"PE-rør {d} mm PN{pn}", "m", d * 0.6 * pn / 10, d * 0.006, f"Ø{d} mm", 0
    for d, length in product((32, 50, 75, 110, 160), (0.5, 1, 2, 3)):
        yield (
            f"Avløpsrør PP {d} mm {dimension_text(length)} m",
            "stk",
            d * length * 0.9,
            d * length * 0.004,
            f"Ø{d}x{int(length * 1000)} mm",
            0,
        )
    for d, angle in product((32, 50, 75, 110, 160), (15, 30, 45, 88)):
        yield f"Bend PP {d} mm {angle}°", "stk", d * 0.45, d * 0.002, f"Ø{d} mm", 0
        yield f"Grenrør PP {d}x{d} mm {angle}°", "stk", d * 0.8, d * 0.003, f"Ø{d} mm", 0
    for d in (50, 75, 110):
        yield f"Sluk {d} mm rustfri rist", "stk", 390 + d * 3, 1.2, f"Ø{d} mm", 0
        yield f"Drensrør {d} mm perforert", "m", d * 0.35, d * 0.003, f"Ø{d} mm", 0


def _verktøy():
    for kind, sizes, unit_price in (
        ("Hammer snekker", ("450 g", "600 g", "800 g"), 289),
        ("Vater aluminium", ("40 cm", "60 cm", "80 cm", "120 cm", "180 cm"), 249),
        ("Håndsag", ("450 mm", "550 mm"), 199),
        ("Tommestokk", ("1 m", "2 m"), 89),
        ("Arbeidshanske", ("str 8", "str 9", "str 10", "str 11"), 69),
        ("Sparkelspade", ("60 mm", "100 mm", "150 mm"), 59),
    ):
        for size in sizes:
            yield f"{kind} {size}", "stk", unit_price, 0.5, "", 0
    for d, kind in product((3, 4, 5, 6, 8, 10, 12, 14, 16), ("Bor tre", "Bor betong", "Bor metall HSS")):
        yield f"{kind} {d} mm", "stk", 25 + d * (6 if "betong" in kind else 4), 0.05, f"Ø{d} mm", 0
    for bit, n in product(("PH1", "PH2", "PH3", "PZ2", "TX20", "TX25", "TX30", "TX40"), (2, 10, 25)):
        yield f"Bits {bit} 25 mm {n} stk", "pk", 12 * n**0.8, 0.01 * n, "25 mm", 0
    for b in (19, 25, 38, 50):
        yield f"Maskeringstape {b} mm x 50 m", "rull", b * 1.2, 0.2, f"{b} mm x 50 m", 0
        yield f"Gaffateip {b} mm x 25 m sølv", "rull", b * 2.1, 0.3, f"{b} mm x 25 m", 0
    for d, t in product((160, 190, 216, 254, 305), (24, 40, 60)):
        yield f"Sagblad {d} mm {t}T", "stk", d * t / 30, 0.4, f"Ø{d} mm", 0


FAMILIES = {
    "trelast": (trelast, "0110"),
    "plater": (plater, "0220"),
    "festemidler": (_festemidler, "0480"),
    "isolasjon": (isolasjon, "0310"),
    "maling": (_maling, "0650"),
    "mur": (mur, "0520"),
    "tak": (tak, "0740"),
    "vvs": (_vvs, "0830"),
    "verktøy": (_verktøy, "0910"),
}
CATEGORIES = tuple(FAMILIES)


def family_items(category: str) -> list[tuple[str, str, float, float, str, Decimal | int, str]]:
    """All items of a category: (name, unit, gross price, weight kg, dimensions, fee, product group)."""
    func, group = FAMILIES[category]
    items = []
    for name, unit, price, weight, dims, fee in func():
        items.append((name, unit, price, weight, dims, fee, group))
    return items
