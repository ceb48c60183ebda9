"""The date a price list starts on: from the option, the rows, the title or the PRICAT header.

Without ``--valid-from`` a version starts on the list's own date (``list_date``), in this
order: the date all or most rows give in their valid-from column (``rows_date``: more than half
of the list's accepted rows give the same date), a date after a "from" word in the title rows
above the header (``title_date``: "Prisliste gyldig fra 1. februar 2026", "Priser fra 01.02.26",
"Gjelder fra 1.2.2026", "Gyldig fra:" with the date in the next cell), the PRICAT header
(DTM+157), and only without any of these the import day. ``--valid-from`` wins when given; when
the file says another date the import warns. Rows whose own valid-from differs from the version
date still apply from their own date (see ``rules.price_keep.bridge_later_rows``).

Dates in text: day.month.year with ``.``, ``/`` or ``-`` (two-digit years are 20yy), ISO
``2026-02-01``, and month names in Norwegian, Swedish, Danish and English ("1. februar 2026",
"1 feb. 26", "februar 2026" = the 1st). Pure: text and dates in, values and issues out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ..domain.issues import Issue, Source, info, warning
from ..domain.wording import plural

MONTHS = {
    "januar": 1,
    "january": 1,
    "januari": 1,
    "jan": 1,
    "februar": 2,
    "february": 2,
    "februari": 2,
    "feb": 2,
    "mars": 3,
    "march": 3,
    "marts": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "maj": 5,
    "may": 5,
    "juni": 6,
    "june": 6,
    "jun": 6,
    "juli": 7,
    "july": 7,
    "jul": 7,
    "august": 8,
    "augusti": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "october": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "desember": 12,
    "december": 12,
    "des": 12,
    "dec": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = re.compile(
    r"(?<!\d)(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?!\d)"
    r"|(?<!\d)(?P<nd>\d{1,2})[./-](?P<nm>\d{1,2})[./-](?P<ny>\d{4}|\d{2})(?!\d)"
    rf"|\b(?P<em>{_MONTH})\.?\s+(?P<ed>\d{{1,2}}),\s*(?P<ey>\d{{4}})(?!\d)"
    rf"|(?:(?<!\d)(?P<td>\d{{1,2}})\.?\s*)?\b(?P<tm>{_MONTH})\b\.?\s*(?P<ty>\d{{4}}|'?\d{{2}})(?!\d)",
    re.IGNORECASE,
)
# A "from" word just before the date: gyldig fra, gjelder fra, fra og med, f.o.m., priser fra,
# pr./per, giltig från, valid from, effective ("Gyldig:" alone also counts).
_CUE = re.compile(
    r"(?:\b(?:fra(?:\s+og\s+med)?|från(?:\s+och\s+med)?|fran|from|fom|f\.\s*o\.\s*m\.?|per|pr\.?|gyldig|gjelder|"
    r"giltig|gældende|valid|effective|gjeldende)\b|\bf\.o\.m\.?)\s*[:.\-–]?\s*(?:den\s+|the\s+|d\.\s*)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ListDate:
    """The version's valid-from and where it came from (``source``: option, rows, title, pricat,
    import_day), with the words the result uses to say so."""

    on: date
    source: str
    said: str


def _year(text: str) -> int:
    text = text.lstrip("'")
    return 2000 + int(text) if len(text) == 2 else int(text)


def _make(y: int, m: int, d: int) -> date | None:
    try:
        found = date(y, m, d)
    except ValueError:
        return None
    return found if 2000 <= found.year <= 2099 else None


def dates_in(text: str) -> list[tuple[date, int, int]]:
    """Every date written in ``text`` -> (date, start, end), in order.

    >>> [d.isoformat() for d, _, _ in dates_in("Priser fra 01.02.26 til 31.12.2026; 1. mars 2027")]
    ['2026-02-01', '2026-12-31', '2027-03-01']
    """
    out = []
    for m in _DATE.finditer(text):
        g = m.groupdict()
        if g["iy"]:
            found = _make(int(g["iy"]), int(g["im"]), int(g["id"]))
        elif g["nd"]:
            found = _make(_year(g["ny"]), int(g["nm"]), int(g["nd"]))
        elif g["tm"]:
            found = _make(_year(g["ty"]), MONTHS[g["tm"].lower()], int(g["td"] or 1))
        else:
            found = _make(int(g["ey"]), MONTHS[g["em"].lower()], int(g["ed"]))
        if found:
            out.append((found, m.start(), m.end()))
    return out


def cell_text(cell: object) -> str:
    """A title cell as text; date cells as dd.mm.yyyy so the date rule reads them."""
    if isinstance(cell, datetime):
        cell = cell.date()
    if isinstance(cell, date):
        return f"{cell:%d.%m.%Y}"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell).strip()


def title_date(lines: Iterable[str]) -> tuple[date, str] | None:
    """The first date after a "from" word in the title lines -> (date, the line it is on).

    >>> title_date(["Trelast Vest AS", "Prisliste gyldig fra 1. februar 2026"])[0]
    datetime.date(2026, 2, 1)
    >>> title_date(["Utskrevet 15.01.2026", "Gyldig til 31.12.2026"]) is None
    True
    """
    for line in lines:
        previous_end = 0
        for found, start, end in dates_in(line):
            before = line[max(previous_end, start - 40) : start]
            if _CUE.search(before):
                return found, line
            previous_end = end
    return None


def rows_date(dates: Sequence[date | None]) -> tuple[date, int] | None:
    """The date more than half of the rows give -> (date, how many rows give it), else None."""
    counted = Counter(d for d in dates if d is not None)
    if not counted:
        return None
    top, n = counted.most_common(1)[0]
    return (top, n) if 2 * n > len(dates) else None


def list_date(
    option: date | None,
    rows: tuple[date, int] | None,
    title: tuple[date, str] | None,
    header: date | None,
    today: date,
    n_rows: int,
    where: Source,
    *,
    rows_where: str = "i gyldig-fra-kolonnen",
) -> tuple[ListDate, list[Issue]]:
    """The version's valid-from (see the module docstring) and the issues that explain it.
    ``rows_where`` says where the rows give their dates (a PRICAT: DTM+157 per article)."""
    said_rows = said_title = ""
    if rows:
        said_rows = (
            f"datoen alle radene har {rows_where}"
            if rows[1] == n_rows
            else f"datoen {rows[1]} av {plural(n_rows, 'rad', 'rader')} har {rows_where}"
        )
    if title:
        said_title = f"datoen i tittelen («{_short(title[1])}»)"
    own = (
        ([(rows[0], "rows", said_rows)] if rows else [])
        + ([(title[0], "title", said_title)] if title else [])
        + ([(header, "pricat", "gyldig-fra-datoen i PRICAT-hodet (DTM+157)")] if header else [])
    )
    issues: list[Issue] = []
    if option is not None:
        chosen = ListDate(option, "option", "--valid-from")
        differs = [(d, said) for d, _, said in own if d != option]
        if differs:
            d, said = differs[0]
            issues.append(
                warning(
                    "price.valid_from_differs",
                    f"Prislisten sier gyldig fra {d:%d.%m.%Y} ({said}), men "
                    f"--valid-from er {option:%d.%m.%Y}; listen er importert som gyldig fra "
                    f"{option:%d.%m.%Y}. Rader med egen gyldig-fra-dato gjelder fra sin dato.",
                    where,
                )
            )
        return chosen, issues
    if not own:
        return ListDate(today, "import_day", "importdagen; listen oppgir ingen gyldig-fra-dato"), [
            info(
                "price.valid_from_import_day",
                f"Prislisten oppgir ingen gyldig-fra-dato; den gjelder fra importdagen "
                f"{today:%d.%m.%Y}. Oppgi --valid-from for en annen dato.",
                where,
            )
        ]
    on, source, said = own[0]
    if rows and title and rows[0] != title[0]:
        issues.append(
            info(
                "price.valid_from_title",
                f"Tittelen sier gyldig fra {title[0]:%d.%m.%Y}, radene "
                f"{rows[0]:%d.%m.%Y}; radenes dato er brukt.",
                where,
            )
        )
    return ListDate(on, source, said), issues


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["ListDate", "MONTHS", "dates_in", "cell_text", "title_date", "rows_date", "list_date"]
