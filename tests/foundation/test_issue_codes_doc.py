"""docs/issue-codes.md lists every issue code in the source (regenerate with scripts/issue_codes.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("issue_codes", ROOT / "scripts" / "issue_codes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_issue_code_reference_is_current():
    script = _script()
    codes = script.collect()
    assert {"price.gtin", "party.gln_taken", "edi.unt_count"} <= set(codes)
    expected = script.render(codes)
    actual = (ROOT / "docs" / "issue-codes.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/issue-codes.md is out of date: run `python scripts/issue_codes.py`"
