"""The quick structure match (``edi.structure_walk.conforms``, issue 19 item 6): a message whose
segment tags match the expression built from the NeB group tree is one the group-tree walk finds
nothing wrong with, so validation skips the walk; anything else goes to the walk, and its issues
come in segment order among the segment's own (as one pass gave them).

The invoice is EDIFACT text as a supplier's system writes it (newlines after each segment).
"""

from __future__ import annotations

import pytest

from vareflyt.domain.issues import Source
from vareflyt.edi.guides import structure
from vareflyt.edi.reader import read_interchanges
from vareflyt.edi.structure_walk import conforms, structure_issues
from vareflyt.edi.validate import validate_interchange

HEAD = """UNA:+.? '
UNB+UNOC:3+7080000000029:14+7080000000012:14+260310:0800+4711'
UNH+1+INVOIC:D:03A:UN'
BGM+380+F-000001+9'
DTM+137:20260310:102'
DTM+35:20260305:102'
RFF+ON:PO-000001'
NAD+SU+7080000000029::9'
FII+RB+12345678903'
RFF+VA:NO923609016MVA'
NAD+BY+7080000000012::9'
CUX+2:NOK:9'
PAT+1++5:3:D:30'
DTM+13:20260409:102'
"""
LINES = """LIN+1++7040000001013:EN'
IMD+F++:::Skrue 1'
QTY+47:2:PCE'
MOA+203:23.00'
PRI+AAA:11.50'
LIN+2++7040000001020:EN'
IMD+F++:::Skrue 2'
QTY+47:3:PCE'
MOA+203:37.50'
PRI+AAA:12.50'
"""
SUMMARY = """UNS+S'
CNT+2:2'
MOA+79:60.50'
MOA+125:60.50'
MOA+124:15.12'
MOA+77:75.62'
TAX+7+VAT+++:::25+S'
MOA+124:15.12'
"""


def interchange(head: str = HEAD, lines: str = LINES, summary: str = SUMMARY):
    body = head.split("\n", 3)[3] + lines + summary
    count = body.count("'") + 2
    text = head + lines + summary + f"UNT+{count}+1'\nUNZ+1+4711'\n"
    return read_interchanges(text.encode("latin-1"), file="faktura.edi")


def _src(number: int, tag: str | None) -> Source:
    return Source(segment=number, tag=tag)


def test_a_conforming_invoice_is_matched_and_clean():
    result = interchange()
    body = result.interchanges[0].messages[0].body
    assert conforms(structure("INVOIC"), body)
    assert structure_issues(structure("INVOIC"), body, _src) == []
    assert validate_interchange(result) == []


def _variants(body: list) -> list[list]:
    """Every body with one segment left out, one segment twice, or two neighbours swapped."""
    out = []
    for i in range(len(body)):
        out.append(body[:i] + body[i + 1 :])
        out.append(body[: i + 1] + body[i:])
        if i + 1 < len(body):
            out.append(body[:i] + [body[i + 1], body[i]] + body[i + 2 :])
    return out


def test_the_match_never_accepts_what_the_walk_reports():
    root = structure("INVOIC")
    body = interchange().interchanges[0].messages[0].body
    refused = 0
    for variant in _variants(body):
        issues = structure_issues(root, variant, _src)
        if conforms(root, variant):
            assert issues == [], [s.tag for s in variant]
        else:
            refused += 1
    assert refused > 20  # missing BGM, a second UNS, LIN before the header ... went to the walk


BGM = "BGM+380+F-000001+9'\n"


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ("IMD+F'\nIMD+F'\n", "edi.too_many"),  # header IMD 0..1
        ("XYZ+1'\n", "edi.unknown_segment"),
        ("UNS+S'\n", "edi.order"),
    ],
)
def test_what_the_match_refuses_the_walk_names(extra, code):
    result = interchange(head=HEAD.replace(BGM, BGM + extra))
    body = result.interchanges[0].messages[0].body
    assert not conforms(structure("INVOIC"), body)
    assert code in [i.code for i in validate_interchange(result)]


def test_a_segments_own_issues_come_before_its_place():
    # PAT with an unknown term after the summary (segment 31): its value, then its place; the
    # unknown qualifier of a MOA before it (segment 26) first
    summary = SUMMARY.replace("MOA+125:60.50'", "MOA+999:60.50'") + "PAT+99++5:3:D:30'\n"
    found = [(i.source.segment, i.code) for i in validate_interchange(interchange(summary=summary))]
    assert found == [(26, "edi.qualifier"), (31, "edi.qualifier"), (31, "edi.order")]
