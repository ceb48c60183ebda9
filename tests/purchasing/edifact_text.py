"""EDIFACT written by hand, as a supplier's system writes it, and the written ORDERS read back
segment by segment (the text itself, not vareflyt's reader)."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import EDI_SUPPLIER, OUR


def interchange(
    message_type: str,
    body: list[str],
    *,
    sender: str = EDI_SUPPLIER,
    receiver: str = OUR,
    ref: str = "501",
    when: str = "260201:0800",
) -> str:
    """One message in an interchange; ``body`` is the segments between UNH and UNT, without "'"."""
    segments = [f"UNH+1+{message_type}:D:03A:UN", *body]
    return (
        f"UNA:+.? 'UNB+UNOC:3+{sender}:14+{receiver}:14+{when}+{ref}'"
        + "'".join(segments)
        + f"'UNT+{len(segments) + 1}+1'UNZ+1+{ref}'"
    )


def pricat(number: str, code: str, valid_from: str, list_ref: str | None, articles: list[tuple]) -> str:
    """A PRICAT: BGM 1225 ``code`` (9 new, 4 change), DTM+157, RFF+PL when given; articles are
    (line, GTIN, article no., name, net price, unit)."""
    body = [f"BGM+9+{number}+{code}", f"DTM+137:{valid_from}:102", f"DTM+157:{valid_from}:102"]
    body += [f"RFF+PL:{list_ref}"] if list_ref else []
    body += [f"NAD+SU+{EDI_SUPPLIER}::9", f"NAD+BY+{OUR}::9", "CUX+2:NOK:9", "PGI+1"]
    for line, gtin, article_no, name, net, unit in articles:
        body += [
            f"LIN+{line}++{gtin}:EN",
            f"PIA+1+{article_no}:SA",
            f"IMD+F++:::{name}",
            "QTY+59:1",
            f"PRI+AAA:{net}:::1:{unit}",
        ]
    return interchange("PRICAT", body)


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("latin-1"))
    return path


def segments(path: str | Path) -> list[str]:
    """The segments of a written file, UNA left out, split at "'" that is not released by "?"."""
    text = Path(path).read_bytes().decode("latin-1")
    if text.startswith("UNA"):
        text = text[9:]
    return [s for s in re.split(r"(?<!\?)'", text.replace("\r", "").replace("\n", "")) if s]


def header(path: str | Path) -> list[str]:
    """The ORDERS segments from BGM up to the first LIN."""
    segs = segments(path)
    start = next(i for i, s in enumerate(segs) if s.startswith("BGM+"))
    end = next(i for i, s in enumerate(segs) if s.startswith("LIN+"))
    return segs[start:end]


def lines(path: str | Path) -> list[str]:
    """The ORDERS line segments from the first LIN up to UNS."""
    segs = segments(path)
    start = next(i for i, s in enumerate(segs) if s.startswith("LIN+"))
    end = next(i for i, s in enumerate(segs) if s.startswith("UNS+"))
    return segs[start:end]
