"""The families of the building's shell: timber, boards, insulation, masonry and roofing.

They are the half of the demo catalogue (``catalogue``) that makes up a house's body, with the
dimension text every family's names use; ``catalogue`` holds the registry of all families and
the fittings and consumables (fasteners, paint, plumbing, tools). Kept apart so each module stays
readable; the formulas are float on purpose, as ``catalogue``'s docstring explains.
"""

from __future__ import annotations

from itertools import product


def dimension_text(x: float) -> str:
    """Dimension text the Norwegian way: 12.5 -> '12,5', 48.0 -> '48'."""
    return (f"{x:g}").replace(".", ",")


def trelast():
    for t, w in product((36, 48), (48, 73, 98, 123, 148, 173, 198, 223, 248)):
        base = t * w / 1000 * 6.4
        yield f"Konstruksjonsvirke {t}x{w} C24", "m", base, t * w * 0.00047, f"{t}x{w} mm", 0
        yield f"Konstruksjonsvirke {t}x{w} C24 impregnert", "m", base * 1.3, t * w * 0.0005, f"{t}x{w} mm", 0
        for length in (3.0, 3.6, 4.2, 4.8, 5.4):
            yield (
                f"Konstruksjonsvirke {t}x{w} C24 {dimension_text(length)} m",
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


def plater():
    for kind, price in (
        ("Gipsplate", 1.0),
        ("Våtromsplate", 1.7),
        ("Brannplate", 1.45),
        ("Fibergipsplate", 2.3),
    ):
        for t, w, length in product((12.5, 15), (900, 1200), (2400, 2700, 3000)):
            area = w * length / 1e6
            yield (
                f"{kind} {dimension_text(t)}x{w}x{length}",
                "stk",
                area * 38 * price * t / 12.5,
                area * t * 0.85,
                f"{dimension_text(t)}x{w}x{length} mm",
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


def isolasjon():
    for kind, ts, per_m2 in (
        ("Glassull A37", (50, 70, 100, 150, 200, 250), 0.55),
        ("Steinull A35", (50, 70, 100, 150, 200), 0.8),
        ("Glassull A33", (100, 150, 200), 0.7),
    ):
        for t, w in product(ts, (565, 615, 1200)):
            m2 = round(440 / t, 1)
            yield (
                f"{kind} {t} mm {w}x1200 {dimension_text(m2)} m2/pk",
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
            f"{kind} {dimension_text(b)}x{length} m",
            "rull",
            b * length * 9.5,
            b * length * 0.15,
            f"{dimension_text(b)}x{length} m",
            0,
        )
    for kg in (12, 15, 20):
        yield f"Isolasjon løsull {kg} kg", "sekk", kg * 22.0, float(kg), "", 0


def mur():
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


def tak():
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
