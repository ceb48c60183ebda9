"""Run the doctests of the dunning rule and letter modules (the default test paths only
collect doctests under ``src/vareflyt/ids``)."""

import doctest
import importlib

import pytest

MODULES = ["vareflyt.rules.dunning.interest", "vareflyt.rules.dunning.fees", "vareflyt.rules.dunning.calendar",
           "vareflyt.rules.dunning.aging", "vareflyt.rules.dunning.matching", "vareflyt.letters.pdf",
           "vareflyt.ids.kid"]


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
