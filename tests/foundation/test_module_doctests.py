"""Every example in a module's docstrings runs: each ``src/vareflyt`` module with a ``>>>`` line
is imported and its doctests must pass (the default test paths only collect ``ids/``)."""

import doctest
import importlib
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
MODULES = sorted(
    ".".join(path.relative_to(SRC).with_suffix("").parts)
    for path in (SRC / "vareflyt").rglob("*.py")
    if ">>> " in path.read_text(encoding="utf-8") and "migrations" not in path.parts
)


def test_modules_with_examples_are_found():
    assert "vareflyt.safe_paths" in MODULES and len(MODULES) >= 20


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
