"""The formal checks a receiver makes (seed 004 §2.6), on files written by hand the way other
systems write them: each fault of issue 13 is an error with message and segment number, `edi
validate` exits 1, and `edi read` rejects the document whole (nothing imported, file in
quarantine). Segment numbers count from UNH = 1 and were counted by hand.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.edi.reader import read_interchanges
from vareflyt.edi.validate import validate_interchange

SU, BY = "7080000000029", "7080000000012"
GTIN1, GTIN2, GTIN3 = "7040000000016", "7040000000023", "7040000000030"


def interchange(body: list[str], syntax: str = "UNOC:3", ref: str = "501") -> bytes:
    """UNA, UNB .. UNZ around one message; ``body`` is the segments between UNH and UNT."""
    segs = [f"UNH+1+{body[0]}", *body[1:]]
    text = (
        f"UNA:+.? '\nUNB+{syntax}+{SU}:14+{BY}:14+260310:0800+{ref}'\n"
        + "".join(s + "'\n" for s in segs)
        + f"UNT+{len(segs) + 1}+1'\nUNZ+1+{ref}'\n"
    )
    return text.encode("utf-8")


def invoice(*, bgm="BGM+380+F-5001+9", lines=None, cnt="CNT+2:2") -> list[str]:
    lines = lines or [
        ["LIN+1++7040000000016:EN", "QTY+47:10:PCE", "MOA+203:1000.00", "PRI+AAA:100.00"],
        ["LIN+2++7040000000023:EN", "QTY+47:2:PCE", "MOA+203:50.00", "PRI+AAA:25.00"],
    ]
    return [
        "INVOIC:D:03A:UN",
        bgm,
        "DTM+137:20260310:102",
        "RFF+ON:PO-1001",
        f"NAD+SU+{SU}::9",
        f"NAD+BY+{BY}::9",
        "CUX+2:NOK:9",
        *[s for line in lines for s in (*line, "TAX+7+VAT+++:::25+S")],
        "UNS+S",
        cnt,
        "MOA+79:1050.00",
        "MOA+125:1050.00",
        "MOA+124:262.50",
        "MOA+77:1312.50",
        "TAX+7+VAT+++:::25+S",
        "MOA+124:262.50",
    ]


def orders(*lines: str, syntax_text: str = "Skrue 4x40") -> list[str]:
    lines = lines or ("LIN+1++7040000000016:EN", "QTY+21:10:PCE")
    return [
        "ORDERS:D:03A:UN",
        "BGM+220+PO-1001+9",
        "DTM+137:20260301:102",
        f"NAD+BY+{BY}::9",
        f"NAD+SU+{SU}::9",
        *lines,
        f"FTX+AAI+++{syntax_text}",
        "UNS+S",
        f"CNT+2:{sum(1 for s in lines if s.startswith('LIN'))}",
    ]


def errors(data: bytes) -> list[tuple[str, int | None, str | None, str]]:
    result = read_interchanges(data, file="x.edi")
    return [
        (i.code, i.source.segment, i.source.tag, i.message)
        for i in validate_interchange(result)
        if i.is_error
    ]


def test_the_hand_written_samples_are_clean():
    assert errors(interchange(invoice())) == []
    assert errors(interchange(orders())) == []


def test_empty_document_number():
    assert errors(interchange(invoice(bgm="BGM+380++9"))) == [
        (
            "edi.document_number",
            2,
            "BGM",
            "BGM mangler dokumentnummer (1004); dokumentet kan ikke tas imot uten",
        )
    ]


def test_duplicate_and_missing_line_numbers():
    lines = [
        ["LIN+1++7040000000016:EN", "QTY+47:10:PCE", "MOA+203:1000.00"],
        ["LIN+1++7040000000023:EN", "QTY+47:2:PCE", "MOA+203:50.00"],
    ]
    found = errors(interchange(invoice(lines=lines)))
    assert found == [
        (
            "edi.line_number",
            12,
            "LIN",
            "Linjenummer 1 er brukt før (segment 8); hver linje skal ha sitt eget nummer",
        )
    ]
    lines[1][0] = "LIN+3++7040000000023:EN"
    assert errors(interchange(invoice(lines=lines))) == [
        (
            "edi.line_number",
            12,
            "LIN",
            "Linjenummer 3 følger etter linje 1; linjene skal nummereres fortløpende 1, 2, 3 …",
        )
    ]
    lines[0][0] = "LIN+++7040000000016:EN"
    assert ("edi.line_number", 8, "LIN", "LIN mangler linjenummer (1082)") in errors(
        interchange(invoice(lines=lines))
    )


def test_despatch_advice_lines_follow_their_packages_but_are_numbered_1_to_n():
    def desadv(first: str, second: str) -> bytes:
        return interchange(
            [
                "DESADV:D:03A:UN",
                "BGM+351+PS-77+9",
                "DTM+137:20260304:102",
                "RFF+ON:PO-1001",
                f"NAD+BY+{BY}::9",
                f"NAD+SU+{SU}::9",
                "CPS+1",
                f"LIN+{first}++{GTIN2}:EN",
                "QTY+12:2:PCE",
                "CPS+2+1",
                "PAC+1++201",
                "PCI+33E",
                "GIN+BJ+370800000000000013",
                f"LIN+{second}++{GTIN1}:EN",
                "QTY+12:10:PCE",
                "CNT+2:2",
            ]
        )

    assert errors(desadv("2", "1")) == []  # loose line first, then the packed one
    assert errors(desadv("2", "3")) == [
        (
            "edi.line_number",
            14,
            "LIN",
            "Linjenummer 3 passer ikke: meldingen har 2 linjer, nummerert 1 til 2 uten hull",
        )
    ]


def test_negative_quantity_and_price():
    assert errors(interchange(orders("LIN+1++7040000000016:EN", "QTY+21:-5:PCE"))) == [
        ("edi.negative", 7, "QTY", "Negativt antall (-5) er ikke tillatt i ORDERS")
    ]
    credit_line = [
        ["LIN+1++7040000000016:EN", "QTY+47:10:PCE", "MOA+203:1000.00", "PRI+AAA:100.00"],
        ["LIN+2++7040000000023:EN", "QTY+47:-2:PCE", "MOA+203:-50.00", "PRI+AAA:25.00"],
    ]
    assert errors(interchange(invoice(lines=credit_line))) == []  # a credit line on an invoice
    credit_line[1][3] = "PRI+AAA:-25.00"
    assert errors(interchange(invoice(lines=credit_line))) == [
        (
            "edi.negative",
            16,
            "PRI",
            "Negativ pris (-25.00) er ikke tillatt (en kreditlinje har negativt antall, ikke negativ pris)",
        )
    ]


def test_a_thirty_digit_quantity():
    found = errors(
        interchange(orders("LIN+1++7040000000016:EN", "QTY+21:123456789012345678901234567890:PCE"))
    )
    assert found == [
        (
            "edi.bounds",
            7,
            "QTY",
            "Antall «123456789012345678901234567890» har 30 gjeldende siffer; høyst 15 godtas",
        )
    ]
    amount = [["LIN+1++7040000000016:EN", "QTY+47:1:PCE", "MOA+203:1234567890123456.00"]]
    assert [f[:3] for f in errors(interchange(invoice(lines=amount, cnt="CNT+2:1")))] == [
        ("edi.bounds", 10, "MOA")
    ]


def test_unoa_with_utf8_and_lower_case():
    found = errors(interchange(orders(syntax_text="PRIS 10 € 中"), syntax="UNOA:3"))
    assert found == [
        (
            "edi.characters",
            8,
            "FTX",
            "FTX: tegnene «€» (U+20AC), «中» (U+4E2D) er ikke tillatt i UNOA, "
            "som har bare store bokstaver A–Z, sifre, mellomrom og tegnene "
            ". , - ( ) / = ' + : ? ! \" % & * ; < >",
        )
    ]
    lower = errors(interchange(orders(syntax_text="Skrue"), syntax="UNOA:3"))
    assert [f[:3] for f in lower] == [
        ("edi.characters", 8, "FTX")
    ] and "små bokstaver krever UNOB eller UNOC" in lower[0][3]
    assert errors(interchange(orders(syntax_text="Skrue (rustfri) 4/40"), syntax="UNOB:3")) == []
    assert errors(interchange(orders(syntax_text="Blåbær ÆØÅ"), syntax="UNOC:3")) == []
    qualifier = orders()
    qualifier[3] = f"NAD+by+{BY}::9"  # a code the NeB guide knows only in capitals
    assert (
        "edi.characters",
        4,
        "NAD",
        "NAD: tegnene «b» (U+0062), «y» (U+0079) er ikke tillatt i UNOA, som har "
        "bare store bokstaver A–Z, sifre, mellomrom og tegnene . , - ( ) / = ' + : ? ! \" % & * ; < > "
        "(små bokstaver krever UNOB eller UNOC)",
    ) in errors(interchange(qualifier, syntax="UNOA:3"))
    euro = errors(interchange(orders(syntax_text="Pris 10 €"), syntax="UNOC:3"))
    assert [f[:3] for f in euro] == [("edi.characters", 8, "FTX")] and "«€» (U+20AC)" in euro[0][3]


def test_cnt_disagreeing_with_the_lines():
    assert errors(interchange(invoice(cnt="CNT+2:3"))) == [
        ("edi.cnt", 19, "CNT", "CNT+2 oppgir 3 linjer, meldingen har 2")
    ]


def test_cnt_stated_twice_or_before_the_lines():
    # found by the fuzzer: CNT+2:2'CNT+2:99' was accepted; and a CNT+2 right after UNH was never compared
    twice = errors(interchange(invoice(cnt="CNT+2:2'CNT+2:99")))
    assert ("edi.cnt", 20, "CNT", "CNT+2 står mer enn én gang; antall linjer er uklart") in twice
    early = invoice()
    early.insert(1, "CNT+2:99")
    assert ("edi.cnt", 2, "CNT", "CNT+2 står før varelinjene; den skal stå i summeringsdelen") in errors(
        interchange(early)
    )
    # found by the fuzzer: a CNT+2 between two line groups, far from both ends, was never looked at
    among = invoice()
    second = max(i for i, seg in enumerate(among) if seg.startswith("LIN+"))
    among.insert(second, "CNT+2:99")
    found = [f for f in errors(interchange(among)) if f[0] == "edi.cnt"]
    assert found[0] == (
        "edi.cnt",
        second + 1,
        "CNT",
        "CNT+2 står midt i varelinjene; den skal stå i summeringsdelen",
    )
    assert [f[3] for f in found[1:]] == ["CNT+2 står mer enn én gang; antall linjer er uklart"]


@pytest.mark.parametrize(
    "segment, code, text",
    [
        ("BGM+220+" + "P" * 46 + "+9", "edi.length", "BGM C106 1004 er 46 tegn"),
        ("IMD+F++:::SKRUE:4X40:MM:A", "edi.component_count", "IMD C273 har 7 komponenter"),
        ("DTM+2:20260305:102:X:Y", "edi.component_count", "DTM C507 har 5 komponenter"),
    ],
)
def test_values_over_the_directory(segment, code, text):
    body = orders()  # ORDERS BGM DTM NAD NAD LIN QTY FTX UNS CNT
    if segment.startswith("BGM"):
        body[1] = segment
    else:  # IMD after LIN, DTM after QTY
        body.insert(6 if segment.startswith("IMD") else 7, segment)
    found = errors(interchange(body))
    assert [(c, t) for c, _, t, _ in found] == [(code, segment[:3])] and text in found[0][3]


def test_edi_validate_exits_1(tmp_path):
    bad = tmp_path / "bad.edi"
    bad.write_bytes(interchange(invoice(bgm="BGM+380++9")))
    res = CliRunner().invoke(app, ["edi", "validate", str(bad)])
    assert res.exit_code == 1 and "BGM mangler dokumentnummer" in res.output


def test_edi_read_rejects_each_fault_whole(workspace):
    from vareflyt.jobs.read_inbox import read_inbox
    from vareflyt.store import log

    faults = {
        "empty_number.edi": interchange(invoice(bgm="BGM+380++9"), ref="601"),
        "cnt.edi": interchange(invoice(cnt="CNT+2:3"), ref="602"),
        "thirty_digits.edi": interchange(
            invoice(
                lines=[
                    [
                        "LIN+1++7040000000016:EN",
                        "QTY+47:123456789012345678901234567890:PCE",
                        "MOA+203:1000.00",
                    ]
                ],
                cnt="CNT+2:1",
            ),
            ref="603",
        ),
    }
    for name, data in faults.items():
        (workspace.inbox / name).write_bytes(data)
    result = read_inbox(workspace)
    assert result.counts["rejected"] == 3 and result.counts["accepted"] == 0
    codes = {d["file"]: {i["code"] for i in d["issues"]} for d in result.extra["documents"]}
    assert codes == {
        "empty_number.edi": {"edi.document_number"},
        "cnt.edi": {"edi.cnt"},
        "thirty_digits.edi": {"edi.bounds"},
    }
    assert sorted(p.name.split("-", 2)[-1] for p in workspace.quarantine.glob("*.edi")) == sorted(faults)
    with workspace.store.connect() as conn:
        assert {r.status for r in log.recent(conn) if r.job == "edi.read"} == {"rejected"}


# --- the public corpus through the new checks ----------------------------------------------------------
# Every finding below is a genuine fault of the file (looked at by hand): the element-level and formal
# checks add nothing to the other files. (code, message number, segment number, tag, text in the message)
NEW_CODES = {
    "edi.element_count",
    "edi.component_count",
    "edi.mandatory",
    "edi.length",
    "edi.type",
    "edi.characters",
    "edi.bounds",
    "edi.negative",
    "edi.document_number",
    "edi.line_number",
    "edi.cnt",
}
REPLACEMENT_CHAR = "«\ufffd» (U+FFFD) er ikke tillatt i UNOC"  # the upstream file lost its umlauts
CORPUS_FAULTS = {
    # UNOA has no lower case: "MESSAGE ... accepted" style free text in FTX
    "aperak_d96a_pydifact.edi": [("edi.characters", 1, 6, "FTX", "ikke tillatt i UNOA")],
    "aperak_v4_pydifact.edi": [("edi.characters", 1, 6, "FTX", "ikke tillatt i UNOA")],
    # BGM 1225 (message function, an..3) holds a date, 700101
    "desadv_d96a_phpedifact.edi": [("edi.length", 1, 2, "BGM", "BGM 1225 er 6 tegn («700101»)")],
    "example_utf8_phpedifact.edi": [("edi.length", 1, 2, "BGM", "BGM 1225 er 6 tegn («700101»)")],
    # LIN+++090346642:IN: the line has no line number
    "invoic_colon_end_pydifact.edi": [("edi.line_number", 1, 11, "LIN", "LIN mangler linjenummer")],
    "invoic_d97a_pydifact.edi": [("edi.line_number", 1, 11, "LIN", "LIN mangler linjenummer")],
    # CNT+2:120 for a message with one LIN
    "invoic_d01b_ean011_edinet.edi": [("edi.cnt", 1, 95, "CNT", "CNT+2 oppgir 120 linjer, meldingen har 1")],
    # Ü in a UNOA interchange
    "invoic_d97b_staedi.edi": [("edi.characters", 1, 6, "NAD", "«Ü» (U+00DC) er ikke tillatt i UNOA")],
    "invoic_d97b_80col_wrapped_staedi.edi": [
        ("edi.characters", 1, 6, "NAD", "«Ü» (U+00DC) er ikke tillatt i UNOA")
    ],
    # the "bad" sample: party qualifier BYZZ (an..3), and a $ in the price in a UNOA interchange
    "invoic_d97b_bad_staedi.edi": [
        ("edi.length", 1, 5, "NAD", "NAD 3035 er 4 tegn («BYZZ»)"),
        ("edi.characters", 1, 13, "PRI", "«$» (U+0024) er ikke tillatt i UNOA"),
    ],
    # UNH 0057 (association assigned code, an..6) is EAN008B
    "orders_d96b_ean008_ung_staedi.edi": [("edi.length", 1, 1, "UNH", "UNH S009 0057 er 7 tegn («EAN008B»)")],
}


def test_corpus_files_fail_the_new_checks_only_for_real_faults(edifact_file):
    result = read_interchanges(edifact_file.read_bytes(), file=edifact_file.name)
    found = [
        (i.code, i.source.message, i.source.segment, i.source.tag, i.message)
        for i in validate_interchange(result)
        if i.code in NEW_CODES
    ]
    assert all(i[0] in NEW_CODES for i in found)
    name = edifact_file.name
    if name == "invoic_d93a_decimal_comma_staedi.edi":  # UNOA with lower case and a UTF-8 umlaut
        assert [(c, s, t) for c, _, s, t, _ in found] == [
            ("edi.characters", 6, "NAD"),
            ("edi.characters", 7, "NAD"),
            ("edi.characters", 9, "IMD"),
            ("edi.characters", 14, "IMD"),
            ("edi.characters", 19, "IMD"),
        ]
        assert "små bokstaver krever UNOB eller UNOC" in found[0][4]
    elif name in ("orders_d01b_ean010_phpedifact.edi", "orders_error_phpedifact.edi"):
        chars = [f for f in found if f[0] == "edi.characters"]
        assert len(chars) == 61 and all(REPLACEMENT_CHAR in f[4] for f in chars)
        rest = [(c, s, t) for c, _, s, t, _ in found if c != "edi.characters"]
        # the "error" variant also has an IMD with seven components, its language code (3453, an..3) a text
        assert rest == (
            []
            if name.startswith("orders_d01b")
            else [("edi.component_count", 359, "IMD"), ("edi.length", 359, "IMD")]
        )
    else:
        expected = CORPUS_FAULTS.get(name, [])
        assert [f[:4] for f in found] == [e[:4] for e in expected]
        assert all(e[4] in f[4] for f, e in zip(found, expected))


def test_contrl_tells_the_partner_which_segment_failed_and_why():
    from datetime import datetime

    from vareflyt.edi.contrl import build_contrl

    body = orders("LIN+1++7040000000016:EN", "IMD+F++:::SKRUE:4X40:MM:A", "QTY+21:-5:PCE")
    body[1] = "BGM+220+" + "P" * 46 + "+9"
    result = read_interchanges(interchange(body))
    out = build_contrl(
        result.interchanges[0],
        validate_interchange(result),
        own_gln=BY,
        control_ref="9",
        prepared=datetime(2026, 3, 10, 9, 0),
    )
    segs = [(s.tag, s.elements) for s in read_interchanges(out).messages[0].body]
    # ISO 9735 0085: 39 data element too long, 16 too many constituents, 12 invalid value
    assert segs[1:] == [
        ("UCM", ["1", ["ORDERS", "D", "03A", "UN"], "4"]),
        ("UCS", ["2", "39"]),
        ("UCS", ["7", "16"]),
        ("UCS", ["8", "12"]),
    ]
