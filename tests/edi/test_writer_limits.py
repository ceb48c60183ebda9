"""The writer never exceeds D.03A: long names and texts go over the repeating components, a
value that cannot fit is refused with a Norwegian issue (nothing is written, nothing is cut).

What is written is checked three ways: the exact bytes (worked out by hand), our validator, and
pydifact's own parser with the limits read straight from the directory file.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest
from pydifact.parser import Parser
from pydifact.segments import Segment as S

from vareflyt.domain.orders import Order, OrderLine, PartyRef
from vareflyt.edi.mappings import orders
from vareflyt.edi.mappings.bounded import split
from vareflyt.edi.reader import read_interchanges
from vareflyt.edi.validate import validate_interchange
from vareflyt.edi.writer import EdifactWriteError, write_interchange

SHOP = "Byggmakker Nordre Follo Trelast og Byggevare AS avd. Ski"  # 56 characters
BY, SU = "7080000000012", "7080000000029"
WHEN = datetime(2026, 3, 1, 12, 5)
DIRECTORY = (
    Path(__file__).resolve().parents[2] / "src" / "vareflyt" / "data" / "edifact" / "d03a-segments.txt"
)


def limits() -> dict[str, list[list[int]]]:
    """tag -> per element, the maximum length of each component, read from the file with a regex
    of its own (independent of vareflyt.edi.directory)."""
    out = {}
    for line in DIRECTORY.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            tag, rest = line.split(": ", 1)
            out[tag] = [
                [int(a or b) for a, b in re.findall(r":[MC]:(?:an|a|n)\.\.(?:(\d+)|\(\d+, ?(\d+)\))", el)]
                for el in rest.split(" | ")
            ]
    return out


def assert_within_d03a_by_pydifact(data: bytes) -> list:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        segments = list(Parser().parse(data.decode("latin-1")))
    table = limits()
    for seg in segments:
        if seg.tag not in table:
            continue
        spec = table[seg.tag]
        assert len(seg.elements) <= len(spec), (seg.tag, seg.elements)
        for element, maxes in zip(seg.elements, spec):
            comps = element if isinstance(element, list) else [element]
            assert len(comps) <= len(maxes), (seg.tag, element)
            for comp, top in zip(comps, maxes):
                assert len(comp) <= top, (seg.tag, comp, top)
    return segments


def order(**kw) -> Order:
    base = dict(
        number="PO-1001",
        order_date=date(2026, 3, 1),
        buyer=PartyRef(gln=BY, name=SHOP, vat_no="NO923609016MVA"),
        supplier=PartyRef(gln=SU, name="Trelast Vest AS"),
        lines=(OrderLine(1, D("10"), "MTR", "7040000000016", "T100", None, "Konstruksjonsvirke 48x198"),),
    )
    return Order(**{**base, **kw})


def written(doc: Order) -> bytes:
    return write_interchange(BY, SU, [("ORDERS", orders.to_segments(doc))], "17", WHEN)


def test_a_long_norwegian_company_name_goes_over_c080():
    data = written(order(delivery_party=PartyRef(gln="7080000000036", name=SHOP + " (lager)")))
    assert b"NAD+BY+7080000000012::9++Byggmakker Nordre Follo Trelast og:Byggevare AS avd. Ski'" in data
    assert (
        b"NAD+DP+7080000000036::9++Byggmakker Nordre Follo Trelast og:Byggevare AS avd. Ski (lager)'" in data
    )
    result = read_interchanges(data)
    assert [i.render() for i in validate_interchange(result) if i.is_error] == []
    theirs = assert_within_d03a_by_pydifact(data)
    nad = next(s for s in theirs if s.tag == "NAD")
    assert " ".join(nad.elements[3]) == SHOP
    back, issues = orders.from_segments(result.messages[0].body)
    assert back.buyer.name == SHOP and back.delivery_party.name == SHOP + " (lager)" and not issues


def test_note_and_article_name_over_ftx_c108_and_imd_7008():
    note = " ".join(f"Ord{n:03d}" for n in range(150))  # 1 049 characters
    name = "Terrassebord royalimpregnert " * 10  # 290 characters
    doc = order(note=note, lines=(OrderLine(1, D("3"), "MTR", None, "T1", None, name.strip()),))
    data = written(doc)
    theirs = assert_within_d03a_by_pydifact(data)
    ftx = next(s for s in theirs if s.tag == "FTX")
    assert [len(c) for c in ftx.elements[3]] == [510, 510, 27] and " ".join(ftx.elements[3]) == note
    imd = next(s for s in theirs if s.tag == "IMD")
    assert imd.elements[2][:3] == ["", "", ""] and " ".join(imd.elements[2][3:]) == name.strip()
    result = read_interchanges(data)
    assert [i.render() for i in validate_interchange(result) if i.is_error] == []
    back, _ = orders.from_segments(result.messages[0].body)
    assert back.note == note and back.lines[0].name == name.strip()


@pytest.mark.parametrize(
    "doc, text",
    [
        (
            order(number="PO-" + "1" * 37),
            "Ordrenummeret «PO-1111111111111111111111111111111111111» er "
            "40 tegn; EDIFACT tillater høyst 35 (BGM 1004). "
            "Bruk et kortere prefiks for ordrenumre (order_number_prefix "
            "under [purchasing] i vareflyt.toml).",
        ),
        (
            order(buyer=PartyRef(gln=BY, name="Lang " * 40)),
            "Navnet på kjøper «Lang Lang Lang Lang Lang Lang Lang Lang "
            "Lang Lang Lang Lang …» er 200 tegn; EDIFACT tillater "
            "høyst 5 × 35 (NAD+BY C080).",
        ),
        (
            order(lines=(OrderLine(1, D("1"), "KILOGRAMS", "7040000000016"),)),
            "Enheten på linje 1 «KILOGRAMS» er 9 tegn; EDIFACT tillater høyst 8 (QTY 6411).",
        ),
        (
            order(lines=(OrderLine(1, D("1"), "EA", None, "A" * 36),)),
            "Leverandørens varenummer på linje 1 «AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA» "
            "er 36 tegn; EDIFACT tillater "
            "høyst 35 (PIA 7140).",
        ),
        (
            order(note="x" * 2561),
            "Merknaden på ordren «xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…» er 2561 "
            "tegn; EDIFACT tillater høyst 5 × 512 (FTX+AAI C108).",
        ),
    ],
)
def test_a_value_that_cannot_fit_is_refused_not_cut(doc, text):
    with pytest.raises(EdifactWriteError) as caught:
        orders.to_segments(doc)
    assert str(caught.value) == text
    assert [(i.code, i.severity.value, i.message) for i in caught.value.issues] == [
        ("edi.write_limit", "error", text)
    ]


def test_lengths_count_what_is_written():
    name = "Kr 1000 € Bygg AS og Sønner Trelast"  # 35 characters, 37 as written
    assert split(name, 35, 5, "navnet") == ["Kr 1000 EUR Bygg AS og Sønner", "Trelast"]
    data = written(order(buyer=PartyRef(gln=BY, name=name)))
    assert b"++Kr 1000 EUR Bygg AS og S\xf8nner:Trelast'" in data


def test_the_writer_refuses_any_segment_over_the_directory():
    body = [
        S("BGM", "220", "PO-1", "9"),
        S("NAD", "BY", [BY, "", "9"], "", "N" * 36),
        S("IMD", "F", "", ["", "", "", "a", "b", "c", "d"]),
    ]
    with pytest.raises(EdifactWriteError) as caught:
        write_interchange(BY, SU, [("INVOIC", [S("BGM", "380", "F-1", "9")]), ("ORDERS", body)], "17", WHEN)
    found = [(i.source.message, i.source.segment, i.source.tag, i.message) for i in caught.value.issues]
    assert found == [
        (
            2,
            3,
            "NAD",
            "NAD C080 3036#1 er 36 tegn («NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN»); D.03A "
            "tillater høyst 35 (an..35)",
        ),
        (2, 4, "IMD", "IMD C273 har 7 komponenter; D.03A tillater høyst 6"),
    ]
    assert str(caught.value).startswith("INVOIC, ORDERS ble ikke skrevet: NAD C080 3036#1 er 36 tegn")
    assert str(caught.value).endswith("(og 1 til).")


def test_trailing_empties_and_decimals_are_looked_at_as_written():
    data = write_interchange(BY, SU, [("ORDERS", [S("QTY", ["21", D("2.50"), "", ""], "", "")])], "17", WHEN)
    assert b"QTY+21:2.50'" in data


def test_make_orders_writes_the_long_name_within_limits_and_reports_an_order_it_cannot_write(tmp_path):
    from tests.purchasing.conftest import CONFIG, EDI_SUPPLIER, PAPER_SUPPLIER, lookup

    from vareflyt.jobs.make_orders import make_orders
    from vareflyt.rules.ordering import EntryLine
    from vareflyt.workspace import init_workspace

    def run(name: str, config: str, entries: list):
        ws = init_workspace(tmp_path / name, config_text=config)
        try:
            return make_orders(
                ws, entries=entries, on=date(2026, 3, 2), now=datetime(2026, 3, 2, 8), catalogue=lookup
            )
        finally:
            ws.close()

    config = CONFIG.replace('name = "Byggmester Test AS"', f'name = "{SHOP}"')
    made = run("a", config, [EntryLine(EDI_SUPPLIER, "T100", D(10), delivery_date=date(2026, 3, 10))])
    [out] = made.extra["orders"]
    data = Path(out["file"]).read_bytes()
    assert f"NAD+BY+{BY}::9++Byggmakker Nordre Follo Trelast og:Byggevare AS avd. Ski'".encode() in data
    assert_within_d03a_by_pydifact(data)

    prefix = (
        config + '\n[purchasing]\norder_number_prefix = "' + "X" * 34 + '"\n'
    )  # order numbers of 40 characters
    res = run(
        "b",
        prefix,
        [
            EntryLine(PAPER_SUPPLIER, "P1", D(2), delivery_date=date(2026, 3, 10)),
            EntryLine(EDI_SUPPLIER, "T200", D(4), delivery_date=date(2026, 3, 11)),
        ],
    )
    [stopped] = [i for i in res.issues if i.code == "order.not_written"]
    assert (
        "ble ikke laget: Ordrenummeret «"
        + "X" * 34
        + "100002» er 40 tegn; EDIFACT tillater høyst 35 (BGM 1004). "
        "Bruk et kortere prefiks for ordrenumre"
    ) in stopped.message
    assert [o["supplier_gln"] for o in res.extra["orders"]] == [PAPER_SUPPLIER]  # the printable order is made


def test_addresses_go_over_c059_one_line_or_more_each():
    from vareflyt.edi.mappings.bounded import party
    from vareflyt.edi.writer import serialize

    nad = party(
        "DP",
        "7080000000036",
        SHOP,
        street=["Industriveien 12, bygg C, port 4 (varemottak bak)", "Postboks 77"],
        city="Ski",
        postcode="1400",
        country="NO",
        who="leveringsstedet",
    )
    assert serialize([nad]) == (
        "NAD+DP+7080000000036::9++Byggmakker Nordre Follo Trelast og:Byggevare AS avd. Ski"
        "+Industriveien 12, bygg C, port 4:(varemottak bak):Postboks 77+Ski++1400+NO'"
    )
    with pytest.raises(
        EdifactWriteError,
        match=r"Adressen til leveringsstedet .* EDIFACT tillater høyst 4 × 35 "
        r"\(NAD\+DP C059\)\.",
    ):
        party(
            "DP", None, "X", street=["Gate 1", "Gate 2", "Gate 3", "Gate 4", "Gate 5"], who="leveringsstedet"
        )
