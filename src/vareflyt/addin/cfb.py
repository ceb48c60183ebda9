"""A small writer for Microsoft's Compound File Binary format (MS-CFB), version 3.

``vbaProject.bin`` is a compound file: a little file system of storages (folders) and
streams. Only what the VBA project needs is supported: a tree of storages and streams, 512-byte
sectors, streams under 4096 bytes in the mini stream, up to 109 FAT sectors (about 6.8 MB).
Times and CLSIDs are zero, siblings are a balanced tree of black nodes (as Apache POI writes
them), so the same input gives the same bytes. ``olefile`` (under ``oletools``) reads it back.

Written by hand because no maintained Python library writes compound files: olefile only
reads (and overwrites same-size streams), and the ``ms-ovba`` package (0.0.1) was tried and
dropped — it writes temporary files into the current folder and is not maintained.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

SECTOR = 512
MINI = 64
CUTOFF = 4096
FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_STORAGE, _STREAM, _ROOT = 1, 2, 5
_BLACK = 1


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: list[_Entry] = field(default_factory=list)
    sid: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    start: int = ENDOFCHAIN


def _order(entry: _Entry) -> tuple[int, str]:
    """The compound file's sibling order: shorter names first, then by upper-case name."""
    return len(entry.name), entry.name.upper()


def _tree(siblings: list[_Entry]) -> int:
    """Link sorted siblings as a balanced binary tree; returns the sid of its root."""
    if not siblings:
        return NOSTREAM
    mid = len(siblings) // 2
    node = siblings[mid]
    node.left, node.right = _tree(siblings[:mid]), _tree(siblings[mid + 1 :])
    return node.sid


def _chain(fat: list[int], first: int, count: int) -> None:
    for n in range(count):
        fat[first + n] = first + n + 1 if n < count - 1 else ENDOFCHAIN


def write_compound_file(streams: dict[str, bytes]) -> bytes:
    """``{"VBA/dir": b"...", "PROJECT": b"..."}`` -> the bytes of a compound file."""
    root = _Entry("Root Entry", _ROOT)
    for path, data in streams.items():
        *folders, name = path.split("/")
        node = root
        for folder in folders:
            found = next((c for c in node.children if c.name == folder and c.kind == _STORAGE), None)
            if found is None:
                found = _Entry(folder, _STORAGE)
                node.children.append(found)
            node = found
        if len(name) > 31 or any(c.name == name for c in node.children):
            raise ValueError(f"bad or duplicate stream name {path!r}")
        node.children.append(_Entry(name, _STREAM, bytes(data)))
    entries: list[_Entry] = []

    def number(entry: _Entry) -> None:
        entry.sid = len(entries)
        entries.append(entry)
        entry.children.sort(key=_order)
        for c in entry.children:
            number(c)

    number(root)
    for e in entries:
        e.child = _tree(e.children)

    # mini stream: small streams in 64-byte mini sectors
    mini_data, minifat = bytearray(), []
    for e in entries:
        if e.kind == _STREAM and 0 < len(e.data) < CUTOFF:
            e.start = len(mini_data) // MINI
            n = -(-len(e.data) // MINI)
            minifat.extend([0] * n)
            _chain(minifat, e.start, n)
            mini_data += e.data + b"\0" * (n * MINI - len(e.data))
    big = [e for e in entries if e.kind == _STREAM and len(e.data) >= CUTOFF]

    def sectors(size: int) -> int:
        return -(-size // SECTOR)

    n_big = sum(sectors(len(e.data)) for e in big)
    n_mini = sectors(len(mini_data))
    n_minifat = sectors(len(minifat) * 4)
    n_dir = sectors(len(entries) * 128)
    n_fat = 1
    while sectors((n_big + n_mini + n_minifat + n_dir + n_fat) * 4) > n_fat:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("compound file too large for this writer (more than 109 FAT sectors)")
    total = n_big + n_mini + n_minifat + n_dir + n_fat
    fat = [FREESECT] * (n_fat * SECTOR // 4)
    body = bytearray()
    for e in big:
        e.start = len(body) // SECTOR
        n = sectors(len(e.data))
        _chain(fat, e.start, n)
        body += e.data + b"\0" * (n * SECTOR - len(e.data))
    mini_start = len(body) // SECTOR if mini_data else ENDOFCHAIN
    if mini_data:
        _chain(fat, mini_start, n_mini)
        body += mini_data + b"\0" * (n_mini * SECTOR - len(mini_data))
    root.start, root.data = mini_start, bytes(mini_data)
    minifat_start = len(body) // SECTOR if minifat else ENDOFCHAIN
    if minifat:
        _chain(fat, minifat_start, n_minifat)
        table = minifat + [FREESECT] * (n_minifat * SECTOR // 4 - len(minifat))
        body += struct.pack(f"<{len(table)}I", *table)
    dir_start = len(body) // SECTOR
    _chain(fat, dir_start, n_dir)
    directory = b"".join(_dir_entry(e) for e in entries)
    body += directory + _EMPTY_ENTRY * (n_dir * 4 - len(entries))
    fat_start = len(body) // SECTOR
    for n in range(n_fat):
        fat[fat_start + n] = FATSECT
    body += struct.pack(f"<{len(fat)}I", *fat)
    assert len(body) == total * SECTOR
    difat = [fat_start + n for n in range(n_fat)] + [FREESECT] * (109 - n_fat)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        bytes.fromhex("D0CF11E0A1B11AE1"),
        b"\0" * 16,
        0x003E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        n_fat,
        dir_start,
        0,
        CUTOFF,
        minifat_start,
        n_minifat,
        ENDOFCHAIN,
        0,
    )
    header += struct.pack("<109I", *difat)
    return header + bytes(body)


def _dir_entry(e: _Entry) -> bytes:
    name = (e.name + "\0").encode("utf-16-le")
    size = len(e.data) if e.kind != _STORAGE else 0
    start = e.start if (e.kind == _ROOT or size) else (0 if e.kind == _STORAGE else ENDOFCHAIN)
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name,
        len(name),
        e.kind,
        _BLACK,
        e.left,
        e.right,
        e.child,
        b"\0" * 16,
        0,
        0,
        0,
        start,
        size,
    )


_EMPTY_ENTRY = struct.pack(
    "<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, b"\0" * 16, 0, 0, 0, 0, 0
)
