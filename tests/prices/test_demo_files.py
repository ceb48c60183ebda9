"""Every price list the demo generator writes imports exactly as its manifest says: rows read,
rejected rows and their reasons, warned rows, and for change/replace lists the counts."""

from datetime import date

import pytest

from vareflyt.demo import generate_demo_inputs
from vareflyt.jobs.import_prices import import_prices

CODES = {
    "gtin_check_digit": {"price.gtin"},
    "price_unreadable": {"price.unreadable_gross", "price.unreadable_net"},
    "duplicate_article": {"price.duplicate"},
    "net_price_mismatch": {"price.inconsistent"},
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    return folder, generate_demo_inputs(folder, articles=300, suppliers=8, today=date(2026, 11, 22))


def test_demo_price_lists_import_as_the_manifest_says(workspace, demo):
    folder, manifest = demo
    entries = sorted(manifest.price_files(), key=lambda e: (e.valid_from, e.price_list_kind != "new"))
    assert {e.shape for e in entries} >= {
        "clean",
        "title_block",
        "swedish",
        "csv_semicolon",
        "csv_comma",
        "two_row_header",
        "change_list",
    }
    for e in entries:
        result = import_prices(
            workspace, folder / e.path, e.supplier_gln, e.price_list_kind, date.fromisoformat(e.valid_from)
        )
        counts = result.counts
        assert (counts["rows_read"], counts["imported"]) == (e.rows_read, e.rows_imported), e.path
        rejected: dict[int, set] = {}
        for i in result.issues:
            if i.is_error:
                rejected.setdefault(i.source.row, set()).add(i.code)
        assert set(rejected) == {n.row for n in e.rejected}, e.path
        for note in e.rejected:
            assert rejected[note.row] & CODES[note.reason], (e.path, note)
        warned = {i.source.row for i in result.issues if i.severity.value == "warning" and i.source.row}
        assert warned == {n.row for n in e.warnings}, e.path
        if e.price_list_kind == "change":
            expected = {k: len(e.changes.get(k, [])) for k in ("new", "changed", "expired")}
            assert {k: counts[k] for k in expected} == expected, e.path
        if e.price_list_kind == "replace":
            assert counts["expired"] == len(e.changes.get("dropped", [])), e.path
