"""The rows of one price-list file, with planted defects, and what they mean for the manifest.

A file's body is a list of ``PlannedRow``: an article (possibly damaged on purpose), or a
blank row. ``plan_rows`` scatters the requested defects and blank rows over the middle of
the list at seeded positions; ``notes_for`` turns a plan into the manifest's row numbers
(rejected, warnings, skipped) given the spreadsheet row of the first data row.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from decimal import Decimal

from .articles import DemoArticle
from .identifiers import wrong_check_digit
from .manifest import RowNote

REJECTING = {"gtin_check_digit", "price_unreadable", "duplicate_article"}
WARNING = {"net_price_mismatch"}
UNREADABLE_PRICE = "Ring oss"


@dataclass(frozen=True)
class PlannedRow:
    article: DemoArticle | None  # None: a blank row
    defect: str | None = None  # one of REJECTING | WARNING
    change: str | None = None  # change lists: "Ny", "Endret", "Utgår"

    @property
    def blank(self) -> bool:
        return self.article is None

    @property
    def price_text(self) -> bool:
        """The price cells hold text a person must read (``Ring oss``), not a price."""
        return self.defect == "price_unreadable"


def _damage(article: DemoArticle, defect: str) -> DemoArticle:
    if defect == "gtin_check_digit":
        return replace(article, gtin=wrong_check_digit(article.gtin))
    if defect == "net_price_mismatch":
        # well beyond rounding: as if the net came from last year's list
        return replace(
            article,
            net=article.net + max(Decimal("7.30"), (article.net * Decimal("0.08")).quantize(Decimal("0.01"))),
        )
    return article


def plan_rows(
    rng: random.Random, articles: list[DemoArticle], defects: list[str] = (), blanks: int = 0
) -> list[PlannedRow]:
    """Articles in order, with each defect planted once and ``blanks`` blank rows inserted.

    Defects hit distinct articles in the middle 20-80 % of the list; a duplicate repeats an
    article 1-5 rows after its first occurrence.
    """
    rows = [PlannedRow(a) for a in articles]
    n = len(rows)
    lo, hi = max(1, n // 5), max(2, (n * 4) // 5)
    positions = rng.sample(range(lo, hi), len(defects)) if defects else []
    inserts: list[tuple[int, PlannedRow]] = []
    for pos, defect in zip(positions, defects):
        if defect == "duplicate_article":
            inserts.append((min(pos + rng.randrange(1, 6), n), PlannedRow(rows[pos].article, defect)))
        else:
            rows[pos] = PlannedRow(_damage(rows[pos].article, defect), defect)
    for _ in range(blanks):
        inserts.append((rng.randrange(lo, hi), PlannedRow(None)))
    # insert from the back so earlier positions stay valid; ties keep a stable order
    for pos, row in sorted(inserts, key=lambda x: x[0], reverse=True):
        rows.insert(pos, row)
    return rows


def notes_for(
    rows: list[PlannedRow], first_data_row: int
) -> tuple[int, list[RowNote], list[RowNote], list[RowNote]]:
    """(rows_read, rejected, warnings, skipped) for a plan whose first row is ``first_data_row``."""
    read = 0
    rejected, warnings, skipped = [], [], []
    for i, row in enumerate(rows):
        number = first_data_row + i
        if row.blank:
            skipped.append(RowNote(number, "blank"))
            continue
        read += 1
        key = row.article.article_no
        if row.defect in REJECTING:
            rejected.append(RowNote(number, row.defect, key))
        elif row.defect in WARNING:
            warnings.append(RowNote(number, row.defect, key))
    return read, rejected, warnings, skipped


def imported_articles(rows: list[PlannedRow]) -> list[DemoArticle]:
    """The articles an importer keeps from the plan (rejected rows left out)."""
    return [r.article for r in rows if not r.blank and r.defect not in REJECTING]
