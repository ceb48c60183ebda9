"""Cell values as suppliers write them → typed values, each parser returning ``(value, problem)``.

Every ``parse_*`` takes a raw cell (``str``, ``float``, ``int``, ``bool``, ``datetime``/``date``,
``None`` or ``""``) and returns ``(value, None)``, ``(None, None)`` for an empty cell, or
``(None, "Norwegian problem text")``. Floats from calamine become Decimal through ``repr`` —
never ``float(...)``.

Decisions (documented here because suppliers are ambiguous):

* Numbers: ``1 234,50``, ``1.234,50``, ``1,234.50``, ``kr 99,90``, ``99,90 kr``, ``NOK 12``,
  ``99,-``, ``kr 1.234,-`` (whole kroner: separators group thousands), ``-5``, ``5-`` and
  ``(5)`` all work. An amount in another currency (``EUR 12``, ``120 SEK``, ``12,50 €``) is a
  problem, not a number of kroner: price lists, open items and payments are kept in NOK. With
  both ``,`` and ``.`` the last one is the decimal separator. A single ``,`` is a decimal comma
  (``1,234`` = 1.234, Norwegian usage); a single ``.`` is a decimal point; repeated ones are
  thousands separators.
* Percent (result is in percent, ``12.5`` = 12.5 %): text with ``%`` is read as written
  (``12,5 %`` → 12.5). Without ``%``, ``fraction=True`` multiplies by 100 (a cell formatted as
  percent holds 0.125), ``fraction=False`` takes the number as percent. ``fraction=None``
  decides per value: |x| < 1 is a fraction. ``tabular`` decides per *column* instead: if every
  number in the column without a ``%`` sign is within [-1, 1] the column holds fractions.
* Dates: ``01.02.2026``, ``1.2.26``, ``2026-02-01``, ``01/02/2026`` (day first), ``20260201``,
  Excel serial numbers 20000–80000 (1954–2119), and datetime objects. Two-digit years are
  2000–2069 for 00–69, else 1900s. A time after the date (``01.02.2026 00:00:00``, as ERPs
  write a date-time column to CSV) is left out: a price date is a day.
* Codes (article numbers, NOBB, product groups): text stays as written (outer spaces
  stripped); numbers read as floats lose the ``.0`` (123.0 → ``"123"``). GTINs: digits only,
  floats rounded to a whole number (7.0312345678901e12 → ``"7031234567890"``); text in
  exponent form (``7,03E+12``, lost digits) is a problem. A number cell cannot hold a GTIN's
  leading zeros, so a number of 9–11 digits is given them back as a GTIN-13 (0012345678905 is
  read as 12345678905) and one of fewer than 8 digits as a GTIN-8; leading zeros do not change
  the GS1 check digit. Text is taken as written.
* Booleans: ja/nei, yes/no, j/n, x, 1/0, sant/usant, true/false, sann/falsk.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

EXCEL_EPOCH = date(1899, 12, 30)
_CURRENCY = re.compile(r"^(kr\.?|nok)\s*|\s*(kr\.?|nok|,-|\.-)$", re.IGNORECASE)
_FOREIGN = re.compile(
    r"^(sek|dkk|eur|usd|gbp|chf|€|\$|£)\s*|\s*(sek|dkk|eur|usd|gbp|chf|€|\$|£)$", re.IGNORECASE
)
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'")
_DMY = re.compile(
    r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?:[ T]+\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?)?$"
)
_YMD = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$")  # ISO, and Nordea netbank 2026/03/01
_SCI = re.compile(r"^\d+([.,]\d+)?[eE][+-]?\d+$")
TRUE_WORDS = frozenset({"ja", "j", "yes", "y", "x", "1", "sant", "sann", "true", "t"})
FALSE_WORDS = frozenset({"nei", "n", "no", "0", "usant", "falsk", "false", "f", "-"})


def is_empty(raw) -> bool:
    return raw is None or raw == "" or (isinstance(raw, str) and not raw.strip())


def float_to_decimal(f: float) -> Decimal:
    """Through ``repr`` (shortest round-trip text), so 0.1 is 0.1; whole floats lose the ``.0``."""
    if f.is_integer() and abs(f) < 1e15:
        return Decimal(int(f))
    return Decimal(repr(f))


def _text_decimal(text: str) -> Decimal | None:
    s = text.strip().translate(_SPACES)
    s = s.replace("\u2212", "-")
    whole = False
    for _ in range(2):
        whole = whole or s.endswith((",-", ".-"))
        s = _CURRENCY.sub("", s).strip().translate(_SPACES)
    if whole:  # "1.234,-" is whole kroner: every separator groups thousands
        s = s.replace(".", "").replace(",", "")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    if s.startswith("-"):
        negative, s = not negative, s[1:]
    elif s.startswith("+"):
        s = s[1:]
    elif s.endswith("-"):
        negative, s = True, s[:-1]
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(",", ".")
    elif s.count(",") > 1:
        s = s.replace(",", "")
    elif "," in s:
        s = s.replace(",", ".")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    if s.startswith("."):
        s = "0" + s
    if not _NUMBER.match(s):
        return None
    value = Decimal(s)
    return -value if negative else value


def parse_decimal(raw) -> tuple[Decimal | None, str | None]:
    if isinstance(raw, bool):
        return None, f"{raw!r} er ikke et tall"
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):  # NaN or infinity in a float cell
            return None, "ugyldig tall"
        return float_to_decimal(raw), None
    if isinstance(raw, int):
        return Decimal(raw), None
    if is_empty(raw):
        return None, None
    if isinstance(raw, str):
        value = _text_decimal(raw)
        if value is not None:
            return value, None
        foreign = _FOREIGN.search(raw.strip())
        if foreign and _text_decimal(_FOREIGN.sub("", raw.strip())) is not None:
            currency = (foreign[1] or foreign[2]).upper()
            return None, f"«{raw.strip()}» er et beløp i {currency}; vareflyt leser beløp i norske kroner"
        return None, f"«{raw.strip()}» er ikke et tall"
    return None, f"{raw!s} er ikke et tall"


def parse_percent(raw, fraction: bool | None = None) -> tuple[Decimal | None, str | None]:
    if isinstance(raw, str) and "%" in raw:
        value, problem = parse_decimal(raw.replace("%", ""))
        if problem:
            return None, f"«{raw.strip()}» er ikke en prosentsats"
        return value, None
    value, problem = parse_decimal(raw)
    if value is None:
        return None, problem and problem.replace("et tall", "en prosentsats")
    if fraction is None:
        fraction = -1 < value < 1
    return (_plain(value * 100) if fraction else value), None


def _plain(value: Decimal) -> Decimal:
    """Drop trailing zeros without exponent form: 12.500 → 12.5, 100.00 → 100."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value


