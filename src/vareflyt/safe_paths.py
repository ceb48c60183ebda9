"""The one place where text from input becomes part of a file or folder name.

Customer numbers, partner ids, document numbers and names come from files other people
wrote; used as they are, ``../../X`` or ``77/1`` writes outside its folder or onto another
document's file. Every name built from document content goes through here:

* ``file_part(text)`` — a stable ASCII slug with a short hash of the exact text, so names that
  slug alike (``77/1``, ``77 1``, ``77_1``) never collide and are never cut into a collision;
* ``name_part(text)`` — the text itself when it already is a plain, portable name (a GLN, an
  order number such as ``PO-1001``: digits, upper-case ASCII letters, ``-``, ``_``, ``.``
  inside), else ``file_part(text)``; two different texts never get the same name, not even on
  a file system that ignores case (a kept name has no lower-case letter, a hashed one ends in
  ``-`` and ten lower-case hex digits, which no kept name does);
* ``file_name(name)`` — a file name someone dropped in ``inbox/`` (any characters its file
  system allowed) as a name that is valid everywhere: kept when it is, else a slug of its stem
  plus hash, with its extension when that is plain;
* ``inside(folder, name)`` joins a name to its folder and refuses anything that would leave it
  or that a file system would take for something else: ``..``, separators, drive letters,
  NUL and control characters, reserved Windows device names (``CON``, ``NUL.txt``, ``COM1``),
  a trailing dot or space, more than ``MAX_NAME_BYTES`` bytes.

>>> file_part("77/1") != file_part("77 1") != file_part("77_1")
True
>>> file_part("77/1")
'77-1-e06f9cee55'
>>> file_part("Ødegård Bygg AS")[:16]
'odegard-bygg-as-'
>>> file_part("../../etc").startswith("etc-")
True
>>> name_part("7080000000029"), name_part("PO-1001"), name_part("../../X")[:2], name_part("CON")[:4]
('7080000000029', 'PO-1001', 'x-', 'con-')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

__all__ = ["file_part", "name_part", "file_name", "slug", "inside", "UnsafeName", "is_reserved"]

_TRANSLITERATE = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A", "ß": "ss"})
_NOT_WORD = re.compile(r"[^A-Za-z0-9]+")
_PLAIN = re.compile(r"[A-Z0-9](?:[A-Z0-9_-]|\.(?!\.)){0,62}[A-Z0-9]|[A-Z0-9]")
_HASHED_TAIL = re.compile(r"-[0-9a-fA-F]{10}$")
_PLAIN_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}")
_BAD_CHARS = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
SLUG_LENGTH = 40
HASH_LENGTH = 10
MAX_NAME_BYTES = 200  # below every file system's 255, with room for ".pending.tmp" and the like
MAX_KEPT_NAME = 120  # an inbox file name longer than this is shortened (slug + hash)
RESERVED = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        "conin$",
        "conout$",
        "clock$",
        *(f"com{n}" for n in "123456789¹²³"),
        *(f"lpt{n}" for n in "123456789¹²³"),
    }
)


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
    digest = hashlib.sha256(str(text).encode("utf-8", "surrogatepass")).hexdigest()[:HASH_LENGTH]
    return f"{slug(text) or fallback}-{digest}"


def is_reserved(name: str) -> bool:
    """A Windows device name, with or without an extension (``CON``, ``nul.txt``, ``COM1 .x``).

    >>> is_reserved("CON"), is_reserved("nul.txt"), is_reserved("Com1"), is_reserved("CONTRL_1.edi")
    (True, True, True, False)
    """
    return name.split(".")[0].rstrip(" ").lower() in RESERVED


def name_part(text: str, *, fallback: str = "x") -> str:
    """``text`` when it is a plain portable name, else ``file_part(text)`` (see the module)."""
    text = str(text)
    if _PLAIN.fullmatch(text) and not _HASHED_TAIL.search(text) and not is_reserved(text):
        return text
    return file_part(text, fallback=fallback)


def file_name(name: str, *, fallback: str = "fil") -> str:
    """A dropped file's own name, made valid everywhere; unchanged when it already is.

    >>> file_name("Prisliste mai.xlsx"), file_name("CON.csv")[:4], file_name("a:b?.edi")[-4:]
    ('Prisliste mai.xlsx', 'con-', '.edi')
    """
    name = str(name)
    if (
        name
        and name == name.strip()
        and not name.endswith(".")
        and not name.startswith(".")
        and not _BAD_CHARS.search(name)
        and not is_reserved(name)
        and len(name) <= MAX_KEPT_NAME
        and len(name.encode("utf-8", "surrogatepass")) <= MAX_KEPT_NAME
        and name.isprintable()
        and not any(0xD800 <= ord(c) <= 0xDFFF for c in name)
    ):
        return name
    stem, dot, suffix = name.rpartition(".")
    ext = f".{suffix}" if dot and stem and _PLAIN_SUFFIX.fullmatch(f".{suffix}") else ""
    digest = file_part(name)[-HASH_LENGTH:]  # the hash of the whole name: unique per name
    return f"{slug(stem if ext else name) or fallback}-{digest}{ext}"


def inside(folder: Path, name: str) -> Path:
    """``folder / name`` when ``name`` is one plain file or folder name; ``UnsafeName`` otherwise."""
    if (
        not name
        or name in (".", "..")
        or _BAD_CHARS.search(name)
        or name != name.strip()
        or name.endswith(".")
        or is_reserved(name)
        or len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES
    ):
        raise UnsafeName(f"unsafe file name {name!r}")
    folder = Path(folder)
    target = folder / name
    if target.resolve().parent != folder.resolve():
        raise UnsafeName(f"{name!r} leaves {folder}")
    return target
