"""Every way vareflyt writes a number for people (``domain.money``, ``domain.wording``) gives digits
grouped the Norwegian way with a decimal comma — never an exponent, whatever Decimal comes in
(``3E+1``, ``1E+2``, ``0E-8``, ``1E-10``, huge, tiny, negative)."""

import re
from decimal import Decimal as D
from decimal import localcontext

from hypothesis import example, given, settings
from hypothesis import strategies as st

from vareflyt.domain.money import format_kr, nb_number, quantity_nb, to_ore
from vareflyt.domain.wording import number_text, quantity_text, value_text

NORWEGIAN = re.compile(r"-?\d{1,3}( \d{3})*(,\d+)?")
DECIMALS = st.decimals(allow_nan=False, allow_infinity=False) | st.builds(
    lambda digits, exponent, negative: D((1 if negative else 0, digits, exponent)),
    st.tuples(*[st.integers(0, 9)] * 3) | st.lists(st.integers(0, 9), min_size=1, max_size=30).map(tuple),
    st.integers(-40, 40),
    st.booleans(),
)
EDGES = ["3E+1", "1E+2", "0E-8", "1E-10", "-0", "1E+30", "1E-30", "123456789012345678901234567.89", "-4.5E+6"]


def read_back(text: str) -> D:
    return D(text.replace(" ", "").replace(",", "."))


def with_edges(test):
    for edge in EDGES:
        test = example(D(edge))(test)
    return test


@settings(max_examples=300, deadline=None)
@with_edges
@given(DECIMALS)
def test_numbers_keep_their_digits_in_norwegian_form(value):
    for render in (nb_number, number_text, value_text):
        text = render(value)
        assert NORWEGIAN.fullmatch(text), (render.__name__, value, text)
        assert read_back(text) == value


@settings(max_examples=300, deadline=None)
@with_edges
@given(DECIMALS)
def test_amounts_in_kroner_have_two_decimals_and_no_exponent(value):
    text = format_kr(value)
    assert NORWEGIAN.fullmatch(text) and re.search(r",\d\d$", text), (value, text)
    assert not text.startswith("-0,00")
    with localcontext() as wide:
        wide.prec = 100
        assert read_back(text) == to_ore(value), (value, text)


@settings(max_examples=300, deadline=None)
@with_edges
@given(DECIMALS)
def test_quantities_drop_needless_decimals(value):
    for render in (quantity_nb, quantity_text):
        text = render(value)
        assert NORWEGIAN.fullmatch(text), (value, text)
        assert not re.search(r",\d*0$", text), (value, text)
        assert read_back(text) == value


def test_the_quantities_a_new_user_saw():
    assert [quantity_text(D(v)) for v in ("3E+1", "1E+2", "30.000", "2.50", "0E-8", "12500")] == [
        "30",
        "100",
        "30",
        "2,5",
        "0",
        "12 500",
    ]
