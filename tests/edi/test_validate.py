"""The NeB guide validator: valid samples pass; each kind of fault is reported where it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydifact.segments import Segment as S

from vareflyt.edi.guides import GuideSettings, structure
from vareflyt.edi.reader import read_interchanges
from vareflyt.edi.validate import validate_interchange, validate_message
from vareflyt.edi.writer import write_interchange

from . import samples


def read(mtype: str, body: list) -> list:
    data = write_interchange(samples.BUYER, samples.SUPPLIER, [(mtype, body)], "1", samples.PREPARED)
    result = read_interchanges(data, file="t.edi")
    assert result.ok, result.issues
    return validate_interchange(result)


def found(issues, code):
    return [(i.source.segment, i.source.tag, i.message) for i in issues if i.code == code]


@pytest.mark.parametrize("mtype", sorted(samples.ALL))
def test_valid_samples_have_no_issues(mtype):
    assert read(mtype, samples.ALL[mtype]()) == []


def test_missing_mandatory_segment():
    body = [s for s in samples.orders() if s.tag != "BGM"]
    issues = read("ORDERS", body)
    assert any("Obligatorisk BGM mangler" in m for _, _, m in found(issues, "edi.missing_segment"))


def test_segment_out_of_order():
    body = samples.orders()
    body.insert(8, S("BGM", "220", "X", "9"))  # a second BGM among the lines
    issues = read("ORDERS", body)
    assert (10, "BGM") in [(seg, tag) for seg, tag, _ in found(issues, "edi.order")]


def test_segment_over_its_limit():
    body = samples.invoic()
    body[1:1] = [S("IMD", "F"), S("IMD", "F")]  # INVOIC hdr:IMD(0..1)
    issues = read("INVOIC", body)
    assert found(issues, "edi.too_many") == [(4, "IMD", "IMD forekommer mer enn 1 ganger")]


def test_group_over_its_limit():
    body = samples.orders()
    ctas = [S("RFF", ["CT", str(n)]) for n in range(6)]  # SG2/SG3 RFF*(0..99) is fine ...
    body[8:8] = [S("TOD", "4")] * 6  # ... SG12 TOD*(0..5) is not
    issues = read("ORDERS", body)
    assert [(n, t) for n, t, _ in found(issues, "edi.too_many")] == [(15, "TOD")]
    assert [i.code for i in issues] == ["edi.too_many"]
    assert found(read("ORDERS", samples.orders()[:4] + ctas + samples.orders()[4:]), "edi.too_many") == []


@pytest.mark.parametrize(
    "index, segment, code, text",
    [
        (1, S("DTM", ["137", "20260230", "102"]), "edi.value", "ugyldig dato 20260230"),
        (2, S("DTM", ["2", "2026030510", "203"]), "edi.value", "ugyldig dato"),
        (
            4,
            S("NAD", "BY", ["7080000000013", "", "9"]),
            "edi.value",
            "GLN 7080000000013 har feil kontrollsiffer",
        ),
        (
            8,
            S("LIN", "1", "", ["7040000000017", "EN"]),
            "edi.value",
            "GTIN 7040000000017 har feil kontrollsiffer",
        ),
        (11, S("QTY", ["21", "ti", "PCE"]), "edi.value", "Mengde: ikke et tall: ti"),
        (11, S("QTY", ["21", "2,5", "PCE"]), "edi.value", "desimalkomma"),
        (0, S("BGM", "999", "PO-1001", "9"), "edi.code", "Ukjent dokumentkode '999'"),
        (3, S("RFF", ["XYZ", "1"]), "edi.qualifier", "Ukjent referansekvalifikator 'XYZ'"),
    ],
)
def test_value_faults(index, segment, code, text):
    body = samples.orders()
    body[index] = segment
    issues = read("ORDERS", body)
    hits = found(issues, code)
    assert hits and text in hits[0][2]
    assert hits[0][0] == index + 2 and hits[0][1] == segment.tag


def test_sscc_check_digit_and_amounts():
    body = samples.desadv()
    body[8] = S("GIN", "BJ", "370800000000000014")
    assert "SSCC 370800000000000014 har feil kontrollsiffer" in [
        m for _, _, m in found(read("DESADV", body), "edi.value")
    ]
    inv = samples.invoic()
    inv[13] = S("MOA", ["203", "1000.0O"])
    assert found(read("INVOIC", inv), "edi.value")[0][2] == "Beløp: ikke et tall: 1000.0O"


def test_required_content_and_lines():
    body = [s for s in samples.invoic() if not (s.tag == "MOA" and s.elements[0][0] in ("77", "203"))]
    issues = read("INVOIC", body)
    assert "INVOIC mangler MOA+77/86/39/128/9, som NeB krever" in [
        m for _, _, m in found(issues, "edi.required")
    ]
    assert found(issues, "edi.line_required") == [(13, "LIN", "Linje 1 mangler MOA+203/38/66")]


def test_nobb_code_is_configurable():
    body = samples.orders()
    body[9] = S("PIA", "1", ["40000123", "NOB"])
    assert found(read("ORDERS", body), "edi.qualifier")
    msg = (
        read_interchanges(
            write_interchange(samples.BUYER, samples.SUPPLIER, [("ORDERS", body)], "1", samples.PREPARED)
        )
        .interchanges[0]
        .messages[0]
    )
    assert validate_message(msg, settings=GuideSettings(nobb_code="NOB")) == []
    body[9] = S("PIA", "1", ["4000012", "NOB"])
    issues = validate_message(
        msg.__class__(**{**msg.__dict__, "segments": [msg.segments[0], *body, msg.segments[-1]]}),
        settings=GuideSettings(nobb_code="NOB"),
    )
    assert [i.message for i in issues] == ["NOBB-nummer 4000012 skal ha 8 siffer"]


def test_strict_qualifiers_make_errors():
    body = samples.orders()
    body[3] = S("RFF", ["XYZ", "1"])
    msg = (
        read_interchanges(
            write_interchange(samples.BUYER, samples.SUPPLIER, [("ORDERS", body)], "1", samples.PREPARED)
        )
        .interchanges[0]
        .messages[0]
    )
    assert [i.severity.value for i in validate_message(msg)] == ["warning"]
    assert [
        i.severity.value for i in validate_message(msg, settings=GuideSettings(strict_qualifiers=True))
    ] == ["error"]


def test_unknown_segment_is_a_warning_and_unknown_type_is_info():
    body = samples.orders()
    body.insert(2, S("XYZ", "1"))
    assert [i.severity.value for i in read("ORDERS", body)] == ["warning"]
    assert [i.code for i in read("PAORES", [S("MSG", "1")])] == ["edi.no_guide"]


def test_structures_come_from_the_reference():
    orders = structure("ORDERS")
    sg28 = next(c for c in orders.children if getattr(c, "name", "") == "SG28")
    assert (sg28.trigger, sg28.max) == ("LIN", 200000)
    invoic = structure("INVOIC")
    sg50 = next(c for c in invoic.children if getattr(c, "name", "") == "SG50")
    assert (sg50.trigger, sg50.min, sg50.max) == ("MOA", 1, 100)
    sg8 = next(c for c in invoic.children if getattr(c, "name", "") == "SG8")
    assert sg8.trigger == "PAT" and not sg8.inferred  # from the supplement


def test_settings_from_a_partner_table():
    s = GuideSettings.from_mapping(
        {"nobb_code": "NOB", "strict_qualifiers": True, "extra_codes": {"rff:0": ["ZZZ"]}}
    )
    assert s == GuideSettings(
        nobb_code="NOB", strict_qualifiers=True, extra_codes={("RFF", 0): frozenset({"ZZZ"})}
    )
    body = samples.orders()
    body[3] = S("RFF", ["ZZZ", "1"])
    body[9] = S("PIA", "1", ["12345", "SA"], ["40000123", "NOB"])
    msg = (
        read_interchanges(
            write_interchange(samples.BUYER, samples.SUPPLIER, [("ORDERS", body)], "1", samples.PREPARED)
        )
        .interchanges[0]
        .messages[0]
    )
    assert validate_message(msg, settings=s) == []
    assert [i.code for i in validate_message(msg, settings=GuideSettings(strict_qualifiers=True))] == [
        "edi.code",
        "edi.code",
    ]  # ZZZ and NOB unknown without the partner's table
    assert GuideSettings.from_mapping(None) == GuideSettings()


MAPPING_GOLDENS = sorted((Path(__file__).resolve().parents[1] / "data" / "edi_golden").glob("*.edi"))


@pytest.mark.parametrize("path", MAPPING_GOLDENS, ids=lambda p: p.name)
def test_messages_written_by_the_mappings_pass_the_guide(path):
    result = read_interchanges(path.read_bytes(), file=path.name)
    assert [
        i.render() for i in validate_interchange(result) if i.is_error
    ] == []  # read_inbox rejects on errors


def test_mandatory_group_missing_and_header_segment_after_the_lines():
    body = samples.invoic()[:17] + [S("CNT", ["2", "1"])]  # nothing after UNS but CNT
    issues = read("INVOIC", body)
    assert "Obligatorisk segmentgruppe SG50 (MOA) mangler i meldingen" in [
        m for _, _, m in found(issues, "edi.missing_segment")
    ]
    late = samples.orders()
    late.insert(12, S("NAD", "IV", [samples.BUYER, "", "9"]))  # line-level parties are allowed (SG39) ...
    late.insert(13, S("FII", "RB", "12345678903"))  # ... a bank account (SG2 FII) is not
    assert [(n, t) for n, t, _ in found(read("ORDERS", late), "edi.order")] == [(15, "FII")]


def test_nested_groups_are_left_and_reentered():
    body = samples.desadv()  # CPS PAC PCI GIN, CPS LIN QTY RFF
    body[10:10] = [
        S("CPS", "3", "1"),
        S("PAC", "2", "", "201"),
        S("PCI", "33E"),
        S("GIN", "BJ", samples.SSCC),
    ]
    assert read("DESADV", body) == []
    body.insert(14, S("PCI", "33E"))  # PCI*(0..1000) under PAC: a second one is fine
    assert read("DESADV", body) == []
