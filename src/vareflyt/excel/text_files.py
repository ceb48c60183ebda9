"""Reading a CSV or other delimited text file into one ``SheetData``, whatever its encoding.

Encoding: a BOM decides (UTF-16; UTF-8); a file that is valid UTF-8 is UTF-8. Otherwise the
8-bit lines are one encoding — Windows-1252, or Mac Roman (what older Excel for Mac saves as
CSV) when that reading gives Norwegian/Nordic letters inside words and Windows-1252 does not
(``Rørgrossisten`` from Mac Roman reads ``R¿rgrossisten`` in Windows-1252), decided on a sample
of the non-ASCII lines — and a file that also has UTF-8 lines is decoded **line by line**,
each line in its own encoding. What was
decided is said where a person can check it, as issues in ``SheetData.notes`` with file,
sheet, row and column: a file read as Mac Roman (``text.mac_roman``, info, with a sample),
and each row of a mixed file in the minority encoding (``text.mixed_encoding``, warning). A
file in no encoding we can tell is refused (``VareflytError``).

A field over the ``csv`` module's limit (128 KiB; usually an unclosed quote swallowing the
rest of the file) refuses the file with its line, and an issue at the row and column where the
field starts (``text.field_too_long``). Delimiter: ``;``, ``,`` or tab, whichever splits the
first lines most evenly.
"""

from __future__ import annotations

import bisect
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.issues import Issue, Source, VareflytError, error, info, warning

ENCODING_NAMES = {"utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252", "mac_roman": "Mac Roman"}
MAX_ROW_NOTES = 10  # mixed-encoding rows named one by one; the rest counted
SAMPLE_LINES = 2_000  # non-ASCII lines that decide Windows-1252 or Mac Roman
_LETTER = "[A-Za-zæøåäöüéÆØÅÄÖÜÉ]"  # letters of Nordic words (not ç, ù, Š …: mojibake is full of them)
_NORDIC = re.compile(rf"(?<={_LETTER})[æøåäöüéÆØÅÄÖÜÉ](?={_LETTER})|(?<![^\W\d_])[ÆØÅÄÖ](?=[a-zæøåäöüé])")
UNKNOWN = (
    "{name} er en tekstfil i en tegnkoding vareflyt ikke kjenner igjen. Lagre den som CSV UTF-8 "
    "(Excel: Lagre som > CSV UTF-8) og prøv igjen."
)


@dataclass
class Decoded:
    text: str
    encoding: str  # the file's encoding (the majority's, in a mixed file)
    odd_lines: dict[int, str] = field(default_factory=dict)  # 0-based line -> its other encoding


def _nordic_score(text: str) -> int:
    """How many Nordic letters sit inside words: high for the right 8-bit reading, low for mojibake."""
    return len(_NORDIC.findall(text))


def _eight_bit(data: bytes) -> str | None:
    """Windows-1252 or Mac Roman for ``data`` (the lines that are not UTF-8); None if neither fits."""
    try:
        cp1252 = _nordic_score(data.decode("cp1252"))
    except UnicodeDecodeError:
        cp1252 = -1
    mac = _nordic_score(data.decode("mac_roman"))
    if mac > max(cp1252, 0):
        return "mac_roman"
    return "cp1252" if cp1252 >= 0 else None


def decode_text(path: Path, data: bytes) -> Decoded:
    """The file's text and how it was decoded; VareflytError when no encoding fits."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise VareflytError(UNKNOWN.format(name=path.name)) from None
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return Decoded(body.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if body.decode("utf-8", "replace").replace("\ufffd", "").isascii():  # no UTF-8 line: one 8-bit encoding
        sample = [line for line in body.splitlines() if not line.isascii()][:SAMPLE_LINES]
        legacy = _eight_bit(b"\n".join(sample))
        if legacy is not None:
            try:
                return Decoded(body.decode(legacy), legacy)
            except UnicodeDecodeError:  # a byte Windows-1252 lacks after the sample: line by line
                pass
    lines = body.splitlines(keepends=True)
    kinds: list[str | None] = []
    for line in lines:
        if line.isascii():
            kinds.append(None)
            continue
        try:
            line.decode("utf-8")
            kinds.append("utf-8")
        except UnicodeDecodeError:
            kinds.append("8bit")
    legacy = _eight_bit(b"".join(line for line, kind in zip(lines, kinds) if kind == "8bit"))
    if legacy is None:
        first = kinds.index("8bit")
        raise VareflytError(
            UNKNOWN.format(name=path.name),
            [
                error(
                    "text.encoding",
                    "Linjen har tegn som verken er UTF-8, Windows-1252 eller Mac Roman.",
                    Source(file=path.name, sheet=path.stem, row=first + 1),
                )
            ],
        )
    encodings = ["utf-8" if kind != "8bit" else legacy for kind in kinds]
    text = "".join(line.decode(enc) for line, enc in zip(lines, encodings))
    n_utf8, n_legacy = kinds.count("utf-8"), kinds.count("8bit")
    main = "utf-8" if n_utf8 >= n_legacy else legacy
    odd = {i: enc for i, (kind, enc) in enumerate(zip(kinds, encodings)) if kind is not None and enc != main}
    return Decoded(text, main, odd)


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter (; , tab) that splits the first lines into the most equal-width rows."""
    best, best_score = ";", -1
    sample = "\n".join(lines[:40])
    for delim in (";", "\t", ","):
        try:
            widths = [
                len(r) for r in csv.reader(io.StringIO(sample), delimiter=delim) if any(c.strip() for c in r)
            ]
        except csv.Error:  # a field over the csv module's limit with this delimiter
            continue
        widths = [w for w in widths if w > 1]
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        score = widths.count(mode) * 1000 + mode
        if score > best_score:
            best, best_score = delim, score
    return best


