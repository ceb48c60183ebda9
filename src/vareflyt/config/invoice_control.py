"""[invoice_control]: tolerances, blocking and rejecting checks, and the agreement terms the
invoice control (checks a–w) compares with; per-supplier overrides under
``[invoice_control.suppliers."<GLN>"]`` with the same keys (documented in ``DEFAULT_TOML``).

``parse(raw)`` gives ``InvoiceControlSettings``; ``for_supplier(gln)`` merges the supplier's
overrides and returns the ``(Agreement, ControlSettings)`` the rules receive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..domain.invoice_terms import (
    CHECK_LETTERS,
    LINE_AMOUNT,
    PLAUSIBLE_NOK_RATES,
    Agreement,
    ControlSettings,
    Tolerance,
)
from . import ConfigError, checks


def _rate_lines() -> str:
    return "\n".join(f'# {cur} = ["{low}", "{high}"]' for cur, (low, high) in PLAUSIBLE_NOK_RATES.items())


DEFAULT_TOML = """
[invoice_control]
# Fakturakontroll: sjekk a–w i bransjens EDI ERP-guide (kap. 7). Se docs/invoice_control.md.
payment_days = 30            # avtalt betalingsfrist i dager netto (sjekk b)
currency = "NOK"             # avtalt valuta (sjekk g)
default_vat = 25             # mva-sats når prislisten ikke oppgir sats (sjekk o)
price_list_required = true   # leverandøren må ha en prisliste som gjaldt på ordredatoen (sjekk c)
free_freight = false         # franko levert: ingen frakt, heller ikke frakt varslet i ordresvaret (sjekk f)
rounding = "krone"           # øreavrunding av å betale (etter forskudd): "krone" (nærmeste, eller \
i vår favør) / "none"
wait_days = 30               # dager en faktura for varer som ikke er mottatt får vente før den blir avvik
blocking = "abcdefghijklmnopqrstuvw"   # sjekker som hindrer automatisk godkjenning
reject = "ade"               # sjekker som avviser fakturaen: dublett, ukjent ordre, feil kjøper
notices = true               # lag avviksbrev til leverandørene i letters/
# Avtalenumre og prislistereferanser fakturaen kan vise til (sjekk c), i tillegg til dem ordren
# viste til og referansene til leverandørens godkjente prislister. Et ukjent nummer blir avvik.
# contract_refs = ["AVT-2026-01"]
# price_list_refs = ["PL-2026"]
# Toleranser per sjekk: amount i kroner (for b: dager), pct i prosent av forventet verdi.
# Den største av de to gjelder. Sjekker uten toleranse må stemme eksakt.
# l gjelder enhetsprisen; line_amount er hvor mye prisavviket kan utgjøre på hele linjen
# (kroner per linje; l sin pct gjelder også linjen). 0,01 kr per stk er 200 kr på 20 000 stk.
[invoice_control.tolerances]
l = { amount = "0.01" }
line_amount = { amount = "1.00" }
p = { amount = "0.01" }
s = { amount = "0.01" }
w = { amount = "0.01" }
# Tillegg/gebyrer som er avtalt: kode (f.eks. FC frakt) eller artikkelnummer = største beløp
# per faktura ("" = uten grense). Frakt godtas aldri på henteordre eller franko. Eksempel: FC = "650.00"
[invoice_control.allowed_charges]
# Rimelig valutakurs: NOK for 1 enhet av valutaen, [laveste, høyeste] (sjekk h). Uten linje her
# gjelder standardområdet under (Norges Banks kurser 2020–2025 med god margin). En kurs som
# passer snudd (0,085 for EUR) eller per 100 enheter blir avvik med forklaring.
[invoice_control.exchange_rates]
{rates}
# Avtale med én leverandør (GLN) overstyrer nøklene over, f.eks.:
# [invoice_control.suppliers."7080000000029"]
# payment_days = 45
# free_freight = true
# contract_refs = ["AVT-2026-01"]
# tolerances = { l = { amount = "0.50", pct = "1" }, line_amount = { amount = "5.00" } }
# allowed_charges = { FC = "650.00" }
""".replace("{rates}", _rate_lines())

SECTION = "invoice_control"
TERM_KEYS = {
    "payment_days",
    "currency",
    "default_vat",
    "price_list_required",
    "free_freight",
    "rounding",
    "wait_days",
    "blocking",
    "reject",
    "tolerances",
    "allowed_charges",
    "exchange_rates",
    "contract_refs",
    "price_list_refs",
}


@dataclass(frozen=True)
class InvoiceControlSettings:
    raw: dict[str, Any] = field(default_factory=dict)
    notices: bool = True
    defaults: tuple[Agreement, ControlSettings] = (Agreement(), ControlSettings())
    suppliers: dict[str, tuple[Agreement, ControlSettings]] = field(default_factory=dict)

    def for_supplier(self, gln: str | None) -> tuple[Agreement, ControlSettings]:
        return self.suppliers.get(gln or "", self.defaults)


def _letters(key: str, raw: dict, name: str, default: str) -> frozenset[str]:
    value = checks.text(key, raw, name, default).lower().replace(",", "").replace(" ", "")
    bad = [c for c in value if c not in CHECK_LETTERS]
    if bad:
        raise ConfigError(
            f"{key}.{name}", f"«{''.join(bad)}» er ikke sjekkbokstaver a–w", f'Skriv {name} = "{default}"'
        )
    return frozenset(value)


def _tolerances(key: str, raw: Any, base: dict[str, Tolerance]) -> dict[str, Tolerance]:
    if not isinstance(raw, dict):
        raise ConfigError(
            f"{key}.tolerances", "må være en tabell", 'Skriv l = { amount = "0.01", pct = "0" }'
        )
    out = dict(base)
    for letter, value in raw.items():
        where = f"{key}.tolerances.{letter}"
        if letter != LINE_AMOUNT and (letter not in CHECK_LETTERS or len(letter) != 1):
            raise ConfigError(
                where,
                f"er ikke en sjekkbokstav a–w eller {LINE_AMOUNT}",
                "Bruk bokstaven til sjekken, f.eks. l",
            )
        if not isinstance(value, dict) or set(value) - {"amount", "pct"}:
            raise ConfigError(
                where, "må ha amount og/eller pct", f'Skriv {letter} = {{ amount = "0.01", pct = "0" }}'
            )
        out[letter] = Tolerance(
            checks.decimal(where, value, "amount", "0", Decimal(0)),
            checks.decimal(where, value, "pct", "0", Decimal(0)),
        )
    return out


def _charges(key: str, raw: Any, base: dict) -> dict[str, Decimal | None]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{key}.allowed_charges", "må være en tabell", 'Skriv FC = "650.00"')
    out = dict(base)
    for code, value in raw.items():
        out[code] = (
            None
            if value in ("", None)
            else checks.decimal(f"{key}.allowed_charges", raw, code, "0", Decimal(0))
        )
    return out


def _rates(key: str, raw: Any, base: dict) -> dict[str, tuple[Decimal, Decimal]]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{key}.exchange_rates", "må være en tabell", 'Skriv EUR = ["10.50", "12.50"]')
    out = dict(base)
    for cur, span in raw.items():
        where = f"{key}.exchange_rates"
        if not (isinstance(span, list) and len(span) == 2):
            raise ConfigError(
                f"{where}.{cur}", "må være [laveste, høyeste]", f'Skriv {cur} = ["10.50", "12.50"]'
            )
        low, high = (checks.decimal(where, {cur: v}, cur, "1", Decimal(0)) for v in span)
        if not 0 < low <= high:
            raise ConfigError(
                f"{where}.{cur}",
                "må være [laveste, høyeste] med laveste over 0 og ikke over høyeste",
                f'Skriv {cur} = ["10.50", "12.50"] (NOK for 1 {cur})',
            )
        out[cur.upper()] = (low, high)
    return out


def _refs(key: str, raw: dict, name: str, base: frozenset[str], example: str) -> frozenset[str]:
    refs = raw.get(name, sorted(base))
    if not isinstance(refs, list) or not all(isinstance(r, str) and r.strip() for r in refs):
        raise ConfigError(f"{key}.{name}", "må være en liste med tekst", f'Skriv {name} = ["{example}"]')
    return frozenset(r.strip() for r in refs)


def _terms(key: str, raw: dict, base: tuple[Agreement, ControlSettings]) -> tuple[Agreement, ControlSettings]:
    agr, st = base
    unknown = set(raw) - TERM_KEYS - ({"notices", "suppliers"} if key == SECTION else set())
    if unknown:
        raise ConfigError(
            f"{key}.{sorted(unknown)[0]}",
            "er ikke en kjent innstilling",
            f"Gyldige: {', '.join(sorted(TERM_KEYS))}",
        )
    rounding = checks.text(key, raw, "rounding", st.rounding)
    if rounding not in ("krone", "none"):
        raise ConfigError(
            f"{key}.rounding", f"{rounding!r} er ikke gyldig", 'Skriv rounding = "krone" eller "none"'
        )
    agreement = Agreement(
        payment_days=checks.integer(key, raw, "payment_days", agr.payment_days or 30, minimum=0),
        currency=checks.text(key, raw, "currency", agr.currency).upper(),
        contract_refs=_refs(key, raw, "contract_refs", agr.contract_refs, "AVT-2026-01"),
        price_list_refs=_refs(key, raw, "price_list_refs", agr.price_list_refs, "PL-2026"),
        price_list_required=checks.boolean(key, raw, "price_list_required", agr.price_list_required),
        free_freight=checks.boolean(key, raw, "free_freight", agr.free_freight),
        allowed_charges=_charges(key, raw.get("allowed_charges", {}), dict(agr.allowed_charges)),
        exchange_rates=_rates(key, raw.get("exchange_rates", {}), dict(agr.exchange_rates)),
        default_vat=checks.decimal(key, raw, "default_vat", str(agr.default_vat), Decimal(0)),
    )
    settings = ControlSettings(
        tolerances=_tolerances(key, raw.get("tolerances", {}), dict(st.tolerances)),
        blocking=_letters(key, raw, "blocking", "".join(sorted(st.blocking))),
        reject=_letters(key, raw, "reject", "".join(sorted(st.reject))),
        rounding=rounding,
        wait_days=checks.integer(key, raw, "wait_days", st.wait_days, minimum=0),
    )
    return agreement, settings


def parse(raw: dict) -> InvoiceControlSettings:
    tolerances = {c: Tolerance(Decimal("0.01")) for c in "lpsw"} | {LINE_AMOUNT: Tolerance(Decimal("1.00"))}
    defaults = _terms(SECTION, raw, (Agreement(), ControlSettings(tolerances=tolerances)))
    suppliers = {}
    table = raw.get("suppliers", {})
    if not isinstance(table, dict):
        raise ConfigError(
            f"{SECTION}.suppliers",
            "må være en tabell per GLN",
            f'Skriv [{SECTION}.suppliers."7080000000029"] på egen linje',
        )
    for gln, values in table.items():
        key = f'{SECTION}.suppliers."{gln}"'
        if not (len(gln) == 13 and gln.isdigit()):
            raise ConfigError(key, f"{gln!r} er ikke et GLN", "Bruk leverandørens 13-sifrede GLN som nøkkel")
        if not isinstance(values, dict):
            raise ConfigError(
                key, "må være en tabell", f"Skriv [{key}] på egen linje med innstillinger under"
            )
        suppliers[gln] = _terms(key, values, defaults)
    return InvoiceControlSettings(
        raw=dict(raw),
        notices=checks.boolean(SECTION, raw, "notices", True),
        defaults=defaults,
        suppliers=suppliers,
    )
