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
