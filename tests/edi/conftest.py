"""Shared fixtures for the EDIFACT tests: small helpers, and the corpus files as seeds for the
fuzz test (tests take the corpus itself from the root conftest: ``edifact_corpus``,
``edifact_file``, which skip or fail as the corpus's presence and CI require)."""

from __future__ import annotations

import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "edifact"
DATA = ROOT / "tests" / "data" / "edi"
CORPUS_FILES = sorted(CORPUS.glob("*.edi"))


def corpus_text(path: Path) -> str:
    """The file's text as a reader decodes it: a UTF-8 byte order mark belongs to the encoding
    (``utf-8-sig``), not to the text, as in ``vareflyt.edi.reader.decode``."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def pydifact_segments(text: str) -> list[tuple[str, list]]:
    """(tag, elements) as pydifact's own parser yields them."""
    from pydifact.parser import Parser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [(s.tag, s.elements) for s in Parser().parse(text)]


def pairs(segments) -> list[tuple[str, list]]:
    return [(s.tag, s.elements) for s in segments]
