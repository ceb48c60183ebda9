"""Invoice totals as EANCOM, NeB and older UN directories state them, checked against each other.

The summary section (after UNS+S) states the invoice total in one of several ways:

* ``MOA+77`` invoice amount (EANCOM; GS1's definition: after all allowances, charges and VAT —
  the amount due when nothing was prepaid), ``MOA+86`` message total monetary amount, ``MOA+39``
  invoice total amount, or ``MOA+128`` total amount (D.93A invoices): all the invoice total;
* ``MOA+9`` amount due / payable: the invoice total less what was prepaid (``MOA+113``). Many
  EANCOM and UN invoices leave it out; it then follows from the total.

The other amounts: ``79`` line total, ``260``/``259`` header allowances/charges, ``125`` taxable
(tax exclusive), ``176`` (or ``124`` outside a TAX group) VAT, ``165`` rounding (øreavrunding).

Relations checked, only between amounts the file states: one amount stated twice (``77`` and
``86``, ``176`` and ``124``, or the same code twice) must agree — otherwise the document does not
say what is owed, and it is rejected (``edi.totals_differ``); ``125 = 79 − 260 + 259``;
``total = 125 + VAT (+ 165)`` and ``9 = total − 113 (+ 165)`` — a difference there is a warning
(``edi.total_mismatch``) naming both values and the segment, and invoice control (checks u, v) judges it.

Rounding: NeB's checklist (seed 004 v) and GS1 put øreavrunding *inside* the invoice total, our
own writer (like UBL) writes ``77`` before rounding and ``9`` after it. Which one a file uses is
read from its own amounts (``9`` against ``77`` and ``165``, else ``77`` against ``125`` + VAT); when
nothing tells, the standard's meaning (inside) is taken. The domain's ``tax_inclusive`` is always
before rounding and ``payable`` after it, as ``InvoiceTotals`` defines them.
"""

from __future__ import annotations

from decimal import Decimal

from vareflyt.domain.invoices import VatBreakdown
from vareflyt.domain.money import format_kr, nb_number

from .common import Reader

TOTAL_CODES = ("77", "86", "39", "128")  # the invoice total, in order of preference
FIELDS = {
    "79": "line_total",
    "260": "allowance_total",
    "259": "charge_total",
    "125": "tax_exclusive",
    "113": "prepaid",
    "165": "rounding",
    "9": "payable",
}
VAT_CODES = ("176", "124")  # summary VAT total (124 only outside a TAX group)
SUMMARY_CODES = frozenset([*TOTAL_CODES, *FIELDS, *VAT_CODES])
ZERO = Decimal(0)

Stated = dict[str, list[tuple[Decimal, int]]]  # qualifier -> [(amount, body index)]


def _kr(value: Decimal) -> str:
    return format_kr(value)


class _Totals:
    def __init__(self, r: Reader, stated: Stated):
        self.r, self.stated = r, stated

    def one(self, codes: tuple[str, ...], what: str) -> tuple[Decimal | None, int | None, str | None]:
        """The first stated of ``codes``; every other statement of the same amount must agree."""
        found = [(code, value, index) for code in codes for value, index in self.stated.get(code, ())]
        if not found:
            return None, None, None
        code, value, index = found[0]
        for other, amount, at in found[1:]:
            if amount != value:
                self.r.error(
                    "edi.totals_differ",
                    f"{what} står med ulike beløp: MOA+{code} {_kr(value)} og "
                    f"MOA+{other} {_kr(amount)}; fakturaen sier ikke hva som skal betales",
                    at,
                )
        return value, index, code

    def differs(self, stated: Decimal, index: int, label: str, expected: Decimal, how: str) -> None:
        self.r.warning("edi.total_mismatch", f"{label} {_kr(stated)} er ikke {how} = {_kr(expected)}", index)


def settle(r: Reader, stated: Stated) -> dict[str, Decimal]:
    """``InvoiceTotals`` fields from the summary amounts, with the cross-checks; errors and
    warnings go to ``r``. ``payable`` is always set when the file states any total."""
    t = _Totals(r, stated)
    out: dict[str, Decimal] = {}
    at: dict[str, int] = {}
    for code, name in FIELDS.items():
        value, index, _ = t.one((code,), f"MOA+{code}")
        if value is not None:
            out[name], at[name] = value, index
    vat, vat_at, vat_code = t.one(VAT_CODES, "Momsbeløpet")
    if vat is not None:
        out["vat_total"] = vat
    total, total_at, total_code = t.one(TOTAL_CODES, "Fakturabeløpet")
    payable = out.get("payable")
    if total is None and payable is None:
        r.error(
            "edi.total_missing", "fakturabeløp (MOA+77, 86 eller 39) eller beløp å betale (MOA+9) mangler"
        )
        return out
    rounding, prepaid = out.get("rounding", ZERO), out.get("prepaid", ZERO)
    exclusive, how = _exclusive(t, out, at)
    inside = False  # is the rounding inside the stated total?
    if total is not None and rounding:
        inside = _rounding_inside(total, payable, prepaid, rounding, exclusive, vat)
    if total is not None and exclusive is not None and vat is not None:
        expected = exclusive + vat + (rounding if inside else ZERO)
        if total != expected:
            parts = f"{how} + MOA+{vat_code}" + (" + MOA+165" if inside else "")
            t.differs(total, total_at, f"Fakturabeløpet MOA+{total_code}", expected, parts)
    if total is not None:
        due = total - prepaid + (ZERO if inside else rounding)
        if payable is not None and payable != due:
            parts = (
                f"MOA+{total_code}"
                + (" − MOA+113" if prepaid else "")
                + (" + MOA+165" if rounding and not inside else "")
            )
            t.differs(payable, at["payable"], "Beløp å betale MOA+9", due, parts)
        out["tax_inclusive"] = total - rounding if inside else total
        out.setdefault("payable", due)
    return out


