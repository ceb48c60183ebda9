"""[partners."<GLN>"]: per-partner settings (EDI or not, header mappings, response time, ...).

Later areas read more keys from a partner's table via ``PartnerSettings.raw``; the keys
validated here are the ones every area relies on. ``parse`` gives ``Partners``, a read-only
mapping GLN -> ``PartnerSettings`` in the file's order.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from stdnum import ean

from . import ConfigError, checks

DEFAULT_TOML = """
# Innstillinger per partner, nøkkel er partnerens GLN. Eksempel:
# [partners."7080000000029"]
# name = "Trelast Vest AS"
# edi = true                  # handler med EDIFACT (ellers utskrivbar bestilling)
# response_hours = 24         # ordrebekreftelse ventes innen så mange timer
# contrl = false              # send CONTRL-kvittering for mottatte filer
# nobb_code = "NB"            # varenummerkoden partneren bruker for NOBB-nummer i PIA; uten den
#                             # leses ingen kode som NOBB (NB betyr ellers batchnummer, UNCL 7143)
# [partners."7080000000029".price_columns]   # egen kolonnetilordning for prislister
# "Varenr lev." = "article_no"
"""


@dataclass(frozen=True)
class PartnerSettings:
    gln: str
    name: str = ""
    edi: bool | None = None
    response_hours: int = 24
    contrl: bool = False
    price_columns: dict[str, str] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Partners(Mapping[str, PartnerSettings]):
    """The ``[partners."<GLN>"]`` tables: ``partners[gln]``, ``partners.get(gln)``, ``gln in partners``."""

    by_gln: dict[str, PartnerSettings] = field(default_factory=dict)

    def __getitem__(self, gln: str) -> PartnerSettings:
        return self.by_gln[gln]

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_gln)

    def __len__(self) -> int:
        return len(self.by_gln)


def parse(raw: dict[str, Any]) -> Partners:
    partners: dict[str, PartnerSettings] = {}
    for gln, settings in raw.items():
        key = f'partners."{gln}"'
        if not (len(gln) == 13 and gln.isdigit() and ean.is_valid(gln)):
            raise ConfigError(
                key, f"{gln!r} er ikke et gyldig GLN", "Bruk partnerens 13-sifrede GLN som nøkkel"
            )
        if not isinstance(settings, dict):
            raise ConfigError(
                key, "må være en tabell", f'Skriv [partners."{gln}"] på egen linje med innstillinger under'
            )
        columns = settings.get("price_columns", {})
        if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
            raise ConfigError(
                f"{key}.price_columns", "må være overskrift = felt-par", '"Varenr lev." = "article_no"'
            )
        edi = settings.get("edi")
        if edi is not None and not isinstance(edi, bool):
            raise ConfigError(f"{key}.edi", f"må være true eller false, ikke {edi!r}", "Skriv edi = true")
        partners[gln] = PartnerSettings(
            gln=gln,
            name=checks.text(key, settings, "name"),
            edi=edi,
            response_hours=checks.integer(key, settings, "response_hours", 24, minimum=1),
            contrl=checks.boolean(key, settings, "contrl", False),
            price_columns=dict(columns),
            raw=dict(settings),
        )
    return Partners(partners)
