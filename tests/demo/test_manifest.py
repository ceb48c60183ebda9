"""The manifest: written next to the files, round-trips, consistent, deterministic, fast."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest

from vareflyt.demo import MANIFEST_NAME, DemoManifest, generate_demo_inputs

TODAY = date(2026, 11, 22)  # as in conftest.py


def _digests(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_manifest_is_written_and_round_trips(small_demo):
    folder, manifest = small_demo
    data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert data == manifest.to_dict()
    assert DemoManifest.load(folder).to_dict() == data
    assert data["version"] == 1 and data["today"] == "2026-11-22"
    listed = {f["path"] for f in data["files"]}
    assert listed | {MANIFEST_NAME} == set(_digests(folder))
    for f in data["files"]:
        assert f["rows_imported"] == f["rows_read"] - len(f["rejected"])


def test_files_are_in_import_order(small_demo):
    _, manifest = small_demo
    shapes = [f.shape for f in manifest.files]
    assert shapes[0] == "party_list" and shapes[-1] == "party_update"
    kinds = [f.price_list_kind for f in manifest.price_files()]
    assert kinds == ["new"] * manifest.suppliers + ["change", "replace"]
    assert {f.shape for f in manifest.price_files()} == {
        "clean",
        "title_block",
        "swedish",
        "csv_semicolon",
        "csv_comma",
        "two_row_header",
        "change_list",
    }
    for f in manifest.price_files():
        assert (
            f.supplier_gln in manifest.partners
            and f.supplier_name == manifest.partners[f.supplier_gln]["name"]
        )
        assert date.fromisoformat(f.valid_from) <= TODAY


def test_same_seed_same_bytes_other_seed_other_content(tmp_path, small_demo):
    folder, manifest = small_demo
    again = generate_demo_inputs(tmp_path / "again", seed=7, articles=400, suppliers=12, today=TODAY)
    assert again.to_dict() == manifest.to_dict()
    assert _digests(tmp_path / "again") == _digests(folder)
    other = generate_demo_inputs(tmp_path / "other", seed=8, articles=400, suppliers=12, today=TODAY)
    assert other.partners != manifest.partners


def test_article_count_does_not_change_the_parties(tmp_path, small_demo):
    _, manifest = small_demo
    fewer = generate_demo_inputs(tmp_path, seed=7, articles=200, suppliers=12, today=TODAY)
    assert fewer.partners == manifest.partners and fewer.own_company == manifest.own_company


def test_full_size_is_quick_and_counts_add_up(full_demo):
    folder, manifest, seconds = full_demo
    assert seconds < 20, f"full demo took {seconds:.1f} s"
    first_lists = [f for f in manifest.price_files() if f.price_list_kind == "new"]
    duplicates = sum(1 for f in first_lists for n in f.rejected if n.reason == "duplicate_article")
    assert sum(f.rows_read for f in first_lists) == 20000 + duplicates
    assert min(f.rows_read for f in first_lists) >= 10


def test_tiny_size_with_all_suppliers(tmp_path):
    manifest = generate_demo_inputs(tmp_path, articles=300, today=TODAY)
    first_lists = [f for f in manifest.price_files() if f.price_list_kind == "new"]
    assert len(first_lists) == 30 and min(f.rows_read for f in first_lists) >= 10
    assert sum(len(f.rejected) + len(f.warnings) for f in first_lists) == 5


def test_too_few_suppliers_or_articles_is_refused(tmp_path):
    with pytest.raises(ValueError):
        generate_demo_inputs(tmp_path, suppliers=5, articles=300, today=TODAY)
    with pytest.raises(ValueError):
        generate_demo_inputs(tmp_path, suppliers=30, articles=100, today=TODAY)
