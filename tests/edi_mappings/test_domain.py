"""Domain documents: frozen, Decimal-only, JSON form round-trips, despatch quantities per order line."""

import dataclasses
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import golden_docs  # noqa: E402

from vareflyt.domain.despatch import DespatchAdvice, delivered_by_order_line, lines_in_package  # noqa: E402
from vareflyt.domain.documents_json import decimal_str, from_jsonable, to_jsonable  # noqa: E402
from vareflyt.domain.invoices import Invoice  # noqa: E402
from vareflyt.domain.orders import Order, OrderResponse  # noqa: E402

DOCS = [
    (Order, golden_docs.ORDER),
    (OrderResponse, golden_docs.ORDER_RESPONSE),
    (DespatchAdvice, golden_docs.DESPATCH),
    (Invoice, golden_docs.INVOICE),
    (Invoice, golden_docs.CREDIT_NOTE),
]


@pytest.mark.parametrize("cls,doc", DOCS, ids=[type(d).__name__ for _, d in DOCS])
def test_to_dict_is_plain_json_and_from_dict_inverts_it(cls, doc):
    data = doc.to_dict()
    text = json.dumps(data)  # only JSON types: no Decimal, date or Enum left
    assert cls.from_dict(json.loads(text)) == doc


def test_documents_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        golden_docs.INVOICE.number = "X"


def test_money_is_decimal_and_written_without_exponent():
    def walk(value):
        if dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                yield from walk(getattr(value, f.name))
        elif isinstance(value, tuple):
            for v in value:
                yield from walk(v)
        else:
            yield value

    values = list(walk(golden_docs.INVOICE))
    assert not any(isinstance(v, float) for v in values)
    assert sum(isinstance(v, Decimal) for v in values) > 40
    assert decimal_str(Decimal("1E+2")) == "100" and decimal_str(Decimal("-0.530")) == "-0.530"


def test_date_and_datetime_fields_keep_their_kind():
    order = dataclasses.replace(golden_docs.ORDER, requested_delivery=date(2026, 11, 9))
    assert from_jsonable(Order, to_jsonable(order)).requested_delivery == date(2026, 11, 9)
    back = from_jsonable(Order, to_jsonable(golden_docs.ORDER)).requested_delivery
    assert isinstance(back, datetime) and back == datetime(2026, 11, 9, 7, 0)


def test_unknown_json_field_is_refused():
    data = golden_docs.ORDER.to_dict() | {"typo": 1}
    with pytest.raises(ValueError, match="typo"):
        Order.from_dict(data)


def test_delivered_quantity_per_order_line_and_package_contents():
    delivered = delivered_by_order_line(golden_docs.DESPATCH)
    assert delivered[("4500012345", "2")] == Decimal("3") and delivered[("4500012345", "3")] == Decimal(
        "36.6"
    )
    twice = dataclasses.replace(golden_docs.DESPATCH, lines=golden_docs.DESPATCH.lines * 2)
    assert delivered_by_order_line(twice)[("4500012345", "1")] == Decimal("40")
    assert [x.line_no for x in lines_in_package(golden_docs.DESPATCH, golden_docs.SSCC_2)] == [2, 4]
