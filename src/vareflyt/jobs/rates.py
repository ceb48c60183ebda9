"""Loading the dunning rate table: the shipped ``data/rates/no_rates.toml`` merged with the
workspace's own ``rates.toml`` (user-added half-years, years or corrections).

Rows are keyed by their start date (``due_from`` for fee rules); a workspace row replaces
the shipped row with the same key. Unreadable rows stop the job with a message naming the
file and the row, so a typo never turns into a silently wrong rate.
"""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from ..domain.issues import UsageError
from ..rules.dunning.rates import FeeRule, HalfYear, Inkassosats, RateTable

SHIPPED = "no_rates.toml"
WORKSPACE_FILE = "rates.toml"

__all__ = ["load_rates", "shipped_rates", "WORKSPACE_FILE"]


def _read(text: str, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{origin} har en skrivefeil: {exc}. Rett linjen og prøv igjen.") from None


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


def _amount(row: dict, key: str, origin: str, table: str, required: bool = True) -> Decimal | None:
    value = row.get(key)
    if value is None and not required:
        return None
    try:
        result = Decimal(str(value).replace(",", ".")) if not isinstance(value, bool) and value is not None else None
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
        half_years[start] = HalfYear(start, _amount(row, "interest", origin, "half_year"),
                                     _amount(row, "compensation", origin, "half_year", required=False),
                                     str(row.get("source", "")), bool(row.get("confirmed", True)))
    for row in raw.get("inkassosats", []):
        start = _date(row, "start", origin, "inkassosats")
        satser[start] = Inkassosats(start, _amount(row, "amount", origin, "inkassosats"),
                                    str(row.get("source", "")), bool(row.get("confirmed", True)))
    for row in raw.get("fee_rule", []):
        due_from = _date(row, "due_from", origin, "fee_rule")
        divisor = row.get("divisor")
        if not isinstance(divisor, int) or isinstance(divisor, bool) or divisor < 1:
            raise UsageError(f"{origin}: [[fee_rule]] divisor må være et heltall (f.eks. 20): {row!r}")
        rules[due_from] = FeeRule(due_from, divisor, str(row.get("source", "")))
    return half_years, satser, rules


def shipped_rates() -> RateTable:
    return load_rates(None)


def load_rates(workspace_root: Path | None) -> RateTable:
    """The shipped table merged with ``<workspace>/rates.toml`` when it exists."""
    text = resources.files("vareflyt.data.rates").joinpath(SHIPPED).read_text(encoding="utf-8")
    half_years, satser, rules = _parse(_read(text, SHIPPED), SHIPPED)
    hint = WORKSPACE_FILE
    if workspace_root is not None:
        path = Path(workspace_root) / WORKSPACE_FILE
        hint = str(path)
        if path.is_file():
            own = _parse(_read(path.read_text(encoding="utf-8-sig"), str(path)), str(path))
            half_years.update(own[0])
            satser.update(own[1])
            rules.update(own[2])
    return RateTable(tuple(half_years.values()), tuple(satser.values()), tuple(rules.values()), hint=hint)
