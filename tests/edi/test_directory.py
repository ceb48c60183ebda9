"""The D.03A segment directory as data, and the element-level checks built from it.

Expectations come from the directory text itself (read by hand): NAD C080 is five 3036 an..35
plus 3045; BGM C106 starts with 1004 an..35; IMD C273 has six components; DTM C507 three.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vareflyt.edi import directory
from vareflyt.edi.elements import Bound, problems, significant
from vareflyt.edi.quickcheck import compiled
from vareflyt.edi.reader import read_interchanges

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT.parent / "shared" / "reference" / "d03a-segments.txt"
SHIPPED = ROOT / "src" / "vareflyt" / "data" / "edifact" / "d03a-segments.txt"


def test_shipped_directory_is_the_shared_reference():
    if not REFERENCE.is_file():
        if os.environ.get("VAREFLYT_REQUIRE_CORPUS", "") not in ("", "0"):
            pytest.fail(f"the shared reference is not at {REFERENCE}")
        pytest.skip(f"the shared reference is not at {REFERENCE} (a clone without ../shared beside it)")
    assert SHIPPED.read_bytes() == REFERENCE.read_bytes()


def test_every_line_of_the_file_is_parsed():
    lines = [
        ln for ln in SHIPPED.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")
    ]
    segments = directory.load()
    assert len(segments) == len(lines) == 160
    for line in lines:  # one element per " | " in the line, none lost
        tag = line.split(":")[0]
        assert len(segments[tag].elements) == line.count(" | ") + 1, tag


def parts(tag: str, element: int) -> list[tuple[str, bool, str, int]]:
    el = directory.segment(tag).elements[element]
    return [(p.id, p.mandatory, p.kind, p.max) for p in el.components]


def test_the_segments_ngb_uses():
    assert parts("NAD", 3) == [
        ("3036#1", True, "an", 35),
        *[(f"3036#{n}", False, "an", 35) for n in range(2, 6)],
        ("3045", False, "an", 3),
    ]
    assert parts("NAD", 4) == [
        ("3042#1", True, "an", 35),
        *[(f"3042#{n}", False, "an", 35) for n in range(2, 5)],
    ]
    assert parts("BGM", 1) == [("1004", False, "an", 35), ("1056", False, "an", 9), ("1060", False, "an", 6)]
    assert [p[0] for p in parts("IMD", 2)] == ["7009", "1131", "3055", "7008#1", "7008#2", "3453"]
    assert parts("FTX", 3) == [
        ("4440#1", True, "an", 512),
        *[(f"4440#{n}", False, "an", 512) for n in range(2, 6)],
    ]
    assert parts("DTM", 0) == [("2005", True, "an", 3), ("2380", False, "an", 35), ("2379", False, "an", 3)]
    assert parts("QTY", 0)[1] == ("6060", True, "an", 35)  # D.03A: quantity is an..35, not n..15
    assert parts("MOA", 0)[1] == ("5004", False, "n", 35)
    assert parts("PRI", 0)[1] == ("5118", False, "n", 15)
    assert len(directory.segment("LIN").elements) == 6 and not directory.segment("LIN").elements[0].composite
    assert directory.segment("UNB") is None  # the syntax service segments are not in D.03A


def test_odd_notations():
    fixed = directory.parse_element("7124:C:n..(4, 4)").components[0]
    assert (fixed.min, fixed.max, fixed.format) == (4, 4, "n4")
    rep = directory.parse_element("C246#2:C(7361:M:an..18, 1131:C:an..17)")
    assert (rep.id, rep.composite, [p.id for p in rep.components]) == ("C246#2", True, ["7361", "1131"])
    assert directory.parse_element("3292:C:a..35").components[0].kind == "a"
    with pytest.raises(ValueError, match="ukjent notasjon"):
        directory.parse_element("C999:C(1234:C:xx..3)")
    with pytest.raises(ValueError, match="linje 2"):
        directory.parse("# comment\nBGM 1004:C:an..35\n")


def seg(text: str):
    """One segment as the reader tokenizes it (release characters removed)."""
    data = f"UNA:+.? 'UNB+UNOC:3+A+B+260301:1200+1'UNH+1+ORDERS:D:03A:UN'{text}'UNT+3+1'UNZ+1+1'".encode(
        "latin-1"
    )
    body = read_interchanges(data).messages[0].body
    assert len(body) == 1
    return body[0].tag, body[0].elements


@pytest.mark.parametrize(
    "text, code, message",
    [
        ("BGM+380+" + "F" * 46 + "+9", "edi.length", "BGM C106 1004 er 46 tegn"),
        (
            "IMD+F++:::Skrue:4x40:mm:ekstra",
            "edi.component_count",
            "IMD C273 har 7 komponenter; D.03A tillater høyst 6",
        ),
        (
            "DTM+137:20260301:102:X:Y",
            "edi.component_count",
            "DTM C507 har 5 komponenter; D.03A tillater høyst 3",
        ),
        ("CUX+2:NOK:9+2:SEK:9+1+A+B", "edi.element_count", "CUX har 5 dataelementer; D.03A har 4 i CUX"),
        ("LIN+1:2", "edi.component_count", "LIN 1082 er et enkelt dataelement, men har 2 komponenter"),
        ("QTY+21", "edi.mandatory", "QTY C186 mangler obligatorisk komponent 6060"),
        ("NAD++7080000000012::9", "edi.mandatory", "NAD mangler obligatorisk dataelement 3035"),
        ("NAD+BY+::9", "edi.mandatory", "NAD C082 mangler obligatorisk komponent 3039"),
        ("MOA+203:12,5.3", "edi.type", "MOA C516 5004 skal være et tall (n..35), men er «12,5.3»"),
        ("PRI+AAA:1234567890123456", "edi.length", "PRI C509 5118 har 16 siffer"),
        ("CNT+2:1:" + "X" * 9, "edi.length", "CNT C270 6411 er 9 tegn"),
    ],
)
def test_element_problems_as_written_by_others(text, code, message):
    tag, els = seg(text)
    found = problems(tag, els)
    assert [c for c, _ in found] == [code] and message in found[0][1]
    check = compiled(tag)
    assert check(els, len(els))


@pytest.mark.parametrize(
    "text",
    [
        "BGM+380+" + "A?+B" * 8 + "ABC" + "+9",  # 35 characters once the 8 release characters are gone
        "PRI+AAA:-1234567890123.45",  # 15 digits: sign and decimal mark do not count
        "MOA+203:1000,50",  # a decimal comma is a decimal mark
        "NAD+BY+7080000000012::9++" + "A" * 35 + ":" + "B" * 35,
        "DGS+IMD+3.2:::+1234",  # not NeB, but in the directory: fine as written
        "UNS+S",
    ],
)
def test_values_within_the_directory(text):
    tag, els = seg(text)
    assert problems(tag, els) == []
    check = compiled(tag)
    assert not check(els, len(els))


def test_significant_digits():
    assert [significant(v) for v in ("000123.4500", "-0.0012", "1000", "123456789012345.00")] == [5, 2, 4, 15]


def test_writing_checks_only_what_a_writer_can_exceed():
    tag, els = seg("QTY+21")  # a missing component is not the writer's limit
    assert problems(tag, els, writing=True) == [] and not compiled(tag, writing=True)(els, len(els))
    tag, els = seg("NAD+BY+7080000000012::9++" + "A" * 36)
    assert [c for c, _ in problems(tag, els, writing=True)] == ["edi.length"]


# --- the compiled quick check agrees with the full one -------------------------------------------------

LEVELS = [None, "A", "B", "C"]
values = st.one_of(
    st.just(""),
    st.text("0123456789", min_size=1, max_size=40),
    st.builds(
        lambda a, b: f"{a}.{b}",
        st.text("0123456789", min_size=1, max_size=20),
        st.text("0123456789", max_size=3),
    ),
    st.text("0123456789", min_size=1, max_size=20).map(lambda s: "-" + s),
    st.text("ABCabc 09.,-+:'?æØ€中\t", min_size=1, max_size=4),
    st.sampled_from([1, 3, 17, 35, 36, 70, 71, 257, 513]).map(lambda n: "X" * n),
)


def normal(element: list) -> object:
    """An element the way the tokenizer builds it: trailing empty components dropped; a list
    has two or more components, one left is a str."""
    while element and element[-1] == "":
        element = element[:-1]
    return "" if not element else element[0] if len(element) == 1 else list(element)


elements_ = st.lists(values, min_size=1, max_size=8).map(normal)
TAGS = sorted(directory.load()) + ["UCI", "ZZZ"]


@settings(max_examples=600, deadline=None)
@given(
    st.sampled_from(TAGS + ["QTY", "MOA", "PRI", "NAD", "BGM", "IMD", "DTM", "LIN", "FTX"] * 8),
    st.lists(elements_, max_size=12),
    st.sampled_from(LEVELS),
    st.booleans(),
)
def test_quick_check_flags_exactly_what_the_full_check_finds(tag, els, level, writing):
    while els and els[-1] == "":
        els = els[:-1]
    bounds = (Bound(0, 1, "antall", False, "i ORDERS"),) if tag == "QTY" else ()
    check = compiled(tag, level, bounds, writing=writing)
    quick = bool(check(els, len(els))) if check is not None else False
    full = problems(tag, els, None if writing else level, () if writing else bounds, writing=writing)
    assert quick == bool(full), full
