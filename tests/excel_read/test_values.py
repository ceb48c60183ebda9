"""Value parsing as suppliers write values: numbers, percents, dates, codes, GTINs, booleans."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from vareflyt.excel.values import (
    parse_bool,
    parse_date,
    parse_date_value,
    parse_decimal,
    parse_gtin,
    parse_int,
    parse_percent,
    parse_text,
)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1 234,50", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("kr 99,90", "99.90"),
        ("99,90 kr", "99.90"),
        ("NOK 12", "12"),
        ("-5", "-5"),
        ("5-", "-5"),
        ("(5)", "-5"),
        ("99,-", "99"),
        ("1\u00a0234,5", "1234.5"),
        ("kr 1.234,-", "1234"),
        ("1 234,-", "1234"),
        ("12.5", "12.5"),
        ("1.234.567", "1234567"),
        ("1,234", "1.234"),
        ("\u22123,5", "-3.5"),
        (" 7 ", "7"),
        (12, "12"),
        (0.1, "0.1"),
        (1234.5, "1234.5"),
    ],
)
def test_decimal_forms(raw, expected):
    value, problem = parse_decimal(raw)
    assert problem is None
    assert value == Decimal(expected) and str(value) == expected


def test_decimal_from_float_goes_through_repr_not_binary():
    assert str(parse_decimal(0.1)[0]) == "0.1"
    assert str(parse_decimal(19.99)[0]) == "19.99"


@pytest.mark.parametrize("raw", ["abc", "12,5,x", "1.2.3,4,5", True, "kr", "--5"])
def test_decimal_problems(raw):
    value, problem = parse_decimal(raw)
    assert value is None and problem


@pytest.mark.parametrize("raw", ["", None, "   "])
def test_empty_is_neither_value_nor_problem(raw):
    assert parse_decimal(raw) == (None, None)
    assert parse_date_value(raw) == (None, None)
    assert parse_gtin(raw) == (None, None)


@pytest.mark.parametrize(
    "raw, fraction, expected",
    [
        ("12,5 %", None, "12.5"),
        ("12,5%", True, "12.5"),
        (0.125, None, "12.5"),
        (12.5, None, "12.5"),
        ("0,125", None, "12.5"),
        (0.5, False, "0.5"),
        (1, True, "100"),
        (25, None, "25"),
    ],
)
def test_percent_is_in_percent(raw, fraction, expected):
    value, problem = parse_percent(raw, fraction)
    assert problem is None and value == Decimal(expected)


@pytest.mark.parametrize(
    "raw",
    [
        "01.02.2026",
        "1.2.26",
        "2026-02-01",
        "01/02/2026",
        "20260201",
        46054,
        46054.0,
        datetime(2026, 2, 1, 0, 0),
        date(2026, 2, 1),
        "46054",
        "2026-02-01T00:00:00",
    ],
)
def test_dates(raw):
    assert parse_date_value(raw) == (date(2026, 2, 1), None)


@pytest.mark.parametrize("raw", ["32.01.2026", "2026-13-01", "i morgen", 5.0, True])
def test_date_problems(raw):
    value, problem = parse_date_value(raw)
    assert value is None and problem


def test_parse_date_for_cli():
    assert parse_date("2026-03-01") == date(2026, 3, 1)
    assert parse_date("1.3.2026") == date(2026, 3, 1)
    assert parse_date("neste uke") is None


def test_codes_keep_leading_zeros_and_drop_float_tail():
    assert parse_text("00123") == ("00123", None)
    assert parse_text(123.0) == ("123", None)
    assert parse_text(" AB-12 ") == ("AB-12", None)


@pytest.mark.parametrize(
    "raw, expected",
    [
        (7.0312345678901e12, "7031234567890"),
        (7031234567893.0, "7031234567893"),
        ("7031234567893", "7031234567893"),
        ("703 1234 567893", "7031234567893"),
        ("07031234567893", "07031234567893"),
        (7031234567893, "7031234567893"),
    ],
)
def test_gtin(raw, expected):
    assert parse_gtin(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["7,03123E+12", "7.03E12", "ABC123"])
def test_gtin_problems(raw):
    value, problem = parse_gtin(raw)
    assert value is None and problem


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("ja", True),
        ("Nei", False),
        ("yes", True),
        ("no", False),
        ("x", True),
        ("X", True),
        (1, True),
        (0.0, False),
        ("1", True),
        ("0", False),
        ("sant", True),
        ("usant", False),
        (True, True),
    ],
)
def test_bool(raw, expected):
    assert parse_bool(raw) == (expected, None)


def test_bool_problem_and_int():
    assert parse_bool("kanskje")[1]
    assert parse_int("12") == (12, None)
    assert parse_int("12,5")[1]
