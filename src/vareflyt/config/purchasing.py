"""[purchasing]: order numbering, the printable purchase order, and how received documents
for orders the shop never sent (telephone and pickup orders, seed 004 §8) are treated.

The per-partner response time (``response_hours``) and EDI flag live in ``[partners]``.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import checks

DEFAULT_TOML = '''
[purchasing]
# Første ordrenummer og eventuelt prefiks (ordrenumre brukes aldri to ganger).
order_number_start = 100001
order_number_prefix = ""
# Utskrivbar bestilling til leverandører uten EDI: også PDF (ellers bare HTML).
pdf = true
# Ordresvar/pakkseddel for en ordre vi ikke har sendt (telefon-/henteordre):
# true = opprettes som ny ordre merket «uoppfordret», false = avvises.
accept_unsolicited = true
'''


@dataclass(frozen=True)
class PurchasingSettings:
    order_number_start: int = 100001
    order_number_prefix: str = ""
    pdf: bool = True
    accept_unsolicited: bool = True


def parse(raw: dict) -> PurchasingSettings:
    return PurchasingSettings(
        order_number_start=checks.integer("purchasing", raw, "order_number_start", 100001, minimum=1),
        order_number_prefix=checks.text("purchasing", raw, "order_number_prefix", ""),
        pdf=checks.boolean("purchasing", raw, "pdf", True),
        accept_unsolicited=checks.boolean("purchasing", raw, "accept_unsolicited", True),
    )
