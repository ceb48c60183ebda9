"""A pickup order names the pickup place in NAD+SF "med navn og adresse" (seed 004 §5.1), from
the stored party; a place without an address is written with what exists, with a warning."""

from datetime import date, datetime
from decimal import Decimal as D

from vareflyt.jobs.import_parties import import_parties
from vareflyt.jobs.make_orders import make_orders
from vareflyt.rules.ordering import EntryLine

from .conftest import EDI_SUPPLIER, SITE, lookup
from .edifact_text import header

ON = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, 0)
PARTIES = "Partnernr;Navn;GLN;Roller;Adresse;Postnr;Poststed;Land\r\n"


def pickup(ws, place: str | None = SITE):
    entry = EntryLine(
        EDI_SUPPLIER,
        "T100",
        D(5),
        pickup=True,
        delivery_gln=place,
        delivery_date=date(2026, 3, 4),
        delivery_time="14:30",
    )
    res = make_orders(ws, entries=[entry], on=ON, now=NOW, catalogue=lookup)
    assert res.ok and res.counts["orders"] == 1  # never stopped for the address
    return res, header(res.extra["orders"][0]["file"])


def parties(ws, tmp_path, row: str):
    path = tmp_path / "parter.csv"
    path.write_bytes((PARTIES + row + "\r\n").encode("utf-8"))
    assert import_parties(ws, path).ok


def test_nad_sf_carries_name_and_address_of_the_stored_place(ws, tmp_path):
    parties(
        ws,
        tmp_path,
        f"3001;Trelast Vest AS avdeling Åsane lager og hentested;{SITE};SF;Hesthaugvegen 12;5119;Bergen;NO",
    )
    res, head = pickup(ws)
    nad = [s for s in head if s.startswith("NAD+SF")]
    # C080 name over two components at a space (an..35 each), C059 street, 3164 city, 3251 postcode, 3207
    assert nad == [
        f"NAD+SF+{SITE}::9++Trelast Vest AS avdeling Åsane:lager og hentested+Hesthaugvegen 12+"
        f"Bergen++5119+NO"
    ]
    assert "TOD+4" in head and "DTM+2:202603041430:203" in head
    assert not [i for i in res.issues if i.code == "order.pickup_address"]


def test_a_place_without_address_is_written_with_its_name_and_a_warning(ws, tmp_path):
    parties(ws, tmp_path, f"3001;Hentelager Nord;{SITE};SF;;;;")
    res, head = pickup(ws)
    assert [s for s in head if s.startswith("NAD+SF")] == [f"NAD+SF+{SITE}::9++Hentelager Nord"]
    (warn,) = [i for i in res.issues if i.code == "order.pickup_address"]
    assert warn.severity.value == "warning"
    assert warn.message.startswith(
        f"Hentestedet Hentelager Nord ({SITE}) mangler gateadresse, postnummer og poststed i partnerlisten"
    )


def test_a_place_that_is_no_stored_party_keeps_the_partner_name_and_gln(ws):
    res, head = pickup(ws, place=None)  # pickup at the supplier itself
    assert [s for s in head if s.startswith("NAD+SF")] == [f"NAD+SF+{EDI_SUPPLIER}::9++Trelast Vest AS"]
    (warn,) = [i for i in res.issues if i.code == "order.pickup_address"]
    assert "finnes ikke i partnerlisten" in warn.message and "navn og GLN" in warn.message
