"""The fast reader yields exactly pydifact's segments: on the corpus and on generated text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydifact.exceptions import EDISyntaxError
from pydifact.segments import Segment

from vareflyt.edi.reader import iter_segments
from vareflyt.edi.separators import Separators
from vareflyt.edi.writer import normalise_elements, serialize

from .conftest import corpus_text, pairs, pydifact_segments


def _unwrap(text: str) -> str:
    return text.replace("\n", "")


def _untab(text: str) -> str:
    return re.sub(r"(?<=\n)\t+", "", text)


# Where pydifact is wrong, and how we differ: file -> (reason, the same text as pydifact can
# read it). pydifact must fail on the file itself; everything else must be equal.
PYDIFACT_WRONG = {
    # Hard-wrapped at 80 columns: pydifact keeps the line breaks inside tags and values and
    # fails on the tag "BGM\n"; we drop line breaks and read the interchange.
    "invoic_d97b_80col_wrapped_staedi.edi": ("line breaks inside segments", _unwrap),
    # The same, wrapped at 15 columns and with UNA "=*.? ~" (SOURCES.txt: staedi
    # issue128/wrapped_invoic_d97b_una.edi); pydifact fails on the tag "UNH\n".
    "invoic_d97b_wrapped_una_staedi.edi": ("line breaks inside segments", _unwrap),
    # EDI.Net's sample indents segment groups with tabs. pydifact skips only spaces and line
    # breaks after a terminator and fails on the tag "\tDTM"; we skip tabs there too.
    "quotes_d96a_edinet.edi": ("tabs before segments", _untab),
}


def test_corpus_agrees_with_pydifact(edifact_file):
    path = edifact_file
    text = corpus_text(path)
    ours = pairs(iter_segments(text))
    if path.name in PYDIFACT_WRONG:
        _, readable = PYDIFACT_WRONG[path.name]
        with pytest.raises(EDISyntaxError):
            pydifact_segments(text)
        # the normalised text is what pydifact reads, and what we read from the original
        assert readable(text) != text
        assert ours == pydifact_segments(readable(text))
        return
    assert ours == pydifact_segments(text)


def test_corpus_is_complete(edifact_corpus):
    assert len(list(edifact_corpus.glob("*.edi"))) >= 10


def test_wrapped_file_has_line_breaks_inside_segments(edifact_corpus):
    path = edifact_corpus / "invoic_d97b_80col_wrapped_staedi.edi"
    text = corpus_text(path)
    assert "\nBGM" not in text and "BGM\n" in text  # the break really is inside a segment
    tags = [s.tag for s in iter_segments(text)]
    assert tags[:4] == ["UNB", "UNH", "BGM", "DTM"] and tags[-1] == "UNZ"


def test_narrow_wrap_with_custom_una_is_read_whole(edifact_corpus):
    path = edifact_corpus / "invoic_d97b_wrapped_una_staedi.edi"
    text = corpus_text(path)
    assert "*UN\nOA=3*" in text  # the break is inside UNB's syntax identifier
    segs = pairs(iter_segments(text))
    assert segs[1] == (
        "UNB",
        [["UNOA", "3"], ["005435656", "1"], ["006415160", "1"], ["060515", "1434"], "00000000000778"],
    )
    assert segs[-1] == ("UNZ", ["1", "00000000000778"])


# ---------------------------------------------------------------------------------------
# generated interchanges: random separators, released characters, empty components

_SEP_POOL = list("'+:?*=~!|#^@;/")
TAGS = ["BGM", "DTM", "NAD", "LIN", "QTY", "IMD", "FTX", "MOA", "PRI", "RFF", "PIA", "TAX"]


@st.composite
def separators(draw) -> Separators:
    comp, data, rel, term = draw(st.permutations(_SEP_POOL).map(lambda p: p[:4]))
    decimal = draw(st.sampled_from([".", ","]))
    repetition = draw(st.sampled_from([" ", "*"]))
    if repetition in (comp, data, rel, term):
        repetition = " "
    return Separators(comp, data, decimal, rel, repetition, term)


def values(seps: Separators):
    alphabet = st.sampled_from(list("ABCxyz019 .,-æøåÆØÅ/") + list(set(seps.specials)))
    return st.text(alphabet, max_size=8)


@st.composite
def interchanges(draw):
    seps = draw(separators())
    value = values(seps)
    element = st.one_of(value, st.lists(value, min_size=1, max_size=5))
    segments = [
        Segment(draw(st.sampled_from(TAGS)), *draw(st.lists(element, max_size=6)))
        for _ in range(draw(st.integers(1, 8)))
    ]
    return seps, segments


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interchanges())
def test_generated_text_agrees_with_pydifact(case):
    seps, segments = case
    text = serialize(segments, seps, una=True)
    ours = pairs(iter_segments(text))
    assert ours == pydifact_segments(text)
    expected = [("UNA", [seps.advice])] + [(s.tag, normalise_elements(s.elements)) for s in segments]
    assert ours == expected


@settings(max_examples=60, deadline=None)
@given(interchanges(), st.sampled_from(["\n", "\r\n"]))
def test_line_breaks_between_segments_agree(case, newline):
    seps, segments = case
    text = serialize(segments, seps, una=True).replace(seps.terminator, seps.terminator + newline)
    # a released terminator followed by our newline would no longer be a terminator: skip those
    if (seps.release + seps.terminator + newline) in text:
        return
    assert pairs(iter_segments(text)) == pydifact_segments(text)


def test_documented_difference_una_without_release_character():
    # UNA position 4 is a space: no release character. pydifact uses the space as one and
    # eats every space in the data; we keep the spaces and the '?' as data.
    text = "UNA:+.  'UNB+UNOC:3+A+B+260301:1205+1'FTX+AAI+++Gate 1? og 2'"
    assert pydifact_segments(text)[2] == ("FTX", ["AAI", "", "", "Gate1?og2"])
    assert pairs(iter_segments(text))[2] == ("FTX", ["AAI", "", "", "Gate 1? og 2"])


def test_documented_difference_line_break_inside_a_value():
    # A line break inside a segment is a hard wrap (EDIFACT data has no line breaks):
    # pydifact keeps it in the value, we drop it.
    text = "UNA:+.? 'FTX+AAI+++linje 1\nlinje 2'"
    assert pydifact_segments(text)[1] == ("FTX", ["AAI", "", "", "linje 1\nlinje 2"])
    assert pairs(iter_segments(text))[1] == ("FTX", ["AAI", "", "", "linje 1linje 2"])


def test_documented_difference_byte_order_mark():
    # Notepad and .NET write UTF-8 with a byte order mark; decoded as plain UTF-8 it stays in
    # the text as U+FEFF. pydifact takes it as part of the tag "\ufeffUNA"; we skip it.
    text = "\ufeffUNA:+.? '\r\nUNB+UNOC:3+A:14+B:14+260301:1205+1'\r\nUNZ+0+1'\r\n"
    with pytest.raises(EDISyntaxError):
        pydifact_segments(text)
    assert pairs(iter_segments(text)) == pydifact_segments(text[1:])
    assert [s.tag for s in iter_segments("\ufeffUNB+UNOC:3+A+B+260301:1205+1'UNZ+0+1'")] == ["UNB", "UNZ"]


def test_documented_difference_tab_indented_segments():
    # Pretty-printed files (EDI.Net's samples) indent segment groups with tabs after the line
    # break. pydifact skips only spaces and line breaks after a terminator; we skip tabs too.
    text = "UNA:+.? '\nLIN+1++1420:::SM'\n\tPRI+CAL:-2100'\n\t\tRNG+4+Z01:0'\n"
    with pytest.raises(EDISyntaxError):
        pydifact_segments(text)
    assert pairs(iter_segments(text)) == pydifact_segments(text.replace("\t", ""))
    assert [s.tag for s in iter_segments(text)] == ["UNA", "LIN", "PRI", "RNG"]
