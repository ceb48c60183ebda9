"""Fuzz: mutated corpus files never make the reader raise anything but its own error type."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vareflyt.edi.model import EdifactError
from vareflyt.edi.reader import iter_segments, read_interchanges
from vareflyt.edi.validate import validate_interchange

from .conftest import CORPUS, CORPUS_FILES

SEEDS = [p.read_bytes() for p in CORPUS_FILES]
NASTY = [
    b"'",
    b"+",
    b":",
    b"?",
    b"??",
    b"?'",
    b"UNA:+.? '",
    b"UNB+",
    b"UNH+1+ORDERS:D:03A:UN'",
    b"UNT+",
    b"UNZ+",
    b"UNE+1+1'",
    b"UNG+",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\r\n",
    b"\ue000".decode("latin-1").encode("utf-8"),
]


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "nasty", "dup"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[pos : pos + draw(st.integers(1, 40))]
        elif kind == "truncate":
            del data[pos:]
        elif kind == "nasty":
            data[pos:pos] = draw(st.sampled_from(NASTY))
        elif kind == "dup":
            end = min(len(data), pos + draw(st.integers(1, 200)))
            data[pos:pos] = data[pos:end]
    return bytes(data)


@pytest.mark.skipif(
    not SEEDS,
    reason=f"the shared corpus is not at {CORPUS} (a clone without ../shared beside "
    f"it); .ci/run sets VAREFLYT_REQUIRE_CORPUS=1 and then requires it",
)
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_corpus_never_crashes(data):
    result = read_interchanges(data, file="fuzz.edi")
    for issue in result.issues:
        assert issue.message and issue.source.file == "fuzz.edi"
    validate_interchange(result)
    try:
        for _ in iter_segments(data.decode("latin-1")):
            pass
    except EdifactError as exc:
        assert "Segment" in str(exc)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(data):
    result = read_interchanges(data)
    assert result.ok or result.issues
