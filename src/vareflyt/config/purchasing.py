"""[purchasing]: order numbering, the printable purchase order, how received documents for
orders the shop never sent (telephone and pickup orders, seed 004 §8) are treated, and the
units and tolerance of goods whose delivered quantity varies (weight, length).

The per-partner response time (``response_hours``) and EDI flag live in ``[partners]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from . import ConfigError, checks

DEFAULT_TOML = """
[purchasing]
# Første ordrenummer og eventuelt prefiks (ordrenumre brukes aldri to ganger).
order_number_start = 100001
order_number_prefix = ""
# Utskrivbar bestilling til leverandører uten EDI: også PDF (ellers bare HTML).
pdf = true
# Ordresvar/pakkseddel for en ordre vi ikke har sendt (telefon-/henteordre):
# true = opprettes som ny ordre merket «uoppfordret», false = avvises.
accept_unsolicited = true
# Målevarer (vekt, lengde, areal, volum): levert mengde kan avvike litt fra bestilt. Innenfor
# toleransen regnes linjen som ferdig levert med mengden på pakkseddelen (ingen avvik).
variable_units = ["KGM", "TNE", "MTR", "MTK", "MTQ", "LTR"]
variable_tolerance_pct = "5"
"""


@dataclass(frozen=True)
class PurchasingSettings:
    order_number_start: int = 100001
    order_number_prefix: str = ""
    pdf: bool = True
    accept_unsolicited: bool = True
    variable_units: frozenset[str] = frozenset({"KGM", "TNE", "MTR", "MTK", "MTQ", "LTR"})
    variable_tolerance_pct: Decimal = Decimal("5")


def parse(raw: dict) -> PurchasingSettings:
    return PurchasingSettings(
        order_number_start=checks.integer("purchasing", raw, "order_number_start", 100001, minimum=1),
        order_number_prefix=checks.text("purchasing", raw, "order_number_prefix", ""),
        pdf=checks.boolean("purchasing", raw, "pdf", True),
        accept_unsolicited=checks.boolean("purchasing", raw, "accept_unsolicited", True),
        variable_units=_units(raw.get("variable_units", sorted(PurchasingSettings.variable_units))),
        variable_tolerance_pct=checks.decimal(
            "purchasing", raw, "variable_tolerance_pct", "5", minimum=Decimal(0)
        ),
    )


def _units(value) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(
            "purchasing.variable_units",
            "må være en liste med enhetskoder",
            'Skriv for eksempel variable_units = ["KGM", "MTR"]',
        )
    return frozenset(v.strip().upper() for v in value)
