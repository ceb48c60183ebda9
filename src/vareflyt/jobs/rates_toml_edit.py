"""Adding one ``[[half_year]]`` row to the text of a ``rates.toml`` without disturbing the rest.

``with_half_year`` edits the file as text so that everything a person wrote in it stays:
comments, other rows, their order. A row with the same start is replaced in place (its
comments kept; when the start appears twice, the last one, which the loader uses), a new one
goes after the last earlier half-year (or before the first later one). Line endings follow the
file's own (``\r\n`` or ``\n``). The new text is parsed and compared with the old before it
is returned: only the one row may differ, otherwise ``UsageError`` shows the row to add by hand.

Its own module because it is pure text work on the file's lines; ``rates_file`` checks the
input, reads and writes the file and says what changed.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from datetime import date

from ..domain.issues import UsageError
from ..rules.dunning.rates import HalfYear
from .rates import parse_rates

_TABLE = re.compile(r"^\s*\[")
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_HALF_YEAR = re.compile(r"^\s*\[\[\s*half_year\s*\]\]\s*(?:#.*)?$")


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def half_year_block(row: HalfYear, newline: str = "\n") -> list[str]:
    """The lines of one ``[[half_year]]`` row (numbers as strings, as in the shipped file)."""
    lines = ["[[half_year]]", f"start = {row.start.isoformat()}", f'interest = "{row.interest}"']
    if row.compensation is not None:
        lines.append(f'compensation = "{row.compensation}"')
    lines += [f"source = {_toml_string(row.source)}", f"confirmed = {'true' if row.confirmed else 'false'}"]
    return [line + newline for line in lines]


@dataclass(frozen=True)
class _Block:
    header: int  # index of the [[half_year]] line
    last_key: int  # index of its last line that is not a comment or blank
    end: int  # index of the next table line (or len(lines))
    start: date | None


def _is_note(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _blocks(lines: list[str], origin: str) -> list[_Block]:
    tables = [i for i, line in enumerate(lines) if _TABLE.match(line)] + [len(lines)]
    blocks = []
    for i, end in zip(tables, tables[1:]):
        if not _HALF_YEAR.match(lines[i]):
            continue
        last = max((j for j in range(i, end) if not _is_note(lines[j])), default=i)
        try:
            start = tomllib.loads("".join(lines[i + 1 : last + 1])).get("start")
        except tomllib.TOMLDecodeError:
            raise UsageError(
                f"{origin} har en [[half_year]]-rad vareflyt ikke kan lese (linje {i + 1}). Rett den, "
                f"eller legg inn raden for hånd."
            ) from None
        blocks.append(_Block(i, last, end, start if isinstance(start, date) else None))
    return blocks


@dataclass(frozen=True)
class Edit:
    text: str
    replaced: bool


def with_half_year(text: str, row: HalfYear, origin: str) -> Edit:
    """``text`` with ``row`` added, or replacing the ``[[half_year]]`` row with the same start.
    Comments and all other lines stay; the result is checked to differ only in that row."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = _LINE.findall(text)  # split on "\n" only; "\r" stays in its line
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    block = half_year_block(row, newline)
    blocks = _blocks(lines, origin)
    same = next((b for b in reversed(blocks) if b.start == row.start), None)  # the one the loader uses
    if same is not None:
        notes = [ln for ln in lines[same.header + 1 : same.last_key + 1] if ln.strip().startswith("#")]
        lines[same.header : same.last_key + 1] = [lines[same.header], *notes, *block[1:]]
    else:
        earlier = [b for b in blocks if b.start is not None and b.start < row.start]
        if earlier:
            at = earlier[-1].last_key + 1
            lines[at:at] = [newline, *block]
        elif blocks:
            lines[blocks[0].header : blocks[0].header] = [*block, newline]
        else:
            lines += [newline, *block] if lines else block
    new_text = "".join(lines)
    _check(text, new_text, row, origin)
    return Edit(new_text, same is not None)


def _check(old_text: str, new_text: str, row: HalfYear, origin: str) -> None:
    old = parse_rates(old_text, origin)
    try:
        new = parse_rates(new_text, origin)
    except UsageError:
        new = None
    expected = ({**old[0], row.start: row}, old[1], old[2])
    if new != expected:
        raise UsageError(
            f"Klarte ikke å legge inn halvåret fra {row.start:%d.%m.%Y} i {origin} uten å endre noe "
            f"annet (filen har et oppsett vareflyt ikke kan endre trygt), så filen er ikke endret. Legg "
            f"inn raden for hånd:\n{''.join(half_year_block(row))}"
        )
