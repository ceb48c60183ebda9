"""CONTRL's UNB mirrors how the partner identified the parties (issue 13, item 8): the recipient
is the original sender with the qualifier it used (14 GLN, 1 DUNS, ZZZ mutually agreed, none),
and we answer with the qualifier the partner used for our GLN."""

from __future__ import annotations

from datetime import datetime

import pytest

from vareflyt.edi.contrl import build_contrl
from vareflyt.edi.reader import read_interchanges
from vareflyt.edi.validate import validate_interchange

OWN = "7080000000012"
WHEN = datetime(2026, 3, 2, 8, 0)


def received(sender: str, recipient: str) -> bytes:
    """An ORDRSP interchange as a partner writes it, with the UNB ids given verbatim."""
    return (
        "UNA:+.? 'UNB+UNOC:3+" + sender + "+" + recipient + "+260301:1205+900++++1'"
        "UNH+1+ORDRSP:D:03A:UN'BGM+231+OR-9+29'DTM+137:20260302:102'RFF+ON:PO-1001'"
        "NAD+BY+7080000000012::9'NAD+SU+7080000000029::9'UNS+S'UNT+8+1'UNZ+1+900'"
    ).encode("latin-1")


def contrl_unb(data: bytes) -> bytes:
    result = read_interchanges(data)
    out = build_contrl(
        result.interchanges[0], validate_interchange(result), own_gln=OWN, control_ref="55", prepared=WHEN
    )
    back = read_interchanges(out)
    assert back.ok, back.issues
    return out.split(b"'")[1]


@pytest.mark.parametrize(
    "sender, recipient, unb",
    [
        ("7080000000029:14", f"{OWN}:14", b"UNB+UNOC:3+7080000000012:14+7080000000029:14+260302:0800+55"),
        ("123456789:1", f"{OWN}:14", b"UNB+UNOC:3+7080000000012:14+123456789:1+260302:0800+55"),
        ("TRELASTVEST:ZZZ", f"{OWN}:ZZZ", b"UNB+UNOC:3+7080000000012:ZZZ+TRELASTVEST:ZZZ+260302:0800+55"),
        ("TRELASTVEST", OWN, b"UNB+UNOC:3+7080000000012+TRELASTVEST+260302:0800+55"),
        # the partner addressed us by another id (our organisation number): we are still our GLN, :14
        ("7080000000029:14", "923609016:30", b"UNB+UNOC:3+7080000000012:14+7080000000029:14+260302:0800+55"),
    ],
)
def test_contrl_mirrors_the_partners_qualifiers(sender, recipient, unb):
    assert contrl_unb(received(sender, recipient)) == unb


def test_the_acknowledgement_names_the_interchange_as_received():
    data = received("123456789:1", f"{OWN}:14")
    result = read_interchanges(data)
    out = build_contrl(result.interchanges[0], [], own_gln=OWN, control_ref="55", prepared=WHEN)
    uci = read_interchanges(out).messages[0].body[0]
    assert (uci.tag, uci.elements) == ("UCI", ["900", ["123456789", "1"], [OWN, "14"], "7"])
