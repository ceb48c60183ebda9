"""``generate_demo_inputs``: write the demo's input files and their manifest into a folder.

Order of work, and of the manifest's ``files`` (= the order to import them in):
the party list, one complete price list per supplier, the change list, the replacement
list, and last the party update. Random streams are seeded per purpose from ``seed`` so
the parties do not change when only the article count changes; the same arguments give
the same bytes.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from .articles import Numbering, allocate, make_articles
from .manifest import DemoManifest
from .parties import make_parties
from .party_files import write_party_list, write_party_update
from .pricelists import change_list, first_lists, replacement_list
from .rows import imported_articles

MIN_ARTICLES_PER_SUPPLIER = 10


def _month_start(d: date, months_back: int) -> date:
    month = d.month - months_back
    year = d.year + (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1)


def generate_demo_inputs(
    target_dir: Path, *, seed: int = 2026, articles: int = 20000, suppliers: int = 30, today: date
) -> DemoManifest:
    """Write party and price-list files under ``target_dir`` and ``demo_manifest.json`` beside them.

    ``suppliers`` must be at least 6 (one per price-list shape) and ``articles`` at least
    10 per supplier (``articles=300`` with the default 30 suppliers is the tiny size for
    tests). Complete lists are valid from the first day of the month two months
    before ``today``; the change and replacement lists from the first day of ``today``'s month.
    Files are overwritten; files of an earlier run with other arguments are left alone (the
    manifest lists only this run's files).
    """
    if suppliers < 6:
        raise ValueError("suppliers must be at least 6: one per price-list shape")
    target = Path(target_dir)
    target.mkdir(parents=True, exist_ok=True)
    list_from, change_from = _month_start(today, 2), _month_start(today, 0)

    cast = make_parties(random.Random(f"{seed}:parties"), suppliers)
    files = [write_party_list(target, cast, list_from)]

    rng = random.Random(f"{seed}:articles")
    shares = allocate(rng, cast.suppliers, articles, MIN_ARTICLES_PER_SUPPLIER)
    used_nobb: set[str] = set()
    numberings, kept = [], []
    seen_shapes: set[str] = set()
    for i, (supplier, count) in enumerate(zip(cast.suppliers, shares), start=1):
        numbering = Numbering(rng, supplier, used_nobb)
        own = make_articles(
            rng, supplier, count, numbering, list_from, today, campaigns=supplier.shape == "clean"
        )
        first = supplier.shape not in seen_shapes
        seen_shapes.add(supplier.shape)
        entry, rows = first_lists(
            random.Random(f"{seed}:rows:{i}"), target, i, supplier, own, list_from, list_from, first
        )
        files.append(entry)
        numberings.append(numbering)
        kept.append(imported_articles(rows))

    index = len(cast.suppliers)
    changer = next(i for i, s in enumerate(cast.suppliers) if s.shape == "csv_semicolon")
    files.append(
        change_list(
            random.Random(f"{seed}:change"),
            target,
            index + 1,
            cast.suppliers[changer],
            kept[changer],
            numberings[changer],
            change_from,
            today,
        )
    )
    replacer = next(i for i, s in enumerate(cast.suppliers) if s.shape == "swedish")
    files.append(
        replacement_list(
            random.Random(f"{seed}:replace"),
            target,
            index + 2,
            cast.suppliers[replacer],
            kept[replacer],
            change_from,
        )
    )
    files.append(write_party_update(random.Random(f"{seed}:party-update"), target, cast))

    main, warehouse, second = cast.shop
    manifest = DemoManifest(
        seed=seed,
        today=today.isoformat(),
        articles=articles,
        suppliers=suppliers,
        own_company={
            "name": main.name,
            "gln": main.gln,
            "glns": {"main_store": main.gln, "warehouse": warehouse.gln, "second_store": second.gln},
            "orgnr": main.orgnr,
            "vat_no": main.vat_no,
            "address": main.street,
            "postnr": main.postnr,
            "poststed": main.poststed,
            "country": main.country,
            "kontonr": main.kontonr,
            "email": main.email,
            "phone": main.phone,
        },
        partners={s.gln: {"name": s.name, "edi": s.edi} for s in cast.suppliers},
        files=files,
    )
    manifest.write(target)
    return manifest
