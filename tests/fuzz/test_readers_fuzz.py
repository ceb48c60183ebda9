"""Fuzz over every reader: mutated files written by others never make a reader raise anything but
vareflyt's own error type (``VareflytError``), and an EDIFACT document that is accepted satisfies
the formal checks a receiver makes (seed 004 §2.5).

Readers: EDIFACT (``edi.reader.read_interchanges``, the NeB guide validation and the message
mappings), EHF (``edi.ubl.read_ehf``), camt.054 (``edi.camt054.parse_camt054``), spreadsheets
(``excel.tabular.read_table`` and ``parse_table`` for the price, party, open-items and payment
tables; the open-items rows as the import reads them). Seeds: hand-written files in this module
(NeB D.03A documents as a supplier's system writes them, with the values that broke the readers
before: a 30-digit quantity, ``1E+999999``, duplicate LIN numbers, a wrong CNT, an empty BGM
number), the repository's hand-checked test files, and — through the fixtures — the public
corpus in ``../shared/corpus`` (skipped with a reason without it, required in CI).

"Accepted" is what ``edi read`` accepts: no error from the reader, from the guide validation
(which includes the formal checks) or from the mapping. The formal properties are then checked
here on the segments themselves, independently of vareflyt's checks: the BGM document number is
present, every LIN number is used once, CNT+2 (when present) equals the number of LIN segments,
and no quantity, price or amount has more than 15 significant digits.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from vareflyt.domain.issues import VareflytError

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

OUR, SUPPLIER = "7080000000012", "7080000000029"


def _interchange(*messages: list[str], syntax: str = "UNOC") -> bytes:
    """An interchange as a supplier's system writes it, one message per list of segments (UNH/UNT added)."""
    segs = [f"UNB+{syntax}:3+{SUPPLIER}:14+{OUR}:14+260310:1200+77"]
    for n, body in enumerate(messages, 1):
        segs += [f"UNH+{n}+{body[0]}:D:03A:UN", *body[1:], f"UNT+{len(body) + 1}+{n}"]
    segs.append(f"UNZ+{len(messages)}+77")
    return ("UNA:+.? '" + "'\n".join(segs) + "'\n").encode("utf-8")  # UNOA with UTF-8 too: as the issue saw


def _invoic(
    number: str = "F-9001", lines=(("1", "10"),), cnt: str | None = None, qty_unit: str = "MTR"
) -> list[str]:
    body = [
        "INVOIC",
        f"BGM+380+{number}+9",
        "DTM+137:20260310:102",
        "RFF+ON:100001",
        f"NAD+SU+{SUPPLIER}::9++Trelast Vest AS",
        "RFF+VA:NO923609016MVA",
        f"NAD+BY+{OUR}::9",
        "CUX+2:NOK:9",
        "PAT+1++5:3:D:30",
        "DTM+13:20260409:102",
    ]
    for no, qty in lines:
        body += [
            f"LIN+{no}++7040000000016:EN",
            "PIA+1+T100:SA",
            f"QTY+47:{qty}:{qty_unit}",
            "MOA+203:455.00",
            "PRI+AAA:45.50",
            "RFF+ON:100001:1",
            "TAX+7+VAT+++:::25+S",
        ]
    body += [
        "UNS+S",
        f"CNT+2:{cnt if cnt is not None else len(lines)}",
        "MOA+79:455.00",
        "MOA+125:455.00",
        "MOA+176:113.75",
        "MOA+77:568.75",
        "MOA+9:568.75",
        "TAX+7+VAT+++:::25+S",
        "MOA+125:455.00",
        "MOA+124:113.75",
    ]
    return body


def _ordrsp(number: str = "OR-9", lines=(("1", "10"),)) -> list[str]:
    body = [
        "ORDRSP",
        f"BGM+231+{number}+4",
        "DTM+137:20260302:102",
        "RFF+ON:100001",
        f"NAD+BY+{OUR}::9",
        f"NAD+SU+{SUPPLIER}::9",
    ]
    for no, qty in lines:
        body += [f"LIN+{no}+5+7040000000016:EN", f"QTY+21:{qty}:PCE", "DTM+69:20260310:102"]
    return body + ["UNS+S"]


def _desadv(number: str = "DS-9", lines=(("1", "10"),)) -> list[str]:
    body = [
        "DESADV",
        f"BGM+351+{number}+9",
        "DTM+137:20260304:102",
        "DTM+11:20260304:102",
        "RFF+ON:100001",
        f"NAD+BY+{OUR}::9",
        f"NAD+SU+{SUPPLIER}::9",
        "CPS+1",
        "PAC+1++201",
        "PCI+33E",
        "GIN+BJ+370800000000000013",
        "CPS+2+1",
    ]
    for no, qty in lines:
        body += [f"LIN+{no}++7040000000016:EN", f"QTY+12:{qty}:PCE", "RFF+ON:100001:1"]
    return body + [f"CNT+2:{len(lines)}"]


