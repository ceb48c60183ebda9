"""Value checks for EDIFACT data elements: dates by format code, numbers, GS1 identifiers.

Each check returns None when the value is fine, or a Norwegian sentence saying what is wrong.
"""

from __future__ import annotations

import re
from datetime import datetime

from stdnum import ean  # noqa: F401  (used by the doctest below)

# DTM format code (2379) -> strptime pattern; 718 is a date range CCYYMMDD-CCYYMMDD.
DATE_FORMATS = {
    "102": "%Y%m%d",
    "203": "%Y%m%d%H%M",
    "204": "%Y%m%d%H%M%S",
    "101": "%y%m%d",
    "201": "%y%m%d%H%M",
    "103": None,
    "718": "range",
    "602": "%Y",
    "610": "%Y%m",
    "616": None,
}
_FAST = {"102": 8, "203": 12, "204": 14}
_NUMBER = re.compile(r"-?([0-9]+([.,][0-9]*)?|[.,][0-9]+)")


def _digits(value: str) -> bool:
    """ASCII digits only (``str.isdigit`` also accepts '¹' and other Unicode digits)."""
    return value.isascii() and value.isdigit()


def check_date(value: str, fmt: str | None) -> str | None:
    """
    >>> check_date("20260230", "102")
    'ugyldig dato 20260230 (format 102 = ÅÅÅÅMMDD)'
    >>> check_date("202603011230", "203") is None
    True
    """
    fmt = fmt or "102"
    if fmt in _FAST and len(value) == _FAST[fmt] and _digits(value):
        try:
            datetime(
                int(value[:4]),
                int(value[4:6]),
                int(value[6:8]),
                int(value[8:10] or 0),
                int(value[10:12] or 0),
                int(value[12:14] or 0),
            )
            return None
        except ValueError:
            pass
    pattern = DATE_FORMATS.get(fmt)
    if fmt not in DATE_FORMATS:
        return f"ukjent datoformat {fmt}"
    if pattern is None:
        return None if _digits(value) else f"ugyldig dato {value} (format {fmt})"
    if pattern == "range":
        parts = value.split("-")
        if len(parts) != 2:
            return f"ugyldig datoperiode {value} (format 718 = ÅÅÅÅMMDD-ÅÅÅÅMMDD)"
        return check_date(parts[0], "102") or check_date(parts[1], "102")
    try:
        if not _digits(value):
            raise ValueError
        parsed = datetime.strptime(value, pattern)
        if parsed.strftime(pattern) != value:
            raise ValueError
    except ValueError:
        shown = {"102": "ÅÅÅÅMMDD", "203": "ÅÅÅÅMMDDTTMM", "101": "ÅÅMMDD"}.get(fmt, fmt)
        return f"ugyldig dato {value} (format {fmt} = {shown})"
    return None


def check_number(value: str, decimal: str = ".") -> str | None:
    """A numeric data element: digits, one decimal mark (the UNA's, or '.'), optional minus.

    >>> check_number("12.50") is None, check_number("12,5", ","), check_number("1 000")
    (True, None, 'ikke et tall: 1 000')
    """
    if not _NUMBER.fullmatch(value):
        return f"ikke et tall: {value}"
    if "," in value and decimal != ",":
        return f"desimalkomma i {value}; NeB bruker punktum"
    return None


def check_gln(value: str) -> str | None:
    """
    >>> check_gln("7080000000012") is None, check_gln("7080000000018")
    (True, 'GLN 7080000000018 har feil kontrollsiffer')
    """
    if len(value) != 13 or not _digits(value):
        return f"GLN {value} skal ha 13 siffer"
    return None if _gs1_ok(value) else f"GLN {value} har feil kontrollsiffer"


def check_gtin(value: str) -> str | None:
    if len(value) not in (8, 12, 13, 14) or not _digits(value):
        return f"GTIN {value} skal ha 8, 12, 13 eller 14 siffer"
    return None if _gs1_ok(value) else f"GTIN {value} har feil kontrollsiffer"


def check_sscc(value: str) -> str | None:
    """
    >>> check_sscc("370800000000000013") is None, check_sscc("370800000000000019")
    (True, 'SSCC 370800000000000019 har feil kontrollsiffer')
    """
    digits = value[2:] if len(value) == 20 and value.startswith("00") else value
    if len(digits) != 18 or not _digits(digits):
        return f"SSCC {value} skal ha 18 siffer"
    return None if _gs1_ok(digits) else f"SSCC {value} har feil kontrollsiffer"


def _gs1_ok(digits: str) -> bool:
    """GS1 mod 10 (as ``stdnum.ean``): weights 3, 1, 3, ... from the right, check digit excluded.

    Written by hand because it runs for every GLN/GTIN/SSCC of every message during NeB
    validation, where ``stdnum.ean`` took six times as long (the validation budget is 1x the
    read time); tests/edi/test_gs1_property.py checks it agrees with stdnum on any digits.

    >>> _gs1_ok("7040000000016"), _gs1_ok("7040000000017"), ean.is_valid("7040000000016")
    (True, False, True)
    """
    b = digits.encode()  # ASCII digits: byte value 48 + digit
    odd, even = b[-2::-2], b[-3::-2]
    total = 3 * (sum(odd) - 48 * len(odd)) + sum(even) - 48 * len(even)
    return (10 - total % 10) % 10 == b[-1] - 48