def _record_starts(text: str, delim: str) -> tuple[list[list[str]], list[int]]:
    """The records read before any csv error, and the 0-based line each record starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    rows, starts, line = [], [], 0
    try:
        for record in reader:
            rows.append(record)
            starts.append(line)
            line = reader.line_num
    except csv.Error:
        starts.append(line)  # where the failing record starts
    return rows, starts


def _field_column(text: str, delim: str, limit: int) -> int:
    """1-based column of the first field of a record (``text`` starts with it) longer than ``limit``."""
    column, length, quoted, i = 1, 0, False, 0
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == '"' and text[i + 1 : i + 2] == '"':
                i += 1
                length += 1
            elif ch == '"':
                quoted = False
            else:
                length += 1
        elif ch == '"' and length == 0:
            quoted = True
        elif ch == delim:
            column, length = column + 1, 0
        elif ch in "\r\n":
            break
        else:
            length += 1
        if length > limit:
            break
        i += 1
    return column


def _refuse_long_field(path: Path, text: str, delim: str, exc: csv.Error) -> VareflytError:
    """The file refused at the record the csv module stopped on: its line, row and (for a
    field over the limit) the column where that field starts."""
    rows, starts = _record_starts(text, delim)
    start = starts[len(rows)] if len(starts) > len(rows) else 0
    limit = csv.field_size_limit()
    hint = (
        "Et anførselstegn som ikke er lukket gjør ofte resten av filen til ett felt; rett linjen eller lagre "
        "filen på nytt fra Excel som CSV UTF-8."
    )
    if "field limit" in str(exc):
        rest = "".join(io.StringIO(text, newline="").readlines()[start:])
        where = Source(
            file=path.name, sheet=path.stem, row=len(rows) + 1, column=_field_column(rest, delim, limit)
        )
        what = f"har et felt på over {limit // 1024} KiB tekst"
        issue = error(
            "text.field_too_long",
            f"Feltet som begynner her har over {limit // 1024} KiB tekst (linje {start + 1} i filen). {hint}",
            where,
        )
    else:
        what = f"kan ikke leses som CSV ({exc})"
        issue = error(
            "text.csv", f"Raden {what}. {hint}", Source(file=path.name, sheet=path.stem, row=len(rows) + 1)
        )
    return VareflytError(f"{path.name} linje {start + 1} {what}. {hint}", [issue])


def _notes(path: Path, decoded: Decoded, rows: list[list[str]], delim: str) -> list[Issue]:
    """Where the decoding should be checked: a Mac Roman file's first Nordic word, each odd row."""
    if decoded.encoding != "mac_roman" and not decoded.odd_lines:
        return []
    _, starts = _record_starts(decoded.text, delim)

    def place(line: int) -> tuple[int, int | None, str]:
        record = bisect.bisect_right(starts, line) - 1
        cells = rows[record] if 0 <= record < len(rows) else []
        column = next((j for j, cell in enumerate(cells, start=1) if not cell.isascii()), None)
        return record + 1, column, (cells[column - 1].strip() if column else "")

    sheet, notes = path.stem, []
    if decoded.encoding == "mac_roman":
        lines = io.StringIO(decoded.text, newline="").readlines()
        line = next((i for i, t in enumerate(lines) if _nordic_score(t)), 0)
        row, column, sample = place(line)
        notes.append(
            info(
                "text.mac_roman",
                f"Filen er lest som Mac Roman (tegnsettet eldre Excel for Mac lagrer CSV "
                f"i), f.eks. «{sample[:40]}». Ser æ, ø og å riktige ut? Lagre helst som CSV UTF-8.",
                Source(file=path.name, sheet=sheet, row=row, column=column),
            )
        )
    main = ENCODING_NAMES[decoded.encoding]
    odd_rows: dict[int, tuple[int | None, str, str]] = {}
    for line, encoding in decoded.odd_lines.items():
        row, column, sample = place(line)
        odd_rows.setdefault(row, (column, sample, encoding))
    for row, (column, sample, encoding) in sorted(odd_rows.items())[:MAX_ROW_NOTES]:
        notes.append(
            warning(
                "text.mixed_encoding",
                f"Raden er skrevet i en annen tegnkoding "
                f"({ENCODING_NAMES[encoding]}) enn resten av filen ({main}) og er lest som det: "
                f"«{sample[:40]}». Sjekk æ, ø og å i raden.",
                Source(file=path.name, sheet=sheet, row=row, column=column),
            )
        )
    if len(odd_rows) > MAX_ROW_NOTES:
        notes.append(
            warning(
                "text.mixed_encoding",
                f"… og {len(odd_rows) - MAX_ROW_NOTES} rader til i en annen "
                f"tegnkoding enn resten av filen ({main}).",
                Source(file=path.name, sheet=sheet),
            )
        )
    return notes


def read_text_table(path: Path, data: bytes):
    """The one table of a text file as a ``SheetData`` named after the file, with its notes."""
    from .sheets import SheetData

    decoded = decode_text(path, data)
    delim = sniff_delimiter(decoded.text.splitlines())
    try:
        rows = list(csv.reader(io.StringIO(decoded.text, newline=""), delimiter=delim))
    except csv.Error as exc:  # a field over 128 KiB (csv.field_size_limit), a NUL character ...
        raise _refuse_long_field(path, decoded.text, delim, exc) from None
    return SheetData(name=path.stem, rows=rows, notes=_notes(path, decoded, rows, delim))