HAND_EDIFACT = {
    "invoic": _interchange(_invoic()),
    "invoic_two_lines": _interchange(_invoic(lines=(("1", "10"), ("2", "4")))),
    "invoic_30_digit_qty": _interchange(_invoic(lines=(("1", "123456789012345678901234567890"),))),
    "invoic_exponent_qty": _interchange(_invoic(lines=(("1", "1E?+999999"),))),
    "invoic_empty_number": _interchange(_invoic(number="")),
    "invoic_duplicate_lin": _interchange(_invoic(lines=(("1", "10"), ("1", "4")))),
    "invoic_wrong_cnt": _interchange(_invoic(lines=(("1", "10"), ("2", "4")), cnt="5")),
    "invoic_negative_qty": _interchange(_invoic(lines=(("1", "-10"),))),
    "invoic_unoa_utf8": _interchange(_invoic(number="F-€中"), syntax="UNOA"),
    "ordrsp": _interchange(_ordrsp()),
    "ordrsp_30_digit": _interchange(_ordrsp(lines=(("1", "9" * 30),))),
    "desadv": _interchange(_desadv()),
    "desadv_duplicate_lin": _interchange(_desadv(lines=(("1", "10"), ("1", "2")))),
    "three_messages": _interchange(_ordrsp(), _desadv(), _invoic()),
}
REPO_EDIFACT = [
    p.read_bytes() for p in sorted((DATA / "edi_golden").glob("*.edi")) + sorted((DATA / "edi").glob("*.edi"))
]
NASTY_SEGMENTS = [
    "QTY+47:123456789012345678901234567890:PCE",
    "QTY+12:1E?+999999",
    "MOA+203:9" + "9" * 40,
    "PRI+AAA:-45.50",
    "LIN+1++7040000000016:EN",
    "LIN+1",
    "CNT+2:99",
    "BGM+380++9",
    "BGM+380+" + "X" * 300,
    "IMD+F++:::" + "€中" * 40,
    "DTM+137:99999999:102",
    "DTM+137:20261301:102",
    "NAD+SU+../../../X::9",
    "RFF+ON:" + "Å" * 50,
    "TAX+7+VAT+++:::NaN+S",
    "MOA+9:-0",
    "QTY+47:Infinity",
    "QTY+47:.",
    "UNS+S",
]
NASTY_VALUES = [
    "",
    "0",
    "-1",
    "9" * 30,
    "1E?+999999",
    "NaN",
    "-0.0000000000000000000000000001",
    "../../X",
    "?:",
    "€",
    "1" * 300,
    "20261340",
    "12.3.4",
    "ZZZ",
]


def _segments(data: bytes) -> tuple[str, list[str]]:
    text = data.decode("utf-8", "replace")
    head = text[:9] if text.startswith("UNA") else ""
    body = text[len(head) :]
    return head, [s.strip("\r\n") for s in re.split(r"(?<!\?)'", body) if s.strip("\r\n")]


def _recount(segs: list[str]) -> list[str]:
    """UNT segment counts made right again, so a mutation reaches past the envelope checks."""
    out, start = list(segs), None
    for i, s in enumerate(out):
        if s.startswith("UNH+"):
            start = i
        elif s.startswith("UNT+") and start is not None:
            parts = s.split("+")
            out[i] = "+".join([parts[0], str(i - start + 1), *parts[2:]])
            start = None
    return out


@st.composite
def edifact_mutation(draw, seeds: list[bytes]) -> bytes:
    data = draw(st.sampled_from(seeds))
    if draw(st.integers(0, 3)):  # segment level (mostly): reaches the mappings
        head, segs = _segments(data)
        for _ in range(draw(st.integers(1, 3))):
            if not segs:
                break
            pos = draw(st.integers(0, len(segs) - 1))
            kind = draw(st.sampled_from(["nasty", "dup", "drop", "value", "swap", "line"]))
            if kind == "line":  # a whole line group again: duplicate LIN numbers
                starts = [i for i, seg in enumerate(segs) if seg.startswith("LIN+")]
                if starts:
                    first = draw(st.sampled_from(starts))
                    end = next(
                        (
                            i
                            for i in range(first + 1, len(segs))
                            if segs[i].startswith(("LIN+", "UNS+", "CNT+", "UNT+"))
                        ),
                        len(segs),
                    )
                    segs[end:end] = segs[first:end]
            elif kind == "nasty":
                segs.insert(pos, draw(st.sampled_from(NASTY_SEGMENTS)))
            elif kind == "dup":
                segs.insert(pos, segs[pos])
            elif kind == "drop" and not segs[pos].startswith(("UNB", "UNZ", "UNH", "UNT")):
                del segs[pos]
            elif kind == "value":
                parts = segs[pos].split("+")
                if len(parts) > 1:
                    parts[draw(st.integers(1, len(parts) - 1))] = draw(st.sampled_from(NASTY_VALUES))
                    segs[pos] = "+".join(parts)
            elif kind == "swap" and pos + 1 < len(segs):
                segs[pos], segs[pos + 1] = segs[pos + 1], segs[pos]
        if draw(st.integers(0, 4)):
            segs = _recount(segs)
        return (head + "'".join(segs) + "'").encode("utf-8")
    raw = bytearray(data)  # byte level: reaches the tokenizer
    for _ in range(draw(st.integers(1, 5))):
        pos = draw(st.integers(0, max(len(raw) - 1, 0)))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if kind == "flip" and raw:
            raw[pos] = draw(st.integers(0, 255))
        elif kind == "insert":
            raw[pos:pos] = draw(st.binary(min_size=1, max_size=6))
        elif kind == "delete":
            del raw[pos : pos + draw(st.integers(1, 30))]
        else:
            del raw[pos:]
    return bytes(raw)


