"""PIA/LIN item-number codes keep their UNCL 7143 meaning; a NOBB code is a partner's setting.

An EANCOM DESADV carries the batch number as ``PIA+1+<batch>:NB``: without the partner's
``nobb_code = "NB"`` it must not become a NOBB number. The messages are written by hand as an
EANCOM supplier sends them.
"""

import pytest

from vareflyt.edi.guides import GuideSettings
from vareflyt.edi.mappings import DEFAULT_CODES, ItemCodes, desadv, invoic, ordrsp
from vareflyt.edi.reader import read_interchanges
from vareflyt.edi.validate import validate_message
from vareflyt.jobs.acknowledge import PartnerSettingError, guide_settings

PARTIES = "NAD+BY+7080001234560::9'NAD+SU+7080007654324::9'"
DESADV = (
    "BGM+351+DS-9001+9'DTM+137:20261110:102'RFF+ON:4500012345'"
    + PARTIES
    + "CPS+1'LIN+1++7012345000013:SRV'PIA+1+GP-1224:SA+L2026-114:NB'QTY+12:20:EA'"
    "LIN+2++7012345000020:SRV'PIA+1+41234567:ZZZ'QTY+12:3:PA'CNT+2:2'"
)


def message(kind: str, body: str):
    text = (
        f"UNA:+.? 'UNB+UNOC:3+7080007654324:14+7080001234560:14+261120:0815+1'UNH+1+{kind}:D:96A:UN:EAN005'"
        + body
        + "UNT+20+1'UNZ+1+1'"
    )
    (msg,) = read_interchanges(text.encode("latin-1")).messages
    return msg


def test_a_batch_number_is_no_nobb_number_by_default():
    doc, issues = desadv.from_segments(message("DESADV", DESADV).body, message_ref=1)
    assert issues == [] and DEFAULT_CODES.nobb is None
    assert [(ln.gtin, ln.seller_article_no, ln.nobb) for ln in doc.lines] == [
        ("7012345000013", "GP-1224", None),
        ("7012345000020", None, None),
    ]


def test_the_partners_nobb_code_is_read_as_nobb_and_nothing_else():
    body = message("DESADV", DESADV).body
    doc, _ = desadv.from_segments(body, message_ref=1, codes=ItemCodes.for_partner("ZZZ"))
    assert [ln.nobb for ln in doc.lines] == [None, "41234567"]  # NB is still a batch number
    doc, _ = desadv.from_segments(
        body, message_ref=1, codes=ItemCodes.for_partner(GuideSettings(nobb_code="NB"))
    )
    assert [ln.nobb for ln in doc.lines] == ["L2026-114", None]  # a partner that means NOBB by NB


def test_lin_item_number_under_nb_is_not_nobb_by_default():
    body = message(
        "ORDRSP",
        "BGM+231+R1+29'DTM+137:20261110:102'RFF+ON:PO1'" + PARTIES + "LIN+1+5+41234567:NB'QTY+21:2:EA'",
    ).body
    doc, _ = ordrsp.from_segments(body, message_ref=1)
    assert (doc.lines[0].gtin, doc.lines[0].nobb) == (None, None)
    doc, _ = ordrsp.from_segments(body, message_ref=1, codes=ItemCodes.for_partner("NB"))
    assert doc.lines[0].nobb == "41234567"


def test_writers_send_a_nobb_number_only_under_the_partners_code():
    body = message(
        "INVOIC",
        "BGM+380+F1+9'DTM+137:20261110:102'"
        + PARTIES
        + "LIN+1++7012345000013:SRV'PIA+1+GP-1224:SA+41234567:NB'QTY+47:2:EA'MOA+203:10'"
        "UNS+S'MOA+9:12.50'",
    ).body
    inv, _ = invoic.from_segments(body, message_ref=1, codes=ItemCodes.for_partner("NB"))
    assert inv.lines[0].nobb == "41234567"
    pias = [s.elements for s in invoic.to_segments(inv) if s.tag == "PIA"]
    assert pias == [["1", ["GP-1224", "SA"]]]  # no partner code: NOBB left out
    pias = [s.elements for s in invoic.to_segments(inv, codes=ItemCodes.for_partner("ZZZ")) if s.tag == "PIA"]
    assert pias == [["1", ["GP-1224", "SA"]], ["1", ["41234567", "ZZZ"]]]


@pytest.mark.parametrize("raw,expected", [(None, None), ("NB", "NB"), ("zzz", "ZZZ"), ("X1", "X1")])
def test_nobb_code_setting(raw, expected):
    assert GuideSettings.from_mapping({"nobb_code": raw} if raw else {}).nobb_code == expected


@pytest.mark.parametrize(
    "raw,why",
    [
        ("SA", "leverandørens artikkelnummer"),
        ("EN", "GTIN"),
        ("NOBB", "1–3 bokstaver/siffer"),
        ("N B", "1–3 bokstaver/siffer"),
    ],
)
def test_a_nobb_code_that_cannot_mean_nobb_is_refused(raw, why):
    with pytest.raises(ValueError, match=why):
        GuideSettings.from_mapping({"nobb_code": raw})


def test_a_broken_partner_setting_is_an_issue_naming_the_partner(workspace):
    toml = workspace.config_path
    toml.write_text(
        toml.read_text(encoding="utf-8") + '\n[partners."7080007654324"]\nnobb_code = "SA"\n',
        encoding="utf-8",
    )
    from vareflyt.workspace import Workspace

    with pytest.raises(PartnerSettingError) as caught:
        guide_settings(Workspace(workspace.root), "7080007654324", "in.edi")
    assert caught.value.issue.code == "edi.partner_setting"
    assert "nobb_code kan ikke være SA" in caught.value.issue.message


def test_the_guide_knows_nb_as_batch_number_and_checks_nobb_only_under_the_partners_code():
    msg = message("DESADV", DESADV)
    assert [i for i in validate_message(msg) if i.code not in ("edi.version",)] == [
        i for i in validate_message(msg) if i.code == "edi.qualifier" and "ZZZ" in i.message
    ]
    # the batch number L2026-114 is not checked as an 8-digit NOBB number unless NB is the partner's code
    assert not [i for i in validate_message(msg) if "NOBB" in i.message]
    found = [
        i.message
        for i in validate_message(msg, settings=GuideSettings(nobb_code="NB"))
        if "NOBB" in i.message
    ]
    assert found == ["NOBB-nummer L2026-114 skal ha 8 siffer"]
