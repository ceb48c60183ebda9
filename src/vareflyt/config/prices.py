"""[prices]: tolerances for price-list import, approval before use, the wrong-supplier guard, and
the shipped unit-word table.

``parse`` gives ``PriceSettings``; ``unit_table()`` reads ``vareflyt/data/units.toml`` (unit
words in Norwegian, Swedish and English → UN/ECE Recommendation 20 codes) once. Words in
``[prices.units]`` of ``vareflyt.toml`` add to or override the shipped table, e.g.
``"bunt" = "BE"``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from . import ConfigError, checks

DEFAULT_TOML = """
[prices]
# Nettopris kontrolleres mot bruttopris × (1 − rabatt). Avvik over toleransen gir et varsel
# (raden importeres likevel). Toleransen er i kroner per enhet, eller i prosent av prisen,
# det som er størst.
tolerance = "0.02"
tolerance_pct = "0.5"
# Godkjenning før bruk (EDI ERP-guiden § 4: mottaker kontrollerer og attesterer prislisten før den
# tas i bruk). true: en importert prisliste venter til den er godkjent med
# «vareflyt prices approve --supplier GLN --version N»; til da gjelder de forrige prisene.
approve_before_use = false
# Vakt mot feil leverandør: en ny eller erstattende prisliste avvises når den deler under
# guard_min_shared_pct prosent av varene i leverandørens gjeldende katalog (når katalogen har minst
# guard_min_articles varer) og ikke nevner leverandørens navn. «--force» importerer likevel.
guard_min_shared_pct = "20"
guard_min_articles = 20
# Egne enhetsord -> UN/ECE Rec 20-kode, i tillegg til de innebygde. Eksempel:
# [prices.units]
# "bunt" = "BE"
"""


@dataclass(frozen=True)
class PriceSettings:
    tolerance: Decimal = Decimal("0.02")
    tolerance_pct: Decimal = Decimal("0.5")
    units: dict[str, str] = field(default_factory=dict)  # word (lower case) -> Rec 20 code
    approve_before_use: bool = False  # imported lists wait for `prices approve`
    guard_min_shared_pct: Decimal = Decimal(20)  # a new/replace list sharing less is refused
    guard_min_articles: int = 20  # ... when the current catalogue holds this many


@lru_cache(maxsize=1)
def unit_table() -> dict[str, str]:
    """Shipped unit words (lower case) -> Rec 20 code; each code also maps to itself."""
    text = resources.files("vareflyt").joinpath("data", "units.toml").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for code, words in tomllib.loads(text)["units"].items():
        table[code.lower()] = code
        for word in words:
            table[word.strip().lower()] = code
    return table


def parse(raw: dict) -> PriceSettings:
    units = raw.get("units", {})
    if not isinstance(units, dict) or not all(isinstance(v, str) and v.strip() for v in units.values()):
        raise ConfigError("prices.units", "må være ord = kode-par", 'Skriv for eksempel "bunt" = "BE"')
    merged = dict(unit_table())
    merged.update({k.strip().lower(): v.strip().upper() for k, v in units.items()})
    return PriceSettings(
        tolerance=checks.decimal("prices", raw, "tolerance", "0.02", minimum=Decimal(0)),
        tolerance_pct=checks.decimal("prices", raw, "tolerance_pct", "0.5", minimum=Decimal(0)),
        units=merged,
        approve_before_use=checks.boolean("prices", raw, "approve_before_use", False),
        guard_min_shared_pct=checks.decimal("prices", raw, "guard_min_shared_pct", "20", minimum=Decimal(0)),
        guard_min_articles=checks.integer("prices", raw, "guard_min_articles", 20, minimum=0),
    )
