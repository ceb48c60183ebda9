"""Price-list rules, pure: checking one row of a supplier's list, and which price applies on a date.

* ``row_values``: the values a row is checked against: the store's limits, VAT rates, packaging
  words, unit words (``map_unit``), the GTIN check (``gtin_problem``) and the net price from gross
  and discount (``expected_net``).
* ``row_check``: ``check_row``, one parsed row -> the article to import (or None when rejected)
  and its issues.
* ``versions``: the version chain on a date (``chain_on``, ``effective``), the price a row quotes
  (``quote``), the best row for a wanted number (``best_match``) and what a new version changes
  (``compare``).

Callers import the names from ``vareflyt.rules.prices``.
"""

from .row_check import check_row
from .row_values import (
    LARGE_OPTIONAL,
    MAX_PRICE,
    MAX_TEXT,
    PACK_WORDS,
    PRICE_FIELDS,
    REJECT_FIELDS,
    VAT_RATES,
    discount_factor,
    expected_net,
    gs1_sum_ok,
    gtin_problem,
    map_unit,
)
from .versions import (
    COMPARED,
    applies,
    best_match,
    chain_on,
    compare,
    compare_rows,
    effective,
    effective_order,
    in_effect,
    quote,
)

__all__ = [
    "COMPARED",
    "LARGE_OPTIONAL",
    "MAX_PRICE",
    "MAX_TEXT",
    "PACK_WORDS",
    "PRICE_FIELDS",
    "REJECT_FIELDS",
    "VAT_RATES",
    "applies",
    "best_match",
    "chain_on",
    "check_row",
    "compare",
    "compare_rows",
    "discount_factor",
    "effective",
    "effective_order",
    "in_effect",
    "expected_net",
    "gs1_sum_ok",
    "gtin_problem",
    "map_unit",
    "quote",
]