def _significant(text: str) -> int:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return 0
    return len(value.as_tuple().digits) if value.is_finite() else 99


def _formal_problems(message, release: str = "?") -> list[str]:
    """The formal properties, checked on the segments (not with vareflyt's own checks)."""
    body = message.body
    found = []
    bgm = [s for s in body if s.tag == "BGM"]
    number = bgm[0].elements[1] if bgm and len(bgm[0].elements) > 1 else ""
    number = number[0] if isinstance(number, list) else number
    if message.type != "CONTRL" and not (number or "").strip():
        found.append("no document number")
    lins = [s.elements[0] if s.elements else "" for s in body if s.tag == "LIN"]
    lins = [x[0] if isinstance(x, list) else x for x in lins]
    if len(set(lins)) != len(lins):
        found.append(f"LIN numbers used twice: {lins}")
    for cnt in (s for s in body if s.tag == "CNT"):
        c506 = cnt.elements[0] if cnt.elements else []
        if isinstance(c506, list) and len(c506) > 1 and c506[0] == "2" and c506[1] != str(len(lins)):
            found.append(f"CNT+2:{c506[1]} with {len(lins)} lines")
    for seg in body:
        if (
            seg.tag in ("QTY", "MOA", "PRI")
            and seg.elements
            and isinstance(seg.elements[0], list)
            and len(seg.elements[0]) > 1
            and _significant(seg.elements[0][1]) > 15
        ):
            found.append(f"{seg.tag} {seg.elements[0][1]} has more than 15 significant digits")
    return found


def check_edifact(data: bytes) -> int:
    """Read, validate and map every message; only VareflytError may escape; accepted = formal.
    Returns how many documents were accepted."""
    from vareflyt.edi.mappings import MAPPINGS, document_from_message
    from vareflyt.edi.reader import read_interchanges
    from vareflyt.edi.validate import validate_message

    accepted = 0
    try:
        read = read_interchanges(data, file="fuzz.edi")
        envelope_errors = any(i.is_error and i.source.message is None for i in read.issues)
        for ic in read.interchanges:
            for msg in ic.messages:
                guide = [i for i in validate_message(msg, file="fuzz.edi") if i.is_error]
                own = [i for i in read.issues if i.is_error and i.source.message == msg.number]
                if msg.type not in MAPPINGS:
                    continue
                doc, issues = document_from_message(msg, "fuzz.edi")
                for issue in issues:
                    assert issue.message and issue.source.file == "fuzz.edi"
                if doc is None or guide or own or envelope_errors or any(i.is_error for i in issues):
                    continue
                assert not _formal_problems(msg), (msg.type, _formal_problems(msg))
                accepted += 1
    except VareflytError:
        pass
    return accepted


GOOD = {
    "invoic": 1,
    "invoic_two_lines": 1,
    "invoic_negative_qty": 1,
    "ordrsp": 1,
    "desadv": 1,
    "three_messages": 3,
}  # a negative INVOIC quantity is a credit line (formal checks allow it)


@pytest.mark.parametrize("name", sorted(HAND_EDIFACT))
def test_hand_written_interchanges(name):
    assert check_edifact(HAND_EDIFACT[name]) == GOOD.get(name, 0)


