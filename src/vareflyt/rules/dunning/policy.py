"""The dunning policy (levels, timing, minimum amount) and its check against Norwegian law.

``check_policy`` returns every way a policy breaks the law, each as a ``Violation`` with the
config key, the problem and the legal reason, so ``config/dunning.py`` can refuse the setting
and say why. The law (DOMAIN.md §5):

* a reminder fee only for a notice sent at least 14 days after the due date, and at most two
  fee-bearing notices (two reminders, or one reminder + one inkassovarsel) — inkassoforskriften
  §§ 1-2, 1-3; a second fee only after 14 days from the first;
* an inkassovarsel gives at least 14 days from sending and precedes collection — inkassoloven § 9;
* a betalingsoppfordring comes only after the inkassovarsel's deadline and gives at least 14
  more days — inkassoloven § 10; its fee (3/20 of the inkassosats) is not a reminder fee.

The policy also says how a part payment is allocated when the debtor has not chosen:
costs, then interest, then principal (``costs_first``, the default), or ``principal_first``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...domain.receivables import Level
from .allocation import COSTS_FIRST, ORDERS
from .fees import MAX_FEE_NOTICES, MIN_DAYS_BEFORE_FEE, MIN_DEADLINE_DAYS

__all__ = ["LevelRule", "Policy", "Violation", "check_policy", "DEFAULT_POLICY"]


@dataclass(frozen=True)
class LevelRule:
    level: Level
    days_after_due: int  # earliest day (after the effective due date) to send
    deadline_days: int = 14  # deadline given in the notice, days from sending
    fee: bool = False  # claim a reminder fee (purregebyr)
    interest: bool = True  # show and claim forsinkelsesrente
    compensation: bool = False  # claim standardkompensasjon (business/public debtors)
    enabled: bool = True


@dataclass(frozen=True)
class Policy:
    levels: tuple[LevelRule, ...]  # reminder, dunning, inkassovarsel, betalingsoppfordring, collection
    minimum_amount: Decimal = Decimal("50")  # outstanding below this is not dunned
    language: str = "nb"
    payment_allocation: str = COSTS_FIRST  # costs_first | principal_first

    def rule(self, level: Level) -> LevelRule | None:
        return next((r for r in self.levels if r.level is level), None)

    @property
    def enabled(self) -> tuple[LevelRule, ...]:
        return tuple(sorted((r for r in self.levels if r.enabled), key=lambda r: r.level.rank))


DEFAULT_POLICY = Policy(
    levels=(
        LevelRule(Level.REMINDER, 7, 14, fee=False, interest=False),
        LevelRule(Level.DUNNING, 21, 14, fee=True, interest=True, compensation=True),
        LevelRule(Level.INKASSOVARSEL, 35, 14, fee=True, interest=True, compensation=True),
        LevelRule(
            Level.BETALINGSOPPFORDRING, 49, 14, fee=True, interest=True, compensation=True, enabled=False
        ),
        LevelRule(Level.COLLECTION, 49, 0, fee=False, interest=True, compensation=True),
    )
)


@dataclass(frozen=True)
class Violation:
    key: str  # e.g. "dunning.dunning.days_after_due"
    problem: str  # Norwegian: what is wrong
    fix: str  # Norwegian: what to write instead, and the legal reason


def check_policy(policy: Policy) -> list[Violation]:
    found: list[Violation] = []
    enabled = policy.enabled
    fee_levels = [
        r for r in enabled if r.fee and r.level not in (Level.COLLECTION, Level.BETALINGSOPPFORDRING)
    ]
    for rule in policy.levels:
        key = f"dunning.{rule.level.value}"
        if rule.level is Level.COLLECTION:
            if rule.fee:
                found.append(
                    Violation(
                        f"{key}.fee",
                        "overføring til inkasso kan ikke ha purregebyr",
                        "Skriv fee = false (inkassobyrået krever sine egne salærer etter inkassoloven)",
                    )
                )
            continue
        if rule.fee and rule.days_after_due < MIN_DAYS_BEFORE_FEE:
            found.append(
                Violation(
                    f"{key}.days_after_due",
                    f"gebyr {rule.days_after_due} dager etter forfall er for tidlig",
                    f"Skriv days_after_due = {MIN_DAYS_BEFORE_FEE} eller mer, eller fee = false: "
                    f"purregebyr kan tidligst kreves for påminnelse sendt 14 dager etter forfall "
                    f"(inkassoforskriften § 1-2)",
                )
            )
        if (
            rule.fee or rule.level in (Level.INKASSOVARSEL, Level.BETALINGSOPPFORDRING)
        ) and rule.deadline_days < MIN_DEADLINE_DAYS:
            law = {
                Level.INKASSOVARSEL: "inkassoloven § 9",
                Level.BETALINGSOPPFORDRING: "inkassoloven § 10",
            }.get(rule.level, "inkassoforskriften § 1-2")
            found.append(
                Violation(
                    f"{key}.deadline_days",
                    f"fristen på {rule.deadline_days} dager er for kort",
                    f"Skriv deadline_days = {MIN_DEADLINE_DAYS} eller mer: skyldneren skal ha minst "
                    f"14 dager fra varselet er sendt ({law})",
                )
            )
        if rule.deadline_days < 1:
            found.append(
                Violation(f"{key}.deadline_days", "fristen må være minst 1 dag", "Skriv deadline_days = 14")
            )
        if rule.days_after_due < 1:
            found.append(
                Violation(
                    f"{key}.days_after_due",
                    "kan ikke sendes før forfall",
                    "Skriv days_after_due = 1 eller mer: påminnelser og varsler sendes etter forfall",
                )
            )
    if len(fee_levels) > MAX_FEE_NOTICES:
        found.append(
            Violation(
                "dunning",
                f"{len(fee_levels)} trinn med purregebyr er for mange",
                "Slå av gebyret (fee = false) på ett av trinnene: høyst to gebyrbelagte påminnelser, "
                "eller én påminnelse og ett inkassovarsel (inkassoforskriften § 1-2)",
            )
        )
    for earlier, later in zip(enabled, enabled[1:]):
        earliest = earlier.days_after_due + earlier.deadline_days
        if later.days_after_due < earlier.days_after_due:
            found.append(
                Violation(
                    f"dunning.{later.level.value}.days_after_due",
                    f"kommer før {earlier.level.name_nb} ({later.days_after_due} < {earlier.days_after_due})",
                    "Trinnene må komme i rekkefølge: påminnelse, purring, inkassovarsel, "
                    "betalingsoppfordring, inkasso",
                )
            )
        elif later.days_after_due < earliest:
            # the engine waits for the previous deadline anyway; a policy that cannot be met is misleading
            found.append(
                Violation(
                    f"dunning.{later.level.value}.days_after_due",
                    f"{later.days_after_due} dager er før fristen i {earlier.level.name_nb} er ute",
                    f"Skriv days_after_due = {earliest} eller mer: neste trinn sendes først når "
                    f"fristen i forrige varsel er ute",
                )
            )
    collection = policy.rule(Level.COLLECTION)
    inkassovarsel = policy.rule(Level.INKASSOVARSEL)
    demand = policy.rule(Level.BETALINGSOPPFORDRING)
    if demand and demand.enabled and not (inkassovarsel and inkassovarsel.enabled):
        found.append(
            Violation(
                "dunning.betalingsoppfordring.enabled",
                "betalingsoppfordring uten inkassovarsel",
                "Slå på inkassovarsel (enabled = true) eller slå av betalingsoppfordring: den kan "
                "først sendes når fristen i inkassovarselet er ute (inkassoloven § 10)",
            )
        )
    if policy.payment_allocation not in ORDERS:
        found.append(
            Violation(
                "dunning.payment_allocation",
                f"«{policy.payment_allocation}» er ukjent",
                'Skriv payment_allocation = "costs_first" (kostnader, så renter, så hovedstol) '
                'eller "principal_first" (hovedstolen først)',
            )
        )
    if collection and collection.enabled and not (inkassovarsel and inkassovarsel.enabled):
        found.append(
            Violation(
                "dunning.collection.enabled",
                "overføring til inkasso uten inkassovarsel",
                "Slå på inkassovarsel (enabled = true) eller slå av inkasso: et krav kan ikke sendes "
                "til inkasso før inkassovarselets frist er ute (inkassoloven § 9)",
            )
        )
    if policy.minimum_amount < 0:
        found.append(
            Violation("dunning.minimum_amount", "kan ikke være negativt", 'Skriv minimum_amount = "50"')
        )
    return found
