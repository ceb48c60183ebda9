"""Loading the dunning rate table: the shipped ``data/rates/no_rates.toml`` merged with the
workspace's own ``rates.toml`` (user-added half-years, years or corrections).

Rows are keyed by their start date (``due_from`` for fee rules); a workspace row replaces
the shipped row with the same key. Unreadable rows stop the job with a message naming the
file and the row, so a typo never turns into a silently wrong rate. ``load_rate_sources``
also says which rows came from the workspace's file (``vareflyt rates show``);
``parse_rates`` reads one file's text (``vareflyt rates add`` checks what it writes with it).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from ..config.toml_faults import toml_fault
from ..domain.issues import UsageError
from ..rules.dunning.rates import FeeRule, HalfYear, Inkassosats, RateTable

SHIPPED = "no_rates.toml"
WORKSPACE_FILE = "rates.toml"

__all__ = [
    "load_rates",
    "load_rate_sources",
    "parse_rates",
    "shipped_rates",
    "RateSources",
    "SHIPPED",
    "WORKSPACE_FILE",
]


def _read(text: str, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(
            f"{origin} har en skrivefeil, {toml_fault(exc)}. Rett linjen og prøv igjen."
        ) from None


def _date(row: dict, key: str, origin: str, table: str) -> date:
    value = row.get(key)
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            pass
    if not isinstance(value, date):
        raise UsageError(f"{origin}: [[{table}]] mangler {key} som dato (f.eks. {key} = 2026-07-01): {row!r}")
    return value


def _optional_amount(row: dict, key: str, origin: str, table: str) -> Decimal | None:
    return None if row.get(key) is None else _amount(row, key, origin, table)


def _amount(row: dict, key: str, origin: str, table: str) -> Decimal:
    value = row.get(key)
    try:
        result = (
            Decimal(str(value).replace(",", "."))
            if not isinstance(value, bool) and value is not None
            else None
        )
    except InvalidOperation:
        result = None
    if result is None or not result.is_finite() or result < 0:
        raise UsageError(f'{origin}: [[{table}]] {key} må være et tall, f.eks. {key} = "12.50": {row!r}')
    return result


def _parse(raw: dict[str, Any], origin: str) -> tuple[dict, dict, dict]:
    half_years, satser, rules = {}, {}, {}
    for row in raw.get("half_year", []):
        start = _date(row, "start", origin, "half_year")
        if (start.month, start.day) not in ((1, 1), (7, 1)):
            raise UsageError(f"{origin}: halvår må starte 1. januar eller 1. juli, ikke {start}.")
        half_years[start] = HalfYear(
            start,
            _amount(row, "interest", origin, "half_year"),
            _optional_amount(row, "compensation", origin, "half_year"),
            str(row.get("source", "")),
            bool(row.get("confirmed", True)),
        )
    for row in raw.get("inkassosats", []):
        start = _date(row, "start", origin, "inkassosats")
        satser[start] = Inkassosats(
            start,
            _amount(row, "amount", origin, "inkassosats"),
            str(row.get("source", "")),
            bool(row.get("confirmed", True)),
        )
    for row in raw.get("fee_rule", []):
        due_from = _date(row, "due_from", origin, "fee_rule")
        divisor = row.get("divisor")
        if not isinstance(divisor, int) or isinstance(divisor, bool) or divisor < 1:
            raise UsageError(f"{origin}: [[fee_rule]] divisor må være et heltall (f.eks. 20): {row!r}")
        rules[due_from] = FeeRule(due_from, divisor, str(row.get("source", "")))
    return half_years, satser, rules


Rows = tuple[dict[date, HalfYear], dict[date, Inkassosats], dict[date, FeeRule]]


def parse_rates(text: str, origin: str) -> Rows:
    """The rows of one rates file: half-years, inkassosatser and fee rules keyed by their
    start date. UsageError (exit 2) naming ``origin`` and the row when something is unreadable."""
    return _parse(_read(text, origin), origin)


@dataclass(frozen=True)
class RateSources:
    """The table in force and where its rows come from: ``own_*`` are the keys taken from the
    workspace's ``rates.toml`` (``path``, which need not exist); the rest are vareflyt's own."""

    table: RateTable
    path: Path | None
    own_half_years: frozenset[date] = frozenset()
    own_satser: frozenset[date] = frozenset()
    own_fee_rules: frozenset[date] = frozenset()


def shipped_rates() -> RateTable:
    return load_rates(None)


def load_rate_sources(workspace_root: Path | None) -> RateSources:
    """The shipped table merged with ``<workspace>/rates.toml`` when it exists, with the keys
    of the workspace's own rows."""
    text = resources.files("vareflyt.data.rates").joinpath(SHIPPED).read_text(encoding="utf-8")
    half_years, satser, rules = parse_rates(text, SHIPPED)
    hint, path = WORKSPACE_FILE, None
    own: Rows = ({}, {}, {})
    if workspace_root is not None:
        path = Path(workspace_root) / WORKSPACE_FILE
        hint = str(path)
        if path.is_file():
            own = parse_rates(path.read_text(encoding="utf-8-sig"), str(path))
            half_years.update(own[0])
            satser.update(own[1])
            rules.update(own[2])
    table = RateTable(tuple(half_years.values()), tuple(satser.values()), tuple(rules.values()), hint=hint)
    return RateSources(table, path, frozenset(own[0]), frozenset(own[1]), frozenset(own[2]))


def load_rates(workspace_root: Path | None) -> RateTable:
    """The shipped table merged with ``<workspace>/rates.toml`` when it exists."""
    return load_rate_sources(workspace_root).table
