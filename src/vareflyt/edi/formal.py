"""The formal checks a receiver makes before it takes a document in (seed 004 §2.6: complete,
syntax-correct); each failure is an error, so ``edi read`` rejects the document whole.

Per segment (``elements``, compiled together with the NeB rules by ``quickcheck`` and
``checks``): every data element against the D.03A directory; the characters the interchange's
syntax level allows; quantities (QTY 6060), prices (PRI 5118) and amounts (MOA 5004) with at
most 15 significant digits, and a minus only where the message type allows it:

* QTY: negative only in INVOIC, where a line with a negative quantity is a credit line (goods
  returned, deposit refunded); an order, order response, packing slip or price list never
  states a negative quantity.
* PRI: never negative: a price is per unit; a credit line has a negative quantity, and a
  credit note is BGM 381 with positive values.
* MOA: either sign (allowances, rounding, credit lines); only the digit bound.

Per message (``message_issues``): the document number (BGM 1004) is present; the LIN line
numbers are whole numbers 1, 2, 3, ... each used once (in the order the lines come, except in
DESADV, where lines are grouped under their packages: there the numbers only have to be
1..n); CNT+2, when present, equals the number of lines.
"""

from __future__ import annotations

from functools import cache

from ..domain.wording import plural
from .elements import Bound, component_value

NEGATIVE_QUANTITY = frozenset({"INVOIC"})
UNORDERED_LINES = frozenset({"DESADV"})
NO_DOCUMENT_NUMBER = frozenset({"CONTRL"})

Found = tuple[int, str, str, str]  # (segment number in the message, tag, issue code, message)


@cache
def bounds_for(mtype: str) -> dict[str, tuple[Bound, ...]]:
    """The quantity, price and amount bounds of a message type, by tag."""
    qty_why = "" if mtype in NEGATIVE_QUANTITY else f"i {mtype}"
    pri_why = (
        "(en kreditlinje har negativt antall, ikke negativ pris)"
        if mtype in NEGATIVE_QUANTITY
        else f"i {mtype}"
    )
    return {
        "QTY": (Bound(0, 1, "antall", mtype in NEGATIVE_QUANTITY, qty_why),),
        "PRI": (Bound(0, 1, "pris", False, pri_why),),
        "MOA": (Bound(0, 1, "beløp", True),),
    }


def message_issues(
    mtype: str, body: list, lins: list[tuple[int, object]], line_count: int, summary_from: int
) -> list[Found]:
    """Document number, line numbers and CNT+2 of one message. ``lins`` holds (segment number,
    first element) of every LIN; ``summary_from`` is the body index where UNS is (or the end)."""
    out: list[Found] = []
    if mtype not in NO_DOCUMENT_NUMBER:
        for index, seg in enumerate(body[:16]):
            if seg.tag == "BGM":
                if not _first(seg, 1):
                    out.append(
                        (
                            index + 2,
                            "BGM",
                            "edi.document_number",
                            "BGM mangler dokumentnummer (1004); dokumentet kan ikke tas imot uten",
                        )
                    )
                break
    out += _line_numbers(mtype, lins)
    tail_from = summary_from if summary_from < len(body) else max(0, len(body) - 5)
    counted = 0
    for index, seg in enumerate(body):  # CNT follows UNS; DESADV has no UNS and ends with CNT
        if seg.tag != "CNT" or _first(seg, 0) != "2":
            continue
        counted += 1
        stated = component_value(seg.elements, 0, 1)
        if index < tail_from and lins:
            where = "før" if index < lins[0][0] - 2 else "midt i"
            out.append(
                (
                    index + 2,
                    "CNT",
                    "edi.cnt",
                    f"CNT+2 står {where} varelinjene; den skal stå i summeringsdelen",
                )
            )
        elif counted > 1:
            out.append((index + 2, "CNT", "edi.cnt", "CNT+2 står mer enn én gang; antall linjer er uklart"))
        elif stated.isascii() and stated.isdigit() and int(stated) != line_count:
            out.append(
                (
                    index + 2,
                    "CNT",
                    "edi.cnt",
                    f"CNT+2 oppgir {plural(int(stated), 'linje', 'linjer')}, meldingen har {line_count}",
                )
            )
    return out


def _line_numbers(mtype: str, lins: list[tuple[int, object]]) -> list[Found]:
    if [raw for _, raw in lins] == [str(n) for n in range(1, len(lins) + 1)]:
        return []  # the usual case: 1, 2, 3 ... as written
    out: list[Found] = []
    seen: dict[int, int] = {}
    previous = 0
    for number, raw in lins:
        value = raw[0] if raw.__class__ is list else raw
        if not value:
            out.append((number, "LIN", "edi.line_number", "LIN mangler linjenummer (1082)"))
            continue
        if not (value.isascii() and value.isdigit()):
            out.append((number, "LIN", "edi.line_number", f"Linjenummer «{value}» i LIN er ikke et heltall"))
            continue
        line = int(value)
        if line in seen:
            out.append(
                (
                    number,
                    "LIN",
                    "edi.line_number",
                    f"Linjenummer {line} er brukt før (segment {seen[line]}); "
                    "hver linje skal ha sitt eget nummer",
                )
            )
            continue
        seen[line] = number
        if mtype not in UNORDERED_LINES and line != previous + 1:
            where = f"følger etter linje {previous}" if previous else "står først"
            out.append(
                (
                    number,
                    "LIN",
                    "edi.line_number",
                    f"Linjenummer {line} {where}; linjene skal nummereres fortløpende 1, 2, 3 …",
                )
            )
        previous = line
    if mtype in UNORDERED_LINES and not out:  # unique numbers: 1..n exactly when none is outside
        total = len(seen)
        for line, number in seen.items():
            if not 1 <= line <= total:
                out.append(
                    (
                        number,
                        "LIN",
                        "edi.line_number",
                        f"Linjenummer {line} passer ikke: meldingen har "
                        f"{plural(total, 'linje', 'linjer')}, nummerert 1 til "
                        f"{total} uten hull",
                    )
                )
                break
    return out


def _first(seg, element: int) -> str:
    return component_value(seg.elements, element, 0)
