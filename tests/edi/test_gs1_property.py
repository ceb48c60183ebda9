"""The fast GS1 check used by the NeB validator agrees with python-stdnum on any digits."""

from hypothesis import given
from hypothesis import strategies as st
from stdnum import ean

from vareflyt.edi.values import _gs1_ok


@given(st.text(alphabet="0123456789", min_size=8, max_size=18))
def test_fast_gs1_check_agrees_with_stdnum(digits):
    assert _gs1_ok(digits) == (ean.calc_check_digit(digits[:-1]) == digits[-1])
