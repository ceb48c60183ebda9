"""What a dunning run tells a person, in Norwegian: rates missing from the table (and how to
add them), unconfirmed rates relied on, invoices whose payments left fees, interest or part of
the principal open, and letters that can go neither by post nor by e-mail (the customer has no
address and no e-mail address: an inkassovarsel must reach the debtor, inkassoloven § 9). Each
gap is reported once per run, with the command that fills it.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..domain.issues import Issue, warning
from ..domain.money import format_kr
from ..domain.receivables import Level
from ..domain.wording import plural
from ..rules.dunning import Plan
from ..rules.dunning.rates import half_year_end

__all__ = ["findings", "MISSING_RATE", "OPEN_AFTER_PAYMENT", "NO_ADDRESS"]

MISSING_RATE = "dunning.missing_rate"
OPEN_AFTER_PAYMENT = "dunning.open_after_payment"
UNCONFIRMED = "dunning.unconfirmed_rate"
NO_ADDRESS = "dunning.no_address"


def _missing(kind: str, start: date, skipped: int) -> Issue:
    if kind == "interest":
        before = start - timedelta(days=1)
        return warning(
            MISSING_RATE,
            (
                f"Forsinkelsesrenten for halvåret {start:%d.%m.%Y}–{half_year_end(start):%d.%m.%Y} mangler i "
                f"satstabellen. Renten i brevene er regnet til og med {before:%d.%m.%Y}, og brevene sier at "
                f"forsinkelsesrente påløper til betaling skjer; ingen sats er gjettet. Legg inn satsen når "
                f"Finansdepartementet har fastsatt den: vareflyt rates add --from {start.isoformat()} "
                f"--interest PROSENT (se vareflyt rates show)."
            ),
        )
    if kind == "compensation":
        return warning(
            MISSING_RATE,
            (
                "Standardkompensasjonen for halvåret som starter "
                f"{start:%d.%m.%Y} mangler i satstabellen, så den "
                f"er ikke krevd i brevene. Legg den inn: vareflyt rates add --from {start.isoformat()} "
                f"--interest PROSENT --compensation KRONER."
            ),
        )
    return warning(
        MISSING_RATE,
        (
            f"Inkassosatsen for {start.year} mangler i satstabellen, så purregebyret kan ikke regnes ut: "
            f"{plural(skipped, 'faktura', 'fakturaer')} som skulle fått "
            "brev med gebyr venter. Legg den inn i "
            f"rates.toml i "
            f'arbeidsmappen som [[inkassosats]] med start = {start.isoformat()}, amount = "…", source = "…".'
        ),
    )


def findings(plan: Plan, language: str = "nb") -> list[Issue]:
    out: list[Issue] = []
    for kind, start in sorted(plan.missing, key=lambda m: (m[1], m[0])):
        out.append(_missing(kind, start, plan.skipped.get("rate_missing", 0)))
    for note in plan.unconfirmed:
        out.append(
            warning(
                UNCONFIRMED,
                f"Brukte en sats som ikke er bekreftet: {note}. Sjekk satsen mot kilden "
                f"og sett confirmed = true i rates.toml, eller rett den.",
            )
        )
    for item in plan.open_after_payment:

        def kr(value) -> str:
            return format_kr(value, language)

        if item.principal <= 0:
            text = (
                f"Faktura {item.invoice_no} (kunde {item.customer_no}): hovedstolen er betalt, men "
                f"gebyr og kompensasjon {kr(item.fees)} kr og forsinkelsesrente {kr(item.interest)} kr står "
                f"åpent. De er ikke skrevet av; krev dem inn eller skriv dem av i regnskapet."
            )
        else:
            text = (
                f"Faktura {item.invoice_no} (kunde {item.customer_no}): innbetalingene dekket først gebyr og "
                f"kompensasjon {kr(item.to_costs)} kr og rente "
                f"{kr(item.to_interest)} kr (payment_allocation = "
                f"costs_first), så {kr(item.principal)} kr av hovedstolen står åpent."
            )
        out.append(warning(OPEN_AFTER_PAYMENT, text))
    out.extend(_unreachable(plan))
    return out


def _unreachable(plan: Plan) -> list[Issue]:
    """One warning per letter whose customer has neither a postal address nor an e-mail address."""
    return [
        warning(
            NO_ADDRESS,
            f"Kunde {n.customer.number} ({n.customer.name}) har verken adresse eller e-postadresse: "
            f"brevet ({n.level.name_nb}) kan ikke sendes. Fyll inn adresse eller e-postadresse i arket "
            "Kunder (eller i regnskapet) før brevet sendes; et varsel kunden ikke har fått, teller ikke.",
        )
        for n in plan.notices
        if n.level is not Level.COLLECTION and not n.customer.address.strip() and not n.customer.email.strip()
    ]
