"""The suppliers' price-list files: one per supplier in its shape, plus a change and a
replacement list, each with its manifest entry.

The first supplier of each shape carries the planted bad rows (``DEFECTS``); every
``title_block`` file has a title block, hidden column and totals row. The change list
(shape ``change_list``) follows the first ``csv_semicolon`` supplier's list: some prices
changed, a few new articles, one expired. The replacement list repeats the first
``swedish`` supplier's list with raised prices and a few articles dropped.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .articles import DemoArticle, Numbering, make_articles
from .identifiers import file_slug, orgnr_spaced
from .manifest import FileEntry, RowNote
from .parties import Party
from .rows import PlannedRow, notes_for, plan_rows
from .shapes import SHAPES, TITLE_HIDDEN_COLUMN, TWO_ROW_GROUP
from .writers import TitleBlock, write_csv, write_price_xlsx

DEFECTS = {
    "clean": ["gtin_check_digit"],
    "title_block": ["price_unreadable"],
    "swedish": [],
    "csv_semicolon": ["net_price_mismatch"],
    "csv_comma": ["duplicate_article"],
    "two_row_header": ["gtin_check_digit"],
}
BLANKS = {"title_block": 1, "csv_semicolon": 1}
CSV = {"csv_semicolon": (";", "cp1252"), "csv_comma": (",", "utf-8-sig")}
SHEETS = {"clean": "Prisliste", "swedish": "Prislista", "two_row_header": "Ark1", "change_list": "Endringer"}
NOTES = {
    "clean": (
        "Norske overskrifter i rad 1; GTIN/NOBB/varenr som tekst "
        "(ledende nuller); ekte tall og datoer; kampanjekolonner."
    ),
    "title_block": (
        "Tittel (flettet), adresse og logo i rad 1-5, overskrift i rad 6; skjult kolonne C (Fjorårets pris); "
        "priser som tekst '1 234,50' (vanlig eller hardt mellomrom) og 'kr 99,90'; rabatt '12,5 %'; "
        "Gyldig fra som tekst '01.09.2026' eller datoceller; Gyldig "
        "til som serienummer uten datoformat; summerad nederst."
    ),
    "swedish": (
        "Svenske overskrifter og enheter (st, frp, säck, rulle); EAN "
        "som tall; Rabatt og Moms som prosentformaterte brøker (0,125 = 12,5 %)."
    ),
    "csv_semicolon": "Semikolon, desimalkomma, cp1252, CRLF; tom rad skrevet som bare semikolon.",
    "csv_comma": (
        "Komma, desimalpunktum, UTF-8 med BOM; varetekster med komma står i anførselstegn; ISO-datoer."
    ),
    "two_row_header": (
        "Overskrift i to rader: 'Pris' flettet over 'Brutto'/'Netto', "
        "de andre flettet loddrett; NOBB som tall."
    ),
    "change_list": (
        "Endringsliste: bare berørte artikler; kolonnen Endring er Ny, Endret eller Utgår (for folk), "
        "kolonnen Utgår er Ja for artikkelen som går ut."
    ),
}


def _relpath(index: int, supplier: Party, suffix: str, ext: str) -> str:
    return f"prislister/{index:02d}_{file_slug(supplier.name)}{suffix}.{ext}"


def write_price_file(
    target: Path,
    relpath: str,
    shape: str,
    supplier: Party,
    rows: list[PlannedRow],
    *,
    kind: str,
    valid_from: date,
    created: date,
    changes: dict | None = None,
) -> FileEntry:
    path = target / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = SHAPES[shape]
    entry = dict(
        path=relpath,
        kind="prices",
        shape=shape,
        supplier_gln=supplier.gln,
        supplier_name=supplier.name,
        price_list_kind=kind,
        valid_from=valid_from.isoformat(),
        changes=changes or {},
        notes=NOTES[shape],
    )
    if shape in CSV:
        delimiter, encoding = CSV[shape]
        body = [None if r.blank else [c.value(r) for c in columns] for r in rows]
        last = write_csv(path, [c.header for c in columns], body, delimiter=delimiter, encoding=encoding)
        header_rows, first, totals = [1], 2, None
        entry.update(format="csv", encoding=encoding, delimiter=delimiter)
    else:
        sheet = SHEETS.get(shape, f"Prisliste {valid_from.year}")
        options = {}
        if shape == "title_block":
            options = dict(
                title=TitleBlock(
                    [
                        f"PRISLISTE {valid_from.year} – {supplier.name}",
                        f"{supplier.street}, {supplier.postnr} {supplier.poststed}",
                        f"Org.nr {orgnr_spaced(supplier.orgnr)} MVA · Tlf "
                        f"{supplier.phone} · {supplier.email}",
                        f"Gyldig fra {valid_from:%d.%m.%Y}. Alle priser i NOK eks. mva.",
                    ]
                ),
                hidden_column=TITLE_HIDDEN_COLUMN,
                totals_label_column=1,
            )
        elif shape == "two_row_header":
            options = dict(group_header=TWO_ROW_GROUP)
        layout = write_price_xlsx(
            path, sheet, columns, rows, created=created, author=supplier.name, **options
        )
        header_rows, first, last, totals = (
            layout.header_rows,
            layout.first_data_row,
            layout.last_data_row,
            layout.totals_row,
        )
        entry.update(format="xlsx", sheet=sheet)
    read, rejected, warnings, skipped = notes_for(rows, first)
    if totals is not None:
        skipped.append(RowNote(totals, "totals"))
    return FileEntry(
        header_rows=header_rows,
        first_data_row=first,
        last_data_row=last,
        rows_read=read,
        rejected=rejected,
        warnings=warnings,
        skipped=skipped,
        **entry,
    )


def first_lists(
    rng: random.Random,
    target: Path,
    index: int,
    supplier: Party,
    articles: list[DemoArticle],
    valid_from: date,
    created: date,
    first_of_shape: bool,
) -> tuple[FileEntry, list[PlannedRow]]:
    """The supplier's complete price list (kind *new*) in its shape."""
    shape = supplier.shape
    defects = DEFECTS[shape] if first_of_shape else []
    blanks = BLANKS.get(shape, 0) if first_of_shape else 0
    rows = plan_rows(rng, articles, defects, blanks)
    ext = "csv" if shape in CSV else "xlsx"
    entry = write_price_file(
        target,
        _relpath(index, supplier, "", ext),
        shape,
        supplier,
        rows,
        kind="new",
        valid_from=valid_from,
        created=created,
    )
    return entry, rows


