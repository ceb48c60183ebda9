"""Small validators the section modules share: each raises ConfigError naming key and fix."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from stdnum import ean
from stdnum.no import orgnr

from . import ConfigError


def text(section: str, raw: dict, key: str, default: str = "", required: bool = False) -> str:
    value = raw.get(key, default)
    if required and not value:
        raise ConfigError(
            f"{section}.{key}", "mangler", f'Skriv for eksempel {key} = "..." under [{section}]'
        )
    if not isinstance(value, str):
        raise ConfigError(f"{section}.{key}", f"må være tekst, ikke {value!r}", f'Skriv {key} = "{value}"')
    return value


def boolean(section: str, raw: dict, key: str, default: bool) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(
            f"{section}.{key}", f"må være true eller false, ikke {value!r}", f"Skriv {key} = true"
        )
    return value


def integer(section: str, raw: dict, key: str, default: int, minimum: int | None = None) -> int:
    value = raw.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ConfigError(
            f"{section}.{key}", f"må være et heltall, ikke {value!r}", f"Skriv {key} = {default}"
        )
    if minimum is not None and value < minimum:
        raise ConfigError(
            f"{section}.{key}", f"må være minst {minimum}", f"Skriv {key} = {max(default, minimum)}"
        )
    return value


def decimal(section: str, raw: dict, key: str, default: str, minimum: Decimal | None = None) -> Decimal:
    value: Any = raw.get(key, default)
    try:
        result = Decimal(str(value).replace(",", ".")) if not isinstance(value, bool) else None
    except InvalidOperation:
        result = None
    if result is None or not result.is_finite():
        raise ConfigError(
            f"{section}.{key}", f"må være et tall, ikke {value!r}", f'Skriv {key} = "{default}"'
        )
    if minimum is not None and result < minimum:
        raise ConfigError(f"{section}.{key}", f"må være minst {minimum}", f'Skriv {key} = "{default}"')
    return result


def gln(section: str, raw: dict, key: str, required: bool = False) -> str:
    value = text(section, raw, key, required=required).strip()
    if value and not (len(value) == 13 and ean.is_valid(value)):
        raise ConfigError(
            f"{section}.{key}",
            f"{value!r} er ikke et gyldig GLN (13 siffer med kontrollsiffer)",
            "Sjekk nummeret mot GS1-registeret",
        )
    return value


def orgnr_value(section: str, raw: dict, key: str) -> str:
    value = text(section, raw, key).replace(" ", "")
    if value and not orgnr.is_valid(value):
        raise ConfigError(
            f"{section}.{key}",
            f"{value!r} er ikke et gyldig organisasjonsnummer",
            "Skriv de 9 sifrene fra Brønnøysundregistrene",
        )
    return value
