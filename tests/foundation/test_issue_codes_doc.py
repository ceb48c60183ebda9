"""The issue-code registry matches the source, and docs/issue-codes.md is rendered from it
(regenerate with ``python scripts/issue_codes.py``)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

from vareflyt.domain.issue_codes import REGISTRY, current_code

ROOT = Path(__file__).resolve().parents[2]
SCHEME = re.compile(r"^[a-z]+(?:_[a-z]+)*\.[a-z0-9]+(?:_[a-z0-9]+)*$")


def _script():
    spec = importlib.util.spec_from_file_location("issue_codes", ROOT / "scripts" / "issue_codes.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_issue_code_reference_is_current():
    script = _script()
    usage = script.scan()
    assert {"price.gtin", "party.gln_taken", "edi.unt_count", "invoice.deviation"} <= set(usage.modules)
    actual = (ROOT / "docs" / "issue-codes.md").read_text(encoding="utf-8")
    assert actual == script.render(usage), (
        "docs/issue-codes.md is out of date: run `python scripts/issue_codes.py`"
    )


def test_every_code_the_source_uses_is_registered_and_every_registered_code_is_used():
    unregistered, unused = _script().problems()
    assert unregistered == [], "add these codes to src/vareflyt/domain/issue_codes/"
    assert unused == [], "no source raises these codes any more: remove them from the registry"


def test_the_scan_finds_a_code_raised_in_a_new_module_and_misses_a_removed_one(tmp_path):
    script = _script()
    (tmp_path / "vareflyt").mkdir()
    (tmp_path / "vareflyt" / "job.py").write_text(
        "from vareflyt.domain.issues import warning\n"
        'def run():\n    return [warning("price.gtin", "GTIN er feil"), warning("pris.ny_kode", "ny")]\n',
        encoding="utf-8",
    )
    usage = script.scan(tmp_path / "vareflyt")
    unregistered, unused = script.problems(usage)
    assert unregistered == ["pris.ny_kode"] and "price.duplicate" in unused and "price.gtin" not in unused
    assert usage.messages["price.gtin"] == "GTIN er feil"


def test_codes_are_english_dotted_area_and_reason():
    norwegian = {"faktura", "ordresvar", "pakkseddel", "mangler", "ukjent", "avvik", "avvist", "tom", "feil"}
    for code in REGISTRY:
        assert SCHEME.match(code), code
        assert not norwegian & set(re.split(r"[._]", code)), code


def test_old_norwegian_codes_read_back_as_todays():
    assert current_code("faktura.avvik") == "invoice.deviation"
    assert current_code("ordresvar.delvis") == "order_response.partial"
    assert current_code("camt.for_stor") == "camt.too_large"
    assert current_code("price.gtin") == "price.gtin"


def test_check_does_not_write_the_page(tmp_path):
    page = ROOT / "docs" / "issue-codes.md"
    before = page.stat().st_mtime_ns
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "issue_codes.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert page.stat().st_mtime_ns == before
    wrong = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "issue_codes.py"), "--chekc"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert wrong.returncode == 2 and page.stat().st_mtime_ns == before
