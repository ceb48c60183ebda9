"""Product families of a building-materials shop, as templates the demo expands to articles.

Each family is a name pattern with its parameter lists, the order unit, a product group
(NOBB-style text code, leading zero kept), a price formula and a weight formula. ``family_items``
expands the families of a category into (name, unit, gross price, weight kg, dimensions,
fee) tuples; ``articles`` then gives them numbers and discounts.

The price and weight formulas are float on purpose: they play a supplier's ERP, whose figures
are rounded to øre (grams) when ``articles`` turns them into Decimal, before anything is
written. Their float rounding decides about 130 of the ~4 600 invented prices and weights (one
øre or gram off decimal half-up); moving them to Decimal changes the demo's reference outputs.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import product

D = Decimal


def _c(x: float) -> str:
    """Dimension text the Norwegian way: 12.5 -> '12,5', 48.0 -> '48'."""
    return (f"{x:g}").replace(".", ",")


def _trelast():
    for t, w in product((36, 48), (48, 73, 98, 123, 148, 173, 198, 223, 248)):
        base = t * w / 1000 * 6.4
        yield f"Konstruksjonsvirke {t}x{w} C24", "m", base, t * w * 0.00047, f"{t}x{w} mm", 0
        yield f"Konstruksjonsvirke {t}x{w} C24 impregnert", "m", base * 1.3, t * w * 0.0005, f"{t}x{w} mm", 0
        for length in (3.0, 3.6, 4.2, 4.8, 5.4):
            yield (
                f"Konstruksjonsvirke {t}x{w} C24 {_c(length)} m",
                "stk",
                base * length * 0.97,
                t * w * 0.00047 * length,
                f"{t}x{w}x{int(length * 1000)} mm",
                0,
            )
    for t, w, col in product((28, 34), (95, 120, 145), ("brun", "grønn", "grå")):
        yield (
            f"Terrassebord {t}x{w} impregnert {col}",
            "m",
            t * w / 1000 * 8.2,
            t * w * 0.0005,
            f"{t}x{w} mm",
            0,
        )
    for prof, w, col in product(
        ("D-fas", "dobbelfals", "skyggepanel"), (148, 173, 198), ("hvit", "grå", "sort", "ubehandlet")
    ):
        yield (
            f"Kledning {prof} 19x{w} {'grunnet ' + col if col != 'ubehandlet' else col}",
            "m",
            w * 0.16,
            w * 0.0095,
            f"19x{w} mm",
            0,
        )
    for t, w in product((23, 36), (48, 73)):
        yield f"Lekt {t}x{w} impregnert", "m", t * w / 1000 * 7.5, t * w * 0.0005, f"{t}x{w} mm", 0
    for t, w, fin in product((12, 15, 21), (45, 58, 70, 95), ("furu ubehandlet", "furu hvitmalt", "eik")):
        price = t * w / 1000 * (45 if fin == "eik" else 14)
        yield f"Listverk {t}x{w} {fin}", "m", price, t * w * 0.0005, f"{t}x{w} mm", 0


def _plater():
    for kind, price in (
        ("Gipsplate", 1.0),
        ("Våtromsplate", 1.7),
        ("Brannplate", 1.45),
        ("Fibergipsplate", 2.3),
    ):
        for t, w, length in product((12.5, 15), (900, 1200), (2400, 2700, 3000)):
            area = w * length / 1e6
            yield (
                f"{kind} {_c(t)}x{w}x{length}",
                "stk",
                area * 38 * price * t / 12.5,
                area * t * 0.85,
                f"{_c(t)}x{w}x{length} mm",
                0,
            )
    for kind, ts, factor in (
        ("OSB3 plate", (9, 12, 15, 18, 22), 7.5),
        ("Kryssfiner furu", (9, 12, 15, 18, 21, 24), 14),
        ("MDF-plate", (6, 9, 12, 16, 19), 8),
        ("Sponplate", (12, 16, 19, 22), 6),
    ):
        for t, size in product(ts, ("1200x2400", "1220x2440", "600x2400")):
            w, length = (int(x) for x in size.split("x"))
            yield (
                f"{kind} {t}x{size}",
                "stk",
                w * length / 1e6 * t * factor,
                w * length / 1e6 * t * 0.65,
                f"{t}x{size} mm",
                0,
            )
    for t in (22, 25):
        yield f"Sponplate gulv {t}x600x1800 not og fjær", "stk", 145.0 + t, 14.0, f"{t}x600x1800 mm", 0
        yield f"Gulvplate sponplate {t} mm", "m2", 118.0 + t, 14.0, f"{t} mm", 0


def _festemidler():
    for d, length, coat, n in product(
        (3.5, 4.0, 4.5, 5.0, 6.0),
        (25, 30, 40, 50, 60, 70, 80, 100, 120),
        ("elförsinket", "varmforsinket", "A2 rustfri", "A4 rustfri"),
        (100, 200, 500),
    ):
        f = {"elförsinket": 1, "varmforsinket": 1.4, "A2 rustfri": 2.6, "A4 rustfri": 3.4}[coat]
        name = f"Treskrue {_c(d)}x{length} {coat} {n} stk".replace("elförsinket", "elforsinket")
        yield (
            name,
            "pk",
            12 + d * length * n / 1000 * 1.1 * f,
            d * d * length * n * 6e-6,
            f"{_c(d)}x{length} mm",
            0,
        )
    for d, length in product((4.2, 4.8, 5.0), (42, 50, 56, 63, 75)):
        yield (
            f"Terrasseskrue {_c(d)}x{length} A4 250 stk",
            "pk",
            210 + length * 2.1,
            1.3,
            f"{_c(d)}x{length} mm",
            0,
        )
    for d, length, kg in product((2.3, 2.8, 3.1, 3.4, 4.0), (45, 60, 75, 90, 100), (1, 2.5, 5)):
        yield (
            f"Spiker {_c(d)}x{length} varmforsinket {_c(kg)} kg",
            "pk",
            48 * kg + length * 0.4,
            kg,
            f"{_c(d)}x{length} mm",
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


def _isolasjon():
    for kind, ts, per_m2 in (
        ("Glassull A37", (50, 70, 100, 150, 200, 250), 0.55),
        ("Steinull A35", (50, 70, 100, 150, 200), 0.8),
        ("Glassull A33", (100, 150, 200), 0.7),
    ):
        for t, w in product(ts, (565, 615, 1200)):
            m2 = round(440 / t, 1)
            yield (
                f"{kind} {t} mm {w}x1200 {_c(m2)} m2/pk",
                "pk",
                per_m2 * t * m2 * 1.6,
                m2 * t * 0.016,
                f"{t}x{w}x1200 mm",
                0,
            )
    for t, kind in product((30, 50, 80, 100, 150, 200), ("XPS 300", "XPS 500", "EPS S80", "EPS S150")):
        yield (
            f"{kind} {t}x600x1250",
            "stk",
            t * 1.05 * (1.5 if kind.startswith("XPS") else 0.7),
            t * 0.02,
            f"{t}x600x1250 mm",
            0,
        )
    for kind, b, length in product(
        ("Dampsperre 0,15 mm", "Dampsperre 0,20 mm", "Vindsperre"), (1.3, 2.6, 4.0), (25, 50)
    ):
        yield (
            f"{kind} {_c(b)}x{length} m",
            "rull",
            b * length * 9.5,
            b * length * 0.15,
            f"{_c(b)}x{length} m",
            0,
        )
    for kg in (12, 15, 20):
        yield f"Isolasjon løsull {kg} kg", "sekk", kg * 22.0, float(kg), "", 0


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
                f"{base} {col} {_c(size)} l",
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
            yield f"{kind} {_c(size)} l", "stk", price * size**0.8, size * 0.9, "", 0


def _mur():
    for kind, kg, price in (
        ("Ferdigbetong B30", 25, 109),
        ("Mørtel M5", 25, 89),
        ("Flislim standard", 15, 219),
        ("Flislim fleksibel", 15, 329),
        ("Avrettingsmasse", 20, 259),
        ("Sement Standard", 25, 129),
        ("Hydratkalk", 25, 149),
        ("Pussmørtel", 25, 119),
        ("Støpesand 0–8 mm", 25, 59),
    ):
        yield f"{kind} {kg} kg", "sekk", price, float(kg), "", 0
    for h, length in product((50, 100, 150, 200, 250, 300), (250, 500)):
        yield (
            f"Betongblokk {h}x{length}x500",
            "stk",
            h * length / 1500,
            h * length * 0.00045,
            f"{h}x{length}x500 mm",
            0,
        )
        yield (
            f"Lecablokk {h}x{length}x500",
            "stk",
            h * length / 1100,
            h * length * 0.00022,
            f"{h}x{length}x500 mm",
            0,
        )
    for d in (8, 10, 12, 16, 20, 25):
        yield f"Armeringsjern B500NC Ø{d} 6 m", "stk", d * d * 0.9, d * d * 0.037, f"Ø{d}x6000 mm", 0
        yield f"Armeringsjern B500NC Ø{d} løs vekt", "kg", 18.5, 1.0, f"Ø{d} mm", 0
    for k in (131, 188, 257, 335):
        yield f"Armeringsnett K{k} 2,1x5 m", "stk", k * 1.4, k * 0.09, "2100x5000 mm", 0
    for frac in ("0–8", "8–16", "16–22", "22–32"):
        yield f"Pukk {frac} mm løs vekt", "kg", 0.95, 1.0, "", 0
        yield f"Pukk {frac} mm storsekk 1 m3", "m3", 890, 1600, "", 0


def _tak():
    for kind, cols, price in (
        ("Takstein betong", ("sort", "rød", "grå", "teglrød"), 14),
        ("Takstein tegl", ("rød", "sort", "brun"), 29),
        ("Mønestein betong", ("sort", "rød", "grå"), 49),
        ("Takshingel 3 m2/pk", ("sort", "grå", "brun", "grønn"), 459),
    ):
        for col in cols:
            yield (
                f"{kind} {col}",
                "pk" if "shingel" in kind else "stk",
                price,
                4.5 if "stein" in kind else 30,
                "",
                0,
            )
    for kind, price in (
        ("Takpapp underlag YAP 2200", 1190),
        ("Takpapp topplag", 1690),
        ("Underlagsbelegg selvklebende", 1590),
    ):
        for length in (10, 15):
            yield f"{kind} 1x{length} m", "rull", price * length / 10, 2.5 * length, f"1000x{length}000 mm", 0
    for kind, ds, length, price in (
        ("Takrenne", (100, 125, 150), 4, 70),
        ("Nedløpsrør", (75, 90, 100), 3, 60),
        ("Renneskjøt", (100, 125, 150), 0, 65),
        ("Rennekrok", (100, 125, 150), 0, 29),
    ):
        for d, col in product(ds, ("hvit", "sort", "grå", "rød", "galvanisert")):
            extra = f" {length} m" if length else ""
            yield (
                f"{kind} {d} mm {col}{extra}",
                "stk",
                price * (length or 1) * d / 100,
                0.8 * (length or 0.3),
                f"Ø{d} mm",
                0,
            )
    for kind, price in (
        ("Takfotbeslag", 189),
        ("Vindskibeslag", 229),
        ("Mønebeslag", 249),
        ("Pipebeslag", 990),
    ):
        for col in ("sort", "grå", "rød", "teglrød"):
            yield f"{kind} {col} 2 m", "stk", price, 2.1, "2000 mm", 0


def _vvs():
    for d, pn in product((20, 25, 32, 40, 50, 63), (10, 16)):
        yield f"PE-rør {d} mm PN{pn}", "m", d * 0.6 * pn / 10, d * 0.006, f"Ø{d} mm", 0
    for d, length in product((32, 50, 75, 110, 160), (0.5, 1, 2, 3)):
        yield (
            f"Avløpsrør PP {d} mm {_c(length)} m",
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
    "trelast": (_trelast, "0110"),
    "plater": (_plater, "0220"),
    "festemidler": (_festemidler, "0480"),
    "isolasjon": (_isolasjon, "0310"),
    "maling": (_maling, "0650"),
    "mur": (_mur, "0520"),
    "tak": (_tak, "0740"),
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
