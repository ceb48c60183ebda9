"""The shipped rate table ``data/rates/no_rates.toml``: which rows are confirmed, that every
half-year from 2019 has a standardkompensasjon or says plainly that none was found, and that
the half-year from 1 July 2026 is absent (it was in no public source; tests of a run with a
missing rate depend on that)."""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from importlib import resources

import pytest

RAW = resources.files("vareflyt.data.rates").joinpath("no_rates.toml").read_text(encoding="utf-8")
DATA = tomllib.loads(RAW)
HALF_YEARS = {row["start"]: row for row in DATA["half_year"]}
SATSER = {row["start"]: row for row in DATA["inkassosats"]}


def test_half_years_run_without_gap_from_2019_to_the_first_half_of_2026():
    expected = [date(year, month, 1) for year in range(2019, 2027) for month in (1, 7)][:-1]
    assert sorted(HALF_YEARS) == expected
    assert date(2026, 7, 1) not in HALF_YEARS


def test_only_the_two_half_years_no_source_gives_are_unconfirmed():
    unconfirmed = {start for start, row in HALF_YEARS.items() if not row["confirmed"]}
    assert unconfirmed == {date(2024, 7, 1), date(2025, 7, 1)}
    for start in unconfirmed:
        assert "avledet av Norges Banks styringsrente + 8 prosentpoeng" in HALF_YEARS[start]["source"]


@pytest.mark.parametrize("start", sorted(HALF_YEARS))
def test_every_half_year_has_a_compensation_or_an_explicit_unconfirmed_note(start):
    row = HALF_YEARS[start]
    if "compensation" in row:
        amount = Decimal(row["compensation"])
        assert Decimal("300") <= amount <= Decimal("600")  # 40 euro in kroner, 2019-2026
    else:
        assert row["confirmed"] is False
        assert "Standardkompensasjon ikke funnet i noen offentlig kilde (ikke bekreftet)" in row["source"]
    if row["confirmed"]:
        assert "http" in row["source"] or "Lovdata" in row["source"]  # a confirmed row names its page


def test_figures_found_in_public_sources():
    assert (HALF_YEARS[date(2023, 7, 1)]["interest"], HALF_YEARS[date(2023, 7, 1)]["compensation"]) == (
        "11.75",
        "460",
    )
    assert "forskrift 22. juni 2023 nr. 1075" in HALF_YEARS[date(2023, 7, 1)]["source"]
    assert (HALF_YEARS[date(2026, 1, 1)]["interest"], HALF_YEARS[date(2026, 1, 1)]["compensation"]) == (
        "12.00",
        "460",
    )


def test_inkassosats_2026_is_confirmed_from_kred_no():
    sats = SATSER[date(2026, 1, 1)]
    assert sats["amount"] == "750" and sats["confirmed"] is True
    assert "kred.no «Nye satser fra 1. januar 2026»" in sats["source"]
    assert "purregebyr 37,50 kr" in sats["source"] and "betalingsoppfordring 112,50 kr" in sats["source"]
    assert all(row["confirmed"] for row in SATSER.values())


def test_the_header_says_a_missing_half_year_does_not_stop_the_run():
    header = RAW[: RAW.index("[[half_year]]")]
    assert "Et halvår som mangler stopper ikke purringen" in header
    assert "vareflyt rates add --from" in header
    assert "gir en tydelig feil" not in header
