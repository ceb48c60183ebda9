"""Price-list rules: checking one row, mapping unit words, and which price applies on a date.

Row rules (``check_row``), from parsed values ``{field: value}`` and the parser's problems:

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

Version rules (``chain_on``, ``effective``, ``quote``): versions are numbered per supplier in
import order. On date D the *base* is the latest-imported *new*/*replace* version whose
valid-from is on or before D (it supersedes everything imported before it); *change* versions
imported after the base and valid by D are applied on top in import order. An article row
applies only inside its own valid-from/valid-to; an expired row removes the article. A
campaign price overrides the net price from campaign start to campaign end inclusive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from stdnum import ean

from ..domain.catalogue import (
    PACK_ORDER,
    CatalogueArticle,
    CatalogueKind,
    PriceQuote,
    PriceVersion,
    article_key,
)
from ..domain.issues import Issue, Source, error, warning
from ..domain.money import nb_number

PRICE_FIELDS = ("gross", "net", "discount")
MAX_PRICE = Decimal("1e12")  # the store keeps NUMERIC(20, 6)
MAX_TEXT = {"article_no": 70, "unit": 35, "product_group": 70}  # column widths in the store
LARGE_OPTIONAL = ("pack_qty", "fees", "weight", "price_basis", "campaign_net", "vat")
REJECT_FIELDS = {"article_no", "gtin", *PRICE_FIELDS}
VAT_RATES = {Decimal(0), Decimal(12), Decimal(15), Decimal(25)}
PACK_WORDS = {
    "f": "F",
    "forbrukerenhet": "F",
    "consumer unit": "F",
    "d": "D",
    "mellomforpakning": "D",
    "t": "T",
    "pall": "T",
    "pallet": "T",
    "k": "D",
    "kartong": "D",
}
COMPARED = (
    "name",
    "gtin",
    "nobb",
    "unit",
    "pack_qty",
    "gross",
    "discount_pct",
    "net",
    "fees",
    "vat_pct",
    "valid_to",
    "campaign_net",
    "campaign_from",
    "campaign_to",
    "product_group",
    "weight_kg",
    "dimensions",
    "expired",
    "price_basis",
)


def map_unit(word: str | None, units: Mapping[str, str]) -> tuple[str | None, str | None]:
    """Unit word as written -> (Rec 20 code, None), or (word, problem) when unknown."""
    if word is None or not str(word).strip():
        return None, None
    w = str(word).strip().lower()
    code = units.get(w) or units.get(w.rstrip("."))
    if code:
        return code, None
    return str(word).strip(), (
        f"ukjent enhet «{str(word).strip()}»; lagret som skrevet (legg "
        "ordet til under prices.units i vareflyt.toml)"
    )


def gs1_sum_ok(digits: str) -> bool:
    """The GS1 mod-10 check in two C-level sums (weights 3,1,3,… from the right of the body)."""
    b = digits.encode("ascii")
    odd, even = b[-2::-2], b[-3::-2]  # ASCII codes: subtract 48 ('0') per digit
    total = 3 * (sum(odd) - 48 * len(odd)) + sum(even) - 48 * len(even)
    return (10 - total % 10) % 10 == b[-1] - 48


def gtin_problem(gtin: str) -> str | None:
    """Why ``gtin`` is not a GTIN-8/12/13/14, or None. ``stdnum.ean`` decides every number the
    fast sum rejects (and a test holds the two equal), so the rule is stdnum's."""
    if len(gtin) not in (8, 12, 13, 14):
        return f"GTIN {gtin} har {len(gtin)} siffer; skal ha 8, 12, 13 eller 14"
    if not (gtin.isdigit() and gtin.isascii()) or not (gs1_sum_ok(gtin) or ean.is_valid(gtin)):
        return f"GTIN {gtin} har feil kontrollsiffer"
    return None


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent  # "n"/"N"/"F" only for NaN and infinity
    return max(2, -exponent) if isinstance(exponent, int) else 2


@lru_cache(maxsize=4096)
def discount_factor(discount: Decimal | None) -> Decimal:
    return 1 - (discount or 0) / Decimal(100)


