"""Values that must fit D.03A when we write them: split over repeating components, or refuse.

Names go over NAD C080 (party name, 5 x an..35), street lines over C059 (4 x an..35), free text
over FTX C108 (5 x an..512) and item descriptions over IMD C273 7008 (2 x an..256). A split falls
at a space where one is near enough; a word longer than a whole component is cut inside it.
Receivers join the components with a space, as vareflyt reads them. A value that cannot fit
even so (an order number of 40 characters for BGM 1004 an..35, a name of 200 characters) raises
``EdifactWriteError`` with a Norwegian issue that says what, how long and the limit: it is
never cut silently. Lengths are counted as the writer writes (after ``writer.latin1``: € is
written EUR, line breaks as spaces), and as a receiver counts them (release characters do not
count).

>>> split("Byggmakker Nordre Follo Trelast og Byggevare AS avd. Ski", 35, 5, "navn")
['Byggmakker Nordre Follo Trelast og', 'Byggevare AS avd. Ski']
"""

from __future__ import annotations

from pydifact.segments import Segment

from vareflyt.domain.issues import Source, error

from ..writer import EdifactWriteError, latin1
from .common import joined, seg  # noqa: F401  (joined: how split pieces read back)

NAME, STREET, FREE_TEXT, DESCRIPTION = (35, 5), (35, 4), (512, 5), (256, 2)


_CONTROLS = {c: " " for c in [*range(32), *range(127, 160)]}  # the writer writes them as spaces


def clean(value) -> str:
    """The text as the writer will write it: Latin-1, control characters (line breaks) as spaces."""
    return latin1(str(value)).translate(_CONTROLS)


def refuse(what: str, value: str, limit: str, tag: str, hint: str = "") -> EdifactWriteError:
    shown = value if len(value) <= 60 else value[:60] + "…"
    text = (
        f"{what[:1].upper()}{what[1:]} «{shown}» er {len(value)} tegn; "
        f"EDIFACT tillater høyst {limit} ({tag})."
    )
    text += f" {hint}" if hint else ""
    return EdifactWriteError(text, [error("edi.write_limit", text, Source(tag=tag.split()[0]))])


def fit(value, width: int, what: str, tag: str, hint: str = "") -> str | None:
    """The value as written when it fits ``width`` characters; ``EdifactWriteError`` when not."""
    if value is None:
        return None
    text = clean(value)
    if len(text) > width:
        raise refuse(what, text, f"{width}", tag, hint)
    return text or None


def split(value, width: int, parts: int, what: str, tag: str = "", hint: str = "") -> list[str]:
    """``value`` over at most ``parts`` pieces of at most ``width`` characters, split at spaces
    (the space at a split is dropped: joined with a space, the pieces give the text back).

    >>> split("AB CD EF", 5, 2, "tekst")
    ['AB CD', 'EF']
    >>> split("ABCDEFGHIJ", 4, 3, "tekst")
    ['ABCD', 'EFGH', 'IJ']
    """
    text = clean(value)
    pieces: list[str] = []
    rest = text
    while rest:
        if len(rest) <= width:
            pieces.append(rest)
            break
        cut = rest.rfind(" ", 0, width + 1)
        if cut <= 0:  # one word longer than a component: cut inside it
            pieces.append(rest[:width])
            rest = rest[width:]
        else:
            pieces.append(rest[:cut])
            rest = rest[cut + 1 :]
    if len(pieces) > parts:
        raise refuse(what, text, f"{parts} × {width}", tag or "", hint)
    return pieces


def party(
    role: str,
    gln: str | None,
    name: str | None,
    *,
    street: list[str] | tuple[str, ...] = (),
    city: str | None = None,
    postcode: str | None = None,
    country: str | None = None,
    who: str = "parten",
) -> Segment:
    """``NAD+<role>+<GLN>::9++<name over C080>+<street over C059>+<city>++<postcode>+<country>``;
    ``who`` names the party in a refusal ("kjøper": «Navnet på kjøper ... er 200 tegn»)."""
    names = split(name, *NAME, f"navnet på {who}", f"NAD+{role} C080") if name else []
    streets = [
        piece
        for line in street
        if line
        for piece in split(line, STREET[0], STREET[1], f"adressen til {who}", f"NAD+{role} C059")
    ]
    if len(streets) > STREET[1]:
        raise refuse(
            f"adressen til {who}",
            " / ".join(s for s in street if s),
            f"{STREET[1]} × {STREET[0]}",
            f"NAD+{role} C059",
        )
    return seg(
        "NAD",
        role,
        [fit(gln, 35, f"GLN for {who}", f"NAD+{role} 3039"), None, "9" if gln else None],
        None,
        names,
        streets,
        fit(city, 35, f"stedet for {who}", f"NAD+{role} 3164"),
        None,
        fit(postcode, 17, f"postnummeret for {who}", f"NAD+{role} 3251"),
        fit(country, 3, f"landkoden for {who}", f"NAD+{role} 3207"),
    )


def free_text(qualifier: str, value: str | None, what: str = "teksten") -> Segment | None:
    """``FTX+<qualifier>+++<text over C108>`` (None for no text)."""
    if not value or not clean(value):
        return None
    return seg("FTX", qualifier, None, None, split(value, *FREE_TEXT, what, f"FTX+{qualifier} C108"))


def description(value: str | None, what: str = "varenavnet") -> Segment | None:
    """``IMD+F++:::<text over 7008 × 2>`` (None for no text)."""
    if not value or not clean(value):
        return None
    return seg("IMD", "F", None, [None, None, None, *split(value, *DESCRIPTION, what, "IMD C273 7008")])