def test_the_poison_values_are_refused():
    """The values the issue saw accepted are refused (not merely not crashing)."""
    from vareflyt.edi.reader import read_interchanges
    from vareflyt.edi.validate import validate_message

    for name in (
        "invoic_30_digit_qty",
        "invoic_empty_number",
        "invoic_duplicate_lin",
        "invoic_wrong_cnt",
        "desadv_duplicate_lin",
        "ordrsp_30_digit",
    ):
        read = read_interchanges(HAND_EDIFACT[name], file=f"{name}.edi")
        errors = [i for i in read.issues if i.is_error] + [
            i for m in read.messages for i in validate_message(m, file=f"{name}.edi") if i.is_error
        ]
        assert errors, f"{name} is accepted"
        assert all(i.source.file == f"{name}.edi" for i in errors)
    read = read_interchanges(HAND_EDIFACT["invoic"], file="ok.edi")
    assert read.ok and not [
        i for m in read.messages for i in validate_message(m, file="ok.edi") if i.is_error
    ]


@settings(FAST, max_examples=400)
@given(edifact_mutation(list(HAND_EDIFACT.values()) + REPO_EDIFACT))
@example(HAND_EDIFACT["invoic_30_digit_qty"])
def test_mutated_hand_written_edifact(data):
    event(f"a document accepted: {check_edifact(data) > 0}")


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_corpus_edifact(edifact_corpus, data):
    seeds = [p.read_bytes() for p in sorted(edifact_corpus.glob("*.edi"))]
    event(f"a document accepted: {check_edifact(data.draw(edifact_mutation(seeds))) > 0}")


# --- XML: EHF and camt.054 ---------------------------------------------------------------------

NASTY_XML = [
    b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>",
    b"<!ENTITY a 'aaaa'>",
    b"&e;",
    b"&#0;",
    b"<a>" * 3000,
    b"</x>",
    b"<![CDATA[",
    b"\xff\xfe",
    b"\xc3\x28",
    b"<?xml version='1.0' encoding='ebcdic'?>",
    b"<cbc:Percent>NaN</cbc:Percent>",
    b"<cbc:InvoicedQuantity unitCode='EA'>1E+999999</cbc:InvoicedQuantity>",
]
NASTY_NUMBERS = [
    b"123456789012345678901234567890",
    b"1E+999999",
    b"-1e-999999",
    b"NaN",
    b"Infinity",
    b"-0",
    b"",
    b"1,5",
    b"9" * 400,
    b"0x10",
    b"\xe2\x88\x9210",
]
_NUMBER_TEXT = re.compile(rb">(-?[0-9][0-9.]*)<")


@st.composite
def xml_mutation(draw, seeds: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["number", "number", "nasty", "flip", "truncate", "delete"]))
        numbers = list(_NUMBER_TEXT.finditer(bytes(data)))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "number" and numbers:
            m = numbers[draw(st.integers(0, len(numbers) - 1))]
            data[m.start(1) : m.end(1)] = draw(st.sampled_from(NASTY_NUMBERS))
        elif kind == "nasty":
            data[pos:pos] = draw(st.sampled_from(NASTY_XML))
        elif kind == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif kind == "truncate":
            del data[pos:]
        elif kind == "delete":
            del data[pos : pos + draw(st.integers(1, 60))]
    return bytes(data)


def check_ehf(data: bytes) -> None:
    from vareflyt.edi.ubl import read_ehf

    try:
        invoice, issues = read_ehf(data, file="fuzz.xml")
    except VareflytError:
        return
    assert invoice is not None or any(i.is_error for i in issues)
    for issue in issues:
        assert issue.message and issue.source.file == "fuzz.xml"


def check_camt(data: bytes) -> None:
    from vareflyt.edi.camt054 import parse_camt054

    try:
        payments, issues = parse_camt054(data, "fuzz.xml")
    except VareflytError:
        return
    for p in payments:
        assert isinstance(p.amount, Decimal) and p.amount.is_finite()


EHF_SEEDS = [p.read_bytes() for p in sorted((DATA / "ehf").glob("*.xml"))]
CAMT_SEEDS = [(DATA / "receivables" / "camt054.xml").read_bytes()]


@FAST
@given(xml_mutation(EHF_SEEDS))
@example(b"<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'>" + b"<a>" * 100_000)
def test_mutated_ehf(data):
    check_ehf(data)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_corpus_ehf(ehf_corpus, data):
    check_ehf(data.draw(xml_mutation([p.read_bytes() for p in sorted(ehf_corpus.glob("*.xml"))])))


@FAST
@given(xml_mutation(CAMT_SEEDS))
@example(CAMT_SEEDS[0].replace(b"2000.00", b"123456789012345678901234567890"))
@example(CAMT_SEEDS[0].replace(b"2000.00", b"1E+999999"))
@example(b"<!-- " + b"x" * 5000 + b" --><!DOCTYPE x><Document/>")
def test_mutated_camt054(data):
    check_camt(data)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_corpus_camt054(camt054_corpus, data):
    check_camt(data.draw(xml_mutation([p.read_bytes() for p in sorted(camt054_corpus.glob("*.xml"))])))