def _rounding_inside(
    total: Decimal,
    payable: Decimal | None,
    prepaid: Decimal,
    rounding: Decimal,
    exclusive: Decimal | None,
    vat: Decimal | None,
) -> bool:
    """Whether the file's invoice total already contains the øreavrunding: what its own amounts
    say (9 = total − 113, or total = 125 + VAT + 165); with an amount due that fits neither, the
    amounts are taken as stated (not inside); with nothing to tell, the standard's meaning."""
    if payable is not None:
        if payable == total - prepaid:
            return True
        if payable == total - prepaid + rounding:
            return False
    if exclusive is not None and vat is not None:
        if total == exclusive + vat + rounding:
            return True
        if total == exclusive + vat:
            return False
    return payable is None


def _exclusive(t: _Totals, out: dict, at: dict) -> tuple[Decimal | None, str]:
    """The tax-exclusive amount the file states (125, else 79 − 260 + 259), after checking
    125 against the line total and header allowances and charges."""
    lines = out.get("line_total")
    computed = None
    if lines is not None:
        computed = lines - out.get("allowance_total", ZERO) + out.get("charge_total", ZERO)
    how = (
        "MOA+79"
        + (" − MOA+260" if "allowance_total" in out else "")
        + (" + MOA+259" if "charge_total" in out else "")
    )
    stated = out.get("tax_exclusive")
    if stated is None:
        return computed, how
    if computed is not None and stated != computed:
        t.differs(stated, at["tax_exclusive"], "Momsgrunnlaget MOA+125", computed, how)
    return stated, "MOA+125"


def summary_charges(stated: Stated, summary_acs: list[dict], others: bool, header_acs: list[dict]) -> None:
    """Summary ALC groups state totals per allowance/charge type. When the invoice has no
    other allowance or charge (``others``) and no MOA+259/260, they are its header totals.
    Without MOA+259/260 and summary ALC groups, the header ALC groups are the header totals:
    many systems state a freight charge once, in the header, and leave the totals out."""
    if "259" in stated or "260" in stated or (others and summary_acs):
        return
    for ac in summary_acs or header_acs:
        if ac.get("amount") is not None:
            stated.setdefault("259" if ac["is_charge"] else "260", []).append((ac["amount"], ac["_index"]))
    for code in ("259", "260"):  # several groups of one kind add up to one total
        if len(stated.get(code, ())) > 1:
            stated[code] = [(sum(v for v, _ in stated[code]), stated[code][0][1])]


def vat_breakdown(r: Reader, groups: list[dict], totals: dict) -> list[VatBreakdown]:
    """The summary TAX groups as VAT breakdown. A single rate with no amounts of its own (as
    D.93A invoices state it after the totals) takes the invoice's taxable amount and VAT."""
    out = []
    for v in groups:
        index = v.pop("_index")
        v.pop("_totals", None)
        if v.get("rate") is None and v.get("category") is None and v.get("taxable_amount") is None:
            continue  # a bare TAX+7+VAT in the summary says nothing
        if (
            len(groups) == 1
            and v.get("taxable_amount") is None
            and v.get("tax_amount") is None
            and v.get("rate") is not None
            and totals.get("vat_total") is not None
        ):
            base = totals.get("tax_exclusive")
            if base is None and totals.get("line_total") is not None:
                base = totals["line_total"] - totals.get("allowance_total", 0) + totals.get("charge_total", 0)
            if base is not None:
                r.warning(
                    "edi.vat_from_totals",
                    f"momsspesifikasjonen har bare satsen {nb_number(v['rate'])} %; "
                    "grunnlag og momsbeløp er tatt fra fakturaens totaler",
                    index,
                )
                v["taxable_amount"], v["tax_amount"] = base, totals["vat_total"]
        missing = [
            what
            for key, what in (
                ("rate", "sats"),
                ("taxable_amount", "grunnlag (MOA+125)"),
                ("tax_amount", "momsbeløp (MOA+124)"),
            )
            if v.get(key) is None
        ]
        if missing:
            category = f" for kategori {v['category']}" if v.get("category") else ""
            r.error("edi.vat_missing", f"momsspesifikasjonen{category} mangler {' og '.join(missing)}", index)
            continue
        out.append(
            VatBreakdown(
                category=v["category"] or "S",
                rate=v["rate"],
                taxable_amount=v["taxable_amount"],
                tax_amount=v["tax_amount"],
            )
        )
    return out
