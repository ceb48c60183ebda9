"""Checking one parsed row of a supplier's price list (``check_row``).

From parsed values ``{field: value}`` and the parser's problems:

* rejected (error): no article number; a GTIN that is not 8/12/13/14 digits with a correct
  GS1 check digit; a price (gross, net, discount) that cannot be read, is negative or (for the
  discount) outside 0–100 %; no price at all;
* imported with a warning: net ≠ gross × (1 − discount) beyond the tolerance (the larger of
  ``tolerance`` kr and ``tolerance_pct`` % of the computed net); a NOBB number that is not 8
  digits (dropped); an unknown unit word (kept as written); an unusual VAT rate; a price basis
  ("price per N units") of 0 or less (dropped: price per unit); an unreadable
  optional value (dropped); a campaign price without a complete, ordered date window (ignored).
* net missing: computed from gross and discount (rounded to the gross price's decimals, at
  least øre).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from ...domain.catalogue import CatalogueArticle
from ...domain.issues import Issue, Source, error, warning
from ...domain.money import nb_number
from .row_values import (
    LARGE_OPTIONAL,
    MAX_PRICE,
    MAX_TEXT,
    PACK_WORDS,
    PRICE_FIELDS,
    REJECT_FIELDS,
    VAT_RATES,
    expected_net,
    gtin_problem,
    map_unit,
)


def check_row(
    values: Mapping[str, Any],
    problems: Mapping[str, str],
    *,
    units: Mapping[str, str],
    tolerance: Decimal = Decimal("0.02"),
    tolerance_pct: Decimal = Decimal("0.5"),
) -> tuple[CatalogueArticle | None, list[Issue]]:
    """One parsed row -> (article or None when rejected, issues with ``Source(field=...)``).

    Written for 100 000 rows a file: the clean row takes the short path (no copies, one
    lookup per field); every problem adds an issue and drops or rejects as the module says."""
    issues: list[Issue] = []
    if problems:
        values = dict(values)
        for f, problem in problems.items():
            if f in REJECT_FIELDS:
                issues.append(error(f"price.unreadable_{f}", f"{problem}; raden er avvist", Source(field=f)))
            else:
                issues.append(
                    warning("price.unreadable", f"{problem}; verdien er ikke brukt", Source(field=f))
                )
            values[f] = None
    get = values.get
    article_no, gtin, gross, net, disc = (
        get("article_no"),
        get("gtin"),
        get("gross"),
        get("net"),
        get("discount"),
    )
    if not article_no:
        issues.append(
            error("price.no_article", "mangler varenummer; raden er avvist", Source(field="article_no"))
        )
    elif len(article_no) > MAX_TEXT["article_no"]:
        issues.append(
            error(
                "price.article_no",
                f"varenummeret er lengre enn {MAX_TEXT['article_no']} tegn; raden er avvist",
                Source(field="article_no"),
            )
        )
    if gtin and (p := gtin_problem(gtin)):
        issues.append(error("price.gtin", f"{p}; raden er avvist", Source(field="gtin")))
    for f, val in (("gross", gross), ("net", net)):
        if val is None:
            continue
        if not -MAX_PRICE < val < MAX_PRICE:
            issues.append(
                error(
                    "price.too_large",
                    f"prisen {nb_number(val)} er urimelig stor; raden er avvist",
                    Source(field=f),
                )
            )
        elif val < 0:
            issues.append(
                error("price.negative", f"negativ pris {nb_number(val)}; raden er avvist", Source(field=f))
            )
    if gross is None and net is None and not any(f in problems for f in PRICE_FIELDS):
        issues.append(
            error(
                "price.no_price",
                "mangler pris (brutto og netto er tomme); raden er avvist",
                Source(field="net"),
            )
        )
    if disc is not None and not (0 <= disc <= 100):
        issues.append(
            error(
                "price.discount_range",
                f"rabatt {nb_number(disc)} % er utenfor 0–100 %; raden er avvist",
                Source(field="discount"),
            )
        )
    if issues and any(i.is_error for i in issues):
        return None, issues
    dropped = set()
    for f in LARGE_OPTIONAL:
        val = get(f)
        if val is not None and not -MAX_PRICE < val < MAX_PRICE:
            issues.append(
                warning(
                    "price.too_large",
                    f"verdien {nb_number(val)} er urimelig stor; ikke brukt",
                    Source(field=f),
                )
            )
            dropped.add(f)
    for f in ("unit", "product_group"):
        val = get(f)
        if val and len(val) > MAX_TEXT[f]:
            issues.append(
                warning(
                    "price.too_long",
                    f"«{val[:20]}…» er lengre enn {MAX_TEXT[f]} tegn; ikke brukt",
                    Source(field=f),
                )
            )
            dropped.add(f)
    value: Callable[[str], Any] = (lambda f: None if f in dropped else get(f)) if dropped else get
    if net is None and gross is not None:
        net = expected_net(gross, disc)
    elif gross is not None and net is not None and disc is not None:
        expected = expected_net(gross, disc)
        if abs(net - expected) > max(tolerance, abs(expected) * tolerance_pct / 100):
            issues.append(
                warning(
                    "price.inconsistent",
                    f"nettopris {nb_number(net)} stemmer ikke med bruttopris {nb_number(gross)} minus "
                    f"{nb_number(disc)} % rabatt (= {nb_number(expected)}); "
                    "importert med nettoprisen som står",
                    Source(field="net"),
                )
            )
    nobb = get("nobb")
    if nobb and not (len(nobb) == 8 and nobb.isdigit()):
        issues.append(
            warning("price.nobb", f"NOBB-nummer «{nobb}» skal ha 8 siffer; ikke brukt", Source(field="nobb"))
        )
        nobb = None
    unit, unit_problem = map_unit(value("unit"), units)
    if unit_problem:
        issues.append(warning("price.unit", unit_problem, Source(field="unit")))
    vat = value("vat")
    if vat is not None and vat not in VAT_RATES:
        issues.append(warning("price.vat", f"uvanlig mva-sats {nb_number(vat)} %", Source(field="vat")))
    pack = get("pack_level")
    if pack:
        level = PACK_WORDS.get(pack.strip().lower())
        if level is None:
            issues.append(
                warning(
                    "price.pack_level",
                    f"ukjent pakningsnivå «{pack}» (bruk F, D eller T); ikke brukt",
                    Source(field="pack_level"),
                )
            )
        pack = level
    camp_net, camp_from, camp_to = value("campaign_net"), get("campaign_from"), get("campaign_to")
    if camp_net is not None and (camp_from is None or camp_to is None or camp_from > camp_to):
        issues.append(
            warning(
                "price.campaign",
                "kampanjepris uten gyldig fra- og til-dato; ikke brukt",
                Source(field="campaign_net"),
            )
        )
        camp_net = camp_from = camp_to = None
    basis = value("price_basis")
    if basis is not None and basis <= 0:
        issues.append(
            warning(
                "price.basis",
                f"prisbasis {nb_number(basis)} må være større enn 0; ikke brukt (prisen gjelder per enhet)",
                Source(field="price_basis"),
            )
        )
        basis = None
    valid_from, valid_to = get("valid_from"), get("valid_to")
    if valid_from and valid_to and valid_from > valid_to:
        issues.append(warning("price.validity", "gyldig til er før gyldig fra", Source(field="valid_to")))
    assert article_no, "a row without an article number was rejected above"
    article = CatalogueArticle(
        article_no=article_no,
        name=get("name") or "",
        gtin=gtin,
        nobb=nobb,
        unit=unit,
        pack_level=pack,
        pack_qty=value("pack_qty"),
        gross=gross,
        discount_pct=disc,
        net=net,
        fees=value("fees"),
        vat_pct=vat,
        valid_from=valid_from,
        valid_to=valid_to,
        product_group=value("product_group"),
        weight_kg=value("weight"),
        dimensions=get("dimensions"),
        campaign_net=camp_net,
        campaign_from=camp_from,
        campaign_to=camp_to,
        expired=bool(get("expired")),
        price_basis=basis,
    )
    return article, issues
