"""KID (kundeidentifikasjon), the Norwegian payment reference, in python-stdnum's style.

A KID is 2 to 25 digits whose last character is a check digit computed either with MOD10
(Luhn) or with MOD11 (weights 2, 3, 4, 5, 6, 7 repeating from the right; a remainder that
gives check value 10 is written ``-``). Banks accept both; which one a creditor uses is
agreed with the bank, so ``validate`` accepts a KID valid under either unless ``method`` says.

>>> validate('1234 5678 97')
'1234567897'
>>> calc_check_digit('123456789', 'mod10')
'7'
>>> calc_check_digit('123456789', 'mod11')
'2'
>>> is_valid('1234567892')
True
>>> is_valid('1234567892', method='mod10')
False
>>> validate('1234567890')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidChecksum: The number's checksum or check digit is invalid.
>>> calc_check_digit('0000000006', 'mod11')
'-'
>>> validate('0000000006-')
'0000000006-'
>>> format('1234567897')
'1234 5678 97'
"""

from __future__ import annotations

from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError
from stdnum.util import clean, isdigits

__all__ = [
    "compact",
    "calc_check_digit",
    "mod10_check_digit",
    "mod11_check_digit",
    "validate",
    "is_valid",
    "format",
    "method_of",
    "ValidationError",
]

MIN_LENGTH, MAX_LENGTH = 2, 25  # digits of a KID


def compact(number: str) -> str:
    """Convert the number to the minimal representation: strip spaces, dots and dashes
    used as separators (a trailing ``-`` MOD11 check character is kept).

    >>> compact(' 1234.5678 97 ')
    '1234567897'
    >>> compact('12 34-')
    '1234-'
    """
    number = str(number).strip()
    trailing_dash = number.endswith("-")
    body = clean(number[:-1] if trailing_dash else number, " .-").strip()
    return body + ("-" if trailing_dash else "")


def mod10_check_digit(body: str) -> str:
    """Luhn check digit for the digits ``body`` (the KID without its check digit).

    >>> mod10_check_digit('7992739871')
    '3'
    """
    total = 0
    for index, char in enumerate(reversed(body)):
        digit = int(char)
        if index % 2 == 0:  # rightmost digit of the body is doubled
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return str((10 - total % 10) % 10)


def mod11_check_digit(body: str) -> str:
    """MOD11 check character: weights 2..7 repeating from the right; 10 is ``-``.

    >>> mod11_check_digit('12345678')
    '5'
    """
    total = sum(int(char) * (2 + index % 6) for index, char in enumerate(reversed(body)))
    check = (11 - total % 11) % 11
    return "-" if check == 10 else str(check)


def calc_check_digit(number: str, method: str = "mod10") -> str:
    """Calculate the check digit for ``number`` (without check digit) by ``method``
    (``'mod10'`` or ``'mod11'``)."""
    number = compact(number)
    if method == "mod10":
        return mod10_check_digit(number)
    if method == "mod11":
        return mod11_check_digit(number)
    raise ValueError(f"unknown KID method {method!r}")


def method_of(number: str) -> str | None:
    """Which method validates ``number``: ``'mod10'``, ``'mod11'`` or None (checks both;
    MOD10 wins when both fit).

    >>> method_of('1234567897'), method_of('1234567892'), method_of('1234567890')
    ('mod10', 'mod11', None)
    """
    try:
        number = validate(number)
    except ValidationError:
        return None
    body, check = number[:-1], number[-1]
    if check != "-" and mod10_check_digit(body) == check:
        return "mod10"
    return "mod11"


def validate(number: str, method: str | None = None) -> str:
    """Check that ``number`` is a valid KID (by ``method`` if given, else either);
    returns the compact form or raises a ``ValidationError``."""
    number = compact(number)
    if not number:
        raise InvalidFormat()
    body, check = number[:-1], number[-1]
    if not isdigits(body) or not (check.isdigit() or check == "-"):
        raise InvalidFormat()
    if not MIN_LENGTH <= len(number) <= MAX_LENGTH:
        raise InvalidLength()
    if method not in (None, "mod10", "mod11"):
        raise InvalidComponent()
    valid10 = check != "-" and mod10_check_digit(body) == check
    valid11 = mod11_check_digit(body) == check
    if (method == "mod10" and not valid10) or (method == "mod11" and not valid11) or not (valid10 or valid11):
        raise InvalidChecksum()
    return number


def is_valid(number: str, method: str | None = None) -> bool:
    """Check that ``number`` is a valid KID (by ``method`` if given, else either)."""
    try:
        return bool(validate(number, method))
    except ValidationError:
        return False


def format(number: str) -> str:  # noqa: A001 - stdnum's name
    """Reformat the number to the common presentation: groups of four from the left."""
    number = compact(number)
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
