"""Writing the workspace's ``rates.toml``: ``vareflyt rates add --from DATE --interest PCT``.

A person types a half-year's forsinkelsesrente (and standardkompensasjon) from regjeringen.no
or Lovdata; the row is written ``confirmed = true``. Input is checked first: the start must
be 1 January or 1 July, the rate over 0 and at most 30 %, the compensation 100–2 000 kr
(otherwise ``UsageError``, exit 2, and the file is not touched).

The file is edited as text so that everything a person wrote in it stays: comments, other
rows, their order. A ``[[half_year]]`` row with the same start is replaced in place (its
comments kept), a new one goes after the last earlier half-year. The new text is parsed and
compared with the old before anything is written: only the one row may differ. It is then
written to a temporary file and moved over ``rates.toml`` (the previous version is kept as
``rates.bak.toml``), and the merged table is loaded again to show the row in force.
The text editing itself is in ``rates_toml_edit``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..domain.issues import Issue, JobResult, Source, UsageError, info, warning
from ..domain.money import format_kr
from ..excel.locks import atomic_write
from ..rules.dunning.rates import HalfYear, half_year_start
from .rates import WORKSPACE_FILE, load_rate_sources
from .rates_table import format_pct, pct_str
from .rates_toml_edit import Edit, half_year_block, with_half_year

__all__ = [
    "add_half_year",
    "HEADER",
    "check_start",
    "parse_interest",
    "parse_compensation",
    "clean_source",
    "half_year_block",
    "with_half_year",
    "Edit",
    "MAX_INTEREST",
    "COMPENSATION_RANGE",
]

MAX_INTEREST = Decimal("30")
LARGE_CHANGE = Decimal("2")  # percentage points from the half-year before: ask to check
COMPENSATION_RANGE = (Decimal("100"), Decimal("2000"))
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")

HEADER = """\
# Arbeidsmappens egne satser for purring. Radene her går foran satsene som følger med
# vareflyt når de har samme start. Legg til et halvår med
#   vareflyt rates add --from 2026-07-01 --interest PROSENT --compensation KRONER
# og se tabellen som er i bruk med `vareflyt rates show`.
"""


def check_start(start: date) -> date:
    """A half-year starts on 1 January or 1 July; anything else is a usage error naming both."""
    if (start.month, start.day) not in ((1, 1), (7, 1)):
        raise UsageError(
            f"--from må være første dag i et halvår: 1. januar eller 1. juli (f.eks. "
            f"{start.year}-07-01 eller {start.year + 1}-01-01). {start:%d.%m.%Y} er ikke det; "
            f"halvåret den ligger i starter {half_year_start(start):%d.%m.%Y}."
        )
    return start


def _number(text: str, unit: re.Pattern[str]) -> Decimal | None:
    cleaned = unit.sub("", str(text).strip()).replace("\u00a0", "").replace(" ", "")
    if cleaned.count(",") + cleaned.count(".") > 1:
        return None
    cleaned = cleaned.replace(",", ".")
    return Decimal(cleaned) if _NUMBER.match(cleaned) else None


def parse_interest(text: str) -> Decimal:
    """``'12,25'``, ``'12.25'`` or ``'12,25 %'`` -> ``Decimal('12.25')``; exit 2 unless 0 < rate ≤ 30."""
    value = _number(text, re.compile(r"\s*(%|prosent)\s*$", re.IGNORECASE))
    if value is None:
        raise UsageError(
            f"--interest må være forsinkelsesrenten i prosent per år, f.eks. 12,25 eller 12.25; "
            f"«{text}» er ikke et tall."
        )
    if value <= 0 or value > MAX_INTEREST:
        raise UsageError(
            f"--interest {text} er ikke en rimelig forsinkelsesrente: den må være over 0 og høyst "
            f"30 prosent per år (Norges Banks styringsrente + 8 prosentpoeng, f.eks. 12,25)."
        )
    if value != value.quantize(Decimal("0.01")):
        raise UsageError(
            f"--interest {text} har for mange desimaler: forsinkelsesrenten oppgis med høyst to "
            f"(f.eks. 12,25)."
        )
    return value


def parse_compensation(text: str | None) -> Decimal | None:
    """``'460'`` or ``'460,00 kr'`` -> ``Decimal('460')``; exit 2 unless 100 ≤ amount ≤ 2 000."""
    if text is None or str(text).strip() == "":
        return None
    value = _number(text, re.compile(r"\s*(kr|kroner|nok)\.?\s*$", re.IGNORECASE))
    low, high = COMPENSATION_RANGE
    if value is None:
        raise UsageError(
            f"--compensation må være standardkompensasjonen i kroner, f.eks. 460; «{text}» er ikke et tall."
        )
    if not low <= value <= high or value != value.quantize(Decimal("0.01")):
        raise UsageError(
            f"--compensation {text} er ikke en rimelig standardkompensasjon: den er 40 euro regnet "
            f"om til kroner og må være mellom 100 og 2 000 kr (f.eks. 460)."
        )
    return value


def clean_source(text: str | None, today: date) -> str:
    """The source as one line without control characters; a note of the day when none is given."""
    cleaned = " ".join(str(text or "").split())
    cleaned = "".join(ch for ch in cleaned if unicodedata.category(ch) != "Cc")[:500]
    return cleaned or f"Lagt inn med vareflyt rates add {today:%d.%m.%Y}"


def read_workspace_file(root: Path) -> tuple[Path, str, bool]:
    """``<root>/rates.toml``, its text (the short header when it does not exist) and whether it existed."""
    path = Path(root) / WORKSPACE_FILE
    if path.is_file():
        return path, path.read_bytes().decode("utf-8-sig"), True
    return path, HEADER, False


def _describe(row: HalfYear | None, in_force: Decimal | None = None) -> str:
    if row is None:
        return ""
    comp = row.compensation if row.compensation is not None else in_force
    text = f"forsinkelsesrente {format_pct(row.interest)} %"
    if comp is not None:
        text += f", standardkompensasjon {format_kr(comp)} kr" + (
            " (fra halvåret før)" if row.compensation is None else ""
        )
    return text + (", bekreftet" if row.confirmed else ", ikke bekreftet")


def _row_dict(row: HalfYear) -> dict:
    return {
        "start": row.start.isoformat(),
        "interest": pct_str(row.interest),
        "compensation": None if row.compensation is None else f"{row.compensation:.2f}",
        "source": row.source,
        "confirmed": row.confirmed,
    }


def add_half_year(
    root: Path,
    start: date,
    interest: str,
    compensation: str | None = None,
    source: str | None = None,
    *,
    today: date | None = None,
) -> JobResult:
    """Write one confirmed ``[[half_year]]`` row into ``<root>/rates.toml`` (see the module text)."""
    today = today or date.today()
    check_start(start)
    row = HalfYear(
        start,
        parse_interest(interest),
        parse_compensation(compensation),
        clean_source(source, today),
        confirmed=True,
    )
    before = load_rate_sources(root)  # an unreadable rates.toml stops here, untouched
    path, text, existed = read_workspace_file(root)
    previous = next((h for h in before.table.half_years if h.start == start), None)
    edit = with_half_year(text, row, str(path))
    with atomic_write(path, backup=True) as tmp:
        tmp.write_bytes(edit.text.encode("utf-8"))
    after = load_rate_sources(root)  # proves the file parses, and shows the row in force
    written = next((h for h in after.table.half_years if h.start == start), None)
    if written != row:
        raise UsageError(
            f"{path} ble skrevet, men raden for {start:%d.%m.%Y} leses ikke tilbake som lagt inn. "
            f"Åpne filen og sjekk raden."
        )
    earlier = [h for h in after.table.half_years if h.start < start]
    in_force = next((h.compensation for h in reversed(earlier) if h.compensation is not None), None)
    issues: list[Issue] = []
    where = Source(file=WORKSPACE_FILE)
    if edit.replaced:
        issues.append(
            info(
                "rate_table.replaced",
                f"Raden for halvåret fra {start:%d.%m.%Y} i {WORKSPACE_FILE} er "
                f"erstattet (var: {_describe(previous)}).",
                where,
            )
        )
    elif previous is not None:
        issues.append(
            info(
                "rate_table.overrides_shipped",
                f"Raden går foran vareflyts egen rad for samme halvår (var: {_describe(previous)}).",
                where,
            )
        )
    if earlier and abs(row.interest - earlier[-1].interest) > LARGE_CHANGE:
        issues.append(
            warning(
                "rate_table.large_change",
                f"Forsinkelsesrenten {format_pct(row.interest)} % er mer enn 2 prosentpoeng fra halvåret "
                f"før ({format_pct(earlier[-1].interest)} %). Sjekk tallet mot regjeringen.no eller "
                f"Lovdata, og kjør kommandoen på nytt med riktig sats om det er feil.",
                where,
            )
        )
    if row.compensation is None:
        carried = (
            f"beløpet fra halvåret før ({format_kr(in_force)} kr) brukes"
            if in_force is not None
            else "ingen standardkompensasjon kan kreves før et beløp er lagt inn"
        )
        issues.append(
            info(
                "rate_table.compensation_carried",
                f"Ingen standardkompensasjon oppgitt: {carried}. Legg den "
                f"til med --compensation når beløpet er kjent.",
                where,
            )
        )
    verb = "Erstattet" if edit.replaced else "La til"
    made = "" if existed else " (filen er laget)"
    summary = (
        f"{verb} halvåret fra {start:%d.%m.%Y} i {path}{made}. "
        "Tabellen er lest inn på nytt, og dette gjelder "
        f"nå: {_describe(written, in_force)}; kilde: {written.source}"
    )
    return JobResult(
        counts={"added": int(not edit.replaced), "replaced": int(edit.replaced)},
        issues=issues,
        outputs=[str(path)],
        summary=summary,
        extra={
            "row": _row_dict(written),
            "replaced": edit.replaced,
            "created": not existed,
            "previous": _row_dict(previous) if previous else None,
        },
    )
