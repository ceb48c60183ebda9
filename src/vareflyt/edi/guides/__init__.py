"""NeB message guides as data: segment groups, occurrence limits, qualifiers and code values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GuideSettings:
    """Qualifiers a partner or NeB may set differently. ``nobb_code`` is the item-number type
    code used in PIA for NOBB numbers."""

    nobb_code: str = "NB"
