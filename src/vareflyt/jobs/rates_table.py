"""The rate table in force, described for people and for ``--json`` (``vareflyt rates show``).

Lists every half-year (start, forsinkelsesrente, standardkompensasjon, source, confirmed, and
whether the row is vareflyt's own or the workspace's ``rates.toml``), every inkassosats with
the reminder fee and the betalingsoppfordring fee derived from it, and the fee rules. Says
which half-year a date falls in and whether its rate is known: a missing half-year is a
warning naming the command that adds it, never a guess. Numbers in the rows are strings with
a decimal point (the JSON contract); the CLI shows them with a decimal comma.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from ..domain.issues import Issue, JobResult, Source, info, warning
from ..domain.money import format_kr, money_str, nb_number, quantize, to_ore
from ..rules.dunning.rates import HalfYear, Inkassosats, half_year_end, half_year_start
from .rates import SHIPPED, WORKSPACE_FILE, RateSources, load_rate_sources

__all__ = ["rates_overview", "pct_str", "format_pct"]

BETALINGSOPPFORDRING_TIMES = 3  # betalingsoppfordring fee = 3 x the reminder fee (3/20)


def pct_str(value: Decimal) -> str:
    """A rate for JSON: ``Decimal('12.5')`` -> ``'12.50'``."""
    return f"{quantize(Decimal(value), 2):.2f}"


def format_pct(value: Decimal) -> str:
    """A rate for people, as in the letters: ``Decimal('12.5')`` -> ``'12,50'``."""
    return nb_number(quantize(Decimal(value), 2))


def _origin(own: bool) -> str:
    return "workspace" if own else "vareflyt"


def _half_year_rows(src: RateSources) -> list[dict]:
    rows, in_force = [], None
    for h in src.table.half_years:
        in_force = h.compensation if h.compensation is not None else in_force
        rows.append(
            {
                "start": h.start.isoformat(),
                "end": half_year_end(h.start).isoformat(),
                "interest": pct_str(h.interest),
                "compensation": money_str(h.compensation),
                "compensation_in_force": money_str(in_force),
                "confirmed": h.confirmed,
                "source": h.source,
                "origin": _origin(h.start in src.own_half_years),
            }
        )
    return rows


def _divisor(src: RateSources) -> int | None:
    """The reminder-fee divisor for claims due today (the latest fee rule)."""
    return src.table.fee_rules[-1].divisor if src.table.fee_rules else None


def _sats_rows(src: RateSources) -> list[dict]:
    divisor = _divisor(src)
    rows = []
    for s in src.table.satser:
        fee = to_ore(s.amount / divisor) if divisor else None
        rows.append(
            {
                "start": s.start.isoformat(),
                "amount": money_str(s.amount),
                "reminder_fee": money_str(fee),
                "reminder_fraction": f"1/{divisor}" if divisor else None,
                "betalingsoppfordring_fee": money_str(to_ore(s.amount * BETALINGSOPPFORDRING_TIMES / divisor))
                if divisor
                else None,
                "betalingsoppfordring_fraction": f"{BETALINGSOPPFORDRING_TIMES}/{divisor}"
                if divisor
                else None,
                "confirmed": s.confirmed,
                "source": s.source,
                "origin": _origin(s.start in src.own_satser),
            }
        )
    return rows


def _fee_rule_rows(src: RateSources) -> list[dict]:
    return [
        {
            "due_from": r.due_from.isoformat(),
            "divisor": str(r.divisor),
            "fraction": f"1/{r.divisor}",
            "source": r.source,
            "origin": _origin(r.due_from in src.own_fee_rules),
        }
        for r in src.table.fee_rules
    ]


def _where(src: RateSources, own: bool) -> Source:
    return Source(file=WORKSPACE_FILE if own else SHIPPED)


def _sentence(text: str) -> str:
    text = text.strip() or "ingen kilde oppgitt"
    return text if text.endswith((".", "!", "?")) else text + "."


def _add_command(start: date) -> str:
    return (
        f'vareflyt rates add --from {start.isoformat()} --interest PROSENT --compensation KRONER --source "…"'
    )


def _half_year_state(src: RateSources, on: date) -> tuple[dict, str, list[Issue]]:
    start, end = half_year_start(on), half_year_end(half_year_start(on))
    row: HalfYear | None = next((h for h in src.table.half_years if h.start == start), None)
    earlier = [h for h in src.table.half_years if h.start < start]
    in_force = next(
        (h.compensation for h in reversed([*earlier, *([row] if row else [])]) if h.compensation is not None),
        None,
    )
    period = f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
    state = {
        "half_year_start": start.isoformat(),
        "half_year_end": end.isoformat(),
        "missing": row is None,
        "interest": pct_str(row.interest) if row else None,
        "confirmed": row.confirmed if row else None,
        "compensation_in_force": money_str(in_force) if row else None,
        "interest_through": None,
    }
    issues: list[Issue] = []
    if row is None:
        through = half_year_end(earlier[-1].start) if earlier else None
        state["interest_through"] = through.isoformat() if through else None
        claimed = (
            f"forsinkelsesrente regnes bare til og med {through:%d.%m.%Y}, og brevene sier at renten "
            f"løper til betaling skjer"
            if through
            else "forsinkelsesrente kan ikke regnes for disse dagene"
        )
        issues.append(
            warning(
                "rate_table.missing_half_year",
                f"Forsinkelsesrenten for halvåret {period} mangler i tabellen. Purringen går likevel: "
                f"{claimed}. Når Finansdepartementet har fastsatt satsen (regjeringen.no, Lovdata), "
                f"legg den inn med: {_add_command(start)}",
                Source(file=WORKSPACE_FILE),
            )
        )
        return state, "Forsinkelsesrenten for dette halvåret mangler.", issues
    confirmed = "bekreftet" if row.confirmed else "ikke bekreftet"
    text = f"Forsinkelsesrente {format_pct(row.interest)} % ({confirmed})"
    if in_force is not None:
        carried = " (beløpet fra halvåret før)" if row.compensation is None else ""
        text += f", standardkompensasjon {format_kr(in_force)} kr{carried}"
    if not row.confirmed:
        issues.append(
            warning(
                "rate_table.unconfirmed",
                f"Satsen for halvåret {period} ({format_pct(row.interest)} %) er ikke bekreftet. "
                f"Kilde: {_sentence(row.source)} Sjekk den mot regjeringen.no "
                "eller Lovdata og legg den inn med: "
                f"{_add_command(start)} (da blir den bekreftet).",
                _where(src, start in src.own_half_years),
            )
        )
    elif row.compensation is None and in_force is not None:
        issues.append(
            info(
                "rate_table.compensation_carried",
                f"Halvåret {period} har ingen egen standardkompensasjon; beløpet fra halvåret før "
                f"({format_kr(in_force)} kr) brukes.",
                _where(src, start in src.own_half_years),
            )
        )
    return state, text + ".", issues


def _sats_state(src: RateSources, on: date) -> tuple[str, list[Issue]]:
    found: Inkassosats | None = next((s for s in reversed(src.table.satser) if s.start <= on), None)
    if found is None or found.start.year < on.year:
        return "", [
            warning(
                "rate_table.missing_collection_rate",
                f"Inkassosatsen for {on.year} mangler i tabellen. Legg den til i {WORKSPACE_FILE} som "
                f'[[inkassosats]] med start = {on.year}-01-01, amount = "…", source = "…", '
                f"confirmed = true.",
                Source(file=WORKSPACE_FILE),
            )
        ]
    divisor = _divisor(src)
    fee = f" (purregebyr {format_kr(to_ore(found.amount / divisor))} kr)" if divisor else ""
    issues = (
        []
        if found.confirmed
        else [
            warning(
                "rate_table.unconfirmed",
                f"Inkassosatsen for {on.year} ({format_kr(found.amount)} kr) er ikke bekreftet. "
                f"Kilde: {_sentence(found.source)} Sjekk den mot Lovdata og "
                f"sett confirmed = true i {WORKSPACE_FILE}.",
                _where(src, found.start in src.own_satser),
            )
        ]
    )
    return f" Inkassosats {format_kr(found.amount)} kr{fee}.", issues


def rates_overview(workspace_root: Path | None, on: date, *, today: date | None = None) -> JobResult:
    """The table in force for ``workspace_root`` (None: vareflyt's own table only) and the
    state of ``on``'s half-year."""
    src = load_rate_sources(workspace_root)
    state, rate_text, issues = _half_year_state(src, on)
    sats_text, sats_issues = _sats_state(src, on)
    label = "I dag" if on == (today or date.today()) else "Datoen"
    start = half_year_start(on)
    summary = (
        f"{label} ({on:%d.%m.%Y}) er i halvåret {start:%d.%m.%Y}–{half_year_end(start):%d.%m.%Y}. "
        f"{rate_text}{sats_text}"
    )
    half_years, satser = _half_year_rows(src), _sats_rows(src)
    exists = src.path is not None and src.path.is_file()
    counts = {
        "half_years": len(half_years),
        "inkassosatser": len(satser),
        "unconfirmed": sum(not r["confirmed"] for r in [*half_years, *satser]),
        "from_workspace": len(src.own_half_years) + len(src.own_satser) + len(src.own_fee_rules),
    }
    extra = {
        "date": on.isoformat(),
        "workspace_file": str(src.path) if src.path else None,
        "workspace_file_exists": exists,
        "today": state,
        "half_years": half_years,
        "inkassosats": satser,
        "fee_rules": _fee_rule_rows(src),
    }
    return JobResult(counts=counts, issues=[*issues, *sats_issues], extra=extra, summary=summary)
