"""CONTRL acknowledgements: accepted, rejected interchange, rejected message with segment errors."""

from __future__ import annotations

from datetime import datetime

from pydifact.segments import Segment as S

from vareflyt.edi.contrl import build_contrl, wants_contrl
from vareflyt.edi.reader import read_interchanges
from vareflyt.edi.validate import validate_interchange
from vareflyt.edi.writer import write_interchange

from . import samples

OWN = samples.BUYER
WHEN = datetime(2026, 3, 2, 8, 0)


def received(bodies):
    data = write_interchange(samples.SUPPLIER, OWN, bodies, "900", samples.PREPARED)
    return data


def contrl_of(data: bytes):
    result = read_interchanges(data)
    issues = validate_interchange(result)
    out = build_contrl(result.interchanges[0], issues, own_gln=OWN, control_ref="55", prepared=WHEN)
    back = read_interchanges(out)
    assert back.ok and validate_interchange(back) == [], back.issues
    ic = back.interchanges[0]
    assert (ic.sender, ic.receiver, ic.control_ref) == (OWN, samples.SUPPLIER, "55")
    msg = ic.messages[0]
    assert (msg.type, msg.version, msg.release) == ("CONTRL", "D", "3")
    return [(s.tag, s.elements) for s in msg.body]


def test_accepted():
    body = contrl_of(received([("INVOIC", samples.invoic())]))
    assert body == [("UCI", ["900", [samples.SUPPLIER, "14"], [OWN, "14"], "7"])]


def test_rejected_message_lists_segment_errors():
    bad = samples.invoic()
    bad[1] = S("DTM", ["137", "20261340", "102"])
    body = contrl_of(received([("INVOIC", samples.invoic()), ("INVOIC", bad)]))
    assert body[0][1][3] == "7"
    assert body[1] == ("UCM", ["1", ["INVOIC", "D", "03A", "UN"], "7"])
    assert body[2] == ("UCM", ["2", ["INVOIC", "D", "03A", "UN"], "4"])
    assert body[3] == ("UCS", ["3", "12"])


def test_wrong_unt_count_rejects_the_message_at_unt():
    data = received([("ORDERS", samples.orders())]).replace(b"UNT+18+1", b"UNT+19+1")
    body = contrl_of(data)
    assert body[1] == ("UCM", ["1", ["ORDERS", "D", "03A", "UN"], "4", "29", "UNT"])


def test_envelope_error_rejects_the_interchange():
    data = received([("ORDERS", samples.orders())]).replace(b"UNZ+1+900", b"UNZ+2+900")
    body = contrl_of(data)
    assert body == [("UCI", ["900", [samples.SUPPLIER, "14"], [OWN, "14"], "4", "29", "UNZ"])]


def test_ack_request_flag():
    data = received([("ORDERS", samples.orders())])
    assert not wants_contrl(read_interchanges(data).interchanges[0])
    asked = data.replace(b"+900'", b"+900++++1'", 1)
    assert wants_contrl(read_interchanges(asked).interchanges[0])
