"""Shared fixtures for the dunning tests: the shipped rate table and small builders."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from vareflyt.domain.receivables import Customer, CustomerKind, OpenInvoice
from vareflyt.jobs.rates import shipped_rates


@pytest.fixture(scope="session")
def rates():
    return shipped_rates()


def invoice(no="1001", customer="K1", due=date(2024, 1, 15), amount="10000", **kw) -> OpenInvoice:
    return OpenInvoice(
        invoice_no=no,
        customer_no=customer,
        invoice_date=kw.pop("invoice_date", date(2024, 1, 1)),
        due_date=due,
        amount=Decimal(amount),
        **kw,
    )


def customer(no="K1", kind=CustomerKind.B2C, **kw) -> Customer:
    return Customer(number=no, name=kw.pop("name", f"Kunde {no}"), kind=kind, **kw)


@pytest.fixture
def make_invoice():
    return invoice


@pytest.fixture
def make_customer():
    return customer


@pytest.fixture
def shipped_rates_until(monkeypatch):
    """``cut(half_year, sats_year)`` makes the shipped rate table read as if its half-years
    stopped before ``half_year`` and its inkassosatser before the year ``sats_year``: a case about
    a rate the table lacks keeps its meaning the day a release ships that rate."""
    from vareflyt.jobs import rates as rates_module

    real_parse = rates_module.parse_rates

    def cut(half_year: date, sats_year: int | None = None) -> None:
        def parse(text: str, origin: str):
            half_years, satser, fee_rules = real_parse(text, origin)
            if origin == rates_module.SHIPPED:
                half_years = {start: row for start, row in half_years.items() if start < half_year}
                if sats_year is not None:
                    satser = {start: row for start, row in satser.items() if start.year < sats_year}
            return half_years, satser, fee_rules

        monkeypatch.setattr(rates_module, "parse_rates", parse)

    return cut
