"""A VBA project from source (MS-OVBA): the streams of ``xl/vbaProject.bin``.

``vba_project(modules, name=...)`` returns the bytes of a compound file holding the modules'
source, compressed as MS-OVBA 2.4.1 says, a ``dir`` stream describing them, the ``PROJECT``
and ``PROJECTwm`` streams, and a ``_VBA_PROJECT`` stream with version 0xFFFF: no compiled
cache, so Excel compiles the source when it opens the add-in (xlwings' own add-in templates
are built the same way). Source text is code page 1252 with CRLF line ends; a module's
``Attribute VB_Name`` line must name the module. The result is the same for the same input.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from .cfb import write_compound_file

CODEPAGE = 1252
ENCODING = "cp1252"
_HOST = "{3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"
# Libraries every Excel project refers to (VBA and Excel themselves are implicit).
REFERENCES = (
    (
        "stdole",
        "*\\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\\Windows\\System32\\stdole2.tlb#OLE Automation",
    ),
    (
        "Office",
        "*\\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#C:\\Program Files\\Common Files\\Microsoft "
        "Shared\\OFFICE16\\MSO.DLL#Microsoft Office 16.0 Object Library",
    ),
)
WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
SHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
CLASS_BASE = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"


@dataclass(frozen=True)
class Module:
    name: str
    source: str  # full text, starting with the Attribute lines
    kind: str = "module"  # "module", "class" or "document"


def document_module(name: str, base: str) -> Module:
    """The code module behind the workbook or a sheet (empty, as Excel makes it)."""
    attrs = [
        f'Attribute VB_Name = "{name}"',
        f'Attribute VB_Base = "{base}"',
        "Attribute VB_GlobalNameSpace = False",
        "Attribute VB_Creatable = False",
        "Attribute VB_PredeclaredId = True",
        "Attribute VB_Exposed = True",
        "Attribute VB_TemplateDerived = False",
        "Attribute VB_Customizable = True",
    ]
    return Module(name, "\r\n".join(attrs) + "\r\n", "document")


def compress(data: bytes) -> bytes:
    """MS-OVBA 2.4.1 compression: a signature byte, then chunks of up to 4096 input bytes."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), 4096):
        chunk = data[start : start + 4096]
        packed = _compress_chunk(chunk)
        if len(packed) > 4096:  # incompressible: a raw chunk of exactly 4096 bytes
            packed, flag = chunk.ljust(4096, b"\0"), 0
        else:
            flag = 0x8000
        out += struct.pack("<H", flag | 0x3000 | (len(packed) - 1)) + packed
    return bytes(out)


def _compress_chunk(chunk: bytes) -> bytes:
    out = bytearray()
    pos, n = 0, len(chunk)
    seen: dict[bytes, list[int]] = {}
    while pos < n:
        flag_at, flags = len(out), 0
        out.append(0)
        for bit in range(8):
            if pos >= n:
                break
            bits = max((pos - 1).bit_length(), 4)
            max_len = (0xFFFF >> bits) + 3
            best_len, best_at = 0, 0
            for cand in reversed(seen.get(chunk[pos : pos + 3], [])[-64:]):
                length = 0
                while length < max_len and pos + length < n and chunk[cand + length] == chunk[pos + length]:
                    length += 1
                if length > best_len:
                    best_len, best_at = length, cand
            step = best_len if best_len >= 3 else 1
            if step > 1:
                token = ((pos - best_at - 1) << (16 - bits)) | (best_len - 3)
                out += struct.pack("<H", token)
                flags |= 1 << bit
            else:
                out.append(chunk[pos])
            for p in range(pos, pos + step):
                seen.setdefault(chunk[p : p + 3], []).append(p)
            pos += step
        out[flag_at] = flags
    return bytes(out)


def _rec(rid: int, data: bytes) -> bytes:
    return struct.pack("<HI", rid, len(data)) + data


def _text(value: str) -> bytes:
    return value.encode(ENCODING)


def _utf16(value: str) -> bytes:
    return value.encode("utf-16-le")


