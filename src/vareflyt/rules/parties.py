"""Party import plan: match parsed spreadsheet rows to the stored parties and decide what each does.

Pure functions (no files, store or clock); the rows come from ``rules.party_rows.parse_row``.

``plan_import`` first refuses every row whose GLN or partner number another row of the same
file also gives (``in_file_twins``): the file contradicts itself about who owns that key, so
none of those rows is imported and a stored party with that key is left exactly as it was —
unless the GLN belongs to a stored party and exactly one of the rows carries that party's
partner number: that row is the party, and the others take its GLN (refused as usual).
It then matches every remaining valid row to the stored parties (identity rules in
``vareflyt.domain.parties``) and decides, per row, one of ``new``, ``changed``, ``unchanged``,
``deactivated`` or rejects it (a GLN or party number that belongs to another stored party,
the same party twice in the file, an ambiguous match).

Values: a column that is in the sheet is the master for its field, so an empty cell clears
the stored value, except ``party_no`` and ``gln`` (identifiers are never removed by a blank
cell) and a dropped cell (a stored value is kept). A column that is not in the sheet leaves
the stored value alone; new parties are active and not EDI unless the sheet says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..domain.issues import Issue, Source, error
from ..domain.parties import (
    PARTY_FIELDS,
    Change,
    Party,
    PartyIndex,
    Planned,  # re-exported
    changes,
)
from .party_cells import shown
from .party_rows import ParsedRow


def _rows_text(rows: list[int], names: dict[int, str]) -> str:
    parts = [f"rad {r} ({names[r]})" if names.get(r) else f"rad {r}" for r in rows]
    return ", ".join(parts[:-1]) + f" og {parts[-1]}"


def in_file_twins(
    rows: Iterable[ParsedRow], index: PartyIndex, where: Callable[[int, str], Source]
) -> dict[int, list[Issue]]:
    """Rows whose GLN or partner number another row of the file also gives -> why each is refused.

    Such rows are refused whatever else is wrong with them: taking the first, or the one that
    happens to pass its other checks, is how a wrong party ends up with another's GLN. One
    exception, where the store already knows the owner: when the GLN belongs to a stored party
    and exactly one of the rows carries that party's partner number, that row is the stored
    party and is planned as usual, and the others are refused as taking its GLN
    (``party.gln_taken``, as for a single such row). Otherwise no row is imported and a stored
    party with that key is not changed; the message says so."""
    rows = list(rows)
    by_row = {r.row: r for r in rows}
    names = {r.row: shown(r.party.name) for r in rows}
    out: dict[int, list[Issue]] = {}
    for key, label, one, owners in (
        ("gln", "GLN", "Et GLN", index.by_gln),
        ("party_no", "Partnernr", "Et partnernummer", index.by_no),
    ):
        seen: dict[str, list[int]] = {}
        for r in rows:
            value = getattr(r.party, key)
            if value:
                seen.setdefault(value, []).append(r.row)
        for value, twins in seen.items():
            if len(twins) < 2:
                continue
            stored = owners.get(value)
            if key == "gln" and stored and stored[1].party_no:
                itself = [row for row in twins if by_row[row].party.party_no == stored[1].party_no]
                if len(itself) == 1:
                    for row in twins:
                        if row != itself[0]:
                            out.setdefault(row, []).append(
                                error(
                                    "party.gln_taken",
                                    f"GLN {value} tilhører allerede {stored[1].label} (rad "
                                    f"{itself[0]} i filen)",
                                    where(row, key),
                                )
                            )
                    continue
            kept = f" Den lagrede parten {stored[1].label} er ikke endret." if stored else ""
            message = (
                f"{label} {shown(value)} står på flere rader i filen: {_rows_text(twins, names)}. "
                f"{one} hører til én part, og vareflyt kan ikke vite hvilken rad som er riktig, så ingen av "
                f"radene er importert.{kept} Rett raden som er feil, og importer filen på nytt."
            )
            code = "party.gln_twice" if key == "gln" else "party.no_twice"
            for row in twins:
                out.setdefault(row, []).append(error(code, message, where(row, key)))
    return out


@dataclass
class Plan:
    actions: list[Planned] = field(default_factory=list)
    rejected: dict[int, list[Issue]] = field(default_factory=dict)  # row -> why


def plan_import(
    rows: Iterable[ParsedRow], stored: Iterable[Party], where: Callable[[int, str], Source]
) -> Plan:
    """Decide what each row does to the stored parties; rows are taken in file order. Give every
    parsed row, valid or not: an invalid row's GLN and partner number still count for
    ``in_file_twins``; only valid rows are planned (the caller reports the others' errors)."""
    rows = list(rows)
    plan, index = Plan(), PartyIndex(stored)
    plan.rejected.update(in_file_twins(rows, index, where))
    claimed: dict[int, int] = {}  # index ref -> file row that used it
    next_ref = -1

    def reject(row: int, code: str, message: str, fld: str) -> None:
        plan.rejected.setdefault(row, []).append(error(code, message, where(row, fld)))

    for r in rows:
        if not r.ok or r.row in plan.rejected:
            continue
        p = r.party
        found, ambiguous = index.match(p)
        if ambiguous:
            reject(
                r.row,
                "party.ambiguous",
                f"«{p.name}» med orgnr {p.orgnr} passer til flere parter; oppgi partnernr eller GLN",
                "name",
            )
            continue
        ref, s = found if found else (None, None)
        if ref in claimed:
            reject(
                r.row,
                "party.duplicate",
                f"Samme part som rad {claimed[ref]} i filen",
                "party_no" if p.party_no else "gln",
            )
            continue
        if s is not None and p.orgnr and s.orgnr and p.orgnr != s.orgnr:
            how = f"Partnernr {p.party_no}" if p.party_no and p.party_no == s.party_no else f"GLN {s.gln}"
            reject(
                r.row,
                "party.other_company",
                f"{how} tilhører {s.label}, som har orgnr {s.orgnr}, ikke {p.orgnr}",
                "orgnr",
            )
            continue
        owner = index.by_gln.get(p.gln or "")
        if owner is not None and owner[0] != ref:
            where_else = f" (rad {claimed[owner[0]]} i filen)" if owner[0] in claimed else ""
            reject(
                r.row, "party.gln_taken", f"GLN {p.gln} tilhører allerede {owner[1].label}{where_else}", "gln"
            )
            continue
        diff: tuple[Change, ...]
        if found is None:
            merged, kind, diff = p, "new", ()
            ref, next_ref = next_ref, next_ref - 1
        else:
            ref, s = found
            values = {f: getattr(p, f) for f in r.present if f in PARTY_FIELDS}
            for key in ("party_no", "gln"):
                if values.get(key) is None:
                    values.pop(key, None)
            merged = s.with_values(**values)
            diff = tuple(changes(s, merged))
            kind = "deactivated" if s.active and not merged.active else ("changed" if diff else "unchanged")
        index.put(ref, merged, s)
        claimed[ref] = r.row
        plan.actions.append(Planned(r.row, kind, merged, diff))
    return plan