def expected_net(gross: Decimal, discount: Decimal | None) -> Decimal:
    net = gross * discount_factor(discount)
    return net.quantize(Decimal(1).scaleb(-_places(gross)), rounding=ROUND_HALF_UP)


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


def chain_on(versions: Iterable[PriceVersion], on: date) -> list[PriceVersion]:
    """The versions that make up the prices on ``on``, oldest first (base, then changes)."""
    started = [v for v in versions if v.valid_from is None or v.valid_from <= on]
    fulls = [v for v in started if v.kind is not CatalogueKind.CHANGE]
    base = max(fulls, key=lambda v: v.number) if fulls else None
    changes = sorted(
        (v for v in started if v.kind is CatalogueKind.CHANGE and (base is None or v.number > base.number)),
        key=lambda v: v.number,
    )
    return ([base] if base else []) + changes


def applies(article: CatalogueArticle, on: date) -> bool:
    return (article.valid_from is None or article.valid_from <= on) and (
        article.valid_to is None or on <= article.valid_to
    )


def effective(
    versions: Iterable[PriceVersion], rows: Mapping[int, Iterable[CatalogueArticle]], on: date
) -> dict[tuple[str, str], tuple[PriceVersion, CatalogueArticle]]:
    """Article key -> (version, row) in effect on ``on``; ``rows`` maps version id -> its rows."""
    out: dict[tuple[str, str], tuple[PriceVersion, CatalogueArticle]] = {}
    for version in chain_on(versions, on):
        for article in rows.get(version.id, ()):
            if (article.valid_from is None and article.valid_to is None) or applies(article, on):
                out[(article.article_no, article.pack_level or "F")] = (version, article)  # article_key
    return {k: va for k, va in out.items() if not va[1].expired}


def quote(version: PriceVersion, article: CatalogueArticle, on: date) -> PriceQuote:
    """The price of a row on ``on``: the campaign price while its window is open."""
    if (
        article.campaign_net is not None
        and article.campaign_from
        and article.campaign_to
        and article.campaign_from <= on <= article.campaign_to
    ):
        return PriceQuote(
            version, article, article.campaign_net, True, article.campaign_from, article.campaign_to
        )
    return PriceQuote(
        version, article, article.net, False, article.valid_from or version.valid_from, article.valid_to
    )


def best_match(
    found: Mapping[Any, tuple[PriceVersion, CatalogueArticle]], wanted: str
) -> tuple[PriceVersion, CatalogueArticle] | None:
    """Among effective rows, the one for ``wanted`` (supplier no., GTIN or NOBB no.): an exact
    GTIN match first, else the consumer-unit level (F / none) before D before T."""
    hits = [va for va in found.values() if wanted in (va[1].article_no, va[1].gtin, va[1].nobb)]
    if not hits:
        return None
    by_gtin = [va for va in hits if va[1].gtin == wanted]
    return min(by_gtin or hits, key=lambda va: (PACK_ORDER.get(va[1].pack_level, 3), va[1].article_no))


def compare(
    previous: Mapping[tuple[str, str], CatalogueArticle],
    articles: Iterable[CatalogueArticle],
    kind: CatalogueKind,
    kept: Iterable[tuple[str, str]] = (),
) -> dict[str, int]:
    """Counts new / changed / unchanged / expired of a new version against the prices before it.
    A *new*/*replace* list expires the articles it does not hold, except those in ``kept``
    (carried from before because their row was rejected)."""
    counts = {"new": 0, "changed": 0, "unchanged": 0, "expired": 0}
    seen = set()
    for a in articles:
        key = article_key(a)
        seen.add(key)
        if a.expired:
            counts["expired"] += 1
            continue
        old = previous.get(key)
        if old is None:
            counts["new"] += 1
        elif all(getattr(old, f) == getattr(a, f) for f in COMPARED):
            counts["unchanged"] += 1
        else:
            counts["changed"] += 1
    if kind is not CatalogueKind.CHANGE:
        seen.update(kept)
        counts["expired"] += sum(1 for key in previous if key not in seen)
    return counts