def dir_stream(modules: list[Module], name: str) -> bytes:
    """The (uncompressed) ``dir`` stream: project information, references, modules."""
    d = bytearray()
    d += _rec(0x01, struct.pack("<I", 1))  # SysKind Win32
    d += _rec(0x02, struct.pack("<I", 0x409)) + _rec(0x14, struct.pack("<I", 0x409))
    d += _rec(0x03, struct.pack("<H", CODEPAGE)) + _rec(0x04, _text(name))
    d += _rec(0x05, b"") + _rec(0x40, b"")  # doc string
    d += _rec(0x06, b"") + _rec(0x3D, b"")  # help file
    d += _rec(0x07, struct.pack("<I", 0)) + _rec(0x08, struct.pack("<I", 0))
    d += struct.pack("<HIIH", 0x09, 4, 1, 0)  # version 1.0
    d += _rec(0x0C, b"") + _rec(0x3C, b"")  # constants
    for ref_name, libid in REFERENCES:
        d += _rec(0x16, _text(ref_name)) + _rec(0x3E, _utf16(ref_name))
        raw = _text(libid)
        d += _rec(0x0D, struct.pack("<I", len(raw)) + raw + struct.pack("<IH", 0, 0))
    d += _rec(0x0F, struct.pack("<H", len(modules))) + _rec(0x13, struct.pack("<H", 0xFFFF))
    for m in modules:
        d += _rec(0x19, _text(m.name)) + _rec(0x47, _utf16(m.name))
        d += _rec(0x1A, _text(m.name)) + _rec(0x32, _utf16(m.name))
        d += _rec(0x1C, b"") + _rec(0x48, b"")
        d += _rec(0x31, struct.pack("<I", 0))  # source starts at offset 0
        d += _rec(0x1E, struct.pack("<I", 0)) + _rec(0x2C, struct.pack("<H", 0xFFFF))
        d += _rec(0x21 if m.kind == "module" else 0x22, b"") + _rec(0x2B, b"")
    d += _rec(0x10, b"")
    return bytes(d)


def _encrypt(project_id: str, data: bytes, seed: int) -> str:
    """MS-OVBA 2.4.3 data encryption, as used for CMG, DPB and GC in the PROJECT stream."""
    key = sum(_text(project_id)) & 0xFF
    out = [seed, seed ^ 2, seed ^ key]
    unenc, enc1, enc2 = key, out[2], out[1]
    for byte in [0] * ((seed & 6) // 2) + list(struct.pack("<I", len(data))) + list(data):
        b = byte ^ ((enc2 + unenc) & 0xFF)
        out.append(b)
        enc2, enc1, unenc = enc1, b, byte
    return "".join(f"{b:02X}" for b in out)


def project_stream(modules: list[Module], name: str, project_id: str) -> bytes:
    lines = [f'ID="{project_id}"']
    for m in modules:
        lines.append(
            {"document": f"Document={m.name}/&H00000000", "class": f"Class={m.name}"}.get(
                m.kind, f"Module={m.name}"
            )
        )
    lines += [
        f'Name="{name}"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        f'CMG="{_encrypt(project_id, bytes(4), 0x31)}"',  # not protected
        f'DPB="{_encrypt(project_id, bytes(1), 0x33)}"',  # no password
        f'GC="{_encrypt(project_id, bytes([0xFF]), 0x35)}"',  # visible
        "",
        "[Host Extender Info]",
        f"&H00000001={_HOST}",
        "",
        "[Workspace]",
    ]
    lines += [f"{m.name}=0, 0, 0, 0, C" for m in modules]
    return ("\r\n".join(lines) + "\r\n").encode(ENCODING)


def vba_project(
    modules: list[Module],
    *,
    name: str = "VBAProject",
    project_id: str = "{00000000-0000-0000-0000-000000000000}",
) -> bytes:
    """The bytes of ``vbaProject.bin`` for these modules (see the module docstring)."""
    names = [m.name.lower() for m in modules]
    if len(set(names)) != len(names):
        raise ValueError("module names must be unique")
    streams = {"PROJECT": project_stream(modules, name, project_id)}
    wm = b"".join(_text(m.name) + b"\0" + _utf16(m.name) + b"\0\0" for m in modules) + b"\0\0"
    streams["PROJECTwm"] = wm
    streams["VBA/_VBA_PROJECT"] = bytes([0xCC, 0x61, 0xFF, 0xFF, 0x00, 0x00, 0x00])
    streams["VBA/dir"] = compress(dir_stream(modules, name))
    for m in modules:
        source = m.source.replace("\r\n", "\n").replace("\n", "\r\n")
        streams[f"VBA/{m.name}"] = compress(source.encode(ENCODING))
    return write_compound_file(streams)
