"""An invoice line's quantity, amount and prices from the qualifiers EANCOM and UN invoices use.

* Quantity: ``QTY+47`` invoiced quantity; without it ``QTY+46`` delivered quantity (what some
  suppliers invoice by); ``QTY+61`` return quantity on credit notes.
* Line amount: ``MOA+203`` line item amount; without it ``MOA+38`` invoice item amount or
  ``MOA+66`` goods item total (D.93A/D.96A invoices).
* Prices: ``PRI+AAA`` net (calculation net), without it ``PRI+INV`` invoice price; ``PRI+AAB``
  gross. Each may carry a price basis (C509 5284, e.g. 10 for "per 10 MTR") and its unit (6411).
  Without a basis the price is per unit of the quantity. A gross price on another basis than
  the net price is brought to the net price's basis, so one ``price_base_qty`` holds for both.
  A price in another unit than the quantity is kept, with a warning: invoice control cannot
  turn one unit into the other.
"""

from __future__ import annotations

from decimal import Decimal

from vareflyt.domain.money import nb_number

from .common import Price, Reader

QUANTITIES = ("47", "46", "61")  # in order of preference
LINE_AMOUNTS = ("203", "38", "66")
PRICES = ("AAA", "INV", "AAB")


def _first(found: dict, order: tuple[str, ...]):
    return next(((code, found[code]) for code in order if code in found), (None, None))


def line_values(
    r: Reader, qtys: dict, amounts: dict, prices: dict[str, Price], index: int, line_no: int | None
) -> dict:
    """The ``InvoiceLine`` fields for quantity, unit, line amount and prices; a missing
    quantity or amount is an error on the line."""
    out: dict = {}
    _, found = _first(qtys, QUANTITIES)
    if found is None:
        r.error("edi.quantity_missing", "fakturert antall (QTY+47 eller 46) mangler", index, line_no)
    elif found[0] is not None:
        out["quantity"], out["unit"] = found[0], found[1]
    elif not r.has_errors:  # the qualifier without a number (QTY+47): nothing to invoice
        r.error(
            "edi.quantity_missing", "fakturert antall (QTY+47 eller 46) har ikke noe tall", index, line_no
        )
    _, amount = _first(amounts, LINE_AMOUNTS)
    if amount is None:
        r.error("edi.line_amount_missing", "linjebeløp (MOA+203, 38 eller 66) mangler", index, line_no)
    elif amount[0] is not None:
        out["line_amount"] = amount[0]
    elif not r.has_errors:  # MOA+203 without an amount
        r.error(
            "edi.line_amount_missing",
            "linjebeløpet (MOA+203, 38 eller 66) har ikke noe beløp",
            index,
            line_no,
        )
    _, net = _first(prices, ("AAA", "INV"))
    gross = prices.get("AAB")
    basis = net.basis if net is not None else gross.basis if gross is not None else None
    if net is not None:
        out["net_price"] = net.amount
    if gross is not None:
        out["gross_price"] = gross.amount
        if net is not None and (gross.basis or Decimal(1)) != (net.basis or Decimal(1)):
            out["gross_price"] = gross.amount * (net.basis or Decimal(1)) / (gross.basis or Decimal(1))
    if basis is not None:
        out["price_base_qty"] = basis
    for price in (net, gross):
        unit = out.get("unit")
        if price is not None and price.unit and unit and price.unit != unit:
            r.warning(
                "edi.price_unit",
                f"prisen {nb_number(price.amount)} gjelder per "
                f"{nb_number(price.basis or Decimal(1))} {price.unit}, men antallet er i {unit}; "
                "fakturakontrollen kan ikke regne om mellom enhetene",
                price.index,
                line_no,
            )
            break
    return out
