"""The one place where text from input becomes part of a file or folder name.

Customer numbers, partner ids, document numbers and names come from files other people
wrote; used as they are, ``../../X`` or ``77/1`` writes outside its folder or onto another
document's file. ``file_part`` turns such text into a stable ASCII slug with a short hash of
the exact text, so names that slug alike (``77/1``, ``77 1``, ``77_1``) never collide and are
never cut into a collision; ``inside`` joins a name to its folder and refuses anything that
would leave it. Every name built from document content goes through here.

>>> file_part("77/1") != file_part("77 1") != file_part("77_1")
True
>>> file_part("77/1")
'77-1-e06f9cee55'
>>> file_part("Ødegård Bygg AS")[:16]
'odegard-bygg-as-'
>>> file_part("../../etc").startswith("etc-")
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

__all__ = ["file_part", "slug", "inside", "UnsafeName"]

_TRANSLITERATE = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A", "ß": "ss"})
_NOT_WORD = re.compile(r"[^A-Za-z0-9]+")
SLUG_LENGTH = 40
HASH_LENGTH = 10


class UnsafeName(ValueError):
    """A name that would leave its folder (a bug in the caller: names come from ``file_part``)."""


def slug(text: str, max_length: int = SLUG_LENGTH) -> str:
    """Lower-case ASCII letters and digits joined by ``-`` (æøå spelt out), at most ``max_length``.

    >>> slug("  Brødrene Ås / Lager 2 "), slug("../.."), slug("€")
    ('brodrene-as-lager-2', '', '')
    """
    ascii_text = unicodedata.normalize("NFKD", str(text).translate(_TRANSLITERATE))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii")
    return _NOT_WORD.sub("-", ascii_text).strip("-").lower()[:max_length].rstrip("-")


def file_part(text: str, *, fallback: str = "x") -> str:
    """``slug(text)`` plus a hash of the exact text: unique per text, safe on every file system."""
    digest = hashlib.sha256(str(text).encode("utf-8")).hexdigest()[:HASH_LENGTH]
    return f"{slug(text) or fallback}-{digest}"


def inside(folder: Path, name: str) -> Path:
    """``folder / name`` when ``name`` is one plain file or folder name; ``UnsafeName`` otherwise."""
    if not name or name in (".", "..") or any(c in name for c in '/\\:\x00') or name != name.strip():
        raise UnsafeName(f"unsafe file name {name!r}")
    folder = Path(folder)
    target = folder / name
    if target.resolve().parent != folder.resolve():
        raise UnsafeName(f"{name!r} leaves {folder}")
    return target