def parse_int(raw) -> tuple[int | None, str | None]:
    value, problem = parse_decimal(raw)
    if value is None:
        return None, problem
    if value != value.to_integral_value():
        return None, f"{raw} er ikke et heltall"
    return int(value), None


def _year(y: str) -> int:
    year = int(y)
    if len(y) == 2:
        year += 2000 if year < 70 else 1900
    return year


def parse_date(text) -> date | None:
    """A date written as text (or an Excel serial number as text); None when unreadable."""
    s = str(text).strip()
    try:
        m = _YMD.match(s)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = _DMY.match(s)
        if m:
            return date(_year(m[3]), int(m[2]), int(m[1]))
        if len(s) == 8 and s.isdigit():
            return date(int(s[:4]), int(s[4:6]), int(s[6:]))
        if len(s) == 5 and s.isdigit():
            return _serial(int(s))
    except ValueError:
        return None
    return None


def _serial(days: int | float) -> date | None:
    if 20000 <= days <= 80000:
        return EXCEL_EPOCH + timedelta(days=int(days))
    return None


def parse_date_value(raw) -> tuple[date | None, str | None]:
    if isinstance(raw, datetime):
        return raw.date(), None
    if isinstance(raw, date):
        return raw, None
    if isinstance(raw, bool):
        return None, f"{raw!r} er ikke en dato"
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and raw.is_integer() and 19000101 <= raw <= 21001231:
            raw = int(raw)
        if isinstance(raw, int) and 19000101 <= raw <= 21001231:
            parsed = parse_date(str(raw))
        else:
            parsed = _serial(raw)
        return (parsed, None) if parsed else (None, f"{raw} er ikke en dato")
    if is_empty(raw):
        return None, None
    parsed = parse_date(raw)
    if parsed is None:
        return None, f"«{str(raw).strip()}» er ikke en dato (bruk f.eks. 01.02.2026 eller 2026-02-01)"
    return parsed, None


def parse_text(raw) -> tuple[str | None, str | None]:
    if is_empty(raw):
        return None, None
    if isinstance(raw, bool):
        return ("ja" if raw else "nei"), None
    if isinstance(raw, float):
        return (str(int(raw)) if raw.is_integer() else repr(raw)), None
    if isinstance(raw, (datetime, date)):
        return raw.isoformat(), None
    return str(raw).strip(), None


parse_code = parse_text


def _gtin_number(number: int) -> str:
    """A GTIN from a number cell, with the leading zeros the number lost (see the module's notes)."""
    digits = str(number)
    if 0 < number and len(digits) < 8:
        return digits.zfill(8)
    if 8 < len(digits) < 12:
        return digits.zfill(13)
    return digits


def parse_gtin(raw) -> tuple[str | None, str | None]:
    if isinstance(raw, bool):
        return None, f"{raw!r} er ikke et GTIN"
    if isinstance(raw, float):
        if not -1e18 < raw < 1e18:  # also NaN and infinity from a damaged file
            return None, f"{raw!r} er ikke et GTIN"
        return _gtin_number(int(float_to_decimal(raw).to_integral_value(rounding=ROUND_HALF_UP))), None
    if isinstance(raw, int):
        return _gtin_number(raw), None
    if is_empty(raw):
        return None, None
    s = str(raw).strip().translate(_SPACES).replace("-", "")
    if _SCI.match(s):
        return None, (
            f"«{str(raw).strip()}» er skrevet i eksponentform; sifre har "
            "gått tapt. Formater kolonnen som tekst"
        )
    if s.endswith(".0") and s[:-2].isdigit():
        s = s[:-2]
    if not s.isdigit():
        return None, f"«{str(raw).strip()}» er ikke et GTIN (bare sifre)"
    return s, None


def parse_bool(raw) -> tuple[bool | None, str | None]:
    if isinstance(raw, bool):
        return raw, None
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw), None
    if is_empty(raw):
        return None, None
    word = str(raw).strip().lower().rstrip(".")
    if word in TRUE_WORDS:
        return True, None
    if word in FALSE_WORDS:
        return False, None
    return None, f"«{str(raw).strip()}» er ikke ja eller nei"


PARSERS = {
    "text": parse_text,
    "code": parse_code,
    "gtin": parse_gtin,
    "decimal": parse_decimal,
    "percent": parse_percent,
    "date": parse_date_value,
    "int": parse_int,
    "bool": parse_bool,
}


def parse_value(kind: str, raw):
    """Parse one raw cell by field kind (see ``PARSERS``)."""
    return PARSERS[kind](raw)