def _raise(article: DemoArticle, factor: str, valid_from: date) -> DemoArticle:
    gross = (article.gross * Decimal(factor)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return replace(article.with_gross(gross), valid_from=valid_from)


def change_list(
    rng: random.Random,
    target: Path,
    index: int,
    supplier: Party,
    kept: list[DemoArticle],
    numbering: Numbering,
    valid_from: date,
    today: date,
) -> FileEntry:
    """A change list: ~4 % of the kept articles with new prices, a few new articles, one expired."""
    n_changed, n_new = max(3, len(kept) // 25), max(2, len(kept) // 100)
    picked = rng.sample(range(len(kept)), n_changed + 1)
    changed = sorted(picked[:-1])
    expired = kept[picked[-1]]
    names = {a.name for a in kept}
    fresh = [
        a
        for a in make_articles(rng, supplier, len(kept) + 4 * n_new + 10, numbering, valid_from, today, False)
        if a.name not in names
    ][:n_new]
    rows = [PlannedRow(_raise(kept[i], "1.04", valid_from), change="Endret") for i in changed]
    rows.append(PlannedRow(replace(expired, valid_from=valid_from), change="Utgår"))
    rows.sort(key=lambda r: r.article.article_no)
    rows += [PlannedRow(a, change="Ny") for a in fresh]
    changes = {
        "changed": [kept[i].article_no for i in changed],
        "new": [a.article_no for a in fresh],
        "expired": [expired.article_no],
    }
    return write_price_file(
        target,
        _relpath(index, supplier, "_endringer", "xlsx"),
        "change_list",
        supplier,
        rows,
        kind="change",
        valid_from=valid_from,
        created=valid_from,
        changes=changes,
    )


def replacement_list(
    rng: random.Random, target: Path, index: int, supplier: Party, kept: list[DemoArticle], valid_from: date
) -> FileEntry:
    """A replacement list in the supplier's own shape: prices up 3 %, ~3 % of articles dropped."""
    dropped = set(rng.sample(range(len(kept)), max(1, len(kept) // 33)))
    rows = [PlannedRow(_raise(a, "1.03", valid_from)) for i, a in enumerate(kept) if i not in dropped]
    changes = {"dropped": [kept[i].article_no for i in sorted(dropped)]}
    ext = "csv" if supplier.shape in CSV else "xlsx"
    return write_price_file(
        target,
        _relpath(index, supplier, "_erstatning", ext),
        supplier.shape,
        supplier,
        rows,
        kind="replace",
        valid_from=valid_from,
        created=valid_from,
        changes=changes,
    )
