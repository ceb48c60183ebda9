"""EDIFACT service characters: the six characters of a UNA service string advice.

``Separators`` is what the reader tokenizes with and the writer escapes with. Without a UNA
segment the defaults depend on the syntax level: UNOA/UNOC and friends use ``:+.? '`` (syntax 4
adds ``*`` as repetition separator); UNOB without UNA uses the ISO 646 information separators
IS1/IS3/IS4 and no release character.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Separators:
    """Component, data element, decimal mark, release, repetition/reserved, segment terminator.

    ``release`` is None when the UNA says there is none (a space in position 4).
    ``repetition`` is the syntax 4 repetition separator, or the syntax 3 reserved character
    (normally a space, meaning "not used").
    """

    component: str = ":"
    data: str = "+"
    decimal: str = "."
    release: str | None = "?"
    repetition: str = " "
    terminator: str = "'"

    @classmethod
    def from_una(cls, advice: str) -> Separators:
        """Six characters after ``UNA`` -> Separators.

        >>> Separators.from_una(":+.? '").terminator
        "'"
        >>> Separators.from_una("=*.? ~").data
        '*'
        """
        if len(advice) >= 9 and advice.startswith("UNA"):
            advice = advice[3:]
        if len(advice) < 6:
            raise ValueError(f"UNA har {len(advice)} tegn, skal ha 6")
        comp, data, dec, rel, rep, term = advice[:6]
        return cls(comp, data, dec, None if rel == " " else rel, rep, term)

    @property
    def una(self) -> str:
        """The service string advice as written, e.g. ``UNA:+.? '``."""
        return "UNA" + self.advice

    @property
    def advice(self) -> str:
        return (
            self.component
            + self.data
            + self.decimal
            + (self.release or " ")
            + self.repetition
            + self.terminator
        )

    @property
    def specials(self) -> tuple[str, ...]:
        """Characters that must be released (escaped) in data."""
        chars = [self.component, self.data, self.terminator]
        if self.release:
            chars.append(self.release)
        if self.repetition != " ":
            chars.append(self.repetition)
        return tuple(chars)

    def problems(self) -> list[str]:
        """Why these separators cannot be used (empty list when they can)."""
        out = []
        used = [self.component, self.data, self.terminator] + ([self.release] if self.release else [])
        if len(set(used)) != len(used):
            out.append(f"UNA bruker samme tegn for flere skilletegn: {self.advice!r}")
        for ch in used:
            if ch.isalnum():
                out.append(f"UNA bruker bokstav eller siffer {ch!r} som skilletegn")
        return out


DEFAULT = Separators()
"""NeB / UNOC syntax 3: ``UNA:+.? '``."""

SYNTAX4 = Separators(repetition="*")
"""Defaults for syntax version 4 (repetition separator ``*``)."""

UNOB_DEFAULT = Separators(
    component="\x1f", data="\x1d", decimal=".", release=None, repetition="\x19", terminator="\x1c"
)
"""UNOB without UNA: IS1 component, IS3 data element, IS4 segment terminator."""


def default_for(head: str) -> Separators:
    """Separators for a text that does not start with UNA, guessed from its UNB header.

    >>> default_for("UNB\\x1dUNOB\\x1f3").terminator == "\\x1c"
    True
    >>> default_for("UNB+UNOC:4+").repetition
    '*'
    """
    if head[3:4] == "\x1d":
        return UNOB_DEFAULT
    if head[8:10] == ":4":
        return SYNTAX4
    return DEFAULT
