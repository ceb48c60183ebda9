"""[receivables]: importing the open-items export from the accounting program
(``vareflyt receivables import``).

An open-items export lists every open invoice; an invoice missing from it is closed as paid.
A truncated export (only the first page, a filter left on, the wrong period) would therefore
close many unpaid invoices at once and silently stop their dunning. The import stops when it
would close more than ``max_close_share`` percent of the open invoices, and at least
``min_close_count`` of them (so a small ledger, 1 of 3 paid, is not stopped); the user then
confirms with ``--full``. ``columns`` maps the export's own headings to vareflyt's fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import ConfigError, checks

DEFAULT_TOML = """
[receivables]
# Import av åpne poster fra regnskapet (vareflyt receivables import).
# Fakturaer som mangler i eksporten lukkes som betalt. En avkortet eksport (bare første side,
# et filter, feil periode) ville lukket mange ubetalte fakturaer; da stopper importen, og du
# bekrefter med: vareflyt receivables import FIL --full
max_close_share = 20    # prosent av de åpne fakturaene en import kan lukke uten bekreftelse (100 = \
aldri stopp)
min_close_count = 5     # vernet gjelder først når minst så mange fakturaer ville blitt lukket
# Egne kolonneoverskrifter i eksporten: overskrift = felt, f.eks.
# [receivables.columns]
# "Reskontronummer" = "customer_no"
# "Bilagsart" = "doc_type"
"""

SECTION = "receivables"
KEYS = {"max_close_share", "min_close_count", "columns"}


@dataclass(frozen=True)
class ReceivablesSettings:
    max_close_share: Decimal = Decimal(20)
    min_close_count: int = 5
    columns: dict[str, str] = field(default_factory=dict)  # heading -> field key


def _columns(raw: dict) -> dict[str, str]:
    columns = raw.get("columns", {})
    if not isinstance(columns, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in columns.items()
    ):
        raise ConfigError(
            f"{SECTION}.columns",
            "må være en tabell med overskrift = felt",
            'Skriv [receivables.columns] og under den f.eks. "Reskontronummer" = "customer_no"',
        )
    return dict(columns)


def parse(raw: dict) -> ReceivablesSettings:
    unknown = sorted(set(raw) - KEYS)
    if unknown:
        raise ConfigError(
            f"{SECTION}.{unknown[0]}", "er ikke en kjent innstilling", f"Gyldige: {', '.join(sorted(KEYS))}"
        )
    share = checks.decimal(SECTION, raw, "max_close_share", "20", minimum=Decimal(0))
    if share > 100:
        raise ConfigError(
            f"{SECTION}.max_close_share",
            f"er {share}, men en andel kan være høyst 100 (prosent)",
            "Skriv max_close_share = 20, eller 100 for å slå vernet av",
        )
    return ReceivablesSettings(
        max_close_share=share,
        min_close_count=checks.integer(SECTION, raw, "min_close_count", 5, minimum=1),
        columns=_columns(raw),
    )
