"""Run the doctests of the EDIFACT modules (the project's doctest run covers only ``ids``)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["separators", "reader", "writer", "values"]


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name):
    module = importlib.import_module(f"vareflyt.edi.{name}")
    failures, tried = doctest.testmod(module)
    assert tried > 0 and failures == 0
