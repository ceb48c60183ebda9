"""The manifest against vareflyt's own readers: the counts the importers must reproduce.

The shared supplier-file reader (``vareflyt.excel.tabular``) must see exactly the manifest's
data rows (title, header, blank and totals rows left out), and the party rules must plan the
party update as the manifest says. If one of these fails, either the generator or the reader
changed its mind about what a data row is; the manifest schema in ``vareflyt.demo.manifest``
is the contract.
"""

from __future__ import annotations

from vareflyt.excel.tabular import parse_table, read_table
from vareflyt.rules.parties import plan_import
from vareflyt.rules.party_rows import parse_row

PARTY_CODES = {"gln_belongs_to_other_party": "party.gln_taken", "orgnr_check_digit": "party.org_number"}


def test_shared_reader_sees_exactly_the_manifest_rows(small_demo):
    folder, manifest = small_demo
    for entry in manifest.files:
        table = read_table(folder / entry.path, entry.kind)
        assert len(table) == entry.rows_read, entry.path
        rows = set(table.row_numbers)
        assert min(rows) == entry.first_data_row and max(rows) == entry.last_data_row, entry.path
        assert not rows & {n.row for n in entry.skipped}, entry.path
        assert {n.row for n in entry.rejected + entry.warnings} <= rows, entry.path
        assert not [i for i in table.issues if i.is_error], entry.path


def test_shared_reader_finds_the_unreadable_price_and_nothing_else(small_demo):
    folder, manifest = small_demo
    for entry in manifest.price_files():
        typed = parse_table(read_table(folder / entry.path, "prices"))
        bad_rows = {row for row, _, problems in typed.iter_rows() if problems}
        expected = {n.row for n in entry.rejected if n.reason == "price_unreadable"}
        assert bad_rows == expected, entry.path


def test_party_rules_plan_the_update_as_the_manifest_says(small_demo):
    folder, manifest = small_demo
    stored = []
    for entry in manifest.party_files():
        table = read_table(folder / entry.path, "parties")
        valid, rejected = [], {}
        for raw in table.rows:
            parsed = parse_row(raw.row, raw.values, lambda f, r=raw.row, source=table.source: source(r, f))
            if parsed.ok:
                valid.append(parsed)
            else:
                rejected[raw.row] = {i.code for i in parsed.issues if i.is_error}
        plan = plan_import(valid, stored, table.source)
        for row, issues in plan.rejected.items():
            rejected.setdefault(row, set()).update(i.code for i in issues)
        assert set(rejected) == {n.row for n in entry.rejected}, entry.path
        for note in entry.rejected:
            assert PARTY_CODES[note.reason] in rejected[note.row], (entry.path, note)
        kinds: dict[str, list[str]] = {}
        for action in plan.actions:
            kinds.setdefault(action.kind, []).append(str(action.party.party_no))
        for kind in ("new", "changed", "deactivated"):
            assert kinds.get(kind, []) == entry.changes[kind], (entry.path, kind)
        assert len(kinds.get("unchanged", [])) == entry.changes["unchanged"]
        by_no = {p.party_no: p for p in stored}
        by_no.update({a.party.party_no: a.party for a in plan.actions})
        stored = list(by_no.values())
