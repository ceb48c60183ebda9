"""[dunning]: the dunning policy (levels, timing, fees, minimum amount) and per-customer
exceptions (hold, language, no fees).

``parse`` builds a ``rules.dunning.Policy`` and refuses, with the key and the legal reason,
any setting that breaks the law (``rules.dunning.policy.check_policy``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..rules.dunning.policy import DEFAULT_POLICY, LevelRule, Policy, check_policy
from . import ConfigError, checks

DEFAULT_TOML = """
[dunning]
# Purring etter norsk lov. vareflyt nekter innstillinger som bryter loven og sier hvorfor.
minimum_amount = "50"   # utestående under dette beløpet (kr) purres ikke
language = "nb"         # språk i brev: nb eller en (kan overstyres per kunde)
# Når kunden betaler en del uten å si hva betalingen gjelder, velger vi som kreditor:
# "costs_first" = først gebyrer og kompensasjon, så renter, så hovedstol (vanlig praksis);
# "principal_first" = hovedstolen først. Gebyr og rente som står igjen skrives aldri av i stillhet.
payment_allocation = "costs_first"

# Trinn 1: betalingspåminnelse uten gebyr.
[dunning.reminder]
days_after_due = 7      # dager etter forfall
deadline_days = 14      # ny betalingsfrist i brevet, dager fra brevets dato
fee = false
interest = false        # vis forsinkelsesrente i brevet

# Trinn 2: purring med purregebyr (1/20 av inkassosatsen). Tidligst 14 dager etter forfall
# (inkassoforskriften § 1-2), og først når fristen i påminnelsen er ute.
[dunning.dunning]
days_after_due = 21
deadline_days = 14      # minst 14
fee = true
interest = true
compensation = true     # standardkompensasjon for bedrifter og offentlige kunder

# Trinn 3: inkassovarsel (inkassoloven § 9), minst 14 dagers frist. Høyst to varsler med
# gebyr til sammen (inkassoforskriften § 1-2).
[dunning.inkassovarsel]
days_after_due = 35
deadline_days = 14      # minst 14
fee = true
interest = true
compensation = true

# Trinn 4 (valgfritt): betalingsoppfordring fra butikken selv (inkassoloven § 10), tidligst når
# fristen i inkassovarselet er ute, med minst 14 dagers frist. Gebyr 3/20 av inkassosatsen
# (112,50 kr i 2026). Slår du den på, må inkasso komme etter fristen, f.eks. days_after_due = 63.
[dunning.betalingsoppfordring]
enabled = false
days_after_due = 49
deadline_days = 14      # minst 14
fee = true
interest = true
compensation = true

# Trinn 5: overføring til inkassobyrå (eksportfil), når fristen i forrige varsel er ute.
[dunning.collection]
days_after_due = 49
enabled = true

# Unntak per kunde (nøkkel er kundenummeret):
# [dunning.customers."10023"]
# hold = "Omtvistet faktura 4711"   # ikke purr (tvist, avtalt nedbetaling); tom = purr
# language = "en"
# no_fees = true                     # aldri gebyr eller kompensasjon
#
# Enkeltfakturaer som ikke skal purres (fakturanummer = grunn):
# [dunning.held_invoices]
# "4711" = "Kunden har reklamert"
"""

_LEVEL_KEYS = {"days_after_due", "deadline_days", "fee", "interest", "compensation", "enabled"}


@dataclass(frozen=True)
class CustomerSettings:
    hold: str = ""
    language: str = ""
    no_fees: bool = False


@dataclass(frozen=True)
class DunningSettings:
    policy: Policy
    customers: dict[str, CustomerSettings] = field(default_factory=dict)
    held_invoices: dict[str, str] = field(default_factory=dict)  # invoice number -> reason


def _language(key: str, raw: dict, default: str) -> str:
    value = checks.text(key, raw, "language", default)
    if value not in ("nb", "en", ""):
        raise ConfigError(f"{key}.language", f"{value!r} støttes ikke", 'Skriv language = "nb" eller "en"')
    return value


def _level(raw: dict, default: LevelRule) -> LevelRule:
    key = f"dunning.{default.level.value}"
    section = raw.get(default.level.value, {})
    if not isinstance(section, dict):
        raise ConfigError(key, "må være en tabell", f"Skriv [{key}] på egen linje med innstillinger under")
    unknown = sorted(set(section) - _LEVEL_KEYS)
    if unknown:
        raise ConfigError(
            f"{key}.{unknown[0]}",
            "er ikke en kjent innstilling",
            f"Gyldige: {', '.join(sorted(_LEVEL_KEYS))}",
        )
    return LevelRule(
        level=default.level,
        days_after_due=checks.integer(key, section, "days_after_due", default.days_after_due),
        deadline_days=checks.integer(key, section, "deadline_days", default.deadline_days),
        fee=checks.boolean(key, section, "fee", default.fee),
        interest=checks.boolean(key, section, "interest", default.interest),
        compensation=checks.boolean(key, section, "compensation", default.compensation),
        enabled=checks.boolean(key, section, "enabled", default.enabled),
    )


def parse(raw: dict) -> DunningSettings:
    levels = tuple(_level(raw, rule) for rule in DEFAULT_POLICY.levels)
    policy = Policy(
        levels=levels,
        minimum_amount=checks.decimal("dunning", raw, "minimum_amount", "50"),
        language=_language("dunning", raw, "nb") or "nb",
        payment_allocation=checks.text("dunning", raw, "payment_allocation", "costs_first"),
    )
    violations = check_policy(policy)
    if violations:
        first = violations[0]
        more = f" (og {len(violations) - 1} feil til)" if len(violations) > 1 else ""
        raise ConfigError(first.key, first.problem + more, first.fix)
    customers: dict[str, CustomerSettings] = {}
    for number, settings in (raw.get("customers") or {}).items():
        key = f'dunning.customers."{number}"'
        if not isinstance(settings, dict):
            raise ConfigError(
                key, "må være en tabell", f"Skriv [{key}] med hold, language eller no_fees under"
            )
        customers[str(number)] = CustomerSettings(
            hold=checks.text(key, settings, "hold"),
            language=_language(key, settings, ""),
            no_fees=checks.boolean(key, settings, "no_fees", False),
        )
    held = raw.get("held_invoices") or {}
    if not isinstance(held, dict) or not all(isinstance(v, str) and v.strip() for v in held.values()):
        raise ConfigError(
            "dunning.held_invoices",
            "må være fakturanummer = grunn",
            'Skriv for eksempel "4711" = "Kunden har reklamert" under [dunning.held_invoices]',
        )
    known = {"minimum_amount", "language", "payment_allocation", "customers", "held_invoices"} | {
        r.level.value for r in DEFAULT_POLICY.levels
    }
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(
            f"dunning.{unknown[0]}", "er ikke en kjent innstilling", f"Gyldige: {', '.join(sorted(known))}"
        )
    return DunningSettings(
        policy=policy, customers=customers, held_invoices={str(k): v for k, v in held.items()}
    )
